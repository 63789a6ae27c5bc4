"""A contributor's pull request passes CI with only its case study file, however many the library holds.

A copy of the project gets one new, valid case study written as a place would write it (from the
template: sources without page numbers, a website evaluation, a new place, a single contributor)
and nothing else; a second copy gets two, as the pull request after the next one finds the library.
Nothing here counts the library's records: each expectation is the library as it is, plus what
was added. Then the checks CI runs are run on it: validation, the strict build, and every
test whose outcome can depend on the data: content, published addresses, the listings, matrix and
explorer, every page's HTML (Nu), links and search index, search ranking in the browser, and the
contribution tools. Left out are the tests of code and templates that a data file cannot change
(the renderer, the hostile-text sweep, cards, the reflection tool, the offline zip) and the axe and
keyboard audits, which look at templates: the new page is the same template as the library's own.
Running the whole suite on the copy would double the suite's time for no check the data can fail;
this takes about two minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros import library
from tests.support import build, copy_project

ROOT = Path(__file__).resolve().parent.parent

CONTRIBUTED = """\
# yaml-language-server: $schema=../../schema/case-study.schema.json
id: leeds-youth-homelessness
title: Youth homelessness in Leeds
place: Leeds
themes: [homelessness, young people, housing]
period: 2022 to 2024
summary: >-
  Three youth services agreed one front door for young people at risk of homelessness. Fewer
  young people slept rough, but the shared budget ended with the pilot.
context: >-
  Leeds had three services for young people at risk of homelessness, each with its own referral
  form and waiting list. A young person could be passed between them for weeks.

  In 2022 the council's youth service and two charities agreed to run one front door for a year.
organisations:
  - Leeds City Council
  - Leeds Youth Housing Trust
  - A local youth charity
evidence:
  - precondition: A
    status: mixed
    basis: reported
    finding: >-
      The partners agreed to count one outcome: young people housed and still housed after six
      months. The council kept reporting its own targets to its board as well, so the shared
      measure competed with the old ones.
  - precondition: E
    status: present
    basis: reported
    finding: >-
      Workers from the three services met every week and took referrals for each other. When one
      service had no places, another took the young person that day.
  - precondition: H
    status: absent
    basis: reported
    finding: >-
      When the pilot overspent, the budget was stopped at the next board meeting, before anyone had
      looked at what the overspend had bought.
what_did_not_work:
  - The shared budget ended with the pilot, and each service went back to its own referral form.
lessons:
  - Agree what will happen to the budget if the pilot overspends before it starts.
  - "**One front door** needs one waiting list, not three lists behind one door."
questions:
  - Who in your place decides whether a pilot carries on?
sources:
  - title: Evaluation of the youth front door pilot
    publisher: Leeds City Council
    year: 2024
    url: https://example.org/leeds-front-door-evaluation
  - title: Our own records of the programme
contributors: [Leeds Youth Housing Trust]
licence: CC-BY-4.0
maturity: draft
"""
# A second place's case study, for the pull request that finds the first one already merged.
SECOND = {"leeds-youth-homelessness": "hull-rough-sleeping", "Youth homelessness in Leeds": "Rough sleeping in Hull",
          "place: Leeds": "place: Hull", "Leeds City Council": "Hull City Council",
          "Leeds Youth Housing Trust": "Hull Housing Partnership"}
# The tests that read the data or every built page (the rest test code and templates a case study cannot change).
DATA_TESTS = ["tests/test_content.py", "tests/test_links_last.py", "tests/test_explore.py", "tests/test_build.py",
              "tests/test_audit.py::test_the_nu_html_checker_finds_no_errors",
              "tests/test_audit.py::test_every_internal_link_and_anchor_resolves",
              "tests/test_audit.py::test_every_record_and_list_item_is_on_its_page_and_in_the_search_index",
              "tests/test_contributing.py", "tests/test_schema.py", "tests/test_validation.py",
              "tests/test_search.py", "tests/test_explore_browser.py"]


def free_id(taken: set[str], wanted: str) -> str:
    """`wanted`, or `wanted-2`, `-3`...: an id no case study in the library uses, whatever it holds by then."""
    n, case_id = 1, wanted
    while case_id in taken:
        n += 1
        case_id = f"{wanted}-{n}"
    return case_id


def contributions(count: int) -> dict[Path, str]:
    """`count` new case study files (path -> text), with ids the library does not use yet."""
    taken = {i for c in library.load(ROOT).case_studies for i in (c.id, *c.redirect_from)}
    texts = [CONTRIBUTED, CONTRIBUTED]
    for old, new in SECOND.items():
        texts[1] = texts[1].replace(old, new)
    out = {}
    for text in texts[:count]:
        wanted = text.split("\nid: ", 1)[1].split("\n", 1)[0]
        case_id = free_id(taken, wanted)
        taken.add(case_id)
        out[Path("data") / "case_studies" / f"{case_id}.yaml"] = text.replace(f"\nid: {wanted}\n", f"\nid: {case_id}\n")
    return out


@pytest.fixture(scope="module", params=[1, 2], ids=["plus-one", "plus-two"])
def pull_request(request, tmp_path_factory):
    """The project as a contributor's pull request leaves it: its files added, nothing else touched."""
    project = copy_project(tmp_path_factory.mktemp("pull-request") / "project")
    if (ROOT / "node_modules").exists():
        os.symlink(ROOT / "node_modules", project / "node_modules")  # installed by make test, as on CI
    added = contributions(request.param)
    for path, text in added.items():
        (project / path).write_text(text, encoding="utf-8")
    return project, added


def run(project: Path, *command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600"}
    return subprocess.run([sys.executable, *command], cwd=project, env=env, capture_output=True, text=True)


def test_only_the_case_study_files_were_added(pull_request):
    project, added = pull_request
    found = sorted(p.relative_to(project).as_posix() for p in (project / "data" / "case_studies").iterdir())
    own = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data" / "case_studies").iterdir())
    assert found == sorted(own + [path.as_posix() for path in added])
    assert (project / "tests" / "published-urls.txt").read_bytes() == (ROOT / "tests"
                                                                       / "published-urls.txt").read_bytes()


def test_validation_passes_and_counts_the_library_plus_what_was_added(pull_request):
    project, added = pull_request
    result = run(project, "-m", "macros", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    before = library.load(ROOT)
    assert (result.stdout.startswith(f"OK: {len(before.preconditions)} preconditions, "
                                     f"{len(before.case_studies) + len(added)} case studies"))


@pytest.mark.build
def test_the_strict_build_passes(pull_request, tmp_path):
    project, added = pull_request
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path in added:
        assert (tmp_path / "site" / "case-studies" / path.stem / "index.html").exists()


@pytest.mark.slow
def test_the_tests_that_read_the_data_pass(pull_request):
    project, _ = pull_request
    result = run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *DATA_TESTS)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
