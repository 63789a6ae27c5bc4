"""GitHub's REST API and git, as the publish workflow (tools/issue_to_pr.py) uses them.

Every value travels to GitHub as JSON and to git as a fixed argument or on standard input: nothing an issue
holds is ever on a command line. The token reaches git through the environment, never a file on disk.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
STATUS_CONTEXT = "CI checks"


class PublishError(Exception):
    """Something stopped the workflow; the message says what, in one line."""


# --- GitHub's REST API -----------------------------------------------------------------------------

class GitHub:
    """The few REST calls the workflow makes, with the workflow's token. Every value travels as JSON."""

    def __init__(self, repository: str, token: str, api: str = "https://api.github.com"):
        if not re.fullmatch(r"(?<![\w.-])[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):  # linear wherever it is tried
            raise PublishError(f"GITHUB_REPOSITORY={repository!r} is not owner/name")
        self.repository, self.token, self.api = repository, token, api.rstrip("/")

    def call(self, method: str, path: str, payload: dict | None = None, what: str = "") -> dict | list | None:
        request = urllib.request.Request(f"{self.api}/repos/{self.repository}{path}", method=method,
                                         data=None if payload is None else json.dumps(payload).encode("utf-8"))
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if payload is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            doing = what or f"{method} {path}"
            raise PublishError(f"GitHub refused to {doing} ({error.code}: {_api_message(error)})") from error
        except urllib.error.URLError as error:
            doing = what or f"{method} {path}"
            raise PublishError(f"GitHub could not be reached to {doing} ({error.reason})") from error
        return json.loads(text) if text.strip() else None

    def role(self, user: str) -> str:
        answer = self.call("GET", f"/collaborators/{urllib.parse.quote(user, safe='')}/permission",
                           what=f"say what {user} may do")
        return str((answer or {}).get("role_name") or (answer or {}).get("permission") or "none")

    def open_pull(self, branch: str) -> dict | None:
        owner = self.repository.split("/")[0]
        query = urllib.parse.urlencode({"head": f"{owner}:{branch}", "state": "open"})
        found = self.call("GET", f"/pulls?{query}", what="look for an open pull request") or []
        return found[0] if found else None

    def create_pull(self, branch: str, base: str, title: str, body: str) -> dict:
        try:
            return self.call("POST", "/pulls", {"title": title, "head": branch, "base": base, "body": body},
                             what="open the pull request")
        except PublishError as error:
            if "not permitted to create" in str(error):
                raise PublishError(f"{error}; a repository admin can allow it: Settings > Actions > General > Workflow "
                                   "permissions > Allow GitHub Actions to create and approve pull requests") from error
            raise

    def comment(self, number: int, body: str) -> None:
        self.call("POST", f"/issues/{number}/comments", {"body": body}, what=f"comment on #{number}")

    def remove_label(self, number: int, label: str) -> None:
        self.call("DELETE", f"/issues/{number}/labels/{urllib.parse.quote(label, safe='')}",
                  what=f"take the label off #{number}")

    def status(self, sha: str, state: str, description: str, target: str) -> None:
        self.call("POST", f"/statuses/{sha}",
                  {"state": state, "context": STATUS_CONTEXT, "description": description[:140],
                   **({"target_url": target} if target else {})}, what="set the commit status")


def _api_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode("utf-8")).get("message", "")) or error.reason
    except (ValueError, AttributeError):
        return str(error.reason)


# --- Git -------------------------------------------------------------------------------------------

class Git:
    """Git in the checked-out repository. Arguments are fixed strings and the branch name; text goes on stdin.

    The token reaches git through the environment (GIT_CONFIG_*), never a command line or a file on disk:
    the checkout keeps no credentials (persist-credentials: false)."""

    def __init__(self, folder: Path, token: str = "", server: str = "https://github.com"):
        self.folder = folder
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0",
                    "GIT_AUTHOR_NAME": BOT[0], "GIT_AUTHOR_EMAIL": BOT[1], "GIT_COMMITTER_NAME": BOT[0],
                    "GIT_COMMITTER_EMAIL": BOT[1]}
        if token:
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.env.update({"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"http.{server.rstrip('/')}/.extraheader",
                             "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"})

    def __call__(self, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["git", *args], cwd=self.folder, env=self.env, input=stdin, capture_output=True,
                                text=True)
        if check and result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no message"])[-1]
            raise PublishError(f"git {args[0]} failed: {last}")
        return result
