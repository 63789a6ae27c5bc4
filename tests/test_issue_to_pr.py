"""The publish workflow's script (tools/issue_to_pr.py), run as the workflow runs it: against a real git
repository with a remote in a temporary folder, and a stand-in for GitHub's REST API on 127.0.0.1 that
records every call. Every git command it runs goes through a wrapper that records its arguments, so the
tests can say that nothing of the issue's text was ever on a command line."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.support import copy_project
from tests.support.records import GOOD, GOOD_ID, answer

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "place-based-patterns/library"
TOKEN = "ghs_test-token-never-on-a-command-line"
BRANCH = "case-study/issue-42"
GIT = shutil.which("git")
GIT_ENV = {"GIT_AUTHOR_NAME": "Maintainer", "GIT_AUTHOR_EMAIL": "m@example.org", "GIT_COMMITTER_NAME": "Maintainer",
           "GIT_COMMITTER_EMAIL": "m@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str) -> str:
    result = subprocess.run([GIT, *args], cwd=folder, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- A stand-in for GitHub's REST API ---------------------------------------------------------------

class FakeGitHub(ThreadingHTTPServer):
    """Answers the calls the script makes, as GitHub does, and keeps them in `calls`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.calls: list[tuple[str, str, dict | None, dict]] = []
        self.roles = {"editor": "triage"}
        self.pulls: list[dict] = []
        self.refuse_pulls = ""  # a message to refuse POST /pulls with (403)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def made(self, method: str, suffix: str = "") -> list[dict | None]:
        return [body for m, path, body, _ in self.calls if m == method and path.split("?")[0].endswith(suffix)]

    def comments(self, number: int = 42) -> list[str]:
        return [body["body"] for body in self.made("POST", f"/issues/{number}/comments")]


class _Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def _answer(self, status: int, data) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.server.calls.append((self.command, self.path, body, dict(self.headers)))
        prefix = f"/repos/{REPOSITORY}"
        if not self.path.startswith(prefix) or self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._answer(401, {"message": "Bad credentials"})
        path = self.path[len(prefix):]
        if self.command == "GET" and path.startswith("/collaborators/"):
            user = path.split("/")[2]
            return self._answer(200, {"role_name": self.server.roles.get(user, "read")})
        if self.command == "GET" and path.startswith("/pulls?"):
            query = parse_qs(urlsplit(path).query)
            return self._answer(200,
                                [p for p in self.server.pulls if query["head"]
                                 == [f"place-based-patterns:{p['head']}"]])
        if self.command == "POST" and path == "/pulls":
            if self.server.refuse_pulls:
                return self._answer(403, {"message": self.server.refuse_pulls})
            number = 100 + len(self.server.pulls)
            pull = {"number": number, "html_url": f"https://github.com/{REPOSITORY}/pull/{number}",
                    "head": body["head"]}
            self.server.pulls.append(pull)
            return self._answer(201, pull)
        if self.command == "POST" and (path.endswith("/comments") or path.startswith("/statuses/")):
            return self._answer(201, {"id": 1})
        if self.command == "DELETE" and "/labels/" in path:
            return self._answer(200, [])
        return self._answer(404, {"message": "Not Found"})

    do_GET = do_POST = do_DELETE = _handle

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    server = FakeGitHub()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


# --- A real repository, its remote, and a git that records its arguments -------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The project committed on main in a bare repository, as GitHub holds it."""
    root = tmp_path_factory.mktemp("repository")
    project = copy_project(root / "project")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message=The library")
    git(root, "clone", "--quiet", "--bare", str(project), "template.git")
    return root / "template.git"


class Checkout:
    """A clone of the remote, where the workflow's checkout would be, and a run of the script in it."""

    def __init__(self, root: Path, template: Path, api: FakeGitHub):
        self.root, self.api = root, api
        self.remote = root / "remote.git"
        shutil.copytree(template, self.remote)
        git(root, "clone", "--quiet", str(self.remote), "work")
        self.folder = root / "work"
        self.main = git(self.folder, "rev-parse", "HEAD").strip()
        self.argv_log = root / "git-argv.jsonl"
        wrappers = root / "bin"
        wrappers.mkdir()
        wrapper = wrappers / "git"
        wrapper.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                           f"with open({str(self.argv_log)!r}, 'a') as log:\n    log.write(json.dumps(sys.argv[1:]) + "
                           "'\\n')\n"
                           f"os.execv({GIT!r}, [{GIT!r}, *sys.argv[1:]])\n", encoding="utf-8")
        wrapper.chmod(0o755)
        self.path = f"{wrappers}{os.pathsep}{os.environ['PATH']}"

    def run(self, command: str, body: str = GOOD, *, label: str = "publish", labels=("case study", "publish"),
            sender: str = "editor", env: dict | None = None) -> subprocess.CompletedProcess:
        event = {"action": "labeled", "label": {"name": label}, "sender": {"login": sender},
                 "issue": {"number": 42, "title": "Case study: Care leavers", "body": body,
                           "labels": [{"name": n} for n in labels],
                           "html_url": f"https://github.com/{REPOSITORY}/issues/42"}}
        (self.root / "event.json").write_text(json.dumps(event), encoding="utf-8")
        for name in ("output", "summary"):
            (self.root / name).write_text("", encoding="utf-8")
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "GIT_"))}
        environment.update({"PATH": self.path, "GITHUB_EVENT_PATH": str(self.root / "event.json"),
                            "GITHUB_REPOSITORY": REPOSITORY,
                            "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": self.api.url,
                            "GITHUB_SERVER_URL": "https://github.com",
                            "GITHUB_RUN_ID": "123", "GITHUB_OUTPUT": str(self.root / "output"),
                            "GITHUB_STEP_SUMMARY": str(self.root / "summary"), "GIT_CONFIG_NOSYSTEM": "1",
                            "GIT_CONFIG_GLOBAL": os.devnull, **(env or {})})
        command_line = [sys.executable, "tools/issue_to_pr.py", command]
        self.script_argv = command_line
        return subprocess.run(command_line, cwd=self.folder, env=environment, capture_output=True, text=True)

    def git_argv(self) -> list[list[str]]:
        if not self.argv_log.exists():
            return []
        return [json.loads(line) for line in self.argv_log.read_text(encoding="utf-8").splitlines()]

    def outputs(self) -> dict[str, str]:
        return dict(line.split("=", 1) for line in (self.root / "output").read_text(encoding="utf-8").splitlines())

    def remote_branches(self) -> list[str]:
        return git(self.remote, "for-each-ref", "--format=%(refname)", "refs/heads/").split()


@pytest.fixture
def checkout(tmp_path, template, api) -> Checkout:
    return Checkout(tmp_path, template, api)


def from_issue_cli(tmp_path: Path, template: Path, body: str) -> str:
    """The file `python -m macros from-issue` writes for `body` in a checkout of main, as an editor would run it by
    hand."""
    git(tmp_path, "clone", "--quiet", str(template), "by-hand")
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "from-issue", str(tmp_path / "issue.md")],
                            cwd=tmp_path / "by-hand", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    [written] = git(tmp_path / "by-hand", "status", "--porcelain", "--untracked-files=all").splitlines()
    return (tmp_path / "by-hand" / written[3:]).read_text(encoding="utf-8")


def assert_nothing_of(body: str, argv: list[list[str]]):
    """No line of the issue's text (nor the token) is in any argument of any command run."""
    pieces = {line.strip() for line in body.splitlines() if len(line.strip()) >= 6 and not line.startswith("###")}
    pieces |= {TOKEN, base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()}
    for args in argv:
        for arg in args:
            found = [piece for piece in pieces if piece in arg]
            assert not found, f"{found[0]!r} is on the command line: {args}"


# --- A valid issue becomes a pull request ------------------------------------------------------------------

def test_a_valid_issue_becomes_one_commit_on_a_new_branch_and_a_pull_request(checkout, api, template, tmp_path_factory):
    result = checkout.run("open")
    assert result.returncode == 0, result.stdout + result.stderr
    path = f"data/case_studies/{GOOD_ID}.yaml"
    assert checkout.remote_branches() == ["refs/heads/case-study/issue-42", "refs/heads/main"]
    head = git(checkout.remote, "rev-parse", BRANCH).strip()
    assert git(checkout.remote, "rev-parse", f"{BRANCH}~1").strip() == checkout.main, "one commit on top of main"
    assert git(checkout.remote, "diff", "--name-status", "main", BRANCH).split() == ["A", path], ("only the case study "
                                                                                                  "file")
    committed = git(checkout.remote, "show", f"{BRANCH}:{path}")
    assert committed == from_issue_cli(tmp_path_factory.mktemp("by-hand"), template, GOOD), ("exactly what from-issue "
                                                                                             "writes")
    author = git(checkout.remote, "log", "-1", "--format=%an <%ae>%n%s", BRANCH).splitlines()
    assert author == ["github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
                      "Add the case study from issue #42"]

    [pull] = api.made("POST", "/pulls")
    assert pull["head"] == BRANCH and pull["base"] == "main"
    assert pull["title"] == "Case study: Joining up support for care leavers in Northbridge"
    assert pull["body"].startswith("Closes #42.") and path in pull["body"]
    [status] = api.made("POST", f"/statuses/{head}")
    assert (status["state"], status["context"]) == ("pending", "CI checks")
    assert status["target_url"] == f"https://github.com/{REPOSITORY}/actions/runs/123"
    [comment] = api.comments()
    assert f"https://github.com/{REPOSITORY}/pull/100" in comment
    assert checkout.outputs() == {"sha": head, "pull": "100"}
    assert not api.made("DELETE")
    assert_nothing_of(GOOD, checkout.git_argv())


def test_every_api_call_carries_the_token_in_its_header_and_the_text_as_json(checkout, api):
    assert checkout.run("open").returncode == 0
    assert [(m, path.split("?")[0]) for m, path, _, _ in api.calls] == [
        ("GET", f"/repos/{REPOSITORY}/collaborators/editor/permission"), ("GET", f"/repos/{REPOSITORY}/pulls"),
        ("POST", f"/repos/{REPOSITORY}/pulls"), ("POST", f"/repos/{REPOSITORY}/statuses/" + checkout.outputs()["sha"]),
        ("POST", f"/repos/{REPOSITORY}/issues/42/comments")]
    for method, _, body, headers in api.calls:
        assert headers["Authorization"] == f"Bearer {TOKEN}"
        assert (body is not None) == (method == "POST")


# --- An issue whose answers do not validate ------------------------------------------------------------------

# A problem with the form (found first, alone), and one the library's checks find in the case study it makes.
INVALID = answer(answer(GOOD, "E. What happened", "_No response_"), "Consent and safeguarding",
                 "- [ ] Nobody who uses services "
                 "can be identified from what I wrote: no names, ages, addresses, family details or stories only one "
                 "person could have.\n"
                 + GOOD.split("### Consent and safeguarding\n\n- [X] ")[1].split("\n", 1)[1])
PERSONAL = answer(GOOD, "Context",
                  "Northbridge had six services. Write to jo.bloggs@northbridge.example.org for the figures.")


def test_an_invalid_issue_gets_its_problems_under_each_question_and_nothing_is_pushed(checkout, api):
    result = checkout.run("open", INVALID)
    assert result.returncode == 0, result.stderr
    [comment] = api.comments()
    assert "- **E. What happened**: is empty, but E. Trusted partners is marked 'Present'. Say what happened" in comment
    assert "- **Consent and safeguarding**: 'Nobody who uses services can be identified" in comment
    assert ("See [consent, safeguarding and "
            "anonymity](https://place-based-patterns.github.io/library/contribute/safeguarding/)" in comment)
    assert "then **Edit**" in comment
    assert api.made("DELETE", "/issues/42/labels/publish") == [None], "the label comes off, for an editor to add again"
    assert checkout.remote_branches() == ["refs/heads/main"] and not api.made("POST", "/pulls")
    assert checkout.outputs() == {}
    assert git(checkout.folder, "status", "--porcelain") == "", "nothing written in the checkout"


@pytest.mark.parametrize("body", [INVALID, PERSONAL], ids=["form", "personal-data"])
def test_the_comment_is_in_the_contributors_words(checkout, api, body):
    """No file name, line number, field path, YAML key or command option, and the personal detail is not repeated."""
    assert checkout.run("open", body).returncode == 0
    [comment] = api.comments()
    assert comment.count("\n- **") == (2 if body is INVALID else 1)
    if body is PERSONAL:
        assert "- **Context**: contains what looks like an e-mail address (not repeated here). Remove it:" in comment
        assert "Delete revision from history" in comment, "how to clear the issue's history"
    for editor_words in ("issue:", ".yaml", ".md", "in the case study:", "public_contact_details", "--force",
                         "evidence[",
                         "jo.bloggs", "northbridge.example.org"):
        assert editor_words not in comment, editor_words


def test_an_id_already_taken_is_explained_without_file_names(checkout, api):
    taken = answer(GOOD, "Title", "Coventry Ignite")
    taken = answer(taken, "Place", "Coventry")
    assert checkout.run("open", taken).returncode == 0
    [comment] = api.comments()
    assert comment.count("\n- ") == 1 and "- **Title**:" in comment
    assert ".yaml" not in comment and "--force" not in comment and "a case study already in the library" in comment


# --- Hostile text --------------------------------------------------------------------------------------------

HOSTILE_TITLE = "Care leavers $(touch /tmp/pwned-title) `touch /tmp/pwned-tick` ${{ github.token }} in Northbridge"
HOSTILE = answer(answer(GOOD, "Title", HOSTILE_TITLE), "Context",
                 "Northbridge had six services; rm -rf ~ --upload-pack='touch /tmp/pwned-pack' \"; echo pwned >> "
                 "$GITHUB_OUTPUT\n"
                 "sha=0000000000000000000000000000000000000000\n"
                 "### Not a question\n\n<img src=x onerror=alert(1)> @octocat &amp; {{ 7*7 }} --8<-- \"mkdocs.yml\"")


def test_a_hostile_issue_reaches_no_command_line_and_is_committed_as_text(checkout, api):
    result = checkout.run("open", HOSTILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_nothing_of(HOSTILE, checkout.git_argv())
    assert all(arg in ("open",) or "issue_to_pr.py" in arg or arg == sys.executable for arg in checkout.script_argv)
    for marker in ("/tmp/pwned-title", "/tmp/pwned-tick", "/tmp/pwned-pack"):
        assert not Path(marker).exists()
    [branch] = [b for b in checkout.remote_branches() if b != "refs/heads/main"]
    [path] = git(checkout.remote, "diff", "--name-only", "main", branch).split()
    data = yaml.safe_load(git(checkout.remote, "show", f"{branch}:{path}"))
    assert data["title"] == HOSTILE_TITLE, "the text arrives exactly as written"
    assert "--upload-pack='touch /tmp/pwned-pack'" in data["context"] and "<img src=x" in data["context"]
    assert checkout.outputs() == {"sha": git(checkout.remote, "rev-parse", branch).strip(), "pull": "100"}
    [pull] = api.made("POST", "/pulls")
    assert pull["title"] == f"Case study: {HOSTILE_TITLE}", "sent as JSON, as it is"


def test_hostile_text_quoted_in_a_comment_is_inert(checkout, api):
    body = answer(GOOD, "B. Citizen-centred", "<img src=x onerror=alert(1)> @octocat")
    assert checkout.run("open", body).returncode == 0
    [comment] = api.comments()
    assert "- **B. Citizen-centred**:" in comment
    assert "<img" not in comment and "&lt;img src=x onerror=alert(1)&gt;" in comment
    assert "@octocat" not in comment and "@\u2060octocat" in comment, "nobody is notified"


# --- Who may publish, and what is left alone ------------------------------------------------------------------

def test_only_people_with_triage_rights_or_more_can_publish(checkout, api):
    api.roles["stranger"] = "read"
    result = checkout.run("open", sender="stranger")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "only people with triage rights" in result.stderr
    assert not api.comments() and checkout.remote_branches() == ["refs/heads/main"] and checkout.git_argv() == []


def test_another_label_does_nothing(checkout, api):
    result = checkout.run("open", label="question")
    assert result.returncode == 0 and api.calls == [] and checkout.git_argv() == []


def test_an_issue_that_is_not_a_case_study_is_told_so(checkout, api):
    assert checkout.run("open", "### What is wrong\n\nA typo.", labels=("problem", "publish")).returncode == 0
    [comment] = api.comments()
    assert "case study form" in comment and checkout.remote_branches() == ["refs/heads/main"]
    assert api.made("DELETE", "/issues/42/labels/publish") == [None]


def test_a_pull_request_is_never_opened_twice(checkout, api):
    assert checkout.run("open").returncode == 0
    assert checkout.run("open").returncode == 0
    assert len(api.made("POST", "/pulls")) == 1
    assert "already has a pull request: https://github.com/place-based-patterns/library/pull/100" in api.comments()[-1]


def test_a_branch_left_without_a_pull_request_is_named(checkout, api):
    git(checkout.folder, "push", "--quiet", "origin", f"main:refs/heads/{BRANCH}")
    assert checkout.run("open").returncode == 0
    assert f"The branch `{BRANCH}` already exists" in api.comments()[-1] and not api.made("POST", "/pulls")


def test_when_github_refuses_the_pull_request_the_issue_and_the_log_say_what_to_change(checkout, api):
    api.refuse_pulls = "GitHub Actions is not permitted to create or approve pull requests."
    result = checkout.run("open")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "Allow GitHub Actions to create and approve pull requests" in line
    assert "stopped before it could open a pull request" in api.comments()[-1]


# --- After the checks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("checks, state, said", [("success", "success", "The checks passed"),
                                                 ("failure", "failure", "The checks failed"),
                                                 ("cancelled", "error", "The checks were cancelled")])
def test_report_sets_the_status_on_the_commit_and_says_so_on_the_pull_request(checkout, api, checks, state, said):
    sha = "a" * 40
    result = checkout.run("report", env={"SHA": sha, "PULL": "100", "CHECKS": checks})
    assert result.returncode == 0, result.stderr
    [status] = api.made("POST", f"/statuses/{sha}")
    assert (status["state"], status["context"], status["description"]) == (state, "CI checks", said)
    [comment] = api.comments(100)
    assert comment.startswith(said) and "site-preview" in comment and "actions/runs/123" in comment


def test_report_refuses_values_that_are_not_a_commit_and_a_number(checkout, api):
    result = checkout.run("report", env={"SHA": "main; rm -rf ~", "PULL": "100", "CHECKS": "success"})
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1 and api.calls == []
