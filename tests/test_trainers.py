"""For trainers: pathways, citing a page, copying a section's link."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import library
from tests.support import read, section

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
    assert "Trusted partners" in cite and "https://place-based-patterns.github.io/library/preconditions/trusted-partners/" in cite
    assert "Last updated 2025-11-22" in cite  # the commit's date (SOURCE_DATE_EPOCH), not the clock
    assert "Billiald" in cite and "McAllister-Jones" in cite


def test_citation_file_names_the_library_and_the_report():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in text and "Behaving like a system?" in text and "McAllister-Jones" in text


@pytest.mark.browser
def test_the_accessed_date_is_filled_in(page, site_url):
    page.goto(site_url + "case-studies/coventry-ignite/")
    assert "the date you read it" not in page.text_content("[data-library-accessed]")


@pytest.mark.browser
def test_a_section_link_is_visible_and_copies_its_address(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "preconditions/trusted-partners/")
    link = page.locator("#signs-of-absence .headerlink")
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) > 0.4  # visible without hovering
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[role=status]') && document.querySelector('.headerlink[data-copied]')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/library/preconditions/trusted-partners/#signs-of-absence")
    context.close()
