"""A submitted case-study issue form read back into a case study (issue_form.py is the form).

Only the form's own headings, in the form's order, each once, start an answer: a heading typed inside an
answer stays in it (read_body). `read` makes the case study the answers describe and finds every problem
with the form itself (an answer missing, a status without a finding, consent not given), naming the form
field; `python -m macros from-issue` (from_issue.py) then checks that case study with the library's own
validator, in the same run, and writes it (case_yaml.py). The contribution studio reads its answers the
same way (studio-form-reader.js), and the twins' corpus holds the two together (macros/twins.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import scaffold, source_answer
from .issue_form import (
    CONSENT,
    DEFAULT_LICENCE,
    EVIDENCE_BASIS,
    FORM_MESSAGES,
    FORM_ORDER,
    LABELS,
    LICENCE_OPTIONS,
    LIST_FIELDS,
    MATURITY,
    NO_EVIDENCE_FIELD,
    NO_RESPONSE,
    NOT_SHOWN,
    PRECONDITION_LABEL,
    REQUIRED,
    STATUS_OPTIONS,
    TEXT_FIELDS,
    empty_answer,
    example_for,
)
from .problems import Problem, Problems
from .schema import LETTERS

# Every pattern here reads an issue body, which anyone can write: each takes time in step with the text
# (tests/test_linear_time.py). None lets two repetitions share one run of characters: the label and the
# statement start and end with a character that is not a space, and the year's trailing spaces are read once.
HEADING = re.compile(r"^###[ \t]+([^ \t\n](?:.*[^ \t\n])?)[ \t]*$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
TICK = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(?:(\S(?:.*\S)?)\s*)?$")
URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")
YEAR = re.compile(r"\(([0-9]{4})\)|,\s*([0-9]{4})\s*(?:[,.]\s*)?$")  # ASCII digits: a year is written so
# What a source written on one line loses at either end, once its address and year are out of it.
SOURCE_TRIM = " ,;:-–—"


@dataclass
class Answer:
    text: str  # '' when the field was left empty
    line: int  # the line the answer starts on: its first line of text, or the line after the heading when there is none
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
    candidates = [(number, position[m.group(1)]) for number, m in enumerate(map(HEADING.match, lines))
                  if m and m.group(1) in position]
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
        chosen.insert(0, next(c for c in reversed(at_step[step])
                              if not chosen or (c[0] < chosen[0][0] and c[1] < chosen[0][1])))
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
    title = item.strip(SOURCE_TRIM).strip()
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
            problem(key, "is not in the issue. Was the issue written without the case study form, or its headings "
                         "changed? Each answer must follow its heading exactly as the form wrote it, for example: "
                         f"### {LABELS[key]}")
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
            problem(status_key, f"{chosen!r} is not one of the form's options: {', '.join(STATUS_OPTIONS)}; "
                                "for example: Present")
            continue
        status = STATUS_OPTIONS[chosen]
        if status and not finding:
            problem(finding_key, FORM_MESSAGES["finding_empty"].format(
                status_label=LABELS[status_key], chosen=repr(chosen), example=example_for("finding")))
        elif finding and not status:
            problem(status_key, FORM_MESSAGES["status_missing"].format(
                not_shown=repr(NOT_SHOWN), finding_label=LABELS[finding_key], letter=letter))
        elif status:
            evidence.append({"precondition": letter, "status": status, "basis": EVIDENCE_BASIS,
                             "finding": paragraphs(finding)})
            draft.evidence_letters.append(letter)
    if not evidence and not any(PRECONDITION_LABEL.match(p.field) for p in problems):
        first = answers.get(LABELS["status-a"])
        problems.add(file, first.line if first else 1, NO_EVIDENCE_FIELD, FORM_MESSAGES["no_evidence"])
    draft.values["evidence"] = evidence
    draft.values["licence"] = draft.values.get("licence", DEFAULT_LICENCE)
    draft.values["maturity"] = MATURITY
    return draft, sorted(problems, key=lambda p: p.line)
