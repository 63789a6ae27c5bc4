"""The inputs of the twins' corpus (macros/twins.py): the texts, case studies, answers, places and titles on which
the studio's JavaScript must say exactly what the Python says. Declarative data, and a few seeded makers of more.

Each table tries one kind of thing the rules meet: hostile and random text for the renderer, every kind of field
broken for the checks, odd text for the YAML writer, awkward places and titles for the id maker, studio answers
for the form reader. Add an input here, run `python -m macros twins`, and review the corpus's diff.
"""

from __future__ import annotations

import copy
import random

from .spec import Record, fields_of

# --- The renderer --------------------------------------------------------------------------------------

# Text that must render inert (as tests/test_safe_markdown.py checks it in Python).
HOSTILE_TEXTS = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "&lt;img src=x onerror=alert(1)&gt;", "{{ 7*7 }}",
    "{% include 'mkdocs.yml' %}", "{{ cycler.__init__.__globals__.os.name }}", '--8<-- "mkdocs.yml"',
    "[click](javascript:alert(1))", "[click](JaVaScRiPt:x)", "![tracker](https://tracker.example/pixel.png)",
    '[x](https://example.org/ "<img src=x onerror=alert(1)>")', "[x][r]\n\n[r]: https://example.org/ \"<b>t</b>\"",
    "PILOT\n\n*[PILOT]: <img src=x onerror=alert(1)>", "Text\n{: onclick=\"alert(1)\" }", "# Not a heading",
    "<div markdown=\"1\">*x*</div>", '[x](https://example.org/"onmouseover="alert)',
]
# Lists, emphasis, links and line endings at their edges.
EDGE_TEXTS = [
    "", "   ", "\u3000Indented by an ideographic space\u3000", "- a\n- b\n\n- c\n\n  more c", "3. three\n4. four",
    "**bold *nested* bold**", "*a **b** c*", "[a [b] c](https://e.org)", "[x](https://e.org/a(b))", "`a` `b",
    "Line one\r\nLine two\r\rThree", "x\n   \n\ny",
]
RANDOM_PIECES = ["<", ">", "&", '"', "'", "[", "]", "(", ")", "*", "**", "***", "`", "!", "\\", "#", "-", "1.", "2)",
                 "+ ", "\n", "\n\n", "  ", "\t", "a", "word", "https://e.org", "javascript:", "mailto:x@y.z", "#top",
                 "Payment by Results", "\u3000", "\xa0", "\u2028", "\x85", "é", "😀", "_", ":", "{{", "}}"]


def random_texts(count: int = 1500, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(RANDOM_PIECES) for _ in range(rng.randint(1, 60))) for _ in range(count)]


def library_texts(lib) -> list[str]:
    """Every text of a library's records: hundreds of real paragraphs, lists, links and glossary terms."""
    out = []

    def walk(rec):
        for info in fields_of(type(rec)):
            value = getattr(rec, info.name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, Record):
                    walk(item)

    for rec in (*lib.preconditions, *lib.case_studies, *lib.places, *lib.glossary, *lib.pathways):
        walk(rec)
    return out


# --- The checks --------------------------------------------------------------------------------------------

# A complete, valid case study as the studio holds it (what from-issue makes of the form).
VALID = {
    "id": "northbridge-care-leavers",
    "title": "Care leavers in Northbridge",
    "place": "Northbridge",
    "themes": ["care leavers", "housing"],
    "period": "2021 to 2023",
    "summary": "Six services agreed one outcome and one assessment.",
    "context": "Northbridge had six services.\n\nThey agreed to work as one for a year.",
    "organisations": ["Northbridge Borough Council", "Northbridge Homes"],
    "evidence": [
        {"precondition": "A", "status": "present", "basis": "reported",
         "finding": "The partners judged the year by one shared measure."},
        {"precondition": "H", "status": "absent", "basis": "reported",
         "finding": "The pooled budget was withdrawn **at once** when it overspent."},
    ],
    "what_did_not_work": ["The pooled budget was cut in the second year."],
    "lessons": ["Agree the shared outcome before anyone talks about money."],
    "questions": ["Who would notice if the shared assessment stopped?"],
    "sources": [{"title": "Evaluation of the partnership", "url": "https://example.org/evaluation.pdf", "year": 2023},
                {"title": "Our own records of the programme"}],
    "contributors": ["Northbridge Borough Council"],
    "licence": "CC-BY-SA-4.0",
    "maturity": "draft",
}


def changed(**changes) -> dict:
    """VALID with fields replaced (a value of None removes the field) or, for 'a__0__b=...', one nested value."""
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
    ("a source's pages out of range", changed(sources=[{"title": "R", "pages": [0, 4, 2001]}])),
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

# --- The YAML writer ------------------------------------------------------------------------------------

ODD_TEXTS = [
    "Partners said: it worked.", "2021", "yes", "Yes", "null", "~", "- not a list", "# not a comment",
    "'quoted' and \"double\"", "{{ 7*7 }} and {% raw %}", "  leading spaces matter", "trailing spaces ", "tab\tinside",
    "Café, naïve, 😀", "Line one\nLine two", "A very long sentence " * 12, "&anchor *alias !tag | > @ `",
    "ends with a colon:", "a  double  space", "para one\n\npara two\n\n\npara three", "\nstarts with a line break",
    "ends with a line break\n", "line\u2028separator", "nbsp\xa0here", "control \x07 bell", "back\\slash", "x" * 95,
    ("word " * 40).strip(), "https://example.org/x?y=1#z", "on", "No", "FALSE", "key: value", "hash # inside", "C#",
    "[a, b]", "{a: b}", "*", "! bang", "%percent", "@at", "`tick`", "ḍ̣ combining", "𝟘 math digit", "\ufeffbom",
    "\U0010fffd private"
]


def yaml_drafts() -> list[dict]:
    """A case study's values with each odd text in every kind of place the writer puts text."""
    return [{"title": text, "context": text, "lessons": [text, "Second"],
             "themes": ["housing", text.lower()[:30] or "x"],
             "sources": [{"title": text, "publisher": text, "url": "https://example.org/a.pdf", "year": 2021,
                          "pages": [4, 5, 19]},
                         {"title": "Minutes", "pages": [3]}],
             "evidence": [{"precondition": "E", "status": "present", "basis": "reported", "finding": text}],
             "licence": "CC0-1.0", "maturity": "draft"} for text in ODD_TEXTS]


# --- Reading the form ----------------------------------------------------------------------------------------

ANSWERS = [
    "- one\n- two\n  continued\n\n* three", "1. one\n2) two", "one\n\ntwo\n", "  indented\n\t tab  ",
    "• bullet\n• another", "plain line\n- then a bullet", "a\u3000\n\u3000b", "", "\n\n", "- ", "10) ten"
]
SOURCES = [
    "Evaluation of Ignite, Grapevine (2016) https://example.org/ignite.pdf", "Our own records of the programme",
    "Board papers, 2019", "Report (2020) (2021)", "https://example.org/only-a-link.", "Annual report, 2022.",
    "—Dashes— (1999)", "A report (٢٠٢٣)", "Title https://a.example/x(1) more", ""
]
THEMES = ["Housing, Young People", "care-leavers; early_help/ prevention", "A & B\nA & B", " . ", "Ünïcode Thèmes"]

# The studio's answers (what its form reader takes), each also written as the issue GitHub makes of them, which
# from-issue reads. Only what the studio can send: its drop-down lists offer only the form's options.
STORY = {
    "title": "Joining up support for care leavers in Northbridge", "place": "Northbridge", "period": "2021 to 2023",
    "themes": "Care leavers, housing\nearly-intervention",
    "summary": "Six services for young people leaving care agreed one shared outcome and a single assessment.",
    "context": "Northbridge had six separate services, each with its own *targets*.\n"
               "In 2021 the council's leaving care team and two charities agreed to work as one service for a year.",
    "organisations": "- Northbridge Borough Council\n- Northbridge Homes\n- Step Forward (youth charity)",
    "status-e": "Present",
    "finding-e": "Managers met every fortnight and shared their caseloads openly.",
    "status-h": "Absent",
    "finding-h": "When the pooled budget overspent, the finance board withdrew it at once.\n\n"
                 "- no review\n- no warning",
    "what_did_not_work": "The pooled budget was cut in the second year.\n"
                         "Young people were not involved in decisions about money.",
    "lessons": "1. Agree the shared outcome **before** anyone talks about money.\n"
               "2. Decide in advance what happens if a pilot overspends,\n   and who decides.",
    "questions": "Who would notice if the shared assessment stopped?",
    "sources": "Title: Evaluation of the care leavers' partnership\nPublisher: Northbridge Borough Council\n"
               "Year: 2023\nWeb address: https://example.org/care-leavers-evaluation.pdf\nPages: 4-19\n\n"
               "Title: Our own records of the programme",
    "contributor": "Northbridge Borough Council",
    "licence": "CC BY-SA 4.0",
    "consent": [True, True, True],
}
REQUIRED_TEXTS = ("title", "place", "period", "themes", "summary", "context", "organisations", "what_did_not_work",
                  "lessons", "questions", "sources", "contributor")


def answered(**changes) -> dict:
    """STORY with answers replaced (None: the question left as the studio leaves it unanswered)."""
    out = copy.deepcopy(STORY)
    for key, value in changes.items():
        key = key.replace("_", "-") if key.startswith(("status_", "finding_")) else key
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


FORM_ANSWERS = [
    ("complete", answered()),
    *[(f"{key} left empty", answered(**{key: ""})) for key in REQUIRED_TEXTS],
    ("only white space", answered(summary=" \u3000\t\n ", context="\n\n")),
    ("no response typed", answered(period="_No response_")),
    ("nothing answered", {}),
    ("a box not ticked", answered(consent=[True, False, True])),
    ("no box ticked", answered(consent=[False, False, False])),
    ("consent not given at all", answered(consent=None)),
    ("a status without what happened", answered(status_a="Mixed")),
    ("what happened without a status", answered(finding_b="Young people helped design the assessment.")),
    ("what happened, and Not shown chosen", answered(status_c="Not shown", finding_c="Partners met.")),
    ("no evidence", answered(status_e=None, finding_e=None, status_h=None, finding_h=None)),
    ("every precondition", answered(**{f"status_{c}": s for c, s in zip("abcdefghi", ["Present", "Absent", "Mixed",
                                                                                      "Emerging"] * 3)},
                                    **{f"finding_{c}": f"What happened for {c.upper()}." for c in "abcdefghi"})),
    ("sources with a year and pages that are not numbers, and a line without a label",
     answered(sources="Title: A\nYear: about 2020\nPages: 9-4\nnot labelled\n\nTitle: B\nPages: pp. 4–6, 9")),
    ("sources one a line, as the form asked before labels",
     answered(sources="Evaluation of Ignite, Grapevine (2016) https://example.org/ignite.pdf\nBoard papers, 2019")),
    ("a source repeating a label starts another", answered(sources="Title: A\nYear: 2020\nYear: 2021")),
    ("another licence", answered(licence="CC0 1.0")),
    ("the licence left as it is", answered(licence=None)),
    ("Windows line endings", answered(context="Line one\r\nLine two\r\n\r\nLine three", lessons="One\r\nTwo")),
    ("themes with capitals and symbols", answered(themes="Housing & Health; early_help/prevention. , ,")),
    ("white space of every kind",
     answered(title="\u2003Care\u3000leavers\t in  Northbridge\xa0", contributor=" Council \u2028")),
    ("a bulleted answer wrapping onto more lines",
     answered(what_did_not_work="* The budget\n  was cut.\n+ Not a bullet\n* Second")),
]

# --- The id maker -------------------------------------------------------------------------------------------

PLACES_AND_TITLES = [
    ("Coventry", "Homelessness and housing in Coventry"), ("Łódź", "Housing in Łódź"), ("Barking & Dagenham",
                                                                                        "The Barking and Dagenham Way"),
    ("Leeds", "Youth homelessness"), ("Leeds", "word " * 40), ("東京", "Housing"), ("St. Helens", "The St Helens way"),
    ("Ystradgynlais", "Gwasanaethau Cymraeg"), ("Index", "Index"), ("Aux", "The"), ("Page", "Page"),
    ("Brighton & Hove", "Æsir and Ørsted in Brighton"), ("", ""), ("--Leeds--", "-- a -- b --"), ("Þingvellir",
                                                                                                  "Straße ĳ œuvre"),
]

# --- Personal data, Python's ways with text, and the labelled Sources answer -------------------------------------

PERSONAL_TEXTS = [
    "jo@x.org", "a.b+c@sub.example.co.uk and x@y", "@@@ a@b.c", "jöe@bücher.de",
    "call 07700 900123 or +44 (0)121 496 0000", "NI: QQ123456C, ab 12 34 56 c", "CV1 5RR, cv15rr, the M1 2nd exit",
    "NHS 943 476 5919, 9434765918", "٩٤٣٤٧٦٥٩١٩", "x" * 2000 + "@" + "y" * 2000 + ".org", "no detail here", "SW1A 1AA",
    "B33 8TH"
]
REPR_VALUES = ["plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\tand\nline",
               "\x07\x7f\x85\xa0\u200b\u2028", "é😀", "\U0001d7d8", "\ud83d", "x" * 50, "", "  spaced   out  "]
NUMBERS = [0, 7, 999, 1000, 6001, 123456, 1234567, -5, -1234]
MESSAGE_LINES = ["one line", "two\nlines", "  padded \n\n  lines  ", "a\r\nb\rc", "line\u2028separated\x85too", ""]
LABELLED = [
    "Title: Evaluation\nPublisher: Northbridge Borough Council\nYear: 2023\nPages: 4-19\nWeb address: https://example.org/e.pdf",
    "Title: A\n\nTitle: B\nYear: 2020", "Title: A\nYear: 2020\nYear: 2021", "Publisher: Only a publisher",
    "- Title: Bulleted\n* Year: 1999", "title: lower case\nWEB ADDRESS: www.example.org",
    "Title: A\nnot labelled\nYear: about 2020\nPages: 9-4", "Title:\nYear:", "Title: Café 😀\u3000\nPages: pp. 4–6, 9",
    "Title: x\nPages: 1-3000", "Title: x\nPages: ,", "Title: x\nPages: ٣", "Title: x\nYear: ٢٠٢٣",
    "  Title  :  spaced  \r", "Title: x\u2028y", "Web address: https://a.example\nTitle: after", "no label at all", ""
]
PAGES = ["4", "4-19", "4 - 19", "4\u201319", "pp. 4-6, 9", "p.7", "P 3", "21, 22", "19-4", "", ",", "4,", "1-3000",
         "2000-2001", "0", "1234567", "4 to 19", "iv", "\u0664", " 5 ", "5-5"]
TYPED_SOURCES = [
    [{"title": "Evaluation", "publisher": "Council", "year": "2023", "pages": "4-19", "url": "https://example.org/e.pdf"},
     {"title": "Our own records", "publisher": "", "year": "", "pages": "", "url": ""}, {"title": "  ", "year": " "}],
    [{"title": "Two\nlines  and   spaces", "year": "c. 2020"}], [],
]
PAGE_LISTS = [[21], [21, 22], [4, 5, 6], [10, 14, 17], [6, 4, 5], [4, 4], [3, 1], []]

# --- The patterns ---------------------------------------------------------------------------------------------

# Text every translated pattern is run over, in both languages: where each match starts and ends must agree.
PATTERN_PROBES = [
    "", "a", "x\n- item\n  1. one", "[a](https://e.org \"t\")", "*[X]: y", "  [r]: https://e.org",
    "javascript:x DATA:y", "### Title", "###   Place  ", "a\\*b `c` ![d](e) **f**", "Report (2021), 2022.",
    "https://e.org/a.pdf, then", "943 476 5919", "Mailto:x", "#top", "\n\n \n", "é\u3000😀", "Title: A\n- Year: 2020",
    "pp. 4–6", "Payment by Results (PbR)", "jo@example.org, CV1 5RR", "\x07\u202e\u2028\ufffe", "tab\there",
    "Housing & Health; early_help/prevention",
    # the shapes of the patterns made linear (issue 18): titles after no address, '<>' and '>' addresses, spaces
    "[a](  \"t\")", "[a](<x> 'y')", "[a](> (z))", "[a](<>\t\"q\")", "](\n\n(", "### a \t", "###\t\tb c\t",
    "### \n### x", "Report, 2021 , ", "Report ,2021.  \n", "a@b.c-d.e f@-g.h", "<b>x</b> <y", "x---", "--x--",
]
# Python's \w, \d and \s read by Unicode, translated for JavaScript: checked on every character of the Basic
# Multilingual Plane.
ESCAPES = [r"\w", r"\d", r"\s", r"\W", r"\S", r"\D"]
