"""Contributed text never runs in a reader's browser, whatever field it is in and however it is written.

Every text field of every kind of data file (found by walking the schema, so a new field is
covered the day it is added) gets a payload that records its number in `window.__xss` when it
runs, in each form contributed text could carry markup (tests/hostile.py). Validation may refuse
a payload, but then its message must name the file, the line and the field. The rest are built
in strict mode, and every page is opened in Chromium at a desktop and a phone width, scrolled
(so the theme cuts long titles off and copies them into tooltips), and every element with a
title, every abbreviation and every tooltip host is hovered and focused. Search results, which
the browser builds from the index, are opened too, online (Pagefind) and offline (Material).
"""

from __future__ import annotations

import pytest

from macros import library
from macros.schema import FILES
from tests.support import build, copy_project, hostile
from tests.support.browsers import serve

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
FLAG = "window.__xss = [];"

# Everything that has, or could be given, a tooltip: titles, abbreviations, the header title Material cuts off.
HOSTS = "[title], abbr, .md-ellipsis, [data-md-component=header-title] a, [aria-describedby]"
# Focus each host in turn and move the mouse onto it: tooltips (Material's included, were they on) follow focus
# and hover. Hosts that cannot take focus are given tabindex -1 first, so each one is focused for real.
SWEEP = """async hosts => {
  const pause = ms => new Promise(done => setTimeout(done, ms));
  window.scrollTo(0, 600);  // the header now shows the page title, cut off on a phone
  await pause(150);
  const all = [...document.querySelectorAll(hosts)];
  for (const el of all) {
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({preventScroll: true});
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove"]) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: !type.endsWith("enter")}));
    }
    await pause(4);
    for (const type of ["pointerout", "pointerleave", "mouseout", "mouseleave"]) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: !type.endsWith("leave")}));
    }
  }
  if (document.activeElement) document.activeElement.blur();
  await pause(300);  // an image that fails to load reports it a moment later
  return [window.__xss, all.length];
}"""


def sweep(tab) -> tuple[list[int], int]:
    """Focus and hover every tooltip host on the page: the numbers of the payloads that ran, and how many hosts."""
    return tab.evaluate(SWEEP, HOSTS)


def sweep_all(context, addresses, tabs: int = 4):
    """(address, payloads that ran, hosts) for each page; several tabs sweep at once, as their waits overlap."""
    pool = [context.new_page() for _ in range(tabs)]
    for start in range(0, len(addresses), tabs):
        batch = list(zip(pool, addresses[start:start + tabs]))
        for tab, address in batch:
            tab.goto(address, wait_until="load")
            tab.evaluate(f"hosts => {{ window.__sweep = ({SWEEP})(hosts); }}", HOSTS)
        for tab, address in batch:
            ran, hosts = tab.evaluate("() => window.__sweep")
            yield address, ran, hosts


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """The real project with a payload in every text field, in every form; refused payloads put back."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    planted = hostile.plant(project)
    refused = hostile.refused(project, planted)
    hostile.revert(project, planted, set(refused))
    return project, planted, refused


@pytest.fixture(scope="module")
def hostile_site(hostile_project, tmp_path_factory):
    project, _, _ = hostile_project
    site = tmp_path_factory.mktemp("hostile-site") / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    server = serve(site)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/library/"
    server.shutdown()


def test_every_record_type_and_text_field_is_attacked(hostile_project):
    _, planted, _ = hostile_project
    attacked = {(item.slot.cls, item.form) for item in planted}
    for _, cls, _, _ in FILES:
        for form in hostile.FORMS:
            assert (cls, form) in attacked, f"{cls.__name__} got no payload in the form {form}"
    names = {item.slot.name for item in planted}
    assert {"title", "short_title", "vignette.when_absent", "evidence[].finding", "definition", "steps[].note"} <= names


def test_a_refused_payload_is_refused_with_its_file_line_and_field(hostile_project):
    """Whatever validation refuses it names where; once those fields are put back, nothing else is wrong."""
    project, planted, refused = hostile_project
    lib = library.load(project)
    assert not lib.problems, "problems that name no planted field:\n" + "\n".join(map(str, lib.problems[:20]))
    accepted = {(item.slot.name, item.form) for item in planted if item.number not in refused}
    refusals = {(item.slot.name, item.form) for item in planted if item.number in refused}
    # Free text is accepted as written (and so reaches the pages); only shaped values are refused ...
    assert accepted >= {("title", "raw-html"), ("short_title", "raw-html"), ("evidence[].finding", "raw-html"),
                        ("definition", "entities"), ("description", "entities"), ("title", "long"),
                        ("place", "raw-html")}
    # ... and Markdown that would have put a title attribute on the page: link titles and abbreviation definitions.
    assert refusals >= {("evidence[].finding", "link-title"), ("context", "reference-title"),
                        ("definition", "abbreviation"),
                        ("steps[].note", "link-title"), ("vignette.when_absent", "abbreviation")}
    # A character no text may hold is refused wherever it is, and a new line wherever a field is one line ...
    assert (refusals
            >= {(name, "front-matter-breaker") for name in ("title", "summary", "place", "name", "evidence[].finding")})
    assert refusals >= {(name, "new-line") for name in ("title", "place", "name", "short_title", "summary")}
    # ... while an attribute list, and a new line in a Markdown field, are text and reach the pages.
    assert accepted >= {("title", "attribute-list"), ("summary", "attribute-list"), ("evidence[].finding", "new-line")}


def _pages(site):
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect: it shows nothing
        yield path.relative_to(site).as_posix().removesuffix("index.html")


def _describe(planted, numbers, where):
    by_number = {item.number: item for item in planted}
    return [f"{where}: {by_number[n].file} {by_number[n].slot.name} ({by_number[n].form})"
            for n in sorted(set(numbers))]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_payload_runs_on_any_page(browser, hostile_project, hostile_site, width):
    _, planted, _ = hostile_project
    site, url = hostile_site
    context = browser.new_context(viewport=WIDTHS[width])
    context.add_init_script(FLAG)
    ran, hosts, pages = [], 0, 0
    for address, numbers, found in sweep_all(context, [url + path for path in _pages(site)]):
        ran += _describe(planted, numbers, address.removeprefix(url))
        hosts += found
        pages += 1
    context.close()
    assert pages > 60 and hosts > pages * 5  # the sweep really opened the pages and found what to hover
    assert not ran, "contributed text ran as script:\n" + "\n".join(ran)


@pytest.mark.parametrize("query", ["onerror", "xss push", "PILOT", "img src", "onfocus"])
def test_no_payload_runs_from_search_results(browser, hostile_project, hostile_site, query):
    _, planted, _ = hostile_project
    _, url = hostile_site
    context = browser.new_context(viewport=WIDTHS["desktop"])
    context.add_init_script(FLAG)
    tab = context.new_page()
    tab.goto(url + "search/?q=" + query.replace(" ", "+"))
    tab.wait_for_selector("[data-library-search-results] li", timeout=15000)
    ran = _describe(planted, sweep(tab)[0], f"search {query!r}")
    context.close()
    assert not ran, "contributed text ran as script:\n" + "\n".join(ran)


def test_no_payload_runs_in_the_offline_copy_or_its_search(browser, hostile_project, tmp_path_factory):
    """The offline copy searches with Material's own search, which builds its results from the index."""
    project, planted, _ = hostile_project
    site = tmp_path_factory.mktemp("hostile-offline") / "site"
    result = build(project, site, offline=True)
    assert result.returncode == 0, result.stderr[-3000:]
    context = browser.new_context(viewport=WIDTHS["desktop"])
    context.add_init_script(FLAG)
    tab = context.new_page()
    ran = []
    for form in hostile.FORMS:
        tab.goto((site / "case-studies" / f"xss-{form}.html").as_uri())
        ran += _describe(planted, sweep(tab)[0], f"offline case study xss-{form}")
    for query in ("onerror", "xss", "PILOT", "onfocus"):
        # A fresh page for each: after Escape the box can keep its focus with the search closed, and filling
        # it then does not open the results again.
        tab.goto((site / "index.html").as_uri())
        tab.fill("input[data-md-component=search-query]", query)
        tab.wait_for_selector(".md-search-result__item", timeout=15000)
        tab.wait_for_timeout(300)
        ran += _describe(planted, tab.evaluate("window.__xss"), f"offline search {query!r}")
    context.close()
    assert not ran, "contributed text ran as script:\n" + "\n".join(ran)
