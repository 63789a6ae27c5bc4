"""The loader and validator: every kind of bad contribution gives one clear line, nothing crashes,
and valid records beside a bad one are kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros import library, personal_data
from tests.support.records import BAD, VALID, case_file, problems_for, replace

ROOT = Path(__file__).resolve().parent.parent


EXAMPLE = re.compile(r"(?i)\bfor example: \S")  # every message ends by showing a value that works
MATCHER = re.compile(json.loads((ROOT / ".github" / "problem-matchers"
                                 / "library.json").read_text())["problemMatcher"][0]["pattern"][0]["regexp"])


def bad_file(tmp_path: Path, name: str | None, text) -> Path:
    if name == "preconditions.yaml":  # one precondition, A, marked as one of the behaviours
        path = tmp_path / "data" / "preconditions.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PRECONDITION.format(id="A", slug="slug-a", related="B", group="behaviours"), encoding="utf-8")
        return path
    return case_file(tmp_path, text, name or "my-place-housing.yaml")


@pytest.mark.parametrize("case_id, name, text, line, field, words", BAD, ids=[b[0] for b in BAD])
def test_bad_contribution_is_named_precisely(tmp_path, case_id, name, text, line, field, words):
    path = bad_file(tmp_path, name, text)
    found = problems_for(tmp_path, path)
    where = path.relative_to(tmp_path).as_posix()
    matching = [p for p in found if (p.file, p.line, p.field) == (where, line, field)]
    assert matching, f"expected {where}:{line}: {field}, got:\n" + "\n".join(map(str, found))
    assert any(words in p.message for p in matching), "\n".join(map(str, matching))


@pytest.mark.parametrize("case_id, name, text", [b[:3] for b in BAD], ids=[b[0] for b in BAD])
def test_every_message_gives_an_example_on_one_line(tmp_path, case_id, name, text):
    found = problems_for(tmp_path, bad_file(tmp_path, name, text))
    assert found
    for problem in found:
        assert EXAMPLE.search(problem.message), str(problem)
        assert MATCHER.match(str(problem)) and "\n" not in str(problem), str(problem)


def test_a_typo_in_the_choices_message_is_gone(tmp_path):
    [problem] = problems_for(tmp_path, case_file(tmp_path, replace("status: present", "status: great")))
    assert problem.message == ("'great' is not a status; use one of: present, absent, mixed, emerging, "
                               "for example: status: present")


def test_there_are_at_least_thirty_kinds_of_bad_contribution():
    assert len({b[0] for b in BAD}) >= 30


def test_the_valid_example_is_valid(tmp_path):
    assert problems_for(tmp_path, case_file(tmp_path, VALID)) == []


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    text = replace("status: present", "status: presnt",
                   replace("themes: [housing]", "themes: housing", replace("licence: CC-BY-4.0\n", "")))
    found = problems_for(tmp_path, case_file(tmp_path, text))
    assert {p.field for p in found} == {"themes", "evidence[1].status", "licence"}


def test_checks_across_records_run_on_a_record_with_other_mistakes(tmp_path):
    text = replace("maturity: draft", "maturity: published",
                   replace("context: Some context.", "context: Ring 07700 900123 any time.",
                           replace("status: present", "status: presnt")))
    found = problems_for(tmp_path, case_file(tmp_path, text, "my place.yaml"))
    where = "data/case_studies/my place.yaml"
    assert {(p.file, p.line, p.field) for p in found} == {
        (where, 1, "(file name)"), (where, 1, "last_reviewed"), (where, 1, "next_review"),
        (where, 7, "context"), (where, 11, "evidence[1].status")}
    assert any("for example: my-place.yaml" in p.message for p in found)


def test_a_placeholder_and_a_bad_date_are_found_beside_other_mistakes(tmp_path):
    text = replace("maturity: draft", "maturity: reviewed\nlast_reviewed: 2026-02-30\nnext_review: 2027-01-01",
                   replace("summary: A short summary.", 'summary: "REPLACE: the summary"',
                           replace("themes: [housing]", "themes: housing")))
    found = {(p.field, p.message.split(" ")[0]) for p in problems_for(tmp_path, case_file(tmp_path, text))}
    assert {f for f, _ in found} == {"themes", "summary", "last_reviewed"}


def test_a_second_file_reusing_an_id_is_named_and_the_first_is_kept(tmp_path):
    first = case_file(tmp_path, VALID)
    second = case_file(tmp_path, VALID, "zz-copy.yaml")
    lib = library.load(tmp_path, [first, second])
    fields = {(p.file, p.field) for p in lib.problems}
    assert ("data/case_studies/zz-copy.yaml", "id") in fields
    assert any("already used by data/case_studies/my-place-housing.yaml" in p.message for p in lib.problems)
    assert not any(p.file.endswith("my-place-housing.yaml") for p in lib.problems)


def test_a_bad_file_does_not_drop_valid_ones(tmp_path):
    good = case_file(tmp_path, VALID)
    other = case_file(tmp_path, replace("id: my-place-housing", "id: other-place"), "other-place.yaml")
    bad = case_file(tmp_path, replace("status: present", "status: presnt"), "broken-one.yaml")
    lib = library.load(tmp_path, [good, other, bad])
    assert {c.id for c in lib.case_studies} == {"my-place-housing", "other-place"}
    assert {p.file for p in lib.problems} == {"data/case_studies/broken-one.yaml"}


def test_public_contact_details_can_be_allowed_explicitly(tmp_path):
    text = replace("summary: A short summary.", "summary: Write to enquiries@council.example.org for the report.")
    assert problems_for(tmp_path, case_file(tmp_path, text))
    allowed = text + "public_contact_details: [enquiries@council.example.org]\n"
    assert problems_for(tmp_path, case_file(tmp_path, allowed)) == []


@pytest.mark.parametrize("text, kind", [
    ("She lives at cv1 5rr now.", "a postcode"), ("Near Sw1a 1aa.", "a postcode"),
    ("Case ab123456c was closed.", "a National Insurance number"),
    ("Case Ab 12 34 56 c.", "a National Insurance number"),
])
def test_personal_data_is_found_in_any_case(text, kind):
    assert [k for k, _ in personal_data.find(text)] == [kind]


@pytest.mark.parametrize("text",
                         ["Case GB123456A.", "Case QQ123456C.", "Case AB123456E.", "Turn off the M1 2nd exit.",
                          "On the 1st floor."])
def test_letters_national_insurance_never_uses_are_not_flagged(text):
    assert personal_data.find(text) == []


@pytest.mark.parametrize("file, text, line, field", [
    ("pathways.yaml", "- id: walk\n  title: A walk\n  audience: Anyone\n  summary: A test.\n  steps:\n"
     "    - page: page:index.md\n      note: Ring 07700 900123 first.\n    - page: page:index.md\n      note: Two.\n",
     7, "[1].steps[1].note"),
    ("glossary.yaml", "- term: Hub\n  definition: Write to jo.bloggs@example.com about it.\n", 2, "[1].definition"),
    ("places.yaml",
     "- name: Leeds\n  slug: leeds\n  summary: A city.\n  context: She lives at ls1 4ap.\n  sources:\n    - title: "
     "Notes\n",
     4, "[1].context"),
])
def test_every_data_file_is_scanned_for_personal_data(tmp_path, file, text, line, field):
    path = tmp_path / "data" / file
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    found = [p for p in problems_for(tmp_path, path) if "looks like" in p.message]
    assert [(p.line, p.field) for p in found] == [(line, field)], found


def test_figures_are_not_mistaken_for_personal_data(tmp_path):
    text = replace("context: Some context.",
                   "context: The city of 337,400 people lost £55 million (26%) between 2010/11 and 2014/15; 1,470 "
                   "cases a year.")
    assert problems_for(tmp_path, case_file(tmp_path, text)) == []


PRECONDITION = """\
- id: {id}
  slug: {slug}
  title: Title {id}
  short_title: Short {id}
  group: {group}
  summary: Summary.
  description: Description.
  looks_like: [Sign.]
  signs_of_absence: [Absence.]
  in_the_report: {{place: Coventry, basis: editorial, presence: in pockets, account: Account.}}
  questions: [Question?]
  related:
    - precondition: {related}
      reason: Because.
  vignette: {{situation: Situation., when_present: Good., when_absent: Bad., pages: [19]}}
  source_pages: [10]
"""


def preconditions_file(tmp_path: Path, entries: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "data" / "preconditions.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(PRECONDITION.format(id=i, slug=s, related=r,
                                                group="vision" if i in "ABCD" else "behaviours")
                            for i, s, r in entries), encoding="utf-8")
    return path


def nine(**changes):
    entries = {letter: (letter, f"slug-{letter.lower()}", "A" if letter != "A" else "B") for letter in "ABCDEFGHI"}
    entries.update(changes)
    return [e for e in entries.values() if e is not None]


def test_nine_valid_preconditions(tmp_path):
    assert problems_for(tmp_path, preconditions_file(tmp_path, nine())) == []


def test_precondition_cross_references(tmp_path):
    path = preconditions_file(tmp_path, nine(C=None, E=("E", "slug-d", "E"), F=("F", "slug-f", "Z")))
    found = {(p.line, p.field, p.message.split(";")[0]) for p in problems_for(tmp_path, path)}
    lines = {p: 1 + 16 * i for i, p in enumerate("ABDEFGHI")}  # each entry is 16 lines; C is missing
    assert (1, "(file)", "has no precondition C") in found
    assert (lines["E"] + 1, "[4].slug",
            "'slug-d' is already the slug of another precondition (data/preconditions.yaml:34)") in found
    assert (lines["E"] + 12, "[4].related[1].precondition", "E cannot be related to itself") in found
    assert (lines["F"] + 12, "[5].related[1].precondition", "'Z' is not a precondition") in found


def test_two_preconditions_cannot_share_a_letter(tmp_path):
    """A second E (a copy-and-paste, say) is named at its id, with the line of the first."""
    path = preconditions_file(tmp_path, nine() + [("E", "slug-e-again", "A")])
    [problem] = problems_for(tmp_path, path)
    assert (problem.line, problem.field) == (16 * 9 + 1, "[10].id")
    assert problem.message.startswith("'E' is already the id of another precondition (data/preconditions.yaml:65)")


def test_a_group_must_match_the_letter(tmp_path):
    path = preconditions_file(tmp_path, nine())
    path.write_text(path.read_text(encoding="utf-8").replace("group: behaviours", "group: vision", 1), encoding="utf-8")
    [problem] = problems_for(tmp_path, path)
    assert (problem.line, problem.field) == (16 * 4 + 5, "[5].group")
    assert (problem.message.startswith("is 'vision', but precondition E is one of the behaviours")
            and problem.message.endswith("group: behaviours"))


@pytest.mark.parametrize("verdict, field, words", [
    ("basis: reported, verdict: a potential asset, pages: [14]", None, None),
    ("basis: editorial, presence: in pockets", None, None),
    ("basis: reported, pages: [14]", "basis", "add the report's own short verdict"),
    ("basis: reported, verdict: a potential asset", "basis", "add the page the verdict is quoted from"),
    ("basis: reported, verdict: a potential asset, pages: [14], presence: in pockets", "presence",
     "goes only with basis: editorial"),
    ("basis: editorial", "basis", "add our reading on the place scale"),
    ("basis: editorial, presence: in pockets, verdict: a potential asset", "verdict", "goes only with basis: reported"),
    ("basis: editorial, presence: nascent", "presence", "'nascent' is not a word of the place scale"),
    ("presence: in pockets", "basis", "is missing"),
])
def test_a_verdict_says_whose_it_is(tmp_path, verdict, field, words):
    """Reported: the report's words and page. Editorial: our reading on the place scale. Never a mix, never neither."""
    path = preconditions_file(tmp_path, nine())
    text = path.read_text(encoding="utf-8").replace("basis: editorial, presence: in pockets", verdict, 1)
    path.write_text(text, encoding="utf-8")
    problems = problems_for(tmp_path, path)
    if field is None:
        assert problems == []
        return
    [problem] = problems
    assert (problem.line, problem.field) == (10, f"[1].in_the_report.{field}"), problem
    assert words in problem.message and EXAMPLE.search(problem.message), problem.message


SECOND_E = "  - precondition: E\n    status: absent\n    basis: reported\n    finding: Partners stopped meeting.\n"


def test_a_case_study_has_one_entry_per_precondition(tmp_path):
    text = replace("what_did_not_work:", SECOND_E + "what_did_not_work:")
    [problem] = problems_for(tmp_path, case_file(tmp_path, text))
    assert str(problem).startswith("data/case_studies/my-place-housing.yaml:14: evidence[2].precondition: E already "
                                   "has an entry "
                                   "in this case study (line 10)")
    assert "Merge the two findings" in problem.message and problem.message.endswith("for example: status: mixed")
    assert MATCHER.match(str(problem))


def test_an_exact_copy_of_an_entry_is_refused_too(tmp_path):
    entry = "  - precondition: E\n    status: present\n    basis: reported\n    finding: Partners met every week.\n"
    [problem] = problems_for(tmp_path, case_file(tmp_path, replace("what_did_not_work:", entry + "what_did_not_work:")))
    assert (problem.line, problem.field) == (14, "evidence[2].precondition") and "(line 10)" in problem.message


def test_a_second_entry_is_found_beside_other_problems(tmp_path):
    """A misspelt field elsewhere in the file hides nothing: both problems are reported."""
    text = replace("what_did_not_work:", SECOND_E + "what_did_not_work:",
                   replace("themes: [housing]", "themes: housing"))
    found = {(p.line, p.field) for p in problems_for(tmp_path, case_file(tmp_path, text))}
    assert found == {(4, "themes"), (14, "evidence[2].precondition")}


def test_a_finding_needs_a_basis(tmp_path):
    [problem] = problems_for(tmp_path, case_file(tmp_path, replace("    basis: reported\n", "")))
    assert (problem.line, problem.field) == (10, "evidence[1].basis")
    assert problem.message.startswith("is missing") and problem.message.endswith("For example: basis: reported")


@pytest.mark.parametrize("former, words", [
    ("[evidence-e]", "'evidence-e' is already an anchor on this page"),
    ("[evidence-e-2, evidence-e-2]", "repeats item 1"),
    ("[e-2]", "is not valid here"),
])
def test_former_anchors_of_a_finding(tmp_path, former, words):
    text = replace("    finding: Partners met every week.\n",
                   f"    finding: Partners met every week.\n    redirect_from: {former}\n")
    [problem] = problems_for(tmp_path, case_file(tmp_path, text))
    assert problem.field.startswith("evidence[1].redirect_from") and words in problem.message, problem


@pytest.mark.parametrize("name, slug", [
    ("Łódź", "lodz"), ("Bromley-by-Bow", "bromley-by-bow"), ("Brighton & Hove", "brighton-and-hove"),
    ("Ynys Môn", "ynys-mon"), ("Øresund", "oresund"), ("東京", ""),
])
def test_place_names_are_transliterated_for_slugs(name, slug):
    assert library.slugify(name) == slug


def test_two_place_names_with_one_slug_are_both_named(tmp_path):
    first = case_file(tmp_path, replace("place: My Place", "place: Brighton & Hove"))
    second = case_file(tmp_path,
                       replace("id: my-place-housing", "id: brighton-housing",
                               replace("place: My Place", "place: Brighton and Hove")),
                       "brighton-housing.yaml")
    found = {(p.file, p.line, p.field): p.message for p in problems_for(tmp_path, first, second)}
    assert (set(found)
            == {("data/case_studies/my-place-housing.yaml", 3, "place"),
                ("data/case_studies/brighton-housing.yaml", 3, "place")})
    assert "(places/brighton-and-hove/)" in found[("data/case_studies/brighton-housing.yaml", 3, "place")]
    assert (found[("data/case_studies/my-place-housing.yaml", 3,
                   "place")].endswith("for example: place: Brighton and Hove"))


def test_a_place_name_clashing_with_a_listed_place_is_named(tmp_path):
    places = tmp_path / "data" / "places.yaml"
    places.parent.mkdir(parents=True)
    places.write_text("- name: My Place\n  slug: my-place\n  summary: A place.\n  context: Context.\n  sources:\n    - "
                      "title: Notes\n",
                      encoding="utf-8")
    case = case_file(tmp_path, replace("place: My Place", "place: my place"))
    assert [(p.line, p.field) for p in problems_for(tmp_path, places, case)] == [(3, "place")]


def test_cli_prints_one_line_per_problem_and_exits_1(tmp_path):
    paths = []
    for case_id, name, text, *_ in BAD:
        paths.append(str(bad_file(tmp_path / case_id, name, text)))
    result = subprocess.run([sys.executable, "-m", "macros", "validate", *paths], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= len(BAD)
    for line in lines:
        assert MATCHER.match(line), line
        file, number, field, message = line.split(":", 3)
        assert file.endswith(".yaml") or file.endswith(".yml"), line
        assert number.isdigit() and field.strip() and message.strip(), line


def test_cli_success_prints_a_summary(tmp_path):
    path = case_file(tmp_path, VALID)
    result = subprocess.run([sys.executable, "-m", "macros", "validate", str(path)], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ") and result.stdout.count("\n") == 1


def test_a_preconditions_file_that_cannot_be_read_is_reported_once_not_nine_times_more(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "preconditions.yaml").write_text("- id: A\n  slug: [unclosed\n", encoding="utf-8")
    problems = library.load(tmp_path).problems
    assert [p.field for p in problems] == ["(yaml)"], [str(p) for p in problems]


def test_many_pieces_of_personal_data_in_one_field_give_one_line_per_kind(tmp_path):
    addresses = " ".join(f"person{n}@example.org" for n in range(500))
    text = replace("context: Some context.", f"context: Write to {addresses} or ring 07700 900123.")
    found = [str(p) for p in problems_for(tmp_path, case_file(tmp_path, text)) if "looks like" in p.message]
    assert len(found) == 2
    assert any("an e-mail address ('person0@example.org', and 499 more like it)" in line for line in found)
    assert any("a phone number ('07700 900123')." in line for line in found)
