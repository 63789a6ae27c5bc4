"""The offline copy works opened from disk (file://): pages, links, search, and nothing from the network."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.html_reader import links_and_ids

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def test_every_internal_link_is_a_file_that_exists(offline_site):
    missing = []
    for page in offline_site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served by a web server at any address, so its links are absolute; never opened from disk
        links, _ = links_and_ids(page.read_text(encoding="utf-8"))
        for tag, attr, url in links:
            if re.match(r"^(https?:|mailto:|#|data:|javascript:)", url):
                continue
            target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
            if url.split("#")[0] and not target.is_file():
                missing.append(f"{page.relative_to(offline_site)}: {url}")
    assert not missing, "\n".join(missing[:30])


def test_pages_make_no_request_beyond_the_files(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(("file://", "data:", "blob:")) else None)
    for path in ["index.html", "preconditions/trusted-partners.html", "framework/for-a-person.html", "trainers/reflection.html"]:
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


def test_generated_blocks_link_to_html_files(offline_site):
    html = (offline_site / "framework" / "for-a-person.html").read_text(encoding="utf-8")
    assert 'href="../preconditions/trusted-partners.html#vignette"' in html


def test_the_zip_opens_to_the_home_page(tmp_path, offline_site):
    archive = tmp_path / "offline.zip"
    subprocess.run([sys.executable, str(ROOT / "tools" / "zip_site.py"), str(offline_site), str(archive)], check=True, capture_output=True)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "pattern-library/index.html" in names and "pattern-library/search/search_index.js" in names
        assert all(info.date_time == (2015, 11, 1, 0, 0, 0) for info in zf.infolist())  # same commit, same zip
