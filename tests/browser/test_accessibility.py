"""Every registered page, in every language, has no WCAG 2.1 A/AA violation axe-core can find."""

import pytest
from browser.pages import PAGE_VISITS, VISIT_IDS
from browser.tools import AXE, require_tools

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    require_tools("chromium", "axe")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"  - {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(("page_spec", "lang"), PAGE_VISITS, ids=VISIT_IDS)
def test_page_has_no_wcag_violations(open_page, page_spec, lang):
    page = open_page(page_spec, lang)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
