"""`python -m macros from-issue FILE`: a submitted case-study issue form, turned into a case study file.

GitHub renders a submitted issue form as Markdown: each field becomes a line
'### <label>', a blank line, then the answer ('_No response_' when left
empty); a dropdown gives the option chosen, a tick box '- [X] <label>'. The
labels and options below are the contract with
.github/ISSUE_TEMPLATE/case-study.yml, and a test checks that the two agree.
Only those headings, in that order, each once, start an answer: a heading typed
inside an answer stays in it (read_body).

Problems with the form itself (an answer missing, a status without a finding,
consent not given) are reported against the issue text, naming the form
field. The case study made from it is then checked by the library's own
validator in a temporary folder, and each problem is reported against the
issue too, naming the form field it came from, in the same run; the file is
written only when there are none, so a bad submission never breaks the next build.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import personal_data, scaffold, source_answer, yamlfile
from .problems import Problem, Problems, one_line
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

# The questions in the order the form asks them (the order GitHub writes the answers in).
FORM_ORDER = ("title", "place", "period", "themes", "summary", "context", "organisations",
              *(f"{kind}-{letter.lower()}" for letter in LETTERS for kind in ("status", "finding")),
              "what_did_not_work", "lessons", "questions", "sources", "contributor", "licence", "consent")
# The form's own id for a question, where it is not the key used here. A link that fills in the form names each
# answer by its id, and GitHub reads ?title= as the issue's title, so the form's title question is case_title.
FORM_IDS = {"title": "case_title"}


def form_id(key: str) -> str:
    return FORM_IDS.get(key, key)


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
CONSENT = (
    "Nobody who uses services can be identified from what I wrote: no names, ages, addresses, family details or "
    "stories only one person could have.",
    "There is no personal data in it: no personal e-mail addresses, phone numbers, postcodes, NHS or National "
    "Insurance numbers.",
    "The organisations named in it have agreed to be named, and I may share it on behalf of my organisation under the "
    "licence chosen above.",
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
                    "Absent, "
                    "Mixed or Emerging for at least one of A to I and say what happened. A precondition that was "
                    "missing "
                    "counts too, for example: E. Trusted partners: Absent"),
    "no_id": ("has no letters or digits to make the case study's id from; "
              "name the work and the place in words, for example: Youth homelessness in Leeds"),
    "id_taken": "gives the id {id}, which {file} already uses. Change the title, for example: {title} (2)",
    "source_line": ("has a line without a label, {line}. Start each line of a source with Title:, Publisher:, Year:, "
                    "Pages: or "
                    "Web address:, for example: Year: 2023"),
    "source_year": "gives the year {value}, which is not a year: write it in four figures, for example: Year: 2023",
    "source_pages": ("gives the pages {value}, which are not page numbers: write numbers, and ranges with a hyphen, "
                     "separated by commas, for example: Pages: 4-19, 23"),
    "heading_twice": ("is written as a heading on lines {lines}, and the form writes each question once, so which line "
                      "starts its answer cannot be told. Edit the issue: remove the '###' from the line typed inside "
                      "an "
                      "answer, for example: {label}"),
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
                "Publisher:, Year:, "
                "Pages: and Web address:. Leave a blank line between two sources."),
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
# Every pattern here reads an issue body, which anyone can write: each takes time in step with the text
# (tests/test_linear_time.py). None lets two repetitions share one run of characters: the label and the
# statement start and end with a character that is not a space, and the year's trailing spaces are read once.
HEADING = re.compile(r"^###[ \t]+([^ \t\n](?:.*[^ \t\n])?)[ \t]*$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
TICK = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(?:(\S(?:.*\S)?)\s*)?$")
URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")
YEAR = re.compile(r"\(([0-9]{4})\)|,\s*([0-9]{4})\s*(?:[,.]\s*)?$")  # ASCII digits: a year is written so


@dataclass
class Answer:
    text: str  # '' when the field was left empty
    # the line the answer starts on (its first line of text, or the line after the heading when there is none)
    line: int
    lines: tuple = ()  # the answer's lines as written, from `line` on

    def line_of(self, needle: str) -> int:
        """The line of the answer that holds `needle` (a detail the checks found), else where the answer starts."""
        return next((self.line + i for i, text in enumerate(self.lines) if needle and needle in text), self.line)


@dataclass
class Draft:
    """A case study read from a form: its fields, and which precondition each evidence entry answers."""

    values: dict = field(default_factory=dict)
    evidence_letters: list = field(default_factory=list)  # the letter of each evidence entry, in order


def sections(body: str) -> dict[str, Answer]:
    """Label -> answer, for each of the form's questions the issue body holds."""
    return read_body(body)[0]


def read_body(body: str) -> tuple[dict[str, Answer], list[tuple[int, str]]]:
    """The answers in an issue body, and the lines that cannot be told to be a question or part of an answer.

    GitHub writes a submitted form as '### <label>', a blank line and the answer, for each question in the
    form's order, each once. So a line starts a question's answer only if it is '### <label>' for one of the
    form's labels, at the start of the line, and it is that question's heading in the reading of the body that
    finds the most questions, in the form's order, each once. Every other line is part of the answer above it:
    '### Title' typed inside a later answer cannot be the title, which comes first; '### C. Systemic issues'
    typed after the question on C cannot be it either. Where two readings find as many questions (a label
    typed inside its own answer, or inside an answer before its question), the body is ambiguous: the lines
    that differ between readings are returned, for read() to report, rather than a guess.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    position = {LABELS[key]: i for i, key in enumerate(FORM_ORDER)}
    candidates = [(number, position[m.group(1)]) for number, m in enumerate(map(HEADING.match, lines)) if m
                  and m.group(1) in position]
    chosen, ambiguous = _one_reading(candidates, len(FORM_ORDER))
    label_at = {number: LABELS[FORM_ORDER[p]] for number, p in chosen}
    found: dict[str, tuple[int, list[str]]] = {}
    current = None
    for number, line in enumerate(lines):
        if number in label_at:
            current = label_at[number]
            found[current] = (number + 1, [])
        elif current:
            found[current][1].append(line)
    out = {}
    for label, (number, answer_lines) in found.items():
        text = "\n".join(answer_lines).strip()
        first = next((i for i, line in enumerate(answer_lines) if line.strip()), 0)
        out[label] = Answer("" if text == NO_RESPONSE else text, number + 1 + first, tuple(answer_lines[first:]))
    return out, [(number + 1, LABELS[FORM_ORDER[p]]) for number, p in ambiguous]


def _one_reading(candidates: list[tuple[int, int]], kinds: int) -> tuple[list, list]:
    """(the candidates of a longest chain whose form positions rise, the candidates on some longest chain but not all).

    `candidates` are (line, position in the form) in line order. Time: candidates x positions, whatever the body.
    """
    forward = _chain_lengths(candidates, kinds)
    backward = _chain_lengths([(n, kinds - 1 - p) for n, p in reversed(candidates)], kinds)[::-1]
    longest = max(forward, default=0)
    at_step: dict[int, list] = {}  # chain step -> the candidates that can take it in some longest chain
    for candidate, ahead, behind in zip(candidates, forward, backward):
        if ahead + behind - 1 == longest:
            at_step.setdefault(ahead, []).append(candidate)
    chosen: list = []  # from the last step back, the latest candidate that goes before the one after it
    for step in sorted(at_step, reverse=True):
        chosen.insert(0,
                      next(c for c in reversed(at_step[step]) if not chosen
                           or (c[0] < chosen[0][0] and c[1] < chosen[0][1])))
    ambiguous = [c for options in at_step.values() if len(options) > 1 for c in options]
    return chosen, sorted(ambiguous)


def _chain_lengths(candidates: list[tuple[int, int]], kinds: int) -> list[int]:
    """For each candidate, the longest chain of rising form positions that ends with it."""
    best = [0] * kinds  # best[p]: the longest chain so far that ends at form position p
    out = []
    for _, p in candidates:
        length = 1 + max(best[:p], default=0)
        best[p] = max(best[p], length)
        out.append(length)
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
    answers, ambiguous = read_body(body)
    problems = Problems()
    draft = Draft()
    for label in dict.fromkeys(label for _, label in ambiguous):
        lines = [str(line) for line, other in ambiguous if other == label]
        for line, other in ambiguous:
            if other == label:
                problems.add(file, line, label, FORM_MESSAGES["heading_twice"].format(
                    lines=", ".join(lines[:-1]) + " and " + lines[-1], label=label))

    def problem(key: str, message: str):
        answer = answers.get(LABELS[key])
        problems.add(file, answer.line if answer else 1, LABELS[key], message)

    for key in REQUIRED:
        answer = answers.get(LABELS[key])
        if answer is None:
            problem(key,
                    "is not in the issue. Was the issue written without the case study form, or its headings changed? "
                    f"Each answer must follow its heading exactly as the form wrote it, for example: ### {LABELS[key]}")
        elif not answer.text:
            problem(key, empty_answer(key))

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
    if text("sources") and source_answer.is_labelled(text("sources")):
        draft.values["sources"], found = source_answer.read(text("sources"))
        for index, key, values in found:
            problems.add(file, answers[LABELS["sources"]].line + index, LABELS["sources"],
                         FORM_MESSAGES[key].format(**values))
    elif text("sources"):  # written one a line, as the form asked before it asked for labels
        draft.values["sources"] = [source(item) for item in items(text("sources"))]
    if text("contributor"):
        draft.values["contributors"] = [" ".join(text("contributor").split())]
    if text("licence"):
        if text("licence") in LICENCE_OPTIONS:
            draft.values["licence"] = LICENCE_OPTIONS[text("licence")]
        else:
            problem("licence", f"{text('licence')!r} is not one of the form's options: {', '.join(LICENCE_OPTIONS)}; "
                               f"for example: {next(iter(LICENCE_OPTIONS))}")
    if text("consent"):
        ticked = {m.group(2) for m in map(TICK.match, text("consent").split("\n")) if m and m.group(1) in "xX"}
        for statement in CONSENT:
            if statement not in ticked:
                problem("consent", FORM_MESSAGES["unticked"].format(statement=statement, start=statement.split(":")[0]))

    evidence = []
    for letter in LETTERS:
        status_key, finding_key = f"status-{letter.lower()}", f"finding-{letter.lower()}"
        chosen, finding = text(status_key) or NOT_SHOWN, text(finding_key)
        if chosen not in STATUS_OPTIONS:
            problem(status_key,
                    f"{chosen!r} is not one of the form's options: {', '.join(STATUS_OPTIONS)}; for example: Present")
            continue
        status = STATUS_OPTIONS[chosen]
        if status and not finding:
            problem(finding_key,
                    FORM_MESSAGES["finding_empty"].format(status_label=LABELS[status_key], chosen=repr(chosen),
                                                          example=example_for("finding")))
        elif finding and not status:
            problem(status_key,
                    FORM_MESSAGES["status_missing"].format(not_shown=repr(NOT_SHOWN), finding_label=LABELS[finding_key],
                                                           letter=letter))
        elif status:
            evidence.append({"precondition": letter, "status": status, "basis": EVIDENCE_BASIS,
                             "finding": paragraphs(finding)})
            draft.evidence_letters.append(letter)
    if not evidence and not any(PRECONDITION_LABEL.match(p.field) for p in problems):
        first = answers.get(LABELS["status-a"])
        problems.add(file, first.line if first else 1, NO_EVIDENCE_FIELD, FORM_MESSAGES["no_evidence"])
    draft.values["evidence"] = evidence
    draft.values["licence"] = draft.values.get("licence", "CC-BY-4.0")
    draft.values["maturity"] = "draft"
    return draft, sorted(problems, key=lambda p: p.line)


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


# --- Writing the case study ----------------------------------------------------------------
#
# The YAML is written by a few plain rules rather than by a YAML library, so the contribution studio
# (docs/assets/javascripts/studio-rules.js) writes exactly the same file from the same answers; a test
# holds the two to the same text. Text is written plain when it starts with a letter and nothing in it
# means something to YAML, in a folded block ('>-', wrapped to read well) when it is long, and otherwise
# double-quoted with escapes. Every way reads back as exactly the text.

ORDER = [f.name for f in fields_of(CaseStudy)]
SHORT_LINE = 80  # longer text goes in a block on the lines below its field name
WRAP = 92
HEADER = (
    "# Written by 'python -m macros from-issue' from a case study issue form.",
    "# It is a draft: an editor checks it against the review criteria (docs/contribute/review.md),",
    "# adds source pages where they help, and then publishes it.",
)
EVIDENCE_NOTES = (
    "  # Add 'pages: [12]' under a finding that comes from particular pages of a source.",
    "  # basis: reported, as the contributor's own account; an editor changes it to editorial if it is a reading.",
)
# What YAML 1.1 reads as true, false or nothing when written plain.
YAML_WORDS = {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
              "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"}
# A character YAML takes as it is: printable, and not a line break, a tab or a byte-order mark.
VISIBLE = r"\x21-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
PRINTABLE = r"\x20" + VISIBLE
PLAIN = re.compile(f"[A-Za-z][{PRINTABLE}]*")
FLOW_PLAIN = re.compile("[A-Za-z][A-Za-z0-9 ]*")  # inside [ ]: words only, as themes are
# A line of a folded block: printable, neither starting nor ending with a space, no two spaces together.
PLAIN_LINE = re.compile(f"[{VISIBLE}]+(?: [{VISIBLE}]+)*")
PRINTABLE_CHAR = re.compile(f"[{PRINTABLE}]")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def to_yaml(draft: Draft, case_id: str, schema_path: str) -> str:
    """The case study as YAML, in schema order, with a few comments for the editor who reviews it.

    Nothing of the issue file's name is written: the output depends on the answers alone.
    """
    values = {"id": case_id, **draft.values}
    out = [f"# yaml-language-server: $schema={schema_path}", *HEADER]
    for name in ORDER:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, list) and not value:
            out.append(f"{name}: []")  # an empty list, not nothing: the checks then say how many it needs
        elif name == "evidence":
            out.append("evidence:")
            out.extend(EVIDENCE_NOTES)
            for entry in value:
                out.append(f"  # {entry['precondition']}. {PRECONDITIONS[entry['precondition']]}")
                out.append(f"  - precondition: {entry['precondition']}")
                out.extend(f"    {key}: {entry[key]}" for key in ("status", "basis") if key in entry)
                if "finding" in entry:
                    out.extend(_field("finding", entry["finding"], "    "))
        elif name == "sources":
            out.append("sources:")
            for entry in value:
                first = True
                for key in ("title", "publisher", "year", "url", "pages"):
                    if key in entry:
                        text = (str(entry[key]) if key == "year" else "[" + ", ".join(map(str, entry[key])) + "]" if key
                                == "pages"
                                else scalar(entry[key]))
                        out.append(f"  {'- ' if first else '  '}{key}: {text}")
                        first = False
        elif isinstance(value, list):
            if name == "themes":
                out.append("themes: [" + ", ".join(scalar(theme, flow=True) for theme in value) + "]")
            else:
                out.append(f"{name}:")
                for item in value:
                    out.extend(_field("-", item, "  "))
        else:
            out.extend(_field(name, value, ""))
    return "\n".join(out) + "\n"


def scalar(value: str, flow: bool = False) -> str:
    """`value` on one line: plain where YAML would read it back unchanged, else double-quoted."""
    plain = ((FLOW_PLAIN if flow else PLAIN).fullmatch(value) and not value.endswith((" ", ":")) and ": " not in value
             and " #" not in value and value not in YAML_WORDS)
    return value if plain else _quoted(value)


def _quoted(value: str) -> str:
    out = []
    for c in value:
        if c in ESCAPES:
            out.append(ESCAPES[c])
        elif PRINTABLE_CHAR.fullmatch(c):
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def _field(name: str, value: str, indent: str) -> list[str]:
    """'name: value', or for a list item '- value', with long text in a folded block below."""
    lead = f"{indent}- " if name == "-" else f"{indent}{name}: "
    block = None if "\n" not in value and len(value) <= SHORT_LINE else _block(value, indent + "  ")
    if block is None:
        return [lead + scalar(value)]
    return [lead + ">-", *block]


def _block(value: str, indent: str) -> list[str] | None:
    """The lines of a folded block ('>-') holding `value`, wrapped at spaces, or None if a folded block cannot hold it
    exactly.

    In a folded block a single line break reads as a space, so each line break in the text becomes a
    blank line. It holds text whose every line starts and ends with a character that is not a space,
    has no two spaces together and nothing but printable characters.
    """
    lines: list[str] = []
    for number, line in enumerate(value.split("\n")):
        if number:
            lines.append("")
        if not line and 0 < number < value.count("\n"):
            continue  # an empty line between two others: the blank lines around it say so
        if not PLAIN_LINE.fullmatch(line):
            return None
        current = indent
        for word in line.split(" "):
            if current != indent and len(current) + 1 + len(word) > WRAP:
                lines.append(current)
                current = indent
            current += word if current == indent else " " + word
        lines.append(current)
    return lines


# --- The command ---------------------------------------------------------------------------

@dataclass
class Result:
    path: Path | None  # the file written, or None if there were problems (then nothing is written)
    problems: list[str]  # one line each: FILE:LINE: FIELD: message, against the issue and its form field


def convert(body: str, issue_name: str, root: Path, folder: Path | None = None, force: bool = False) -> Result:
    """Read the form, check the case study it makes, and write <id>.yaml in `folder` (data/case_studies) only if it is
    valid.

    Every problem is reported in one run: those with the form, and those the validator finds in what could be read
    (an unticked box does not hide an e-mail address in the summary). The validator is not asked about an answer
    the form already has a problem with: it would only say the same again.
    """
    draft, problems = read(body, issue_name)
    answers = sections(body)
    on_the_form = {p.field for p in problems}
    evidence_told = any(PRECONDITION_LABEL.match(field) or field == NO_EVIDENCE_FIELD for field in on_the_form)

    def on_form(key: str, message: str) -> Problem:
        answer = answers.get(LABELS[key])
        return Problem(issue_name, answer.line if answer else 1, LABELS[key], one_line(message))

    title, place = draft.values.get("title"), draft.values.get("place")
    case_id = scaffold.case_study_id(place, title) if title and place else ""
    if title and place and not case_id:
        problems.append(on_form("title", FORM_MESSAGES["no_id"]))
    path = (folder or root / scaffold.FOLDER) / f"{case_id or 'case-study'}.yaml"
    if case_id and path.exists() and not force:
        problems.append(on_form("title", f"gives the id {case_id!r}, but {_display(root, path)} already exists. "
                                         f"Change the title or pass --force to replace the file, for example: {title} "
                                         "(2)"))
    used_by = scaffold.taken_by(root, case_id, path) if case_id else None
    if used_by:
        problems.append(on_form("title", FORM_MESSAGES["id_taken"].format(id=repr(case_id), file=used_by, title=title)))
    schema = os.path.relpath(root / "schema" / "case-study.schema.json", path.parent.resolve()).replace(os.sep, "/")
    text = to_yaml(draft, case_id or "case-study", schema)
    # the validator would only say "the file": name the answer instead
    if len(text.encode("utf-8")) > yamlfile.MAX_BYTES:
        label = max(answers, key=lambda name: len(answers[name].text))
        key = next(k for k, v in LABELS.items() if v == label)
        problems.append(on_form(key,
                                f"is {len(answers[label].text):,} characters long, more than a case study file may "
                                "hold "
                                f"({yamlfile.MAX_BYTES // 1024} KB in all). Shorten it, for example: a few paragraphs, "
                                f"at most {_limit(key):,} characters."))
    else:
        with tempfile.TemporaryDirectory() as temporary:  # checked beside the library's case studies, never among them
            trial = Path(temporary) / path.name
            trial.write_text(text, encoding="utf-8")
            found = scaffold.problems_in(root, trial, replaces=path)
        for problem in found:
            told = _on_form(problem, draft, answers, issue_name)
            if told.field in on_the_form or (evidence_told and problem.field.startswith("evidence")):
                continue
            if not case_id and problem.field in ("id", "(file name)"):
                continue  # the title or place is missing, and the form said so
            problems.append(told)
    if problems:
        return Result(None, [str(p) for p in sorted(problems, key=lambda p: p.line)])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Result(path, [])


# An issue is public from the moment it is sent, and GitHub keeps every earlier version of its text.
ISSUE_HISTORY = ("The issue is public and GitHub keeps each earlier version of it: once the detail is edited out, "
                 "delete "
                 "those versions too. Select 'edited' at the top of the issue, open each earlier version and choose "
                 "'Delete revision from history' (the issue's author and the library's editors can).")


def _on_form(problem: Problem, draft: Draft, answers: dict[str, Answer], issue_name: str) -> Problem:
    """A problem in the case study, told against the form field its value came from, at the line of the answer."""
    match = re.match(r"^evidence\[(\d+)\]", problem.field)
    if match and int(match.group(1)) <= len(draft.evidence_letters):
        key = "finding-" + draft.evidence_letters[int(match.group(1)) - 1].lower()
    else:
        key = FORM_FIELD_OF.get(re.split(r"[.\[]", problem.field)[0], "title")
    answer = answers.get(LABELS[key]) or Answer("", 1)  # a question missing from the issue: the form says so too
    where = f" (in the case study: {problem.field})" if problem.field not in (key, "(file name)") else ""
    line, message = answer.line, problem.message + where
    if personal_data.is_message(problem.message):
        found = (m for text in answer.lines for _, m in personal_data.find(text) if repr(m) in problem.message)
        line = answer.line_of(next(found, ""))
        message += " " + ISSUE_HISTORY
    return Problem(issue_name, line, LABELS[key], one_line(message))


def _limit(key: str) -> int:
    """The most characters the case study field behind a form field may hold."""
    info = schema_field(key)
    if info is None:
        return 2000
    return info.spec.max_length or (info.spec.item.max_length if info.spec.item else None) or 2000


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
