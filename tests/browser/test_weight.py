"""Every registered page, in every language and role, weighs at most 60 KB transferred.

The weight is what a first visit with an empty cache downloads: the HTML and every
stylesheet, script, image and font the page loads, each body counted as gzip at level 6
would send it. The app serves uncompressed bodies; compressing is the reverse proxy's job
in production (README, "Production"), and nginx's gzip sends about this much.
"""

from __future__ import annotations

import gzip

import pytest
from browser.pages import PAGE_VISITS, VISIT_IDS
from browser.tools import require_tools

BUDGET_BYTES = 60 * 1024
GZIP_LEVEL = 6
SHOW_HEAVIEST = 10


@pytest.fixture(scope="module", autouse=True)
def _chromium_available():
    require_tools("chromium")


@pytest.fixture(scope="module")
def weights(request) -> dict[str, int]:
    """Each visit's weight; the heaviest are printed when the module is done."""
    found: dict[str, int] = {}
    yield found
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    if reporter is None or capture is None or not found:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(f"Heaviest pages (gzip -{GZIP_LEVEL}, budget {BUDGET_BYTES} bytes):")
        for visit_id, size in sorted(found.items(), key=lambda item: -item[1])[:SHOW_HEAVIEST]:
            reporter.write_line(f"  {size:>7} bytes  {size / BUDGET_BYTES:4.0%}  {visit_id}")


def compressed_size(body: bytes, cache: dict[str, int], url: str, static: bool) -> int:
    """The body's size as gzip sends it; a static file is compressed once per run."""
    if static and url in cache:
        return cache[url]
    size = len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))
    if static:
        cache[url] = size
    return size


@pytest.fixture(scope="module")
def static_sizes() -> dict[str, int]:
    return {}


@pytest.mark.parametrize(("page_spec", "lang"), PAGE_VISITS, ids=VISIT_IDS)
def test_page_weighs_at_most_60_kb(
    open_page, context_for, page_spec, lang, weights, static_sizes, request
):
    context = context_for(page_spec.role)
    responses = []

    def record(response):
        responses.append(response)

    def go_on(route):
        route.continue_()

    # Routing turns the browser cache off, so every visit downloads what a first visit does.
    context.route("**/*", go_on)
    context.on("response", record)
    try:
        page = open_page(page_spec, lang)
        page.wait_for_load_state("load")
    finally:
        context.remove_listener("response", record)
        context.unroute("**/*", go_on)
    parts = []
    for response in responses:
        if 300 <= response.status < 400:
            continue  # a redirect has no body the page shows
        static = "/static/" in response.url
        parts.append(
            (compressed_size(response.body(), static_sizes, response.url, static), response.url)
        )
    total = sum(size for size, _url in parts)
    weights[request.node.callspec.id] = total
    assert any(url.startswith(page.url.split("#")[0]) for _size, url in parts), (
        f"the page itself was not among the responses of {page.url}"
    )
    listing = "\n".join(f"  {size:>7}  {url}" for size, url in sorted(parts, reverse=True))
    assert total <= BUDGET_BYTES, (
        f"{page.url} weighs {total} bytes compressed, {total - BUDGET_BYTES} over the "
        f"{BUDGET_BYTES}-byte budget:\n{listing}"
    )
