"""The publish workflow's logic (.github/workflows/publish.yml): a case-study issue becomes a pull request.

    python tools/issue_to_pr.py open     # an editor added the label: from-issue, branch, commit, pull request, comment
    python tools/issue_to_pr.py report   # after the checks ran on that commit: a commit status and a comment

Everything it reads comes from the environment GitHub Actions sets: the event payload file
($GITHUB_EVENT_PATH, which holds the issue), GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL and the
run's address. The issue's text is read from that file by Python and goes to git only as a file's
content and to GitHub's API only as JSON: no part of it is ever on a command line. Git is given fixed
arguments (the branch is named from the issue's number) and the commit message on standard input.

`open` checks the form with `python -m macros from-issue`'s own code (from_issue.convert). When the
answers do not validate, it comments on the issue with each problem under the question it is about,
in the words of the form, and takes the label off so that an editor can add it again once the answers
are corrected. When they do, it commits data/case_studies/<id>.yaml on the branch case-study/issue-<N>,
pushes it, opens a pull request that closes the issue, and comments on the issue with its link. It
writes the commit and the pull request's number to $GITHUB_OUTPUT for the checks that follow.

Pull requests opened with the workflow's token start no other workflow, so the publish workflow runs the
CI workflow itself on that commit; `report` then sets the commit status "CI checks" on the pull request
(pending until then) and says on it whether they passed, with the link to the run.

Errors are one line on standard error, and exit 1.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from the workflow, or imported as tools.issue_to_pr
    sys.path.insert(0, str(ROOT))

from tools.github_calls import STATUS_CONTEXT, Git, GitHub, PublishError  # noqa: E402

LABEL = "publish"  # the label an editor adds (only people with triage rights or more can add labels)
CASE_STUDY_LABEL = "case study"  # the label the case study form gives its issues
ALLOWED_ROLES = {"triage", "write", "maintain", "admin"}
SITE = "https://place-based-patterns.github.io/library/"
FOLDER = "data/case_studies"
ISSUE_NAME = "issue"  # the file name from-issue puts before each problem: 'issue:LINE: Question: message'


class NotAllowed(PublishError):
    """The label was added by someone without triage rights (a misconfigured issue form could do that)."""


# --- What GitHub Actions gives the script ----------------------------------------------------------

@dataclass
class Issue:
    number: int
    title: str
    body: str
    url: str
    labels: list[str]
    label: str  # the label just added
    sender: str  # who added it


def read_event(path: Path) -> Issue:
    """The issue from the event payload file. Its text is data: it is only ever passed on as data."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
        issue = event["issue"]
        number = issue["number"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        said = f"{path}: not an issue event payload ({error}); run this from the publish workflow"
        raise PublishError(said) from error
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise PublishError(f"{path}: the issue number {number!r} is not a positive whole number")
    return Issue(number=number, title=str(issue.get("title") or ""), body=str(issue.get("body") or ""),
                 url=str(issue.get("html_url") or ""),
                 labels=[str(label.get("name")) for label in issue.get("labels") or []],
                 label=str((event.get("label") or {}).get("name") or ""),
                 sender=str((event.get("sender") or {}).get("login") or ""))


def environment(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise PublishError(f"${name} is not set; run this from the publish workflow, which sets it")
    return value


def run_address() -> str:
    server, repository, run_id = (os.environ.get(n, "")
                                  for n in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repository}/actions/runs/{run_id}" if server and repository and run_id else ""


def write_outputs(**values: str) -> None:
    """Step outputs for the jobs that follow (the commit, the pull request): fixed names, hex digits and numbers
    only."""
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.writelines(f"{name}={value}\n" for name, value in values.items())


def summary(line: str) -> None:
    """A line in the run's summary page and in its log."""
    print(line)
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n\n")


# --- The comment, in the contributor's words -------------------------------------------------------

PROBLEM = re.compile(rf"^{re.escape(ISSUE_NAME)}:(\d+): (.+?): (.*)$")
PERSONAL = re.compile(r"^contains what looks like (.+?) \(")
PERSONAL_TAIL = "). Remove it: the library never publishes details"
# Phrases of from-issue's messages meant for an editor at a terminal, said for the contributor instead.
FOR_CONTRIBUTORS = (
    (re.compile(r" \(in the case study: [^()]*\)"), ""),
    (re.compile(r"See 'Consent, safeguarding and anonymity' in CONTRIBUTING\.md\."),
     f"See [consent, safeguarding and anonymity]({SITE}contribute/safeguarding/)."),
    (re.compile(r"If it is a public organisational contact, list it exactly under public_contact_details\."),
     "If it is an organisation's public contact detail, say so in a comment and an editor will check it."),
    (re.compile(r"gives the id '([a-z0-9-]+)', but \S+ already exists\. Change the title or pass --force to replace "
                r"the file,"),
     r"makes the same page address as a case study already in the library (\1). Change the title,"),
    (re.compile(r"which \S+\.yaml already uses\."), "which a case study already in the library uses."),
)


def in_contributors_words(problem: str) -> tuple[str, str]:
    """(question, message) for one from-issue problem, without file names, line numbers, field paths or options
    of a command; personal data found is named by its kind only, so the comment does not publish it again."""
    match = PROBLEM.match(problem)
    question, message = (match.group(2), match.group(3)) if match else ("", problem)
    personal = PERSONAL.match(message)
    if personal and PERSONAL_TAIL in message:
        message = (f"contains what looks like {personal.group(1)} (not repeated "
                   f"here){message[message.rindex(PERSONAL_TAIL) + 1:]}")
    for pattern, replacement in FOR_CONTRIBUTORS:
        message = pattern.sub(replacement, message)
    return question, message


def problems_comment(problems: list[str]) -> str:
    lines = ["Thank you for your case study. Before it can become a page, these answers need a change:", ""]
    for problem in problems:
        question, message = in_contributors_words(problem)
        text = _inert(message)
        lines.append(f"- **{_inert(question)}**: {text}" if question else f"- {text}")
    lines += ["", "To change an answer, open the **...** menu on your first comment, then **Edit**; correct the answer "
              "under its question and save. Then say so in a comment: an editor will check it again.",
              "", f"_Checked with the library's own rules by the publish workflow{_run_link()}._"]
    return "\n".join(lines)


def _inert(text: str) -> str:
    """Contributed text quoted in a comment, shown as written: no HTML, no mentions of people, no links made from it."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"@(?=\w)", "@\u2060", text)  # a word joiner after @: nobody is notified


def _run_link() -> str:
    address = run_address()
    return f" ([the run]({address}))" if address else ""


# --- open ------------------------------------------------------------------------------------------

@dataclass
class Opened:
    branch: str
    path: str
    sha: str
    pull: int
    pull_url: str


def open_pull_request(issue: Issue, folder: Path, github: GitHub, git: Git, base: str = "main") -> Opened | None:
    """The whole of `open`: the pull request it opened, or None when it commented instead."""
    if issue.label != LABEL:
        summary(f"The label added was {issue.label!r}, not {LABEL!r}: nothing to do.")
        return None
    role = github.role(issue.sender)
    if role not in ALLOWED_ROLES:
        raise NotAllowed(f"{issue.sender} added the label but has the role {role!r}; only people with triage rights or "
                         "more may publish")
    if CASE_STUDY_LABEL not in issue.labels:
        github.comment(issue.number,
                       f"The `{LABEL}` label only works on issues made with the case study form (they carry "
                       f"the `{CASE_STUDY_LABEL}` label); this one does not, so nothing was done.")
        github.remove_label(issue.number, LABEL)
        return None
    branch = f"case-study/issue-{issue.number}"
    existing = github.open_pull(branch)
    if existing:
        github.comment(issue.number,
                       f"This issue already has a pull request: {existing['html_url']}. Change the case study "
                       "there; to start again from the issue, close that pull request, delete its branch and "
                       "add the label again.")
        return None
    if git("ls-remote", "--heads", "origin", f"refs/heads/{branch}").stdout.strip():
        github.comment(issue.number,
                       f"The branch `{branch}` already exists, without an open pull request. An editor can open "
                       "one from it, or delete it and add the label again.")
        github.remove_label(issue.number, LABEL)
        return None

    from macros import from_issue  # PyYAML is needed from here on: `report` runs without it

    started = time.monotonic()
    result = from_issue.convert(issue.body, ISSUE_NAME, folder)
    if result.path is None:
        github.comment(issue.number, problems_comment(result.problems))
        github.remove_label(issue.number, LABEL)
        summary(f"{len(result.problems)} problem(s) in the issue's answers: commented on #{issue.number} "
                f"({time.monotonic() - started:.1f} s).")
        return None

    path = result.path.resolve().relative_to(folder.resolve()).as_posix()
    git("switch", "--quiet", "--create", branch)
    git("add", "--", FOLDER)
    staged = git("diff", "--cached", "--name-only").stdout.split()
    if staged != [path]:
        raise PublishError(f"expected to commit only {path}, but git has {', '.join(staged) or 'nothing'} staged")
    title = _case_study_title(result.path) or issue.title
    git("commit", "--quiet", "--file=-",
        stdin=f"Add the case study from issue #{issue.number}\n\n{path}, a draft made by "
              f"the publish workflow with from-issue.\n")
    sha = git("rev-parse", "HEAD").stdout.strip()
    git("push", "--quiet", "origin", f"HEAD:refs/heads/{branch}")
    pull = github.create_pull(branch, base, f"Case study: {title}"[:250], pull_body(issue, path))
    opened = Opened(branch, path, sha, int(pull["number"]), str(pull["html_url"]))
    github.status(sha, "pending", "The checks are running in the publish workflow", run_address())
    github.comment(issue.number, f"Thank you: your case study is now a pull request, {opened.pull_url}. The library's "
                                 "checks run on it next, and an editor will review it there with you.")
    write_outputs(sha=sha, pull=str(opened.pull))
    summary(f"Opened {opened.pull_url} from #{issue.number}: {path} on {branch} ({time.monotonic() - started:.1f} s "
            "from "
            "reading the issue to the comment).")
    return opened


def _case_study_title(path: Path) -> str:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return " ".join(str(data.get("title") or "").split()) if isinstance(data, dict) else ""


def pull_body(issue: Issue, path: str) -> str:
    return "\n".join([
        f"Closes #{issue.number}.",
        "",
        f"Made from the issue's answers by the publish workflow, with `python -m macros from-issue`: `{path}`, a draft "
        "that passes validation. Nothing else is changed.",
        "",
        f"The checks run in the publish workflow, not as a separate CI run, and report here as **{STATUS_CONTEXT}** "
        "(a pull request opened by a workflow starts no other workflow). Any commit an editor pushes to this branch "
        "runs CI as usual.",
        "",
        "For the editor, before merging: the review criteria in docs/contribute/review.md; change a finding's "
        "`basis` to `editorial` where it is an interpretation, and ask the contributor to check the preview "
        "(**site-preview** under the run's artifacts).",
    ])


# --- report ----------------------------------------------------------------------------------------

RESULTS = {"success": ("success", "The checks passed"), "failure": ("failure", "The checks failed"),
           "cancelled": ("error", "The checks were cancelled"), "skipped": ("error", "The checks did not run")}


def report(github: GitHub, sha: str, pull: str, result: str) -> None:
    if not re.fullmatch(r"[0-9a-f]{40}", sha) or not pull.isdigit():
        raise PublishError(f"SHA={sha!r} and PULL={pull!r} must be a commit and a pull request number from the "
                           "open job")
    state, said = RESULTS.get(result, ("error", f"The checks ended as {result!r}"))
    address = run_address()
    github.status(sha, state, said, address)
    where = f" Details, and the built site to download as **site-preview**: {address}" if address else ""
    github.comment(int(pull), f"{said} on {sha[:7]}.{where}")
    summary(f"{said}: status {state!r} set on {sha[:7]} and said on #{pull}.")


def _tell_the_issue(github: GitHub, issue: Issue, error: PublishError) -> None:
    """Say on the issue that the workflow stopped, so nobody waits for a pull request that is not coming."""
    try:
        github.comment(issue.number, f"The publish workflow stopped before it could open a pull request{_run_link()}: "
                                     f"{_inert(str(error))}. An editor will look into it, then add the label again.")
    except PublishError:
        pass  # the error itself is in the log


# --- Command line ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv not in (["open"], ["report"]):
        print("Usage: python tools/issue_to_pr.py open|report (from the publish workflow)", file=sys.stderr)
        return 2
    try:
        github = GitHub(environment("GITHUB_REPOSITORY"), environment("GITHUB_TOKEN"),
                        os.environ.get("GITHUB_API_URL") or "https://api.github.com")
        if argv == ["report"]:
            report(github, os.environ.get("SHA", ""), os.environ.get("PULL", ""), os.environ.get("CHECKS", ""))
            return 0
        issue = read_event(Path(environment("GITHUB_EVENT_PATH")))
        folder = Path.cwd()
        git = Git(folder, os.environ["GITHUB_TOKEN"], os.environ.get("GITHUB_SERVER_URL") or "https://github.com")
        try:
            open_pull_request(issue, folder, github, git, os.environ.get("BASE") or "main")
        except NotAllowed:
            raise
        except PublishError as error:
            _tell_the_issue(github, issue, error)
            raise
        return 0
    except PublishError as error:
        print(f"issue_to_pr: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
