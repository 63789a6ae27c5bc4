"""Search in a real browser: practitioners' words find the right pages first."""

import pytest

pytestmark = pytest.mark.browser


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


def test_a_precondition_name_finds_its_page_first(page, site_url):
    from macros import library
    from tests.conftest import ROOT
    for p in library.load(ROOT).preconditions:
        results = results_for(page, site_url, p.short_title)
        assert results[0][1].split("?")[0] == f"{site_url}preconditions/{p.slug}/", (p.short_title, results[:3])


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
    assert page.eval_on_selector(".library-search__result h2 a", "a => a.href").startswith(site_url + "case-studies/coventry-ignite/")


def test_words_searched_for_are_highlighted_on_the_result_page(page, site_url):
    results = results_for(page, site_url, "Salvation Army")
    page.goto(results[0][1])
    page.wait_for_selector("article mark")
    assert "Salvation" in page.text_content("article mark")
