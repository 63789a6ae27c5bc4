"""The audits a public-sector organisation would run, on every built page, in the test suite.

Accessibility (axe-core, WCAG 2.0/2.1/2.2 A and AA, light and dark), keyboard reach and visible
focus, privacy (no request to another host), valid HTML (the Nu HTML Checker), no broken link or
anchor, reproducible builds, and every record and list item surviving into the pages and the
search index.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import subprocess
from pathlib import Path

import pytest

from macros import library
from macros.safe_markdown import TextRenderer
from macros.spec import Record, fields_of
from tests.html_reader import links_and_ids
from tests.support import build, copy_project, pagefind_pages

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Nu HTML Checker messages suppressed, each with the reason. Nothing else is.
VNU_SUPPRESSED = {
    # Material puts autocomplete="off" on its hidden checkbox toggles (drawer, search, nav
    # sections) on purpose: without it Firefox restores their state after navigation and
    # reopens the menu. The attribute is harmless where the spec does not list it.
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's checkbox toggles: stops Firefox restoring an open menu",
}


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path, redirect pages left out."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if path.parts[len(site.parts)] in ("pagefind", "assets"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    assert pages, f"no pages in {site}"
    return pages


# --- Accessibility -----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(browser, built_site, site_url, scheme):
    assert AXE.exists(), "axe-core is missing: run 'npm ci --ignore-scripts'"
    found = axe_violations(browser, site_url, site_pages(built_site), scheme)
    assert not found, "\n".join(found)


def axe_violations(browser, site_url: str, paths: list[str], scheme: str) -> list[str]:
    """'path: rule: where' for each WCAG A and AA failure axe-core finds on the pages, in one colour scheme."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = AXE.read_text(encoding="utf-8")
    found = []
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")  # the explorer draws a filtered list after loading its data
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))", WCAG_TAGS)
        found += [f"{path or '/'}: {v}" for v in violations]
    context.close()
    return found


KEYBOARD_PAGES = ["", "preconditions/trusted-partners/", "case-studies/coventry-ignite/", "places/coventry/",
                  "explore/matrix/", "explore/matrix/places/", "explore/matrix/case-studies/", "explore/map/",
                  "explore/case-studies/", "explore/case-studies/?theme=housing", "explore/tags/", "case-studies/",
                  "search/?q=trust", "glossary/", "trainers/reflection/", "pathways/when-trust-breaks-down/",
                  "contribute/studio/"]

CANDIDATES = """() => {
  const shown = el => {
    // Transparent controls (Material's back-to-top button until you scroll up) are not offered yet;
    // its palette radios are transparent on purpose and show focus on their label.
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: !el.matches('.md-option')})) return false;
    const r = el.getBoundingClientRect();
    if (!el.matches('.md-option') && r.width === 0 && r.height === 0) return false;
    for (let a = el.parentElement; a; a = a.parentElement) {  // inside a collapsed nav section: not reachable yet
      const s = getComputedStyle(a);
      if (s.overflow !== 'visible' && a.getBoundingClientRect().height === 0) return false;
    }
    return true;
  };
  const seenGroups = new Set();
  const out = [];
  document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')
    .forEach((el, i) => {
      if (el.disabled || !shown(el)) return;
      if (el.type === 'radio') {  // a radio group is one stop: the checked radio, or the first
        const group = el.name;
        const checked = document.querySelector(`input[type=radio][name="${group}"]:checked`);
        if (seenGroups.has(group) || (checked && checked !== el)) return;
        seenGroups.add(group);
      }
      el.dataset.kb = String(i);
      out.push(String(i));
    });
  return out;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const visible = e => { if (!e) return false; const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); };
  const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  return [el.dataset.kb || null, el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''), visible(el) || visible(label)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_every_control_is_reachable_by_keyboard_and_shows_focus(page, site_url, path):
    missed, invisible = keyboard_problems(page, site_url + path)
    assert not missed, f"not reachable with Tab: {missed}"
    assert not invisible, f"no visible focus: {sorted(set(invisible))}"


def keyboard_problems(page, url: str) -> tuple[list[str], list[str]]:
    """The controls of the page at `url` that Tab does not reach, and those that show no focus."""
    page.goto(url)
    page.wait_for_load_state("networkidle")  # search results and other late content are in the tab order too
    wanted = page.evaluate(CANDIDATES)
    reached, invisible = set(), []
    for _ in range(len(wanted) + 25):
        page.keyboard.press("Tab")
        marker, name, shows_focus = page.evaluate(FOCUSED)
        if marker:
            reached.add(marker)
            if not shows_focus and not _focus_changes_pixels(page):
                invisible.append(name)
    missed = page.evaluate("ids => ids.map(i => { const e = document.querySelector(`[data-kb='${i}']`);"
                           " return e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 40); })",
                           [m for m in wanted if m not in reached])
    return missed, invisible


def _focus_changes_pixels(page) -> bool:
    """True if the focused control looks different unfocused: a colour change or an SVG stroke counts too."""
    box = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                        " return {x: Math.max(r.x - 4, 0), y: Math.max(r.y - 4, 0), width: r.width + 8, height: r.height + 8}; }")
    if box["width"] <= 8 or box["height"] <= 8:
        return False
    focused = page.screenshot(clip=box)
    page.evaluate("() => { window.__kb = document.activeElement; window.__kb.blur(); }")
    unfocused = page.screenshot(clip=box)
    page.evaluate("() => window.__kb.focus()")
    return focused != unfocused


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


def nu_errors(paths: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors on these files or folders, less the suppressed ones."""
    assert VNU.exists(), "the Nu HTML Checker is missing: run 'npm ci --ignore-scripts'"
    result = subprocess.run(["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                             *map(str, paths)], capture_output=True, text=True)
    return [line for line in result.stderr.splitlines() + result.stdout.splitlines()
            if "error" in line and not any(message in line for message in VNU_SUPPRESSED)]


# --- Links -------------------------------------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    broken = broken_links(built_site, pages)
    assert not broken, "\n".join(broken[:40])


def broken_links(built_site: Path, sources: list[Path]) -> list[str]:
    """Each link on these pages to a file of the site that does not exist, or to an id the file lacks."""
    ids_cache: dict[Path, set] = {}

    def ids_of(path: Path) -> set:
        if path not in ids_cache:
            ids_cache[path] = links_and_ids(path.read_text(encoding="utf-8"))[1]
        return ids_cache[path]

    broken = []
    for source in sources:
        if source.name == "404.html" or source.parts[len(built_site.parts)] == "pagefind":
            continue  # the 404 page uses absolute addresses: it is served at any address
        links, own_ids = links_and_ids(source.read_text(encoding="utf-8"))
        ids_cache[source] = own_ids
        for tag, attr, url in links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith("//"):
                continue  # another site, mailto: or data:
            path, _, anchor = url.partition("#")
            path = path.split("?")[0]
            target = source if not path else (source.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = source.relative_to(built_site).as_posix()
            if not target.is_file():
                broken.append(f"{where}: {url} (no such file)")
            elif anchor and target.suffix == ".html" and anchor not in ids_of(target):
                broken.append(f"{where}: {url} (no #{anchor} there)")
    return broken


# --- Reproducible ------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    second = tmp_path / "second"
    assert build(project, second).returncode == 0

    def digests(site):
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

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
    indexed = {url: _unpunctuated(" ".join(html.unescape(text).split())) for url, text in pagefind_pages(built_site).items()}
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
    lost_page += [f"glossary/ {t.term}" for t in lib.glossary if t.term not in glossary or _plain(t.definition, renderer) not in glossary]
    assert not lost_page, "missing from pages:\n" + "\n".join(lost_page[:30])
    assert not lost_index, "missing from the search index:\n" + "\n".join(lost_index[:30])
