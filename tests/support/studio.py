"""The contribution studio's page as the studio tests use it: its address, opening it, waiting until it has
checked and saved what was typed, what is on screen, and a valid draft."""

from __future__ import annotations

URL = "contribute/studio/"


# Every control of the studio in page order, with its value or tick, whether it can be seen and used, and which
# finding or source it belongs to by position (the numbers in ids are the page's own). What is on screen.
SCREEN = r"""() => {
  const root = document.querySelector('[data-library-studio]');
  const name = el => (el.id || el.name || '').replace(/(finding|source)-\d+/g, '$1');
  const out = [];
  const controls = 'input, textarea:not([readonly]), select, button[aria-expanded], [data-library-studio-undo], '
                   + 'details';
  for (const el of root.querySelectorAll(controls)) {
    if (el.type === 'file' || el.closest('template')) continue;
    const state = el.matches('button') ? el.getAttribute('aria-expanded') + ' ' + el.textContent.trim()
      : el.matches('details') ? el.open : el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.value;
    out.push([name(el), state, el.checkVisibility(), !el.disabled]);
  }
  const step = [...root.querySelectorAll('[data-library-studio-step]')].find(s => !s.hidden);
  return {step: step && step.getAttribute('data-library-studio-step'), controls: out};
}"""


def open_studio(page, url):
    page.goto(url)
    page.wait_for_selector("[data-library-studio]:not([hidden])")


def ready(page):
    """Wait until the studio has checked and saved what was typed (it does so once typing pauses)."""
    page.wait_for_function("!document.querySelector('[data-library-studio-busy]')")


def screen(page) -> dict:
    ready(page)
    return page.evaluate(SCREEN)


# A complete, valid case study as the studio holds it (what from-issue makes of the form).
VALID = {
    "id": "northbridge-care-leavers",
    "title": "Care leavers in Northbridge",
    "place": "Northbridge",
    "themes": ["care leavers", "housing"],
    "period": "2021 to 2023",
    "summary": "Six services agreed one outcome and one assessment.",
    "context": "Northbridge had six services.\n\nThey agreed to work as one for a year.",
    "organisations": ["Northbridge Borough Council", "Northbridge Homes"],
    "evidence": [
        {"precondition": "A", "status": "present", "basis": "reported",
         "finding": "The partners judged the year by one shared measure."},
        {"precondition": "H", "status": "absent", "basis": "reported",
         "finding": "The pooled budget was withdrawn **at once** when it overspent."},
    ],
    "what_did_not_work": ["The pooled budget was cut in the second year."],
    "lessons": ["Agree the shared outcome before anyone talks about money."],
    "questions": ["Who would notice if the shared assessment stopped?"],
    "sources": [{"title": "Evaluation of the partnership", "url": "https://example.org/evaluation.pdf", "year": 2023},
                {"title": "Our own records of the programme"}],
    "contributors": ["Northbridge Borough Council"],
    "licence": "CC-BY-SA-4.0",
    "maturity": "draft",
}
