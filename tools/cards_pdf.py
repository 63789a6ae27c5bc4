"""Print the cards page of a built site to an A4 PDF with Chromium.

    python tools/cards_pdf.py SITE_DIR OUT.pdf [--fold]

SITE_DIR is a site built by `mkdocs build` (either flavour). The default is the
double-sided layout; --fold prints the single-sided layout that folds in half.
Uses Debian's Chromium through Playwright; set CHROMIUM_PATH for another build.
Stops without writing the PDF if any card's text does not fit on its card.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# No outside network is needed or wanted: the site makes no third-party requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ("trainers/cards/index.html", "trainers/cards.html")  # directory URLs, and the offline build

# Faces whose content is taller or wider than the face: their text would be cut off in print.
OVERFLOWING = """() => [...document.querySelectorAll('.card__face')]
  .filter(face => face.scrollHeight > face.clientHeight + 1 || face.scrollWidth > face.clientWidth + 1)
  .map(face => face.closest('.card').dataset.card + ' '
               + (face.classList.contains('card__face--back') ? 'back' : 'front'))"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def cards_page(site: Path) -> str:
    for relative in PAGES:
        if (site / relative).is_file():
            return relative
    raise SystemExit(f"{site} has no cards page ({' or '.join(PAGES)}): build the site first")


def print_cards(site: Path, out: Path, fold: bool = False) -> int:
    """Write the PDF and return how many bytes it has."""
    from playwright.sync_api import sync_playwright

    relative = cards_page(site)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # A4 at 96 px per inch, as print lays it out
            page = browser.new_page(viewport={"width": 794, "height": 1123})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{relative}", wait_until="load")
            if fold:
                page.check("#cards-layout-fold")
            page.emulate_media(media="print")
            page.evaluate("document.fonts.ready.then(() => true)")
            cut = page.evaluate(OVERFLOWING)
            if cut:
                raise SystemExit(f"text does not fit on these cards, so the PDF was not written: {', '.join(cut)}")
            pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            browser.close()
    finally:
        server.shutdown()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    return len(pdf)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. site/")
    parser.add_argument("out", type=Path, help="where to write the PDF, e.g. dist/preconditions-cards.pdf")
    parser.add_argument("--fold", action="store_true", help="single-sided layout: one card per sheet, folded in half")
    args = parser.parse_args(argv)
    size = print_cards(args.site, args.out, args.fold)
    print(f"wrote {args.out} ({size // 1024:,} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
