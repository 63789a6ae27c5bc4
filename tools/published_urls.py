"""List every published page and section address of a built site, for tests/published-urls.txt.

Trainers link pages and sections from course material that lives for years, so every address
the library has published is kept in tests/published-urls.txt and a test checks that each one
still resolves. After adding pages, run `python tools/published_urls.py site >> tests/published-urls.txt`
(or with --write to merge and sort) and commit the result. Addresses are never removed from the list:
a page that moves gets a redirect (`redirect_from` in the data, or `extra.redirects` in mkdocs.yml).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LIST = Path(__file__).resolve().parent.parent / "tests" / "published-urls.txt"
SKIP = ("assets/", "pagefind/", "search/", "404.html", "open-data/", "schema/")
ANCHORED = ("preconditions/", "case-studies/", "places/", "pathways/", "framework/", "practice/", "trainers/", "explore/", "contribute/", "about/")


def addresses(site: Path) -> list[str]:
    out = []
    for page in sorted(site.rglob("index.html")):
        url = page.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(SKIP):
            continue
        html = page.read_text(encoding="utf-8")
        out.append(url or "/")  # redirects included: short links such as e/ are published on purpose
        if url.startswith(ANCHORED):
            out += [f"{url}#{anchor}" for anchor in re.findall(r'<h[23] id="([^"]+)"', html)]
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    found = addresses(site)
    if "--write" in argv:
        kept = [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")] if LIST.exists() else []
        header = [line for line in LIST.read_text(encoding="utf-8").splitlines() if line.startswith("#")] if LIST.exists() else []
        LIST.write_text("\n".join(header + sorted(set(kept) | set(found))) + "\n", encoding="utf-8")
        print(f"{LIST}: {len(set(kept) | set(found))} addresses")
    else:
        print("\n".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
