"""No character of a record reaches a parser but the library's own, and no record takes an address the site has.

The first test marks every text field of every kind of record with a word of its own, builds the site with
Python-Markdown, MkDocs' front-matter reader and Jinja's template parser watched (tests/parser_watch.py),
and expects none of them to have seen a mark, while every mark is on the built pages. That is the design
of macros/escaping.py proved on a real build, for whatever a field holds: a parser that never sees a
record cannot be made to read markup in it.
"""

from __future__ import annotations

import copy
import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from macros import addresses, library, urls
from macros.schema import RESERVED_NAMES, CaseStudy, Pathway, Place, Precondition, Term
from tests.support import ROOT, copy_project, hostile
from tests.support.html_reader import elements
from tests.support.records import RENDERER, TEXT

MARK = "qzx{}qzx"
# A new record of each kind (a copy of a real one), except the nine preconditions, which are fixed: E is marked.
NEW = {CaseStudy: ("data/case_studies/marked.yaml", None), Precondition: ("data/preconditions.yaml", 4),
       Place: ("data/places.yaml", -1), Term: ("data/glossary.yaml", -1), Pathway: ("data/pathways.yaml", -1)}


def add_records(project: Path) -> None:
    case = yaml.safe_load((project / "data/case_studies/coventry-ignite.yaml").read_text(encoding="utf-8"))
    _write(project / NEW[CaseStudy][0], dict(case, id="marked", redirect_from=[]))
    for file, identity in (("data/places.yaml", {"name": "Marked town", "slug": "marked-town"}),
                           ("data/glossary.yaml", {"term": "marked term"}),
                           ("data/pathways.yaml", {"id": "marked-pathway"})):
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        _write(project / file, data + [dict(copy.deepcopy(data[0]), **identity)])


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fill_every_field(project: Path, text_for) -> dict[str, str]:
    """`text_for(mark, slot)` in every text field of the new records; mark -> the field. A text that validation refuses
    (a pattern, a choice, a cross-reference, a character) is taken out again, so the rest can be built."""
    add_records(project)
    marked = {}
    for cls, (file, index) in NEW.items():
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        for slot in hostile.text_slots(cls):
            mark = MARK.format(len(marked) + 1)
            before = yaml.safe_dump(data)
            record = data if index is None else data[index]
            hostile._place(record, cls, slot.path, text_for(mark, slot))
            _write(project / file, data)
            if library.load(project).problems:
                data = yaml.safe_load(before)
                _write(project / file, data)
                continue
            marked[mark] = f"{cls.__name__}.{slot.name}"
    return marked


def watched_build(project: Path, site: Path) -> dict[str, list]:
    """Build `project` with the parsers watched; which marks each parser saw."""
    report = site.parent / "report.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600", "LIBRARY_OFFLINE": "false",
           "WATCH_PATTERN": r"qzx[0-9]+qzx", "WATCH_REPORT": str(report)}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "parser_watch.py"), "build", "--strict", "--site-dir",
                             str(site)],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(report.read_text())


def plain_mark(mark: str, slot) -> str:
    return mark if slot.name.endswith(("slug", "id", "themes[]")) else f"Text {mark} here"


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The project with a plain mark in every field that takes one, built with the parsers watched."""
    root = tmp_path_factory.mktemp("marked")
    project = copy_project(root / "project")
    marks = fill_every_field(project, plain_mark)
    return marks, watched_build(project, root / "site"), root / "site"


def test_no_record_reaches_python_markdown_front_matter_or_jinja(marked):
    marks, seen, site = marked
    titles = {"CaseStudy.title", "CaseStudy.summary", "Precondition.title", "Precondition.summary", "Place.name",
              "Place.summary",
              "Pathway.title", "Pathway.summary", "Term.term", "Term.definition", "CaseStudy.evidence[].finding"}
    assert titles <= set(marks.values()), titles - set(marks.values())  # the fields that once broke out are all marked
    assert seen == {"python-markdown": [], "front-matter": [], "jinja": []}, ({k: [marks[m] for m in v]
                                                                               for k, v in seen.items()})
    published = set()  # in the pages, the open data and the explorer's and studio's data
    for file in site.rglob("*"):
        if file.suffix in (".html", ".json", ".js", ".csv"):
            published |= set(re.findall(r"qzx[0-9]+qzx", file.read_text(encoding="utf-8")))
    assert set(marks) <= published, [marks[m] for m in set(marks) - published]


def article_elements(page: Path) -> set:
    html = page.read_text(encoding="utf-8")
    return elements([html[html.index("<article"):html.index("</article>")]]) if "<article" in html else set()


# A few real builds a run, each with every field filled; a failure is reported as found (shrinking would rebuild
# for hours).
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=60, max_size=60))
def test_any_text_builds_into_pages_that_hold_it_as_text(marked, tmp_path_factory, texts):
    """Random text from all of Unicode in every field at once, built for real: whatever validation accepts, the pages
    hold as text, with the page's <title> and description the record's own, and no parser but ours reads it."""
    _, _, plain_site = marked
    root = tmp_path_factory.mktemp("any")
    project = copy_project(root / "project")
    given_texts = iter(texts * 2)
    marks = fill_every_field(project, lambda mark,
                             slot: plain_mark(mark, slot) if slot.name.endswith(("slug", "id")) else
                             f"{mark} {next(given_texts)}")
    seen = watched_build(project, root / "site")
    assert seen == {"python-markdown": [], "front-matter": [], "jinja": []}, ({k: [marks[m] for m in v]
                                                                               for k, v in seen.items()})
    compared = 0
    for page in (root / "site").rglob("*.html"):
        plain = plain_site / page.relative_to(root / "site")
        if plain.is_file():  # the same page with plain marks: what the templates write there
            extra = article_elements(page) - article_elements(plain) - RENDERER
            assert not extra, (page.relative_to(root / "site").as_posix(), sorted(extra))
            compared += 1
    assert compared > 50
    lib = library.load(project)
    case = lib.by_id["marked"]
    html = (root / "site" / "case-studies" / "marked" / "index.html").read_text(encoding="utf-8")
    title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    description = html_lib.unescape(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))
    assert title == f"{case.title} - Place-based systems change pattern library" and description == case.summary


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
    assert [p for p in problems if p.file == f"data/case_studies/{name}.yaml" and p.field == "id" and p.line
            == 1], problems


@pytest.mark.parametrize("name", site_names("case-studies") + site_names("preconditions")
                         + ["coventry-troubled-families", "con"])
def test_a_redirect_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path, lambda project: _edit(project, CASE, None, redirect_from=[name]))
    refused = [p for p in problems if p.file == CASE and p.field == "redirect_from[1]" or p.field == "redirect_from"]
    assert refused, (name, problems)


@pytest.mark.parametrize("name", site_names("preconditions") + ["trusted-partners", "citizen-centred", "aux"])
def test_a_precondition_redirect_cannot_take_an_address_the_site_has(tmp_path, name):
    problems = problems_after(tmp_path,
                              lambda project: _edit(project, "data/preconditions.yaml", 0, redirect_from=[name]))
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
        data += [dict(copy.deepcopy(data[1]), name="A+B", slug="a-b"),
                 dict(copy.deepcopy(data[1]), name="AB", slug="ab")]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    project = copy_project(tmp_path / "project")
    change(project)
    lib = library.load(project)
    assert not lib.problems, lib.problems
    html = pages.PageMaker(lib, ROOT / "overrides" / "library").render("tags.md", "explore/tags.md", group="Place")
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(lib.all_places)


@pytest.mark.build
def test_the_build_refuses_a_generated_page_over_another(tmp_path):
    """The last guard: were validation to miss a collision, the build stops instead of replacing a page."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "case-studies").mkdir()
    (project / "docs" / "case-studies" / "coventry-ignite.md").write_text("# A page in the way\n", encoding="utf-8")
    from tests.support import build

    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "case-studies/coventry-ignite" in result.stderr and "already" in result.stderr
