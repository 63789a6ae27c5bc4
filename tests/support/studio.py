"""The contribution studio's page as the studio tests use it: its address, opening it, waiting until it has
checked and saved what was typed, and what is on screen."""

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


def studio_tab(browser, url):
    """(context, tab, errors): the studio opened in a new desktop context that accepts downloads and confirms
    dialogs, with the page's script errors collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda dialog: dialog.accept())
    open_studio(tab, url)
    return context, tab, errors


def ready(page):
    """Wait until the studio has checked and saved what was typed (it does so once typing pauses)."""
    page.wait_for_function("!document.querySelector('[data-library-studio-busy]')")


def screen(page) -> dict:
    ready(page)
    return page.evaluate(SCREEN)
