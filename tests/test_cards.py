"""The printable cards and the site's print styles, printed by a real Chromium.

A card is half an A4 sheet. Double-sided, a pair of cards takes two pages (fronts,
then backs in the same places); folded, a card takes one page (front on top, back
below). Text is never shortened to fit, so these tests are what stop a long field
from being cut off on paper.
"""

from __future__ import annotations

import html
import math
import re
import subprocess
import sys

import pytest

from macros import library
from macros.pages import glossary_map
from macros.safe_markdown import TextRenderer
from tests.support import ROOT, build, copy_project, read

LIB = library.load(ROOT)
A4_PX = (794, 1123)  # the viewport for print emulation: A4 at 96 px per inch, rounded up
PAGE_HEIGHT = 297 / 25.4 * 96  # one A4 page in CSS pixels
LAYOUTS = {"duplex": "#cards-layout-duplex", "fold": "#cards-layout-fold"}

# Every face of every card: where it is, how big it is, and whether its content overflows it.
FACES = """() => [...document.querySelectorAll('.card__face')].map(face => {
  const box = face.getBoundingClientRect();
  return {
    card: face.closest('.card').dataset.card,
    side: face.classList.contains('card__face--back') ? 'back' : 'front',
    top: box.top + window.scrollY, bottom: box.bottom + window.scrollY, height: box.height,
    tall: face.scrollHeight > face.clientHeight, wide: face.scrollWidth > face.clientWidth,
  };
})"""


def expected_pages(layout: str) -> int:
    """Two decks of one card per precondition; double-sided, each pair of cards takes two pages."""
    per_deck = len(LIB.preconditions)
    return 2 * (2 * math.ceil(per_deck / 2)) if layout == "duplex" else 2 * per_deck


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF: the leaf /Page objects, checked against the page tree's own /Count."""
    leaves = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    counts = [int(n) for n in re.findall(rb"/Count\s+(\d+)", pdf)]
    assert pdf.startswith(b"%PDF-") and counts and max(counts) == leaves, "not a PDF this parser understands"
    return leaves


def open_cards(page, url: str, layout: str = "duplex"):
    page.set_viewport_size({"width": A4_PX[0], "height": A4_PX[1]})
    page.goto(url + "trainers/cards/")
    page.check(LAYOUTS[layout])
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready.then(() => true)")


def misfits(faces) -> list[str]:
    """Faces that overflow, are not half a page, or cross from one page to the next."""
    bad = []
    for f in faces:
        name = f"{f['card']} {f['side']}"
        if f["tall"] or f["wide"]:
            bad.append(f"{name}: text does not fit")
        if abs(f["height"] - PAGE_HEIGHT / 2) > 1:
            bad.append(f"{name}: {f['height']:.0f} px high, not half a page")
        if int((f["top"] + 1) // PAGE_HEIGHT) != int((f["bottom"] - 1) // PAGE_HEIGHT):
            bad.append(f"{name}: split across two pages")
    return bad


def position(face) -> tuple[int, int]:
    """(page number, 0 for the top half or 1 for the bottom half)."""
    half = round(face["top"] / (PAGE_HEIGHT / 2))
    return half // 2, half % 2


@pytest.mark.browser
@pytest.mark.parametrize("layout", LAYOUTS)
def test_printing_the_cards_page_gives_the_expected_number_of_a4_pages(page, site_url, layout):
    open_cards(page, site_url, layout)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf_pages(pdf) == expected_pages(layout)
    # The page tells people how many sheets to expect.
    assert f"({expected_pages(layout)} pages)" in page.text_content(f"label[for='{LAYOUTS[layout][1:]}']")


@pytest.mark.browser
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_card_fits_on_half_a_page_without_losing_text(page, site_url, layout):
    open_cards(page, site_url, layout)
    faces = page.evaluate(FACES)
    assert len(faces) == 4 * len(LIB.preconditions)  # a front and a back for each card in both decks
    assert misfits(faces) == []
    assert position(faces[0]) == (0, 0)  # nothing printed above the first card


@pytest.mark.browser
def test_double_sided_backs_print_behind_their_fronts(page, site_url):
    open_cards(page, site_url, "duplex")
    faces = page.evaluate(FACES)
    fronts = {f["card"]: position(f) for f in faces if f["side"] == "front"}
    backs = {f["card"]: position(f) for f in faces if f["side"] == "back"}
    for card, (sheet_page, half) in fronts.items():
        # Flipped on the long edge, the next page lands behind this one with its halves in the same place.
        assert backs[card] == (sheet_page + 1, half), card
        assert sheet_page % 2 == 0, card


@pytest.mark.browser
def test_folded_cards_have_front_and_back_on_one_page(page, site_url):
    open_cards(page, site_url, "fold")
    faces = page.evaluate(FACES)
    places = {(f["card"], f["side"]): position(f) for f in faces}
    for card in {f["card"] for f in faces}:
        (front_page, front_half), (back_page, back_half) = places[card, "front"], places[card, "back"]
        assert front_page == back_page and (front_half, back_half) == (0, 1), card
    turned = page.eval_on_selector_all(".card__face--back", "els => els.map(e => getComputedStyle(e).transform)")
    assert set(turned) == {"matrix(-1, 0, 0, -1, 0, 0)"}  # upside down, so it reads upright once folded


@pytest.mark.browser
def test_a_card_with_too_much_text_is_caught(page, site_url):
    open_cards(page, site_url)
    page.evaluate("""() => {
      const list = document.querySelector('#card-e .card__face--back .card__list');
      const sign = 'A longer sign than any card can hold. '.repeat(5);
      for (let i = 0; i < 12; i++) list.insertAdjacentHTML('beforeend', '<li>' + sign + '</li>');
    }""")
    assert misfits(page.evaluate(FACES)) == ["E back: text does not fit"]


@pytest.mark.browser
@pytest.mark.slow
def test_too_much_text_in_the_data_stops_the_pdf(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "preconditions.yaml"
    text = data.read_text(encoding="utf-8")
    at = text.index("  looks_like:\n", text.index("- id: E")) + len("  looks_like:\n")
    extra = ("".join(f"    - Sign number {n} is long on purpose, {'and it goes on and on ' * 12}(p. 14).\n"
                     for n in range(8)))
    data.write_text(text[:at] + extra + text[at:], encoding="utf-8")
    assert build(project, tmp_path / "site").returncode == 0  # valid data: every item is under the length limit

    out = tmp_path / "cards.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "cards_pdf.py"), str(tmp_path / "site"), str(out)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "E back" in result.stderr
    assert not out.exists()


@pytest.mark.browser
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_pdf_command_writes_the_cards(built_site, tmp_path, layout):
    out = tmp_path / "dist" / "cards.pdf"
    command = [sys.executable, str(ROOT / "tools" / "cards_pdf.py"), str(built_site), str(out)]
    result = subprocess.run(command + (["--fold"] if layout == "fold" else []), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert pdf_pages(out.read_bytes()) == expected_pages(layout)


@pytest.mark.browser
def test_the_pdf_command_works_on_the_offline_build(offline_site, tmp_path):
    out = tmp_path / "cards.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "cards_pdf.py"), str(offline_site), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert pdf_pages(out.read_bytes()) == expected_pages("duplex")


def plain(fragment: str) -> str:
    """Visible text of some HTML, with whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_cards_carry_every_field_in_full(built_site):
    page = read(built_site, "trainers/cards/")
    start, middle = page.index('data-deck="preconditions"'), page.index('data-deck="vignettes"')
    decks = {"card": page[start:middle], "vignette-card": page[middle:]}
    render = TextRenderer(glossary_map(LIB))  # the renderer the templates use for Markdown fields
    for p in LIB.preconditions:
        card, vignette = (plain(re.search(rf'id="{kind}-{p.id.lower()}".*?</article>', deck, re.S).group(0))
                          for kind, deck in decks.items())
        for text in (p.title, *p.questions, *map(render.inline, (p.summary, *p.looks_like, *p.signs_of_absence))):
            assert plain(text) in card, (p.id, text)
        for text in (p.vignette.situation, *map(render.block, (p.vignette.when_present, p.vignette.when_absent))):
            assert plain(text) in vignette, (p.id, text)


# --- Print styles on every page -------------------------------------------------------------

FURNITURE = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".library-help",
             ".library-search-form", "[data-md-component='palette']"]


def displayed(page, selector: str) -> bool:
    return page.eval_on_selector_all(selector,
                                     "els => els.some(e => getComputedStyle(e).display !== 'none' && "
                                     "e.getClientRects().length)")


@pytest.mark.browser
def test_print_leaves_out_navigation_and_page_furniture(page, site_url):
    page.goto(site_url + "preconditions/trusted-partners/")
    for selector in FURNITURE:
        assert page.locator(selector).count(), f"{selector} is not on the page, so this test checks nothing"
        assert displayed(page, selector), f"{selector} should show on screen"
    page.emulate_media(media="print")
    for selector in FURNITURE:
        assert not displayed(page, selector), f"{selector} is printed"
    assert displayed(page, "article.md-content__inner h1")


@pytest.mark.browser
def test_print_writes_the_address_after_links_to_other_sites(page, site_url):
    page.goto(site_url + "about/licence/")
    page.emulate_media(media="print")
    external = page.locator(".md-typeset a[href^='https://creativecommons.org']").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    internal = page.locator(".md-typeset a[href^='../']").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


@pytest.mark.browser
def test_print_uses_dark_text_even_in_dark_mode(page, site_url):
    page.goto(site_url + "framework/")
    page.add_style_tag(content="* { transition: none !important; }")  # links fade between colours; read the end colour
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    brightness = """selector => getComputedStyle(document.querySelector(selector)).color
      .match(/[\\d.]+/g).slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0) / 3"""
    text, link = ".md-typeset p", ".md-typeset p a"
    assert page.evaluate(brightness, text) > 180 and page.evaluate(brightness, link) > 120  # light on the dark screen
    page.emulate_media(media="print")
    assert page.evaluate(brightness, text) < 60 and page.evaluate(brightness, link) < 100  # dark on white paper


@pytest.mark.browser
def test_print_keeps_headings_with_what_follows(page, site_url):
    page.goto(site_url + "framework/")
    page.emulate_media(media="print")
    assert (page.eval_on_selector_all(".md-typeset h2",
                                      "hs => hs.every(h => getComputedStyle(h).breakAfter === 'avoid')"))


# --- The facilitator guide ------------------------------------------------------------------

@pytest.mark.parametrize("section, length", [("introduction", 60), ("diagnostic", 90), ("case-study", 120)])
def test_each_session_plan_adds_up_to_its_length(built_site, section, length):
    guide = read(built_site, "trainers/facilitator-guide/")
    plan = guide[guide.index(f'id="{section}"'):guide.index(f'id="{section}-variations"')]
    table = plan[plan.index(f'id="{section}-timings"'):plan.index("</table>", plan.index(f'id="{section}-timings"'))]
    rows = re.findall(r"<tr>\s*<td>(\d+):(\d\d)</td>\s*<td>(\d+)</td>", table)
    assert len(rows) >= 4
    clock = 0
    for hours, minutes, duration in rows:
        assert int(hours) * 60 + int(minutes) == clock, "a start time does not follow from the one before"
        clock += int(duration)
    assert clock == length
    # Materials link the cards and at least one precondition page.
    materials = plan[plan.index(f'id="{section}-materials"'):]
    assert 'href="../cards/#precondition-cards"' in materials and "../../preconditions/" in plan


def test_the_guide_says_how_to_keep_the_nine_from_becoming_a_score(built_site):
    guide = read(built_site, "trainers/facilitator-guide/")
    advice = guide[guide.index('id="not-a-score"'):]
    assert 'id="what-to-say"' in advice and 'id="when-a-group-wants-a-total"' in advice
    assert 'href="../../framework/#not-a-checklist"' in advice
