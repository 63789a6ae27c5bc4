"""The benchmark's command line and the order of its steps (what each step does: the modules beside this one)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from . import ROOT
from .builds import timed_build
from .chromium import CHROMIUM, CHROMIUM_ARGS
from .details import print_details
from .lighthouse import ensure_lighthouse, lighthouse_pages, lighthouse_report
from .pages import median_case_study
from .search import search_report
from .server import Server
from .sizes import size_report
from .table import print_table
from .targets import TARGETS, target_build
from .weights import weigh_site

RESULTS = ROOT / "bench-results"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench",
                                     description="The pattern library's benchmark (not a test).")
    parser.add_argument("--sizes", default="10,100,1000,10000",
                        help="numbers of case studies to build with (default 10,100,1000,10000)")
    parser.add_argument("--repeats", type=int, default=2,
                        help="builds per size up to 1,000; the fastest counts (default 2; larger sizes once)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="runs per page and form factor; the median is reported")
    parser.add_argument("--skip", action="append", default=[], choices=["lighthouse", "browser", "scale-lighthouse"])
    parser.add_argument("--profile", action="store_true",
                        help="also build N = 1,000 under cProfile and print the top functions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and sites")
    parser.add_argument("--report", type=Path, help="print the tables of an earlier run's JSON file and stop")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
        print_details(report)
        print_table(report)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    report: dict = {"started": now(), "machine": {"cpus": os.cpu_count()}, "targets": TARGETS,
                    "builds": {}, "sizes": {}}
    tmp = Path(tempfile.mkdtemp(prefix="library-bench-"))
    try:
        measure(report, args, sizes, tmp)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"Kept the copies and sites in {tmp}")
    report["finished"] = now()
    report["load_average"]["end"] = os.getloadavg()[0]
    out = save(report)
    print_details(report)
    print_table(report)
    for key, b in report["builds"].items():
        if b.get("profile"):
            print(f"\ncProfile of the build, {key} (slower than a plain build):")
            print("\n".join(b["profile"]))
    print(f"\nAll figures: {out.relative_to(ROOT)}")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def measure(report: dict, args: argparse.Namespace, sizes: list[int], tmp: Path) -> None:
    """Every step in turn, each adding its figures to `report`: builds, sizes, then Chromium and Lighthouse."""
    report["load_average"] = {"start": os.getloadavg()[0]}
    print("Building the real site ...", flush=True)
    report["builds"]["real"] = timed_build(tmp / "real", None, args.repeats)
    for n in sizes:
        print(f"Building with {n} case studies ...", flush=True)
        repeats = args.repeats if n <= 1000 else 1  # a larger build takes minutes: once is enough
        report["builds"][f"N={n}"] = timed_build(tmp / f"n{n}", n, repeats, profile=args.profile and n == 1000)
    for key, b in report["builds"].items():
        report["sizes"][key] = {"case_studies": b["case_studies"], **size_report(Path(b["site"]))}
    marginal = marginal_cost(report["builds"])
    if marginal:
        report["marginal"] = marginal
    if "browser" not in args.skip:
        browser_steps(report, args)


def marginal_cost(builds: dict) -> dict | None:
    """What one more case study costs to build, from 10 to 100 and from 100 to 1,000; None without those sizes."""
    times = {b["case_studies"]: b["build_s"] for k, b in builds.items() if k != "real"}
    if not {10, 100, 1000} <= set(times):
        return None
    low, high = (times[100] - times[10]) / 90, (times[1000] - times[100]) / 900
    return {"low_ms": low * 1000, "high_ms": high * 1000, "ratio": high / low,
            "per_case_100_ms": times[100] / 100 * 1000, "per_case_1000_ms": times[1000] / 1000 * 1000}


def browser_steps(report: dict, args: argparse.Namespace) -> None:
    """Page weights (the real site, N = 1,000 and the largest N) and search (N = 1,000) in Chromium, then Lighthouse."""
    from playwright.sync_api import sync_playwright  # only here: --skip browser and --report need no Playwright

    builds = report["builds"]
    thousand = target_build(builds, "real")
    weighed = list(dict.fromkeys(["real", thousand, list(builds)[-1]]))
    servers = {key: Server(Path(builds[key]["site"])) for key in weighed}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            report["load_average"]["page weights"] = os.getloadavg()[0]
            print("Weighing pages in Chromium ...", flush=True)
            report["weights"] = {key: weigh_site(browser, servers[key].url, Path(builds[key]["site"]))
                                 for key in weighed}
            report["load_average"]["search"] = os.getloadavg()[0]
            print("Timing search in Chromium ...", flush=True)
            report["search_n"] = builds[thousand]["case_studies"]
            report["search"] = search_report(browser, servers[thousand].url)
            browser.close()
        if "lighthouse" not in args.skip:
            lighthouse_steps(report, args, servers, thousand)
    finally:
        for server in servers.values():
            server.close()


def lighthouse_steps(report: dict, args: argparse.Namespace, servers: dict[str, Server], thousand: str) -> None:
    """Lighthouse on the real site (mobile and desktop), then on the listings at N = 1,000 (mobile)."""
    builds = report["builds"]
    ensure_lighthouse()
    report["load_average"]["Lighthouse"] = os.getloadavg()[0]
    print(f"Lighthouse, {args.lighthouse_runs} run(s) per page and form factor ...", flush=True)
    real_pages = lighthouse_pages(servers["real"].url, Path(builds["real"]["project"]))
    report["lighthouse"] = {"real": lighthouse_report(real_pages, args.lighthouse_runs)}
    if "scale-lighthouse" in args.skip or thousand == "real":
        return
    big = builds[thousand]
    pages = lighthouse_pages(servers[thousand].url, Path(big["project"]), case_id=median_case_study(Path(big["site"])),
                             listings=True)
    pages = {label: url for label, url in pages.items() if label != "home"}
    report["lighthouse"][thousand] = lighthouse_report(pages, args.lighthouse_runs, ("mobile",))


def save(report: dict) -> Path:
    """Write the report to bench-results/, under the time it started and as latest.json."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{report['started'].replace(':', '').replace('+0000', 'Z')}.json"
    out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    shutil.copyfile(out, RESULTS / "latest.json")
    return out


if __name__ == "__main__":
    main()
