"""Search in a real browser: practitioners' words find the right pages first."""

import pytest

from macros import library
from tests.support import ROOT

pytestmark = pytest.mark.browser
LIB = library.load(ROOT)


def results_for(page, site_url, query):
    page.goto(site_url + "search/")
    page.fill("#library-search-page-q", query)
    page.wait_for_function("document.querySelector('[data-library-search-status]').textContent.includes('result')")
    # The first result is drawn as soon as it arrives and the rest of the page of ten after it.
    page.wait_for_function("""() => {
        const found = parseInt(document.querySelector('[data-library-search-status]').textContent, 10) || 0;
        return document.querySelectorAll('.library-search__result').length >= Math.min(found, 10);
    }""")
    return page.eval_on_selector_all(".library-search__result h2 a", "links => links.map(a => [a.textContent, a.href])")


@pytest.mark.parametrize("query, expected, within", [
    ("trust", "/preconditions/trusted-partners/", 3),
    ("relationships", "/preconditions/trusted-partners/", 3),
    ("assets", "/preconditions/strengths-based/", 3),
    ("leadership", "/preconditions/distributed-leadership/", 3),
    ("risk", "/preconditions/resilient-and-risk-embracing/", 3),
    ("failure", "/preconditions/resilient-and-risk-embracing/", 3),
    ("letting go", "/preconditions/able-to-let-go/", 3),
    ("entrepreneurial", "/preconditions/able-to-let-go/", 3),
    ("Ignite", "/case-studies/coventry-ignite/", 1),
    ("Salvation Army", "/case-studies/coventry-homelessness-and-housing/", 3),
    ("Troubled Families", "/case-studies/coventry-troubled-families/", 3),
    ("Gateshead", "/places/gateshead/", 3),
])
def test_practitioners_words_find_the_page(page, site_url, query, expected, within):
    results = results_for(page, site_url, query)
    urls = [href.split("?")[0] for _, href in results[:within]]
    assert site_url + expected.lstrip("/") in urls, f"{query!r} gave {[t for t, _ in results[:5]]}"


@pytest.mark.parametrize("query, expected", [
    ("Coventry", "/case-studies/"),  # a place: one of its case studies
    ("homelessness", "/case-studies/coventry-homelessness-and-housing/"),  # a theme
    ("housing", "/case-studies/coventry-homelessness-and-housing/"),
])
def test_places_and_themes_find_case_studies(page, site_url, query, expected):
    urls = [href.split("?")[0] for _, href in results_for(page, site_url, query)[:3]]
    assert any(url.startswith(site_url + expected.lstrip("/")) for url in urls), f"{query!r} gave {urls}"


def test_a_precondition_name_finds_its_page_first(page, site_url):
    for p in LIB.preconditions:
        results = results_for(page, site_url, p.short_title)
        assert results[0][1].split("?")[0] == f"{site_url}preconditions/{p.slug}/", (p.short_title, results[:3])


def test_every_alias_finds_its_precondition(page, site_url):
    """Each of a precondition's aliases (data/preconditions.yaml) finds it first: a best bet, however many case
    studies use the same words (the suggestions list carries each alias's letter for search.js)."""
    page.goto(site_url + "search/")
    bets = dict(page.eval_on_selector_all("#library-search-suggestions option[data-precondition]",
                                          "os => os.map(o => [o.value.toLowerCase(), o.dataset.precondition])"))
    failures = []
    for p in LIB.preconditions:
        want = f"{site_url}preconditions/{p.slug}/"
        for alias in p.aliases:
            assert bets.get(alias.lower()) == p.id, alias
            urls = [href.split("?")[0] for _, href in results_for(page, site_url, alias)]
            if urls[:1] != [want]:
                failures.append(f"{alias!r} ({p.id}): {urls[:3]}")
    assert not failures, "\n".join(failures)


def test_a_filter_switches_the_best_bet_off(page, site_url):
    page.goto(site_url + "search/?q=trust&type=Case+study")
    page.wait_for_selector(".library-search__result")
    assert ("/preconditions/" not in " ".join(page.eval_on_selector_all(".library-search__result h2 a",
                                                                        "as => as.map(a => a.href)")))


def test_the_query_and_filters_live_in_the_url(page, site_url):
    page.goto(site_url + "search/?q=trust&type=Case+study")
    page.wait_for_selector(".library-search__result")
    assert page.is_checked("#library-filter-type-Case-study")
    kinds = page.eval_on_selector_all(".library-search__kind", "ps => ps.map(p => p.textContent)")
    assert kinds and all(k == "Case study" for k in kinds)
    page.fill("#library-search-page-q", "leadership")
    page.wait_for_function("location.search.includes('q=leadership')")
    assert "type=Case+study" in page.evaluate("location.search")


def test_results_are_announced_to_screen_readers(page, site_url):
    results_for(page, site_url, "trust")
    status = page.locator("[data-library-search-status]")
    assert status.get_attribute("role") == "status" and "results for" in status.text_content()


def test_search_from_the_header_of_any_page(page, site_url):
    page.goto(site_url + "about/")
    page.fill("#library-search-q", "Ignite")
    page.keyboard.press("Enter")
    page.wait_for_selector(".library-search__result")
    assert (page.eval_on_selector(".library-search__result h2 a",
                                  "a => a.href").startswith(site_url + "case-studies/coventry-ignite/"))


def test_words_searched_for_are_highlighted_on_the_result_page(page, site_url):
    results = results_for(page, site_url, "Salvation Army")
    page.goto(results[0][1])
    page.wait_for_selector("article mark")
    assert "Salvation" in page.text_content("article mark")


def test_results_highlight_the_words_searched_for(page, site_url):
    results_for(page, site_url, "Salvation Army")
    marks = page.eval_on_selector_all(".library-search__excerpt mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert "salvation" in marks


def suggestions(page):
    return page.eval_on_selector_all("#library-search-suggestions option", "os => os.map(o => o.value)")


def test_the_suggestions_come_from_the_data(page, site_url):
    page.goto(site_url + "search/")
    offered = suggestions(page)
    want = [p.short_title for p in LIB.preconditions] + [a for p in LIB.preconditions for a in p.aliases]
    want += [pl.name for pl in LIB.all_places if LIB.case_studies_in(pl)] + list(LIB.themes)
    assert {w.lower() for w in want} == {o.lower() for o in offered}
    assert len(offered) == len({o.lower() for o in offered})  # each once


@pytest.mark.parametrize("path, box", [("search/", "#library-search-page-q"), ("search/", "#library-search-q"),
                                       ("about/", "#library-search-q")])
def test_typing_a_prefix_offers_a_suggestion(page, site_url, path, box):
    page.goto(site_url + path)
    page.click(box)
    page.keyboard.type("Cov")
    assert page.get_attribute(box, "list") == "library-search-suggestions"
    # What the browser offers: the options of the box's list that start with what was typed.
    page.wait_for_function("""box => { const input = document.querySelector(box);
        const typed = input.value.toLowerCase();
        return input.list && [...input.list.options].some(o => o.value.toLowerCase().startsWith(typed)); }""",
                           arg=box)
    offered = page.evaluate("""box => { const input = document.querySelector(box);
        const typed = input.value.toLowerCase();
        return [...input.list.options].map(o => o.value).filter(v => v.toLowerCase().startsWith(typed)); }""", box)
    assert "Coventry" in offered
    page.fill(box, "trus")
    offered = page.evaluate("""box => [...document.querySelector(box).list.options].map(o => o.value)
        .filter(v => v.toLowerCase().startsWith('trus'))""", box)
    assert set(offered) >= {"Trusted partners", "trust"}


def test_nothing_of_search_loads_until_the_box_is_used(page, site_url):
    """Opening the search page fetches nothing of Pagefind; focusing the box loads its engine; the filter
    index waits until results are on screen. (A precondition's name or alias is a best bet, found by a search
    filtered to that precondition, so it needs the filter index first: the word here is none of those.)"""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "search/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pagefind/" in url]
    page.focus("#library-search-page-q")
    page.wait_for_load_state("networkidle")
    engine = [url for url in fetched if "/pagefind/" in url]
    assert (any(url.endswith("pagefind.js") for url in engine)
            and not [url for url in engine if "/index/" in url or "/filter/" in url])
    page.keyboard.type("Ignite")
    page.wait_for_selector(".library-search__result")
    page.wait_for_selector(".library-search__facet", state="attached")
    first_filter = next(i for i, url in enumerate(fetched) if "/filter/" in url)
    first_fragment = next(i for i, url in enumerate(fetched) if "/fragment/" in url)
    assert first_fragment < first_filter  # the first result before the filters


def test_a_best_bet_is_drawn_from_the_page_before_anything_of_pagefinds_results(page, site_url):
    """A precondition's alias puts its page first from the search page's own data: it shows with Pagefind's
    fragments and filter index refused, and with them it is not listed a second time among Pagefind's results."""
    results = results_for(page, site_url, "trust")
    want = f"{site_url}preconditions/trusted-partners/"
    assert results[0] == ["E. " + LIB.by_letter["E"].title, want + "?highlight=trust"]
    assert [href.split("?")[0] for _, href in results].count(want) == 1
    page.route("**/pagefind/fragment/**", lambda route: route.abort())
    page.route("**/pagefind/filter/**", lambda route: route.abort())
    page.goto(site_url + "search/")
    page.fill("#library-search-page-q", "trust")
    page.wait_for_selector(".library-search__result h2 a")
    assert (page.eval_on_selector_all(".library-search__result h2 a", "as => as.map(a => a.href)")
            == [want + "?highlight=trust"])


def test_on_a_phone_the_results_come_straight_after_the_box_and_the_filters_wait_closed(browser, site_url):
    """The filters (five lists of checkboxes) sit in a closed "Filter the results" under the box, so the
    first result is on the first screen of a phone and does not move when they arrive; a shared link that
    names a filter opens them."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "search/")
    page.fill("#library-search-page-q", "housing")
    first = page.wait_for_selector(".library-search__result")
    top = first.bounding_box()["y"]
    page.wait_for_selector(".library-search__facet", state="attached")
    assert first.bounding_box()["y"] == top and top + 40 < 844, top
    assert not page.locator(".library-search__facet").first.is_visible()
    page.click("[data-library-search-filter-box] summary")
    assert page.locator(".library-search__facet").first.is_visible()
    assert first.bounding_box()["y"] > top  # opened by the reader, it pushes the results down, as it should
    page.goto(site_url + "search/?q=trust&type=Case+study")
    page.wait_for_selector(".library-search__result")
    assert page.is_visible("#library-filter-type-Case-study") and page.is_checked("#library-filter-type-Case-study")
    context.close()


def test_the_filter_box_shows_only_once_there_is_something_to_filter(page, site_url):
    """"Filter the results" stays out of sight until Pagefind has loaded (Material's display for <details> must not
    override its `hidden`); where Pagefind cannot load, it never shows, and the page says search is not available."""
    box = page.locator("[data-library-search-filter-box]")
    page.goto(site_url + "search/")
    assert not box.is_visible()
    page.focus("#library-search-page-q")
    box.wait_for(state="visible")
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(site_url + "search/")
    page.fill("#library-search-page-q", "housing")
    page.wait_for_selector("[data-library-search-fallback]", state="visible")
    assert "not available" in page.inner_text("[data-library-search-fallback]") and not box.is_visible()
