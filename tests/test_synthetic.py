"""The benchmark's synthetic case studies are valid data, as many as asked for, covering the whole framework."""

from __future__ import annotations

import sys

from macros import library
from macros.schema import LETTERS, STATUSES
from tests.support import ROOT, copy_project

sys.path.insert(0, str(ROOT / "tools"))
import synthetic


def test_synthetic_case_studies_validate_and_cover_every_precondition_and_status(tmp_path):
    project = copy_project(tmp_path / "project")  # the whole project: some data names pages under docs/
    folder = project / "data" / "case_studies"
    real = {p.stem for p in folder.glob("*.yaml")}

    written = synthetic.generate(25, folder)

    lib = library.load(project)
    assert lib.problems == []
    made = [c for c in lib.case_studies if c.id not in real]
    assert len(written) == len(made) == 25
    assert {e.precondition for c in made for e in c.evidence} == set(LETTERS)
    assert {e.status for c in made for e in c.evidence} == set(STATUSES)
    assert all(3 <= len({e.precondition for e in c.evidence}) <= 9 for c in made)


def test_same_seed_gives_the_same_files(tmp_path):
    first = [p.read_text() for p in synthetic.generate(5, tmp_path / "one", seed=3)]
    second = [p.read_text() for p in synthetic.generate(5, tmp_path / "two", seed=3)]
    assert first == second
