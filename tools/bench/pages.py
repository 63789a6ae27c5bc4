"""What a built site holds: its pages, each of a kind (listing, case study, precondition, ...)."""

from __future__ import annotations

from pathlib import Path

# The listings of issue 14's table, and every page that lists or counts case studies.
KEY_LISTINGS = {"evidence matrix": "explore/matrix/", "case study explorer": "explore/case-studies/",
                "tags page": "explore/tags/", "case studies index": "case-studies/"}
LISTING_PAGES = ("case-studies/", "preconditions/", "places/", "explore/tags/", "explore/case-studies/")
PAGED_LISTINGS = ("case-studies/page/", "explore/matrix/")


def is_listing(url: str) -> bool:
    return url in LISTING_PAGES or url.startswith(PAGED_LISTINGS)


def is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html[:2000]


def url_kind(url: str) -> str:
    if url == "":
        return "home"
    if is_listing(url):
        return "listing"
    if url == "search/":
        return "search"
    for prefix, kind in (("preconditions/", "precondition"), ("case-studies/", "case study"), ("places/", "place")):
        if url.startswith(prefix):
            return kind
    return "docs"


def site_pages(site: Path) -> dict[str, str]:
    """URL -> kind for every page of a built site; redirects and the 404 page left out."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(("pagefind/", "assets/")) or is_redirect(path.read_text(encoding="utf-8", errors="replace")):
            continue
        out[url] = url_kind(url)
    return out


def median_case_study(site: Path) -> str:
    """The id of the case study whose page has the median HTML size: a typical one."""
    cases = sorted((p.stat().st_size, p.parent.name) for p in (site / "case-studies").glob("*/index.html")
                   if not is_redirect(p.read_text(encoding="utf-8")))
    return cases[len(cases) // 2][1]
