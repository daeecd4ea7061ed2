"""Every registered page, in every language, is valid HTML to the Nu HTML checker.

All pages go to one vnu.jar run (Java start-up is slow); each page then has its own test.
"""

import json
import subprocess
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from browser.pages import PAGE_VISITS, VISIT_IDS
from browser.tools import VNU, require_tools

FAILING_TYPES = {"error", "non-document-error"}


@pytest.fixture(scope="module")
def vnu_messages(fetch_html, tmp_path_factory) -> dict[str, list[dict]]:
    """The checker's messages for each page visit, keyed by its test id."""
    require_tools("chromium", "java", "vnu")
    folder = tmp_path_factory.mktemp("html")
    for (page_spec, lang), visit_id in zip(PAGE_VISITS, VISIT_IDS, strict=True):
        html = fetch_html(page_spec, lang)
        (folder / f"{visit_id}.html").write_text(html, encoding="utf-8")
    files = sorted(str(path) for path in folder.glob("*.html"))
    command = ["java", "-jar", str(VNU), "--format", "json", "--stdout", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}):\n{result.stderr}")
    messages = {visit_id: [] for visit_id in VISIT_IDS}
    for message in report["messages"]:
        # Each file is named after its visit: file:/tmp/.../register-errors-he.html
        visit_id = PurePosixPath(unquote(urlsplit(message.get("url", "")).path)).stem
        assert visit_id in messages, f"vnu.jar message about no page we sent: {message}"
        messages[visit_id].append(message)
    return messages


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"  line {m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        + (f"\n    {m['extract'].strip()}" if m.get("extract") else "")
        for m in messages
    )


@pytest.mark.parametrize("visit_id", VISIT_IDS)
def test_page_is_valid_html(vnu_messages, visit_id):
    errors = [m for m in vnu_messages[visit_id] if m["type"] in FAILING_TYPES]
    assert not errors, f"vnu.jar found in {visit_id}:\n{describe(errors)}"
