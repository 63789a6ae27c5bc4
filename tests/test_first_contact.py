"""What a newcomer to the code meets first: `make serve` on a busy port, the README's account of CI and of
the tests that skip, and a home page whose title names the site once."""

from __future__ import annotations

import ast
import re
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support import read

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_make_serve_on_a_busy_port_says_so_in_one_line_and_how_to_choose_another():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # -o: the virtual environment counts as made; PY: the Python running the tests.
        result = subprocess.run(["make", "-o", ".venv/.site", "serve", f"PORT={port}", f"PY={sys.executable}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    ours = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("make")]
    assert result.returncode != 0
    assert ours == [f"Port {port} is already in use (perhaps another 'make serve' is running). "
                    f"Serve on another port: make serve PORT={port + 1}"]
    assert "Traceback" not in result.stderr


def test_a_port_that_is_not_a_number_is_named():
    result = subprocess.run([sys.executable, "tools/port_free.py", "eighty"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "make serve PORT=8001" in result.stderr


def test_the_readme_says_how_to_serve_on_another_port():
    assert "make serve PORT=8001" in README


def test_the_readme_describes_the_workflows_as_they_are():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for job in ci["jobs"].values() for step in job["steps"] if "run" in step]
    targets = [run for run in runs if run.startswith("make ")]
    assert targets and all(run in README for run in targets), targets  # the workflows call the Makefile, as the README says
    assert ".ci/run" not in "".join(runs)
    assert "[`.ci/run`](.ci/run) is the entry point for other machines" in README
    assert "CI runs the same command\nthrough" not in README


def test_the_readme_names_the_tests_that_skip_without_the_sources():
    module = ast.parse((ROOT / "tests" / "test_content.py").read_text(encoding="utf-8"))
    skipping = [f.name for f in module.body if isinstance(f, ast.FunctionDef) and "skip" in ast.unparse(f)]
    assert "test_no_sentence_is_copied_from_the_sources" in skipping and f"{len(skipping)} tests" not in README
    numbers = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven"}
    assert f"{numbers[len(skipping)]} tests in `tests/test_content.py` skip" in README
    for name in skipping:
        assert f"`{name}`" in README, name


def test_the_home_page_title_names_the_site_once(built_site):
    home = read(built_site, "")
    assert re.search(r"<title>([^<]*)</title>", home).group(1) == "Place-based systems change pattern library"
    other = read(built_site, "contribute/studio/")
    assert re.search(r"<title>([^<]*)</title>", other).group(1) == "Write a case study - Place-based systems change pattern library"
