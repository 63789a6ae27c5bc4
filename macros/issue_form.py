"""`python -m macros from-issue FILE`: a submitted case-study issue form, turned into a case study file.

GitHub renders a submitted issue form as Markdown: each field becomes a line
'### <label>', a blank line, then the answer ('_No response_' when left
empty); a dropdown gives the option chosen, a tick box '- [X] <label>'. The
labels and options below are the contract with
.github/ISSUE_TEMPLATE/case-study.yml, and a test checks that the two agree.

Problems with the form itself (an answer missing, a status without a finding,
consent not given) are reported against the issue text, naming the form
field. The case study written from it is then checked by the library's own
validator, and each problem is reported against the new file, with the form
field it came from.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import scaffold
from .problems import Problem, Problems
from .schema import LETTERS, CaseStudy, Evidence
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

# Short titles as in data/preconditions.yaml (a test checks they still agree).
PRECONDITIONS = {
    "A": "Beneficiary impact",
    "B": "Citizen-centred",
    "C": "Systemic issues",
    "D": "Grounded in place",
    "E": "Trusted partners",
    "F": "Strengths based",
    "G": "Distributed leadership",
    "H": "Resilient and risk-embracing",
    "I": "Able to let go",
}
for _letter in LETTERS:
    LABELS[f"status-{_letter.lower()}"] = f"{_letter}. {PRECONDITIONS[_letter]}"
    LABELS[f"finding-{_letter.lower()}"] = f"{_letter}. What happened"

NOT_SHOWN = "Not shown"
STATUS_OPTIONS = {NOT_SHOWN: None, "Present": "present", "Absent": "absent", "Mixed": "mixed", "Emerging": "emerging"}
LICENCE_OPTIONS = {
    "CC BY 4.0 (recommended)": "CC-BY-4.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "CC0 1.0": "CC0-1.0",
}
CONSENT = (
    "Nobody who uses services can be identified from what I wrote: no names, ages, addresses, family details or stories only one person could have.",
    "There is no personal data in it: no personal e-mail addresses, phone numbers, postcodes, NHS or National Insurance numbers.",
    "The organisations named in it have agreed to be named, and I may share it on behalf of my organisation under the licence chosen above.",
)

# Answers written as one item per line, and the case study field each fills.
LIST_FIELDS = ("organisations", "what_did_not_work", "lessons", "questions")
TEXT_FIELDS = ("title", "place", "period", "summary", "context")
REQUIRED = (*TEXT_FIELDS, "themes", *LIST_FIELDS, "sources", "contributor", "licence", "consent")
# The form field to name when the validator finds a problem in a case study field.
FORM_FIELD_OF = {**{name: name for name in (*TEXT_FIELDS, "themes", *LIST_FIELDS, "sources")},
                 "contributors": "contributor", "licence": "licence", "id": "title"}

PRECONDITION_LABEL = re.compile(r"^[A-I]\. ")
HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
TICK = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*?)\s*$")
URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")
YEAR = re.compile(r"\((\d{4})\)|,\s*(\d{4})\s*[,.]?\s*$")


@dataclass
class Answer:
    text: str  # '' when the field was left empty
    line: int  # the line of its '### label' heading in the issue


@dataclass
class Draft:
    """A case study read from a form: its fields, and which precondition each evidence entry answers."""

    values: dict = field(default_factory=dict)
    evidence_letters: list = field(default_factory=list)  # the letter of each evidence entry, in order


def sections(body: str) -> dict[str, Answer]:
    """Label -> answer, for every known label in the issue body.

    Only the form's own labels start a section, so a '### heading' typed into
    an answer stays part of that answer.
    """
    known = set(LABELS.values())
    found: dict[str, tuple[int, list[str]]] = {}
    current = None
    for number, line in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        match = HEADING.match(line)
        if match and match.group(1) in known:
            current = match.group(1)
            found[current] = (number, [])
        elif current:
            found[current][1].append(line)
    out = {}
    for label, (number, lines) in found.items():
        text = "\n".join(lines).strip()
        out[label] = Answer("" if text == NO_RESPONSE else text, number)
    return out


def items(text: str) -> list[str]:
    """The items of a 'one per line' answer. Bulleted lists may wrap onto further lines."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    bulleted = any(BULLET.match(line) for line in lines if line.strip())
    for line in lines:
        if not line.strip():
            continue
        if not bulleted:
            out.append(line.strip())
        elif BULLET.match(line) or not out:
            out.append(BULLET.sub("", line).strip())
        else:
            out[-1] += " " + line.strip()
    return [item for item in out if item]


def paragraphs(text: str) -> str:
    """Text as GitHub showed it: there a single line break starts a new line, in Markdown it does not.

    Each line becomes its own paragraph, except the lines of a bulleted list, which stay together.
    """
    out: list[str] = []
    for line in (line.rstrip() for line in text.split("\n")):
        if not line.strip():
            continue
        if out and BULLET.match(line) and BULLET.match(out[-1].rsplit("\n", 1)[-1]):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return "\n\n".join(out)


def source(item: str) -> dict:
    """'Evaluation of Ignite, Grapevine (2016) https://example.org/x.pdf' -> title, year and url."""
    entry: dict = {}
    url = URL.search(item)
    if url:
        entry["url"] = url.group()
        item = (item[: url.start()] + item[url.end():]).strip()
    year = YEAR.search(item)
    if year:
        entry["year"] = int(year.group(1) or year.group(2))
        item = (item[: year.start()] + item[year.end():]).strip()
    title = item.strip(" ,;:-–—").strip()
    return {"title": title or entry.get("url", ""), **entry}


def read(body: str, file: str) -> tuple[Draft, list[Problem]]:
    """The case study the form describes, and every problem with the form, all at once."""
    answers = sections(body)
    problems = Problems()
    draft = Draft()

    def problem(key: str, message: str):
        answer = answers.get(LABELS[key])
        problems.add(file, answer.line if answer else 1, LABELS[key], message)

    for key in REQUIRED:
        answer = answers.get(LABELS[key])
        if answer is None:
            problem(key, "is not in the issue. Was the issue written without the case study form, or its headings changed? "
                         f"Each answer must follow its heading exactly as the form wrote it: ### {LABELS[key]}")
        elif not answer.text:
            problem(key, f"is empty: add {_help(key)}.{_example(key)}")

    def text(key: str) -> str:
        answer = answers.get(LABELS[key])
        return answer.text if answer else ""

    for key in TEXT_FIELDS:
        if text(key):
            draft.values[key] = paragraphs(text(key)) if key == "context" else " ".join(text(key).split())
    if text("themes"):
        draft.values["themes"] = scaffold.split_themes(text("themes"))
    for key in LIST_FIELDS:
        if text(key):
            draft.values[key] = items(text(key))
    if text("sources"):
        draft.values["sources"] = [source(item) for item in items(text("sources"))]
    if text("contributor"):
        draft.values["contributors"] = [" ".join(text("contributor").split())]
    if text("licence"):
        if text("licence") in LICENCE_OPTIONS:
            draft.values["licence"] = LICENCE_OPTIONS[text("licence")]
        else:
            problem("licence", f"{text('licence')!r} is not one of the form's options: {', '.join(LICENCE_OPTIONS)}.")
    if text("consent"):
        ticked = {m.group(2) for m in map(TICK.match, text("consent").split("\n")) if m and m.group(1) in "xX"}
        for statement in CONSENT:
            if statement not in ticked:
                problem("consent", f"'{statement}' is not ticked. A case study can only be added when all three statements are true. "
                                   "See 'Consent, safeguarding and anonymity' in CONTRIBUTING.md.")

    evidence = []
    for letter in LETTERS:
        status_key, finding_key = f"status-{letter.lower()}", f"finding-{letter.lower()}"
        chosen, finding = text(status_key) or NOT_SHOWN, text(finding_key)
        if chosen not in STATUS_OPTIONS:
            problem(status_key, f"{chosen!r} is not one of the form's options: {', '.join(STATUS_OPTIONS)}.")
            continue
        status = STATUS_OPTIONS[chosen]
        if status and not finding:
            problem(finding_key, f"is empty, but {LABELS[status_key]} is marked {chosen!r}. Say what happened that shows it, "
                                 f"in two to five sentences.{_example('finding')}")
        elif finding and not status:
            problem(status_key, f"is {NOT_SHOWN!r}, but {LABELS[finding_key]} has an answer. Choose Present, Absent, Mixed or "
                                f"Emerging, or delete the answer if this case study says nothing about {letter}.")
        elif status:
            evidence.append({"precondition": letter, "status": status, "finding": paragraphs(finding)})
            draft.evidence_letters.append(letter)
    if not evidence and not any(PRECONDITION_LABEL.match(p.field) for p in problems):
        first = answers.get(LABELS["status-a"])
        problems.add(file, first.line if first else 1, "Preconditions A to I",
                     "none has a status, so the case study shows nothing about the preconditions. Choose Present, Absent, "
                     "Mixed or Emerging for at least one of A to I and say what happened. A precondition that was missing "
                     "counts too.")
    draft.values["evidence"] = evidence
    draft.values["licence"] = draft.values.get("licence", "CC-BY-4.0")
    draft.values["maturity"] = "draft"
    return draft, sorted(problems, key=lambda p: p.line)


def _help(key: str) -> str:
    name = {"contributor": "contributors", "consent": None}.get(key, key)
    if name is None:
        return "a tick in each box"
    info = next(f for f in fields_of(CaseStudy) if f.name == name)
    return info.spec.help


def _example(key: str) -> str:
    cls = Evidence if key == "finding" else CaseStudy
    name = {"contributor": "contributors"}.get(key, key)
    info = next((f for f in fields_of(cls) if f.name == name), None)
    if info is None or info.spec.example is None:
        return ""
    example = info.spec.example
    if isinstance(example, list):
        example = "; ".join(map(str, example))
    return f" For example: {example}"


# --- Writing the case study ----------------------------------------------------------------

ORDER = [f.name for f in fields_of(CaseStudy)]
SHORT_LINE = 80  # longer text goes in a block on the lines below its field name
WRAP = 92


def to_yaml(draft: Draft, case_id: str, schema_path: str, issue_name: str) -> str:
    """The case study as YAML, in schema order, with a few comments for the editor who reviews it."""
    values = {"id": case_id, **draft.values}
    out = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# Written by 'python -m macros from-issue' from {issue_name}, a case study issue form.",
        "# It is a draft: an editor checks it against the review criteria (docs/contribute/review.md),",
        "# adds source pages where they help, and then publishes it.",
    ]
    for name in ORDER:
        if name not in values:
            continue
        value = values[name]
        if name == "evidence":
            out.append("evidence:")
            out.append("  # Add 'pages: [12]' under a finding that comes from particular pages of a source.")
            for entry in value:
                out.append(f"  # {entry['precondition']}. {PRECONDITIONS[entry['precondition']]}")
                out.append(f"  - precondition: {entry['precondition']}")
                out.append(f"    status: {entry['status']}")
                out.extend(_field("finding", entry["finding"], "    "))
        elif name == "sources":
            out.append("sources:")
            for entry in value:
                first = True
                for key in ("title", "publisher", "year", "url"):
                    if key in entry:
                        text = str(entry[key]) if key == "year" else scaffold.quote(entry[key])
                        out.append(f"  {'- ' if first else '  '}{key}: {text}")
                        first = False
        elif isinstance(value, list):
            if name == "themes":
                out.append(f"themes: {scaffold.flow_list(value)}")
            else:
                out.append(f"{name}:")
                for item in value:
                    out.extend(_item(item, "  "))
        else:
            out.extend(_field(name, value, ""))
    return "\n".join(out) + "\n"


def _field(name: str, value: str, indent: str) -> list[str]:
    block = None if "\n" not in value and len(value) <= SHORT_LINE else _block(value, indent + "  ")
    if block is None:
        return [f"{indent}{name}: {_one_line(value)}"]
    return [f"{indent}{name}: >-", *block]


def _item(value: str, indent: str) -> list[str]:
    block = None if "\n" not in value and len(value) <= SHORT_LINE else _block(value, indent + "  ")
    if block is None:
        return [f"{indent}- {_one_line(value)}"]
    return [f"{indent}- >-", *block]


def _block(value: str, indent: str) -> list[str] | None:
    """The lines of a folded block ('>-') holding `value`, wrapped to read well, as the library's own files are.

    In a folded block a single line break reads as a space, so each line break
    in the text becomes a blank line. Returns None for text a folded block
    cannot hold exactly (leading or trailing spaces, control characters).
    """
    lines: list[str] = []
    for number, line in enumerate(value.split("\n")):
        if number:
            lines.append("")
        if line:
            lines.extend(textwrap.wrap(line, width=WRAP, initial_indent=indent, subsequent_indent=indent,
                                       break_long_words=False, break_on_hyphens=False))
    try:
        exact = yaml.safe_load("x: >-\n" + "\n".join(lines)) == {"x": value}
    except yaml.YAMLError:
        exact = False
    return lines if exact else None


def _one_line(value: str) -> str:
    return scaffold.quote(value) if "\n" not in value else _double_quoted(value)


def _double_quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


# --- The command ---------------------------------------------------------------------------

@dataclass
class Result:
    path: Path | None  # the file written, or None if the form had problems
    problems: list[str]  # one line each: FILE:LINE: FIELD: message


def convert(body: str, issue_name: str, root: Path, folder: Path | None = None, force: bool = False) -> Result:
    """Read the form, write <id>.yaml in `folder` (data/case_studies), check it, and name the form field behind each problem."""
    draft, form_problems = read(body, issue_name)
    if form_problems:
        return Result(None, [str(p) for p in form_problems])
    case_id = scaffold.case_study_id(draft.values["place"], draft.values["title"])
    title_at = f"{issue_name}:{sections(body)[LABELS['title']].line}: {LABELS['title']}:"
    if not case_id:
        return Result(None, [f"{title_at} has no letters or digits to make the case study's id from; "
                             "name the work and the place in words, for example: Youth homelessness in Leeds"])
    path = (folder or root / scaffold.FOLDER) / f"{case_id}.yaml"
    if path.exists() and not force:
        return Result(None, [f"{title_at} gives the id {case_id!r}, but {_display(root, path)} already exists. "
                             "Change the title, or pass --force to replace the file."])
    schema = os.path.relpath(root / "schema" / "case-study.schema.json", path.parent.resolve()).replace(os.sep, "/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_yaml(draft, case_id, schema, Path(issue_name).name), encoding="utf-8")
    lines = [f"{p}{_from_form(p.field, draft)}" for p in scaffold.problems_in(root, path)]
    return Result(path, lines)


def _from_form(field_path: str, draft: Draft) -> str:
    match = re.match(r"^evidence\[(\d+)\]", field_path)
    if match:
        index = int(match.group(1)) - 1
        if index < len(draft.evidence_letters):
            return f" (form field: {LABELS['finding-' + draft.evidence_letters[index].lower()]})"
        return ""
    key = FORM_FIELD_OF.get(re.split(r"[.\[]", field_path)[0])
    return f" (form field: {LABELS[key]})" if key else ""


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
