"""Contributed text renders as text: only the renderer's own elements, whatever is typed, in linear time."""

import random
import time
from html.parser import HTMLParser

import pytest

from macros.safe_markdown import TextRenderer
from tests.support.records import HOSTILE

render = TextRenderer({"Payment by Results": "Funding paid when results are achieved.", "PILOT": "<b>x</b> & \"y\""})

# What the renderer may write, and the only attributes each may carry.
ALLOWED = {"p": set(), "ul": set(), "ol": {"start"}, "li": set(), "em": set(), "strong": set(), "code": set(),
           "a": {"href"}, "abbr": {"title"}}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name for name, _ in attrs}))


def _elements(html: str) -> list:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text, expected", HOSTILE)
def test_hostile_text_is_inert(text, expected):
    html = render.block(text)
    assert expected in html
    for tag, attributes in _elements(html):
        assert tag in ALLOWED and attributes <= ALLOWED[tag], (tag, attributes, html)


def test_only_its_own_elements_come_out_of_any_mix_of_markup():
    """Random text made of the characters that carry syntax: the output never holds another element or attribute."""
    pieces = ["<", ">", "&", "\"", "'", "[", "]", "(", ")", "*", "**", "`", "!", "\\", "#", "-", "1.", "\n", "\n\n",
              "  ",
              "a", "img src=x onerror=alert(1)", "https://e.org", "javascript:", "title=", "PILOT",
              "Payment by Results", ":"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        html = render.block(text)
        for tag, attributes in _elements(html):
            assert tag in ALLOWED and attributes <= ALLOWED[tag], (text, html)
        for tag, _ in _elements(html):
            if tag == "a":
                assert 'href="https://e.org' in html, (text, html)
        assert ("<abbr" not in html or 'title="&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"' in html
                or "Funding paid" in html)


def test_links_and_emphasis_still_work():
    assert render.inline("See [the report](https://example.org/r.pdf) and *this* and **that**.") == \
        'See <a href="https://example.org/r.pdf">the report</a> and <em>this</em> and <strong>that</strong>.'
    assert render.inline("snake_case and __dunder__ stay; `code <b>` too") == \
        "snake_case and __dunder__ stay; <code>code &lt;b&gt;</code> too"
    assert render.inline("an unclosed *star and 2 * 3") == "an unclosed *star and 2 * 3"
    assert render.inline(r"\*not emphasis\*") == "*not emphasis*"


def test_paragraphs_and_lists():
    assert render.block("One\nline.\n\nTwo.") == "<p>One\nline.</p>\n<p>Two.</p>"
    assert render.block("Aims:\n- first\n- second\n  continued") == \
        "<p>Aims:</p>\n<ul>\n<li>first</li>\n<li>second\ncontinued</li>\n</ul>"
    assert render.block("3. three\n4. four") == '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>'
    # Items apart by blank lines are one list whose items are paragraphs, as Python-Markdown writes them.
    assert render.block("- a\n\n- b\n\n  more b") == \
        "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<p>more b</p>\n</li>\n</ul>"


def test_glossary_terms_get_their_definition_as_text():
    assert render.inline("Funded by Payment by Results.") == \
        'Funded by <abbr title="Funding paid when results are achieved.">Payment by Results</abbr>.'
    assert render.inline("A PILOT.") == 'A <abbr title="&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;">PILOT</abbr>.'


def test_a_plain_sentence_is_itself_in_a_paragraph():
    for text in ["A plain sentence.", "Quotes 'single' and \"double\" stay.", "Numbers 337,400 and 26% and £55m."]:
        assert render.block(text) == f"<p>{text}</p>"


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        render.block(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.timing
# Python-Markdown took 5 s on 6,000 "[" in one field and grew with the square of the length.
@pytest.mark.parametrize("unit",
                         ["[", "![", "[a](", "*[", "[ ", "*a", "a*", "`a", "a\n", "- a\n\n", "1. ", "<a", "&",
                          "Payment by Results "])
def test_rendering_time_grows_in_step_with_the_text(unit):
    """Scaling, not seconds: 8x the text takes about 8x the processor time (quadratic would be 64x)."""
    small, large = (unit * (size // len(unit)) for size in (32 * 1024, 256 * 1024))
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    assert ratio < 24, f"{unit!r}: 8x the text took {ratio:.1f}x as long"
