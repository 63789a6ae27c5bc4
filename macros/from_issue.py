"""`python -m macros from-issue FILE`: a submitted case-study issue form, turned into a case study file.

The form is read by form_reader.py, which reports every problem with the form itself (an answer missing, a
status without a finding, consent not given) against the issue text, naming the form field. The case study
made from it is then checked by the library's own validator in a temporary folder, and each problem is
reported against the issue too, naming the form field it came from, in the same run; the file (case_yaml.py)
is written only when there are none, so a bad submission never breaks the next build.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import case_yaml, form_reader, issue_form, personal_data, scaffold, yamlfile
from .problems import Problem, one_line
from .schema import PARAGRAPH


@dataclass
class Result:
    path: Path | None  # the file written, or None if there were problems (then nothing is written)
    problems: list[str]  # one line each: FILE:LINE: FIELD: message, against the issue and its form field


def convert(body: str, issue_name: str, root: Path, folder: Path | None = None, force: bool = False) -> Result:
    """Read the form, check the case study it makes, and write <id>.yaml in `folder` (data/case_studies) only if it
    is valid.

    Every problem is reported in one run: those with the form, and those the validator finds in what could be read
    (an unticked box does not hide an e-mail address in the summary). The validator is not asked about an answer
    the form already has a problem with: it would only say the same again.
    """
    draft, problems = form_reader.read(body, issue_name)
    answers = form_reader.sections(body)
    on_the_form = {p.field for p in problems}
    evidence_told = any(issue_form.PRECONDITION_LABEL.match(field) or field == issue_form.NO_EVIDENCE_FIELD
                        for field in on_the_form)

    def on_form(key: str, message: str) -> Problem:
        answer = answers.get(issue_form.LABELS[key])
        return Problem(issue_name, answer.line if answer else 1, issue_form.LABELS[key], one_line(message))

    title, place = draft.values.get("title"), draft.values.get("place")
    case_id = scaffold.case_study_id(place, title) if title and place else ""
    if title and place and not case_id:
        problems.append(on_form("title", issue_form.FORM_MESSAGES["no_id"]))
    path = (folder or root / scaffold.FOLDER) / f"{case_id or 'case-study'}.yaml"
    if case_id and path.exists() and not force:
        problems.append(on_form("title", f"gives the id {case_id!r}, but {_display(root, path)} already exists. "
                                         "Change the title or pass --force to replace the file, for example: "
                                         f"{title} (2)"))
    used_by = scaffold.taken_by(root, case_id, path) if case_id else None
    if used_by:
        message = issue_form.FORM_MESSAGES["id_taken"].format(id=repr(case_id), file=used_by, title=title)
        problems.append(on_form("title", message))
    schema = os.path.relpath(root / "schema" / "case-study.schema.json", path.parent.resolve()).replace(os.sep, "/")
    text = case_yaml.to_yaml(draft.values, case_id or "case-study", schema)
    if len(text.encode("utf-8")) > yamlfile.MAX_BYTES:  # the validator would only say "the file": name the answer
        label = max(answers, key=lambda name: len(answers[name].text))
        key = next(k for k, v in issue_form.LABELS.items() if v == label)
        problems.append(on_form(key, f"is {len(answers[label].text):,} characters long, more than a case study file "
                                     f"may hold ({yamlfile.MAX_BYTES // 1024} KB in all). Shorten it, for example: "
                                     f"a few paragraphs, at most {_limit(key):,} characters."))
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
                 "delete those versions too. Select 'edited' at the top of the issue, open each earlier version and "
                 "choose 'Delete revision from history' (the issue's author and the library's editors can).")


def _on_form(problem: Problem, draft: form_reader.Draft, answers: dict, issue_name: str) -> Problem:
    """A problem in the case study, told against the form field its value came from, at the line of the answer."""
    match = re.match(r"^evidence\[(\d+)\]", problem.field)
    if match and int(match.group(1)) <= len(draft.evidence_letters):
        key = "finding-" + draft.evidence_letters[int(match.group(1)) - 1].lower()
    else:
        key = issue_form.FORM_FIELD_OF.get(re.split(r"[.\[]", problem.field)[0], "title")
    # A question missing from the issue: the form's own problem says so too.
    answer = answers.get(issue_form.LABELS[key]) or form_reader.Answer("", 1)
    where = f" (in the case study: {problem.field})" if problem.field not in (key, "(file name)") else ""
    line, message = answer.line, problem.message + where
    if personal_data.is_message(problem.message):
        found = (m for text in answer.lines for _, m in personal_data.find(text) if repr(m) in problem.message)
        line = answer.line_of(next(found, ""))
        message += " " + ISSUE_HISTORY
    return Problem(issue_name, line, issue_form.LABELS[key], one_line(message))


def _limit(key: str) -> int:
    """The most characters the case study field behind a form field may hold."""
    info = issue_form.schema_field(key)
    if info is None:
        return PARAGRAPH
    return info.spec.max_length or (info.spec.item.max_length if info.spec.item else None) or PARAGRAPH


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
