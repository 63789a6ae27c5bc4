"""The library's own content is complete: every field the framework needs, for all nine and every case study."""

from __future__ import annotations

import collections
import difflib
import functools
import re
import subprocess
from pathlib import Path

import pytest
import yaml

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
    assert p.in_the_report.basis in schema.BASES
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
    found = {e.precondition: e for e in case.evidence}
    # p. 21: the commissioner's risk-embracing contract, and the knock to resilience after the tender, in one finding.
    assert found["H"].status == "mixed" and "up front" in found["H"].finding and "resilience" in found["H"].finding
    # p. 21: trust took a knock after the tender, and the specification began with providers, not citizens.
    assert found["E"].status in ("absent", "mixed") and "knock" in found["E"].finding
    assert found["B"].status in ("absent", "mixed") and "providers rather than" in found["B"].finding
    organisations = " ".join(case.organisations)
    for name in ("Winter Night Shelter", "Whitefriars", "Salvation Army"):
        assert name in organisations, name


# The report's own verdict on each precondition in Coventry, where it gives one (pp. 10-18); C and I have none.
REPORT_VERDICTS = {"A": (10, "collective vision is not"), "B": (11, "ad hoc rather than routine"),
                   "D": (13, "challenging for Coventry"),
                   "E": (14, "a potential asset"), "F": (15, "nascent"), "G": (16, "mixed views"),
                   "H": (17, "in parts")}


@pytest.mark.parametrize("p", LIB.preconditions, ids=lambda p: p.id)
def test_each_coventry_verdict_says_whose_it_is(p):
    verdict = p.in_the_report
    if p.id in REPORT_VERDICTS:
        page, words = REPORT_VERDICTS[p.id]
        assert verdict.basis == "reported" and words in verdict.verdict and list(verdict.pages) == [page], verdict
        assert verdict.presence is None
        # each unbroken quotation stays short of the originality check's ten words
        for part in verdict.verdict.split("…"):
            assert len(re.findall(r"[\w’'-]+", part)) < 10, (p.id, part)
    else:  # the report gives no verdict: say so, and show our reading as ours
        assert verdict.basis == "editorial" and verdict.presence in schema.PRESENCE and verdict.verdict is None
        assert "gives no overall verdict" in verdict.account and "*Our reading:*" in verdict.account


def test_every_finding_says_whose_it_is():
    for case in LIB.case_studies:
        assert len({e.precondition for e in case.evidence}) == len(case.evidence), case.id
        for entry in case.evidence:
            assert entry.basis in schema.BASES, (case.id, entry.precondition)
    homelessness = {e.precondition: e for e in LIB.by_id["coventry-homelessness-and-housing"].evidence}
    # The report does not tie the case study to D (pp. 21-22): that link is ours.
    assert homelessness["D"].basis == "editorial"
    # F rests on providers following the asset mapping (p. 15), not on the Care Act's future duty (p. 22).
    assert list(homelessness["F"].pages) == [15] and "Care Act" not in homelessness["F"].finding


FIRST_PERSON = re.compile(r"\b(I|I'm|I've|me|my|mine|myself|we|us|our)\b", re.I)


@pytest.mark.parametrize("p", LIB.preconditions, ids=lambda p: p.id)
def test_each_vignette_is_our_third_person_summary(p):
    """Never presented as a person's words: no first person, and cited to its page of the report (p. 19 or 20)."""
    v = p.vignette
    for text in (v.situation, v.when_present, v.when_absent):
        assert not FIRST_PERSON.search(text), (p.id, FIRST_PERSON.search(text).group(0), text)
        assert "“" not in text and not text.lstrip().startswith('"'), (p.id, text)
    assert list(v.pages) == ([19] if p.group == "vision" else [20]), p.id


def test_the_report_corrections_hold():
    g = " ".join(LIB.by_letter["G"].in_the_report.account.split())
    assert "one interviewee wanted leadership with a clear focus" in g and "Interviewees wanted" not in g  # p. 24
    b = LIB.by_letter["B"].in_the_report.account
    assert "Whitefriars moved" not in b and "would spend more time" in b
    assert "Hard Edges" not in " ".join(r.title for r in LIB.by_letter["C"].further_reading)
    troubled = {e.precondition: e for e in LIB.by_id["coventry-troubled-families"].evidence}
    assert "most significant finding" in troubled["C"].finding and "biggest finding" not in troubled["C"].finding
    assert "whatever its critics say" in troubled["C"].finding  # p. 23: the national programme as a catalyst
    ignite = LIB.by_id["coventry-ignite"].what_did_not_work
    assert "records no failures" in ignite[0] and all("Our reading" in item for item in ignite[1:])
    steps = {(s.page, s.section): s.note for pw in LIB.pathways for s in pw.steps}
    assert "up front" not in steps[("case-study:coventry-homelessness-and-housing", "evidence-i")]


def test_links_to_collaborate_are_only_the_ones_the_sources_give():
    """No guessed addresses: the report has none in the sources, the practice article has its own (source 003)."""
    given = {"https://collaboratecic.com/",
             "https://collaboratecic.com/place-based-system-change-demystifying-the-practice-20c438bde7ea"}
    for path in [*project_files(), ROOT / "CITATION.cff", ROOT / "README.md"]:
        for url in re.findall(r"https?://(?:www\.)?collaborate(?:cic|i)\.com[^\s)\"'>\]]*",
                              path.read_text(encoding="utf-8")):
            assert url in given or url.startswith("http://collaboratei.com/"), (path, url)


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
    for figure in ("337,400", "tenth largest", "in three", "one in five", "34", "39", "£55 million", "26%",
                   "£50 million",
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
                  # the scales and labels
                  "system leadership", "evidence scale", "place scale", "coventry verdict", "our reading")


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


def project_files() -> list[Path]:
    files = [p for p in [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("docs/**/*.md"), *ROOT.glob("overrides/**/*")]
             if p.is_file()]
    assert len(files) > 50
    return files


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
    read = 0
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".txt", ".xml", ".js", ".csv", ".cff", ".yaml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not names_in(text, names), path.relative_to(built_site)
            read += 1
    assert read > 50
    from tests.support import pagefind_pages
    for url, text in pagefind_pages(built_site).items():
        assert not names_in(text, names), url


@pytest.mark.skipif(not ORIGINALITY.exists(), reason="the source documents are not beside this clone (../shared)")
def test_no_sentence_is_copied_from_the_sources():
    result = subprocess.run([str(ORIGINALITY)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def vignette_text(p) -> str:
    return "\n\n".join((p.vignette.situation, p.vignette.when_present, p.vignette.when_absent))


@pytest.mark.skipif(not ORIGINALITY.exists(), reason="the source documents are not beside this clone (../shared)")
def test_the_vignettes_share_no_six_words_with_the_sources(tmp_path):
    """Our own form, not the report's sentences with words swapped: a far stricter check than the site's ten words."""
    path = tmp_path / "vignettes.txt"
    path.write_text("\n\n".join(vignette_text(p) for p in LIB.preconditions), encoding="utf-8")
    result = subprocess.run([str(ORIGINALITY), "--words", "6", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def report_vignettes(report: str) -> dict[str, str]:
    """The report's nine vignettes (pp. 19-20), by letter, without their headings."""
    part = report[report.index("WHAT COULD THEY MEAN FOR AN INDIVIDUAL"):report.index("HOW DO THESE PRE-CONDITIONS "
                                                                                      "COME TOGETHER")]
    chunks = re.split(r"PRE-CONDITION\n\n([A-I])\. ", part)
    found = dict(zip(chunks[1::2], chunks[2::2]))
    # The extraction moved G's "absent" text after I's (see the sources' README).
    found["I"], moved, rest = found["I"].partition("Several private meetings")
    found["G"] += moved + rest
    return {letter: re.sub(r"IF THE PRE-CONDITION IS (IN PLACE|ABSENT) MY EXPERIENCE IS\.*|BEHAVIOUR PRE-CONDITIONS:.*",
                           " ",
                           text.split("SITUATION", 1)[1], flags=re.S) for letter, text in found.items()}


def test_each_vignette_is_shorter_than_the_report_s():
    if not REPORT.exists():
        pytest.skip("the source documents are not beside this clone (../shared)")
    originals = report_vignettes(REPORT.read_text(encoding="utf-8"))
    assert sorted(originals) == list("ABCDEFGHI")
    for p in LIB.preconditions:
        assert 30 < words(originals[p.id]) and words(vignette_text(p)) < words(originals[p.id]), p.id


def test_each_reported_verdict_is_the_report_s_own_words():
    if not REPORT.exists():
        pytest.skip("the source documents are not beside this clone (../shared)")
    report = re.sub(r"\s+", " ", REPORT.read_text(encoding="utf-8").lower())
    for p in LIB.preconditions:
        if p.in_the_report.basis == "reported":
            for part in p.in_the_report.verdict.lower().split("…"):
                assert part.strip() in report, (p.id, part)


# Our own words and our own form (issue 21). Both measures read lower-cased words: letters and digits, with an
# apostrophe inside a word; curly quotes are folded and a hyphen splits, so "strengths-based" is two words, as the
# report often writes it. Page citations, the addresses of links and macros are not prose, and are left out.
# - Similarity: difflib's SequenceMatcher ratio (autojunk off) between a passage's words and every window of as many
#   consecutive words in each source, at the window where it is highest. A vignette part or description paragraph at
#   SIMILARITY_LIMIT or more follows a source passage in its order: the source's sentences with words swapped.
# - Copied runs: RUN_LIMIT or more consecutive words that also stand in a source, outside quotations of a source. A
#   name the library must give as it is (a precondition's title, a cited work's title, a person or body in NAMES)
#   counts as one word, in the sources as in the library.
SIMILARITY_LIMIT = 0.40
RUN_LIMIT = 7
NAMES = ("Sarah Billiald", "La Toyah McAllister-Jones", "Kezia Jackson-Harman", "Collaborate CIC",
         "Coventry City Council",
         "Lankelly Chase Foundation", "Department for Communities and Local Government",
         "School for Health and Care Radicals", "Building Collaborative Places: infrastructure for system change")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
NOT_PROSE = re.compile(r"\((?:pp?\.|see p)[^()]*\)|\]\([^)\s]*\)|https?://\S+|\{\{.*?\}\}|\{%.*?%\}")
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”]*”|‘.*?’(?!\w)|(?<!\w)'(?=\w).*?(?<=[\w.,!?])'(?!\w)", re.S)


def source_words(text: str) -> list[str]:
    return WORD.findall(NOT_PROSE.sub(" ", text).lower().replace("’", "'").replace("‘", "'"))


@functools.cache
def the_sources() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(source_words(path.read_text(encoding="utf-8"))) for path in sorted(SOURCES.glob("*.txt")))


def similarity(text: str, floor: float = 0.0) -> float:
    """The highest ratio of `text` to a same-length window of any source: exact when it is `floor` or more.

    How many of the passage's words a window holds (counted with repeats) bounds the ratio from above, so windows are
    compared in full only while that bound could reach the floor and beat the best so far: a few hundred, of 25,000.
    """
    words = source_words(text)
    n, need = len(words), collections.Counter(words)
    candidates = []
    for src in the_sources():
        have = collections.Counter(src[:n])
        shared = sum(min(count, need[word]) for word, count in have.items())
        for start in range(len(src) - n + 1):
            if start:  # slide the window one word on
                old, new = src[start - 1], src[start + n - 1]
                have[old] -= 1
                shared -= have[old] < need[old]
                shared += have[new] < need[new]
                have[new] += 1
            if shared >= floor * n:
                candidates.append((shared, src, start))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    best = 0.0
    for shared, src, start in sorted(candidates, key=lambda c: -c[0]):
        if shared / n <= best:
            break
        matcher.set_seq1(src[start:start + n])
        best = max(best, matcher.ratio())
    return best


@functools.cache
def names_to_keep() -> dict[str, list[tuple[str, ...]]]:
    """The nine titles, the titles of the works the library cites and NAMES, as words, longest first by first word."""
    titles = [p.title for p in LIB.preconditions] + [s.title for p in LIB.preconditions for s in p.further_reading]
    titles += [s.title for record in [*LIB.places, *LIB.case_studies] for s in record.sources] + list(NAMES)
    by_first = collections.defaultdict(list)
    for name in sorted({tuple(source_words(title)) for title in titles}, key=len, reverse=True):
        by_first[name[0]].append(name)
    return by_first


def folded(words) -> list[str]:
    """The words, with each name the library keeps as it is folded into one word that no prose holds."""
    out, i = [], 0
    while i < len(words):
        name = next((n for n in names_to_keep().get(words[i], ()) if tuple(words[i:i + len(n)]) == n), None)
        out.append("<name>" if name else words[i])
        i += len(name) if name else 1
    return out


@functools.cache
def source_runs() -> frozenset[tuple[str, ...]]:
    runs = set()
    for src in the_sources():
        words = folded(src)
        runs.update(tuple(words[i:i + RUN_LIMIT]) for i in range(len(words) - RUN_LIMIT + 1))
    return frozenset(runs)


@functools.cache
def the_sources_as_text() -> str:
    return " | ".join(" ".join(src) for src in the_sources())


def quotes_a_source(quotation: str) -> bool:
    words = source_words(quotation)
    return bool(words) and f" {' '.join(words)} " in f" {the_sources_as_text()} "


def copied_runs(text: str) -> list[str]:
    """Each run of RUN_LIMIT or more words, outside quotations of a source, that stands in a source too."""
    pieces, at = [], 0
    for quote in QUOTED.finditer(text):  # words in quotation marks that are not a source's own are ours: read them
        if quotes_a_source(quote.group()):
            pieces.append(text[at:quote.start()])
            at = quote.end()
    found = []
    for piece in [*pieces, text[at:]]:
        words = folded(source_words(piece))
        hits = [tuple(words[i:i + RUN_LIMIT]) in source_runs() for i in range(len(words) - RUN_LIMIT + 1)]
        i = 0
        while i < len(hits):
            if hits[i]:
                j = i
                while j + 1 < len(hits) and hits[j + 1]:
                    j += 1
                found.append(" ".join(words[i:j + RUN_LIMIT]))
                i = j
            i += 1
    return found


def own_form_parts():
    """(where, text) for every part of every vignette and every paragraph of every description."""
    for p in LIB.preconditions:
        for part in ("situation", "when_present", "when_absent"):
            yield f"{p.id}, vignette, {part}", getattr(p.vignette, part)
        for number, paragraph in enumerate(re.split(r"\n\s*\n", p.description.strip()), 1):
            yield f"{p.id}, description, paragraph {number}", paragraph


def strings_in(value, where: str = ""):
    """Every string in parsed YAML, with where it stands (ids and keys); a verdict is a quotation, shown as one."""
    if isinstance(value, str):
        if where.rsplit(".", 1)[-1] != "verdict":
            yield where, value
    elif isinstance(value, dict):
        label = next((str(value[k]) for k in ("id", "name", "term", "precondition") if k in value), "")
        for key, item in value.items():
            yield from strings_in(item, ".".join(filter(None, (where, label, str(key)))))
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, where)


def prose_from_the_sources():
    """(where, text) for all the prose the library writes from its sources: the text in its data, and its pages."""
    for path in sorted([*ROOT.glob("data/*.yaml"), *ROOT.glob("data/case_studies/*.yaml")]):
        for where, text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield f"{path.relative_to(ROOT)}: {where}", text
    for path in sorted(ROOT.glob("docs/**/*.md")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.mark.skipif(not SOURCES.exists(), reason="the source documents are not beside this clone (../shared)")
def test_no_vignette_or_description_follows_a_source_passage():
    close = [f"{where}: {score:.2f}" for where, text in own_form_parts()
             if (score := similarity(text, floor=SIMILARITY_LIMIT)) >= SIMILARITY_LIMIT]
    assert not close, "at or over the limit against the best window of a source:\n" + "\n".join(close)


@pytest.mark.skipif(not SOURCES.exists(), reason="the source documents are not beside this clone (../shared)")
def test_no_unquoted_run_of_seven_words_is_the_sources():
    copied = [f"{where}: {run}" for where, text in prose_from_the_sources() for run in copied_runs(text)]
    assert not copied, "the sources' own words, outside a quotation:\n" + "\n".join(copied)
