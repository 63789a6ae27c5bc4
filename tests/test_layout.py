"""Every page fits the screen it is read on (issue 21), measured in Chromium.

At a small phone's width (320 px), a common phone's (390 px) and a laptop's (1280 px), in both colour schemes:
no page scrolls sideways, and no picture (`svg`, `figure`) or `table` is wider than its column or cut off by a
box around it. A table may be wider than its column only inside a scroller that keeps the table's first column
(the row names) in view while the other cells scroll; the test scrolls it to the end and looks. A scroller may
reach into the gutter beside the column (Material's own table scroller does, on a phone), never further.
"""

from __future__ import annotations

import pytest

from tests.support import site_pages

pytestmark = pytest.mark.browser
WIDTHS = [320, 390, 1280]

# What does not fit on the page open in the browser, in words ("explore/map/: svg#map is 720 px wide in a 358 px
# column").
MISFITS = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    out.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth}`);
  }
  const article = document.querySelector('article');
  if (!article) return out;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\\s+/)[0] : '');
  // The box an element may fill: its content box (inside borders and padding), or its visible box if it scrolls.
  const room = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    const left = r.left + parseFloat(s.borderLeftWidth) + (s.overflowX === 'visible' ? parseFloat(s.paddingLeft) : 0);
    const right = s.overflowX === 'visible' ? r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight)
                                            : left + el.clientWidth;
    return {left, right};
  };
  const fits = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1;
  const column = room(article), gutter = (article.closest('.md-content') || article).getBoundingClientRect();
  const width = box => Math.round(box.right - box.left);
  // Scrolled to its end, the scroller still shows the first cell of every row of the table.
  const keepsFirstColumn = (table, scroller) => {
    const before = scroller.scrollLeft;
    scroller.scrollLeft = scroller.scrollWidth;
    const moved = scroller.scrollLeft > 0, box = room(scroller);
    const kept = Array.from(table.rows)
      .every(row => !row.cells.length || fits(row.cells[0].getBoundingClientRect(), box));
    scroller.scrollLeft = before;
    return moved && kept;
  };
  for (const el of article.querySelectorAll('svg, table, figure')) {
    const r = el.getBoundingClientRect();
    if (!el.checkVisibility() || (r.width === 0 && r.height === 0)) continue;
    if (el.parentElement.closest('table')) continue;  // inside a table: the table is measured
    // What must fit the column: the element, or a box that scrolls or clips and shows it whole, or lets a table
    // scroll under its first column. Such a box may reach into the column's gutter, as Material's own table
    // scroller does on a phone.
    let outer = el;
    for (let box = el.parentElement; box && box !== article; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'visible') continue;
      if (fits(r, room(box))) {
        if (outer === el) outer = box;
      } else if (el.tagName === 'TABLE' && (overflow === 'auto' || overflow === 'scroll') && outer === el) {
        if (!keepsFirstColumn(el, box)) {
          out.push(`${name(el)} scrolls in ${name(box)} without keeping its first column in view`);
        }
        outer = box;
      } else {
        out.push(`${name(el)} (${Math.round(r.width)} px) is cut off by ${name(box)} (${width(room(box))} px)`);
      }
    }
    const o = outer.getBoundingClientRect(), limit = outer === el ? column : gutter;
    if (!fits(o, limit)) out.push(`${name(outer)} is ${Math.round(o.width)} px wide in a ${width(limit)} px column`);
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen(browser, built_site, site_url, width, scheme):
    paths = site_pages(built_site)
    assert len(paths) > 20, paths  # the loop below checks something
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        found += [f"{path or '/'}: {problem}" for problem in page.evaluate(MISFITS)]
    context.close()
    assert not found, "\n".join(found)


# The site's name in the header: every word of it in view (on two lines on a phone), none cut off.
NAME_SHOWN = """() => {
  const name = document.querySelector('.md-header__topic .md-ellipsis');
  const box = name.getBoundingClientRect();
  return {text: name.textContent.trim(),
          whole: name.scrollWidth <= name.clientWidth && name.scrollHeight <= name.clientHeight,
          inView: box.left >= 0 && box.right <= document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_the_header_shows_the_site_s_name_whole(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    assert (page.evaluate(NAME_SHOWN)
            == {"text": "Place-based systems change pattern library", "whole": True, "inView": True})
    context.close()


def test_on_a_phone_search_is_a_button_that_opens_the_box(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    box, button = page.locator("#library-search-q"), page.locator(".library-search-form__button")
    assert not box.is_visible() and button.is_visible()
    assert (button.get_attribute("aria-expanded") == "false" and button.get_attribute("aria-controls")
            == "library-search-q")
    button.click()
    assert box.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "library-search-q"
    page.keyboard.press("Escape")
    assert not box.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('library-search-form__button')")
    page.keyboard.press("Enter")  # the focused button opens the box again, from the keyboard
    page.keyboard.type("housing")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + "search/?q=housing"
    context.close()


def test_on_a_wide_screen_the_search_box_shows_and_the_button_searches(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    button = page.locator(".library-search-form__button")
    assert page.locator("#library-search-q").is_visible() and button.get_attribute("aria-expanded") is None
    page.fill("#library-search-q", "trust")
    with page.expect_navigation():
        button.click()
    assert page.url == site_url + "search/?q=trust"
    context.close()
