"""The contribution studio in Chromium, as a contributor uses it: a case study written step by step, with the
precondition chooser, checks that appear and clear, a draft exported and opened again, the preview, and the
issue. Then from-issue turns that issue into the file the studio offered, which validates and builds into
the page the studio previewed."""

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

from macros import issue_form, personal_data
from tests.support import build, copy_project
from tests.support.browsers import PENDING_TIMERS, serve, settled

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
URL = "contribute/studio/"
KEY = "place-based-patterns:studio:v1"

STORY = {
    "title": "Joining up support for care leavers in Northbridge",
    "place": "Northbridge",
    "period": "2021 to 2023",
    "themes": "Care leavers, housing\nearly-intervention",
    "summary": "Six services for young people leaving care agreed one shared outcome and a single assessment.",
    "context": "Northbridge had six separate services for young people leaving care, each with its own *targets*.\n"
               "In 2021 the council's leaving care team and two charities agreed to work as one service for a year.",
    "organisations": "Northbridge Borough Council\nNorthbridge Homes\nStep Forward (youth charity)",
    "what_did_not_work": "The pooled budget was cut in the second year.\nYoung people were not involved in decisions about money.",
    "lessons": "- Agree the shared outcome **before** anyone talks about money.\n- Decide in advance what happens if a pilot overspends.",
    "questions": "Who would notice if the shared assessment stopped?",
    "sources": "Evaluation of the care leavers' partnership (2023) https://example.org/care-leavers-evaluation.pdf\n"
               "Our own records of the programme",
    "contributor": "Northbridge Borough Council",
}
FINDINGS = [  # (what happened, how it is chosen, letter, status)
    ("Managers from the four services met every fortnight and shared their caseloads openly. When one charity missed a "
     "deadline, the others covered for it rather than reporting it to the board.", "behaviours", "E", "present"),
    ("When the pooled budget overspent in month nine, the finance board withdrew it at once, with no agreed way to learn "
     "from the overspend first.", "D, then the question that tells D from H", "H", "absent"),
]


def open_studio(page, url):
    page.add_init_script(PENDING_TIMERS)  # for settle()
    page.goto(url)
    page.wait_for_selector("[data-library-studio]:not([hidden])")


def settle(page):
    """Wait until the debounced check and save have run."""
    settled(page)


def go(page, step: int):
    page.click(f".library-studio__steps [data-library-studio-go='{step}']")


def error(page, key: str) -> str:
    box = page.locator(f"[data-library-studio-error='{key}']")
    return "" if box.is_hidden() else box.text_content()


def write_story(page):
    for key in ("title", "place", "period", "themes"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 2)
    for key in ("summary", "context", "organisations"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 3)
    for number, (text, how, letter, status) in enumerate(FINDINGS, 1):
        page.click("[data-library-studio-add-finding]")
        page.fill(f"#finding-{number}-text", text)
        card = page.locator(f"[data-finding='{number}']")
        if how == "behaviours":  # the first question narrows the nine to E to I
            page.check(f"#finding-{number}-group-behaviours")
            assert card.locator(".library-studio__choice:not([hidden]) input[name$='-letter']").evaluate_all(
                "inputs => inputs.map(i => i.value)") == list("EFGHI")
            page.check(f"#finding-{number}-letter-{letter.lower()}")
        else:  # a first choice, then the question that tells it from the one it is often mistaken for
            page.check(f"#finding-{number}-letter-d")
            card.locator(".library-studio__panel:not([hidden]) button[data-letter='H']").click()
        assert page.is_checked(f"#finding-{number}-letter-{letter.lower()}"), how
        page.check(f"#finding-{number}-status-{status}")
    go(page, 4)
    for key in ("what_did_not_work", "lessons", "questions"):
        page.fill(f"#studio-{key}", STORY[key])
    go(page, 5)
    page.fill("#studio-sources", STORY["sources"])
    go(page, 6)
    page.fill("#studio-contributor", STORY["contributor"])
    page.select_option("#studio-licence", "CC BY-SA 4.0")
    for n in (1, 2, 3):
        page.check(f"#studio-consent-{n}")
    settle(page)


def answers_on_the_page(page) -> dict:
    """What the page's controls hold: the questions, and each finding's precondition, status and text."""
    return page.evaluate("""() => {
      const out = {};
      for (const el of document.querySelectorAll('[data-library-studio-form] [name]:not([name^="finding-"])')) {
        if (el.type === 'checkbox') { if (el.checked) out[el.name] = (out[el.name] || []).concat(el.value); }
        else out[el.name] = el.value;
      }
      out.findings = [...document.querySelectorAll('[data-finding]')].map(card => [
        (card.querySelector('input[name$="-letter"]:checked') || {}).value,
        (card.querySelector('input[name$="-status"]:checked') || {}).value,
        card.querySelector('textarea').value]);
      return out;
    }""")


@pytest.fixture
def studio(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda dialog: dialog.accept())
    open_studio(tab, site_url + URL)
    yield tab
    context.close()
    assert not errors, errors


def test_an_error_appears_beside_its_field_and_clears(studio):
    studio.fill("#studio-title", "T" * 130)
    settle(studio)
    assert "is 130 characters long; the limit here is 120" in error(studio, "title")
    assert studio.get_attribute("#studio-title", "aria-invalid") == "true"
    assert "studio-title-error" in studio.get_attribute("#studio-title", "aria-describedby")
    assert "10 characters too many" in studio.inner_text("[data-library-studio-count='title']")
    studio.fill("#studio-title", "Care leavers in Northbridge")
    settle(studio)
    assert error(studio, "title") == "" and studio.get_attribute("#studio-title", "aria-invalid") is None
    go(studio, 2)
    studio.fill("#studio-summary", "Ask jo.bloggs@northbridge.example.org for the minutes.")
    settle(studio)
    assert personal_data.message("an e-mail address", "jo.bloggs@northbridge.example.org") in error(studio, "summary")
    studio.fill("#studio-summary", "Ask the council's leaving care team for the minutes.")
    settle(studio)
    assert error(studio, "summary") == ""


def test_a_title_that_gives_a_taken_id_names_the_file_that_has_it(studio):
    studio.fill("#studio-title", "Ignite")
    studio.fill("#studio-place", "Coventry")
    settle(studio)
    assert "'coventry-ignite'" in error(studio, "title") and "data/case_studies/coventry-ignite.yaml" in error(studio, "title")
    studio.fill("#studio-title", "Ignite again")
    settle(studio)
    assert "coventry-ignite" not in error(studio, "title")


def test_a_required_answer_is_named_only_once_the_person_has_moved_on(studio):
    assert error(studio, "place") == ""  # nothing shouts before anything is typed
    go(studio, 2)
    go(studio, 1)
    assert error(studio, "place") == "Error: " + issue_form.empty_answer("place")
    assert re.fullmatch(r" \(\d+ to fix\)", studio.text_content("[data-library-studio-step-problems='1']"))


def test_the_chooser_asks_the_question_that_tells_two_preconditions_apart(studio):
    go(studio, 3)
    studio.click("[data-library-studio-add-finding]")
    studio.fill("#finding-1-text", "Young people who had used the services sat on the programme board and helped design the assessment.")
    studio.check("#finding-1-letter-b")
    panel = studio.locator("[data-finding='1'] .library-studio__panel:not([hidden])").last
    text = panel.inner_text()
    assert "Signs that it is present" in text and "Signs that it is absent" in text and "Or is it G. Distributed leadership?" in text
    # Answering the question the other way moves the finding to the other precondition.
    panel.get_by_role("button", name="who leads").click()
    assert studio.is_checked("#finding-1-letter-g")
    assert studio.inner_text("#finding-1-title") == "Finding 1: G. Distributed leadership"
    # Each status is explained with an example, from the schema.
    statuses = studio.inner_text("[data-finding='1'] .library-studio__statuses")
    assert "Mixed" in statuses and "young people designed the assessment but had no say over the budget" in statuses
    # A precondition that already has a finding cannot be chosen for another.
    studio.click("[data-library-studio-add-finding]")
    assert studio.is_disabled("#finding-2-letter-g")


def test_a_draft_is_kept_in_the_browser_exported_and_opened_again(studio, tmp_path):
    write_story(studio)
    before = answers_on_the_page(studio)
    assert json.loads(studio.evaluate(f"localStorage.getItem('{KEY}')"))["answers"]["title"] == STORY["title"]
    studio.reload()
    studio.wait_for_selector("[data-library-studio]:not([hidden])")
    assert answers_on_the_page(studio) == before
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
    assert answers_on_the_page(studio) == before
    assert "has been opened" in studio.inner_text("[data-library-studio-notice]")
    # A file that is not a draft changes nothing and says why.
    studio.set_input_files("#studio-import", files=[{"name": "other.json", "mimeType": "application/json",
                                                     "buffer": json.dumps({"format": "something else"}).encode()}])
    studio.wait_for_selector("[data-library-studio-alert]:not(:empty)")
    assert "could not be opened: it is not a case study draft from this page" in studio.inner_text("[data-library-studio-alert]")
    assert answers_on_the_page(studio) == before


def test_a_long_answer_that_does_not_fit_the_link_is_offered_to_copy(studio):
    studio.fill("#studio-title", "Care leavers in Northbridge")
    go(studio, 2)
    studio.fill("#studio-context", "The partners met every month. " * 300)
    go(studio, 8)
    href = studio.get_attribute("[data-library-studio-issue-link]", "href")
    query = parse_qs(urlsplit(href).query)
    assert len(href) <= 8000 and query["case_title"] == ["Care leavers in Northbridge"] and "context" not in query
    assert query["template"] == ["case-study.yml"] and query["title"] == ["Case study: Care leavers in Northbridge"]
    left = studio.inner_text("[data-library-studio-left]")
    assert "too long to fill in from a link" in left and "Context" in left


@pytest.fixture(scope="module")
def contributed(browser, site_url, tmp_path_factory):
    """A case study written in the studio, sent as its issue text through from-issue, and built into a copy of the library."""
    root = tmp_path_factory.mktemp("studio")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    open_studio(tab, site_url + URL)
    write_story(tab)
    go(tab, 7)
    settle(tab)
    summary = tab.inner_text("[data-library-studio-summary]")
    preview = tab.inner_text("[data-library-studio-preview]")
    where = tab.inner_text("[data-library-studio-where]")
    go(tab, 8)
    settle(tab)
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


def test_the_issue_link_fills_in_every_text_answer_and_names_the_choices_to_make(contributed):
    query = parse_qs(urlsplit(contributed["link"]).query)
    assert query["case_title"] == [STORY["title"]] and query["finding-e"] == [FINDINGS[0][0]] and query["sources"] == [STORY["sources"]]
    assert not [key for key in query if key.startswith("status-") or key in ("licence", "consent")]
    for line in ("E. Trusted partners, choose Present", "H. Resilient and risk-embracing, choose Absent", "choose CC BY-SA 4.0",
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
    assert lines(contributed["preview"]) == published, "\n".join(difflib.unified_diff(lines(contributed["preview"]), published, lineterm=""))


def test_the_studio_says_where_the_case_study_will_appear(contributed):
    where = contributed["where"]
    assert f"https://place-based-patterns.github.io/library/case-studies/{ID}/" in where
    assert "A new page for Northbridge" in where
    assert "E. Trusted partners (present)" in where and "H. Resilient and risk-embracing (absent)" in where
    site = contributed["site"]
    assert ID in (site / "preconditions" / "trusted-partners" / "index.html").read_text(encoding="utf-8")
    assert (site / "places" / "northbridge" / "index.html").exists()


def test_the_studio_works_from_disk(browser, offline_site):
    """The offline copy: the studio's scripts load from file://, drafts are kept, and nothing is requested from anywhere."""
    context = browser.new_context()
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file://", "data:", "blob:")) else None)
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    url = (offline_site / "contribute" / "studio.html").as_uri()
    open_studio(tab, url)
    tab.fill("#studio-title", "Care leavers in Northbridge")
    settle(tab)
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_step_of_the_studio_passes_axe(browser, site_url, scheme):
    """The audits open each page as it loads; the studio's later steps (finding cards, the check, the preview,
    the ways to send) are built as the person goes, so each is audited here, filled in, in both schemes."""
    from tests.support.audit import AXE, WCAG_TAGS
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    open_studio(tab, site_url + URL)
    write_story(tab)
    go(tab, 2)
    tab.fill("#studio-summary", "Ask jo@example.org.")  # an error shown beside its field, and in the check
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = []
    for step in range(1, 9):
        go(tab, step)
        settle(tab)
        assert step != 2 or error(tab, "summary")
        violations = tab.evaluate(
            "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))", WCAG_TAGS)
        found += [f"step {step}: {v}" for v in violations]
    context.close()
    assert not found, "\n".join(found)
