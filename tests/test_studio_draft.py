"""The studio's draft holds what is on screen, exactly: random sequences of what a person does in the studio
(type, add a finding, choose its group, precondition and status, answer a chooser's question, open its folded parts,
remove it and undo, add or remove a source, move between steps), then a reload, and separately a download and an upload
into a fresh browser. Every control's state,
every finding's place in the list and the step on screen come back identical, every time."""

from __future__ import annotations

import json
import random

import pytest

from tests.support.studio import URL, open_studio, screen, studio_tab

pytestmark = pytest.mark.browser

TEXTS = ["", " ", "Northbridge", "Care leavers in Northbridge", "2021 to 2023", "housing, care leavers",
         "The partners met every month.\nThey shared caseloads.", "- one\n- two", "Café 😀 naïve", "### Place",
         "Ask the council's housing team.", "2023", "4-19", "https://example.org/report.pdf", "x" * 130,
         "  leading and trailing  ", "Line one\n\nLine two"]


def act(tab, rng: random.Random) -> str:
    """One thing a person might do, chosen among the controls on screen now. Returns what it was, for the message."""
    kind = rng.choices(["add", "type", "tick", "click", "unfold", "select", "step"],
                       weights=[8, 38, 22, 20, 4, 3, 5])[0]
    form = "[data-library-studio-form]"
    if kind == "add":  # a finding, from the preconditions step
        tab.click(".library-studio__steps [data-library-studio-go='3']")
        tab.click("[data-library-studio-add-finding]")
        return "add a finding"
    if kind == "type":
        fields = tab.locator(f"{form} input[type=text]:visible, {form} textarea:visible:not([readonly])")
        if fields.count():
            field = fields.nth(rng.randrange(fields.count()))
            text = rng.choice(TEXTS)
            field.fill(text)
            return f"type {text!r} into #{field.get_attribute('id')}"
    if kind == "tick":
        boxes = tab.locator(f"{form} input[type=radio]:visible:enabled, {form} input[type=checkbox]:visible:enabled")
        if boxes.count():
            box = boxes.nth(rng.randrange(boxes.count()))
            box.click()
            return f"tick #{box.get_attribute('id')}"
    # every button of the form that changes it: add, remove, undo, open a finding, a chooser's answer
    if kind == "click":
        buttons = tab.locator(f"{form} button:visible"
                              ":not([data-library-studio-copy]):not([data-library-studio-download-yaml])")
        if buttons.count():
            button = buttons.nth(rng.randrange(buttons.count()))
            label = button.inner_text()
            button.click()
            return f"click {label!r}"
    if kind == "unfold":  # the step's help, a chooser's questions or signs
        summaries = tab.locator(f"{form} summary:visible")
        if summaries.count():
            summary = summaries.nth(rng.randrange(summaries.count()))
            label = summary.inner_text()
            summary.click()
            return f"open or close {label!r}"
    if kind == "select":
        select = tab.locator(f"{form} select:visible")
        if select.count():
            index = rng.randrange(select.locator("option").count())
            select.select_option(index=index)
            return f"select option {index}"
    step = rng.randint(1, 8)
    tab.click(f".library-studio__steps [data-library-studio-go='{step}']")
    return f"go to step {step}"


def differences(before: dict, after: dict) -> str:
    moved = f"step {before['step']} became {after['step']}; " if before["step"] != after["step"] else ""
    hidden = {"controls": [c[:2] + c[3:]
                           for c in before["controls"]]}, {"controls": [c[:2] + c[3:] for c in after["controls"]]}
    if hidden[0] == hidden[1]:
        return moved + "the same controls and values, shown differently"
    lost = [b for b in hidden[0]["controls"] if b not in hidden[1]["controls"]]
    gained = [a for a in hidden[1]["controls"] if a not in hidden[0]["controls"]]
    return (moved
            + f"{len(before['controls'])} controls before, {len(after['controls'])} after; lost {lost[:6]}; gained "
              f"{gained[:6]}")


@pytest.mark.parametrize("seed", range(6))
def test_what_is_on_screen_survives_a_reload_and_a_download_then_upload(browser, site_url, tmp_path, seed):
    rng = random.Random(seed)
    context, tab, errors = studio_tab(browser, site_url + URL)
    tab.click(".library-studio__steps [data-library-studio-go='3']")
    tab.click("[data-library-studio-add-finding]")  # every sequence has a finding to work on
    done = [act(tab, rng) for _ in range(30)]
    before = screen(tab)

    tab.reload()
    tab.wait_for_selector("[data-library-studio]:not([hidden])")
    after_reload = screen(tab)
    assert after_reload == before, "after a reload: " + differences(before, after_reload) + "\n" + "\n".join(done)

    with tab.expect_download() as info:
        tab.click("[data-library-studio-export]")
    saved = tmp_path / "draft.json"
    info.value.save_as(saved)
    json.loads(saved.read_text(encoding="utf-8"))
    context.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    other = fresh.new_page()
    other.on("pageerror", lambda e: errors.append(str(e)))
    open_studio(other, site_url + URL)
    other.set_input_files("#studio-import", str(saved))
    other.wait_for_function("document.querySelector('[data-library-studio]').innerText.includes('has been opened')")
    opened = screen(other)
    fresh.close()
    assert opened == before, "after a download and an upload: " + differences(before, opened) + "\n" + "\n".join(done)
    assert not errors, errors
