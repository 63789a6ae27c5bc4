"""The library's own content is complete: every field the framework needs, for all nine and every case study."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import library

ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality-check"


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’'-]+", text))


def test_the_data_is_valid():
    assert LIB.problems == []


@pytest.mark.parametrize("p", LIB.preconditions, ids=lambda p: p.id)
def test_each_precondition_is_complete(p):
    assert 150 <= words(p.description) <= 350, f"{p.id} description has {words(p.description)} words"
    assert len(p.looks_like) >= 3 and len(p.signs_of_absence) >= 3
    assert 3 <= len(p.questions) <= 5
    assert p.vignette.situation and p.vignette.when_present and p.vignette.when_absent
    assert p.in_the_report.place == "Coventry" and p.in_the_report.account
    assert p.source_pages and all(4 <= page <= 29 for page in p.source_pages)
    assert p.aliases
    assert p.related or LIB.related_from[p.id], f"{p.id} is linked to no other precondition"


def test_the_groups_follow_the_report():
    assert [p.id for p in LIB.preconditions] == list("ABCDEFGHI")
    assert {p.id for p in LIB.preconditions if p.group == "vision"} == set("ABCD")


def test_the_relations_the_report_names_are_there():
    pairs = {(p.id, r.precondition) for p in LIB.preconditions for r in p.related}
    undirected = {frozenset(pair) for pair in pairs}
    for a, b in ["AG", "IH", "FH", "DH"]:
        assert frozenset((a, b)) in undirected, f"{a}–{b}"
    assert len({b for a, b in pairs if a == "H"}) >= 6, "H is the multiplier of the others"


def test_search_aliases_practitioners_use():
    aliases = {p.id: {a.lower() for a in p.aliases} for p in LIB.preconditions}
    assert {"trust", "relationships"} <= aliases["E"]
    assert "assets" in aliases["F"] and "leadership" in aliases["G"]
    assert {"risk", "failure"} <= aliases["H"] and {"letting go", "entrepreneurial"} <= aliases["I"]


@pytest.mark.parametrize("case", LIB.case_studies, ids=lambda c: c.id)
def test_each_case_study_is_complete_and_balanced(case):
    assert len(case.evidence) >= 3 and all(e.status and e.finding for e in case.evidence)
    assert len(case.lessons) >= 3 and len(case.questions) >= 3 and case.what_did_not_work
    assert case.organisations and case.sources and all(s.pages for s in case.sources)
    assert case.summary and case.context


def test_the_report_case_studies_are_all_there():
    expected = {"coventry-homelessness-and-housing": {"A", "B", "C", "E", "H", "I"},
                "coventry-troubled-families": {"A", "B", "C", "E", "G", "H"},
                "coventry-ignite": {"B", "C", "E", "F", "H"}}
    for case_id, letters in expected.items():
        assert letters <= {e.precondition for e in LIB.by_id[case_id].evidence}, case_id
    homelessness = {(e.precondition, e.status) for e in LIB.by_id["coventry-homelessness-and-housing"].evidence}
    assert ("H", "present") in homelessness and ("H", "absent") in homelessness


def test_the_places():
    names = {p.name for p in LIB.places}
    assert {"Coventry", "Barking and Dagenham", "Gateshead"} <= names
    coventry = LIB.place_by_name["Coventry"]
    facts = " ".join(coventry.facts)
    for figure in ("337,400", "£55", "1.81"):
        assert figure in facts or figure in coventry.context, figure
    for name in ("Barking and Dagenham", "Gateshead"):
        place = LIB.place_by_name[name]
        assert place.route_in and all(c.basis == "editorial" for c in place.connections), name


def test_the_glossary_has_enough_terms():
    assert len(LIB.glossary) >= 25
    terms = {t.term.lower() for t in LIB.glossary}
    for term in ("co-production", "payment by results", "personal budget", "prime contractor", "serious case review",
                 "severe and multiple disadvantage", "troubled families", "system leadership"):
        assert any(term in t for t in terms), term


DOCS = ["framework/index.md", "framework/for-a-person.md", "practice/index.md", "practice/ways-in.md",
        "practice/lessons.md", "about/index.md", "about/licence.md"]  # the glossary page is generated from data


@pytest.mark.parametrize("path", DOCS)
def test_the_framework_and_practice_pages_exist(path):
    assert words((ROOT / "docs" / path).read_text(encoding="utf-8")) > 120


def test_the_eight_uses_and_the_four_ways_in():
    uses = (ROOT / "docs" / "practice" / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^## ", uses, re.M)) >= 8
    ways = (ROOT / "docs" / "practice" / "ways-in.md").read_text(encoding="utf-8").lower()
    for way in ("collaboration", "complexity", "root causes", "single organisation"):
        assert way in ways


def test_no_personal_names_from_the_appendices():
    appendix = ["Alice Evans", "Angela Tellyn", "Carmel McCarthy", "Clare Wightman", "Jemma Sorro", "Nobby Clarke",
                "Ruth Tennant", "Sue Bent", "Faye Abbott", "Helen Bevan", "Nick Timmins", "Anna Randle"]
    for path in [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("docs/**/*.md"), *ROOT.glob("overrides/**/*")]:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [n for n in appendix if n in text], path


@pytest.mark.skipif(not ORIGINALITY.exists(), reason="the source documents are not beside this clone (../shared)")
def test_no_sentence_is_copied_from_the_sources():
    result = subprocess.run([str(ORIGINALITY)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
