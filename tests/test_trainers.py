"""For trainers: pathways, citing a page, copying a section's link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import library
from tests.support import read, section
from tests.support.browsers import PENDING_TIMERS, settled

ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)


def test_at_least_three_pathways():
    assert len(LIB.pathways) >= 3
    assert {"the-nine-in-an-hour", "when-trust-breaks-down", "letting-go-and-risk"} <= {p.id for p in LIB.pathways}


@pytest.mark.parametrize("pathway", LIB.pathways, ids=lambda p: p.id)
def test_a_pathway_page_steps_through_its_pages_with_notes(built_site, pathway):
    html = read(built_site, f"pathways/{pathway.id}/")
    for number, step in enumerate(pathway.steps, start=1):
        part = section(html, f"step-{number}")
        assert "Trainer" in part and step.note.split()[0] in part
        assert ('rel="prev"' in part) == (number > 1) and ('rel="next"' in part) == (number < len(pathway.steps))
        if step.section:
            assert f'#{step.section}"' in part


@pytest.mark.parametrize("pathway", LIB.pathways, ids=lambda p: p.id)
def test_each_step_navigation_landmark_has_its_own_name(built_site, pathway):
    html = read(built_site, f"pathways/{pathway.id}/")
    labels = re.findall(r'<nav class="library-pathway__nav" aria-label="([^"]*)"', html)
    total = len(pathway.steps)
    assert len(labels) == total and len(set(labels)) == total
    assert labels[0] == f"Step 1 of {total}: next" and labels[-1] == f"Step {total} of {total}: previous"
    assert all(label == f"Step {n} of {total}: previous and next" for n, label in enumerate(labels[1:-1], start=2))
    # No other landmark on the page shares a name with them.
    assert not re.search(r'<nav[^>]*aria-label="Steps"', html)


def test_a_step_naming_a_missing_page_is_an_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "pathways.yaml").write_text(
        "- id: broken\n  title: Broken\n  audience: Anyone\n  summary: A test.\n  steps:\n"
        "    - page: case-study:no-such-case\n      note: One.\n    - page: page:no/such/page.md\n      note: Two.\n",
        encoding="utf-8")
    problems = library.load(tmp_path, [data / "pathways.yaml"]).problems
    assert [(p.line, p.field) for p in problems] == [(6, "[1].steps[1].page"), (8, "[1].steps[2].page")]


def test_content_pages_carry_a_citation(built_site):
    html = read(built_site, "preconditions/trusted-partners/")
    cite = html[html.index('class="library-cite"'):html.index("</aside>", html.index('class="library-cite"'))]
    assert ("Trusted partners" in cite
            and "https://place-based-patterns.github.io/library/preconditions/trusted-partners/" in cite)
    assert "Last updated 2025-11-22" in cite  # the commit's date (SOURCE_DATE_EPOCH), not the clock
    assert "Billiald" in cite and "McAllister-Jones" in cite


def test_citation_file_names_the_library_and_the_report():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in text and "Behaving like a system?" in text and "McAllister-Jones" in text


@pytest.mark.browser
def test_the_accessed_date_is_filled_in(page, site_url):
    page.goto(site_url + "case-studies/coventry-ignite/")
    assert "the date you read it" not in page.text_content("[data-library-accessed]")


# Drawn or not: Material's heading links are transparent until wanted.
OPACITY = "a => parseFloat(getComputedStyle(a).opacity)"


@pytest.mark.browser
def test_a_section_link_shows_on_focus_and_copies_its_address(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    link = page.locator("#signs-of-absence .headerlink")
    assert link.evaluate(OPACITY) == 0  # as Material draws it: out of sight until wanted
    link.focus()
    page.wait_for_function("a => getComputedStyle(a).opacity === '1'", arg=link.element_handle())
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[role=status]') && "
                           "document.querySelector('.headerlink[data-copied]')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/library/preconditions/trusted-partners/#signs-of-absence")
    assert link.text_content().endswith("Link copied")
    context.close()


@pytest.mark.browser
def test_section_links_are_reached_with_tab_and_shown_when_focused(page, site_url):
    page.goto(site_url + "preconditions/trusted-partners/")
    wanted = page.locator("article .headerlink").count()
    assert wanted > 2
    reached = []
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const a = document.activeElement; return a.matches('article .headerlink')"
                                " ? [a.getAttribute('href'), getComputedStyle(a).opacity] : null; }")
        if focused and focused[0] in reached:
            break  # round the page once
        if focused:
            reached.append(focused[0])
            page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    assert len(reached) == wanted


LABEL_SHOWN = ("a => { const r = a.querySelector('.library-headerlink__label').getBoundingClientRect(); return r.width "
               "> 5 && r.height > 5; }")


@pytest.mark.browser
def test_a_section_link_is_named_and_shows_copy_link_on_hover_and_focus(page, site_url):
    page.goto(site_url + "preconditions/trusted-partners/")
    links = page.locator("article .headerlink")
    assert links.count() > 2
    for i in range(links.count()):
        link = links.nth(i)
        heading = link.evaluate("a => { const h = a.parentNode.cloneNode(true); "
                                "h.querySelector('.headerlink').remove(); return h.textContent.trim(); }")
        assert link.get_attribute("aria-label") == "Copy link to section: " + heading
        assert (link.get_attribute("href").startswith("#") and link.get_attribute("href")[1:]
                == link.evaluate("a => a.parentNode.id"))
    link = page.locator("#signs-of-absence .headerlink")
    assert link.get_attribute("aria-label") == "Copy link to section: Signs that it is absent"
    assert not link.evaluate(LABEL_SHOWN) and link.evaluate(OPACITY) == 0  # out of the way until wanted
    page.hover("#signs-of-absence")
    page.wait_for_function("a => getComputedStyle(a).opacity === '1'", arg=link.element_handle())
    assert link.evaluate(LABEL_SHOWN) and "Copy link" in link.inner_text()
    page.mouse.move(0, 0)
    assert not link.evaluate(LABEL_SHOWN)
    link.focus()
    assert link.evaluate(LABEL_SHOWN)


@pytest.mark.browser
def test_on_a_touch_screen_a_tap_on_the_heading_shows_its_link(browser, site_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    link = page.locator("#signs-of-absence .headerlink")
    assert link.evaluate(OPACITY) == 0 and not link.evaluate(LABEL_SHOWN)
    page.tap("#signs-of-absence", position={"x": 5, "y": 5})
    page.wait_for_function("a => getComputedStyle(a).opacity === '1'", arg=link.element_handle())
    assert link.evaluate(LABEL_SHOWN) and "Copy link" in link.inner_text()
    context.close()


LAYOUT_SHIFTS = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
      .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("touch", [True, False], ids=["touch", "mouse"])
@pytest.mark.parametrize("path", ["preconditions/trusted-partners/", "case-studies/coventry-homelessness-and-housing/"])
def test_nothing_moves_while_the_page_loads(browser, site_url, touch, path):
    """Lighthouse counts layout shifts against a page: the section links and glossary terms the script
    decorates must not push the text around as it runs."""
    context = browser.new_context(has_touch=touch, is_mobile=touch,
                                  viewport={"width": 412 if touch else 1350, "height": 820})
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate(LAYOUT_SHIFTS) < 0.01
    context.close()


@pytest.mark.browser
def test_the_reflection_tool_says_saved_once_not_after_every_pause(page, site_url):
    page.add_init_script(PENDING_TIMERS)
    page.goto(site_url + "trainers/reflection/")
    page.wait_for_selector("[data-library-reflection-status]:not([hidden])")
    page.evaluate("""() => { window.statusWrites = [];
        const status = document.querySelector('[data-library-reflection-status]');
        new MutationObserver(() => window.statusWrites.push(status.textContent))
          .observe(status, {childList: true, characterData: true, subtree: true}); }""")
    for words in ["First thought.", " Second thought.", " Third thought."]:
        page.click("#reflect-c-evidence")
        page.keyboard.type(words)
        settled(page)  # the pause after which the tool saves has passed, and it has saved
    assert page.evaluate("localStorage.length") > 0 and "Third thought" in page.evaluate("JSON.stringify(localStorage)")
    writes = page.evaluate("window.statusWrites")
    assert writes.count("Saved in this browser.") == 1, writes
    assert page.text_content("[data-library-reflection-status]").strip() == "Saved in this browser."
