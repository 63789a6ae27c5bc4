"""Records and texts the tests share: a valid case study and the fifty kinds of bad one (each with the file,
line and field it must be named by), a complete case-study issue form, hostile Markdown, and YAML read as an
editor's schema check reads it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import strategies as st

from macros import from_issue, library
from macros.problems import Problem
from tests.support import ROOT

VALID = """\
id: my-place-housing
title: Housing in My Place
place: My Place
themes: [housing]
period: 2020 to 2022
summary: A short summary.
context: Some context.
organisations: [My Council]
evidence:
  - precondition: E
    status: present
    basis: reported
    finding: Partners met every week.
what_did_not_work:
  - One thing failed.
lessons:
  - One lesson.
questions:
  - One question?
sources:
  - title: Our own notes
contributors: [My Council]
licence: CC-BY-4.0
maturity: draft
"""


def replace(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def case_file(tmp_path: Path, text: str | bytes, name: str = "my-place-housing.yaml") -> Path:
    folder = tmp_path / "data" / "case_studies"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems_for(tmp_path: Path, *paths: Path) -> list[Problem]:
    return library.load(tmp_path, list(paths)).problems


# 40 lists inside each other from line 10 on; the 12th level (line 21) is refused before any crash.
NESTED = VALID.split("evidence:")[0] + "evidence:\n" + "".join("  " * i + "-\n" for i in range(1, 40))


# (id, file name, file text, expected line, expected field, words the message must contain)
BAD = [
    ("unclosed-quote", None, replace('title: Housing in My Place', 'title: "Housing in My Place'), 2, "(yaml)",
     "quote"),
    ("tab-indent", None, replace("    status: present", "\tstatus: present"), 11, "(yaml)", "tab"),
    ("broken-indentation", None, replace("    status: present", "      status: present"), 11, "(yaml)",
     "indented differently"),
    ("colon-in-text", None, replace("summary: A short summary.", "summary: Partners said: it worked."), 6, "(yaml)",
     "double quotes"),
    ("list-expected", None, replace("themes: [housing]", "themes: housing"), 4, "themes", "expected a list"),
    ("text-expected", None, replace("title: Housing in My Place", "title: [Housing]"), 2, "title", "expected text"),
    ("mapping-expected", None,
     replace("  - precondition: E\n    status: present\n    basis: reported\n    finding: Partners met every week.\n",
             "  - E is present\n"), 10, "evidence[1]", "expected an evidence entry"),
    ("number-as-text", None, replace("period: 2020 to 2022", "period: 2021"), 5, "period", 'period: "2021"'),
    ("missing-field", None, replace("    finding: Partners met every week.\n", ""), 10, "evidence[1].finding",
     "is missing"),
    ("missing-top-field", None, replace("licence: CC-BY-4.0\n", ""), 1, "licence", "is missing"),
    ("empty-value", None, replace("summary: A short summary.", "summary: \"  \""), 6, "summary", "is empty"),
    ("unknown-precondition", None, replace("precondition: E", "precondition: K"), 10, "evidence[1].precondition",
     "'K' is not a precondition"),
    ("lower-case-precondition", None, replace("precondition: E", "precondition: e"), 10, "evidence[1].precondition",
     "did you mean 'E'"),
    ("misspelt-status", None, replace("status: present", "status: presnt"), 11, "evidence[1].status",
     "did you mean 'present'"),
    ("unknown-status", None, replace("status: present", "status: great"), 11, "evidence[1].status",
     "present, absent, mixed, emerging"),
    ("misspelt-field", None, replace("    finding:", "    finidng:"), 13, "evidence[1].finidng",
     "Did you mean 'finding'"),
    ("unknown-field", None, VALID + "rating: 5\n", 25, "rating", "not a field"),
    ("duplicate-key", None, replace("place: My Place", "title: Again\nplace: My Place"), 3, "title",
     "appears twice (first on line 2)"),
    ("empty-file", None, "", 1, "(file)", "is empty"),
    ("only-comments", None, "# nothing here\n", 1, "(file)", "only comments"),
    ("non-utf8", None, replace("context: Some context.", "context: Caf\xe9 society.").encode("latin-1"), 7,
     "(encoding)", "not UTF-8"),
    ("wrong-file-name", "other-name.yaml", VALID, 1, "id", "rename the file to my-place-housing.yaml"),
    ("spaces-in-file-name", "my place housing.yaml", VALID, 1, "(file name)", "not a valid file name"),
    ("yml-extension", "my-place-housing.yml", VALID, 1, "(file name)", "must end in .yaml"),
    ("alias-bomb", None, 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\n' + VALID, 2, "(yaml)",
     "alias"),
    ("deep-nesting", None, NESTED, 21, "(yaml)", "nested"),
    ("huge-file", None, VALID + "lessons_extra: " + "x" * (1024 * 1024) + "\n", 1, "(file)", "must be under 256 KB"),
    ("two-documents", None, VALID + "---\nid: second\n", 25, "(yaml)", "more than one YAML document"),
    ("list-at-top", None, "- " + VALID.replace("\n", "\n  ").rstrip() + "\n", 1, "(file)", "expected a case study"),
    ("python-tag", None, replace("summary: A short summary.", 'summary: !!python/object/apply:os.system ["echo hi"]'),
     6, "(yaml)", "Tags are not allowed"),
    ("javascript-link", None,
     replace("finding: Partners met every week.", "finding: See [the notes](javascript:alert(1))."), 13,
     "evidence[1].finding", "'javascript:'"),
    ("data-link", None, replace("context: Some context.", "context: See [this](data:text/html,hi)."), 7, "context",
     "'data:'"),
    ("relative-link", None, replace("context: Some context.", "context: See [this](../../mkdocs.yml)."), 7, "context",
     "must be full web addresses"),
    ("image", None, replace("context: Some context.", "context: Look ![chart](https://tracker.example/x.png)"), 7,
     "context", "Images are not allowed"),
    ("email-address", None, replace("summary: A short summary.", "summary: Ask jo.bloggs@example.com for details."), 6,
     "summary", "e-mail address"),
    ("phone-number", None, replace("context: Some context.", "context: Ring 07700 900123 any time."), 7, "context",
     "phone number"),
    ("postcode", None, replace("finding: Partners met every week.", "finding: She lives at CV1 5RR near the station."),
     13, "evidence[1].finding", "postcode"),
    ("ni-number", None, replace("lessons:\n  - One lesson.", "lessons:\n  - Case AB 12 34 56 C was closed."), 17,
     "lessons[1]", "National Insurance"),
    ("nhs-number", None, replace("questions:\n  - One question?", "questions:\n  - Was 943 476 5919 seen again?"), 19,
     "questions[1]", "NHS number"),
    ("bad-date", None, replace("maturity: draft", "maturity: draft\nlast_reviewed: 2026-02-30"), 25, "last_reviewed",
     "not a real date"),
    ("date-format", None, replace("maturity: draft", "maturity: draft\nlast_reviewed: 1/2/2026"), 25, "last_reviewed",
     "YYYY-MM-DD"),
    ("published-without-dates", None, replace("maturity: draft", "maturity: published"), 1, "last_reviewed",
     "needs the date"),
    ("review-order", None,
     replace("maturity: draft", "maturity: draft\nlast_reviewed: 2026-05-01\nnext_review: 2026-04-01"), 26,
     "next_review", "not after last_reviewed"),
    ("no-evidence", None,
     replace("evidence:\n  - precondition: E\n    status: present\n    basis: reported\n    finding: Partners met "
             "every week.\n", "evidence: []\n"), 9, "evidence", "at least 1 item"),
    ("theme-capitals", None, replace("themes: [housing]", "themes: [Housing Policy]"), 4, "themes[1]",
     "lower-case words"),
    ("repeated-theme", None, replace("themes: [housing]", "themes: [housing, housing]"), 4, "themes[2]",
     "repeats item 1"),
    ("licence-typo", None, replace("licence: CC-BY-4.0", "licence: CC-BY-40"), 23, "licence",
     "did you mean 'CC-BY-4.0'"),
    ("too-long", None, replace("finding: Partners met every week.", "finding: " + "word " * 600), 13,
     "evidence[1].finding", "the limit here is 2,000"),
    ("bad-id", "My-Place.yaml", replace("id: my-place-housing", "id: My Place"), 1, "id",
     "lower-case letters, digits and single hyphens"),
    ("placeholder-past-draft", None,
     replace("maturity: draft", "maturity: published\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01",
                    replace("summary: A short summary.",
                            'summary: "REPLACE: the case study in one or two sentences."')),
     6, "summary", "placeholder"),
    ("nul-character", None, replace("context: Some context.", "context: Some\x00context."), 7, "(yaml)",
     "control character #x0000"),
    ("bel-character", None, replace("lessons:\n  - One lesson.", "lessons:\n  - One\x07lesson."), 17, "(yaml)",
     "control character #x0007"),
    ("place-without-latin-letters", None, replace("place: My Place", "place: 東京"), 3, "place", "no Latin letters"),
    ("group-of-another-letter", "preconditions.yaml", None, 5, "[1].group", "A to D are vision"),
    ("page-not-number", None,
     replace("    finding: Partners met every week.", "    finding: Partners met every week.\n    pages: [twenty]"), 14,
     "evidence[1].pages[1]", "expected a whole number"),
]


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as editors' YAML 1.2 language servers do: an unquoted date is text."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_as_editor(text: str):
    return yaml.load(text, Loader=EditorLoader)


# A complete, good submission, exactly as GitHub renders a submitted issue form: every
# field a '### label', a blank line, the answer, and '_No response_' where left empty.
GOOD = """\
### Title

Joining up support for care leavers in Northbridge

### Place

Northbridge

### When the work happened

2021 to 2023

### Themes

Care leavers, housing
early-intervention

### Summary

Six services for young people leaving care agreed one shared outcome and a single assessment. Fewer young people became homeless, but the pooled budget did not survive the second year.

### Context

Northbridge had six separate services for young people leaving care, each with its own funding, targets and assessment. A young person could be assessed four times in a month and still fall between services.
In 2021 the council's leaving care team, the district's housing association and two charities agreed to try working as one service for a year.

### Organisations involved

- Northbridge Borough Council
- Northbridge Homes
- Step Forward (youth charity)

### A. Beneficiary impact

Present

### A. What happened

The partners agreed to judge the year by one measure: how many young people kept a home for twelve months. Each organisation gave up its own targets for the pilot, and the housing association accepted a higher void rate to make that work.

### B. Citizen-centred

Mixed

### B. What happened

Young people helped design the single assessment, and its questions use their words. They had no say in how the pooled budget was spent.

### C. Systemic issues

Not shown

### C. What happened

_No response_

### D. Grounded in place

Not shown

### D. What happened

_No response_

### E. Trusted partners

Present

### E. What happened

Managers met every fortnight and shared their caseloads openly. When one charity missed a deadline, the others covered for it rather than reporting it to the board.

### F. Strengths based

Not shown

### F. What happened

_No response_

### G. Distributed leadership

Not shown

### G. What happened

_No response_

### H. Resilient and risk-embracing

Absent

### H. What happened

When the pooled budget overspent in month nine, the council's finance board withdrew it at once. There was no agreed way to learn from the overspend before deciding.

### I. Able to let go

Not shown

### I. What happened

_No response_

### What did not work

- The pooled budget was cut in the second year and each service went back to its own targets.
- Young people were not involved in decisions about money.

### Lessons for other places

Agree the shared outcome before anyone talks about money.
Decide in advance what happens if a pilot overspends.

### Questions for other places

Who would notice if the shared assessment stopped?

### Sources

Evaluation of the care leavers' partnership, Northbridge Borough Council (2023) https://example.org/care-leavers-evaluation.pdf
Our own records of the programme

### Your organisation

Northbridge Borough Council

### Licence

CC BY-SA 4.0

### Consent and safeguarding

- [X] Nobody who uses services can be identified from what I wrote: no names, ages, addresses, family details or stories only one person could have.
- [X] There is no personal data in it: no personal e-mail addresses, phone numbers, postcodes, NHS or National Insurance numbers.
- [X] The organisations named in it have agreed to be named, and I may share it on behalf of my organisation under the licence chosen above.
"""

HOSTILE = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
    ("&lt;img src=x onerror=alert(1)&gt;", "&amp;lt;img src=x onerror=alert(1)&amp;gt;"),  # entities are text too
    ("{{ 7*7 }}", "{{ 7*7 }}"),
    ("{% include 'mkdocs.yml' %}", "{% include 'mkdocs.yml' %}"),
    ("{{ cycler.__init__.__globals__.os.name }}", "{{ cycler.__init__.__globals__.os.name }}"),
    ('--8<-- "mkdocs.yml"', '--8&lt;-- "mkdocs.yml"'),
    ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
    ("[click](JaVaScRiPt:x)", "click"),
    ("![tracker](https://tracker.example/pixel.png)", "tracker"),
    ('[x](https://example.org/ "<img src=x onerror=alert(1)>")',
     '[x](https://example.org/ "&lt;img src=x onerror=alert(1)&gt;")'),
    ("[x][r]\n\n[r]: https://example.org/ \"<b>t</b>\"", "[r]: https://example.org/ \"&lt;b&gt;t&lt;/b&gt;\""),
    ("PILOT\n\n*[PILOT]: <img src=x onerror=alert(1)>", "]: &lt;img src=x onerror=alert(1)&gt;</p>"),
    ("Text\n{: onclick=\"alert(1)\" }", '{: onclick="alert(1)" }'),
    ("# Not a heading", "<p># Not a heading</p>"),
    ("<div markdown=\"1\">*x*</div>", "&lt;div markdown=\"1\"&gt;<em>x</em>&lt;/div&gt;"),
    ('[x](https://example.org/"onmouseover="alert)',
     '<a href="https://example.org/&quot;onmouseover=&quot;alert">x</a>'),
]


GOOD_ID = "northbridge-joining-up-support-for-care-leavers"


def answer(body: str, label: str, new: str) -> str:
    """`body` with the answer under '### label' replaced by `new`."""
    pattern = re.compile(rf"(^### {re.escape(label)}\n\n)(.*?)(?=\n\n### |\Z)", re.MULTILINE | re.DOTALL)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m.group(1) + new, body, count=1)


# What the renderer writes (macros/safe_markdown.py); everything else must be what the library's own pages hold.
RENDERER = {("p", ()), ("ul", ()), ("ol", ("start",)), ("li", ()), ("em", ()), ("strong", ()), ("code", ()),
            ("a", ("href",)),
            ("abbr", ("title",))}


# Syntax of every parser that once read contributed text, the library's own placeholders, and characters
# that made one of them give up (the front-matter breaker of issue 18 is the first two together).
SYNTAX = st.sampled_from([
    "{tabindex=0 autofocus onfocus=alert(1)}", "\x80", "*there*", "**", "`", "[x](javascript:alert(1))",
    "[x](https://e.org/ 't')",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&lt;", "&#x3c;", "{{ 7*7 }}", "{% raw %}", "{#",
    "---\n",
    "title: x\n", "\n", "\n\n", "- ", "1. ", "# ", "## x {#evidence}", "\t", "\r\n", "\x00", "\u2028", "\u202e",
    "\u2066",
    "\ufeff", "\ufffe", "\U0010ffff", "\ud800", "\u0301", "<!--", "-->", "<!--library:e30-->",
    "<!--library-heading:0-->",
    "*[PILOT]: x", "[r]: https://e.org", "--8<-- \"mkdocs.yml\"", ">", "|", "\\", "'", '"', "\u00a0", "\u3000",
])


ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates too


TEXT = st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=6), SYNTAX, st.text("abc ", min_size=1, max_size=8)),
                min_size=1, max_size=10).map("".join)


def line_of(body: str, label: str) -> int:
    """The line the answer under '### label' starts on: messages point at the answer, not its heading."""
    lines = body.splitlines()
    heading = lines.index(f"### {label}")
    return next(i for i in range(heading + 1, len(lines)) if lines[i].strip()) + 1


def convert(tmp_path: Path, body: str, name: str = "issue-42.md"):
    """Run the parser on `body`, writing into tmp_path; the library's own case studies are checked beside it."""
    return from_issue.convert(body, name, ROOT, tmp_path)
