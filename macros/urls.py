"""Where each record's page lives, and links between pages computed from ids.

Generated pages link to each other with relative URLs worked out here, the
way MkDocs works them out, so the same build works under a sub-path, on a
USB stick (no directory URLs) and after a slug is renamed.
"""

from __future__ import annotations

import posixpath

# The pages the build makes besides the records' own, by source path, and the folders of numbered listing pages:
# no record's address may land on one (macros/addresses.py).
INDEXES = {
    "preconditions/index.md": "the list of the nine preconditions",
    "case-studies/index.md": "the case studies index",
    "places/index.md": "the list of places",
    "explore/matrix/case-studies.md": "the evidence map by case study",
    "explore/matrix/places.md": "the evidence map by place",
}
CASE_STUDY_PAGES = "case-studies/page"
LISTING_FOLDERS = {
    CASE_STUDY_PAGES: "the numbered pages of the case studies index",
    "explore/matrix/case-studies": "the numbered pages of the evidence map by case study",
    "explore/matrix/places": "the numbered pages of the evidence map by place",
    "explore/matrix/themes": "the numbered pages of the evidence map by theme",
}


def precondition(p) -> str:
    return f"preconditions/{p.slug}.md"


def case_study(c) -> str:
    return f"case-studies/{c.id}.md"


def place(pl) -> str:
    return f"places/{pl.slug}.md"


def pathway(pw) -> str:
    return f"pathways/{pw.id}.md"


def evidence_anchors(case) -> list[str]:
    """The anchor of each evidence entry of a case study, 'evidence-e': a case study has one entry per precondition."""
    return [f"evidence-{entry.precondition.lower()}" for entry in case.evidence]


def short_link(letter: str) -> str:
    """The permanent short address of a precondition, e.g. 'e/'."""
    return f"{letter.lower()}/"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page built from `src_uri`."""
    stem, _ = posixpath.splitext(src_uri)
    name = posixpath.basename(stem)
    if not use_directory_urls:
        return stem + ".html"
    if name == "index":
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """`to_url` as a link written on the page at `from_url` (both site-relative)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    target = _relpath(to_url or ".", base or ".")
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-relative paths, without its trips to the file system (tens of thousands a build)."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


class Linker:
    """Builds links from one page to others; templates call it as `link.to(src_uri, anchor)`."""

    def __init__(self, src_uri: str, use_directory_urls: bool):
        self.use_directory_urls = use_directory_urls
        self.here = page_url(src_uri, use_directory_urls)

    def to(self, src_uri: str, anchor: str | None = None) -> str:
        url = relative(self.here, page_url(src_uri, self.use_directory_urls))
        return f"{url}#{anchor}" if anchor else url

    def precondition(self, p, anchor=None) -> str:
        return self.to(precondition(p), anchor)

    def case_study(self, c, anchor=None) -> str:
        return self.to(case_study(c), anchor)

    def place(self, pl, anchor=None) -> str:
        return self.to(place(pl), anchor)

    def site(self, path: str) -> str:
        """A file at a fixed site path (e.g. 'open-data/v1/evidence.csv', or 'e/' for a folder's index)."""
        if path.endswith("/") and not self.use_directory_urls:
            path += "index.html"  # from disk, a folder does not open its index
        return relative(self.here, path)
