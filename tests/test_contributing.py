"""The contribution path: the issue form and its parser, the scaffold command, the template,
the guide, and the GitHub files a newcomer meets. Form bodies are written as GitHub renders them."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros import case_yaml, cli, form_reader, from_issue, issue_form, library, scaffold
from macros.schema import FILES, LETTERS, SHORT_TITLES
from tests.support import build, copy_project, read
from tests.support.records import GOOD, GOOD_ID, answer, convert, line_of

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
SITE_URL = "https://place-based-patterns.github.io/library/"


def refused(tmp_path: Path, body: str) -> str:
    """The one problem a form body gives, having checked that nothing was written."""
    result = convert(tmp_path, body)
    assert result.path is None and not list(tmp_path.iterdir())
    [problem] = result.problems
    return problem


# --- The form and the parser agree -----------------------------------------------------------

def form_fields() -> list[dict]:
    return [e for e in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"] if e["type"] != "markdown"]


def test_the_form_has_exactly_the_labels_the_parser_reads():
    fields = form_fields()
    assert ({f["id"]: f["attributes"]["label"] for f in fields}
            == {issue_form.form_id(k): v for k, v in issue_form.LABELS.items()})
    assert [f["id"] for f in fields] == [issue_form.form_id(k) for k in issue_form.FORM_ORDER]
    assert len({f["attributes"]["label"] for f in fields}) == len(fields), "labels must be unique"


def test_the_form_offers_exactly_the_options_the_parser_knows():
    for f in form_fields():
        if f["type"] != "dropdown":
            continue
        expected = issue_form.LICENCE_OPTIONS if f["id"] == "licence" else issue_form.STATUS_OPTIONS
        assert f["attributes"]["options"] == list(expected), f["id"]
        assert f["attributes"].get("default") == 0, f"{f['id']}: preselect the first option"
    consent = next(f for f in form_fields() if f["id"] == "consent")
    assert [o["label"] for o in consent["attributes"]["options"]] == list(issue_form.CONSENT)
    assert all(o["required"] for o in consent["attributes"]["options"])


def test_the_form_requires_what_the_parser_requires():
    required = {f["id"] for f in form_fields() if (f.get("validations") or {}).get("required")}
    # tick boxes are required one by one
    assert required == {issue_form.form_id(k) for k in issue_form.REQUIRED} - {"consent"}


def test_labels_keep_the_file_line_field_message_format_readable():
    for label in issue_form.LABELS.values():
        assert ":" not in label, f"{label!r}: a colon would split the FIELD part of FILE:LINE: FIELD: message"


def test_precondition_labels_use_the_short_titles_in_the_data():
    lib = library.load(ROOT)
    assert {p.id: p.short_title for p in lib.preconditions} == SHORT_TITLES
    assert list(SHORT_TITLES) == list(LETTERS)


def test_the_statuses_and_licences_are_the_schemas():
    from macros.schema import LICENCES, STATUSES
    assert {s for s in issue_form.STATUS_OPTIONS.values() if s} == set(STATUSES)
    assert set(issue_form.LICENCE_OPTIONS.values()) == set(LICENCES)


# --- From a form to a case study ---------------------------------------------------------------

def test_a_complete_form_becomes_a_valid_draft(tmp_path):
    result = convert(tmp_path, GOOD)
    assert result.problems == []
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert data["id"] == GOOD_ID
    assert data["maturity"] == "draft" and data["licence"] == "CC-BY-SA-4.0"
    assert data["contributors"] == ["Northbridge Borough Council"]
    assert data["themes"] == ["care leavers", "housing", "early intervention"]
    assert ([(e["precondition"], e["status"]) for e in data["evidence"]]
            == [("A", "present"), ("B", "mixed"), ("E", "present"), ("H", "absent")])
    # the contributor's own account; an editor may change it
    assert {e["basis"] for e in data["evidence"]} == {"reported"}
    assert data["organisations"] == ["Northbridge Borough Council", "Northbridge Homes", "Step Forward (youth charity)"]
    assert (data["lessons"]
            == ["Agree the shared outcome before anyone talks about money.",
                "Decide in advance what happens if a pilot overspends."])
    assert data["sources"] == [
        {"title": "Evaluation of the care leavers' partnership, Northbridge Borough Council", "year": 2023,
         "url": "https://example.org/care-leavers-evaluation.pdf"},
        {"title": "Our own records of the programme"},
    ]
    # GitHub showed the context's two lines as two paragraphs; so does the page.
    assert data["context"].count("\n\n") == 1 and data["context"].startswith("Northbridge had six")


def test_the_file_written_has_the_schema_line_and_comments_for_the_editor(tmp_path):
    project = tmp_path / "project"
    (project / "data" / "case_studies").mkdir(parents=True)
    result = from_issue.convert(GOOD, "issue-42.md", project)
    assert result.path == project / "data" / "case_studies" / f"{GOOD_ID}.yaml"
    text = result.path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/case-study.schema.json"
    assert "# H. Resilient and risk-embracing\n  - precondition: H" in text
    assert "from a case study issue form" in text.splitlines()[1] and "issue-42" not in text  # never the file's name


def test_optional_fields_left_empty_are_left_out(tmp_path):
    body = GOOD
    for letter in "ABH":
        # a dropdown never touched
        body = answer(body, f"{letter}. {SHORT_TITLES[letter]}", "_No response_")
        body = answer(body, f"{letter}. What happened", "_No response_")
    result = convert(tmp_path, body)
    assert result.problems == []
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert [e["precondition"] for e in data["evidence"]] == ["E"]
    assert "_No response_" not in result.path.read_text(encoding="utf-8")


def test_no_precondition_evidence_is_named_and_nothing_is_written(tmp_path):
    body = GOOD
    for letter in LETTERS:
        body = answer(body, f"{letter}. {SHORT_TITLES[letter]}", "Not shown")
        body = answer(body, f"{letter}. What happened", "_No response_")
    result = convert(tmp_path, body)
    assert result.path is None and not list(tmp_path.iterdir())
    assert len(result.problems) == 1
    assert (result.problems[0].startswith(f"issue-42.md:{line_of(body, 'A. Beneficiary impact')}: Preconditions A to "
                                          "I: none has a status"))


def test_an_email_address_is_reported_against_the_form_field_and_nothing_is_written(tmp_path):
    body = answer(GOOD, "Context", "The partners met monthly. Ask jo.bloggs@northbridge.example.org for the minutes.")
    problem = refused(tmp_path, body)
    assert problem.startswith(f"issue-42.md:{line_of(body, 'Context')}: Context: contains what looks like an e-mail "
                              "address "
                              "('jo.bloggs@northbridge.example.org')")


def test_a_bad_finding_names_its_precondition_question(tmp_path):
    body = answer(GOOD, "E. What happened", "See [the minutes](javascript:alert(1)) for how they met.")
    problem = refused(tmp_path, body)
    assert (problem.startswith(f"issue-42.md:{line_of(body, 'E. What happened')}: E. What happened: contains a "
                               "'javascript:' address"))
    assert problem.endswith("(in the case study: evidence[3].finding)")


def test_an_answer_too_long_for_a_file_is_named_not_the_file(tmp_path):
    context = ("The partners met every month and wrote down what they agreed. " * 24000).strip()  # about 1.5 MB
    body = answer(GOOD, "Context", context)
    problem = refused(tmp_path, body)
    assert problem.startswith(f"issue-42.md:{line_of(body, 'Context')}: Context: is {len(context):,} characters long")
    assert "at most 6,000 characters" in problem


def test_an_item_too_long_names_its_question_and_the_item(tmp_path):
    body = answer(GOOD, "Lessons for other places", "Agree the outcome first.\n" + "Decide early. " * 200)
    [problem] = convert(tmp_path, body).problems
    assert (problem.startswith(f"issue-42.md:{line_of(body, 'Lessons for other places')}: Lessons for other places: is "
                               "2,799 characters long"))
    assert problem.endswith("(in the case study: lessons[2])")


def test_a_place_with_accents_gives_a_readable_id(tmp_path):
    body = answer(answer(GOOD, "Place", "Łódź"), "Title", "Joining up support for care leavers in Łódź")
    result = convert(tmp_path, body)
    assert result.problems == [] and result.path.name == "lodz-joining-up-support-for-care-leavers.yaml"


def test_a_place_without_latin_letters_is_named_and_nothing_is_written(tmp_path):
    body = answer(GOOD, "Place", "東京")
    problem = refused(tmp_path, body)
    assert problem.startswith(f"issue-42.md:{line_of(body, 'Place')}: Place: '東京' has no Latin letters or digits")


def test_a_place_written_differently_from_a_listed_place_is_named(tmp_path):
    body = answer(answer(GOOD, "Place", "Barking & Dagenham"), "Title",
                  "Joining up support for care leavers in Barking & Dagenham")
    [problem] = convert(tmp_path, body).problems
    assert problem.startswith(f"issue-42.md:{line_of(body, 'Place')}: Place: 'Barking & Dagenham' and 'Barking and "
                              "Dagenham' "
                              "would share one page (places/barking-and-dagenham/)")
    assert not list(tmp_path.iterdir())


def test_an_id_already_used_as_a_former_id_is_named(tmp_path):
    from tests.support.records import VALID
    project = tmp_path / "project"
    (project / "data" / "case_studies").mkdir(parents=True)
    (project / "data" / "case_studies" / "my-place-housing.yaml").write_text(VALID + f"redirect_from: [{GOOD_ID}]\n",
                                                                             encoding="utf-8")
    result = from_issue.convert(GOOD, "issue-42.md", project)
    assert result.path is None
    [problem] = result.problems
    assert problem.startswith(f"issue-42.md:{line_of(GOOD, 'Title')}: Title: gives the id '{GOOD_ID}', "
                              "which data/case_studies/my-place-housing.yaml already uses")
    with pytest.raises(scaffold.ScaffoldError, match="already used by data/case_studies/my-place-housing.yaml"):
        scaffold.create(project, "Joining up support for care leavers", "Northbridge")


def test_new_case_study_refuses_a_place_without_latin_letters(tmp_path):
    with pytest.raises(scaffold.ScaffoldError, match="no Latin letters or digits.*for example: --place Tokyo"):
        scaffold.create(tmp_path, "Youth homelessness in Tokyo", "東京")
    assert not list(tmp_path.iterdir())


def test_every_problem_with_the_form_is_reported_at_once_in_order(tmp_path):
    body = answer(GOOD, "E. What happened", "_No response_")  # a status without a finding
    body = answer(body, "G. What happened", "Leadership moved between partners.")  # a finding without a status
    body = answer(body, "Themes", "_No response_")
    body = body.replace("- [X] There is no personal data", "- [ ] There is no personal data")
    result = convert(tmp_path, body)
    assert result.path is None
    found = [(int(p.split(":")[1]), p.split(":")[2].strip()) for p in result.problems]
    assert found == [
        (line_of(body, "Themes"), "Themes"),
        (line_of(body, "E. What happened"), "E. What happened"),
        (line_of(body, "G. Distributed leadership"), "G. Distributed leadership"),
        (line_of(body, "Consent and safeguarding"), "Consent and safeguarding"),
    ]
    assert "is marked 'Present'" in result.problems[1]
    assert "Choose Present, Absent, Mixed or Emerging" in result.problems[2]
    assert "'There is no personal data in it" in result.problems[3] and "is not ticked" in result.problems[3]


def test_every_problem_with_the_form_shows_an_answer_that_works(tmp_path):
    body = answer(GOOD, "E. What happened", "_No response_")
    body = answer(body, "G. What happened", "Leadership moved between partners.")
    for label in ("Themes", "Sources", "Your organisation", "Summary"):
        body = answer(body, label, "_No response_")
    body = answer(answer(body, "Licence", "All rights reserved"), "B. Citizen-centred", "Sort of")
    body = body.replace("- [X] There is no personal data",
                        "- [ ] There is no personal data").replace("### Period", "### When")
    problems = convert(tmp_path, body.replace("### Place\n", "### Where\n")).problems
    assert len(problems) >= 9
    for problem in problems:
        assert re.search(r"(?i)\bfor example: \S", problem), problem


def test_an_edited_issue_without_its_headings_is_explained(tmp_path):
    body = GOOD.replace("### Summary", "### My summary")
    result = convert(tmp_path, body)
    assert any(": Summary: is not in the issue" in p and "### Summary" in p for p in result.problems)


def test_a_title_without_words_is_named(tmp_path):
    result = convert(tmp_path, answer(answer(GOOD, "Title", "???"), "Place", "—"))
    assert result.path is None and ": Title: has no letters or digits" in result.problems[0]


def test_an_unknown_option_is_named(tmp_path):
    result = convert(tmp_path, answer(GOOD, "Licence", "All rights reserved"))
    assert any(": Licence: 'All rights reserved' is not one of the form's options" in p for p in result.problems)


def test_a_heading_typed_inside_an_answer_stays_in_the_answer(tmp_path):
    body = answer(GOOD, "Context", "The story in short.\n\n### Background\n\nSix services, one assessment.")
    data = yaml.safe_load(convert(tmp_path, body).path.read_text(encoding="utf-8"))
    assert "### Background" in data["context"] and "Six services, one assessment." in data["context"]


LABELLED_SOURCES = """\
Title: Evaluation of the care leavers' partnership, pages 4-19 (published on the council website, )
Publisher: Northbridge Borough Council
Year: 2023
Pages: 4-19, 23
Web address: https://example.org/care-leavers-evaluation.pdf

- Title: Our own records of the programme
Year: 2022
title: Board papers
web address: www.northbridge.example.org/board"""


def test_sources_written_with_labels_become_source_records_with_nothing_guessed(tmp_path):
    result = convert(tmp_path, answer(GOOD, "Sources", LABELLED_SOURCES))
    # www. is not a web address: said, not mended
    assert result.problems[0].endswith("(in the case study: sources[3].url)")
    assert "'www.northbridge.example.org/board' is not valid here" in result.problems[0] and len(result.problems) == 1
    fixed = LABELLED_SOURCES.replace("www.", "https://www.")
    data = yaml.safe_load(convert(tmp_path, answer(GOOD, "Sources", fixed)).path.read_text(encoding="utf-8"))
    assert data["sources"] == [
        {"title": "Evaluation of the care leavers' partnership, pages 4-19 (published on the council website, )",
         "publisher": "Northbridge Borough Council", "year": 2023,
         "url": "https://example.org/care-leavers-evaluation.pdf",
         "pages": [*range(4, 20), 23]},
        {"title": "Our own records of the programme", "year": 2022},
        {"title": "Board papers", "url": "https://www.northbridge.example.org/board"},
    ]


def test_a_source_line_without_a_label_and_a_year_or_pages_that_are_not_numbers_are_named_at_their_lines(tmp_path):
    sources = ("Title: Evaluation\nYear: about 2020\nPages: 9-4\nPublished on the council website\n\nTitle: "
               "Minutes\nPages: all")
    body = answer(GOOD, "Sources", sources)
    result = convert(tmp_path, body)
    start = line_of(body, "Sources")
    assert result.path is None and [p.split(": Sources: ")[0] for p in result.problems] == [
        f"issue-42.md:{start}", f"issue-42.md:{start}", f"issue-42.md:{start + 3}", f"issue-42.md:{start + 5}"]
    assert ("'about 2020', which is not a year" in result.problems[0]
            and "'9-4', which are not page numbers" in result.problems[1])
    assert "a line without a label, 'Published on the council website'" in result.problems[2]
    assert "'all', which are not page numbers" in result.problems[3]


def test_windows_line_endings_are_read(tmp_path):
    result = convert(tmp_path, GOOD.replace("\n", "\r\n"))
    assert result.problems == [] and yaml.safe_load(result.path.read_text(encoding="utf-8"))["id"] == GOOD_ID


def test_an_existing_case_study_is_never_overwritten(tmp_path):
    target = tmp_path / f"{GOOD_ID}.yaml"
    target.write_text("keep me", encoding="utf-8")
    result = convert(tmp_path, GOOD)
    assert (result.path is None and "already exists" in result.problems[0] and target.read_text(encoding="utf-8")
            == "keep me")
    assert from_issue.convert(GOOD, "issue-42.md", ROOT, tmp_path, force=True).problems == []


@pytest.mark.parametrize("text", [
    "Partners said: it worked.", "2021", "yes", "null", "- not a list", "# not a comment", "'quoted' and \"double\"",
    "{{ 7*7 }} and {% raw %}", "  leading spaces matter", "trailing spaces ", "tab\tinside", "Café, naïve, 😀",
    "Line one\nLine two", "A very long sentence " * 12, "&anchor *alias !tag | > @ `", "ends with a colon:",
])
def test_any_text_is_written_as_yaml_that_reads_back_exactly(text):
    values = {"title": text, "context": text, "lessons": [text], "evidence": [
        {"precondition": "E", "status": "present", "basis": "reported", "finding": text}]}
    written = case_yaml.to_yaml(values, "some-id", "../../schema/case-study.schema.json")
    data = yaml.safe_load(written)
    assert data["title"] == data["context"] == data["lessons"][0] == data["evidence"][0]["finding"] == text


def test_list_answers_accept_bullets_numbers_and_plain_lines():
    assert form_reader.items("- one\n- two\n  continued\n\n* three") == ["one", "two continued", "three"]
    assert form_reader.items("1. one\n2) two") == ["one", "two"]
    assert form_reader.items("one\n\ntwo\n") == ["one", "two"]


def test_the_cli_reads_a_file_and_exits_1_on_a_problem(tmp_path):
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(answer(GOOD, "Licence", "Something else"), encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "macros", "from-issue", str(good), "--folder", str(tmp_path / "a")],
                        cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("OK: wrote ")
    failed = subprocess.run([sys.executable, "-m", "macros", "from-issue", str(bad), "--folder", str(tmp_path / "b")],
                            cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert re.match(r"^\S+bad\.md:\d+: Licence: ", failed.stdout) and "nothing was written" in failed.stderr
    assert not (tmp_path / "b").exists()


# --- The scaffold command and the template ---------------------------------------------------------

@pytest.mark.parametrize("case", ["coventry-homelessness-and-housing", "coventry-ignite", "coventry-troubled-families"])
def test_ids_are_made_the_way_the_library_names_its_own_case_studies(case):
    c = library.load(ROOT).by_id[case]
    assert scaffold.case_study_id(c.place, c.title) == c.id


def test_ids_from_awkward_titles():
    assert scaffold.case_study_id("Barking & Dagenham", "The Barking and Dagenham Way") == "barking-and-dagenham-way"
    assert scaffold.case_study_id("Łódź", "Housing in Łódź") == "lodz-housing"
    assert scaffold.case_study_id("Ystradgynlais", "Gwasanaethau Cymraeg") == "ystradgynlais-gwasanaethau-cymraeg"
    assert scaffold.case_study_id("Leeds", "Youth homelessness") == "leeds-youth-homelessness"
    assert len(scaffold.case_study_id("Leeds", "word " * 40)) <= 80


def test_the_template_is_a_valid_draft_with_the_schema_line():
    template = ROOT / "data" / "templates" / "case-study.yaml"
    first = template.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/case-study.schema.json"
    assert (template.parent / first.split("=", 1)[1]).resolve() == (ROOT / "schema"
                                                                    / "case-study.schema.json").resolve()
    result = subprocess.run([sys.executable, "-m", "macros", "validate", str(template)], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout
    assert yaml.safe_load(template.read_text(encoding="utf-8"))["maturity"] == "draft"


def test_the_template_is_not_part_of_the_library():
    lib = library.load(ROOT)
    assert "case-study" not in lib.by_id and not any("REPLACE" in c.title for c in lib.case_studies)


def run_macros(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=project, input=stdin, capture_output=True,
                          text=True)


@pytest.fixture(scope="module")
def contributed(tmp_path_factory):
    """A copy of the project with one case study from the scaffold and one from an issue form, built once."""
    root = tmp_path_factory.mktemp("contributed")
    project = copy_project(root / "project")
    # the guide's examples: free in the copy, whatever the library holds
    for example in ("leeds-youth-homelessness", GOOD_ID):
        (project / "data" / "case_studies" / f"{example}.yaml").unlink(missing_ok=True)
    (root / "issue-42.md").write_text(GOOD, encoding="utf-8")
    scaffolded = run_macros(project, "new-case-study", "--title", "Youth homelessness in Leeds", "--place", "Leeds",
                            "--themes", "Homelessness, young people")
    from_issue = run_macros(project, "from-issue", str(root / "issue-42.md"))
    site = root / "site"
    built = build(project, site)
    return project, site, scaffolded, from_issue, built


def test_new_case_study_writes_a_valid_skeleton_and_says_what_next(contributed):
    project, _, scaffolded, _, _ = contributed
    assert scaffolded.returncode == 0, scaffolded.stdout + scaffolded.stderr
    path = project / "data" / "case_studies" / "leeds-youth-homelessness.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["id"], data["title"], data["place"], data["themes"], data["maturity"]) == (
        "leeds-youth-homelessness", "Youth homelessness in Leeds", "Leeds", ["homelessness", "young people"], "draft")
    assert scaffolded.stdout.startswith("Created data/case_studies/leeds-youth-homelessness.yaml")
    lines = scaffold.placeholder_lines(path)
    assert lines and f"on lines {', '.join(map(str, lines))}" in scaffolded.stdout
    assert run_macros(project, "validate", str(path)).returncode == 0


def test_new_case_study_refuses_to_overwrite(contributed):
    project, *_ = contributed
    path = project / "data" / "case_studies" / "leeds-youth-homelessness.yaml"
    before = path.read_text(encoding="utf-8")
    again = run_macros(project, "new-case-study", "--title", "Youth homelessness in Leeds", "--place", "Leeds")
    assert again.returncode == 1 and "already exists" in again.stderr and "--id" in again.stderr
    assert path.read_text(encoding="utf-8") == before


def test_new_case_study_without_a_terminal_asks_for_the_options(contributed):
    project, *_ = contributed
    result = run_macros(project, "new-case-study")
    assert result.returncode == 2 and "--title" in result.stderr and "--place" in result.stderr


def test_new_case_study_asks_at_a_terminal(tmp_path, monkeypatch, capsys):
    for folder in ("data/templates", "data/case_studies"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path
     / "data/templates/case-study.yaml").write_text((ROOT
                                                     / "data/templates/case-study.yaml").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    answers = iter(["Care leavers in Northbridge", "Northbridge", "care leavers, housing"])
    asked = []
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert cli.main(["new-case-study", "--id", "northbridge-care-leavers"]) == 0, capsys.readouterr()
    assert [p.split(",")[0].split(" (")[0] for p in asked] == ["Title", "Place", "Themes"]
    data = yaml.safe_load((tmp_path / "data/case_studies/northbridge-care-leavers.yaml").read_text(encoding="utf-8"))
    assert data["themes"] == ["care leavers", "housing"] and data["place"] == "Northbridge"


def test_a_bad_id_is_refused(contributed):
    project, *_ = contributed
    result = run_macros(project, "new-case-study", "--title", "X", "--place", "Y", "--id", "Not An Id")
    assert result.returncode == 1 and "cannot be an id" in result.stderr


def test_contributed_case_studies_build_into_draft_pages(contributed):
    _, site, _, from_issue, built = contributed
    assert from_issue.returncode == 0, from_issue.stdout + from_issue.stderr
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    page = read(site, f"case-studies/{GOOD_ID}/")
    article = page[page.index("<article"):page.index("</article>")]
    assert "Joining up support for care leavers in Northbridge" in article
    assert "library-draft" in article  # the draft notice
    assert "Managers met every fortnight" in article and "Northbridge Borough Council" in article
    assert 'id="evidence-h"' in article or "H. Resilient and risk-embracing" in article
    assert "CC-BY-SA-4.0" in article
    skeleton = read(site, "case-studies/leeds-youth-homelessness/")
    assert "library-draft" in skeleton and "Youth homelessness in Leeds" in skeleton


def test_the_contribute_section_builds(contributed):
    _, site, *_ = contributed
    for page in ("", "writing-a-case-study/", "safeguarding/", "without-git/", "on-your-computer/", "review/",
                 "corrections/"):
        html = read(site, f"contribute/{page}")
        assert "Help improve this page" in html and "{{" not in html
    index = read(site, "contribute/")
    assert "issues/new?template=case-study.yml" in index
    worked = read(site, "contribute/writing-a-case-study/")
    assert 'href="../../case-studies/coventry-ignite/"' in worked


# --- The guide says what the tools do -----------------------------------------------------------------

def code_blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", path.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_the_worked_example_quotes_the_real_files():
    page = ROOT / "docs" / "contribute" / "writing-a-case-study.md"
    files = [(ROOT / "data" / "case_studies" / f"{c}.yaml").read_text(encoding="utf-8")
             for c in ("coventry-ignite", "coventry-homelessness-and-housing")]
    blocks = code_blocks(page, "yaml")
    assert len(blocks) >= 5
    for block in blocks:
        assert any(block in text for text in files), f"not a verbatim excerpt of the Coventry files:\n{block}"


def test_the_guide_shows_the_real_output_of_new_case_study(contributed):
    _, _, scaffolded, _, _ = contributed
    shown = [b for b in code_blocks(ROOT / "docs" / "contribute" / "on-your-computer.md", "text")
             if b.startswith("Created ")]
    assert shown == [scaffolded.stdout]


def test_the_guide_shows_the_real_message_for_a_misspelt_status(tmp_path):
    text = (ROOT / "data" / "templates" / "case-study.yaml").read_text(encoding="utf-8")
    path = tmp_path / "data" / "case_studies" / "leeds-youth-homelessness.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(scaffold.fill(text,
                                  {"id": "leeds-youth-homelessness"}).replace("status: present", "status: presnt"),
                    encoding="utf-8")
    [problem] = library.load(tmp_path, [path]).problems
    message = str(problem)
    for page in ("without-git.md", "on-your-computer.md"):
        assert message in (ROOT / "docs" / "contribute" / page).read_text(encoding="utf-8"), page


def test_contributing_has_the_sections_the_messages_point_to():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    for needed in ("Who can contribute", "What makes a good case study", "Consent, safeguarding and anonymity",
                   "Review criteria", "What happens after a pull request", "A worked example",
                   "Correcting existing content"):
        assert needed in headings, needed
    from macros import personal_data
    assert "'Consent, safeguarding and anonymity' in CONTRIBUTING.md" in personal_data.GUIDANCE


def site_links(text: str) -> list[str]:
    return re.findall(re.escape(SITE_URL) + r"([a-z0-9/_-]*)", text)


def test_links_to_the_site_from_github_files_point_to_real_pages():
    sources = [ROOT / "CONTRIBUTING.md", *sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))]
    lib = library.load(ROOT)
    generated = {"", "preconditions", "case-studies", "places"}
    generated |= {f"preconditions/{p.slug}" for p in lib.preconditions} | {f"case-studies/{c.id}"
                                                                           for c in lib.case_studies}
    found = 0
    for source in sources:
        for link in site_links(source.read_text(encoding="utf-8")):
            found += 1
            stem = link.strip("/")
            candidates = [ROOT / "docs" / stem / "index.md", ROOT / "docs" / f"{stem}.md"]
            assert any(c.exists() for c in candidates) or stem in generated, f"{source.name}: {SITE_URL}{link}"
    assert found >= 5


# --- GitHub files ------------------------------------------------------------------------------------

def test_the_problem_form_has_the_page_field_the_site_prefills():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "problem.yml").read_text(encoding="utf-8"))
    page = [e for e in form["body"] if e.get("id") == "page"]
    assert len(page) == 1 and page[0]["type"] == "input"
    partial = (ROOT / "overrides" / "partials" / "library-page-end.html").read_text(encoding="utf-8")
    assert "template=problem.yml" in partial and "&amp;page=" in partial


def test_issue_forms_are_well_formed():
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert {p.name for p in forms} >= {"case-study.yml", "problem.yml", "config.yml"}
    for path in forms:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "config.yml":
            assert data["blank_issues_enabled"] is False and data["contact_links"]
            continue
        assert data["name"] and data["description"] and data["body"], path.name
        ids = [e["id"] for e in data["body"] if "id" in e]
        assert len(ids) == len(set(ids)), path.name
        for element in data["body"]:
            assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}, path.name
            if element["type"] != "markdown":
                assert re.fullmatch(r"[a-z0-9_-]+", element["id"]), element["id"]
                assert element["attributes"]["label"].strip()


def test_the_pull_request_template_carries_the_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 8
    for words in ("identified", "personal data", "agreed to be named", "REPLACE", "draft", "validate", "preview",
                  "What did not work"):
        assert any(words in box for box in boxes), words


def test_editors_map_every_schema_to_its_data_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {Path(schema).name: globs for schema, globs in settings["yaml.schemas"].items()}
    for pattern, _, _, schema_name in FILES:
        assert pattern in mapped.get(schema_name, []), f"map schema/{schema_name} to {pattern} in .vscode/settings.json"
        assert (ROOT / "schema" / schema_name).exists()
    assert "data/templates/case-study.yaml" in mapped["case-study.schema.json"]


# --- The route without Git, the studio and the help at the point of need -------------------------------------

def page_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return len(re.findall(r"[A-Za-z0-9’'-]+",
                          re.sub(r"\{\{.*?\}\}|\{ #[^}]*\}|\([^)]*\.md[^)]*\)|\(https?://[^)]*\)", "", text)))


def test_the_route_without_git_is_one_page_of_ten_minutes_with_the_studio_first():
    page = ROOT / "docs" / "contribute" / "index.md"
    assert page_words(page) <= 2000, "ten minutes at 200 words a minute"
    steps = re.findall(r"^## (\d)\. (.+?) \{ #", page.read_text(encoding="utf-8"), re.M)
    assert [n for n, _ in steps] == ["1", "2", "3", "4"]
    assert ("Write it in the studio" in steps[1][1]
            and "(studio.md)" in page.read_text(encoding="utf-8").split("## 2.", 1)[1][:200])
    assert "Write a case study: contribute/studio.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_studio_asks_the_forms_questions_with_the_schemas_help(contributed):
    _, site, *_ = contributed
    html = read(site, "contribute/studio/")
    from html import escape

    from macros import studio
    for key, question in studio.questions().items():
        assert escape(question["label"], quote=False) in html or key.startswith(("status-", "finding-")), key
        if "hint" in question and not key.startswith("finding-") and key != "consent":  # the tick boxes' own words
            assert escape(question["hint"], quote=False) in html, key
    script = (site / "assets" / "javascripts" / "studio-data.js").read_text(encoding="utf-8")
    assert script.startswith("window.LIBRARY_STUDIO = {") and "</" not in script


def test_the_forms_descriptions_say_how_an_answer_is_written():
    descriptions = {f["id"]: f["attributes"].get("description", "") for f in form_fields()}
    for key, how in issue_form.ANSWER_FORMAT.items():
        assert how in descriptions[issue_form.form_id(key)], key


def test_the_form_says_how_an_editor_gets_in_touch_and_what_never_to_write():
    intro = yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"][0]["attributes"]["value"]
    assert "An editor replies on this issue" in intro and "no personal contact details, yours included" in intro
    assert "contribute/studio/" in intro


def test_the_guide_and_the_schema_explain_the_statuses_alike():
    from macros.schema import STATUS_MEANINGS
    guide = (ROOT / "docs" / "contribute" / "writing-a-case-study.md").read_text(encoding="utf-8")
    for status, (meaning, example) in STATUS_MEANINGS.items():
        assert f"| {status} | {meaning} | {example} |" in guide, status


def test_the_home_page_and_the_schema_describe_the_two_groups_alike():
    from macros import library, pages
    from macros.schema import GROUP_MEANINGS
    assert "nine-at-a-glance.md" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    home = pages.PageMaker(library.load(ROOT), ROOT / "overrides" / "library").render("nine-at-a-glance.md", "index.md")
    for group, meaning in GROUP_MEANINGS.items():
        assert f'{group.capitalize()}<span class="library-glance__about">: {meaning}</span>' in home, group


def test_personal_data_in_an_issue_is_named_at_its_line_with_how_to_clear_the_history(tmp_path):
    body = answer(GOOD, "Context", "The partners met monthly.\nAsk jo.bloggs@northbridge.example.org for the minutes.")
    problem = refused(tmp_path, body)
    assert (problem.startswith(f"issue-42.md:{line_of(body, 'Context') + 1}: Context: contains what looks like an "
                               "e-mail address"))
    assert problem.endswith(from_issue.ISSUE_HISTORY) and "'Delete revision from history'" in problem


def test_a_problem_names_the_line_of_the_answer_not_its_heading(tmp_path):
    body = answer(GOOD, "Lessons for other places", "Agree the outcome first.\n" + "Decide early. " * 200)
    [problem] = convert(tmp_path, body).problems
    heading = body.splitlines().index("### Lessons for other places") + 1
    assert problem.startswith(f"issue-42.md:{heading + 2}: Lessons for other places:")


def test_tell_apart_pairs_are_written_once_and_never_with_themselves(tmp_path):
    data = yaml.safe_load((ROOT / "data" / "preconditions.yaml").read_text(encoding="utf-8"))
    pair = {"precondition": "A", "question": "Is it this, or that?", "this_one": "this", "other": "that", "pages": [10]}
    b = next(p for p in data if p["id"] == "B")
    b["tell_apart"] = b.get("tell_apart", []) + [copy.deepcopy(pair), {**copy.deepcopy(pair), "precondition": "B"}]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "preconditions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                          encoding="utf-8")
    problems = library.load(tmp_path).problems
    messages = [p.message for p in problems]
    assert any(m.startswith("B and A are already told apart under A") for m in messages), messages
    assert any(m.startswith("B cannot be told apart from itself") for m in messages), messages
    assert len(problems) == 2


def test_each_pair_is_shown_on_both_precondition_pages(contributed):
    _, site, *_ = contributed
    lib = library.load(ROOT)
    for p in lib.preconditions:
        for pair in p.tell_apart:
            other = lib.by_letter[pair.precondition]
            for page in (p, other):
                section = read(site, f"preconditions/{page.slug}/").split('id="tell-apart"', 1)[1].split("<h2", 1)[0]
                assert pair.this_one.replace("'", "&#39;") in section, (p.id, pair.precondition)
                assert pair.other.replace("'", "&#39;") in section, (p.id, pair.precondition)
