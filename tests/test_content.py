"""The library's own content is complete: every field the framework needs, for all nine and every case study."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import library, schema

ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality-check"


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’'-]+", text))


def test_the_data_is_valid():
    assert LIB.problems == []


def sentences(text: str) -> int:
    """How many sentences: full stops, question or exclamation marks that end the text or precede a capital."""
    return len(re.findall(r"[.!?](?=\s+[A-Z\"'*(]|\s*$)", text.strip()))


@pytest.mark.parametrize("p", LIB.preconditions, ids=lambda p: p.id)
def test_each_precondition_is_complete(p):
    assert sentences(p.summary) == 1, f"{p.id} summary is not one sentence: {p.summary!r}"
    assert 150 <= words(p.description) <= 350, f"{p.id} description has {words(p.description)} words"
    assert len(p.looks_like) >= 3 and all(s.strip() for s in p.looks_like)
    assert len(p.signs_of_absence) >= 3 and all(s.strip() for s in p.signs_of_absence)
    assert 3 <= len(p.questions) <= 5
    assert p.vignette.situation.strip() and p.vignette.when_present.strip() and p.vignette.when_absent.strip()
    assert p.in_the_report.place == "Coventry" and p.in_the_report.account.strip()
    assert p.in_the_report.presence in schema.PRESENCE
    assert p.source_pages and all(4 <= page <= 29 for page in p.source_pages)
    assert p.aliases
    assert p.related, f"{p.id} has no related preconditions of its own"
    for rel in p.related:
        assert rel.precondition != p.id and rel.reason.strip(), f"{p.id} -> {rel.precondition}"
    for source in p.further_reading:
        assert source.title.strip() and source.publisher and source.publisher.strip(), f"{p.id}: {source.title}"


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


# The library's own case studies, written by its editors from the report. A contributed case study is held to the
# rules it must meet by validation (every one of them a message with file, line and field), never by these tests:
# its sources need no page numbers (an evaluation on a website has none), and one finding is enough.
EDITORS = "Pattern library editors"
OWN_CASE_STUDIES = [c for c in LIB.case_studies if EDITORS in c.contributors]


def test_the_library_has_its_own_case_studies():
    assert {c.id for c in OWN_CASE_STUDIES} >= set(REPORT_CASE_STUDIES)


@pytest.mark.parametrize("case", OWN_CASE_STUDIES, ids=lambda c: c.id)
def test_each_case_study_is_complete_and_balanced(case):
    assert len(case.evidence) >= 3 and all(e.status and e.finding.strip() for e in case.evidence)
    assert len(case.lessons) >= 3 and len(case.questions) >= 3 and case.what_did_not_work
    assert case.organisations and case.sources and all(s.pages for s in case.sources)
    assert case.summary and case.context


REPORT_CASE_STUDIES = {  # id: (preconditions with evidence, pages of the report the case study must cite)
    "coventry-homelessness-and-housing": ({"A", "B", "C", "E", "H", "I"}, {21, 22}),
    "coventry-troubled-families": ({"A", "B", "C", "E", "G", "H"}, {23, 24}),
    "coventry-ignite": ({"B", "C", "E", "F", "H"}, {25}),
}


@pytest.mark.parametrize("case_id", REPORT_CASE_STUDIES)
def test_the_report_case_studies_are_all_there(case_id):
    letters, pages = REPORT_CASE_STUDIES[case_id]
    case = LIB.by_id[case_id]
    assert letters <= {e.precondition for e in case.evidence}, case_id
    cited = {page for source in case.sources for page in source.pages}
    assert pages <= cited, f"{case_id} cites {sorted(cited)}"


def test_the_homelessness_case_study_shows_both_sides():
    case = LIB.by_id["coventry-homelessness-and-housing"]
    found = {(e.precondition, e.status) for e in case.evidence}
    assert ("H", "present") in found and ("H", "absent") in found
    # p. 21: trust took a knock after the tender, and the specification began with providers, not citizens.
    assert ("E", "absent") in found or ("E", "mixed") in found
    assert ("B", "absent") in found or ("B", "mixed") in found
    organisations = " ".join(case.organisations)
    for name in ("Winter Night Shelter", "Whitefriars", "Salvation Army"):
        assert name in organisations, name


def test_ignite_lists_only_the_organisations_in_the_programme():
    # Lankelly Chase funded separate asset-mapping work (p. 15), not Ignite (p. 25).
    assert not [o for o in LIB.by_id["coventry-ignite"].organisations if "Lankelly" in o]


def test_the_places():
    names = {p.name for p in LIB.places}
    assert {"Coventry", "Barking and Dagenham", "Gateshead"} <= names
    for name in ("Barking and Dagenham", "Gateshead"):
        place = LIB.place_by_name[name]
        assert place.route_in and all(c.basis == "editorial" for c in place.connections), name


def place_text(place) -> str:
    return " ".join([place.summary, place.context, place.route_in or "", *place.facts, *place.questions,
                     *(c.note for c in place.connections)])


def test_coventry_has_the_report_figures_and_culture_questions():
    coventry = LIB.place_by_name["Coventry"]
    facts = " ".join(coventry.facts)
    # p. 5: population, city rank, ethnicity, median age, funding cuts, and the Hard Edges ratios.
    for figure in ("337,400", "tenth largest", "in three", "one in five", "34", "39", "£55 million", "26%", "£50 million",
                   "1.81", "2.16", "1.65", "1.61"):
        assert figure.lower() in facts.lower(), figure
    assert all("(p. 5)" in fact for fact in coventry.facts)
    # p. 6: the six questions about the city's culture put to the Local Public Service Board.
    culture = [q for q in coventry.questions if "(p. 6)" in q]
    assert len(culture) >= 6, culture
    joined = " ".join(culture).lower()
    for theme in ("citizens", "risk", "partnerships", "sector", "history", "relationship with citizens"):
        assert theme in joined, theme


def test_the_other_places_name_their_routes_in():
    assert "Borough Manifesto" in place_text(LIB.place_by_name["Barking and Dagenham"])
    assert "Director of Public Service Reform" in place_text(LIB.place_by_name["Gateshead"])


GLOSSARY_TERMS = ("asset-based community development", "co-production", "payment by results", "personal budget",
                  "prime contractor", "serious case review", "severe and multiple disadvantage", "troubled families",
                  "system leadership")


def test_the_glossary_has_enough_terms():
    assert len(LIB.glossary) >= 25
    terms = {t.term.lower() for t in LIB.glossary}
    for term in GLOSSARY_TERMS:
        assert term in terms, term
    assert all(t.definition.strip() for t in LIB.glossary)


DOCS = ["framework/index.md", "framework/for-a-person.md", "practice/index.md", "practice/ways-in.md",
        "practice/lessons.md", "about/index.md", "about/licence.md"]  # the glossary page is generated from data


@pytest.mark.parametrize("path", DOCS)
def test_the_framework_and_practice_pages_exist(path):
    assert words((ROOT / "docs" / path).read_text(encoding="utf-8")) > 120


def test_the_eight_uses_and_the_four_ways_in():
    uses = (ROOT / "docs" / "practice" / "index.md").read_text(encoding="utf-8")
    numbered = re.findall(r"^## (\d+)\. \S", uses, re.M)
    assert numbered == [str(n) for n in range(1, 9)], numbered  # exactly the eight uses of p. 27, in order
    ways = (ROOT / "docs" / "practice" / "ways-in.md").read_text(encoding="utf-8").lower()
    for way in ("collaboration", "complexity", "root causes", "single organisation"):
        assert way in ways


REPORT = ROOT.parent / "shared" / "sources" / "002_09cc07551e364c9f.txt"
SOURCES = ROOT.parent / "shared" / "sources"
# The people listed in the report's appendices (steering group, interviewees, workshop chairs). Only the two
# authors, Sarah Billiald and La Toyah McAllister-Jones, may be named in the library.
APPENDIX_NAMES = (
    "Alice Evans", "Alison Quigley", "Angela Tellyn", "Anne White", "Ayaz Maqsood", "Bal Basi", "Bruce Harrison",
    "Carl Pearson", "Carmel McCarthy", "Charley Gibbons", "Claire Bell", "Claire Morris", "Clare Wightman",
    "Cllr Abbott", "Cllr Singh", "Daksha Piparia", "David Shortland", "Debbie Carter", "Dr Vicky Hancock",
    "Gavin Kibble", "Grace Haynes", "Ian Harrabin", "Jane Moore", "Jemma Sorro", "Joe Reeves", "Jon Murray",
    "June Jeffreys", "Keith Jeffrey", "Kevin Rogers", "Kobina Hall", "Leanne Draycott", "Lesley Meade", "Liz Welton",
    "Louison Ricketts", "Melanie Goolding", "Michael Vincent", "Nathan Slinn", "Nobby Clarke", "Paul Green",
    "Paula Bunn", "Paula Deas", "Pete Fahy", "Rebecca Farr", "Ruth Tennant", "Sara Roach", "Sarah Newton",
    "Si Chun Lam", "Simon Brake", "Sinead Ouillon", "Stephen Banbury", "Sue Bent", "Tim Rees", "Trevor Seeley",
    "Martin Reeves", "Jenni Venn",
)
# Other people the sources name: the foreword's signatories, the authors of works they cite.
OTHER_SOURCE_NAMES = ("Faye Abbott", "Helen Bevan", "Nick Timmins", "Toby Lowe")
TITLES = ("Cllr ", "Councillor ", "Dr ")


def appendix_names_from_the_report(text: str) -> set[str]:
    """The names in the report's appendix tables: rows of 'Name<TAB>Organisation' after 'APPENDIX 1'."""
    names = set()
    for line in text[text.index("APPENDIX 1"):].splitlines():
        match = re.fullmatch(r"([^\t]+)\t([^\t]+)", line.strip())
        if match and match.group(1).strip() != "Name":
            names.add(match.group(1).strip())
    return names


def needles(names) -> set[str]:
    """Each name as the library might write it: with or without a title, 'Cllr' spelt out."""
    out = set()
    for name in names:
        out.add(name)
        for title in TITLES:
            if name.startswith(title):
                bare = name[len(title):]
                if title.strip() in ("Cllr", "Councillor"):
                    out |= {"Cllr " + bare, "Councillor " + bare}
                elif " " in bare:
                    out.add(bare)
    return out


def names_in(text: str, names) -> list[str]:
    return sorted(n for n in names if re.search(r"\b" + re.escape(n) + r"\b", text, re.I))


def project_files():
    for path in [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("docs/**/*.md"), *ROOT.glob("overrides/**/*")]:
        if path.is_file():
            yield path


def forbidden_names() -> set[str]:
    names = set(APPENDIX_NAMES) | set(OTHER_SOURCE_NAMES)
    if REPORT.exists():
        names |= appendix_names_from_the_report(REPORT.read_text(encoding="utf-8"))
    return needles(names)


def test_the_name_lists_match_the_sources():
    if not REPORT.exists():
        pytest.skip("the source documents are not beside this clone (../shared)")
    report = REPORT.read_text(encoding="utf-8")
    from_tables = appendix_names_from_the_report(report)
    assert len(from_tables) >= 50, "the appendix tables were not found"
    assert from_tables <= set(APPENDIX_NAMES), sorted(from_tables - set(APPENDIX_NAMES))
    everything = " ".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt"))
    listed = [*APPENDIX_NAMES, *OTHER_SOURCE_NAMES]
    assert not [n for n in listed if not names_in(everything, [n])], "a listed name is not in the sources"


def test_no_personal_names_from_the_appendices():
    names = forbidden_names()
    assert not names_in("Sarah Billiald and La Toyah McAllister-Jones", names)
    for path in project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not names_in(text, names), path


def test_no_personal_names_in_the_built_site(built_site):
    names = forbidden_names()
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".txt", ".xml", ".js", ".csv", ".cff", ".yaml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not names_in(text, names), path.relative_to(built_site)
    from tests.support import pagefind_pages
    for url, text in pagefind_pages(built_site).items():
        assert not names_in(text, names), url


@pytest.mark.skipif(not ORIGINALITY.exists(), reason="the source documents are not beside this clone (../shared)")
def test_no_sentence_is_copied_from_the_sources():
    result = subprocess.run([str(ORIGINALITY)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
