"""The offline copy works opened from disk (file://): pages, links, search, and nothing from the network."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.html_reader import links_and_ids

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
# The printable cards as PDFs: `make offline` adds them at the top of the zip, beside index.html.
CARD_PDFS = ["preconditions-cards.pdf", "preconditions-cards-fold.pdf"]


def test_every_internal_link_is_a_file_that_exists(offline_site):
    missing = []
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        if page.name == "404.html":
            continue  # served by a web server at any address, so its links are absolute; never opened from disk
        links, _ = links_and_ids(page.read_text(encoding="utf-8"))
        for _tag, _attr, url in links:
            if re.match(r"^(https?:|mailto:|#|data:|javascript:)", url):
                continue
            target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
            if target.parent == offline_site.resolve() and target.name in CARD_PDFS:
                continue  # added by make offline (test_the_cards_page_links_only_inside_the_zip)
            if url.split("#")[0] and not target.is_file():
                missing.append(f"{page.relative_to(offline_site)}: {url}")
    assert not missing, "\n".join(missing[:30])


def test_pages_make_no_request_beyond_the_files(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("file://", "data:", "blob:")) else None)
    for path in ["index.html", "preconditions/trusted-partners.html", "framework/for-a-person.html",
                 "trainers/reflection.html"]:
        page.goto((offline_site / path).as_uri())
        page.wait_for_load_state("load")
    context.close()
    assert not outside, outside


def test_search_works_from_disk(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("trust")  # Material searches on key events, which fill() does not send
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.getAttribute('href'))")
    assert any("preconditions/trusted-partners.html" in href for href in links[:3]), links[:5]
    context.close()


def test_search_from_disk_suggests_and_highlights(browser, offline_site):
    """Material's search.suggest completes the word being typed; search.highlight marks it on the page opened."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("trus")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_function("document.querySelector('.md-search__suggest').textContent.trim().length > 4")
    assert page.text_content(".md-search__suggest").strip().startswith("trus")
    page.click(".md-search-result__item a")
    page.wait_for_selector("article mark")
    assert "trus" in page.text_content("article mark").lower()
    context.close()


def test_generated_blocks_link_to_html_files(offline_site):
    html = (offline_site / "framework" / "for-a-person.html").read_text(encoding="utf-8")
    assert 'href="../preconditions/trusted-partners.html#vignette"' in html


def test_the_zip_opens_to_the_home_page(tmp_path, offline_site):
    archive = tmp_path / "offline.zip"
    subprocess.run([sys.executable, str(ROOT / "tools" / "zip_site.py"), str(offline_site), str(archive)], check=True,
                   capture_output=True)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "pattern-library/index.html" in names and "pattern-library/search/search_index.js" in names
        assert not [n for n in names if n.endswith(".pdf")]  # none given, none added
    with zipfile.ZipFile(make_zip(tmp_path, offline_site)) as zf:
        assert {f"pattern-library/{name}" for name in CARD_PDFS} <= set(zf.namelist())
        assert all(info.date_time == (2015, 11, 1, 0, 0, 0) for info in zf.infolist())
        assert all(info.date_time == (2015, 11, 1, 0, 0, 0) for info in zf.infolist())  # same commit, same zip


def make_zip(tmp_path, offline_site):
    """The zip as `make offline` makes it, with stand-ins for the card PDFs."""
    pdfs = []
    for name in CARD_PDFS:
        (tmp_path / name).write_bytes(b"%PDF-1.4 stand-in")
        pdfs.append(str(tmp_path / name))
    archive = tmp_path / "offline.zip"
    subprocess.run([sys.executable, str(ROOT / "tools" / "zip_site.py"), str(offline_site), str(archive), *pdfs],
                   check=True, capture_output=True)
    return archive


def test_the_cards_page_links_only_inside_the_zip(tmp_path, offline_site):
    with zipfile.ZipFile(make_zip(tmp_path, offline_site)) as zf:
        zf.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / "pattern-library"
    html = (root / "trainers" / "cards.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    links, _ = links_and_ids(article)
    urls = [url for _, _, url in links]
    leaving = [url for url in urls if re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I)]
    assert not leaving, leaving  # the download links, the cards' "Read more" links: all stay in the copy
    pdf_links = [url for url in urls if url.endswith(".pdf")]
    assert sorted(Path(url).name for url in pdf_links) == sorted(CARD_PDFS)
    missing = [url for url in urls if url.split("#")[0]
               and not (root / "trainers" / url.split("#")[0]).resolve().is_file()]
    assert not missing, missing
    for url in pdf_links:
        assert (root / "trainers" / url).resolve().read_bytes().startswith(b"%PDF")


def test_the_zip_refuses_a_missing_card_pdf(tmp_path, offline_site):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "zip_site.py"), str(offline_site),
                             str(tmp_path / "z.zip"),
                             str(tmp_path / "no-such.pdf")], capture_output=True, text=True)
    assert result.returncode != 0 and "no-such.pdf" in result.stderr


def test_the_explorer_filters_from_disk(browser, offline_site):
    """Its data files are scripts, which a browser loads from file:// (it would refuse to fetch JSON there)."""
    from macros import library
    lib = library.load(ROOT)
    want = [c.title for c in lib.case_studies
            if any(e.precondition == "H" and e.status == "absent" for e in c.evidence)]
    assert 0 < len(want) < len(lib.case_studies)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / "explore" / "case-studies.html").as_uri() + "?precondition=H&status=absent")
    page.wait_for_selector("[data-library-explorer-list]:not([aria-busy])", state="attached")
    titles = page.eval_on_selector_all(".library-explorer__item .library-explorer__title a",
                                       "as => as.map(a => a.textContent)")
    link = page.get_attribute(".library-explorer__item .library-explorer__title a", "href")
    context.close()
    assert not errors and titles == want
    assert (offline_site / "explore" / link.split("#")[0]).resolve().is_file()  # a file, not a folder, from disk


def test_the_search_page_from_disk_offers_no_filters_and_hands_its_words_to_the_search(browser, offline_site):
    """From disk Pagefind cannot load, so there is nothing to filter: no "Filter the results", no message that
    search is not available; the page's box searches with Material's search, as the header's does."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / "search.html").as_uri())
    page.wait_for_load_state("load")
    assert page.locator("[data-library-search-filter-box]").count() == 0
    assert not page.locator("[data-library-search-fallback]").is_visible()
    page.fill("#library-search-page-q", "housing")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".md-search-result__item")
    assert (page.input_value("input.md-search__input") == "housing" and page.input_value("#library-search-page-q")
            == "housing")
    assert "Filter the results" not in page.inner_text("body")
    context.close()
    assert not errors, errors


def test_search_results_from_disk_name_their_tags_in_words(browser, offline_site):
    """Under each result Material shows the page's tags: 'housing', 'Coventry', 'E. Trusted partners: mixed',
    as the tags page says them, never the keys they are filed under ('Theme/housing', 'Evidence/E mixed')."""
    from macros import library, pages
    lib = library.load(ROOT)
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("coventry")
    page.wait_for_selector(".md-search-result__item")
    results = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "as => as.map(a => [a.getAttribute('href'),"
        " Array.from(a.querySelectorAll('.md-tag')).map(t => t.textContent)])")
    context.close()
    shown = {href.split("?")[0].rsplit("/", 1)[-1].removesuffix(".html"): tags for href, tags in results if tags}
    assert shown, results  # some results carry tags: case studies
    for case in lib.case_studies:
        if case.id in shown:
            assert shown[case.id] == [pages.tag_label(lib, tag) for tag in pages.case_study_tags(case)]
            assert not [tag for tag in shown[case.id] if "/" in tag]
            assert f"E. {lib.by_letter['E'].short_title}: " + next(e.status for e in case.evidence if e.precondition
                                                                   == "E") in shown[case.id] \
                or not any(e.precondition == "E" for e in case.evidence)


def test_the_home_page_from_disk_shows_the_nine_as_online(browser, built_site, offline_site):
    """The nine at a glance from the data, the same from file:// as online, each link a file of the copy."""
    from tests.support.listings import glance, without_links
    online = glance((built_site / "index.html").read_text(encoding="utf-8"))
    offline = glance((offline_site / "index.html").read_text(encoding="utf-8"))
    assert sum(len(items) for items in offline.values()) > 0
    assert without_links(offline) == without_links(online)
    links = [link for items in offline.values() for item in items for link in item["links"]]
    assert links and all((offline_site / link.split("#")[0]).is_file() for link in links), links
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    assert page.locator(".library-glance__item").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()
