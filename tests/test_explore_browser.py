"""The explorer and the glossary in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import library
from tests.support.browsers import wait_until

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)


def shown_titles(page):
    """The titles the explorer lists, once it has finished loading what its filters need."""
    page.wait_for_selector("[data-library-explorer-list]:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(".library-explorer__item .library-explorer__title a",
                                     "as => as.map(a => a.textContent)")


def expected(precondition="", status="", place="", theme=""):
    out = []
    for c in LIB.case_studies:
        if place and c.place != place or theme and theme not in c.themes:
            continue
        if (precondition or status) and not any((not precondition or e.precondition == precondition)
                                                and (not status or e.status == status) for e in c.evidence):
            continue
        out.append(c.title)
    return out


@pytest.mark.parametrize("filters", [
    {"precondition": "H", "status": "absent"},
    {"precondition": "G"},
    {"status": "emerging"},
    {"theme": "housing"},
    {"place": "Coventry", "precondition": "H", "status": "present"},
    {"precondition": "C", "theme": "families"},
])
def test_filters_combine(page, site_url, filters):
    page.goto(site_url + "explore/case-studies/")
    for name, value in filters.items():
        page.select_option(f"select[name={name}]", value)
    want = expected(**filters)
    assert shown_titles(page) == want
    count = page.text_content("[data-library-explorer-count]")
    assert (str(len(want)) in count) if want else "No case studies match" in count


def reopened(page, site_url, **filters):
    """Choose the filters, check the address names each one, and open that address in a new tab: it
    must show the same choices and the same case studies."""
    page.goto(site_url + "explore/case-studies/")
    for name, value in filters.items():
        page.select_option(f"select[name={name}]", value)
    url = page.url
    for name, value in filters.items():
        assert f"{name}={value.replace(' ', '+')}" in url
    other = page.context.new_page()
    other.goto(url)
    for name, value in filters.items():
        assert other.input_value(f"select[name={name}]") == value
    assert shown_titles(other) == expected(**filters)
    return other


def test_the_url_keeps_the_filters(page, site_url):
    other = reopened(page, site_url, precondition="H", status="absent")
    # Straight to the finding that matches both filters (a case study has one per precondition).
    link = other.locator(".library-explorer__title a", has_text="Troubled Families in Coventry")
    assert link.get_attribute("href").endswith("case-studies/coventry-troubled-families/#evidence-h")
    other.select_option("select[name=precondition]", "E")
    other.select_option("select[name=status]", "mixed")
    shown_titles(other)
    assert link.get_attribute("href").endswith("case-studies/coventry-troubled-families/#evidence-e")
    other.select_option("select[name=precondition]", "")
    shown_titles(other)
    assert link.get_attribute("href").endswith("case-studies/coventry-troubled-families/")


def test_the_url_keeps_a_theme_with_spaces_and_a_place(page, site_url):
    want = expected(theme="children and families", place="Coventry")
    assert want and len(want) < len(LIB.case_studies)
    reopened(page, site_url, theme="children and families", place="Coventry")


def test_clear_filters_shows_everything(page, site_url):
    page.goto(site_url + "explore/case-studies/?precondition=G&status=present")
    page.click("button[type=reset]")
    page.wait_for_function("!location.search")
    assert shown_titles(page) == [c.title for c in LIB.case_studies]


def test_the_count_is_announced(page, site_url):
    page.goto(site_url + "explore/case-studies/?theme=housing")
    count = page.locator("[data-library-explorer-count]")
    assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"
    assert "match" in count.text_content()


def test_without_javascript_the_first_screen_and_every_link_work(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "explore/case-studies/?precondition=E&status=absent")
    titles = page.eval_on_selector_all(".library-explorer__item .library-explorer__title a",
                                       "as => as.map(a => a.textContent)")
    assert titles == [c.title for c in LIB.case_studies][:20]  # the first screen, A to Z, whatever the address asks
    assert not page.is_visible("[data-library-explorer]")  # filters that cannot work are not offered
    assert (page.is_visible(".library-explorer__nojs")
            and "Filtering needs JavaScript" in page.text_content(".library-explorer__nojs"))
    page.click(".library-explorer__all a")  # and every case study is a link or two away
    assert page.url.endswith("/case-studies/")
    context.close()


def test_a_glossary_term_shows_its_definition_on_keyboard_focus(page, site_url):
    page.goto(site_url + "case-studies/coventry-troubled-families/")
    page.wait_for_selector("article abbr[tabindex='0']")
    definition = page.get_attribute("article abbr[tabindex='0']", "title")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("no glossary term could be reached with the Tab key")
    # Material moves the title into a tooltip and points the term at it, so screen readers get it too.
    page.wait_for_function("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator("#" + page.evaluate("document.activeElement.getAttribute('aria-describedby')"))
    tooltip.wait_for(state="visible")
    assert tooltip.text_content().strip() == definition.strip() and tooltip.get_attribute("role") == "tooltip"


def test_glossary_terms_do_not_break_headings_or_links(page, site_url):
    page.goto(site_url + "case-studies/coventry-troubled-families/")
    inside = page.eval_on_selector_all("article a abbr, article h1 abbr, article h2 abbr, article h3 abbr",
                                       "as => as.map(a => a.tabIndex)")
    assert all(i == -1 for i in inside)  # no focusable term inside a link or heading
    headings = page.eval_on_selector_all("article h2[id], article h3[id]", "hs => hs.map(h => h.id)")
    assert "context" in headings and all(" " not in h for h in headings)
    seen = page.eval_on_selector_all("article abbr[tabindex='0']", "as => as.map(a => a.textContent.toLowerCase())")
    assert len(seen) == len(set(seen))  # one tab stop per term


TERM_PAGES = [
    "case-studies/coventry-troubled-families/",  # a case study: its only use of one term used to be in the H1
    "preconditions/strengths-based/",  # a precondition
    "practice/lessons/",  # a hand-written page, with a term used only in a heading
    "framework/",  # a hand-written page
]
NOT_COUNTED = "a, h1, h2, h3, h4, h5, h6, summary, button, label"


@pytest.mark.parametrize("path", TERM_PAGES)
def test_every_glossary_term_on_a_page_has_one_keyboard_stop_that_shows_its_definition(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    terms = page.eval_on_selector_all("article abbr[title]", """(as, notCounted) => as.map((a, i) => {
        a.setAttribute("data-test-term", i);
        return {i: i, title: a.getAttribute("title").trim(), inside: !!a.closest(notCounted),
                focusable: a.tabIndex >= 0};
    })""", NOT_COUNTED)
    assert not [t for t in terms if t["inside"] and t["focusable"]]  # no control inside a heading or link
    definitions = {t["title"].lower(): t["title"] for t in terms if not t["inside"]}
    assert definitions, f"no glossary term outside headings and links on {path}"
    stops = {}
    for key in definitions:
        focusable = [t["i"] for t in terms if t["title"].lower() == key and t["focusable"]]
        assert len(focusable) == 1, f"{path}: {len(focusable)} keyboard stops for the term defined as {key!r}"
        stops[focusable[0]] = definitions[key]
    # Tab through the page: every stop is reached, and its definition shows as Material's tooltip.
    reached = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.getAttribute('data-test-term')")
        if index is None or int(index) in reached:
            if len(reached) == len(stops):
                break
            continue
        index = int(index)
        assert index in stops
        reached.add(index)
        page.wait_for_function("document.activeElement.getAttribute('aria-describedby')")
        tooltip = page.locator("#" + page.evaluate("document.activeElement.getAttribute('aria-describedby')"))
        tooltip.wait_for(state="visible")
        assert tooltip.text_content().strip() == stops[index] and tooltip.get_attribute("role") == "tooltip"
        if len(reached) == len(stops):
            break
    assert len(reached) == len(stops), f"{path}: only {len(reached)} of {len(stops)} glossary terms reached with Tab"


def test_the_list_stays_busy_until_the_last_choice_has_loaded(page, site_url):
    """One theme, then another before the first one's data has come: when the first arrives, the list must
    not be marked ready (assistive technology would read a list that is about to change)."""
    held = []
    page.route("**/t-*.js", lambda route: held.append(route))
    page.goto(site_url + "explore/case-studies/")
    page.select_option("select[name=theme]", "housing")
    page.select_option("select[name=theme]", "families")
    wait_until(page, lambda: len(held) == 2, "both choices' requests")
    held[0].continue_()  # the first choice's data arrives while the second's is still on its way
    first = held[0].request.url.rsplit("/", 1)[1]
    # The explorer removes a data file's script once it has run; by the next frame, all that the first choice's
    # data set off has finished.
    page.wait_for_function(f"!document.querySelector('head script[src$=\"/{first}\"]')")
    assert page.get_attribute("[data-library-explorer-list]", "aria-busy") == "true"
    held[1].continue_()
    assert shown_titles(page) == expected(theme="families")
