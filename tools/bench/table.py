"""The printed table: each figure, measured, beside its target with PASS or MISS; issue 14's rows first."""

from __future__ import annotations

import os

from .lighthouse import CATEGORIES, entries
from .pages import KEY_LISTINGS
from .sizes import CONTENT_KINDS
from .targets import KB, MB, TARGETS, target_build


def kb(n) -> str:
    return f"{n / KB:,.1f} KB" if n < MB else f"{n / MB:,.2f} MB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(report: dict) -> None:
    rows = []

    def row(figure, measured, target="", ok=None):
        rows.append((figure, measured, target, "" if ok is None else verdict(ok)))

    issue_rows(report, row)
    if rows:
        row("", "")
    for section in (build_rows, marginal_rows, size_rows, weight_rows, search_rows, lighthouse_rows):
        section(report, row)
    print_rows(rows)
    loads = ", ".join(f"{k} {v:.1f}" for k, v in report.get("load_average", {}).items())
    print(f"Load average (1 minute) on this {os.cpu_count()}-CPU machine when each step began: {loads}. "
          "Times and mobile Lighthouse scores suffer when it is above the number of CPUs.")


def print_rows(rows: list[tuple[str, str, str, str]]) -> None:
    """The rows in aligned columns under a header, then how many passed and missed."""
    widths = [max(len(str(r[i])) for r in rows + [("Figure", "Measured", "Target", "")]) for i in range(3)]
    line = f"{'Figure':<{widths[0]}}  {'Measured':<{widths[1]}}  {'Target':<{widths[2]}}  Result"
    print("\n" + line + "\n" + "-" * len(line))
    for figure, measured, target, result in rows:
        print(f"{figure:<{widths[0]}}  {measured:<{widths[1]}}  {target:<{widths[2]}}  {result}")
    misses = sum(1 for r in rows if r[3] == "MISS")
    print(f"\n{sum(1 for r in rows if r[3] == 'PASS')} PASS, {misses} MISS")


# --- Issue 14's table: at N = 1,000 and at the largest N above it ---------------------------------

def issue_rows(report: dict, row) -> None:
    """Each row of issue 14's table, measured, beside its target."""
    builds = report["builds"]
    thousand = target_build(builds)
    if thousand is None:
        return
    big = [k for k in builds if k != thousand and builds[k]["case_studies"] > 1000]
    at = [thousand] + big[-1:]
    scale = " / ".join(f"N = {builds[k]['case_studies']:,}" for k in at)
    key_listing_rows(report, at, scale, row)
    other_listings_row(report, at, scale, row)
    content_page_rows(report, at, row)
    site_and_build_rows(report, at, row)
    if "search" in report:
        search_floor_row(report, row)


def key_listing_rows(report: dict, at: list[str], scale: str, row) -> None:
    """Each listing named in issue 14: its HTML, its first load and its mobile Lighthouse score at each size."""
    sizes, weights = report["sizes"], report.get("weights", {})
    lighthouse = report.get("lighthouse", {}).get(at[0], {})
    for label, url in KEY_LISTINGS.items():
        html = [sizes[k]["listings"].get(url, 0) for k in at]
        first = [weights[k]["pages"][url]["gzip"] for k in at if k in weights and url in weights[k]["pages"]]
        measured = f"HTML {' / '.join(kb(b) for b in html)}"
        ok = None
        if first:
            measured += f"; first load {' / '.join(kb(b) for b in first)} gzip"
            ok = max(first) <= TARGETS["listing_first_load_gzip"]
        score = lighthouse.get(label, {}).get("mobile", {}).get("scores", {}).get("performance")
        if score is not None:
            measured += f"; Lighthouse mobile {score:g}"
            ok = bool(ok) and score >= TARGETS["lighthouse_perf_mobile"]
        row(f"{label} ({scale})", measured, "<= 150 KB gzip first load, Lighthouse mobile >= 95", ok)


def other_listings_row(report: dict, at: list[str], scale: str, row) -> None:
    """Every other listing page that was weighed, by the largest first load among them."""
    sizes, weights = report["sizes"], report.get("weights", {})
    largest: dict[str, int] = {}  # url -> its largest first load over the sizes, gzip
    for k in at:
        for url, page in weights.get(k, {}).get("pages", {}).items():
            if page["kind"] == "listing" and url not in KEY_LISTINGS.values():
                largest[url] = max(largest.get(url, 0), page["gzip"])
    if not largest:
        return
    url = max(largest, key=largest.get)
    largest_html = max(b for k in at for b in sizes[k]["listings"].values())
    row(f"every other listing page ({len(largest)} weighed, {scale})",
        f"largest first load {kb(largest[url])} gzip ({url}); largest HTML of any listing {kb(largest_html)}",
        "<= 150 KB gzip first load", largest[url] <= TARGETS["listing_first_load_gzip"])


def content_page_rows(report: dict, at: list[str], row) -> None:
    """The HTML of precondition pages (the real site too) and of case-study pages."""
    builds, sizes = report["builds"], report["sizes"]
    for k in ["real", *at]:
        pre = sizes[k].get("precondition_html") or []
        if pre:
            row(f"precondition pages ({builds[k]['case_studies']:,} case studies)",
                f"{kb(pre[0])} to {kb(pre[-1])} of HTML", "<= 25 KB", pre[-1] <= TARGETS["content_html_bytes"])
    for k in at:
        cs = sizes[k]["html_by_kind"].get("case study")
        if cs:
            row(f"case-study pages (N = {builds[k]['case_studies']:,})",
                f"median {kb(cs['median'])}, largest {kb(cs['max'])}", "<= 25 KB",
                cs["max"] <= TARGETS["content_html_bytes"])


def site_and_build_rows(report: dict, at: list[str], row) -> None:
    """The site's size and its build time: targets at N = 1,000, reported above it."""
    builds, sizes = report["builds"], report["sizes"]
    for k in at:
        target = k == at[0]
        row(f"site (N = {builds[k]['case_studies']:,})",
            f"{kb(sizes[k]['site_bytes'])} in {sizes[k]['site_files']:,} files",
            "<= 30 MB" if target else "", sizes[k]["site_bytes"] <= TARGETS["site_bytes_1000"] if target else None)
    for k in at:
        target = k == at[0]
        row(f"build (N = {builds[k]['case_studies']:,})",
            f"{builds[k]['build_s']:.1f} s (load average {builds[k]['load_average'][0]:.1f})",
            "<= 10 s" if target else "reported", builds[k]["build_s"] <= TARGETS["build_1000_s"] if target else None)


def search_floor_row(report: dict, row) -> None:
    """Bytes before the first result: under the target, or close to Pagefind's floor with nothing before intent."""
    sr = report["search"]
    ok = sr["max_gzip"] <= TARGETS["search_bytes_gzip"] or (
        sr["max_over_floor"] <= TARGETS["search_floor_margin"] and sr["max_before_intent"] == 0)
    row(f"search: downloaded before the first result (N = {report['search_n']:,})",
        f"{kb(sr['max_gzip'])} gzip with the page; Pagefind {kb(sr['max_pagefind_gzip'])}, "
        f"its floor {kb(sr['largest_floor'])} (at most {sr['max_over_floor']:+.0%} over it); "
        f"before the box is used {kb(sr['max_before_intent'])}",
        "<= 100 KB gzip, or the floor + 10 %", ok)


# --- The rest: every build, size, first load, search and Lighthouse run ---------------------------

def build_rows(report: dict, row) -> None:
    builds = report["builds"]
    thousand = target_build(builds)
    real = builds["real"]
    row(f"Build, real site ({real['case_studies']} case studies)", f"{real['build_s']:.2f} s", "< 5 s",
        real["build_s"] < TARGETS["build_real_s"])
    for key, b in builds.items():
        if key == "real":
            continue
        target, ok = ("< 10 s", b["build_s"] < TARGETS["build_1000_s"]) if key == thousand else ("", None)
        per_case = b["build_s"] / b["case_studies"] * 1000
        row(f"Build, N = {b['case_studies']}", f"{b['build_s']:.2f} s ({per_case:.1f} ms per case study)", target, ok)
        if "phases" in b:
            pagefind = b["phases"]["Pagefind index"]
            row("  of which Pagefind indexing", f"{pagefind:.2f} s ({pagefind / b['build_s']:.0%})")


def marginal_rows(report: dict, row) -> None:
    if "marginal" not in report:
        return
    m = report["marginal"]
    row("Marginal cost per case study, N = 10 to 100", f"{m['low_ms']:.1f} ms")
    row("Marginal cost per case study, N = 100 to 1,000", f"{m['high_ms']:.1f} ms ({m['ratio']:.2f} times the above)",
        "no more than 1.2 times the above", m["ratio"] <= 1 + TARGETS["per_case_flat"])
    row("  (seconds per case study at 100 and 1,000)", f"{m['per_case_100_ms']:.1f} ms, {m['per_case_1000_ms']:.1f} ms")


def size_rows(report: dict, row) -> None:
    thousand = target_build(report["builds"])
    for key, s in report["sizes"].items():
        big = s["case_studies"] >= 1000
        target = key == thousand
        row(f"Site size, N = {s['case_studies']}", f"{kb(s['site_bytes'])} in {s['site_files']:,} files",
            "< 30 MB" if target else "", (s["site_bytes"] < TARGETS["site_bytes_1000"]) if target else None)
        row(f"  search index (pagefind/), N = {s['case_studies']}", kb(s["search_index_bytes"]))
        for kind, h in sorted(s["html_by_kind"].items()):
            held = kind in CONTENT_KINDS and big
            row(f"  HTML of {kind} pages ({h['pages']}): median, largest", f"{kb(h['median'])}, {kb(h['max'])}",
                "< 25 KB each" if held else "", (h["max"] < TARGETS["content_html_bytes"]) if held else None)
        if big:
            row("  content pages at or over 25 KB of HTML", f"{s['content_pages_over_target']} of {s['content_pages']}")
            largest = max(s["listings"].items(), key=lambda kv: kv[1])
            row(f"  listing pages ({len(s['listings'])}): largest HTML", f"{kb(largest[1])} ({largest[0]})")


def weight_rows(report: dict, row) -> None:
    for key, w in report.get("weights", {}).items():
        for kind, k in sorted(w["by_kind"].items()):
            held = kind == "precondition"
            row(f"First load, {kind} pages ({k['pages']}), {key}: median, largest",
                f"{kb(k['median_raw'])} raw / {kb(k['median_gzip'])} gzip; {kb(k['max_raw'])} / {kb(k['max_gzip'])}",
                "< 150 KB gzip" if held else "",
                (k["max_gzip"] < TARGETS["precondition_first_load_gzip"]) if held else None)


def search_rows(report: dict, row) -> None:
    if "search" not in report:
        return
    s = report["search"]
    row(f"Search, N = {report['search_n']}: keystroke to first result (median of {len(s['runs'])})",
        f"{s['median_ms']:.0f} ms (largest {s['max_ms']:.0f} ms)", "< 300 ms", s["median_ms"] < TARGETS["search_ms"])
    row("  downloaded before the first result, whole page (gzip)",
        f"{kb(s['median_gzip'])} median, {kb(s['max_gzip'])} largest", "< 100 KB",
        s["max_gzip"] < TARGETS["search_bytes_gzip"])
    row("  of which Pagefind's files (gzip), largest", kb(s["max_pagefind_gzip"]))


def lighthouse_rows(report: dict, row) -> None:
    for site_key, label, form_factor, e in entries(report):
        figure = f"Lighthouse {site_key}: {label}, {form_factor}"
        if "scores" not in e:
            row(figure, "failed: " + (e["errors"][0][:80] if e["errors"] else "?"), "", False)
            continue
        sc = e["scores"]
        ok = all(sc[c] == 100 for c in CATEGORIES[1:]) and (
            form_factor == "desktop" or sc["performance"] >= TARGETS["lighthouse_perf_mobile"])
        target = "perf >= 95, others 100" if form_factor == "mobile" else "a11y, BP, SEO 100"
        failed = f" ({len(e['errors'])} of {e['runs'] + len(e['errors'])} runs failed)" if e["errors"] else ""
        row(figure, f"perf {sc['performance']:g}, a11y {sc['accessibility']:g}, BP {sc['best-practices']:g}, "
            f"SEO {sc['seo']:g}{failed}", target, ok)
