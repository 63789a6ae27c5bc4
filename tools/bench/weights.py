"""What a first visit downloads, page by page, in Chromium: a sample of every kind of page of a site."""

from __future__ import annotations

import statistics
from pathlib import Path

from .chromium import Recorder
from .pages import site_pages


def page_weight(browser, url: str) -> dict:
    """What a first visit to `url` downloads: HTML, CSS, JS, fonts, images, by type, raw and gzip."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes = recorder.sizes()
    context.close()
    by_type: dict = {}
    for item in sizes.values():
        t = by_type.setdefault(item["type"], {"raw": 0, "gzip": 0, "requests": 0})
        t["raw"] += item["raw"]
        t["gzip"] += item["gzip"]
        t["requests"] += 1
    return {"raw": sum(i["raw"] for i in sizes.values()), "gzip": sum(i["gzip"] for i in sizes.values()),
            "requests": len(sizes), "by_type": by_type}


def numbered(url: str) -> tuple[str, int] | None:
    """(folder, n) for the n-th page of a paged listing such as 'case-studies/page/3/'; None for any other page."""
    folder, slash, number = url[:-1].rpartition("/")  # not (.*/)(\d+)/, which from anywhere reads to the end
    return (folder + slash, int(number)) if url.endswith("/") and slash and number.isdecimal() else None


def weight_sample(pages: dict[str, str]) -> list[str]:
    """The home page, every precondition and docs page, every listing page but the middle pages of a paged one
    (page 2 and the last are weighed), and up to 50 case studies and 10 places spread through the site."""
    def spread(kind, count):
        urls = sorted(u for u, k in pages.items() if k == kind)
        return urls[:: max(1, len(urls) // count)][:count]

    last = {}
    for url in pages:
        if numbered(url):
            folder, n = numbered(url)
            last[folder] = max(last.get(folder, 0), n)
    listings = [u for u, k in pages.items()
                if k == "listing" and (not numbered(u) or numbered(u)[1] in (2, last[numbered(u)[0]]))]
    return ([u for u, k in pages.items() if k in ("home", "precondition", "docs", "search")]
            + listings + spread("case study", 50) + spread("place", 10))


def weigh_site(browser, base: str, site: Path) -> dict:
    """The first load of every page of the sample, and per kind of page its median and largest."""
    pages = site_pages(site)
    results = {}
    for url in weight_sample(pages):
        results[url] = {"kind": pages[url], **page_weight(browser, base + url)}
    by_kind: dict = {}
    for url, r in results.items():
        by_kind.setdefault(r["kind"], []).append((r["raw"], r["gzip"], url))
    summary = {}
    for kind, rows in by_kind.items():
        largest = max(rows, key=lambda r: r[1])
        summary[kind] = {"pages": len(rows), "median_raw": statistics.median(r[0] for r in rows),
                         "median_gzip": statistics.median(r[1] for r in rows), "max_raw": max(r[0] for r in rows),
                         "max_gzip": largest[1], "largest": largest[2]}
    return {"by_kind": summary, "pages": results}
