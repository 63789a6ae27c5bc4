"""Lighthouse on Debian's Chromium: the median of several runs per page and form factor, and what fell short."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

from macros import library

from . import ROOT
from .chromium import CHROMIUM, CHROMIUM_ARGS
from .pages import KEY_LISTINGS

BENCH_NODE = ROOT / "bench"  # a Node project of its own: Lighthouse is the benchmark's, not the tests'
LIGHTHOUSE = BENCH_NODE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into bench/node_modules (no install scripts) when the lockfile changed."""
    stamp = BENCH_NODE / "node_modules" / ".installed"
    lock = BENCH_NODE / "package-lock.json"
    if LIGHTHOUSE.exists() and stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=BENCH_NODE, check=True)
    stamp.touch()


def lighthouse_pages(base: str, project: Path, case_id: str | None = None, listings: bool = False) -> dict[str, str]:
    """The home page, a precondition, a case study and the evidence matrix (label -> address);
    with `listings`, all of issue 14's listings too."""
    lib = library.load(project)
    precondition = lib.by_letter.get("E", lib.preconditions[0])
    case = lib.by_id[case_id] if case_id else lib.case_studies[0]
    pages = {
        "home": base,
        f"precondition ({precondition.slug})": f"{base}preconditions/{precondition.slug}/",
        f"case study ({case.id})": f"{base}case-studies/{case.id}/",
        "evidence matrix": f"{base}explore/matrix/",
    }
    if listings:
        pages.update({label: base + url for label, url in KEY_LISTINGS.items()})
    return pages


def lighthouse_report(pages: dict[str, str], runs: int, form_factors=("mobile", "desktop")) -> dict:
    """label -> form factor -> median score per category over `runs` runs, and what failed in any run."""
    out = {}
    for label, url in pages.items():
        for form_factor in form_factors:
            entry = summarise_runs(url, [lighthouse_once(url, form_factor) for _ in range(runs)])
            out.setdefault(label, {})[form_factor] = entry
            print(f"  lighthouse {label} {form_factor}: {entry.get('scores', entry['errors'][:1])}", flush=True)
    return out


def summarise_runs(url: str, results: list[dict]) -> dict:
    """The median of the runs that finished; the errors of those that did not."""
    good = [r for r in results if "scores" in r]
    entry = {"url": url, "runs": len(good), "errors": [r["error"] for r in results if "error" in r]}
    if good:
        entry["scores"] = {c: statistics.median(r["scores"][c] for r in good if r["scores"][c] is not None)
                           for c in CATEGORIES}
        entry["all_scores"] = [r["scores"] for r in good]
        entry["failing"] = sorted({f"{k}: {v}" for r in good for k, v in r["failing"].items()})
        entry["metrics_median"] = {m: statistics.median(r["metrics"][m] for r in good) for m in METRICS}
        entry["main_thread"] = good[len(good) // 2]["main_thread"]
    return entry


def lighthouse_once(url: str, form_factor: str) -> dict:
    """One Lighthouse run: scores, the audits below full marks, the metrics and the main thread's time; or the error."""
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        return {"error": (result.stderr or result.stdout)[-2000:]}
    report = json.loads(result.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"][c]["score"] is not None else None
              for c in CATEGORIES}
    metrics = {m: report["audits"][m].get("numericValue") for m in METRICS if m in report["audits"]}
    return {"scores": scores, "failing": failing_audits(report), "metrics": metrics, "main_thread": main_thread(report)}


def failing_audits(report: dict) -> dict[str, str]:
    """Audit id -> its title and up to three elements it names, for each weighted audit below full marks in the
    categories held to 100 (performance is held to a score, not to each of its audits)."""
    failing = {}
    for c in CATEGORIES[1:]:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                where = [i["node"].get("selector", "") for i in items if isinstance(i, dict) and "node" in i][:3]
                failing[ref["id"]] = audit.get("title", "") + (f" (e.g. {'; '.join(where)})" if where else "")
    return failing


def main_thread(report: dict) -> dict:
    """Where the (simulated, throttled) main thread spends its time: by kind of work and by script."""
    def items(audit, key, value):
        details = report["audits"].get(audit, {}).get("details") or {}
        return {str(i.get(key)): round(i.get(value) or 0) for i in details.get("items", [])[:5]}
    return {"by kind (ms)": items("mainthread-work-breakdown", "groupLabel", "duration"),
            "by script (ms)": items("bootup-time", "url", "total")}


def entries(report: dict):
    """(site, page label, form factor, entry) for every page and form factor Lighthouse ran on in a report."""
    for site_key, pages in report.get("lighthouse", {}).items():
        for label, forms in pages.items():
            for form_factor, entry in forms.items():
                yield site_key, label, form_factor, entry
