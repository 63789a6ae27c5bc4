"""The GitHub Actions workflows are safe for a public repository that takes pull requests from strangers:
least privilege, actions pinned to a commit, nothing privileged reachable from a fork, deploys only
from main, and every pull request validated, built, tested and previewed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}$")
# This repository's own workflows: '$/' (GitHub's self-repository form) and './' both resolve to the running commit.
CI = ("$/.github/workflows/ci.yml", "./.github/workflows/ci.yml")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` block as a mapping. YAML 1.1 reads the bare key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def steps(workflow: dict):
    for job_name, job in workflow.get("jobs", {}).items():
        for step in job.get("steps", []) or []:
            yield job_name, step


def uses(workflow: dict):
    """Every `uses:` in the workflow: steps and reusable-workflow jobs."""
    for job in workflow.get("jobs", {}).values():
        if "uses" in job:
            yield job["uses"]
    for _, step in steps(workflow):
        if "uses" in step:
            yield step["uses"]


def grants_write(permissions) -> bool:
    if permissions in ("write-all",):
        return True
    if isinstance(permissions, dict):
        return any(value == "write" for value in permissions.values())
    return False


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_present_and_read_only(path):
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: add a top-level 'permissions:' block (for example contents: read)"
    assert not grants_write(workflow["permissions"]), (f"{path.name}: top-level permissions must not grant write; "
                                                       "grant it to the one job that needs it")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    found = list(uses(load(path)))
    assert found, f"{path.name} uses no actions?"
    for ref in found:
        if ref.startswith(("./", "$/")):
            continue  # an action or workflow in this repository: pinned by the commit being built
        assert not ref.startswith("docker://") or "@sha256:" in ref, f"{path.name}: pin the image by digest: {ref}"
        if not ref.startswith("docker://"):
            assert PINNED.match(ref), (f"{path.name}: pin {ref!r} to a 40-character commit SHA, with the version in a "
                                       "comment")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_pull_request_workflows_hold_no_secrets_or_write_access(path):
    """A fork's pull request runs with whatever its workflow is given: give it nothing to steal."""
    workflow = load(path)
    if "pull_request" not in triggers(workflow):
        return
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\$\{\{\s*secrets\.", text), (f"{path.name}: a workflow run by pull requests must not use "
                                                        "secrets")
    for name, job in workflow["jobs"].items():
        assert not grants_write(job.get("permissions")), (f"{path.name}: job {name!r} runs on pull requests and must "
                                                          "not get write permissions")
        assert "environment" not in job, (f"{path.name}: job {name!r} runs on pull requests and must not use a "
                                          "deployment environment")
    for job_name, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, \
                (f"{path.name}: job {job_name!r}: checkout with persist-credentials: false, so later steps cannot "
                 "reuse the token")


def deploy_jobs():
    for path in WORKFLOWS:
        workflow = load(path)
        for name, job in workflow.get("jobs", {}).items():
            job_uses = [step.get("uses", "") for step in job.get("steps", []) or []]
            environment = job.get("environment")
            environment = environment.get("name") if isinstance(environment, dict) else environment
            if environment == "github-pages" or any(u.startswith("actions/deploy-pages@") for u in job_uses):
                yield path, workflow, name, job


DEPLOY_JOBS = list(deploy_jobs())


def test_there_is_a_deploy_job():
    assert DEPLOY_JOBS


@pytest.mark.parametrize("path, workflow, name, job", DEPLOY_JOBS, ids=[f"{p.name}:{n}" for p, _, n, _ in DEPLOY_JOBS])
def test_deploy_happens_only_from_main(path, workflow, name, job):
    on = triggers(workflow)
    assert not {"pull_request", "pull_request_target"} & set(on), (f"{path.name}: the deploy workflow must not run on "
                                                                   "pull requests")
    if "push" in on:
        assert (on["push"] or {}).get("branches") == ["main"], f"{path.name}: deploy on pushes to main only"
    condition = str(job.get("if", ""))
    assert re.search(r"github\.ref\s*==\s*'refs/heads/main'", condition), \
        (f"{path.name}: job {name!r} needs if: github.ref == 'refs/heads/main', so a manual run from another branch "
         "cannot deploy")
    assert grants_write(job.get("permissions")), f"{path.name}: job {name!r} should be the one job granted pages: write"


@pytest.mark.parametrize("name", ["deploy.yml", "release.yml"])
def test_nothing_is_published_before_the_checks_pass(name):
    """Deploy and Release run the CI workflow first, and their publishing jobs wait for it."""
    workflow = load(ROOT / ".github" / "workflows" / name)
    jobs = workflow["jobs"]
    checks = [job_name for job_name, job in jobs.items() if job.get("uses") in CI]
    assert checks, f"{name}: call $/.github/workflows/ci.yml as a job"
    assert "workflow_call" in triggers(load(ROOT / ".github" / "workflows" / "ci.yml"))

    def waits_for_checks(job_name, seen=()):
        needs = jobs[job_name].get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        return any(n in checks or (n not in seen and waits_for_checks(n, seen + (job_name,))) for n in needs)

    for job_name in jobs:
        if job_name not in checks:
            assert waits_for_checks(job_name), f"{name}: job {job_name!r} must need the checks job"


def test_every_push_is_checked():
    """Pushes to any branch run CI; pushes to main run it through Deploy."""
    push = triggers(load(ROOT / ".github" / "workflows" / "ci.yml"))["push"] or {}
    assert "branches" not in push, "ci.yml: check pushes to every branch (main is checked by deploy.yml)"
    assert push.get("branches-ignore") in (None, ["main"])
    assert (triggers(load(ROOT / ".github" / "workflows" / "deploy.yml"))["push"] or {}).get("branches") == ["main"]


def pull_request_workflows():
    return [(path, load(path)) for path in WORKFLOWS if "pull_request" in triggers(load(path))]


def make_target(name: str) -> str:
    """The recipe of a target in the Makefile, so 'make build' can be checked for --strict."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{name}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.MULTILINE)
    assert match, f"the Makefile has no '{name}' target"
    return match.group(1)


def test_a_workflow_checks_every_pull_request():
    assert pull_request_workflows(), "no workflow runs on pull_request"


def test_the_pull_request_workflow_validates_builds_strictly_tests_and_uploads_a_preview():
    path, workflow = pull_request_workflows()[0]
    runs = [str(step.get("run", "")) for _, step in steps(workflow)]
    commands = "\n".join(runs)
    expanded = commands
    for target in ("validate", "build", "test"):
        if re.search(rf"\bmake\b[^\n]*\b{target}\b", commands):
            expanded += "\n" + make_target(target)
    assert re.search(r"macros validate", expanded), f"{path.name}: validate the data"
    assert re.search(r"mkdocs build[^\n]*--strict", expanded), f"{path.name}: build the site with --strict"
    assert re.search(r"pytest", expanded), f"{path.name}: run the tests"
    uploads = [step for _, step in steps(workflow) if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads, f"{path.name}: upload the built site as an artefact"
    assert any(str((step.get("with") or {}).get("path", "")).rstrip("/") == "site" for step in uploads), \
        f"{path.name}: the artefact must be the built site (site/)"
    # The site is uploaded after it is built: the upload step comes after the build.
    order = [str(step.get("run", "")) + str(step.get("uses", "")) for _, step in steps(workflow)]
    build_at = next(i for i, text in enumerate(order) if re.search(r"make\b[^\n]*\bbuild\b|mkdocs build", text))
    upload_at = next(i for i, text in enumerate(order) if "upload-artifact@" in text)
    assert upload_at > build_at


def test_the_problem_matcher_is_used_so_errors_annotate_changed_lines():
    path, workflow = pull_request_workflows()[0]
    commands = "\n".join(str(step.get("run", "")) for _, step in steps(workflow))
    match = re.search(r"::add-matcher::([^\s\"']+)", commands)
    assert match, f"{path.name}: register the problem matcher before validating"
    assert (ROOT / match.group(1)).is_file()


def test_dependabot_keeps_actions_and_python_pins_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"github-actions", "pip"} <= ecosystems


def test_the_checks_catch_an_unsafe_workflow(tmp_path):
    """The helpers above must be able to fail: an unsafe workflow trips each of them."""
    unsafe = yaml.safe_load("""
on: [pull_request_target]
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: {contents: write}
    steps:
      - uses: actions/checkout@v4
      - run: echo ${{ secrets.TOKEN }}
""")
    assert "pull_request_target" in triggers(unsafe)
    assert grants_write(unsafe["permissions"]) and grants_write(unsafe["jobs"]["build"]["permissions"])
    assert not PINNED.match(next(uses(unsafe)))
    assert PINNED.match("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8")
    assert PINNED.match("github/codeql-action/init@08c6903cd8c0fde910a37f88322edcfb5dd907a8")


def test_ci_produces_the_offline_zip():
    """Trainers take the offline copy to rooms without wifi: every CI run builds and keeps it."""
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    runs = "\n".join(str(step.get("run", "")) for _, step in steps(workflow))
    assert re.search(r"\bmake\b[^\n]*\boffline\b", runs)
    uploads = [step for _, step in steps(workflow) if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert any((step.get("with") or {}).get("path") == "dist/pattern-library-offline.zip" for step in uploads)


def zizmor() -> str:
    """The zizmor installed beside this Python (requirements-test.txt), else one on PATH."""
    beside = Path(sys.executable).with_name("zizmor")
    found = str(beside) if beside.exists() else shutil.which("zizmor")
    assert found, "zizmor is not installed: run make test, which installs requirements-test.txt"
    return found


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot():
    """zizmor's security audits (template injection, excessive permissions, persisted credentials, unpinned
    actions, dangerous triggers...) at their default settings, offline, on everything under .github/."""
    result = subprocess.run([zizmor(), "--offline", "--no-progress", "--format", "plain", str(ROOT / ".github")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert "No findings to report" in result.stdout


def test_zizmor_fails_on_an_unsafe_workflow(tmp_path):
    """The test above can fail: zizmor flags an issue's title reaching a shell, and a token left on disk."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "unsafe.yml").write_text("""\
on:
  issues:
    types: [labeled]
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - run: echo "${{ github.event.issue.title }}"
""", encoding="utf-8")
    result = subprocess.run([zizmor(), "--offline", "--no-progress", "--format", "plain", str(tmp_path / ".github")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "template-injection" in result.stdout and "artipacked" in result.stdout


# --- Publish: an editor's label turns a case-study issue into a pull request (tools/issue_to_pr.py) ---------

PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"


def publish_script():
    sys.path.insert(0, str(ROOT / "tools"))
    import issue_to_pr
    return issue_to_pr


def test_publish_runs_only_when_its_label_is_added():
    workflow = load(PUBLISH)
    assert triggers(workflow) == {"issues": {"types": ["labeled"]}}
    assert workflow["jobs"]["open"]["if"] == f"github.event.label.name == '{publish_script().LABEL}'"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_run_step_holds_an_expression(path):
    """Untrusted text (an issue's title or body, a branch name) cannot become shell code: values reach
    commands through env or files, never `${{ }}` pasted into a script."""
    for job_name, step in steps(load(path)):
        assert "${{" not in str(step.get("run", "")), (f"{path.name}: job {job_name!r}: pass the value through env, "
                                                       f"not ${{{{ }}}} in run")


def test_publish_reads_the_issue_only_from_the_event_file():
    text = PUBLISH.read_text(encoding="utf-8")
    for untrusted in ("github.event.issue.title", "github.event.issue.body", "github.event.comment", "github.head_ref"):
        assert untrusted not in text, untrusted
    runs = [str(step.get("run", "")) for _, step in steps(load(PUBLISH))
            if "issue_to_pr.py" in str(step.get("run", ""))]
    assert runs == ["python tools/issue_to_pr.py open", "python3 tools/issue_to_pr.py report"]


def test_publish_gives_each_job_only_the_permissions_it_needs():
    workflow = load(PUBLISH)
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert (jobs["open"]["permissions"]
            == {"contents": "write", "pull-requests": "write", "issues": "write", "statuses": "write"})
    assert jobs["checks"]["permissions"] == {"contents": "read"}
    assert jobs["report"]["permissions"] == {"statuses": "write", "pull-requests": "write"}
    for job_name, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, job_name
    assert workflow["concurrency"]["cancel-in-progress"] is False, "never stop a run halfway through pushing or opening"


def test_the_pull_request_publish_opens_is_checked_by_ci_and_told_the_result():
    """A pull request opened with the workflow's token starts no workflow: Publish runs CI on its commit, then
    reports."""
    jobs = load(PUBLISH)["jobs"]
    assert jobs["checks"]["uses"] in CI and jobs["checks"]["needs"] == "open"
    assert jobs["checks"]["with"] == {"ref": "${{ needs.open.outputs.sha }}"}
    assert jobs["open"]["outputs"]["sha"] == "${{ steps.open.outputs.sha }}"
    assert set(jobs["report"]["needs"]) == {"open", "checks"} and jobs["report"]["if"].startswith("always() && ")
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "ref" in triggers(ci)["workflow_call"]["inputs"]
    checkout = next(step for _, step in steps(ci) if str(step.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ inputs.ref }}", "CI checks out the commit it is given"
    assert "inputs.ref" in ci["concurrency"]["group"], "a Publish run must not cancel Deploy's checks of main"


def test_no_issue_form_adds_the_publish_label_itself():
    """Only people with triage rights can add labels, unless a form adds it: then anyone could publish."""
    label = publish_script().LABEL
    for form in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        assert label not in (yaml.safe_load(form.read_text(encoding="utf-8")).get("labels") or []), form.name
    assert publish_script().CASE_STUDY_LABEL in load(ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml")["labels"]


def test_editors_are_told_how_publish_works():
    text = (ROOT / "docs" / "contribute" / "review.md").read_text(encoding="utf-8")
    script = publish_script()
    for needed in (f"`{script.LABEL}`", "triage", f"**{script.STATUS_CONTEXT}**",
                   "Allow GitHub Actions to create and approve pull requests"):
        assert needed in text, needed
