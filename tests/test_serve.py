"""`new-case-study` ends by saying where to see the new page: on a real `mkdocs serve`, run as `make serve`
runs it and on another port than the default, that address (with the port changed as the message says)
shows the page. It used to print http://127.0.0.1:8000/case-studies/<id>/, a 404: the site is served
under /library/, the path it has when published."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from macros import scaffold
from tests.support import copy_project

ROOT = Path(__file__).resolve().parent.parent
TITLE, PLACE = "Checking the address in Testford", "Testford"


def serve_command(port: int) -> list[str]:
    """The Makefile's `serve` recipe, as `make serve PORT=<port>` runs it."""
    recipe = re.search(r"^serve:[^\n]*\n((?:\t[^\n]*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"),
                       re.MULTILINE).group(1)
    line = next(line.strip() for line in recipe.splitlines() if "mkdocs serve" in line)
    return shlex.split(line.replace("$(PY)", sys.executable).replace("$(PORT)", str(port)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 directly, whatever proxy is set


def fetch(url: str) -> tuple[int, str]:
    """The status and text at `url`; status 0 while nothing listens there yet."""
    try:
        with LOCAL.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError:
        return 0, ""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A copy of the project with a new case study from `new-case-study`, served by `mkdocs serve` on a free port."""
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    made = subprocess.run([sys.executable, "-m", "macros", "new-case-study", "--title", TITLE, "--place", PLACE],
                          cwd=project, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    port = free_port()
    assert port != scaffold.SERVE_PORT
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600"}
    server = subprocess.Popen(serve_command(port), cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while fetch(f"http://127.0.0.1:{port}{scaffold.site_path(project)}")[0] != 200:
            assert server.poll() is None, f"mkdocs serve stopped: {server.stderr.read()[-3000:]}"
            assert time.monotonic() < deadline, "mkdocs serve did not answer within 3 minutes"
            time.sleep(0.5)
        yield made.stdout, port
    finally:
        server.terminate()
        server.wait(timeout=30)


def told_address(output: str, port: int) -> str:
    """The address the message gives, with the port changed as its next line says to."""
    line = next(line for line in output.splitlines() if "See it:" in line)
    address = re.search(r"http://\S+", line).group(0)
    default = f":{scaffold.SERVE_PORT}/"
    assert default in address and f"instead of {scaffold.SERVE_PORT}" in output, output
    return address.replace(default, f":{port}/")


def test_the_address_new_case_study_gives_shows_the_page_on_make_serve(served):
    output, port = served
    status, html = fetch(told_address(output, port))
    assert status == 200
    assert re.search(r"<h1[^>]*>\s*" + re.escape(TITLE), html), "the page served is not the new case study's"


def test_the_address_without_the_site_path_is_not_the_page(served):
    """Why the path matters: what the message used to say is a 404 on make serve."""
    output, port = served
    case_id = scaffold.case_study_id(PLACE, TITLE)
    assert fetch(f"http://127.0.0.1:{port}/case-studies/{case_id}/")[0] == 404
    assert f"/library/case-studies/{case_id}/" in told_address(output, port)


def test_the_guides_give_the_address_make_serve_uses():
    for name in ("CONTRIBUTING.md", "docs/contribute/on-your-computer.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        addresses = re.findall(r"http://127\.0\.0\.1:\d+[^\s>`)]*", text)
        assert addresses, name
        for address in addresses:
            served = f"http://127.0.0.1:{scaffold.SERVE_PORT}{scaffold.site_path(ROOT)}"
            assert address.startswith(served), f"{name}: {address}"
