"""The ways in: matrix, map, tags and open data are generated from the data and agree with it."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from macros import library, pages
from macros.schema import STATUSES
from tests.html_reader import table
from tests.support import read, section
from tests.test_schema import load_as_editor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lib():
    return library.load(ROOT)


STATUS_WORD = {"present": "Present", "absent": "Absent", "mixed": "Mixed", "emerging": "Emerging"}
STATUS_ICON = {"present": "●", "emerging": "◔", "mixed": "◑", "absent": "○"}


# The expected values below are worked out from the YAML files as written (yaml.safe_load), not
# through macros.library, so a mistake in the library's counting cannot hide in both places.

def raw_case_studies(root: Path) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((root / "data" / "case_studies").glob("*.yaml"))]


def raw_preconditions(root: Path) -> list[dict]:
    return yaml.safe_load((root / "data" / "preconditions.yaml").read_text(encoding="utf-8"))


def raw_cells(html: str, caption_id: str) -> list[list[str]]:
    """The inner HTML of every cell of the table whose caption has id=caption_id, row by row."""
    start = html.index(f'id="{caption_id}"')
    body = html[start:html.index("</table>", start)]
    return [re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S) for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S)]


def tokens(cell_html: str) -> list[str]:
    """The words of a cell, with every tag (and <br>) a word break: '<b>1</b> present<br>11 present' is 4 words."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", cell_html)).replace("\xa0", " ").split()


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


def expected_theme_counts(root: Path, *, drafts: bool = False) -> dict[str, dict[str, Counter]]:
    """theme -> letter -> Counter of statuses. Every theme any case study names gets a row; only
    published case studies (or, with drafts=True, all) are counted."""
    letters = [p["id"] for p in raw_preconditions(root)]
    counts: dict[str, dict[str, Counter]] = {}
    for case in raw_case_studies(root):
        for theme in case.get("themes", []):
            per = counts.setdefault(theme, {letter: Counter() for letter in letters})
            if case.get("maturity") == "draft" and not drafts:
                continue
            for e in case["evidence"]:
                per[e["precondition"]][e["status"]] += 1
    return counts


@pytest.fixture(scope="module")
def draft_project(tmp_path_factory):
    """A copy of the project with one more case study, a draft (a copy of Ignite), built strictly."""
    from tests.support import build, copy_project
    root = tmp_path_factory.mktemp("draft")
    project = copy_project(root / "project")
    draft = (project / "data" / "case_studies" / "coventry-ignite.yaml").read_text(encoding="utf-8")
    assert "maturity: reviewed" in draft
    draft = draft.replace("id: coventry-ignite", "id: coventry-ignite-draft").replace("maturity: reviewed", "maturity: draft")
    (project / "data" / "case_studies" / "coventry-ignite-draft.yaml").write_text(draft, encoding="utf-8")
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_matrix_cells_equal_the_data(built_site, lib):
    rows = table(read(built_site, "explore/matrix/"), "matrix-caption")
    header, body, footer = rows[0], rows[1:-1], rows[-1]
    assert [text for text, _, _ in header[1:]] == [f"{p.id}. {p.short_title}" for p in lib.preconditions]
    assert len(body) == len(lib.case_studies)
    for case, row in zip(lib.case_studies, body):
        assert row[0][0].startswith(case.title) and row[0][1] == [f"../../case-studies/{case.id}/"]
        cells = pages.evidence_by_letter(case)
        for p, (text, hrefs, _) in zip(lib.preconditions, row[1:]):
            entries = cells.get(p.id, [])
            if not entries:
                assert text == "–" and hrefs == []  # the caption says what a dash means
                continue
            assert hrefs == [f"../../case-studies/{case.id}/#{anchor}" for _, anchor in entries]
            assert text.replace("\xa0", " ").split() == [w for e, _ in entries for w in (
                "●◔◑○"["present emerging mixed absent".split().index(e.status)], STATUS_WORD[e.status],
                *(["Our", "reading"] if e.basis == "editorial" else []))]  # our reading is labelled as ours in the cell too


def assert_matrix_totals(site: Path, root: Path):
    """The footer of the evidence matrix, word by word: the count, 'thin' under two, then 'N status' for each status found."""
    footer = raw_cells(read(site, "explore/matrix/"), "matrix-caption")[-1]
    letters = [p["id"] for p in raw_preconditions(root)]
    assert len(footer) == len(letters) + 1
    totals = expected_totals(root)
    for letter, cell in zip(letters, footer[1:]):
        n, statuses = totals[letter]
        expected = [str(n)] + (["thin"] if n < 2 else []) + [w for s in STATUSES if statuses[s] for w in (str(statuses[s]), s)]
        assert tokens(cell) == expected, (letter, cell)


def test_matrix_totals_count_published_case_studies_only(built_site):
    assert_matrix_totals(built_site, ROOT)


def test_draft_case_studies_show_but_do_not_count(draft_project, lib):
    project, site = draft_project
    rows = table(read(site, "explore/matrix/"), "matrix-caption")
    assert len(rows) == len(lib.case_studies) + 3
    assert sum(1 for row in rows[1:-1] if "Draft" in row[0][0]) == 1 + sum(c.maturity == "draft" for c in lib.case_studies)
    # The draft gives evidence, so a footer that counted it would differ from these totals.
    assert any(c.get("maturity") == "draft" and c["evidence"] for c in raw_case_studies(project))
    assert expected_totals(project) == expected_totals(ROOT)
    assert_matrix_totals(site, project)


def assert_theme_table(site: Path, root: Path):
    cells = raw_cells(read(site, "explore/matrix/"), "themes-caption")
    rows = table(read(site, "explore/matrix/"), "themes-caption")
    preconditions = raw_preconditions(root)
    counts = expected_theme_counts(root)
    assert [r[0][0] for r in rows[1:]] == sorted(counts)
    for row, row_cells in zip(rows[1:], cells[1:]):
        theme = row[0][0]
        assert len(row) == len(row_cells) == len(preconditions) + 1
        for p, (text, hrefs, _), cell in zip(preconditions, row[1:], row_cells[1:]):
            found = counts[theme][p["id"]]
            if not sum(found.values()):
                assert hrefs == ["../../contribute/"], (theme, p["id"])
                assert text == f"Add yours: no case study yet shows {p['id']}. {p['short_title']} in {theme}"
            else:
                assert hrefs == [f"../case-studies/?theme={quote(theme)}&precondition={p['id']}"], (theme, p["id"])
                expected = [w for s in STATUSES if found[s] for w in (STATUS_ICON[s], STATUS_WORD[s], str(found[s]))]
                assert tokens(cell) == expected, (theme, p["id"], cell)


def test_theme_table_counts_and_invites(built_site):
    assert_theme_table(built_site, ROOT)


def test_theme_table_leaves_drafts_out(draft_project):
    project, site = draft_project
    assert expected_theme_counts(project, drafts=True) != expected_theme_counts(project)  # the draft would count
    assert expected_theme_counts(project) == expected_theme_counts(ROOT)
    assert_theme_table(site, project)


def _number(svg_tag: str, name: str) -> float:
    return float(re.search(rf'\b{name}="([-0-9.]+)"', svg_tag).group(1))


def map_nodes(svg: str) -> dict[str, tuple[float, float]]:
    """letter -> the centre of its node: a circle's (cx, cy), or the middle of a rounded square."""
    centres = {}
    for letter, body in re.findall(r'<a [^>]*data-precondition="([A-I])"[^>]*>(.*?)</a>', svg, re.S):
        shape = re.search(r"<(circle|rect) [^>]*>", body).group(0)
        if shape.startswith("<circle"):
            centres[letter] = (_number(shape, "cx"), _number(shape, "cy"))
        else:
            centres[letter] = (_number(shape, "x") + _number(shape, "width") / 2, _number(shape, "y") + _number(shape, "height") / 2)
    return centres


def test_map_nodes_and_edges_equal_the_data(built_site):
    preconditions = raw_preconditions(ROOT)
    html = read(built_site, "explore/map/")
    figure = html[html.index('<figure class="library-map">'):]
    svg = figure[:figure.index("</svg>")]
    nodes = re.findall(r'<a href="\.\./\.\./preconditions/([a-z-]+)/" class="library-map__link[^"]*" data-precondition="([A-I])"', svg)
    assert sorted(nodes) == sorted((p["slug"], p["id"]) for p in preconditions)
    centres = map_nodes(svg)
    assert len(set(centres.values())) == len(centres), "two nodes share a centre, so a line's ends would be ambiguous"
    named = {(p["id"], r["precondition"]) for p in preconditions for r in p.get("related", [])}
    pairs = {frozenset(pair) for pair in named}

    def node_at(x: float, y: float) -> str:
        near = [letter for letter, (cx, cy) in centres.items() if abs(cx - x) <= 0.11 and abs(cy - y) <= 0.11]
        assert len(near) == 1, f"a line ends at ({x}, {y}), which is not the centre of exactly one node"
        return near[0]

    drawn = []
    for line in re.findall(r"<line [^>]*>", svg):
        ends = frozenset((node_at(_number(line, "x1"), _number(line, "y1")), node_at(_number(line, "x2"), _number(line, "y2"))))
        assert len(ends) == 2, f"{line} joins a node to itself"
        both = all(pair in named for pair in (tuple(ends), tuple(ends)[::-1]))
        assert ("library-map__edge--both" in line) == both, (sorted(ends), line)
        drawn.append(ends)
    assert len(drawn) == len(set(drawn)), "a pair of preconditions is joined by more than one line"
    assert set(drawn) == pairs, (sorted(map(sorted, set(drawn) - pairs)), sorted(map(sorted, pairs - set(drawn))))
    by_letter = {p["id"]: p for p in preconditions}
    words = section(html, "in-words") if 'id="in-words"' in html else html
    for a, b in named:
        assert f'href="../../preconditions/{by_letter[b]["slug"]}/#related"' in words, (a, b)


def test_tags_pages_list_the_right_pages(built_site, lib):
    html = read(built_site, "explore/tags/")
    for case in lib.case_studies:
        for tag in pages.case_study_tags(case):
            anchor = pages.tag_anchor(tag)
            start = html.index(f'id="{anchor}"')
            listing = html[start:html.index("</ul>", start)]
            assert f'href="../../case-studies/{case.id}/"' in listing, (tag, case.id)
    for tag_id in re.findall(r'<h\d [^>]*id="(tag:evidence/[a-i]-[a-z]+)"', html):
        letter, status = tag_id.split("/")[1].split("-")
        expected = {c.id for c in lib.case_studies if any(e.precondition == letter.upper() and e.status == status for e in c.evidence)}
        start = html.index(f'id="{tag_id}"')
        listing = html[start:html.index("</ul>", start)]
        assert set(re.findall(r'case-studies/([a-z0-9-]+)/', listing)) == expected


def test_evidence_tags_nobody_carries_keep_their_anchor(built_site, lib):
    """A tag whose findings were merged, or that no case study has yet, still opens the tags page at no heading."""
    html = read(built_site, "explore/tags/")
    idle = pages.idle_evidence_tags(lib)
    assert "Evidence/E absent" in idle  # the library's E findings that were absent are now mixed
    for tag in idle:
        anchor = pages.tag_anchor(tag)
        assert f'<span id="{anchor}"></span>' in html and not re.search(rf'<h\d [^>]*id="{re.escape(anchor)}"', html), tag
    for case in lib.case_studies:
        assert not set(pages.case_study_tags(case)) & set(idle)


def test_case_study_facts_link_to_their_tags(built_site, lib):
    for case in lib.case_studies:
        html = read(built_site, f"case-studies/{case.id}/")
        for theme in case.themes:
            assert f'href="../../explore/tags/#{pages.tag_anchor("Theme/" + theme)}"' in html


def test_open_data_json_equals_the_yaml(built_site):
    for name, source in [("preconditions", "data/preconditions.yaml"), ("places", "data/places.yaml"), ("glossary", "data/glossary.yaml")]:
        published = json.loads((built_site / "open-data" / "v1" / f"{name}.json").read_text(encoding="utf-8"))
        written = load_as_editor((ROOT / source).read_text(encoding="utf-8"))
        assert len(published["records"]) == len(written)
        for record, original in zip(sorted(published["records"], key=_key), sorted(written, key=_key)):
            _assert_same(record, original)
        assert published["schema"].endswith(f"/schema/{'preconditions' if name == 'preconditions' else name}.schema.json")
    cases = json.loads((built_site / "open-data" / "v1" / "case-studies.json").read_text(encoding="utf-8"))["records"]
    files = sorted((ROOT / "data" / "case_studies").glob("*.yaml"))
    assert sorted(c["id"] for c in cases) == sorted(f.stem for f in files)
    for path in files:
        _assert_same(next(c for c in cases if c["id"] == path.stem), load_as_editor(path.read_text(encoding="utf-8")))


def _key(record):
    return record.get("id") or record.get("name") or record.get("term")


def _assert_same(published, original, where="record"):
    """Every field written in YAML is published unchanged, down to the last list item; fields left out are published as empty."""
    assert isinstance(published, dict), f"{where}: published as {type(published).__name__}, written as a mapping"
    missing = set(original) - set(published)
    assert not missing, f"{where}: fields written in YAML but not published: {sorted(missing)}"
    for key, value in published.items():
        if key in original:
            _assert_same_value(value, original[key], f"{where}.{key}")
        else:
            assert value in (None, []), f"{where}.{key}: not in the YAML, so it should be published empty, not {value!r}"


def _assert_same_value(value, expected, where):
    if isinstance(expected, dict):
        _assert_same(value, expected, where)
    elif isinstance(expected, list):
        assert isinstance(value, list), f"{where}: published as {type(value).__name__}, written as a list"
        assert len(value) == len(expected), f"{where}: {len(value)} items published, {len(expected)} written"
        for i, (a, b) in enumerate(zip(value, expected)):
            _assert_same_value(a, b, f"{where}[{i}]")
    elif isinstance(expected, str):
        assert value == expected.strip(), where
    else:
        assert value == expected, where


CSV_COLUMNS = ["case_study", "case_study_title", "place", "precondition", "precondition_title", "status", "finding", "maturity", "page_url",
               "basis"]


def _text(fragment: str) -> str:
    """The text of some HTML as a reader sees it: tags dropped (inline ones such as <abbr> join their words), spaces collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\xa0", " ").split())


def test_evidence_csv_has_one_row_per_finding(built_site):
    text = (built_site / "open-data" / "v1" / "evidence.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    titles = {p["id"]: p["title"] for p in raw_preconditions(ROOT)}
    expected = []
    for case in sorted(raw_case_studies(ROOT), key=lambda c: c["id"]):
        for entry in case["evidence"]:
            letter = entry["precondition"]
            anchor = f"evidence-{letter.lower()}"  # one entry per precondition
            expected.append({
                "case_study": case["id"], "case_study_title": case["title"].strip(), "place": case["place"].strip(),
                "precondition": letter, "precondition_title": titles[letter], "status": entry["status"],
                "finding": entry["finding"].strip(), "maturity": case["maturity"],
                "page_url": f"{site_url}case-studies/{case['id']}/#{anchor}", "basis": entry["basis"],
            })
    # Rows are grouped by case study; within one, findings keep the order they are written in.
    published = sorted(rows, key=lambda r: r["case_study"])
    assert len(published) == len(expected)
    for row, want in zip(published, expected):
        assert row == want, (want["case_study"], want["page_url"])
    for row in rows:
        assert row["page_url"].startswith(site_url)
        url, _, anchor = row["page_url"][len(site_url):].partition("#")
        assert (built_site / url / "index.html").is_file(), row["page_url"]
        html = read(built_site, url)
        heading = re.search(rf'<h3 [^>]*id="{re.escape(anchor)}"[^>]*>(.*?)</h3>', html, re.S)
        assert heading, f"{row['page_url']}: no finding heading with that id"
        assert _text(heading.group(1)).startswith(f"{row['precondition']}. ") and STATUS_WORD[row["status"]].lower() in _text(heading.group(1)).lower()
        assert " ".join(row["finding"].replace("*", "").split()) in _text(section(html, anchor)).replace("*", ""), row["page_url"]


def test_schemas_are_published_where_their_ids_say(built_site):
    for path in (ROOT / "schema").glob("*.json"):
        published = built_site / "schema" / path.name
        assert published.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
        assert json.loads(published.read_text())["$id"].endswith(f"/library/schema/{path.name}")
