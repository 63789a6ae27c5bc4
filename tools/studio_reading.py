"""How much a person reads in the contribution studio, and how tall its preconditions step is (issue 19).

    python tools/studio_reading.py [--site DIR] [--json FILE]

It builds the site (or serves the one in DIR), opens the studio in Chromium at 1280 px and writes a
case study with six findings as a person would, step by step. At each moment something new can appear
(a step opened, a finding added, a precondition chosen, a status chosen) it counts the words of fixed text
newly visible on the page: text in the article, on screen or below it, not hidden, and not counted again when
the same text shows again in the same place (the same hint on another finding counts again).
What the person typed is not counted, nor the preview of their own page in step 7; messages and notices
are, if any appear. Then it measures the height of the preconditions step with the six findings in it.

The walk-through uses only what every version of the studio has had (the questions' ids, "Add a finding",
each finding's text box and its group, precondition and status choices), so the same script measures the
studio before and after a change.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import build, copy_project  # noqa: E402
from tests.support.browsers import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

ANSWERS = {
    1: {"title": "Joining up support for care leavers in Northbridge", "place": "Northbridge", "period": "2021 to 2023",
        "themes": "care leavers, housing, early intervention"},
    2: {"summary": "Six services for young people leaving care agreed one shared outcome and a single assessment.",
        "context": "Northbridge had six separate services for young people leaving care, each with its own targets.\n"
                   "In 2021 the council's leaving care team and two charities agreed to work as one service for a "
                   "year.",
        "organisations": "Northbridge Borough Council\nNorthbridge Homes\nStep Forward"},
    4: {"what_did_not_work": "The pooled budget was cut in the second year.",
        "lessons": "Agree the shared outcome before anyone talks about money.",
        "questions": "Who would notice if the shared assessment stopped?"},
    6: {"contributor": "Northbridge Borough Council"},
}
SOURCES = [{"title": "Evaluation of the care leavers' partnership", "publisher": "Northbridge Borough Council",
            "year": "2023",
            "pages": "4-19", "url": "https://example.org/care-leavers-evaluation.pdf"},
           {"title": "Our own records of the programme"}]
# (what happened, the group chosen first, the letter, the status): six findings, every status.
FINDINGS = [
    ("Managers from the four services met every fortnight and shared their caseloads openly.", "behaviours", "E",
     "present"),
    ("When the pooled budget overspent, the finance board withdrew it at once.", "behaviours", "H", "absent"),
    ("The partners judged the year by one shared measure: fewer young people homeless.", "vision", "A", "present"),
    ("Young people designed the assessment but had no say over the budget.", "vision", "B", "mixed"),
    ("Each young person's plan started from what they could already do and who they knew.", "behaviours", "F",
     "emerging"),
    ("The council handed the assessment to the charities and stopped checking each case.", "behaviours", "I",
     "present"),
]

NEW_WORDS = """() => {
  // Text is new where it was not on screen before in the same place (the nearest element with an id): a card
  // drawn again after a choice says nothing new, the same hint on the next card does.
  const seen = window.__readingSeen || (window.__readingSeen = new Set());
  const article = document.querySelector('article');
  const skip = '[data-library-studio-preview], script, style, template, noscript, textarea, select, option';
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.data.trim();
    if (!text || !parent || parent.closest(skip)) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden: for screen readers only
    const place = parent.closest('[id]');
    const key = (place ? place.id : '') + '\\n' + text;
    if (seen.has(key)) continue;
    seen.add(key);
    words += text.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w)).length;
  }
  return words;
}"""


class Walk:
    """The walk-through on one tab, counting newly visible words per step."""

    def __init__(self, page):
        self.page = page
        self.words: dict[str, int] = {}

    def count(self, step: str):
        self.page.wait_for_function("!document.querySelector('[data-library-studio-busy]')")
        self.words[step] = self.words.get(step, 0) + self.page.evaluate(NEW_WORDS)

    def go(self, step: int):
        self.page.click(f".library-studio__steps [data-library-studio-go='{step}']")
        self.count(f"step {step}")

    def answer(self, step: int):
        for key, value in ANSWERS.get(step, {}).items():
            self.page.fill(f"#studio-{key}", value)
        self.count(f"step {step}")

    def finding(self, number: int, text: str, group: str, letter: str, status: str):
        page = self.page
        page.click("[data-library-studio-add-finding]")
        card = page.locator("[data-finding]").nth(number - 1)
        prefix = card.get_attribute("data-finding-id") or f"finding-{card.get_attribute('data-finding')}"
        self.count("step 3")
        page.fill(f"#{prefix}-text", text)
        page.check(f"#{prefix}-group-{group}")
        self.count("step 3")
        page.check(f"#{prefix}-letter-{letter.lower()}")
        self.count("step 3")
        page.check(f"#{prefix}-status-{status}")
        self.count("step 3")

    def sources(self):
        page = self.page
        if page.locator("textarea#studio-sources").count():  # one line per source, as the studio once asked
            page.fill("#studio-sources", "\n".join(
                f"{s['title']} ({s['year']}) {s['url']}" if "year" in s else s["title"] for s in SOURCES))
        else:
            for number, source in enumerate(SOURCES, 1):
                if number > 1:
                    page.click("[data-library-studio-add-source]")
                box = page.locator("[data-source]").nth(number - 1)
                published = "yes" if "publisher" in source else "no"
                box.locator(f"input[type=radio][value='{published}']").check()
                for key, value in source.items():
                    box.locator(f"[data-source-field='{key}']").fill(value)
        self.count("step 5")


def measure(site_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(site_url + "contribute/studio/")
        page.wait_for_selector("[data-library-studio]:not([hidden])")
        walk = Walk(page)
        walk.count("step 1")
        walk.answer(1)
        for step in range(2, 9):
            walk.go(step)
            if step == 3:
                for number, finding in enumerate(FINDINGS, 1):
                    walk.finding(number, *finding)
            elif step == 5:
                walk.sources()
            elif step == 6:
                walk.answer(6)
                page.select_option("#studio-licence", index=0)
                for box in page.locator("input[name=consent]").all():
                    box.check()
                walk.count("step 6")
            else:
                walk.answer(step)
        walk.go(3)  # back to the preconditions, all six written, to measure the step as it then stands
        height = page.evaluate(
            "document.querySelector('[data-library-studio-step=\"3\"]').getBoundingClientRect().height")
        problems = page.evaluate("() => document.querySelector('[data-library-studio-summary]').innerText")
        browser.close()
    return {"words": walk.words, "total": sum(walk.words.values()), "preconditions_step_px": round(height),
            "check_summary": problems.strip().splitlines()[:1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build this checkout)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None:
            project = copy_project(Path(temporary) / "project")
            site = Path(temporary) / "site"
            result = build(project, site)
            if result.returncode:
                print(result.stderr, file=sys.stderr)
                return 1
        server = serve(site)
        try:
            figures = measure(f"http://127.0.0.1:{server.server_address[1]}/library/")
        finally:
            server.shutdown()
    for step, words in figures["words"].items():
        print(f"{step}: {words:,} words")
    print(f"in all: {figures['total']:,} words read; the preconditions step with six findings is "
          f"{figures['preconditions_step_px']:,} px tall at 1280 px")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
