"""No character of a record reaches a parser but the library's own, and no record takes an address the site has.

The first test marks every text field of every kind of record with a word of its own, builds the site with
Python-Markdown, MkDocs' front-matter reader and Jinja's template parser watched (tests/parser_watch.py),
and expects none of them to have seen a mark, while every mark is on the built pages. That is the design
of macros/escaping.py proved on a real build, for whatever a field holds: a parser that never sees a
record cannot be made to read markup in it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros import addresses, library, urls
from macros.schema import RESERVED_NAMES, CaseStudy, Pathway, Place, Precondition, Term
from tests import hostile
from tests.support import ROOT, copy_project

MARK = "qzx{}qzx"
# A new record of each kind (a copy of a real one), except the nine preconditions, which are fixed: E is marked.
NEW = {CaseStudy: ("data/case_studies/marked.yaml", None), Precondition: ("data/preconditions.yaml", 4),
       Place: ("data/places.yaml", -1), Term: ("data/glossary.yaml", -1), Pathway: ("data/pathways.yaml", -1)}


def add_records(project: Path) -> None:
    case = yaml.safe_load((project / "data/case_studies/coventry-ignite.yaml").read_text(encoding="utf-8"))
    _write(project / NEW[CaseStudy][0], dict(case, id="marked", redirect_from=[]))
    for file, identity in (("data/places.yaml", {"name": "Marked town", "slug": "marked-town"}), ("data/glossary.yaml", {"term": "marked term"}),
                           ("data/pathways.yaml", {"id": "marked-pathway"})):
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        _write(project / file, data + [dict(copy.deepcopy(data[0]), **identity)])


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def mark_every_field(project: Path) -> dict[str, str]:
    """A mark in every text field that can hold one; mark -> the field. Fields whose rules refuse it keep their value."""
    add_records(project)
    marked = {}
    for cls, (file, index) in NEW.items():
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        for slot in hostile.text_slots(cls):
            mark = MARK.format(len(marked) + 1)
            before = yaml.safe_dump(data)
            record = data if index is None else data[index]
            hostile._place(record, cls, slot.path, mark if slot.name.endswith(("slug", "id", "themes[]")) else f"Text {mark} here")
            _write(project / file, data)
            if library.load(project).problems:  # a pattern, a choice or a cross-reference refuses it: put it back
                data = yaml.safe_load(before)
                _write(project / file, data)
                continue
            marked[mark] = f"{cls.__name__}.{slot.name}"
    return marked


def test_no_record_reaches_python_markdown_front_matter_or_jinja(tmp_path):
    project = copy_project(tmp_path / "project")
    marked = mark_every_field(project)
    titles = {"CaseStudy.title", "CaseStudy.summary", "Precondition.title", "Precondition.summary", "Place.name", "Place.summary",
              "Pathway.title", "Pathway.summary", "Term.term", "Term.definition", "CaseStudy.evidence[].finding"}
    assert titles <= set(marked.values()), titles - set(marked.values())  # the fields that once broke out are all marked
    report = tmp_path / "report.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600", "LIBRARY_OFFLINE": "false",
           "WATCH_PATTERN": r"qzx[0-9]+qzx", "WATCH_REPORT": str(report)}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "parser_watch.py"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(report.read_text())
    assert seen == {"python-markdown": [], "front-matter": [], "jinja": []}, {k: [marked[m] for m in v] for k, v in seen.items()}
    published = set()  # in the pages, the open data and the explorer's and studio's data
    for file in (tmp_path / "site").rglob("*"):
        if file.suffix in (".html", ".json", ".js", ".csv"):
            published |= set(re.findall(r"qzx[0-9]+qzx", file.read_text(encoding="utf-8")))
    assert set(marked) <= published, [marked[m] for m in set(marked) - published]


# --- Addresses ---------------------------------------------------------------------------------


def site_names(folder: str) -> list[str]:
    """The names the site already uses in a folder of records: its pages, listing folders and index."""
    taken = addresses.site_addresses(ROOT)
    return sorted({url[len(folder) + 1:].strip("/") or "index" for url in taken if url.startswith(folder + "/")} - {""})


def test_the_site_addresses_include_every_kind():
    taken = addresses.site_addresses(ROOT)
    assert "pathways/" in taken and "case-studies/" in taken and "case-studies/page/" in taken and "e/" in taken
    assert all(_url(src) in taken for src in urls.INDEXES)


def _url(src):
    return urls.page_url(src)


def problems_after(tmp_path, change) -> list:
    project = copy_project(tmp_path / "project")
    change(project)
    return library.load(project).problems


def _edit(project, file, index, **fields):
    path = project / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = data if index is None else data[index]
    record.update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


CASE = "data/case_studies/coventry-ignite.yaml"


@pytest.mark.parametrize("name", site_names("case-studies") + sorted(RESERVED_NAMES)[:3])
def test_a_case_study_cannot_take_an_address_the_site_has(tmp_path, name):
    def change(project):
        (project / CASE).rename(project / f"data/case_studies/{name}.yaml")
        _edit(project, f"data/case_studies/{name}.yaml", None, id=name)

    problems = problems_after(tmp_path, change)
    assert [p for p in problems if p.file == f"data/case_studies/{name}.yaml" and p.field == "id" and p.line == 1], problems


@pytest.mark.parametrize("name", site_names("case-studies") + site_names("preconditions") + ["coventry-troubled-families", "con"])
def test_a_redirect_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, CASE, None, redirect_from=[name]))
    refused = [p for p in problems if p.file == CASE and p.field == "redirect_from[1]" or p.field == "redirect_from"]
    assert refused, (name, problems)


@pytest.mark.parametrize("name", site_names("preconditions") + ["trusted-partners", "citizen-centred", "aux"])
def test_a_precondition_redirect_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, "data/preconditions.yaml", 0, redirect_from=[name]))
    assert [p for p in problems if p.field == "[1].redirect_from[1]"], (name, problems)


@pytest.mark.parametrize("name", site_names("places") + ["coventry", "nul"])
def test_a_place_slug_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, "data/places.yaml", 1, slug=name))
    assert [p for p in problems if p.field == "[2].slug"], (name, problems)


@pytest.mark.parametrize("name", ["Index", "Page 2", "Prn"])
def test_a_place_named_only_by_a_case_study_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, CASE, None, place=name))
    if library.slugify(name) in site_names("places") + sorted(RESERVED_NAMES):
        assert [p for p in problems if p.file == CASE and p.field == "place"], problems
    else:
        assert not problems, problems


@pytest.mark.parametrize("name", site_names("pathways") + ["lpt1"])
def test_a_pathway_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, "data/pathways.yaml", 0, id=name))
    assert [p for p in problems if p.field == "[1].id"], (name, problems)


def test_places_whose_names_differ_only_in_punctuation_keep_their_own_anchors(tmp_path):
    from macros import pages

    def change(project):
        path = project / "data" / "places.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data += [dict(copy.deepcopy(data[1]), name="A+B", slug="a-b"), dict(copy.deepcopy(data[1]), name="AB", slug="ab")]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    project = copy_project(tmp_path / "project")
    change(project)
    lib = library.load(project)
    assert not lib.problems, lib.problems
    html = pages.PageMaker(lib, ROOT / "overrides" / "library").render("tags.md", "explore/tags.md", group="Place")
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(lib.all_places)


def test_the_build_refuses_a_generated_page_over_another(tmp_path):
    """The last guard: were validation to miss a collision, the build stops instead of replacing a page."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "case-studies").mkdir()
    (project / "docs" / "case-studies" / "coventry-ignite.md").write_text("# A page in the way\n", encoding="utf-8")
    from tests.support import build

    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "case-studies/coventry-ignite" in result.stderr and "already" in result.stderr
