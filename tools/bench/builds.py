"""Copies of the project at each size, built and timed: the whole build from outside, its phases from inside."""

from __future__ import annotations

import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support import build, copy_project
from tools import synthetic

TIMING_HOOK = Path(__file__).with_name("timing_hook.py")


def make_project(workdir: Path, n: int | None) -> tuple[Path, int]:
    """A copy of the project holding n case studies in all (the real ones plus synthetic ones); None: as it is."""
    project = copy_project(workdir / "project")
    folder = project / "data" / "case_studies"
    real = len(list(folder.glob("*.yaml")))
    if n is not None and n > real:
        synthetic.generate(n - real, folder)
    return project, len(list(folder.glob("*.yaml")))


def add_timing_hooks(project: Path) -> bool:
    """Bracket hooks/library.py with the timing hooks in the copy's mkdocs.yml; False if the line moved."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = "  - hooks/library.py\n"
    if line not in text:
        return False
    for name in ("bench_first", "bench_last"):
        shutil.copyfile(TIMING_HOOK, project / "hooks" / f"{name}.py")
    bracketed = "  - hooks/bench_first.py\n" + line + "  - hooks/bench_last.py\n"
    config.write_text(text.replace(line, bracketed, 1), encoding="utf-8")
    return True


def timed_build(workdir: Path, n: int | None, repeats: int = 1, profile: bool = False) -> dict:
    """Build a copy with n case studies `repeats` times; the fastest run counts (the others met a busier machine)."""
    project, count = make_project(workdir, n)
    hooks = add_timing_hooks(project)
    site = workdir / "site"
    runs = []
    for attempt in range(repeats):
        timings = workdir / f"timings-{attempt}"
        timings.mkdir()
        start_wall, start = time.time(), time.perf_counter()
        result = build(project, site, extra_env={"BENCH_TIMINGS": str(timings)})
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"The build with {count} case studies failed:\n{result.stderr[-4000:]}")
        runs.append((seconds, build_phases(timings, start_wall, start_wall + seconds) if hooks else {}))
    seconds, phases = min(runs, key=lambda r: r[0])
    out = {"case_studies": count, "build_s": seconds, "all_runs_s": [r[0] for r in runs],
           "load_average": os.getloadavg(), "project": str(project), "site": str(site), **phases}
    if profile:
        out["profile"] = profile_build(project, workdir / "site-profiled")
    return out


def build_phases(timings: Path, start: float, end: float) -> dict:
    """Seconds spent in each phase of one build, and in each kind of page, from the two hooks' stamps."""
    try:
        first = json.loads((timings / "bench_first.json").read_text())
        last = json.loads((timings / "bench_last.json").read_text())
    except (OSError, ValueError):
        return {}
    first_at, last_at = first["stamps"], last["stamps"]
    phases = {
        "start-up, config; macros plugin loads + validates data": first_at["config"] - start,
        "library hook on_config (data already cached)": last_at["config"] - first_at["config"],
        "collect files + render generated pages (on_files)": last_at["files"] - last_at["config"],
        "navigation": last_at["nav"] - last_at["files"],
        "read + convert Markdown, all pages": last_at["env"] - last_at["nav"],
        "copy assets + render templates + write pages": first_at["post_build"] - last_at["env"],
        "Pagefind index": last_at["post_build"] - first_at["post_build"],
        "exit": end - last_at["post_build"],
    }
    return {"phases": phases, "per_page_kind": time_by_page_kind(first["pages"], last["pages"])}


def time_by_page_kind(first: dict, last: dict) -> dict:
    """Seconds of Markdown and of templates per kind of page: from the last hook's stamp before a step
    to the first hook's after it (MkDocs runs the hooks in order, the library's between them)."""
    by_kind: dict = {}
    for src, before in last.items():
        after = first.get(src, {})
        kind = by_kind.setdefault(page_kind(src), {"pages": 0, "markdown_s": 0.0, "template_s": 0.0})
        kind["pages"] += 1
        if "markdown" in before and "content" in after:
            kind["markdown_s"] += after["content"] - before["markdown"]
        if "context" in before and "post_page" in after:
            kind["template_s"] += after["post_page"] - before["context"]
    return by_kind


def page_kind(src_uri: str) -> str:
    if src_uri.startswith(("case-studies/page/", "explore/matrix")):
        return "listing"
    if src_uri.startswith("case-studies/") and not src_uri.endswith("index.md"):
        return "case study"
    if src_uri.startswith("preconditions/") and not src_uri.endswith("index.md"):
        return "precondition"
    if src_uri.startswith("places/") and not src_uri.endswith("index.md"):
        return "place"
    return "other"


def profile_build(project: Path, site: Path, top: int = 30) -> list[str]:
    """The build under cProfile (slower than a plain build): the functions with most time, inclusive."""
    stats_file = site.parent / "build.prof"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600", "LIBRARY_OFFLINE": "false",
           "BENCH_TIMINGS": str(site.parent)}
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file),
               "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=True)
    text = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue().splitlines()
