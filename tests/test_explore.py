"""The ways in: matrix, map, tags and open data are generated from the data and agree with it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from macros import library, pages
from tests.html_reader import table
from tests.support import read, section
from tests.test_schema import load_as_editor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lib():
    return library.load(ROOT)


STATUS_WORD = {"present": "Present", "absent": "Absent", "mixed": "Mixed", "emerging": "Emerging"}


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
            assert text.replace("\xa0", " ").split() == [w for e, _ in entries for w in ("●◔◑○"["present emerging mixed absent".split().index(e.status)], STATUS_WORD[e.status])]


def test_matrix_totals_count_published_case_studies_only(built_site, lib):
    footer = table(read(built_site, "explore/matrix/"), "matrix-caption")[-1]
    for p, (text, _, _) in zip(lib.preconditions, footer[1:]):
        published = [c for c in lib.case_studies if c.maturity != "draft" and any(e.precondition == p.id for e in c.evidence)]
        assert text.split()[0] == str(len(published))
        for status in ("present", "absent", "mixed", "emerging"):
            n = sum(1 for c in published for e in c.evidence if e.precondition == p.id and e.status == status)
            assert (f"{n} {status}" in text) == bool(n)


def test_draft_case_studies_show_but_do_not_count(tmp_path, lib):
    from tests.support import build, copy_project
    project = copy_project(tmp_path / "project")
    draft = (project / "data" / "case_studies" / "coventry-ignite.yaml").read_text(encoding="utf-8")
    draft = draft.replace("id: coventry-ignite", "id: coventry-ignite-draft").replace("maturity: reviewed", "maturity: draft")
    (project / "data" / "case_studies" / "coventry-ignite-draft.yaml").write_text(draft, encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    rows = table(read(site, "explore/matrix/"), "matrix-caption")
    assert len(rows) == len(lib.case_studies) + 3
    assert any("Draft" in row[0][0] for row in rows[1:-1])
    before = table(read(site, "explore/matrix/"), "matrix-caption")[-1]
    for p, (text, _, _) in zip(lib.preconditions, before[1:]):
        published = sum(1 for c in lib.case_studies if c.maturity != "draft" and any(e.precondition == p.id for e in c.evidence))
        assert text.split()[0] == str(published)


def test_theme_table_counts_and_invites(built_site, lib):
    rows = table(read(built_site, "explore/matrix/"), "themes-caption")
    counts = lib.theme_counts()
    assert [r[0][0] for r in rows[1:]] == lib.themes
    for row in rows[1:]:
        theme = row[0][0]
        for p, (text, hrefs, _) in zip(lib.preconditions, row[1:]):
            found = counts[theme][p.id]
            if not found:
                assert hrefs == ["../../contribute/"] and f"no case study yet shows {p.id}. {p.short_title} in {theme}" in text
            else:
                assert f"precondition={p.id}" in hrefs[0]
                for status, n in found.items():
                    assert f"{STATUS_WORD[status]} {n}" in text


def test_map_nodes_and_edges_equal_the_data(built_site, lib):
    html = read(built_site, "explore/map/")
    figure = html[html.index('<figure class="library-map">'):]
    svg = figure[:figure.index("</svg>")]
    nodes = re.findall(r'<a href="\.\./\.\./preconditions/([a-z-]+)/" class="library-map__link[^"]*" data-precondition="([A-I])"', svg)
    assert sorted(nodes) == sorted((p.slug, p.id) for p in lib.preconditions)
    pairs = {frozenset((p.id, r.precondition)) for p in lib.preconditions for r in p.related}
    assert svg.count("<line ") == len(pairs)
    both = sum(1 for pair in pairs if all(any(r.precondition == b for r in lib.by_letter[a].related) for a, b in [tuple(pair), tuple(pair)[::-1]]))
    assert svg.count("library-map__edge--both") == both
    words = section(html, "in-words") if 'id="in-words"' in html else html
    for p in lib.preconditions:
        for r in p.related:
            assert f'href="../../preconditions/{lib.by_letter[r.precondition].slug}/#related"' in words


def test_tags_pages_list_the_right_pages(built_site, lib):
    html = read(built_site, "explore/tags/")
    for case in lib.case_studies:
        for tag in pages.case_study_tags(case):
            anchor = pages.tag_anchor(tag)
            start = html.index(f'id="{anchor}"')
            listing = html[start:html.index("</ul>", start)]
            assert f'href="../../case-studies/{case.id}/"' in listing, (tag, case.id)
    for tag_id in re.findall(r'id="(tag:evidence/[a-i]-[a-z]+)"', html):
        letter, status = tag_id.split("/")[1].split("-")
        expected = {c.id for c in lib.case_studies if any(e.precondition == letter.upper() and e.status == status for e in c.evidence)}
        start = html.index(f'id="{tag_id}"')
        listing = html[start:html.index("</ul>", start)]
        assert set(re.findall(r'case-studies/([a-z0-9-]+)/', listing)) == expected


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


def _assert_same(published, original):
    """Every field written in YAML is published unchanged; fields left out are published as empty."""
    for key, value in published.items():
        if key in original:
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for a, b in zip(value, original[key]):
                    _assert_same(a, b)
            elif isinstance(value, dict):
                _assert_same(value, original[key])
            else:
                expected = original[key].strip() if isinstance(original[key], str) else original[key]
                expected = [v.strip() if isinstance(v, str) else v for v in expected] if isinstance(expected, list) else expected
                assert value == expected, key
        else:
            assert value in (None, []), key
    assert set(original) <= set(published)


def test_evidence_csv_has_one_row_per_finding(built_site, lib):
    rows = list(csv.DictReader(io.StringIO((built_site / "open-data" / "v1" / "evidence.csv").read_text(encoding="utf-8"))))
    expected = [(c.id, e.precondition, e.status, e.finding) for c in lib.case_studies for e in c.evidence]
    assert [(r["case_study"], r["precondition"], r["status"], r["finding"]) for r in rows] == expected
    for row in rows:
        path = row["page_url"].split("/library/", 1)[1]
        url, anchor = path.split("#")
        assert f'id="{anchor}"' in read(built_site, url)


def test_schemas_are_published_where_their_ids_say(built_site):
    for path in (ROOT / "schema").glob("*.json"):
        published = built_site / "schema" / path.name
        assert published.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
        assert json.loads(published.read_text())["$id"].endswith(f"/library/schema/{path.name}")
