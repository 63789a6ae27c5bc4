"""The audits a public-sector organisation would run, on every built page, in the test suite.

Accessibility (axe-core, WCAG 2.0/2.1/2.2 A and AA, light and dark), keyboard reach and visible
focus, privacy (no request to another host), valid HTML (the Nu HTML Checker), no broken link or
anchor, reproducible builds, and every record and list item surviving into the pages and the
search index.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest

from macros import library
from macros.safe_markdown import TextRenderer
from macros.spec import Record, fields_of
from tests.support import build, copy_project, pagefind_pages, site_pages
from tests.support.audit import AXE, axe_violations, broken_links, keyboard_problems, nu_errors

ROOT = Path(__file__).resolve().parent.parent


# --- Accessibility -----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(browser, built_site, site_url, scheme):
    assert AXE.exists(), "axe-core is missing: run 'npm ci --ignore-scripts'"
    found = axe_violations(browser, site_url, site_pages(built_site), scheme)
    assert not found, "\n".join(found)


KEYBOARD_PAGES = ["", "preconditions/trusted-partners/", "case-studies/coventry-ignite/", "places/coventry/",
                  "explore/matrix/", "explore/matrix/places/", "explore/matrix/case-studies/", "explore/map/",
                  "explore/case-studies/", "explore/case-studies/?theme=housing", "explore/tags/", "case-studies/",
                  "search/?q=trust", "glossary/", "trainers/reflection/", "pathways/when-trust-breaks-down/",
                  "contribute/studio/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_every_control_is_reachable_by_keyboard_and_shows_focus(page, site_url, path):
    missed, invisible = keyboard_problems(page, site_url + path)
    assert not missed, f"not reachable with Tab: {missed}"
    assert not invisible, f"no visible focus: {sorted(set(invisible))}"


# --- Privacy -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_no_page_requests_anything_from_another_host(browser, built_site, site_url):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((site_url, "data:", "blob:")) else None)
    for path in site_pages(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    page.goto(site_url + "search/?q=trust")
    page.wait_for_selector(".library-search__result")
    context.close()
    assert not outside, sorted(set(outside))


# --- Valid HTML --------------------------------------------------------------------------------

def test_the_nu_html_checker_finds_no_errors(built_site):
    errors = nu_errors([built_site])
    assert not errors, "\n".join(e.replace(str(built_site) + "/", "") for e in errors[:40])


# --- Links -------------------------------------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    broken = broken_links(built_site, pages)
    assert not broken, "\n".join(broken[:40])


# --- Reproducible ------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    second = tmp_path / "second"
    assert build(project, second).returncode == 0

    def digests(site):
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*")
                if p.is_file()}

    first, again = digests(built_site), digests(second)
    assert len(first) > 100 and sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []


# --- Content survives --------------------------------------------------------------------------

BLOCK_TAG = re.compile(r"</?(p|li|ul|ol|div|h[1-6]|br|td|th|tr|dt|dd|dl|section|blockquote|pre)\b[^>]*>", re.I)


def _text_of(markup: str) -> str:
    """The text a reader sees: block tags become spaces, inline tags (links, glossary terms) vanish."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", markup))).split())


def _plain(text: str, renderer: TextRenderer) -> str:
    return _text_of(renderer.block(text))


def _page_text(site: Path, url: str) -> str:
    raw = (site / url / "index.html").read_text(encoding="utf-8")
    return _text_of(raw[raw.index("<article"):raw.index("</article>")])


def _texts(rec: Record):
    for info in fields_of(type(rec)):
        value = getattr(rec, info.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            # Identifiers and web addresses are not shown as text (addresses are in the links), and codes
            # from a fixed list (status, basis, ...) are shown through their labels.
            if isinstance(item, str) and not info.spec.choices and info.name not in (
                    "id", "slug", "redirect_from", "public_contact_details", "page", "section", "url"):
                yield info.name, item
            elif isinstance(item, Record):
                yield from _texts(item)


def _unpunctuated(text: str) -> str:
    """Pagefind ends a block whose text has no closing punctuation with '. ' ('(p. 22).' after a ')'):
    compare texts with every full stop before a space or at the end taken out, on both sides alike."""
    return re.sub(r"\.(?= |$)", "", text)


def _record_pages(lib):
    yield from ((f"preconditions/{p.slug}/", p) for p in lib.preconditions)
    yield from ((f"case-studies/{c.id}/", c) for c in lib.case_studies)
    yield from ((f"places/{p.slug}/", p) for p in lib.places)
    yield from ((f"pathways/{p.id}/", p) for p in lib.pathways)


def test_every_record_and_list_item_is_on_its_page_and_in_the_search_index(built_site):
    lib = library.load(ROOT)
    renderer = TextRenderer()
    indexed = {url: _unpunctuated(" ".join(html.unescape(text).split()))
               for url, text in pagefind_pages(built_site).items()}
    lost_page, lost_index = [], []
    for url, rec in _record_pages(lib):
        page = _page_text(built_site, url)
        index = indexed.get("/" + url, "")
        for name, text in _texts(rec):
            plain = _plain(text, renderer)
            if plain not in page:
                lost_page.append(f"{url} {name}: {plain[:60]}")
            if _unpunctuated(plain) not in index:
                lost_index.append(f"{url} {name}: {plain[:60]}")
    glossary = _page_text(built_site, "glossary/")
    lost_page += [f"glossary/ {t.term}" for t in lib.glossary if t.term not in glossary
                  or _plain(t.definition, renderer) not in glossary]
    assert not lost_page, "missing from pages:\n" + "\n".join(lost_page[:30])
    assert not lost_index, "missing from the search index:\n" + "\n".join(lost_index[:30])
