"""No registered page, in any language, scrolls sideways on a 320 px wide phone."""

import pytest
from browser.pages import PAGE_VISITS, VISIT_IDS
from browser.tools import require_tools

WIDTH = 320

# The widest elements that stick out of the viewport, to say what to fix.
OVERFLOWING = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      const classes = el.classList.length ? "." + [...el.classList].join(".") : "";
      out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}`
               + ` [${Math.round(box.left)}..${Math.round(box.right)}]`);
    }
  }
  return out.slice(0, 10);
}"""


@pytest.fixture(scope="module", autouse=True)
def _chromium_available():
    require_tools("chromium")


@pytest.mark.parametrize(("page_spec", "lang"), PAGE_VISITS, ids=VISIT_IDS)
def test_page_fits_a_narrow_screen(open_page, page_spec, lang):
    page = open_page(page_spec, lang, viewport={"width": WIDTH, "height": 640})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, (
        f"{page.url} is {scroll_width} px wide at a {WIDTH} px viewport; sticking out: "
        + ", ".join(page.evaluate(OVERFLOWING, WIDTH))
    )
