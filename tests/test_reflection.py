"""The reflection tool (docs/trainers/reflection.md) in a real browser: saving, export and import, clearing,
the profile, printing, keyboard and screen-reader basics, and working from file:// with no network."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from macros import library
from tests.support import ROOT, read

pytestmark = pytest.mark.browser

URL = "trainers/reflection/"
KEY = "place-based-patterns:reflection:v1"
LETTERS = "ABCDEFGHI"
WORDS = ["not discussed", "not yet visible", "in pockets", "widespread", "embedded"]
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "reflection.js"

# What a group might type, including text that must stay text.
SAMPLE = {
    "group": "Northtown partnership, 3 March",
    "presence": {"A": "not yet visible", "B": "in pockets", "E": "in pockets", "H": "embedded", "I": "widespread"},
    "evidence": {"A": "Each board still reports\nits own targets.",
                 "E": "Housing and health share a <b>caseload</b> & meet weekly."},
    "strengthen": {"B": "Ask people who use services to sit on the panel.",
                   "H": "Keep the monthly “what went wrong” sessions."},
}

# The state read straight from the form's controls, independent of the page's own script.
READ_FORM = """() => {
  const form = document.querySelector('[data-library-reflection]');
  const answers = {};
  for (const letter of 'ABCDEFGHI') {
    const checked = form.querySelector(`input[name="presence-${letter}"]:checked`);
    answers[letter] = {
      presence: checked ? checked.value : null,
      evidence: form.elements[`evidence-${letter}`].value,
      strengthen: form.elements[`strengthen-${letter}`].value,
    };
  }
  return {group: form.elements.group.value, answers};
}"""

# True once what is stored matches what the form shows, i.e. the debounced save has happened.
STORED_MATCHES_FORM = """(readForm) => {
  const stored = localStorage.getItem('KEY');
  if (!stored) return false;
  const data = JSON.parse(stored);
  const shown = (READ_FORM)();
  return JSON.stringify({group: data.group, answers: data.answers}) === JSON.stringify(shown);
}""".replace("KEY", KEY).replace("READ_FORM", READ_FORM)


def expected_state(sample=SAMPLE):
    answers = {}
    for letter in LETTERS:
        answers[letter] = {
            "presence": sample["presence"].get(letter, "not discussed"),
            "evidence": sample["evidence"].get(letter, ""),
            "strengthen": sample["strengthen"].get(letter, ""),
        }
    return {"group": sample["group"], "answers": answers}


EMPTY = expected_state({"group": "", "presence": {}, "evidence": {}, "strengthen": {}})


def open_tool(page, url):
    page.goto(url)
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")


def form_state(page):
    return page.evaluate(READ_FORM)


def fill(page, sample=SAMPLE):
    page.fill("#reflection-group", sample["group"])
    for letter, word in sample["presence"].items():
        page.check(f"#reflect-{letter.lower()}-{word.replace(' ', '-')}")
    for letter, text in sample["evidence"].items():
        page.fill(f"#reflect-{letter.lower()}-evidence", text)
    for letter, text in sample["strengthen"].items():
        page.fill(f"#reflect-{letter.lower()}-strengthen", text)
    wait_saved(page)


def wait_saved(page):
    page.wait_for_function(STORED_MATCHES_FORM)


def stored(page):
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def error_text(page):
    return page.text_content("[data-library-reflection-error]").strip()


def notice_text(page):
    return page.text_content("[data-library-reflection-notice]").strip()


def import_bytes(page, content: bytes, name="answers.json"):
    page.set_input_files("#reflection-import",
                         files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def export_json(page, tmp_path, kind="json") -> Path:
    """Download the answers (kind "json") or the report ("markdown") and return the saved file."""
    with page.expect_download() as info:
        page.click(f"[data-library-reflection-export-{kind}]")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def new_tab(browser, **options):
    """A tab in a fresh context (clean localStorage) that fails the test on any JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return context, tab, errors


# --- Saving --------------------------------------------------------------------------------

def test_answers_survive_a_reload(page, site_url):
    open_tool(page, site_url + URL)
    assert "Saved" not in page.text_content("[data-library-reflection-status]")
    fill(page)
    assert page.text_content("[data-library-reflection-status]").strip() == "Saved in this browser."
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    assert form_state(page) == expected_state()
    assert "restored" in page.text_content("[data-library-reflection-status]")


def test_a_change_just_before_leaving_is_not_lost(page, site_url):
    """The save waits for a pause in typing; leaving the page saves at once."""
    open_tool(page, site_url + URL)
    page.fill("#reflect-c-evidence", "Typed, then straight away reloaded")
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    assert page.input_value("#reflect-c-evidence") == "Typed, then straight away reloaded"


def test_storage_holds_the_versioned_format(page, site_url):
    open_tool(page, site_url + URL)
    fill(page)
    data = json.loads(stored(page))
    assert data["format"] == "place-based-patterns/reflection" and data["version"] == 1
    assert re.match(r"^\d{4}-\d\d-\d\dT", data["saved"])
    assert {"group": data["group"], "answers": data["answers"]} == expected_state()


def test_without_storage_the_tool_says_so_and_still_works(browser, site_url, tmp_path):
    context, tab, errors = new_tab(browser)
    # Like Safari's private mode of old, and a full disk: every write is refused.
    tab.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""")
    try:
        open_tool(tab, site_url + URL)
        assert "not letting the page save" in tab.text_content("[data-library-reflection-status]")
        tab.check("#reflect-d-in-pockets")
        tab.wait_for_function("document.querySelector('[data-library-reflection-profile]').textContent.includes('In "
                              "pockets: D')")
        path = export_json(tab, tmp_path)
        assert json.loads(path.read_text())["answers"]["D"]["presence"] == "in pockets"
        assert "not letting the page save" in tab.text_content("[data-library-reflection-status]")
    finally:
        context.close()
    assert not errors, errors


# --- Export and import ------------------------------------------------------------------

def test_export_clear_import_gives_the_same_state(page, site_url, tmp_path):
    open_tool(page, site_url + URL)
    fill(page)
    path = export_json(page, tmp_path)
    assert path.name.startswith("reflection-northtown-partnership-3-march-") and path.suffix == ".json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "place-based-patterns/reflection" and data["version"] == 1
    assert {"group": data["group"], "answers": data["answers"]} == expected_state()

    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.click("[data-library-reflection-clear]")
    assert dialogs and "Clear all answers" in dialogs[0]
    assert form_state(page) == EMPTY
    assert stored(page) is None

    page.set_input_files("#reflection-import", path)  # the form is empty, so no question is asked
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
    assert form_state(page) == expected_state()
    wait_saved(page)
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    assert form_state(page) == expected_state()


@pytest.mark.parametrize("kind", ["json", "markdown"])
def test_import_into_a_fresh_browser_gives_the_same_state(page, browser, site_url, tmp_path, kind):
    open_tool(page, site_url + URL)
    fill(page)
    path = export_json(page, tmp_path, kind)

    context, tab, errors = new_tab(browser)
    try:
        open_tool(tab, site_url + URL)
        assert tab.evaluate(f"localStorage.getItem('{KEY}')") is None and form_state(tab) == EMPTY
        tab.set_input_files("#reflection-import", path)
        tab.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
        assert form_state(tab) == expected_state()
        wait_saved(tab)
    finally:
        context.close()
    assert not errors, errors


def test_import_asks_before_replacing_answers(page, site_url, tmp_path):
    open_tool(page, site_url + URL)
    fill(page)
    path = export_json(page, tmp_path)
    page.fill("#reflect-g-evidence", "Written after the export")
    wait_saved(page)
    before = form_state(page)

    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_input_files("#reflection-import", path)
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('Nothing "
                           "was loaded')")
    assert dialogs and "Replace the answers" in dialogs[0]
    assert form_state(page) == before
    assert json.loads(stored(page))["answers"]["G"]["evidence"] == "Written after the export"

    page.once("dialog", lambda d: d.accept())
    page.set_input_files("#reflection-import", path)
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('have been "
                           "loaded')")
    assert form_state(page) == expected_state()


def good_file(**changes):
    data = {"format": "place-based-patterns/reflection", "version": 1, "saved": "2025-03-03T10:00:00.000Z",
            "group": "Other group", "answers": {"C": {"presence": "widespread", "evidence": "x", "strengthen": "y"}}}
    data.update(changes)
    return json.dumps(data).encode()


def with_answer(letter, answer):
    return good_file(answers={letter: answer})


@pytest.mark.parametrize("content, says", [
    (b"this is not JSON {", "neither a JSON file nor a Markdown report"),
    (b"", "neither a JSON file nor a Markdown report"),
    (b"# Reflection on the nine preconditions\n\n## J. Not a precondition\n\nHow present: embedded\n",
     "answers for \"J\", which is not a precondition"),
    (b"# Reflection on the nine preconditions\n\n## B. Citizen-centred\n\nHow present: sometimes\n",
     "how present B is (\"sometimes\") must be one of"),
    (b"[1, 2, 3]", "does not hold a reflection"),
    (good_file(format="someone-else/survey"), "not a reflection file from this library"),
    (good_file(version=2), "version 2 of the format"),
    (good_file(extra="field"), "a field this page does not know: \"extra\""),
    (good_file(saved="next Tuesday"), "\"saved\" date is not a date"),
    (good_file(answers=["A", "B"]), "\"answers\" are missing"),
    (good_file(answers={"J": {"presence": "embedded"}}), "answers for \"J\", which is not a precondition"),
    (good_file(answers={"a": {"presence": "embedded"}}), "answers for \"a\", which is not a precondition"),
    (good_file(answers={"__proto__": {"presence": "embedded"}}), "which is not a precondition"),
    (with_answer("B", {"presence": "sometimes"}), "how present B is (\"sometimes\") must be one of: not discussed"),
    (with_answer("B", {"presence": 3}), "how present B is (not a word)"),
    (with_answer("E", {"evidence": "x" * 12000}), "the evidence for E is 12,000 characters long"),
    (with_answer("E", {"strengthen": ["a list"]}), "what would strengthen E is not text"),
    (with_answer("E", {"score": 7}), "has a field this page does not know: \"score\""),
    (good_file(group="g" * 1000), "the group name is 1,000 characters long"),
    (b"{" * 600_000, "too large"),
])
def test_a_malformed_file_is_refused_and_nothing_changes(page, site_url, content, says):
    open_tool(page, site_url + URL)
    fill(page)
    before, kept = form_state(page), stored(page)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    import_bytes(page, content, name="bad.json")
    page.wait_for_function("document.querySelector('[data-library-reflection-error]').textContent.length > 0")
    message = error_text(page)
    assert says in message, message
    assert message.startswith("There is a problem.") and "“bad.json”" in message
    assert "Your current answers have not changed." in message
    assert page.get_attribute("[data-library-reflection-error]", "role") == "alert"
    assert form_state(page) == before and stored(page) == kept
    assert not dialogs, f"asked {dialogs} about a file that should be refused"


def test_a_partial_file_fills_the_rest_with_defaults(page, site_url):
    open_tool(page, site_url + URL)
    import_bytes(page, good_file())
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
    state = form_state(page)
    assert state["group"] == "Other group"
    assert state["answers"]["C"] == {"presence": "widespread", "evidence": "x", "strengthen": "y"}
    assert all(state["answers"][k] == EMPTY["answers"][k] for k in "ABDEFGHI")


def test_markdown_report(page, site_url, tmp_path):
    open_tool(page, site_url + URL)
    fill(page)
    with page.expect_download() as info:
        page.click("[data-library-reflection-export-markdown]")
    assert info.value.suggested_filename.endswith(".md")
    path = tmp_path / "report.md"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    lib = library.load(ROOT)
    assert text.startswith("# Reflection on the nine preconditions\n")
    assert "Group: Northtown partnership, 3 March" in text
    assert "- In pockets: B, E\n" in text and "- Embedded: H\n" in text and "- Not discussed: C, D, F, G\n" in text
    for p in lib.preconditions:
        assert f"\n## {p.id}. {p.title}\n" in text
    assert "Housing and health share a <b>caseload</b> & meet weekly." in text
    assert "not a checklist" in text


# Answers that look like the report's own lines, and text whose spaces and blank lines a report could lose.
HOSTILE = {
    "group": "  Group: ## A. Beneficiary impact  ",
    "presence": {"A": "embedded", "B": "in pockets", "C": "not yet visible"},
    "evidence": {
        "A": "## A. Beneficiary impact\n\nHow present: not yet visible\n\n### Evidence\n\nNothing written.",
        "B": "How present: embedded\n## B. Citizen-centred\n### What would strengthen it\n> quoted\n>\n> > nested",
        "C": "Nothing written.",
        "D": "# Reflection on the nine preconditions\n## Profile\n- Embedded: A, B, C",
        "E": "  two spaces before, three after   \n\n\n  and blank lines between  ",
        "F": "\n\nStarts and ends with blank lines\n\n",
        "G": "Group: Another group\n<script>alert(1)</script> & {{ 7*7 }} \u202e\u2028\t tab",
        "H": ">",
    },
    "strengthen": {
        "A": "## B. Citizen-centred\n\nHow present: widespread\n\n### Evidence\n\nsmuggled",
        "B": " ",
        "C": "### Evidence",
        "I": "\n".join(f"## {letter}. Line {n}" for n, letter in enumerate("ABCDEFGHI" * 30)),
    },
}


def test_the_markdown_report_gives_back_exactly_the_answers_whatever_they_say(page, browser, site_url, tmp_path):
    """Export then import: the same answers, to the character, though they hold the report's own headings and lines."""
    open_tool(page, site_url + URL)
    fill(page, HOSTILE)
    assert form_state(page) == expected_state(HOSTILE)  # the form holds them as typed
    path = export_json(page, tmp_path, "markdown")
    context, tab, errors = new_tab(browser)
    try:
        open_tool(tab, site_url + URL)
        tab.set_input_files("#reflection-import", path)
        tab.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
        assert form_state(tab) == expected_state(HOSTILE)
    finally:
        context.close()
    assert not errors, errors


def test_a_report_written_before_answers_were_quoted_still_loads(page, site_url):
    """Reports downloaded before the answers were quoted held each answer as plain lines: they load as they did."""
    report = ("# Reflection on the nine preconditions\n\nGroup: Old group\n\n## Profile\n\n- Embedded: A\n\n"
              "## A. Beneficiary impact\n\nHow present: embedded\n\n### Evidence\n\nLine one\nLine two\n\n"
              "### What would strengthen it\n\nNothing written.\n")
    open_tool(page, site_url + URL)
    import_bytes(page, report.encode(), name="old.md")
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
    state = form_state(page)
    assert state["group"] == "Old group"
    assert state["answers"]["A"] == {"presence": "embedded", "evidence": "Line one\nLine two", "strengthen": ""}


# --- Clearing ---------------------------------------------------------------------------

def test_clear_asks_first_and_cancelling_keeps_everything(page, site_url):
    open_tool(page, site_url + URL)
    fill(page)
    before, kept = form_state(page), stored(page)

    page.once("dialog", lambda d: d.dismiss())
    page.click("[data-library-reflection-clear]")
    assert notice_text(page) == "Nothing was cleared."
    assert form_state(page) == before and stored(page) == kept

    page.once("dialog", lambda d: d.accept())
    page.click("[data-library-reflection-clear]")
    assert notice_text(page) == "All answers have been cleared."
    assert form_state(page) == EMPTY and stored(page) is None
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    assert form_state(page) == EMPTY


# --- Profile and print ----------------------------------------------------------------------

def test_profile_groups_letters_by_word_with_no_numbers(page, site_url):
    open_tool(page, site_url + URL)
    profile = page.locator("[data-library-reflection-profile]")
    assert "Choose a word" in profile.text_content()
    fill(page)
    items = profile.locator("li").all_text_contents()
    assert (items
            == ["Not yet visible: A", "In pockets: B, E", "Widespread: I", "Embedded: H", "Not discussed: C, D, F, G"])
    assert not any(re.search(r"\d|%|score|total|rank|/", item, re.I) for item in items), items
    assert "not a score" in profile.text_content()


def test_printing_shows_the_summary_not_the_form(page, site_url):
    open_tool(page, site_url + URL)
    fill(page)
    summary = page.locator("[data-library-reflection-summary]")
    assert not summary.is_visible() and page.locator("#reflect-a-evidence").is_visible()
    page.emulate_media(media="print")
    assert summary.is_visible()
    assert not page.locator("[data-library-reflection]").is_visible()
    assert not page.locator("[data-library-reflection-tools]").is_visible()
    text = summary.inner_text()
    assert "Group: Northtown partnership, 3 March" in text
    assert "Each board still reports\nits own targets." in text  # line breaks kept
    assert "How present: embedded" in text and "Keep the monthly “what went wrong” sessions." in text


def test_without_javascript_the_form_is_a_worksheet(browser, site_url):
    context, tab, _ = new_tab(browser, java_script_enabled=False)
    try:
        tab.goto(site_url + URL)
        assert tab.locator("[data-library-reflection] fieldset").count() == 9
        assert tab.is_visible("#reflect-i-strengthen")
        assert tab.get_by_text("Saving needs JavaScript.").is_visible()
        assert not tab.is_visible("[data-library-reflection-tools]")
        tab.emulate_media(media="print")
        assert tab.is_visible("#reflect-a-evidence")
    finally:
        context.close()


# --- Keyboard, screen readers, small screens ----------------------------------------------

def test_every_control_has_an_accessible_name(page, site_url):
    open_tool(page, site_url + URL)
    tree = page.locator("article").aria_snapshot()
    controls = [line.strip() for line in tree.splitlines()
                if re.match(r"\s*- (textbox|radio|button|checkbox|combobox)\b", line)]
    assert len(controls) >= 1 + 9 * 7 + 5, controls
    unnamed = [c for c in controls if not re.match(r'- \w+ "[^"]+"', c)]
    assert not unnamed, unnamed
    for p in library.load(ROOT).preconditions:
        group = page.get_by_role("group", name=f"How present is “{p.short_title}” in your system?")
        assert group.get_by_role("radio").count() == len(WORDS)
        assert page.get_by_role("textbox", name=f"Your evidence for {p.id}", exact=True).count() == 1
        assert page.get_by_role("textbox", name=f"What would strengthen it for {p.id}", exact=True).count() == 1
    assert page.get_by_role("button", name="Load answers from a file (JSON or Markdown)").count() == 1
    assert page.get_attribute("[data-library-reflection-status]", "role") == "status"
    assert page.get_attribute("[data-library-reflection-notice]", "role") == "status"


def test_the_tool_works_from_the_keyboard(page, site_url):
    open_tool(page, site_url + URL)
    page.focus("#reflection-group")
    page.keyboard.type("Keyboard group")
    page.keyboard.press("Tab")  # on to A's radio group; A's page link comes first
    while page.evaluate("document.activeElement.name") != "presence-A":
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#reflect-a-in-pockets")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "reflect-a-evidence"
    page.keyboard.type("Typed without a mouse")
    wait_saved(page)
    assert "In pockets: A" in page.text_content("[data-library-reflection-profile]")

    page.once("dialog", lambda d: d.accept())
    page.focus("[data-library-reflection-clear]")
    page.keyboard.press("Enter")
    assert form_state(page) == EMPTY
    assert page.evaluate("document.activeElement.hasAttribute('data-library-reflection-clear')")


def test_fits_a_360_pixel_screen(browser, site_url):
    context, tab, errors = new_tab(browser)
    try:
        tab.set_viewport_size({"width": 360, "height": 740})
        open_tool(tab, site_url + URL)
        fill(tab)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        for selector in ("#reflect-e-evidence", "#reflect-e-in-pockets", "[data-library-reflection-export-json]",
                         "#reflection-import"):
            box = tab.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (selector, box)
    finally:
        context.close()
    assert not errors, errors


# --- Nothing leaves the browser; works from disk ------------------------------------------

def test_no_request_leaves_the_site(page, site_url, tmp_path):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_tool(page, site_url + URL)
    fill(page)
    path = export_json(page, tmp_path)
    with page.expect_download():
        page.click("[data-library-reflection-export-markdown]")
    page.once("dialog", lambda d: d.accept())
    page.click("[data-library-reflection-clear]")
    page.set_input_files("#reflection-import", path)
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    outside = [u for u in requests if not u.startswith((site_url, "blob:", "data:"))]
    assert not outside, outside
    assert any(u.endswith("reflection.js") for u in requests)


def test_the_scripts_have_no_way_to_send_anything():
    """Every script the page loads (its front matter's library_script), the one written by the build aside."""
    page = (ROOT / "docs" / "trainers" / "reflection.md").read_text(encoding="utf-8")
    names = yaml.safe_load(page.split("---")[1])["library_script"]
    assert "reflection.js" in names and "browser-draft.js" in names
    for name in names:
        path = SCRIPT.parent / name
        if name == "reflection-data.js":
            assert not path.exists()  # written by the build (macros/reflection.py): data, no code
            continue
        source = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments may name them
        for call in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", ".src =",
                     "innerHTML"):
            assert call not in source, (name, call)


def test_works_from_the_offline_build_over_file(page, offline_site, tmp_path):
    open_tool(page, "file://" + str(offline_site / "trainers" / "reflection.html"))
    requests = []  # from here on: what the tool itself asks for (page loads are the theme's business)
    page.on("request", lambda r: requests.append(r.url))
    fill(page)
    path = export_json(page, tmp_path)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-library-reflection-clear]")
    page.set_input_files("#reflection-import", path)
    page.wait_for_function("document.querySelector('[data-library-reflection-notice]').textContent.includes('loaded')")
    assert not [u for u in requests if not u.startswith(("blob:", "data:"))], requests
    wait_saved(page)
    page.reload()
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    assert form_state(page) == expected_state()
    assert "restored" in page.text_content("[data-library-reflection-status]")


# --- The built page -----------------------------------------------------------------------

def test_the_page_has_a_part_for_each_precondition_from_the_data(built_site):
    html = read(built_site, URL)
    for p in library.load(ROOT).preconditions:
        part = html[html.index(f'id="reflect-{p.id.lower()}"'):]
        part = part[:part.index("</section>")]
        assert p.title in unescape(part) and p.summary in unescape(part)
        values = re.findall(rf'name="presence-{p.id}" value="([^"]+)"', part)
        assert values == WORDS
        href = re.search(r'<a href="([^"]+)">More on', part).group(1)
        assert href == f"../../preconditions/{p.slug}/"
        assert (built_site / "preconditions" / p.slug / "index.html").exists()
    assert "Nothing you type here leaves this browser." in html


def test_the_script_accepts_exactly_the_words_letters_and_lengths_of_the_form(built_site):
    """The script's words, letters and limits are the build's (reflection-data.js), the same as the form's."""
    script = (built_site / "assets" / "javascripts" / "reflection-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.LIBRARY_REFLECTION = ").removesuffix(";\n"))
    html = read(built_site, URL)
    assert data["presence"] == WORDS == re.findall(r'name="presence-A" value="([^"]+)"', html)
    section = r'<section class="library-reflection__item" id="reflect-[a-i]" data-letter="([A-I])"'
    assert data["letters"] == re.findall(section, html)
    assert f'name="group" type="text" maxlength="{data["max_group"]}"' in html
    assert html.count(f'maxlength="{data["max_text"]}"') == 2 * len(data["letters"])
    assert "PRESENCE" not in SCRIPT.read_text(encoding="utf-8")  # no list of its own
