"""What the pages that list or count case studies must show, worked out from the YAML files as written
(yaml.safe_load), not through macros.library, so a mistake in the library's counting cannot hide in both
places. Shared by test_explore.py (the real site and a copy with a draft) and test_scale.py (a thousand)."""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote, quote_plus

import yaml

from macros import pages
from macros.library import slugify
from macros.schema import STATUSES
from tests.support import read
from tests.support.html_reader import table

STATUS_WORD = {"present": "Present", "absent": "Absent", "mixed": "Mixed", "emerging": "Emerging"}


STATUS_ICON = {"present": "●", "emerging": "◔", "mixed": "◑", "absent": "○"}


def raw_case_studies(root: Path) -> list[dict]:
    paths = sorted((root / "data" / "case_studies").glob("*.yaml"))
    assert paths, f"no case studies in {root}"
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths]


def raw_preconditions(root: Path) -> list[dict]:
    return yaml.safe_load((root / "data" / "preconditions.yaml").read_text(encoding="utf-8"))


def raw_cells(html: str, caption_id: str) -> list[list[str]]:
    """The inner HTML of every cell of the table whose caption has id=caption_id, row by row."""
    start = html.index(f'id="{caption_id}"')
    body = html[start:html.index("</table>", start)]
    return [re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S)]


def cell_tags(html: str, caption_id: str) -> list[list[str]]:
    """The opening tag of every cell of the table whose caption has id=caption_id, row by row."""
    start = html.index(f'id="{caption_id}"')
    body = html[start:html.index("</table>", start)]
    return [re.findall(r"<t[hd]\b[^>]*>", row) for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S)]


def tokens(cell_html: str) -> list[str]:
    """The words of a cell, with every tag (and <br>) a word break: '<b>1</b> present<br>11 present' is 4 words."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", cell_html)).replace("\xa0", " ").split()


def listing(site: Path, first: str) -> list[tuple[str, str]]:
    """(URL, HTML) of every page of a paged listing, from its first page along its "Next" links."""
    out, url = [], first
    while url is not None:
        html = read(site, url)
        out.append((url, html))
        following = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = target(url, html_lib.unescape(following.group(1)))[0] if following else None
        assert len(out) < 10_000, "the pager goes round in a circle"
    return out


def target(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative path, query) of a link on the page at page_url; the #fragment is left out."""
    path, _, query = href.partition("#")[0].partition("?")
    joined = posixpath.normpath(posixpath.join(page_url, path)) + "/" if path else page_url
    return ("" if joined == "./" else joined), query


def expected_totals(root: Path) -> dict[str, tuple[int, Counter]]:
    """letter -> (published case studies with evidence on it, Counter of statuses), drafts left out."""
    out = {p["id"]: (0, Counter()) for p in raw_preconditions(root)}
    for case in raw_case_studies(root):
        if case.get("maturity") == "draft":
            continue
        for letter in {e["precondition"] for e in case["evidence"]}:
            out[letter] = (out[letter][0] + 1, out[letter][1])
        for e in case["evidence"]:
            out[e["precondition"]][1][e["status"]] += 1
    return out


def expected_map(root: Path, dimension: str, *, drafts: bool = False) -> dict[str, dict[str, tuple[int, Counter]]]:
    """row (every theme or place any case study names) -> letter -> (published case studies with evidence on
    it, Counter: status -> published case studies with a finding of that status). With drafts=True, all count."""
    letters = [p["id"] for p in raw_preconditions(root)]
    out: dict[str, dict[str, tuple[int, Counter]]] = {}
    for case in raw_case_studies(root):
        for row in (case.get("themes", []) if dimension == "theme" else [case["place"].strip()]):
            cells = out.setdefault(row, {letter: (0, Counter()) for letter in letters})
            if case.get("maturity") == "draft" and not drafts:
                continue
            for letter in {e["precondition"] for e in case["evidence"]}:
                n, statuses = cells[letter]
                cells[letter] = (n + 1, statuses
                                 + Counter({e["status"] for e in case["evidence"] if e["precondition"] == letter}))
    return out


def assert_grid(site: Path, root: Path):
    """Every case study, once, A to Z, across the pages of the evidence map by case study; each cell its findings."""
    preconditions = raw_preconditions(root)
    cases = sorted(raw_case_studies(root), key=lambda c: (c["title"].strip().lower(), c["id"]))
    rows = []
    for url, html in listing(site, "explore/matrix/case-studies/"):
        table_rows = table(html, "matrix-caption")
        assert [text for text, _, _ in table_rows[0][1:]] == [f"{p['id']}. {p['short_title']}" for p in preconditions]
        rows += [(url, row) for row in table_rows[1:]]
    assert len(rows) == len(cases)
    for case, (url, row) in zip(cases, rows):
        assert row[0][0].startswith(case["title"].strip()), (case["id"], row[0][0])
        assert target(url, row[0][1][0])[0] == f"case-studies/{case['id']}/"
        assert ("Draft" in row[0][0]) == (case["maturity"] == "draft")
        seen = Counter()
        anchors = []
        for e in case["evidence"]:  # the anchors evidence.csv gives each finding
            seen[e["precondition"]] += 1
            n = seen[e["precondition"]]
            anchors.append((e, f"evidence-{e['precondition'].lower()}" + (f"-{n}" if n > 1 else "")))
        for p, (text, hrefs, _) in zip(preconditions, row[1:]):
            entries = [(e, anchor) for e, anchor in anchors if e["precondition"] == p["id"]]
            if not entries:
                assert text == "–" and hrefs == []  # the caption says what a dash means
                continue
            assert [target(url, h) for h in hrefs] == [(f"case-studies/{case['id']}/", "") for _ in entries]
            assert [h.partition("#")[2] for h in hrefs] == [anchor for _, anchor in entries]
            assert text.replace("\xa0", " ").split() == [w for e, _ in entries for w in (
                STATUS_ICON[e["status"]], STATUS_WORD[e["status"]],
                # our reading is labelled as ours in the cell too
                *(["Our", "reading"] if e.get("basis") == "editorial" else []))]


def assert_matrix_totals(site: Path, root: Path):
    """The totals on the evidence map, a row for each precondition, word by word: the count, 'thin' under two,
    then 'N status' for each status found."""
    rows = raw_cells(read(site, "explore/matrix/"), "matrix-caption")[1:]
    preconditions = raw_preconditions(root)
    assert ([tokens(row[0]) for row in rows]
            == [[f"{p['id']}", f"{p['id']}.", *p["short_title"].split()] for p in preconditions])
    totals = expected_totals(root)
    for p, (_, cell) in zip(preconditions, rows):
        letter = p["id"]
        n, statuses = totals[letter]
        expected = ([str(n)] + (["thin"] if n < 2 else [])
                    + [w for s in STATUSES if statuses[s] for w in (str(statuses[s]), s)])
        assert tokens(cell) == expected, (letter, cell)


MAP_PAGES = {"theme": "explore/matrix/", "place": "explore/matrix/places/"}


def map_pages(site: Path, dimension: str) -> list[tuple[str, str]]:
    """Every page of the evidence map by theme or by place. By theme, page 1 is the evidence map's own page."""
    first = read(site, MAP_PAGES[dimension])
    following = re.search(r'<nav class="library-pager" aria-label="Pages of the evidence map by theme">.*?<a '
                          r'href="([^"]+)" rel="next">', first, re.S)
    pages_ = [(MAP_PAGES[dimension], first)]
    if dimension == "theme" and following:
        pages_ += listing(site, target(MAP_PAGES["theme"], following.group(1))[0])
    elif dimension == "place":
        pages_ = listing(site, MAP_PAGES["place"])
    return pages_


def assert_evidence_map(site: Path, root: Path, dimension: str):
    """Each row of the map, in name order, across its pages: each cell the published case studies on that
    precondition and how many reported each status, linking to exactly them in the explorer; or an
    invitation to contribute. Shades rise with the count and never fall."""
    preconditions = raw_preconditions(root)
    counts = expected_map(root, dimension)
    rows, shades = [], {}
    for url, html in map_pages(site, dimension):
        # the first by theme is on the evidence map's page
        caption = ("themes-caption" if url == MAP_PAGES["theme"] else "map-caption")
        parsed, cells, inner = table(html, caption), cell_tags(html, caption), raw_cells(html, caption)
        assert [text for text, _, _ in parsed[0][1:]] == [f"{p['id']}. {p['short_title']}" for p in preconditions]
        rows += list(zip([url] * len(parsed), parsed[1:], cells[1:], inner[1:]))
    assert [row[0][0] for _, row, _, _ in rows] == sorted(counts)
    for url, row, row_cells, row_inner in rows:
        name = row[0][0]
        assert target(url, row[0][1][0]) == ("explore/case-studies/", f"{dimension}={quote(name)}"), name
        for p, (text, hrefs, _), cell, inner in zip(preconditions, row[1:], row_cells[1:], row_inner[1:]):
            n, statuses = counts[name][p["id"]]
            # what the link is called, in words
            label = html_lib.unescape(re.search(r'aria-label="([^"]*)"', inner).group(1))
            if not n:
                assert [target(url, h)[0] for h in hrefs] == ["contribute/"], (name, p["id"])
                assert (text, label) == ("Add", "Add a case study")
                continue
            assert ([target(url, h) for h in hrefs]
                    == [("explore/case-studies/", f"{dimension}={quote(name)}&precondition={p['id']}")])
            found = [s for s in STATUSES if statuses[s]]
            assert label == f"{n}: " + ", ".join(f"{statuses[s]} {s}" for s in found), (name, p["id"], label)
            assert text == str(n), (name, p["id"], text)
            drawn = html_lib.unescape(re.search(r'data-statuses="([^"]*)"', cell).group(1))  # by CSS, two to a line
            assert (drawn.split("\n")
                    == [" ".join(f"{STATUS_ICON[s]}{statuses[s]}" for s in found[i:i + 2])
                        for i in range(0, len(found), 2)])
            shades.setdefault(n, set()).add(re.search(r"library-shade-(\d)", cell)
                                            and int(re.search(r"library-shade-(\d)", cell).group(1)))
    levels = [shades[n] for n in sorted(shades)]
    assert all(len(level) == 1 for level in levels), "one count, one shade"
    levels = [level.pop() for level in levels]
    assert levels == sorted(levels) and set(levels) <= {1, 2, 3, 4}, "more case studies, a darker shade"


def assert_tags(site: Path, root: Path):
    """Each theme, place and precondition-and-status that some case study has, with how many case studies have
    it, linking to them in the explorer; each keeps the id the old tags page gave it."""
    html = read(site, "explore/tags/")
    cases = raw_case_studies(root)
    titles = {p["id"]: p["short_title"] for p in raw_preconditions(root)}
    # Every place has a tag, with case studies or none yet: those in places.yaml and those case studies name.
    places = dict.fromkeys((p["name"]
                            for p in yaml.safe_load((root / "data" / "places.yaml").read_text(encoding="utf-8"))), 0)
    for case in cases:
        places[case["place"].strip()] = places.get(case["place"].strip(), 0) + 1
    groups = {
        "theme": Counter(t for c in cases for t in set(c["themes"])),
        "place": places,
        "evidence": Counter(pair for c in cases for pair in {(e["precondition"], e["status"]) for e in c["evidence"]}),
    }
    entries = re.findall(r'<li class="library-tags__entry" id="([^"]+)"><a href="([^"]+)">([^<]+)</a> <span '
                         r'class="library-tags__count">(\d+) case stud', html)
    assert len(entries) == sum(len(g) for g in groups.values())
    for ident, href, label, n in entries:
        group, _, value = ident.partition(":")[2].partition("/")
        label = html_lib.unescape(label)
        if group == "evidence":
            letter, status = value.split("-")
            letter = letter.upper()
            assert label == f"{letter}. {titles[letter]}: {status}"
            assert int(n) == groups["evidence"][(letter, status)]
            assert (target("explore/tags/", html_lib.unescape(href))
                    == ("explore/case-studies/", f"precondition={letter}&status={status}"))
        elif group == "place":
            assert int(n) == groups["place"][label], label
            # every place has a page
            assert target("explore/tags/", html_lib.unescape(href)) == (f"places/{slugify(label)}/", "")
            assert ident == f"tag:place/{slugify(label)}"  # unique, as place slugs are
        else:
            assert int(n) == groups[group][label], (group, label)
            assert (target("explore/tags/", html_lib.unescape(href))
                    == ("explore/case-studies/", f"{group}={quote_plus(label)}"))
            assert ident == pages.tag_anchor(f"{group.capitalize()}/{label}")


def text(markup: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def glance(page: str) -> dict[str, list[dict]]:
    """group -> the preconditions the home page shows in it, in order: letter, name, summary, evidence, links."""
    out = {}
    for group, body in re.findall(r'<section class="library-glance__group library-glance__group--(\w+)"(.*?)</section>',
                                  page, re.S):
        out[group] = [{
            "letter": letter,
            "name": text(re.search(r'class="library-glance__name">(.*?)</p>', item, re.S).group(1)),
            "summary": text(re.search(r'class="library-glance__summary">(.*?)</p>', item, re.S).group(1)),
            "evidence": text(re.search(r'class="library-glance__evidence">(.*?)</p>', item, re.S).group(1)),
            "links": re.findall(r'href="([^"]+)"', item),
        } for letter, item in re.findall(r'<li class="library-glance__item" data-precondition="([A-I])">(.*?)</li>',
                                         body, re.S)]
    return out


def without_links(shown: dict) -> dict:
    return {group: [{k: v for k, v in item.items() if k != "links"} for item in items]
            for group, items in shown.items()}
