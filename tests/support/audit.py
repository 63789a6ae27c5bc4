"""The audits run on built pages, shared by test_audit.py (the real site), test_scale.py (a thousand case
studies) and test_studio.py: axe-core in Chromium, keyboard reach with visible focus, the Nu HTML Checker,
and every internal link and anchor."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.support import ROOT
from tests.support.html_reader import links_and_ids

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
        found += [f"{path or '/'}: {v}" for v in axe_here(page)]
    context.close()
    return found


def axe_here(page) -> list[str]:
    """'rule: where' for each WCAG A and AA failure on the page as it stands (axe-core already added to it)."""
    return page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))", WCAG_TAGS)


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
  // A link taken out of the tab order (the relationship map's nodes, for a pointer) is fine only if another link
  // in it goes to the same place.
  const address = a => new URL(a.getAttribute('href'), location.href).href;  // an SVG link's .href is not a string
  const twin = el => el.matches('a[href][tabindex="-1"]') && Array.from(document.querySelectorAll('a[href]'))
    .some(other => other !== el && other.getAttribute('tabindex') !== '-1' && address(other) === address(el)
                   && shown(other));
  document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, '
                            + '[tabindex]:not([tabindex="-1"])')
    .forEach((el, i) => {
      if (el.disabled || !shown(el) || twin(el)) return;
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


def keyboard_problems(page, url: str) -> tuple[list[str], list[str]]:
    """The controls of the page at `url` that Tab does not reach, and those that show no focus."""
    page.goto(url)
    page.wait_for_load_state("networkidle")  # search results and other late content are in the tab order too
    return keyboard_problems_here(page)


def keyboard_problems_here(page) -> tuple[list[str], list[str]]:
    """The controls of the page as it now stands that Tab, from the top, does not reach, and those that show no
    focus."""
    page.evaluate("() => { const top = document.createElement('span'); top.tabIndex = -1; document.body.prepend(top); "
                  "top.focus();"
                  " top.remove(); window.scrollTo(0, 0); document.querySelectorAll('[data-kb]').forEach(e => delete "
                  "e.dataset.kb); }")
    # Material's, once at the top
    page.wait_for_function("() => !document.querySelector('.md-top') || document.querySelector('.md-top').hidden")
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
                        " return {x: Math.max(r.x - 4, 0), y: Math.max(r.y - 4, 0), width: r.width + 8, height: "
                        "r.height + 8}; }")
    if box["width"] <= 8 or box["height"] <= 8:
        return False
    focused = page.screenshot(clip=box)
    page.evaluate("() => { window.__kb = document.activeElement; window.__kb.blur(); }")
    unfocused = page.screenshot(clip=box)
    page.evaluate("() => window.__kb.focus()")
    return focused != unfocused


def nu_errors(paths: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors on these files or folders, less the suppressed ones."""
    assert VNU.exists(), "the Nu HTML Checker is missing: run 'npm ci --ignore-scripts'"
    result = subprocess.run(["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                             *map(str, paths)], capture_output=True, text=True)
    return [line for line in result.stderr.splitlines() + result.stdout.splitlines()
            if "error" in line and not any(message in line for message in VNU_SUPPRESSED)]


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
        for _tag, _attr, url in links:
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
