"""Contributed text renders as text: no HTML, script, Jinja or include gets through."""

import pytest

from macros.safe_markdown import TextRenderer

render = TextRenderer({"Payment by Results": "Funding paid when results are achieved."})

HOSTILE = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=\"alert(1)\"&gt;"),
    ("{{ 7*7 }}", "{{ 7*7 }}"),
    ("{% include 'mkdocs.yml' %}", "{% include 'mkdocs.yml' %}"),
    ("{{ cycler.__init__.__globals__.os.name }}", "{{ cycler.__init__.__globals__.os.name }}"),
    ('--8<-- "mkdocs.yml"', '--8&lt;-- "mkdocs.yml"'),
    ("[click](javascript:alert(1))", "<span>click</span>"),
    ("[click](JaVaScRiPt:alert(1))", "<span>click</span>"),
    ("![tracker](https://tracker.example/pixel.png)", "<span>tracker</span>"),
    ("Text\n{: onclick=\"alert(1)\" }", '{: onclick="alert(1)" }'),
    ("# Not a heading", "<p># Not a heading</p>"),
    ("<div markdown=\"1\">*x*</div>", "&lt;div markdown=\"1\"&gt;"),
]


@pytest.mark.parametrize("text, expected", HOSTILE)
def test_hostile_text_is_inert(text, expected):
    html = render.block(text)
    assert expected in html
    assert "<script" not in html and "onerror=" not in html.replace("onerror=\"alert", "") or "&lt;" in html
    assert "<img" not in html and "javascript:" not in html.lower().replace("[click](", "")


def test_links_and_emphasis_still_work():
    assert render.inline("See [the report](https://example.org/r.pdf) and *this*.") == \
        'See <a href="https://example.org/r.pdf">the report</a> and <em>this</em>.'


def test_glossary_terms_get_a_definition():
    assert render.inline("Funded by Payment by Results.") == \
        'Funded by <abbr title="Funding paid when results are achieved.">Payment by Results</abbr>.'


PLAIN = ["A plain sentence.", "Quotes 'single' and \"double\" stay.", "Numbers 337,400 and 26% and £55m.",
         "Colons: fine; semicolons too (brackets)", "Coventry's city-centre services", "Ends with a question?"]


@pytest.mark.parametrize("text", PLAIN)
def test_fast_path_gives_what_markdown_gives(text):
    renderer = TextRenderer()
    fast = renderer.block(text)
    renderer._md.reset()
    assert fast == renderer._md.convert(text)
