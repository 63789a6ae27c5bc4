"""A thousand case studies: every listing stays the same size, and nothing becomes unreachable.

A copy of the project with synthetic case studies (tools/synthetic.py, as `make bench` makes them),
1,000 in all, built once. The tests check what must hold at any size, not how fast anything is: no
page that lists or counts case studies is larger than a fixed limit; every case study can be reached
from the listings by links alone; every combination of the explorer's filters can be reached by its
address and shows exactly the matching case studies; the evidence map, its totals, the grid and the
tags page count exactly what the data holds. The audits (axe in both schemes, keyboard, the Nu
checker, links) run on the listing pages, which only here have more than one page.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest

from macros.library import slugify
from tests.support import ROOT, build, copy_project, read
from tests.support.audit import axe_violations, broken_links, keyboard_problems, nu_errors
from tests.support.browsers import serve
from tests.support.listings import (
    assert_evidence_map,
    assert_grid,
    assert_matrix_totals,
    assert_tags,
    listing,
    raw_case_studies,
    target,
)

sys.path.insert(0, str(ROOT / "tools"))
import synthetic

pytestmark = pytest.mark.slow
N = 1000
# The HTML of any page that lists or counts case studies, whatever their number: a page of 30 rows of the
# evidence map is about 70 KB (12 KB compressed), well inside the 150 KB compressed first load it may use.
LISTING_HTML_LIMIT = 150 * 1024
STATUSES = ("present", "absent", "mixed", "emerging")


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """(project, site) with N case studies: the real ones and synthetic ones."""
    root = tmp_path_factory.mktemp("scale")
    project = copy_project(root / "project")
    folder = project / "data" / "case_studies"
    synthetic.generate(N - len(list(folder.glob("*.yaml"))), folder)
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


@pytest.fixture(scope="module")
def cases(scale):
    """The case studies as written, in the listings' order (by title, then id)."""
    return sorted(raw_case_studies(scale[0]), key=lambda c: (c["title"].strip().lower(), c["id"]))


def listing_pages(site: Path) -> list[str]:
    """Every page that lists or counts case studies, found in the built site."""
    urls = ["case-studies/", "explore/case-studies/", "explore/tags/", "explore/matrix/", "places/", "preconditions/"]
    for folder in ("case-studies/page", "explore/matrix"):
        urls += sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / folder).rglob("index.html")
                       if p.parent != site / folder)
    urls += sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "places").glob("*/index.html"))
    urls += sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "preconditions").glob("*/index.html"))
    return urls


def test_no_listing_page_grows_past_the_limit(scale, cases):
    _, site = scale
    pages = listing_pages(site)
    assert len(pages) > 150 and "case-studies/page/25/" in pages and "explore/matrix/places/3/" in pages
    too_big = {url: len(read(site, url).encode()) for url in pages if len(read(site, url).encode())
               > LISTING_HTML_LIMIT}
    assert not too_big, too_big


def links_on(site: Path, url: str) -> list[str]:
    return [target(url, href.replace("&amp;", "&"))[0]
            for href in re.findall(r'<a [^>]*?href="([^"#][^"]*)"', read(site, url))]


def test_every_case_study_is_reachable_from_the_listings_by_links_alone(scale, cases):
    """From the case studies index alone, and from the evidence map alone, following only links between their
    own pages, as someone without JavaScript would."""
    _, site = scale
    every = {f"case-studies/{c['id']}/" for c in cases}
    for start, within in [("case-studies/", ("case-studies/page/",)), ("explore/matrix/", ("explore/matrix/",))]:
        seen, queue, found = {start}, [start], set()
        while queue:
            for link in links_on(site, queue.pop()):
                if link in every:
                    found.add(link)
                elif link.startswith(within) and link not in seen and (site / link / "index.html").is_file():
                    seen.add(link)
                    queue.append(link)
        assert found == every, (start, len(found), sorted(every - found)[:5])


def test_paged_listings_hold_every_case_study_once_in_order(scale, cases):
    _, site = scale
    pages = listing(site, "case-studies/")
    assert len(pages) == -(-N // 40)
    listed = [link for url, html in pages for link in re.findall(r'<th scope="row"><a href="([^"]+)">', html)
              for link in [target(url, link)[0]]]
    assert listed == [f"case-studies/{c['id']}/" for c in cases]


def explorer_data(site: Path) -> tuple[dict, Path]:
    """The explorer's data files, by name, as data, and their folder."""
    html = read(site, "explore/case-studies/")
    folder = (site / "explore" / "case-studies"
              / re.search(r'data-library-explorer-data="([^"]+)"', html).group(1)).resolve()
    files = {}
    for path in folder.glob("*.js"):
        name, data = re.fullmatch(r'libraryShard\("([a-zA-Z0-9-]+)",(.*)\);\n', path.read_text(encoding="utf-8"),
                                  re.S).groups()
        assert name == path.stem
        files[name] = json.loads(data)  # data, not code: it must parse as JSON
    assert files, f"no data files in {folder}"
    return files, folder


def positions(gaps: list[int]) -> list[int]:
    return list(itertools.accumulate(gaps))


def test_every_filter_combination_is_reachable_by_address(scale, cases):
    """The explorer offers every value in its filters, and for every combination of them (any precondition
    or none, any status or none, any place or none, any theme or none) the files it loads for that address
    select exactly the case studies the data says match, in order; its records are the case studies."""
    _, site = scale
    html = read(site, "explore/case-studies/")
    places = sorted({c["place"].strip() for c in cases})
    themes = sorted({t for c in cases for t in c["themes"]})
    labels = lambda name: [re.sub(r"\s+", " ", o).strip() for o in re.findall(  # noqa: E731
        r"<option[^>]*>([^<]*)</option>", re.search(rf'<select name="{name}">(.*?)</select>', html, re.S).group(1))][1:]
    assert [label.split(".")[0] for label in labels("precondition")] == list("ABCDEFGHI")
    assert labels("place") == places and labels("theme") == themes
    files, _ = explorer_data(site)

    records = [record for k in range(len(cases) // 50 + 1) for record in files.get(f"records-{k}", [])]
    assert [r[0] for r in records] == [c["id"] for c in cases]
    for record, case in zip(records, cases):
        assert record[1:5] == [case["title"].strip(), case["place"].strip(), case["period"].strip(), case["themes"]]
        assert [(letter, status, basis) for letter, status, _, basis in record[5]] == [
            (e["precondition"], e["status"], e["basis"]) for e in case["evidence"]]
        assert ([anchor for _, _, anchor, _ in record[5]]
                == [f"evidence-{e['precondition'].lower()}" for e in case["evidence"]])
        assert record[6] == case["maturity"]

    # What each address must show, worked out case by case from the YAML.
    expected = Counter()
    for case in cases:
        pairs = {(e["precondition"], e["status"]) for e in case["evidence"]}
        evidence = {("", "")} | {(p, "") for p, _ in pairs} | {("", s) for _, s in pairs} | pairs
        for (p, s), place, theme in itertools.product(evidence, ("", case["place"].strip()),
                                                      [""] + sorted(set(case["themes"]))):
            expected[p, s, place, theme] += 1
    sets = {("", ""): set(range(len(cases)))}
    for p, s in itertools.product("ABCDEFGHI", STATUSES):
        sets[p, s] = set(positions(files[f"e-{p}-{s}"]))
    for p in "ABCDEFGHI":
        sets[p, ""] = set().union(*(sets[p, s] for s in STATUSES))
    for s in STATUSES:
        sets["", s] = set().union(*(sets[p, s] for p in "ABCDEFGHI"))
    by_place = {"": sets["", ""]} | {name: set(positions(files[f"p-{i}"])) for i, name in enumerate(places)}
    by_theme = {"": sets["", ""]} | {name: set(positions(files[f"t-{i}"])) for i, name in enumerate(themes)}
    wrong = []
    for (p, s), place, theme in itertools.product(sets, by_place, by_theme):
        shown = len(sets[p, s] & by_place[place] & by_theme[theme])
        if shown != expected[p, s, place, theme]:
            wrong.append(((p, s, place, theme), shown, expected[p, s, place, theme]))
    assert not wrong, wrong[:5]
    assert len(sets) * len(by_place) * len(by_theme) > 200_000  # every combination was checked


def test_evidence_map_grid_totals_and_tags_equal_the_data(scale):
    project, site = scale
    assert_evidence_map(site, project, "theme")
    assert_evidence_map(site, project, "place")
    assert_matrix_totals(site, project)
    assert_grid(site, project)
    assert_tags(site, project)


def test_record_pages_list_a_few_and_link_to_the_rest(scale, cases):
    """Precondition pages show at most five findings per status and place pages ten case studies, each then
    linking to all of them in the explorer."""
    _, site = scale
    html = read(site, "preconditions/trusted-partners/")
    for status in STATUSES:
        n = sum(1 for c in cases if any(e["precondition"] == "E" and e["status"] == status for e in c["evidence"]))
        part = html[html.index(f'id="evidence-{status}"'):]
        part = part[:part.index("</ul>")]
        assert len(re.findall(r'<li><p><a href="\.\./\.\./case-studies/', part)) == 5 < n
        found = sum(1 for c in cases for e in c["evidence"] if e["precondition"] == "E" and e["status"] == status)
        assert f"See all {found}" in html
    place, n = Counter(c["place"].strip() for c in cases).most_common(1)[0]
    html = read(site, f"places/{slugify(place)}/")
    listed = html[html.index('id="case-studies"'):]
    assert len(re.findall(r'<li><a href="\.\./\.\./case-studies/', listed[:listed.index("</ul>")])) == 10 < n
    assert f"See all {n} case studies from {place}" in html


AUDITED = ["case-studies/", "case-studies/page/2/", "explore/case-studies/",
           "explore/case-studies/?precondition=E&status=absent",
           "explore/matrix/", "explore/matrix/themes/2/", "explore/matrix/places/", "explore/matrix/places/3/",
           "explore/matrix/case-studies/", "explore/matrix/case-studies/25/", "explore/tags/",
           "preconditions/trusted-partners/"]


@pytest.fixture(scope="module")
def scale_url(scale):
    server = serve(scale[1])
    yield f"http://127.0.0.1:{server.server_address[1]}/library/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_listing_pages(browser, scale_url, scheme):
    found = axe_violations(browser, scale_url, AUDITED, scheme)
    assert not found, "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("path",
                         ["case-studies/page/2/", "explore/matrix/places/2/", "explore/case-studies/?theme=housing"])
def test_listing_pages_work_by_keyboard(page, scale_url, path):
    missed, invisible = keyboard_problems(page, scale_url + path)
    assert not missed and not invisible, (missed, invisible)


def test_listing_pages_are_valid_html_and_their_links_resolve(scale):
    _, site = scale
    files = [site / url.split("?")[0] / "index.html" for url in AUDITED if "?" not in url]
    errors = nu_errors(files)
    assert not errors, "\n".join(errors[:20])
    sources = [site / url / "index.html" for url in listing_pages(site)]
    assert not broken_links(site, sources)


def shown(page) -> tuple[list[str], str]:
    page.wait_for_selector("[data-library-explorer-list]:not([aria-busy])", state="attached")
    titles = page.eval_on_selector_all(".library-explorer__item .library-explorer__title a",
                                       "as => as.map(a => a.textContent)")
    return titles, page.text_content("[data-library-explorer-count]")


def matching(cases, precondition="", status="", place="", theme=""):
    return [c["title"].strip() for c in cases
            if (not place or c["place"].strip() == place) and (not theme or theme in c["themes"])
            and any((not precondition or e["precondition"] == precondition) and (not status or e["status"] == status)
                    for e in c["evidence"])]


@pytest.mark.browser
def test_filters_by_address_show_the_matching_case_studies(page, scale_url, cases):
    """A sample of addresses, opened directly: the first 20 matches, the count, and 20 more on request."""
    rng = random.Random(14)
    places = sorted({c["place"].strip() for c in cases})
    themes = sorted({t for c in cases for t in c["themes"]})
    samples = [{}, {"precondition": "E", "status": "absent"}, {"status": "emerging"}, {"place": places[0]},
               {"precondition": "G", "status": "present", "place": places[1], "theme": themes[2]}]
    samples += [{k: v for k, v in {"precondition": rng.choice("ABCDEFGHI"), "status": rng.choice(STATUSES),
                                   "place": rng.choice(places), "theme": rng.choice(themes)}.items() if rng.random()
                 < 0.6}
                for _ in range(6)]
    for filters in samples:
        page.goto(scale_url + "explore/case-studies/" + ("?" + urlencode(filters) if filters else ""))
        want = matching(cases, **filters)
        titles, count = shown(page)
        assert titles == want[:20], filters
        assert (f"{len(want):,}" in count) if want else "No case studies match" in count, (filters, count)
        if len(want) > 20:
            page.click("[data-library-explorer-more]")
            page.wait_for_function("n => document.querySelectorAll('.library-explorer__item').length > n", arg=20)
            assert shown(page)[0] == want[:40], filters
