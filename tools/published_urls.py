"""List every published address of a built site, for tests/published-urls.txt.

Trainers link pages and sections from course material that lives for years, and people script
against the open data, so every address the library has published is kept in
tests/published-urls.txt, and tests/test_links_last.py checks that each one still resolves. A new
address never fails a check: a contributor's pull request adds a case study page and nothing else.
The maintainers record new addresses as a step of every release (dev/releasing.md):

    make urls        # make build, then: .venv/bin/python tools/published_urls.py site --write

and the release workflow refuses to publish a release while an address of its build is unrecorded
(--check). Without an option the addresses are printed, one a line. Addresses are never removed
from the list (--write only adds): a page that moves gets a redirect (`redirect_from` in the data,
or `extra.redirects` in mkdocs.yml).

What counts as published:

* every page (each `index.html`, redirect pages included: short links such as `e/` are
  published on purpose), the search page among them;
* every file under `open-data/` and `schema/`, which the Open data page calls stable;
* on every page, the id of each `<h2>` and `<h3>` (whatever the order of its attributes), the
  id of each element whose class is in ANCHOR_CLASSES (glossary terms, printable cards, the
  reflection tool's precondition sections, the tags page's tags), and any other id that a page
  of the site links to, except a page's `<h1>` (its own address stands for it) and the theme's
  `__` ids;
* DEPLOY_ONLY: the downloads that `make cards offline` writes to dist/ and the deploy workflow
  copies beside the site (the cards page links the PDFs by these addresses). They are not in a
  normal build, so the test checks that the workflow still publishes them instead of opening them.

The output is sorted and depends only on the built files, so running it twice gives the same list.
"""

from __future__ import annotations

import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LIST = Path(__file__).resolve().parent.parent / "tests" / "published-urls.txt"
BASE = "/library/"  # the path the site is published under (site_url in mkdocs.yml)
NO_PAGES = ("assets/", "pagefind/")  # theme and search-index internals: not addresses anyone links
DATA_FOLDERS = ("open-data/", "schema/")  # every file in these is a published address
ANCHOR_CLASSES = {"library-glossary__entry", "card", "library-reflection__item", "library-tags__entry"}
DEPLOY_ONLY = ("pattern-library-offline.zip", "preconditions-cards.pdf", "preconditions-cards-fold.pdf")


class _Page(HTMLParser):
    """The ids of one page: all of them, the ones that are addresses in their own right, and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.anchors, self.titles, self.hrefs = set(), set(), set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ident = attrs.get("id")
        if ident:
            self.ids.add(ident)
            classes = set((attrs.get("class") or "").split())
            if tag in ("h2", "h3") or classes & ANCHOR_CLASSES:
                self.anchors.add(ident)
            elif tag == "h1":
                self.titles.add(ident)  # made from the title, which may change: the page's own address stands for it
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def page_url(site: Path, page: Path) -> str:
    """'' for the home page, else the folder with a trailing slash ('preconditions/trusted-partners/')."""
    url = page.parent.relative_to(site).as_posix() + "/"
    return "" if url == "./" else url


def link_target(base: str, href: str) -> tuple[str, str] | None:
    """(site-relative page URL, fragment) of a link to a section of this site, else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.fragment:
        return None
    path = parts.path
    if path.startswith(BASE):
        target = path[len(BASE):]
    elif path.startswith("/"):
        return None
    elif not path:
        target = base
    else:
        joined = posixpath.normpath(posixpath.join(base, path))
        target = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    return target, unquote(parts.fragment)


def addresses(site: Path) -> list[str]:
    """Every published address of the built site, sorted (see the module docstring)."""
    pages = {}
    for page in site.rglob("index.html"):
        url = page_url(site, page)
        if url.startswith(NO_PAGES):
            continue
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[url] = parser
    anchors = {url: set(parser.anchors) for url, parser in pages.items()}
    for url, parser in pages.items():
        for href in parser.hrefs:
            target = link_target(url, href)
            if not target or target[0] not in pages:
                continue
            linked, ident = pages[target[0]], target[1]
            if ident in linked.ids and ident not in linked.titles and not ident.startswith("__"):  # __: the theme's own
                anchors[target[0]].add(ident)
    out = set()
    for url, found in anchors.items():
        address = url or "/"  # the home page is '/', its sections '/#...' (a line starting '#' is a comment)
        out.add(address)
        out.update(f"{address}#{anchor}" for anchor in found)
    for folder in DATA_FOLDERS:
        out.update(path.relative_to(site).as_posix() for path in (site / folder).rglob("*") if path.is_file())
    return sorted(out)


def recorded() -> list[str]:
    """The addresses in tests/published-urls.txt."""
    if not LIST.exists():
        return []
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    site = Path(argv[0])
    if not (site / "index.html").exists():
        print(f"{site}: no built site here (build it first: make build, which writes site/)", file=sys.stderr)
        return 2
    found = addresses(site) + list(DEPLOY_ONLY)
    if "--check" in argv:
        new = sorted(set(found) - set(recorded()))
        for address in new:
            print(f"{LIST.relative_to(LIST.parent.parent)}: not recorded yet: {address}")
        if new:
            print(f"{len(new)} address(es) of this build are not recorded; record them with: make urls",
                  file=sys.stderr)
        return 1 if new else 0
    if "--write" in argv:
        text = LIST.read_text(encoding="utf-8") if LIST.exists() else ""
        header = [line for line in text.splitlines() if line.startswith("#")]
        kept = set(recorded())
        merged = sorted(kept | set(found))
        LIST.write_text("\n".join(header + merged) + "\n", encoding="utf-8")
        print(f"{LIST}: {len(merged)} addresses ({len(merged) - len(kept)} new)")
    else:
        print("\n".join(sorted(found)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
