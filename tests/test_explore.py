"""The ways in: the evidence map, relationship map, tags and open data are generated from the data and agree with it."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from macros import library, pages
from tests.support import read, section
from tests.support.html_reader import table
from tests.support.listings import (
    STATUS_WORD,
    assert_evidence_map,
    assert_grid,
    assert_matrix_totals,
    assert_tags,
    expected_map,
    expected_totals,
    listing,
    raw_case_studies,
    raw_preconditions,
)
from tests.support.records import load_as_editor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lib():
    return library.load(ROOT)


# The expected values below are worked out from the YAML files as written (yaml.safe_load), not
# through macros.library, so a mistake in the library's counting cannot hide in both places.


@pytest.fixture(scope="module")
def draft_project(tmp_path_factory):
    """A copy of the project with one more case study, a draft (a copy of Ignite), built strictly."""
    from tests.support import build, copy_project
    root = tmp_path_factory.mktemp("draft")
    project = copy_project(root / "project")
    draft = (project / "data" / "case_studies" / "coventry-ignite.yaml").read_text(encoding="utf-8")
    assert "maturity: reviewed" in draft
    draft = draft.replace("id: coventry-ignite",
                          "id: coventry-ignite-draft").replace("maturity: reviewed", "maturity: draft")
    (project / "data" / "case_studies" / "coventry-ignite-draft.yaml").write_text(draft, encoding="utf-8")
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_the_grid_shows_every_case_study_and_finding(built_site):
    assert_grid(built_site, ROOT)


def test_matrix_totals_count_published_case_studies_only(built_site):
    assert_matrix_totals(built_site, ROOT)


def test_draft_case_studies_show_but_do_not_count(draft_project, lib):
    project, site = draft_project
    rows = [row for _, html in listing(site, "explore/matrix/case-studies/")
            for row in table(html, "matrix-caption")[1:]]
    assert len(rows) == len(lib.case_studies) + 1
    assert sum(1 for row in rows if "Draft" in row[0][0]) == 1 + sum(c.maturity == "draft" for c in lib.case_studies)
    # The draft gives evidence, so totals that counted it would differ from these.
    assert any(c.get("maturity") == "draft" and c["evidence"] for c in raw_case_studies(project))
    assert expected_totals(project) == expected_totals(ROOT)
    assert_matrix_totals(site, project)
    assert_grid(site, project)


@pytest.mark.parametrize("dimension", ["theme", "place"])
def test_evidence_map_counts_and_invites(built_site, dimension):
    assert_evidence_map(built_site, ROOT, dimension)


@pytest.mark.parametrize("dimension", ["theme", "place"])
def test_evidence_map_leaves_drafts_out(draft_project, dimension):
    project, site = draft_project
    assert expected_map(project, dimension, drafts=True) != expected_map(project, dimension)  # the draft would count
    assert expected_map(project, dimension) == expected_map(ROOT, dimension)
    assert_evidence_map(site, project, dimension)


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
            centres[letter] = (_number(shape, "x") + _number(shape, "width") / 2,
                               _number(shape, "y") + _number(shape, "height") / 2)
    return centres


def test_map_nodes_and_edges_equal_the_data(built_site):
    preconditions = raw_preconditions(ROOT)
    html = read(built_site, "explore/map/")
    figure = html[html.index('<figure class="library-map">'):]
    svg = figure[:figure.index("</svg>")]
    nodes = re.findall(r'<a href="\.\./\.\./preconditions/([a-z-]+)/" class="library-map__link[^"]*" '
                       r'data-precondition="([A-I])"', svg)
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
        ends = frozenset((node_at(_number(line, "x1"), _number(line, "y1")),
                          node_at(_number(line, "x2"), _number(line, "y2"))))
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


def test_the_tags_page_counts_each_tag(built_site):
    assert_tags(built_site, ROOT)


def test_evidence_tags_nobody_carries_keep_their_anchor(built_site, lib):
    """A tag whose findings were merged, or that no case study has yet, still opens the tags page at no heading."""
    html = read(built_site, "explore/tags/")
    idle = pages.idle_evidence_tags(lib)
    assert "Evidence/E absent" in idle  # the library's E findings that were absent are now mixed
    for tag in idle:
        anchor = pages.tag_anchor(tag)
        assert f'<span id="{anchor}"></span>' in html and not re.search(rf'<h\d [^>]*id="{re.escape(anchor)}"',
                                                                        html), tag
    for case in lib.case_studies:
        assert not set(pages.case_study_tags(case)) & set(idle)


def test_case_study_facts_link_to_the_explorer(built_site, lib):
    for case in lib.case_studies:
        html = read(built_site, f"case-studies/{case.id}/")
        for theme in case.themes:
            assert f'href="../../explore/case-studies/?theme={quote(theme)}"' in html
        for entry in case.evidence:
            query = f"precondition={entry.precondition}&amp;status={entry.status}"
            assert f'href="../../explore/case-studies/?{query}"' in html


def test_open_data_json_equals_the_yaml(built_site):
    for name, source in [("preconditions", "data/preconditions.yaml"), ("places", "data/places.yaml"),
                         ("glossary", "data/glossary.yaml")]:
        published = json.loads((built_site / "open-data" / "v1" / f"{name}.json").read_text(encoding="utf-8"))
        written = load_as_editor((ROOT / source).read_text(encoding="utf-8"))
        assert len(published["records"]) == len(written)
        for record, original in zip(sorted(published["records"], key=_key), sorted(written, key=_key)):
            _assert_same(record, original)
        assert published["schema"].endswith(f"/schema/{name}.schema.json")
    cases = json.loads((built_site / "open-data" / "v1" / "case-studies.json").read_text(encoding="utf-8"))["records"]
    files = sorted((ROOT / "data" / "case_studies").glob("*.yaml"))
    assert files and sorted(c["id"] for c in cases) == sorted(f.stem for f in files)
    for path in files:
        _assert_same(next(c for c in cases if c["id"] == path.stem), load_as_editor(path.read_text(encoding="utf-8")))


def _key(record):
    return record.get("id") or record.get("name") or record.get("term")


def _assert_same(published, original, where="record"):
    """Every field written in YAML is published unchanged, down to the last list item; fields left out are published as
    empty."""
    assert isinstance(published, dict), f"{where}: published as {type(published).__name__}, written as a mapping"
    missing = set(original) - set(published)
    assert not missing, f"{where}: fields written in YAML but not published: {sorted(missing)}"
    for key, value in published.items():
        if key in original:
            _assert_same_value(value, original[key], f"{where}.{key}")
        else:
            assert value in (None, []), (f"{where}.{key}: not in the YAML, so it should be published empty, not "
                                         f"{value!r}")


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


CSV_COLUMNS = ["case_study", "case_study_title", "place", "precondition", "precondition_title", "status", "finding",
               "maturity", "page_url",
               "basis"]


def _text(fragment: str) -> str:
    """The text of some HTML as a reader sees it: tags dropped (inline ones such as <abbr> join their words), spaces
    collapsed."""
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
        assert (_text(heading.group(1)).startswith(f"{row['precondition']}. ")
                and STATUS_WORD[row["status"]].lower() in _text(heading.group(1)).lower())
        assert " ".join(row["finding"].replace("*",
                                               "").split()) in _text(section(html,
                                                                             anchor)).replace("*", ""), row["page_url"]


def test_schemas_are_published_where_their_ids_say(built_site):
    schemas = sorted((ROOT / "schema").glob("*.json"))
    assert len(schemas) >= 5  # one for each kind of data file
    for path in schemas:
        published = built_site / "schema" / path.name
        assert published.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
        assert json.loads(published.read_text())["$id"].endswith(f"/library/schema/{path.name}")
