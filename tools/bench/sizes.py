"""What each build weighs on disk: the whole site, the search index, and the HTML of its pages by kind."""

from __future__ import annotations

import statistics
from pathlib import Path

from .html_parts import html_breakdown
from .pages import site_pages
from .targets import TARGETS

CONTENT_KINDS = ("precondition", "case study", "docs", "home")  # pages of text, held to the HTML target


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def size_report(site: Path) -> dict:
    pages = site_pages(site)
    html = {url: (site / url / "index.html").stat().st_size for url in pages}
    by_kind: dict = {}
    for url, kind in pages.items():
        by_kind.setdefault(kind, []).append(html[url])
    content = {url: b for url, b in html.items() if pages[url] in CONTENT_KINDS}
    return {
        "site_bytes": folder_bytes(site),
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": folder_bytes(site / "pagefind") if (site / "pagefind").is_dir() else 0,
        "html_by_kind": {kind: {"pages": len(v), "median": statistics.median(v), "max": max(v)}
                         for kind, v in by_kind.items()},
        "listings": {url: html[url] for url in pages if pages[url] == "listing"},
        "precondition_html": sorted(b for url, b in html.items() if pages[url] == "precondition"),
        "largest_content_pages": sorted(content.items(), key=lambda kv: -kv[1])[:5],
        "content_pages_over_target": sum(1 for b in content.values() if b >= TARGETS["content_html_bytes"]),
        "content_pages": len(content),
        "median_case_study_html_parts": median_case_study_parts(site, pages, html),
    }


def median_case_study_parts(site: Path, pages: dict[str, str], html: dict[str, int]) -> dict[str, int]:
    """The parts of the HTML of the case study whose page has the median size; {} when there is none."""
    cases = sorted((u for u, k in pages.items() if k == "case study"), key=lambda u: html[u])
    if not cases:
        return {}
    return html_breakdown((site / cases[len(cases) // 2] / "index.html").read_text())
