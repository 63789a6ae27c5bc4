"""The contribution studio in Chromium, as a contributor uses it: a case study written step by step, with the
precondition chooser, checks that appear once the person has had the chance to answer and in their words,
feedback beside each button, a draft exported and opened again, the preview, and the issue. Then from-issue
turns that issue into the file the studio offered, which validates and builds into the page the studio
previewed. Last, the audits on every step: axe in both schemes, the keyboard, and a 390 px phone."""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.support import build, copy_project
from tests.support.browsers import serve
from tests.support.studio import URL, open_studio, ready, screen, studio_tab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
KEY = "place-based-patterns:studio:v1"
PHONE = {"width": 390, "height": 844}

STORY = {
    "title": "Joining up support for care leavers in Northbridge",
    "place": "Northbridge",
    "period": "2021 to 2023",
    "themes": "Care leavers, housing\nearly-intervention",
    "summary": "Six services for young people leaving care agreed one shared outcome and a single assessment.",
    "context": "Northbridge had six separate services for young people leaving care, each with its own *targets*.\n"
               "In 2021 the council's leaving care team and two charities agreed to work as one service for a year.",
    "organisations": "Northbridge Borough Council\nNorthbridge Homes\nStep Forward (youth charity)",
    "what_did_not_work": "The pooled budget was cut in the second year.\nYoung people were not involved in decisions "
                         "about money.",
    "lessons": "- Agree the shared outcome **before** anyone talks about money.\n- Decide in advance what happens if a "
               "pilot overspends.",
    "questions": "Who would notice if the shared assessment stopped?",
    "contributor": "Northbridge Borough Council",
}
FINDINGS = [  # (what happened, how it is chosen, letter, status)
    ("Managers from the four services met every fortnight and shared their caseloads openly. When one charity missed a "
     "deadline, the others covered for it rather than reporting it to the board.", "behaviours", "E", "present"),
    ("When the pooled budget overspent in month nine, the finance board withdrew it at once, with no agreed way to "
     "learn "
     "from the overspend first.", "D, then the question that tells D from H", "H", "absent"),
]
SOURCES = [  # (published, boxes as typed)
    ("yes",
     {"title": "Evaluation of the care leavers' partnership", "publisher": "Northbridge Borough Council",
      "year": "2023",
      "pages": "4-19", "url": "https://example.org/care-leavers-evaluation.pdf"}),
    ("no", {"title": "Our own records of the programme", "year": "2022"}),
]


def go(page, step: int):
    page.click(f".library-studio__steps [data-library-studio-go='{step}']")


def error(page, id: str) -> str:
    """The message shown for the control `id` ("studio-title", "finding-1-text", "source-2-year"), or ''."""
    ready(page)
    box = page.locator(f"[data-library-studio-error='{id}']")
    return "" if box.is_hidden() else box.text_content()


def leave(page, selector: str, text: str):
    """Type into a box, then move on from it (Tab), as a person does."""
    page.fill(selector, text)
    page.focus(selector)
    page.keyboard.press("Tab")


def choose_tell_apart(page, number: int, first: str, answer: str):
    """Choose `first`, open its questions that tell it from others, and answer with the button for `answer`."""
    page.check(f"#finding-{number}-letter-{first.lower()}")
    card = page.locator(f"[data-finding='{number}']")
    card.locator("details[data-folded='tell'] summary").click()
    card.locator(f"[data-finding-about] button[data-letter='{answer}']").click()


def write_findings(page, findings=FINDINGS):
    for number, (text, how, letter, status) in enumerate(findings, 1):
        page.click("[data-library-studio-add-finding]")
        page.fill(f"#finding-{number}-text", text)
        if how == "behaviours":  # the first question narrows the nine to E to I
            page.check(f"#finding-{number}-group-behaviours")
            card = page.locator(f"[data-finding='{number}']")
            assert card.locator(".library-studio__choice:not([hidden]) input[name$='-letter']").evaluate_all(
                "inputs => inputs.map(i => i.value)") == list("EFGHI")
            page.check(f"#finding-{number}-letter-{letter.lower()}")
        else:  # a first choice, then the question that tells it from the one it is often mistaken for
            choose_tell_apart(page, number, "D", letter)
        assert page.is_checked(f"#finding-{number}-letter-{letter.lower()}"), how
        page.check(f"#finding-{number}-status-{status}")


def write_sources(page, sources=SOURCES):
    for number, (published, boxes) in enumerate(sources, 1):
        if number > 1:
            page.click("[data-library-studio-add-source]")
        page.check(f"#source-{number}-published-{published}")
        for name, value in boxes.items():
            page.fill(f"#source-{number}-{name}", value)


def write_story(page):
    for key in ("title", "place", "period", "themes"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 2)
    for key in ("summary", "context", "organisations"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 3)
    write_findings(page)
    go(page, 4)
    for key in ("what_did_not_work", "lessons", "questions"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 5)
    write_sources(page)
    go(page, 6)
    page.fill("#studio-contributor", STORY["contributor"])
    page.select_option("#studio-licence", "CC BY-SA 4.0")
    for n in (1, 2, 3):
        page.check(f"#studio-consent-{n}")
    ready(page)


@pytest.fixture
def studio(browser, site_url):
    context, tab, errors = studio_tab(browser, site_url + URL)
    yield tab
    context.close()
    assert not errors, errors


# --- Messages: in the contributor's words, once they have had the chance to answer ------------------------

def test_an_error_appears_beside_its_question_once_it_is_left_and_clears(studio):
    studio.fill("#studio-title", "T" * 130)
    # said at once, as a count
    assert "10 characters too many" in studio.inner_text("[data-library-studio-count='title']")
    assert error(studio, "studio-title") == ""  # the person is still answering
    studio.keyboard.press("Tab")
    assert (error(studio, "studio-title")
            == "Error: This is 130 characters long, and the most it can be is 120. Shorten it.")
    assert studio.get_attribute("#studio-title", "aria-invalid") == "true"
    assert "studio-title-error" in studio.get_attribute("#studio-title", "aria-describedby")
    studio.fill("#studio-title", "Care leavers in Northbridge")
    assert error(studio, "studio-title") == "" and studio.get_attribute("#studio-title", "aria-invalid") is None
    go(studio, 2)
    leave(studio, "#studio-summary", "Ask jo.bloggs@northbridge.example.org for the minutes.")
    message = error(studio, "studio-summary")
    assert "It contains what looks like an e-mail address ('jo.bloggs@northbridge.example.org')" in message
    assert ("public_contact_details" not in message and "CONTRIBUTING" not in message
            and "tell" not in message.split("Remove it")[0])
    studio.fill("#studio-summary", "Ask the council's leaving care team for the minutes.")
    assert error(studio, "studio-summary") == ""


def test_a_title_that_gives_a_taken_address_says_so_without_naming_a_file(studio):
    studio.fill("#studio-title", "Ignite")
    leave(studio, "#studio-place", "Coventry")
    go(studio, 2)
    go(studio, 1)
    message = error(studio, "studio-title")
    assert "already has the address this title and place would make ('coventry-ignite')" in message
    assert "Ignite (2)" in message and ".yaml" not in message and "data/" not in message
    studio.fill("#studio-title", "Ignite again")
    assert "coventry-ignite" not in error(studio, "studio-title")


def test_a_required_answer_is_named_only_once_the_person_has_moved_on(studio):
    assert error(studio, "studio-place") == ""  # nothing shouts before anything is typed
    go(studio, 2)
    go(studio, 1)
    assert error(studio, "studio-place") == "Error: Add the town, city, borough or area. For example: Coventry"
    assert re.fullmatch(r" \(\d+ to fix\)", studio.text_content("[data-library-studio-step-problems='1']"))


def test_a_new_finding_says_nothing_until_the_person_leaves_it(studio):
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")
    studio.fill("#finding-1-text", "Managers met every fortnight and shared their caseloads.")
    studio.keyboard.press("Tab")  # on to the precondition: nothing is asked of a status not yet reached
    for part in ("text", "letter", "status"):
        assert error(studio, f"finding-1-{part}") == "", part
    assert not studio.locator("[data-finding='1'] [aria-invalid]").count()
    studio.click("[data-finding='1'] [data-library-studio-done]")  # closed: now it is said, on the card's heading too
    ready(studio)
    assert studio.inner_text("#finding-1-title").endswith("(1 to fix)")
    studio.click("#finding-1-title button")
    assert error(studio, "finding-1-letter") == "Error: Choose the precondition this finding shows."


def test_the_chooser_asks_the_question_that_tells_two_preconditions_apart(studio):
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")
    studio.fill("#finding-1-text",
                "Young people who had used the services sat on the programme board and helped design the assessment.")
    studio.check("#finding-1-letter-b")
    panel = studio.locator("[data-finding='1'] [data-finding-about]")
    assert panel.inner_text().startswith("B. Citizen-centred: The system keeps the people it serves")
    assert not panel.locator("details[data-folded='tell'] button").first.is_visible()  # folded until asked for
    panel.locator("details[data-folded='tell'] summary").click()
    assert "Or is it G. Distributed leadership?" in panel.inner_text()
    # Answering the question the other way moves the finding to the other precondition.
    panel.get_by_role("button", name="who leads", exact=True).click()
    assert studio.is_checked("#finding-1-letter-g")
    assert studio.inner_text("#finding-1-title") == "Finding 1: G. Distributed leadership"
    # What each status means, with an example, is said once, in the step's help beside the first finding ...
    help_text = studio.locator("[data-library-studio-help]")
    assert help_text.locator("dt").all_inner_texts() == ["Present", "Absent", "Mixed", "Emerging"]
    assert help_text.locator("dd").nth(2).inner_text() == ("It was in place in some ways or parts of the work and "
                                                           "missing in others. "
                                                           "For example: young people designed the assessment but had "
                                                           "no say over the budget.")
    assert studio.is_visible("[data-finding='1'] [data-first-only]")  # and the example of a finding, on the first only
    studio.click("[data-library-studio-add-finding]")  # ... then folded away, to open again when wanted
    assert help_text.get_attribute("open") is None and not studio.is_visible("[data-finding='2'] [data-first-only]")
    assert (studio.inner_text("#finding-2-status").split()
            == ["How", "far", "was", "it", "in", "place?", "Present", "Absent", "Mixed", "Emerging"])
    help_text.locator("summary").click()
    assert help_text.get_attribute("open") == ""


@pytest.mark.parametrize("way", ["mouse", "keyboard"])
def test_an_answer_from_the_other_group_is_chosen_shown_and_keeps_focus(studio, way):
    """Issue 19's chooser bug: an "Or is it H?" answer from the other group left nothing checked, hid H and dropped
    focus."""
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")
    studio.fill("#finding-1-text", "The board withdrew the pooled budget at once when it overspent.")
    studio.check("#finding-1-group-vision")
    studio.check("#finding-1-letter-d")
    card = studio.locator("[data-finding='1']")
    card.locator("details[data-folded='tell'] summary").click()
    answer = card.locator("[data-finding-about] button[data-letter='H']")
    if way == "mouse":
        answer.click()
    else:
        answer.focus()
        studio.keyboard.press("Enter")
    ready(studio)
    assert studio.is_checked("#finding-1-letter-h") and studio.is_visible("#finding-1-letter-h")
    assert studio.is_checked("#finding-1-group-behaviours")  # the group follows, so the choice is on screen
    assert not studio.is_checked("#finding-1-letter-d")
    assert studio.evaluate("document.activeElement.id") == "finding-1-letter-h"
    assert card.locator("[data-finding-about]").inner_text().startswith("H. Resilient and risk-embracing")
    studio.keyboard.press("ArrowDown")  # the keyboard carries on from there, in H's group
    assert (studio.evaluate("document.activeElement.id") == "finding-1-letter-i"
            and studio.is_checked("#finding-1-letter-i"))


def test_a_second_point_about_a_precondition_is_added_to_its_finding_with_the_status_that_fits_both(studio):
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")
    studio.fill("#finding-1-text", "Partners met weekly in joint sessions.")
    studio.check("#finding-1-letter-e")
    studio.check("#finding-1-status-present")
    studio.click("[data-library-studio-add-finding]")
    assert studio.get_attribute("#finding-1-title button", "aria-expanded") == "false"  # one open at a time
    studio.fill("#finding-2-text", "Data sharing was delayed for a year.")
    studio.check("#finding-2-status-absent")
    assert studio.inner_text("label[for='finding-2-letter-e'] + span").strip() == "(in finding 1)"
    assert studio.is_enabled("#finding-2-letter-e")
    studio.click("#finding-2-letter-e")
    ready(studio)
    assert studio.locator("[data-finding]").count() == 1
    assert (studio.input_value("#finding-1-text")
            == "Partners met weekly in joint sessions.\n\nData sharing was delayed for a year.")
    suggestion = studio.locator("[data-finding='1'] [data-finding-suggestion]")
    assert "one said Present and the other Absent. Mixed fits both." in suggestion.inner_text()
    assert studio.evaluate("document.activeElement.textContent") == "Choose Mixed"
    studio.keyboard.press("Enter")
    assert studio.is_checked("#finding-1-status-mixed") and suggestion.is_hidden()
    studio.locator("[data-library-studio-undo]").click()  # and it can be undone, both points apart again
    assert studio.locator("[data-finding]").count() == 2
    assert studio.input_value("#finding-1-text") == "Partners met weekly in joint sessions."
    assert (studio.is_checked("#finding-1-status-present") and studio.input_value("#finding-2-text")
            == "Data sharing was delayed for a year.")


def test_removing_a_finding_asks_nothing_offers_undo_and_the_order_stays(studio):
    go(studio, 3)
    for number, letter in enumerate("CAG", 1):
        studio.click("[data-library-studio-add-finding]")
        studio.fill(f"#finding-{number}-text", f"What happened about {letter}.")
        studio.check(f"#finding-{number}-letter-{letter.lower()}")
    studio.click("#finding-2-title button")
    # no dialog: the fixture would accept one, so count them
    studio.click("[data-finding='2'] [data-library-studio-remove]")
    assert studio.locator("[data-finding]").count() == 2
    offer = studio.locator(".library-studio__undo")
    assert offer.inner_text().startswith("You removed finding 2 (A. Beneficiary impact).")
    assert studio.evaluate("document.activeElement.textContent") == "Undo"
    studio.reload()  # the offer is kept with the draft
    studio.wait_for_selector("[data-library-studio]:not([hidden])")
    studio.locator("[data-library-studio-undo]").click()
    titles = studio.locator(".library-studio__finding-title").all_inner_texts()
    assert ([t.split(":")[1].strip().split(",")[0] for t in titles]
            == ["C. Systemic issues", "A. Beneficiary impact", "G. Distributed leadership"])
    studio.reload()
    studio.wait_for_selector("[data-library-studio]:not([hidden])")
    assert studio.locator(".library-studio__finding-title").all_inner_texts() == titles  # never renumbered A to I


def test_removing_a_finding_opens_no_dialog(browser, site_url):
    context = browser.new_context()
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_studio(tab, site_url + URL)
    go(tab, 3)
    tab.click("[data-library-studio-add-finding]")
    tab.fill("#finding-1-text", "Something happened.")
    tab.click("[data-finding='1'] [data-library-studio-remove]")
    tab.wait_for_selector("[data-library-studio-undo]")
    context.close()
    assert dialogs == []


# --- Feedback beside the control, announced ------------------------------------------------------------

def test_what_a_button_did_is_said_beside_it_and_announced(studio, tmp_path):
    write_story(studio)

    def said(button: str) -> tuple[str, float]:
        line = studio.locator(f"{button} ~ .library-studio__feedback, {button} + .library-studio__feedback").first
        line.wait_for(state="visible")
        assert line.get_attribute("role") == "status"  # a live region: a screen reader hears it
        gap = line.bounding_box()["y"] - studio.locator(button).bounding_box()["y"]
        return line.inner_text(), gap

    go(studio, 8)
    studio.context.grant_permissions(["clipboard-read", "clipboard-write"])
    studio.click("[data-library-studio-copy='studio-issue-body']")
    text, gap = said("[data-library-studio-copy='studio-issue-body']")
    assert text == "Copied. Paste it where you need it." and 0 < gap < 80
    with studio.expect_download():
        studio.click("[data-library-studio-download-yaml]")
    text, gap = said("[data-library-studio-download-yaml]")
    assert text.startswith("The case study file has been downloaded.") and 0 < gap < 80
    with studio.expect_download() as info:
        studio.click("[data-library-studio-export]")
    info.value.save_as(tmp_path / "draft.json")
    text, gap = said("[data-library-studio-export]")
    assert text.startswith("Your draft has been downloaded as a file.") and 0 < gap < 80
    studio.set_input_files("#studio-import", str(tmp_path / "draft.json"))
    studio.wait_for_function("document.querySelector('#studio-import ~ .library-studio__feedback').textContent !== ''")
    assert (studio.inner_text("#studio-import ~ .library-studio__feedback")
            == "The draft in \u201cdraft.json\u201d has been opened.")
    assert "Saved in this browser." in studio.inner_text("[data-library-studio-step='8'] [data-library-studio-saved]")


# --- The draft: kept, downloaded and opened again, exactly ---------------------------------------------

def test_a_draft_is_kept_in_the_browser_exported_and_opened_again(studio, tmp_path):
    write_story(studio)
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")  # half made: no precondition yet
    studio.fill("#finding-3-text", "A third point, not yet placed.")
    before = screen(studio)
    stored = json.loads(studio.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["version"] == 2 and stored["findings"][2] == {"text": "A third point, not yet placed.",
                                                                "group": "all",
                                                                 "letter": None, "status": None, "merged": None,
                                                                "unfolded": []}
    studio.reload()
    studio.wait_for_selector("[data-library-studio]:not([hidden])")
    assert screen(studio) == before
    assert "restored" in studio.inner_text("[data-library-studio-status]")
    with studio.expect_download() as info:
        studio.click("[data-library-studio-export]")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("northbridge-joining-up-support-for-care-leavers-draft-") and saved.suffix == ".json"
    studio.click("[data-library-studio-clear]")
    assert studio.input_value("#studio-title") == "" and studio.evaluate(f"localStorage.getItem('{KEY}')") is None
    studio.set_input_files("#studio-import", str(saved))
    studio.wait_for_function("document.querySelector('#studio-title').value !== ''")
    assert screen(studio) == before
    # A file that is not a draft changes nothing and says why, beside the button.
    studio.set_input_files("#studio-import", files=[{"name": "other.json", "mimeType": "application/json",
                                                     "buffer": json.dumps({"format": "something else"}).encode()}])
    studio.wait_for_function("document.querySelector('#studio-import ~ "
                             ".library-studio__feedback').textContent.includes('could not')")
    assert ("could not be opened: it is not a case study draft from this page" in studio.inner_text("#studio-import ~ "
                                                                                                    ".library-studio__feedback"))
    assert screen(studio) == before


def test_a_draft_file_from_before_opens_with_its_findings_in_order_and_each_source_line_as_a_title(studio):
    answers = {"title": "Care leavers in Northbridge", "status-h": "Absent", "finding-h": "The budget was withdrawn.",
               "status-b": "Present", "finding-b": "Young people designed it.",
               "sources": "Evaluation of the partnership, pages 4-19 (2023) www.example.org/x\nOur own records"}
    file = {"format": "place-based-patterns/case-study-draft", "version": 1, "answers": answers}
    studio.set_input_files("#studio-import",
                           files=[{"name": "old.json", "mimeType": "application/json",
                                   "buffer": json.dumps(file).encode()}])
    studio.wait_for_function("document.querySelector('#studio-title').value !== ''")
    assert ("move its year, pages and web address into their own boxes" in studio.inner_text("#studio-import ~ "
                                                                                             ".library-studio__feedback"))
    go(studio, 3)
    assert ([studio.input_value(f"#finding-{n}-text") for n in (1, 2)]
            == ["Young people designed it.", "The budget was withdrawn."])
    go(studio, 5)
    assert studio.input_value("#source-1-title") == "Evaluation of the partnership, pages 4-19 (2023) www.example.org/x"
    assert studio.input_value("#source-1-year") == "" and studio.input_value("#source-2-title") == "Our own records"


def test_a_long_answer_that_does_not_fit_the_link_is_offered_to_copy(studio):
    studio.fill("#studio-title", "Care leavers in Northbridge")
    go(studio, 2)
    studio.fill("#studio-context", "The partners met every month. " * 300)
    go(studio, 8)
    ready(studio)
    href = studio.get_attribute("[data-library-studio-issue-link]", "href")
    query = parse_qs(urlsplit(href).query)
    assert len(href) <= 8000 and query["case_title"] == ["Care leavers in Northbridge"] and "context" not in query
    assert query["template"] == ["case-study.yml"] and query["title"] == ["Case study: Care leavers in Northbridge"]
    left = studio.inner_text("[data-library-studio-left]")
    assert "too long to fill in from a link" in left and "Context" in left


# --- Sources: boxes of their own, read by nothing but their labels ------------------------------------------

def test_a_source_is_written_in_its_boxes_and_the_pages_are_said_as_the_page_will_print_them(studio):
    go(studio, 5)
    studio.check("#source-1-published-yes")
    studio.fill("#source-1-title", "Evaluation of the partnership")
    studio.fill("#source-1-pages", "4-19, 23")
    assert (studio.inner_text("[data-source='1'] [data-source-pages-read]")
            == "The page will say: pp. 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 23.")
    studio.fill("#source-1-pages", "4-19")
    assert studio.inner_text("[data-source='1'] [data-source-pages-read]") == "The page will say: pp. 4\u201319."
    leave(studio, "#source-1-url", "www.example.org/evaluation.pdf")  # not mended silently: said
    assert ("'www.example.org/evaluation.pdf' will not work here: use a full web address starting with https://"
            in error(studio, "source-1-url"))
    leave(studio, "#source-1-year", "about 2020")
    assert (error(studio, "source-1-year")
            == "Error: 'about 2020' is not a year: write it in four figures, for example: 2023")
    # each box of a source is checked, whatever the others hold
    assert "will not work here" in error(studio, "source-1-url")
    studio.check("#source-1-published-no")  # a source of one's own has no publisher or web address
    assert not studio.is_visible("#source-1-url") and not studio.is_visible("#source-1-publisher")
    assert error(studio, "source-1-url") == ""


@pytest.fixture(scope="module")
def contributed(browser, site_url, tmp_path_factory):
    """A case study written in the studio, sent as its issue text through from-issue, and built into a copy of the
    library."""
    root = tmp_path_factory.mktemp("studio")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    open_studio(tab, site_url + URL)
    write_story(tab)
    go(tab, 7)
    ready(tab)
    summary = tab.inner_text("[data-library-studio-summary]")
    preview = tab.inner_text("[data-library-studio-preview]")
    where = tab.inner_text("[data-library-studio-where]")
    go(tab, 8)
    ready(tab)
    body = tab.input_value("[data-library-studio-issue-body]")
    link = tab.get_attribute("[data-library-studio-issue-link]", "href")
    choices = tab.inner_text("[data-library-studio-choices]")
    with tab.expect_download() as info:
        tab.click("[data-library-studio-download-yaml]")
    offered = root / info.value.suggested_filename
    info.value.save_as(offered)
    context.close()
    assert not errors, errors
    project = copy_project(root / "project")
    (root / "issue.md").write_text(body, encoding="utf-8")
    converted = subprocess.run([sys.executable, "-m", "macros", "from-issue", str(root / "issue.md")], cwd=project,
                               capture_output=True, text=True)
    site = root / "site"
    built = build(project, site)
    return {"summary": summary, "preview": preview, "where": where, "body": body, "link": link, "choices": choices,
            "offered": offered, "converted": converted, "project": project, "site": site, "built": built}


ID = "northbridge-joining-up-support-for-care-leavers"


def test_the_studio_finds_nothing_to_change_in_a_complete_story(contributed):
    assert contributed["summary"].startswith("Ready to send"), contributed["summary"]


def test_from_issue_turns_the_studios_issue_into_the_file_the_studio_offered(contributed):
    converted = contributed["converted"]
    assert converted.returncode == 0, converted.stdout + converted.stderr
    written = contributed["project"] / "data" / "case_studies" / f"{ID}.yaml"
    assert contributed["offered"].name == f"{ID}.yaml"
    assert written.read_text(encoding="utf-8") == contributed["offered"].read_text(encoding="utf-8")
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert [(e["precondition"], e["status"]) for e in data["evidence"]] == [("E", "present"), ("H", "absent")]
    assert data["licence"] == "CC-BY-SA-4.0" and data["themes"] == ["care leavers", "housing", "early intervention"]
    validated = subprocess.run([sys.executable, "-m", "macros", "validate", str(written)], cwd=contributed["project"],
                               capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout


def test_sources_go_from_the_studio_through_the_issue_and_from_issue_to_the_page_with_pages_and_year(contributed):
    body = contributed["body"]
    assert ("### Sources\n\nTitle: Evaluation of the care leavers' partnership\nPublisher: Northbridge Borough "
            "Council\nYear: 2023\n"
            "Web address: https://example.org/care-leavers-evaluation.pdf\nPages: 4-19\n\nTitle: Our own records of "
            "the programme\n"
            "Year: 2022\n\n###") in body
    data = yaml.safe_load((contributed["project"] / "data" / "case_studies" / f"{ID}.yaml").read_text(encoding="utf-8"))
    assert data["sources"] == [
        {"title": "Evaluation of the care leavers' partnership", "publisher": "Northbridge Borough Council",
         "year": 2023,
         "url": "https://example.org/care-leavers-evaluation.pdf", "pages": list(range(4, 20))},
        {"title": "Our own records of the programme", "year": 2022},
    ]
    page = (contributed["site"] / "case-studies" / ID / "index.html").read_text(encoding="utf-8")
    assert ("<cite>Evaluation of the care leavers&#39; partnership</cite>, Northbridge Borough Council (2023), pp. "
            "4–19. " in page)
    assert "<cite>Our own records of the programme</cite> (2022)" in page
    assert ("Evaluation of the care leavers' partnership, Northbridge Borough Council (2023), pp. 4–19. Read the source"
            in contributed["preview"])


def test_the_issue_link_fills_in_every_text_answer_and_names_the_choices_to_make(contributed):
    query = parse_qs(urlsplit(contributed["link"]).query)
    assert query["case_title"] == [STORY["title"]] and query["finding-e"] == [FINDINGS[0][0]]
    assert query["sources"][0].startswith("Title: Evaluation of the care leavers' partnership\nPublisher:")
    assert not [key for key in query if key.startswith("status-") or key in ("licence", "consent")]
    for line in ("E. Trusted partners, choose Present", "H. Resilient and risk-embracing, choose Absent",
                 "choose CC BY-SA 4.0",
                 "tick the three boxes"):
        assert line in contributed["choices"], line


def visible_article(browser, url: str) -> str:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(url)
    text = tab.inner_text("article")
    context.close()
    return text


def lines(text: str) -> list[str]:
    """The lines a reader sees, without the page's own chrome: each heading's permalink (¶, labelled "Copy link")."""
    out = [" ".join(line.replace("¶", "").split()) for line in text.splitlines()]
    return [line for line in out if line and line != "Copy link"]


def test_the_built_page_says_what_the_preview_said(contributed, browser):
    assert contributed["built"].returncode == 0, contributed["built"].stderr
    server = serve(contributed["site"])
    try:
        page = visible_article(browser, f"http://127.0.0.1:{server.server_address[1]}/library/case-studies/{ID}/")
    finally:
        server.shutdown()
    published = lines(page)
    published = published[published.index(STORY["title"]):published.index("CC-BY-SA-4.0") + 1]
    shown = lines(contributed["preview"])
    assert shown == published, "\n".join(difflib.unified_diff(shown, published, lineterm=""))


def test_the_studio_says_where_the_case_study_will_appear(contributed):
    where = contributed["where"]
    assert f"https://place-based-patterns.github.io/library/case-studies/{ID}/" in where
    assert "A new page for Northbridge" in where
    assert "E. Trusted partners (present)" in where and "H. Resilient and risk-embracing (absent)" in where
    site = contributed["site"]
    assert ID in (site / "preconditions" / "trusted-partners" / "index.html").read_text(encoding="utf-8")
    assert (site / "places" / "northbridge" / "index.html").exists()


def test_the_studio_works_from_disk(browser, offline_site):
    """The offline copy: the studio's scripts load from file://, drafts are kept, and nothing is requested from
    anywhere."""
    context = browser.new_context()
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file://", "data:", "blob:")) else None)
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    url = (offline_site / "contribute" / "studio.html").as_uri()
    open_studio(tab, url)
    tab.fill("#studio-title", "Care leavers in Northbridge")
    ready(tab)
    tab.goto(url)
    tab.wait_for_selector("[data-library-studio]:not([hidden])")
    assert tab.input_value("#studio-title") == "Care leavers in Northbridge"
    go(tab, 3)
    tab.click("[data-library-studio-add-finding]")
    tab.check("#finding-1-letter-e")
    href = tab.locator("[data-finding='1'] a", has_text="in full").get_attribute("href")
    assert href.endswith("preconditions/trusted-partners.html")
    context.close()
    assert not outside and not errors, (outside, errors)


# --- A phone ------------------------------------------------------------------------------------------------

def test_on_a_phone_the_first_question_is_on_the_first_screen_and_a_link_goes_straight_to_it(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    open_studio(tab, site_url + URL)
    box = tab.locator("#studio-title").bounding_box()
    assert box["y"] + 20 < PHONE["height"], box  # on the first screen, without scrolling
    skip = tab.locator("[data-library-studio-skip]")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] < PHONE["height"]
    go(tab, 4)
    skip.click()
    assert tab.evaluate("document.activeElement.id") == "studio-what_did_not_work"
    context.close()


# --- The audits, on every step, filled in --------------------------------------------------------------------

def filled_with_everything_shown(tab):
    """The studio with every kind of thing it draws on screen: a whole story, an open finding with its folded
    questions open, a second point added to a finding (its suggestion), a removed source (its undo), problems
    beside their questions and in the check, and what the buttons did."""
    write_story(tab)
    go(tab, 2)
    leave(tab, "#studio-summary", "Ask jo@example.org.")  # an error shown beside its field, and in the check
    go(tab, 3)
    tab.click("[data-library-studio-add-finding]")
    tab.fill("#finding-3-text", "Data sharing was delayed.")
    tab.click("#finding-3-letter-e")
    tab.locator("[data-finding='1'] details[data-folded='tell'] summary").click()
    tab.locator("[data-finding='1'] details[data-folded='signs'] summary").click()
    go(tab, 5)
    tab.click("[data-library-studio-add-source]")
    tab.click("[data-source='3'] [data-library-studio-remove-source]")


STEPS = range(1, 9)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_step_of_the_studio_passes_axe(browser, site_url, scheme):
    """The audits open each page as it loads; the studio's later steps (finding cards, the check, the preview,
    the ways to send) are built as the person goes, so each is audited here, filled in, in both schemes."""
    from tests.support.audit import AXE, axe_here
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    open_studio(tab, site_url + URL)
    filled_with_everything_shown(tab)
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = []
    for step in STEPS:
        go(tab, step)
        ready(tab)
        assert step != 2 or error(tab, "studio-summary")
        assert step != 3 or tab.is_visible("[data-finding-suggestion]")
        found += [f"step {step}: {v}" for v in axe_here(tab)]
    context.close()
    assert not found, "\n".join(found)


def test_every_step_of_the_studio_is_reached_by_keyboard_with_visible_focus(browser, site_url):
    from tests.support.audit import keyboard_problems_here
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    open_studio(tab, site_url + URL)
    filled_with_everything_shown(tab)
    found = []
    for step in STEPS:
        go(tab, step)
        ready(tab)
        missed, invisible = keyboard_problems_here(tab)
        found += [f"step {step}: not reachable with Tab: {m}" for m in missed]
        found += [f"step {step}: no visible focus: {i}" for i in sorted(set(invisible))]
    context.close()
    assert not found, "\n".join(found)


def test_every_step_of_the_studio_fits_a_390_pixel_phone(browser, site_url):
    """Nothing wider than the screen, every control inside it, and axe's checks at that width (target sizes among
    them)."""
    from tests.support.audit import AXE, axe_here
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    open_studio(tab, site_url + URL)
    filled_with_everything_shown(tab)
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = []
    for step in STEPS:
        go(tab, step)
        ready(tab)
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.append(f"step {step}: the page is {width} px wide")
        outside = tab.evaluate("""w => [...document.querySelectorAll(
            '[data-library-studio] :is(input, textarea, select, button, a)')]
          .filter(e => e.checkVisibility() && !e.closest('.library-visually-hidden'))
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && (r.left < 0 || r.right > w); })
          .map(e => e.id || e.textContent.trim().slice(0, 30))""", PHONE["width"])
        found += [f"step {step}: outside the screen: {o}" for o in outside]
        found += [f"step {step}: {v}" for v in axe_here(tab)]
    context.close()
    assert not found, "\n".join(found)
