"""What a newcomer to the code meets first: `make serve` on a busy port and right after it stops, what it
prints, the README's account of CI and of the tests that skip, and a home page whose title names the site once."""

from __future__ import annotations

import ast
import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from tests.support import read

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TESTING = (ROOT / "dev" / "testing.md").read_text(encoding="utf-8")  # what the tests are, for those who work on them


def test_make_serve_on_a_busy_port_says_so_in_one_line_and_how_to_choose_another():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # -o: the virtual environment counts as made; PY: the Python running the tests.
        result = subprocess.run(["make", "-o", ".venv/.site", "serve", f"PORT={port}", f"PY={sys.executable}"],
                                cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    ours = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("make")]
    assert result.returncode != 0
    assert ours == [f"Port {port} is already in use (perhaps another 'make serve' is running). "
                    f"Serve on another port: make serve PORT={port + 1}"]
    assert "Traceback" not in result.stderr


def _time_wait_on(port: int) -> int:
    """How many TCP connections of 127.0.0.1:port are in TIME_WAIT (state 06 of /proc/net/tcp)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == f"0100007F:{port:04X}" and row.split()[3] == "06")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A server as mkdocs serve's is: Python's, which binds with SO_REUSEADDR."""

    def log_message(self, *args):
        pass


def test_the_port_is_free_right_after_a_server_stops_with_connections_in_time_wait(tmp_path):
    """mkdocs serve's server binds as Python's HTTP servers do, with SO_REUSEADDR, so it starts again at once on
    a port whose connections the last server closed and left in TIME_WAIT: the check must agree with it."""
    server = http.server.HTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(tmp_path)))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for _ in range(3):
        assert _status(port, "/") == 200
    server.shutdown()
    server.server_close()
    assert _time_wait_on(port) > 0  # the case this test is about
    result = subprocess.run([sys.executable, "tools/port_free.py", str(port)], cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    http.server.HTTPServer(("127.0.0.1", port), _Quiet).server_close()  # and a server does start there


def _serve(port: int) -> subprocess.Popen:
    """`make serve` as a person runs it, in its own process group (Ctrl-C stops the group)."""
    command = ["make", "-o", ".venv/.site", "serve", f"PORT={port}", f"PY={sys.executable}"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def _wait_until_serving(server: subprocess.Popen) -> list[str]:
    lines = []
    for line in server.stdout:
        lines.append(line.rstrip("\n"))
        if "Serving on http://127.0.0.1:" in line:
            return lines
    raise AssertionError("make serve stopped before serving:\n" + "\n".join(lines))


def _stop(server: subprocess.Popen) -> list[str]:
    os.killpg(server.pid, signal.SIGINT)  # Ctrl-C
    out, _ = server.communicate(timeout=60)
    return out.splitlines()


def _status(port: int, path: str) -> int:
    """The status of a plain HTTP/1.0 request, read to the end: the server closes the connection first, so
    its side of it waits in TIME_WAIT (a client that closed first would leave the TIME_WAIT on its own port)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


@pytest.mark.build
def test_make_serve_prints_only_what_a_person_should_act_on_and_starts_again_at_once():
    """No list of the pages that are deliberately outside the nav, no set-up chatter from the macros plugin,
    no warning for opening the address it gives; a page that does not exist is still reported. Stopped,
    it starts again on the same port straight away (its connections are left in TIME_WAIT)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = _serve(port)
    try:
        lines = _wait_until_serving(server)
        assert _status(port, "/") == 302  # to /library/
        assert _status(port, "/library/") == 200
        assert _status(port, "/library/no-such-page/") == 404
    finally:
        lines += _stop(server)
    ours = [line for line in lines if not line.startswith(("make", sys.executable))]
    said = "\n".join(ours)
    assert "not included in the" not in said and "[macros]" not in said and '"GET / HTTP' not in said, said
    assert [line for line in ours if line.startswith("WARNING")] == [
        line for line in ours if '"GET /library/no-such-page/ HTTP/1.0" code 404' in line], said
    assert _time_wait_on(port) > 0
    again = _serve(port)
    try:
        _wait_until_serving(again)
    finally:
        _stop(again)


def test_a_port_that_is_not_a_number_is_named():
    result = subprocess.run([sys.executable, "tools/port_free.py", "eighty"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "make serve PORT=8001" in result.stderr


def test_the_readme_says_how_to_serve_on_another_port():
    assert "make serve PORT=8001" in README


def test_the_readme_describes_the_workflows_as_they_are():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for job in ci["jobs"].values() for step in job["steps"] if "run" in step]
    targets = [run for run in runs if run.startswith("make ")]
    assert targets and all(run in TESTING for run in targets), targets  # the workflows call the Makefile, as it says
    assert ".ci/run" not in "".join(runs)
    assert "[`.ci/run`](../.ci/run) is the entry point for other machines" in TESTING
    assert "make test" in README and "make serve" in README


def test_the_testing_guide_names_the_tests_that_skip_without_the_sources():
    module = ast.parse((ROOT / "tests" / "test_content.py").read_text(encoding="utf-8"))
    skipping = [f.name for f in module.body if isinstance(f, ast.FunctionDef) and "skip" in ast.unparse(f)]
    assert "test_no_sentence_is_copied_from_the_sources" in skipping and f"{len(skipping)} tests" not in TESTING
    numbers = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven"}
    assert f"{numbers[len(skipping)]} tests in `tests/test_content.py` skip" in TESTING
    for name in skipping:
        assert f"`{name}`" in TESTING, name


def test_the_home_page_title_names_the_site_once(built_site):
    home = read(built_site, "")
    assert re.search(r"<title>([^<]*)</title>", home).group(1) == "Place-based systems change pattern library"
    other = read(built_site, "contribute/studio/")
    assert (re.search(r"<title>([^<]*)</title>", other).group(1)
            == "Write a case study - Place-based systems change pattern library")


def test_no_test_module_imports_another():
    """What more than one test module uses lives in tests/support/, so reading one test module never means
    reading another (nor conftest.py, which pytest loads on its own)."""
    modules = sorted((ROOT / "tests").glob("test_*.py"))
    assert modules
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not [n for n in names if re.match(r"tests\.(test_|conftest\b)", n)], (f"{path.name}: "
                                                                                         f"{ast.unparse(node)}")


def _guides() -> list[Path]:
    guides = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "dev").glob("*.md")),
              *sorted((ROOT / "docs").rglob("*.md"))]
    assert len(guides) > 20
    return guides


def test_the_readme_gives_the_site_the_way_in_without_git_and_the_two_commands_first():
    assert "https://place-based-patterns.github.io/library/" in README.split("## ")[0]
    assert README.index("without Git") < README.index("## Two commands") < README.index("## Other commands")
    assert "make serve" in README and "make test" in README and "make check" in README
    assert "[dev/dependencies.md](dev/dependencies.md)" in README  # why each dependency is there
    assert len(README.split()) < 1200


def test_every_command_is_written_one_way():
    """`make ...`, or `.venv/bin/python -m ...` once make has made .venv: never a bare `python -m` that works
    only in an activated environment (making the environment itself is the one exception)."""
    for path in _guides():
        bare = re.findall(r"(?<![/\w.])python3? -m (?!venv\b)\S+", path.read_text(encoding="utf-8"))
        assert not bare, f"{path.relative_to(ROOT)}: {bare}"


def test_the_readme_and_the_developer_documents_link_only_to_files_that_exist():
    guides = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "SECURITY.md", *sorted((ROOT / "dev").glob("*.md"))]
    for path in guides:
        for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if not re.match(r"^(https?:|mailto:)", target):
                assert (path.parent / target).exists(), f"{path.relative_to(ROOT)}: {target}"

