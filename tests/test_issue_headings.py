"""from-issue reads only the form's own headings: a question's heading typed inside an answer stays in that answer,
a body that can be read two ways is reported rather than guessed, and every problem is reported in one run.

GitHub writes a submitted form as '### <label>', a blank line and the answer, for each question in the form's
order, each once (macros/form_reader.read_body)."""

from __future__ import annotations

import time

import pytest
import yaml

from macros import form_reader, issue_form
from tests.support.records import GOOD, GOOD_ID, answer, convert, line_of

TITLE = "Joining up support for care leavers in Northbridge"


def written(tmp_path, body: str) -> dict:
    result = convert(tmp_path, body)
    assert result.problems == [] and result.path is not None, result.problems
    return yaml.safe_load(result.path.read_text(encoding="utf-8"))


def test_a_title_heading_typed_in_a_later_answer_stays_in_that_answer(tmp_path):
    body = answer(GOOD, "Context", "The story in short.\n\n### Title\n\nA title typed later\n\n### Place\n\nElsewhere")
    data = written(tmp_path, body)
    assert data["id"] == GOOD_ID and data["title"] == TITLE and data["place"] == "Northbridge"
    assert ("### Title" in data["context"] and "A title typed later" in data["context"]
            and "### Place" in data["context"])


def test_a_precondition_and_its_status_typed_in_a_later_answer_stay_in_that_answer(tmp_path):
    typed = ("Funding stopped.\n\n### C. Systemic issues\n\nPresent\n\n### C. What happened\n\n"
             "A finding typed into another answer.")
    data = written(tmp_path, answer(GOOD, "What did not work", typed))
    assert [e["precondition"] for e in data["evidence"]] == ["A", "B", "E", "H"]  # C is still 'Not shown'
    assert ("### C. Systemic issues" in data["what_did_not_work"]
            and "A finding typed into another answer." in data["what_did_not_work"])


def test_the_whole_form_pasted_into_the_last_free_answer_changes_nothing_above_it():
    """Every question from the title to the sources, typed again inside the sources: none of it comes first."""
    before_sources = GOOD[:GOOD.index("### Sources")].replace(TITLE, "Another title").replace("Present", "Absent")
    body = answer(GOOD, "Sources", "Our own records of the programme\n" + before_sources)
    draft, problems = form_reader.read(body, "issue.md")
    assert problems == []
    assert (draft.values["title"] == TITLE and [e["status"] for e in draft.values["evidence"]]
            == ["present", "mixed", "present", "absent"])
    assert "### Title" in " ".join(s["title"] for s in draft.values["sources"])


def test_only_the_exact_heading_at_the_start_of_a_line_is_a_question(tmp_path):
    for typed in ("###Title", " ### Title", "> ### Title", "#### Title", "### title", "### Title of the work"):
        data = written(tmp_path / typed.replace(" ", "_").replace(">", "q"),
                       answer(GOOD, "Summary", f"Short summary.\n\n{typed}\n\nMore."))
        assert data["title"] == TITLE and typed in data["summary"], typed
    assert form_reader.sections("### Title \t\n\nSpaces after the label")["Title"].text == "Spaces after the label"


def test_a_heading_typed_above_its_question_is_reported_not_guessed(tmp_path):
    """'### Context' typed in the summary comes before the real question: either could start the context."""
    body = answer(GOOD, "Summary", "Short summary.\n\n### Context\n\nA context typed in the summary.")
    result = convert(tmp_path, body)
    assert result.path is None and not list(tmp_path.iterdir())
    typed = body.splitlines().index("### Context") + 1
    real = len(body.splitlines()) - body.splitlines()[::-1].index("### Context")
    twice = [p for p in result.problems if ": Context: is written as a heading on lines" in p]
    assert [int(p.split(":")[1]) for p in twice] == [typed, real]
    assert (all(f"lines {typed} and {real}" in p and "remove the '###'" in p and "for example: Context" in p
                for p in twice))


def test_a_heading_typed_inside_its_own_answer_is_reported(tmp_path):
    body = answer(GOOD, "Lessons for other places", "One lesson.\n\n### Lessons for other places\n\nAnother.")
    result = convert(tmp_path, body)
    assert result.path is None
    assert any(": Lessons for other places: is written as a heading on lines" in p for p in result.problems)


def test_every_problem_is_reported_in_one_run(tmp_path):
    """An unticked box, and the validator's findings in what could be read: an e-mail address, a title too long."""
    body = GOOD.replace("- [X] There is no personal data", "- [ ] There is no personal data")
    body = answer(body, "Summary", "Ask jo.bloggs@example.org for the figures.")
    body = answer(body, "Title", "Joining up support " + "and more " * 20 + "in Northbridge")
    result = convert(tmp_path, body)
    assert result.path is None and not list(tmp_path.iterdir())
    fields = [(int(p.split(":")[1]), p.split(":")[2].strip()) for p in result.problems]
    assert fields == [(line_of(body, "Title"), "Title"), (line_of(body, "Summary"), "Summary"),
                      (line_of(body, "Consent and safeguarding"), "Consent and safeguarding")]
    assert "characters long" in result.problems[0] and "e-mail address" in result.problems[1]
    assert "is not ticked" in result.problems[2]


def test_a_problem_the_form_reports_is_not_reported_again_by_the_validator(tmp_path):
    body = answer(answer(GOOD, "Summary", "_No response_"), "Title", "_No response_")
    result = convert(tmp_path, body)
    assert [p.split(":")[2].strip() for p in result.problems] == ["Title", "Summary"]


def _read_seconds(body: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        form_reader.read(body, "issue.md")
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.timing
def test_reading_a_body_full_of_headings_takes_time_in_step_with_it():
    """Thousands of the form's headings typed in an answer, in and out of order: the reading stays linear."""
    def body(repeats: int) -> str:
        typed = "\n\n".join(f"### {label}\n\nx" for label in list(issue_form.LABELS.values())[::-1] * repeats)
        return answer(GOOD, "Sources", "Records\n\n" + typed)

    small, large = body(20), body(200)
    ratio = _read_seconds(large) / max(_read_seconds(small), 1e-4)
    assert ratio < 30, f"10x the headings took {ratio:.1f}x as long"
