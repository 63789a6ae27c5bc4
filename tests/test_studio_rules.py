"""The contribution studio's scripts say what the Python says: the same HTML for contributed text, the same
verdict and message for a case study, the same file and the same reading of the form. Each table runs the
scripts of the built site in Chromium and the Python on the same inputs."""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path

import pytest
import yaml

from macros import issue_form, library, pages, personal_data, safe_markdown, scaffold, source_answer, studio, validate
from macros.safe_markdown import TextRenderer
from tests.support.records import HOSTILE
from tests.support.studio import VALID

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)
STUDIO = "contribute/studio/"


@pytest.fixture(scope="module")
def scripts(browser, site_url):
    """The studio page of the built site, whose scripts the tests call."""
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(site_url + STUDIO)
    tab.wait_for_function("window.LibraryStudioRules && window.LibraryText")
    yield tab
    context.close()
    assert not errors, errors


def run(tab, expression: str, inputs):
    """`expression` (a function of one input) applied in the page to each input, in one call."""
    return tab.evaluate(f"inputs => inputs.map({expression})", inputs)


# --- The renderer -------------------------------------------------------------------------------

def library_texts() -> list[str]:
    """Every Markdown text the library holds: hundreds of real paragraphs, lists, links and glossary terms."""
    out = []

    def walk(rec):
        from macros.spec import Record, fields_of
        for info in fields_of(type(rec)):
            value = getattr(rec, info.name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, Record):
                    walk(item)

    for rec in (*LIB.preconditions, *LIB.case_studies, *LIB.places, *LIB.glossary, *LIB.pathways):
        walk(rec)
    return out


def random_texts(count: int) -> list[str]:
    pieces = ["<", ">", "&", '"', "'", "[", "]", "(", ")", "*", "**", "***", "`", "!", "\\", "#", "-", "1.", "2)", "+ ",
              "\n", "\n\n", "  ", "\t", "a", "word", "https://e.org", "javascript:", "mailto:x@y.z", "#top",
              "Payment by Results",
              "\u3000", "\xa0", "\u2028", "\x85", "é", "😀", "_", ":", "{{", "}}"]
    rng = random.Random(13)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(count)]


def test_the_preview_renders_text_exactly_as_the_site_does(scripts):
    renderer = TextRenderer(pages.glossary_map(LIB))
    texts = [text for text, _ in HOSTILE] + library_texts() + random_texts(1500) + [
        "", "   ", "\u3000Indented by an ideographic space\u3000", "- a\n- b\n\n- c\n\n  more c", "3. three\n4. four",
        "**bold *nested* bold**", "*a **b** c*", "[a [b] c](https://e.org)", "[x](https://e.org/a(b))", "`a` `b",
        "Line one\r\nLine two\r\rThree", "x\n   \n\ny",
    ]
    assert len(texts) > 2000
    for kind in ("block", "inline"):
        js = run(scripts, f"t => window.LibraryText.{kind}(t)", texts)
        py = [str(getattr(renderer, kind)(text)) for text in texts]
        differ = [(t, p, j) for t, p, j in zip(texts, py, js) if p != j]
        assert not differ, f"{kind}: {len(differ)} texts render differently, the first: {differ[0]}"


# --- Validation ---------------------------------------------------------------------------------


def changed(**changes):
    """VALID with fields replaced (a value of None removes the field) or, for 'path=...', one nested value."""
    case = copy.deepcopy(VALID)
    for name, value in changes.items():
        target, key = case, name
        if "__" in name:  # evidence__0__finding
            parts = name.split("__")
            for part in parts[:-1]:
                target = target[int(part)] if part.isdigit() else target[part]
            key = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        if value is None:
            del target[key]
        else:
            target[key] = value
    return case


# (what the input tries, the case study). Every kind of field, good and bad.
CASES = [
    ("valid", changed()),
    ("title too long", changed(title="T" * 121)),
    ("title only white space", changed(title="\u3000 \t")),
    ("title missing", changed(title=None)),
    ("title with a javascript: address", changed(title="See javascript:alert(1)")),
    ("place without Latin letters", changed(place="東京")),
    ("place written unlike a listed place", changed(place="Barking & Dagenham")),
    ("place with accents", changed(place="Łódź")),
    ("period too long, in emoji counted as characters", changed(period="😀" * 61)),
    ("period of exactly the limit, in emoji", changed(period="😀" * 60)),
    ("a theme with capitals", changed(themes=["Housing", "care leavers"])),
    ("a theme with a quote and a tab", changed(themes=["o'neil\tcentre"])),
    ("nine themes", changed(themes=[f"theme {n}" for n in "abcdefghi"])),
    ("a repeated theme", changed(themes=["housing", "health", "housing"])),
    ("a theme too long", changed(themes=["a" * 41])),
    ("no themes", changed(themes=[])),
    ("summary of 401 characters", changed(summary="S" * 401)),
    ("summary with an e-mail address", changed(summary="Ask jo.bloggs@northbridge.example.org for the minutes.")),
    ("summary with a phone number", changed(summary="Ring 0121 496 0000 to book.")),
    ("context too long", changed(context="C" * 6001)),
    ("context with a link title", changed(context='See [the report](https://example.org/r.pdf "Report").')),
    ("context with an abbreviation definition", changed(context="PbR was used.\n\n*[PbR]: Payment by Results")),
    ("context with a reference link", changed(context="See [the report][r].\n\n[r]: https://example.org/r.pdf")),
    ("context with a relative link and an image",
     changed(context="See [minutes](minutes.pdf) and ![chart](https://e.org/c.png).")),
    ("context with a data: address", changed(context="[x](data:text/html,hi)")),
    ("context with a mailto link, whose address is personal data",
     changed(context="Write to [us](mailto:team@example.org).")),
    ("context with links to a web page and an anchor",
     changed(context="See [the report](https://example.org/r.pdf) and [above](#top).")),
    ("a repeated organisation", changed(organisations=["Northbridge Homes", "Northbridge Homes"])),
    ("an organisation with a postcode", changed(organisations=["Northbridge Homes, NB1 2DD"])),
    ("no organisations", changed(organisations=None)),
    ("a finding too long", changed(evidence__0__finding="F " * 1001)),
    ("a finding with a National Insurance number",
     changed(evidence__1__finding="Her number was QQ 12 34 56 C, and ab123456c too.")),
    ("a finding with an NHS number",
     changed(evidence__0__finding="NHS number 943 476 5919 was on the form; 943 476 5918 is not one.")),
    ("a finding with an image", changed(evidence__0__finding="![x](https://e.org/x.png)")),
    ("a finding missing", changed(evidence__0__finding=None)),
    ("a finding without its basis", changed(evidence__1__basis=None)),
    ("many e-mail addresses in one field, and a phone number",
     changed(context=" ".join(f"p{n}@example.org" for n in range(40)) + " 07700 900123")),
    ("no evidence", changed(evidence=[])),
    ("a lesson too long", changed(lessons=["Agree first.", "Decide early. " * 200])),
    ("a lesson with a vbscript: address", changed(lessons=["Try VBScript:msgbox"])),
    ("a question with Markdown, which questions do not read", changed(questions=["Is [this](javascript:x) a link?"])),
    ("no questions", changed(questions=None)),
    ("what did not work with an e-mail in another script", changed(what_did_not_work=["Write to jöe@bücher.example"])),
    ("a source year out of range", changed(sources=[{"title": "Old report", "year": 1850}])),
    ("a source year in the future", changed(sources=[{"title": "New report", "year": 2200}])),
    ("a source web address with a space", changed(sources=[{"title": "R", "url": "https://e.org/a b"}])),
    ("a source title too long", changed(sources=[{"title": "T" * 201}])),
    ("a source without a title", changed(sources=[{"url": "https://example.org/x.pdf"}])),
    ("no sources", changed(sources=[])),
    ("a contributor with a personal address", changed(contributors=["jo@northbridge.example.org"])),
    ("an id that is not a slug", changed(id="Not An Id")),
    ("an id too long", changed(id="a" * 81)),
    ("an id with a postcode in it", changed(id="northbridge-cv15rr-housing")),
    ("several problems at once", changed(title="", summary="x" * 500, lessons=["a", "a"], themes=["Bad Theme"])),
    ("a title with a C1 control character", changed(title="Housing\x80 in Northbridge")),
    ("a finding with a direction override", changed(evidence__0__finding="Partners met \u202eweekly\u202c.")),
    ("a place over two lines", changed(place="North\nbridge")),
    ("a context with a tab, which Markdown fields may hold", changed(context="Two columns:\tfirst and second.")),
    ("an organisation with a noncharacter after an emoji", changed(organisations=["Northbridge 😀 Homes\U0010fffe"])),
    ("a summary with a next-line character", changed(summary="One line\x85two lines.")),
    ("unicode white space around a repeated item",
     changed(organisations=["\u2003Northbridge Homes", "Northbridge Homes\u3000"])),
]


ACCEPTED = {"valid", "place with accents", "period of exactly the limit, in emoji",
            "context with links to a web page and an anchor",
            "a context with a tab, which Markdown fields may hold"}


def python_problems(tmp_path: Path, case: dict) -> list[tuple[str, str]]:
    """What `python -m macros validate` says about the case study, checked beside the library's own as a new file."""
    values = {k: v for k, v in case.items() if k != "id"}
    text = issue_form.to_yaml(issue_form.Draft(values=values), case["id"], "../../schema/case-study.schema.json")
    folder = tmp_path / "data" / "case_studies"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (f"{case['id']}.yaml" if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"]) else "x.yaml")
    path.write_text(text, encoding="utf-8")
    problems = scaffold.problems_in(ROOT, path)
    path.unlink()
    return sorted((p.field, p.message) for p in problems)


def test_the_studio_and_the_validator_give_the_same_verdict_and_message(scripts, tmp_path):
    assert len(CASES) >= 30
    js = run(scripts, "c => window.LibraryStudioRules.check(c).map(p => [p.field, p.message])",
             [case for _, case in CASES])
    mismatched, accepted = [], set()
    for (what, case), found in zip(CASES, js):
        expected = python_problems(tmp_path, case)
        studio_says = sorted(tuple(p) for p in found)
        if studio_says != expected:
            mismatched.append(f"{what}:\n  python: {expected}\n  studio: {studio_says}")
        if not expected:
            accepted.add(what)
    assert not mismatched, "\n".join(mismatched)
    assert accepted == ACCEPTED  # the rest are refused, so the table tests refusals, not only agreement


def test_every_kind_of_field_is_in_the_table():
    """Text, a pattern, a limit, lists (unique, at least, at most), records, numbers, Markdown: each is tried."""
    tried = {name for _, case in CASES for name in changed_fields(case)}
    for name in ("id", "title", "place", "period", "themes", "summary", "context", "organisations", "evidence",
                 "evidence.finding",
                 "what_did_not_work", "lessons", "questions", "sources", "sources.title", "sources.year", "sources.url",
                 "contributors"):
        assert name in tried, name


def changed_fields(case: dict):
    for key in set(case) | set(VALID):
        if case.get(key) == VALID.get(key):
            continue
        yield key
        for i, item in enumerate(case.get(key) or []):
            if isinstance(item, dict):
                before = VALID[key][i] if i < len(VALID[key]) else {}
                yield from (f"{key}.{name}" for name in set(item) | set(before) if item.get(name) != before.get(name))


# --- Reading the form and writing the file -----------------------------------------------------------

ODD_TEXTS = [
    "Partners said: it worked.", "2021", "yes", "Yes", "null", "~", "- not a list", "# not a comment",
    "'quoted' and \"double\"",
    "{{ 7*7 }} and {% raw %}", "  leading spaces matter", "trailing spaces ", "tab\tinside", "Café, naïve, 😀",
    "Line one\nLine two", "A very long sentence " * 12, "&anchor *alias !tag | > @ `", "ends with a colon:",
    "a  double  space",
    "para one\n\npara two\n\n\npara three", "\nstarts with a line break", "ends with a line break\n",
    "line\u2028separator",
    "nbsp\xa0here", "control \x07 bell", "back\\slash", "x" * 95, ("word " * 40).strip(), "https://example.org/x?y=1#z",
    "on", "No", "FALSE", "key: value", "hash # inside", "C#", "[a, b]", "{a: b}", "*", "! bang", "%percent", "@at",
    "`tick`",
    "ḍ̣ combining", "𝟘 math digit", "\ufeffbom", "\U0010fffd private",
]


def test_the_studio_writes_the_file_from_issue_writes(scripts):
    drafts = []
    for text in ODD_TEXTS:
        drafts.append({"title": text, "context": text, "lessons": [text, "Second"],
                       "themes": ["housing", text.lower()[:30] or "x"],
                       "sources": [{"title": text, "publisher": text, "url": "https://example.org/a.pdf", "year": 2021,
                                    "pages": [4, 5, 19]},
                                   {"title": "Minutes", "pages": [3]}],
                       "evidence": [{"precondition": "E", "status": "present", "basis": "reported", "finding": text}],
                       "licence": "CC0-1.0", "maturity": "draft"})
    js = run(scripts, "d => window.LibraryStudioRules.toYaml(d, 'some-id')", drafts)
    for draft, written in zip(drafts, js):
        expected = issue_form.to_yaml(issue_form.Draft(values=draft), "some-id", "../../schema/case-study.schema.json")
        assert written == expected, draft["title"]
        data = yaml.safe_load(written)
        assert (data["title"] == data["context"] == data["lessons"][0] == data["evidence"][0]["finding"]
                == data["sources"][0]["title"] == draft["title"])
        assert data["sources"][0]["pages"] == [4, 5, 19] and data["sources"][1] == {"title": "Minutes", "pages": [3]}


def test_any_text_reads_back_exactly_from_the_file():
    """The plain rules the writer follows (issue_form.scalar, _block) never change the text, whatever it holds."""
    rng = random.Random(5)
    alphabet = list("ab Z09:#-'\"\\\t\n&*!|>%@`{}[],.?") + ["\u2028", "\x85", "\xa0", "é", "😀", "\ufeff", "\x07", "  "]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        draft = issue_form.Draft(values={"title": text, "lessons": [text], "context": text * 5})
        data = yaml.safe_load(issue_form.to_yaml(draft, "x", "s"))
        assert data["title"] == data["lessons"][0] == text and data["context"] == text * 5, repr(text)


ANSWERS = [
    "- one\n- two\n  continued\n\n* three", "1. one\n2) two", "one\n\ntwo\n", "  indented\n\t tab  ",
    "• bullet\n• another",
    "plain line\n- then a bullet", "a\u3000\n\u3000b", "", "\n\n", "- ", "10) ten",
]
SOURCES = [
    "Evaluation of Ignite, Grapevine (2016) https://example.org/ignite.pdf", "Our own records of the programme",
    "Board papers, 2019", "Report (2020) (2021)", "https://example.org/only-a-link.", "Annual report, 2022.",
    "—Dashes— (1999)",
    "A report (٢٠٢٣)", "Title https://a.example/x(1) more", "",
]
PLACES_AND_TITLES = [
    ("Coventry", "Homelessness and housing in Coventry"), ("Łódź", "Housing in Łódź"),
    ("Barking & Dagenham", "The Barking and Dagenham Way"),
    ("Leeds", "Youth homelessness"), ("Leeds", "word " * 40), ("東京", "Housing"), ("St. Helens", "The St Helens way"),
    ("Ystradgynlais", "Gwasanaethau Cymraeg"), ("Index", "Index"), ("Aux", "The"), ("Page", "Page"),
    ("Brighton & Hove", "Æsir and Ørsted in Brighton"), ("", ""),
]


def test_the_studio_reads_answers_as_from_issue_does(scripts):
    assert run(scripts, "t => window.LibraryStudioRules.items(t)", ANSWERS) == [issue_form.items(t) for t in ANSWERS]
    assert (run(scripts, "t => window.LibraryStudioRules.paragraphs(t)", ANSWERS)
            == [issue_form.paragraphs(t) for t in ANSWERS])
    assert run(scripts, "t => window.LibraryStudioRules.source(t)", SOURCES) == [issue_form.source(t) for t in SOURCES]
    themes = ["Housing, Young People", "care-leavers; early_help/ prevention", "A & B\nA & B", " . ", "Ünïcode Thèmes"]
    assert (run(scripts, "t => window.LibraryStudioRules.splitThemes(t)", themes)
            == [scaffold.split_themes(t) for t in themes])
    assert run(scripts, "p => window.LibraryStudioRules.caseStudyId(p[0], p[1])", PLACES_AND_TITLES) == \
        [scaffold.case_study_id(p, t) for p, t in PLACES_AND_TITLES]
    assert run(scripts, "t => window.LibraryStudioRules.slugify(t)", [p for p, _ in PLACES_AND_TITLES]) == \
        [library.slugify(p) for p, _ in PLACES_AND_TITLES]


def test_the_studio_quotes_values_as_python_does(scripts):
    values = ["plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\tand\nline",
              "\x07\x7f\x85\xa0\u200b\u2028",
              "é😀", "\U0001d7d8", "\ud83d"[:1], "x" * 50]
    assert run(scripts, "v => window.LibraryStudioRules.repr(v)", values) == [repr(v) for v in values]
    assert run(scripts, "v => window.LibraryStudioRules.shorten(v)", values) == [validate.shorten(v) for v in values]


def test_personal_data_is_found_alike(scripts):
    texts = ["jo@x.org", "a.b+c@sub.example.co.uk and x@y", "@@@ a@b.c", "jöe@bücher.de",
             "call 07700 900123 or +44 (0)121 496 0000",
             "NI: QQ123456C, ab 12 34 56 c", "CV1 5RR, cv15rr, the M1 2nd exit", "NHS 943 476 5919, 9434765918",
             "٩٤٣٤٧٦٥٩١٩",
             "x" * 2000 + "@" + "y" * 2000 + ".org", "no detail here", "SW1A 1AA", "B33 8TH"]
    js = run(scripts, "t => window.LibraryStudioRules.personalData(t)", texts)
    assert js == [[list(found) for found in personal_data.find(t)] for t in texts]


def test_the_translated_patterns_read_characters_as_python_does(scripts):
    """\\w, \\d and \\s by Unicode, in both: checked on every character of the Basic Multilingual Plane."""
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for escape in (r"\w", r"\d", r"\s"):
        pattern = studio.js_pattern(escape)
        matched = scripts.evaluate(
            "([source, flags, chars]) => { const re = new RegExp('^' + source + '$', flags); return chars.filter(c => "
            "re.test(c)).join(''); }",
            [pattern["source"], pattern["flags"], characters])
        expected = "".join(c for c in characters if re.fullmatch(escape, c))
        differ = sorted(set(matched) ^ set(expected))
        # Unicode grows: a letter or digit added after Python's Unicode version may be one in the browser's only.
        import unicodedata
        assert all(unicodedata.category(c) == "Cn"
                   for c in differ), (escape, [hex(ord(c)) for c in differ if unicodedata.category(c) != "Cn"][:20])


def test_every_pattern_the_studio_gets_compiles_and_finds_what_python_finds(scripts):
    data = json.loads(studio.script(LIB).split("=", 1)[1].rstrip(";\n"))
    found = []

    def patterns(node, path=""):
        if isinstance(node, dict):
            if set(node) == {"source", "flags"}:
                found.append((path, node))
            for key, value in node.items():
                patterns(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                patterns(value, f"{path}[{i}]")

    patterns(data)
    assert len(found) >= 20
    sources = {**{f".links.{n}": getattr(validate, n) for n in data["links"]},
               **{f".renderer.patterns.{n}": getattr(safe_markdown, n) for n in data["renderer"]["patterns"]},
               **{f".form.patterns.{n}": getattr(issue_form, n) for n in data["form"]["patterns"]},
               ".personal_data.nhs": personal_data.NHS_NUMBER}
    probes = ["", "a", "x\n- item\n  1. one", "[a](https://e.org \"t\")", "*[X]: y", "  [r]: https://e.org",
              "javascript:x DATA:y",
              "### Title", "###   Place  ", "a\\*b `c` ![d](e) **f**", "Report (2021), 2022.",
              "https://e.org/a.pdf, then",
              "943 476 5919", "Mailto:x", "#top", "\n\n \n", "é\u3000😀",
              # the shapes of the patterns made linear: titles after no address, '<>' and '>' addresses, trailing spaces
              "[a](  \"t\")", "[a](<x> 'y')", "[a](> (z))", "[a](<>\t\"q\")", "](\n\n(", "### a \t", "###\t\tb c\t",
              "### \n### x", "Report, 2021 , ", "Report ,2021.  \n", "a@b.c-d.e f@-g.h", "<b>x</b> <y", "x---", "--x--"]
    for path, pattern in found:
        python = sources.get(path)
        spans = scripts.evaluate(
            "([source, flags, probes]) => { const re = new RegExp(source, flags + 'g');"
            " return probes.map(p => [...p.matchAll(re)].map(m => [m.index, m.index + m[0].length])); }",
            [pattern["source"], pattern["flags"], probes])
        if python is None:
            continue
        expected = [[[len(p[:m.start()].encode("utf-16-le")) // 2, len(p[:m.end()].encode("utf-16-le")) // 2]
                     for m in python.finditer(p)] for p in probes]
        assert spans == expected, path


# The Sources answer written with labels (source_answer.py), read and written alike.
LABELLED = [
    "Title: Evaluation\nPublisher: Northbridge Borough Council\nYear: 2023\nPages: 4-19\nWeb address: "
    "https://example.org/e.pdf",
    "Title: A\n\nTitle: B\nYear: 2020", "Title: A\nYear: 2020\nYear: 2021", "Publisher: Only a publisher",
    "- Title: Bulleted\n* Year: 1999",
    "title: lower case\nWEB ADDRESS: www.example.org", "Title: A\nnot labelled\nYear: about 2020\nPages: 9-4",
    "Title:\nYear:",
    "Title: Café 😀\u3000\nPages: pp. 4–6, 9", "Title: x\nPages: 1-3000", "Title: x\nPages: ,", "Title: x\nPages: ٣",
    "Title: x\nYear: ٢٠٢٣",
    "  Title  :  spaced  \r", "Title: x\u2028y", "Web address: https://a.example\nTitle: after",
]
PAGES = ["4", "4-19", "4 - 19", "4\u201319", "pp. 4-6, 9", "p.7", "P 3", "21, 22", "19-4", "", ",", "4,", "1-3000",
         "2000-2001", "0",
         "1234567", "4 to 19", "iv", "\u0664", " 5 ", "5-5"]


def test_the_studio_reads_a_labelled_sources_answer_as_from_issue_does(scripts):
    assert ([source_answer.is_labelled(t) for t in LABELLED]
            == run(scripts, "t => window.LibraryStudioRules.isLabelled(t)", LABELLED))
    js = run(scripts,
             "t => { const r = window.LibraryStudioRules.readSources(t); return [r.sources, r.problems.map(p => "
             "[p.line, p.kind, p.values])]; }", LABELLED)
    python = [[sources, [list(p) for p in found]] for sources, found in map(source_answer.read, LABELLED)]
    assert js == python
    assert (run(scripts, "t => window.LibraryStudioRules.pageList(t)", PAGES)
            == [source_answer.page_list(t) for t in PAGES])
    assert source_answer.page_list("4-19") == list(range(4, 20)) and source_answer.page_list("19-4") is None


def test_the_studio_writes_the_sources_answer_that_from_issue_reads_back(scripts):
    typed = [[{"title": "Evaluation", "publisher": "Council", "year": "2023", "pages": "4-19",
               "url": "https://example.org/e.pdf"},
              {"title": "Our own records", "publisher": "", "year": "", "pages": "", "url": ""},
              {"title": "  ", "year": " "}],
             [{"title": "Two\nlines  and   spaces", "year": "c. 2020"}], []]
    js = run(scripts, "t => window.LibraryStudioRules.sourcesText(t)", typed)
    assert js == [source_answer.write(t) for t in typed]
    sources, found = source_answer.read(js[0])
    assert sources == [{"title": "Evaluation", "publisher": "Council", "year": 2023, "url": "https://example.org/e.pdf",
                        "pages": list(range(4, 20))},
                       {"title": "Our own records"}] and found == []
    assert (source_answer.read(js[1])
            == ([{"title": "Two lines and spaces"}], [(0, "source_year", {"value": "'c. 2020'"})]))


def test_the_preview_prints_pages_as_the_page_does(scripts):
    lists = [[21], [21, 22], [4, 5, 6], [10, 14, 17], [6, 4, 5], [4, 4], [3, 1]]
    assert (run(scripts, "p => window.LibraryStudioRules.pageNumbers(p)", lists)
            == [pages.page_numbers(p) for p in lists])
