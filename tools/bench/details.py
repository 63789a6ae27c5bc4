"""What the table summarises, printed before it: build phases, the parts of a page's HTML, the files search
fetched, and the Lighthouse audits and metrics behind each score."""

from __future__ import annotations

import os

from .lighthouse import entries
from .table import kb
from .targets import TARGETS


def print_details(report: dict) -> None:
    for section in (build_details, size_details, weight_details, search_details, lighthouse_details):
        section(report)


def build_details(report: dict) -> None:
    for key, b in report["builds"].items():
        if "phases" not in b:
            continue
        runs = ", ".join(f"{r:.2f}" for r in b["all_runs_s"])
        print(f"\nBuild phases, {key} ({b['case_studies']} case studies, fastest of {runs} s; "
              f"load average {b['load_average'][0]:.1f} on {os.cpu_count()} CPUs):")
        for name, seconds in b["phases"].items():
            print(f"  {name:<52} {seconds:7.2f} s")
        for kind, k in sorted(b["per_page_kind"].items()):
            print(f"  {kind + ' pages':<20} {k['pages']:5}: Markdown {k['markdown_s']:6.2f} s, "
                  f"templates {k['template_s']:6.2f} s")


def size_details(report: dict) -> None:
    for key, s in report["sizes"].items():
        parts = s.get("median_case_study_html_parts")
        if parts:
            print(f"\nHTML of the median case-study page, {key}: "
                  + ", ".join(f"{k} {kb(v)}" for k, v in parts.items()))
        print(f"Largest content pages, {key}: " + ", ".join(f"{u} {kb(b)}" for u, b in s["largest_content_pages"]))


def weight_details(report: dict) -> None:
    """The first load of the largest precondition page of each site, by type of file."""
    for key, w in report.get("weights", {}).items():
        pre = w["by_kind"].get("precondition")
        if pre:
            types = sorted(w["pages"][pre["largest"]]["by_type"].items(), key=lambda kv: -kv[1]["gzip"])
            print(f"\nFirst load of {pre['largest']}, {key}, by type (gzip): "
                  + ", ".join(f"{t} {kb(v['gzip'])} in {v['requests']}" for t, v in types))


def search_details(report: dict) -> None:
    """The search that fetched most: its files, Pagefind's part of them and Pagefind's floor; then every run's time."""
    if "search" not in report:
        return
    worst = max(report["search"]["runs"], key=lambda r: r["gzip_before_result"])
    files = sorted(worst["files_before_result"].items(), key=lambda kv: -kv[1])
    print(f"\nSearch for {worst['query']!r}: files fetched before the first result (gzip): "
          + ", ".join(f"{u} {kb(b)}" for u, b in files))
    print("Pagefind's part of it: " + ", ".join(f"{part} {kb(b)}" for part, b in worst["pagefind_parts"].items())
          + f"; Pagefind alone, asked for this word, fetches {kb(worst['pagefind_floor_gzip'])} to give its first "
          "result (its floor)")
    print("Search runs (ms from the last keystroke): "
          + ", ".join(f"{r['query']} {r['ms_from_last_key']:.0f}" for r in report["search"]["runs"]))


def lighthouse_details(report: dict) -> None:
    for site_key, label, form_factor, e in entries(report):
        where = f"Lighthouse {site_key}, {label}, {form_factor}"
        for error in sorted(set(e.get("errors", []))):
            print(f"\n{where}: a run failed: {error.strip()[:300]}")
        if e.get("failing"):
            print(f"\n{where}: audits below full marks in some run:")
            for f in e["failing"]:
                print(f"  - {f}")
        if e.get("metrics_median"):
            scores = [s["performance"] for s in e["all_scores"]]
            print(f"{where}: all runs {scores}; " + metrics_text(e["metrics_median"]))
            if form_factor == "mobile" and e["scores"]["performance"] < TARGETS["lighthouse_perf_mobile"]:
                for what, spent in e["main_thread"].items():
                    # a script by its file name; an address that ends in / (the page itself) in full
                    print(f"  main thread {what}: "
                          + ", ".join(f"{k.rsplit('/', 1)[-1] or k} {v}" for k, v in spent.items()))


def metrics_text(metrics: dict[str, float]) -> str:
    """Each metric in milliseconds, but layout shift, which is a fraction."""
    return ", ".join(f"{k} {v:.3f}" if k == "cumulative-layout-shift" else f"{k} {v:.0f}" for k, v in metrics.items())
