"""On a 320 px wide phone, no registered page in any language scrolls sideways, no text is
squeezed into a column of a few letters, and every value of a stacked table keeps its
column's name."""

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


# Texts visible on the page that wrap over more than three lines at fewer than
# MIN_CHARACTERS_PER_LINE characters a line: a column squeezed to a few letters.
MIN_CHARACTERS_PER_LINE = 10
SQUEEZED = """(least) => {
  const hidden = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
      if (style.clipPath !== "none" || style.clip.startsWith("rect")) return true;
    }
    return false;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text.length < 2 * least || hidden(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()]
      .filter((box) => box.width > 0).map((box) => Math.round(box.bottom))).size;
    // Three lines of long words in a big heading are normal; a squeezed column runs on.
    if (lines > 3 && text.length / lines < least) {
      out.push(`${node.parentElement.tagName.toLowerCase()} "${text.slice(0, 30)}" `
               + `in ${lines} lines`);
    }
  }
  return out.slice(0, 10);
}"""
# Cells of stacked tables whose column name cannot be seen.
UNLABELLED = """() => {
  const out = [];
  for (const cell of document.querySelectorAll("td")) {
    if (getComputedStyle(cell).display !== "block" || !cell.textContent.trim()) continue;
    // A row of one heading and one value: the heading, shown above, names the value.
    const row = cell.parentElement;
    if (row.querySelector("th[scope=row]") && row.querySelectorAll("td").length === 1) continue;
    const label = getComputedStyle(cell, "::before").content;
    if (!label || label === "none" || label === "normal" || label === '""') {
      const table = cell.closest("table").className || "table";
      out.push(`${table}: "${cell.textContent.trim().slice(0, 30)}"`);
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
    squeezed = page.evaluate(SQUEEZED, MIN_CHARACTERS_PER_LINE)
    assert not squeezed, f"{page.url} squeezes text into narrow columns: " + "; ".join(squeezed)
    unlabelled = page.evaluate(UNLABELLED)
    assert not unlabelled, f"{page.url} stacks table cells without their column names: " + (
        "; ".join(unlabelled)
    )
