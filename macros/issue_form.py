"""The case-study issue form: its questions, options and messages, and the issue GitHub writes of its answers.

GitHub renders a submitted issue form as Markdown: each field becomes a line
'### <label>', a blank line, then the answer ('_No response_' when left
empty); a dropdown gives the option chosen, a tick box '- [X] <label>'. The
labels and options below are the contract with
.github/ISSUE_TEMPLATE/case-study.yml, and a test checks that the two agree.
form_reader.py reads a submitted form back into a case study; `python -m
macros from-issue` (from_issue.py) checks it and writes its file.
"""

from __future__ import annotations

import re

from .schema import LETTERS, SHORT_TITLES, CaseStudy, Evidence
from .spec import fields_of

NO_RESPONSE = "_No response_"

# Form field id -> label. The ids are those of the YAML form; the labels are what the parser reads.
LABELS = {
    "title": "Title",
    "place": "Place",
    "period": "When the work happened",
    "themes": "Themes",
    "summary": "Summary",
    "context": "Context",
    "organisations": "Organisations involved",
    "what_did_not_work": "What did not work",
    "lessons": "Lessons for other places",
    "questions": "Questions for other places",
    "sources": "Sources",
    "contributor": "Your organisation",
    "licence": "Licence",
    "consent": "Consent and safeguarding",
}

for _letter in LETTERS:
    LABELS[f"status-{_letter.lower()}"] = f"{_letter}. {SHORT_TITLES[_letter]}"
    LABELS[f"finding-{_letter.lower()}"] = f"{_letter}. What happened"

# The questions in the order the form asks them (the order GitHub writes the answers in).
FORM_ORDER = ("title", "place", "period", "themes", "summary", "context", "organisations",
              *(f"{kind}-{letter.lower()}" for letter in LETTERS for kind in ("status", "finding")),
              "what_did_not_work", "lessons", "questions", "sources", "contributor", "licence", "consent")
# The form's own id for a question, where it is not the key used here. A link that fills in the form names each
# answer by its id, and GitHub reads ?title= as the issue's title, so the form's title question is case_title.
FORM_IDS = {"title": "case_title"}


def form_id(key: str) -> str:
    return FORM_IDS.get(key, key)


TEMPLATE = "case-study.yml"  # the form, in .github/ISSUE_TEMPLATE/
ISSUE_TITLE = "Case study: "  # what the form's title starts as (its `title:`), before the case study's own
NOT_SHOWN = "Not shown"
# The basis of a finding sent on the form: the contributor's own account. An editor makes it editorial on review
# where it is a reading of a source rather than what happened.
EVIDENCE_BASIS = "reported"
STATUS_OPTIONS = {NOT_SHOWN: None, "Present": "present", "Absent": "absent", "Mixed": "mixed", "Emerging": "emerging"}
LICENCE_OPTIONS = {
    "CC BY 4.0 (recommended)": "CC-BY-4.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "CC0 1.0": "CC0-1.0",
}
DEFAULT_LICENCE = next(iter(LICENCE_OPTIONS.values()))  # the recommended one, first on the form
MATURITY = "draft"  # where a case study sent on the form starts: an editor publishes it
CONSENT = (
    "Nobody who uses services can be identified from what I wrote: no names, ages, addresses, family details or "
    "stories only one person could have.",
    "There is no personal data in it: no personal e-mail addresses, phone numbers, postcodes, NHS or National "
    "Insurance numbers.",
    "The organisations named in it have agreed to be named, and I may share it on behalf of my organisation under the "
    "licence chosen above."
)

# What from-issue says about the form itself, as templates: the contribution studio says the same.
FORM_MESSAGES = {
    "empty": "is empty: add {help}.{example}",
    "unticked": ("'{statement}' is not ticked. A case study can only be added when all three statements are true, "
                 "for example: - [X] {start}: ... See 'Consent, safeguarding and anonymity' in CONTRIBUTING.md."),
    "finding_empty": ("is empty, but {status_label} is marked {chosen}. Say what happened that shows it, "
                      "in two to five sentences.{example}"),
    "status_missing": ("is {not_shown}, but {finding_label} has an answer. Choose Present, Absent, Mixed or Emerging, "
                       "or delete the answer if this case study says nothing about {letter}; for example: Present"),
    "no_evidence": ("none has a status, so the case study shows nothing about the preconditions. Choose Present, "
                    "Absent, Mixed or Emerging for at least one of A to I and say what happened. A precondition that "
                    "was missing counts too, for example: E. Trusted partners: Absent"),
    "no_id": ("has no letters or digits to make the case study's id from; "
              "name the work and the place in words, for example: Youth homelessness in Leeds"),
    "id_taken": "gives the id {id}, which {file} already uses. Change the title, for example: {title} (2)",
    "source_line": ("has a line without a label, {line}. Start each line of a source with Title:, Publisher:, Year:, "
                    "Pages: or Web address:, for example: Year: 2023"),
    "source_year": "gives the year {value}, which is not a year: write it in four figures, for example: Year: 2023",
    "source_pages": ("gives the pages {value}, which are not page numbers: write numbers, and ranges with a hyphen, "
                     "separated by commas, for example: Pages: 4-19, 23"),
    "heading_twice": ("is written as a heading on lines {lines}, and the form writes each question once, so which line "
                      "starts its answer cannot be told. Edit the issue: remove the '###' from the line typed inside "
                      "an answer, for example: {label}"),
}

# How an answer is written where from-issue reads it in a particular way. The form's descriptions say so
# (a test checks), and so do the studio's hints.
ANSWER_FORMAT = {
    "themes": "Put each on its own line or separate them with commas.",
    "organisations": "One per line.",
    "what_did_not_work": "One per line.",
    "lessons": "One per line.",
    "questions": "One per line.",
    "sources": ("Write each source on lines of its own, each line starting with its label: Title:, then any of "
                "Publisher:, Year:, Pages: and Web address:. Leave a blank line between two sources."),
}

# Answers written as one item per line, and the case study field each fills.
LIST_FIELDS = ("organisations", "what_did_not_work", "lessons", "questions")
TEXT_FIELDS = ("title", "place", "period", "summary", "context")
REQUIRED = (*TEXT_FIELDS, "themes", *LIST_FIELDS, "sources", "contributor", "licence", "consent")
# The form field to name when the validator finds a problem in a case study field.
FORM_FIELD_OF = {**{name: name for name in (*TEXT_FIELDS, "themes", *LIST_FIELDS, "sources")},
                 "contributors": "contributor", "licence": "licence", "id": "title", "(file name)": "title"}

PRECONDITION_LABEL = re.compile(r"^[A-I]\. ")
NO_EVIDENCE_FIELD = "Preconditions A to I"


# Answers to quote where the schema's own example is not what the form asks for.
FORM_EXAMPLES = {
    "sources": "Title: Evaluation of Ignite, then Year: 2016 on the next line",
    "licence": next(iter(LICENCE_OPTIONS)),
    "consent": f"- [X] {CONSENT[0].split(':')[0]}: ...",
}


def schema_field(key: str):
    """The case-study field behind a form field ('finding' and 'finding-e' are an evidence entry's), or None."""
    if key == "finding" or key.startswith("finding-"):
        cls, name = Evidence, "finding"
    else:
        cls, name = CaseStudy, {"contributor": "contributors"}.get(key, key)
    return next((f for f in fields_of(cls) if f.name == name), None)


def empty_answer(key: str) -> str:
    """What from-issue says when a required answer is empty."""
    return FORM_MESSAGES["empty"].format(help=help_for(key), example=example_for(key))


def help_for(key: str) -> str:
    if key == "consent":
        return "a tick in each box"
    return schema_field(key).spec.help


def example_for(key: str) -> str:
    if key in FORM_EXAMPLES:
        return f" For example: {FORM_EXAMPLES[key]}"
    info = schema_field(key)
    if info is None or info.spec.example is None:
        return ""
    example = info.spec.example
    if isinstance(example, list):
        example = "; ".join(map(str, example))
    return f" For example: {example}"


# --- The issue the studio writes -----------------------------------------------------------------
#
# The contribution studio holds the form's answers as its controls do (consent as a tick a statement, the licence
# and each status as the option chosen), and writes the issue GitHub would for them; from-issue reads that issue.
# These two are the twins of the studio's own (studio-form-reader.js: answerText and issueBody): the twins' corpus
# holds the studio's reading of its answers to from-issue's reading of this issue (macros/twins.py).

def answer_text(answers: dict, key: str) -> str:
    """The text GitHub writes under a question's heading for the answer the studio holds."""
    raw = answers.get(key)
    if key == "consent":
        return "\n".join(f"- [{'X' if raw and i < len(raw) and raw[i] else ' '}] {s}" for i, s in enumerate(CONSENT))
    if key == "licence":
        return raw or next(iter(LICENCE_OPTIONS))
    if key.startswith("status-"):
        return raw or NOT_SHOWN
    return raw.replace("\r\n", "\n").replace("\r", "\n") if isinstance(raw, str) else ""


def issue_body(answers: dict) -> str:
    """The issue's text as GitHub writes a submitted form: each question a heading, then its answer."""
    parts = []
    for key in FORM_ORDER:
        text = answer_text(answers, key)
        parts.append(f"### {LABELS[key]}\n\n{text if text.strip() else NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"
