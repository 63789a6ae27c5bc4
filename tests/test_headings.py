"""Generated pages' headings come out exactly as Python-Markdown writes them, without Python-Markdown reading a
record."""

from __future__ import annotations

import html
import os
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from macros import headings, library, pages
from macros.safe_markdown import TextRenderer
from tests.support import ROOT

GLOSSARY = {"Troubled Families": "A national programme.", "commissioning": "Buying services & more."}
# what Python-Markdown (with tables) lets a backslash escape
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!>|])")


@pytest.fixture(scope="module")
def markdown_config():
    """The Markdown extensions and settings of mkdocs.yml, with the glossary as hooks/library.py adds it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def python_markdown(source: str, markdown_config) -> tuple[str, list]:
    extensions, configs = markdown_config
    configs = {**configs, "abbr": {**configs.get("abbr", {}), "glossary": GLOSSARY}}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return md.convert(source), md.toc_tokens


def as_markdown(level: int, text: str, ident: str | None, weight: int | None) -> str:
    """The Markdown line a template once wrote for this heading: the text escaped, then attributes."""
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    attributes = (" ".join(part
                           for part in (f"#{ident}" if ident else "",
                                        f'data-pagefind-weight="{weight}"' if weight else "") if part))
    return "#" * level + " " + escaped + (f" {{ {attributes} }}" if attributes else "")


def ours(specs, markdown_config) -> tuple[str, list]:
    toc = markdown_config[1]["toc"]
    writer = headings.PageHeadings(TextRenderer(GLOSSARY), "&para;" if toc["permalink"] is True else toc["permalink"],
                                   toc["permalink_title"])
    body = "\n".join(str(writer.heading(level, text, ident, weight)) for level, text, ident, weight in specs)
    return writer.finish(body)


def compare(specs, markdown_config):
    mine_html, mine_toc = ours(specs, markdown_config)
    theirs_html, theirs_toc = python_markdown("\n\n".join(as_markdown(*spec) for spec in specs), markdown_config)
    assert mine_html == theirs_html
    assert mine_toc == theirs_toc


@pytest.mark.parametrize("specs", [
    [(1, "Troubled Families in Coventry's *best* work", None, 10), (2, "Context", "context", None)],
    [(1, "Barking & Dagenham <script>", None, None), (2, "Barking & Dagenham <script>", "place", None)],
    [(1, "Context", None, None), (2, "Context", "context", None), (3, "Step 1: commissioning { x }", "step-1", 1)],
    [(1, "Plain", None, None), (2, "Plain", "a", None), (2, "Plain", "b", None)],
    [(1, "A | pipe and a # hash", None, None)],
    [(1, "Hi *there*{tabindex=0 autofocus onfocus=alert(1)}", None, None)],
])
def test_headings_match_python_markdown(specs, markdown_config):
    compare(specs, markdown_config)


# Text Python-Markdown reads the same once escaped: any printable characters but those it treats specially even
# escaped (a backslash before a character it does not escape, entities it keeps, line breaks).
HEADING_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\\&"),
                       min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), HEADING_TEXT, st.sampled_from([None, "context", "evidence-a"]),
                          st.sampled_from([None, 1])),
                min_size=1, max_size=4))
def test_any_heading_text_matches_python_markdown(markdown_config, specs):
    ids = [ident for _, _, ident, _ in specs if ident]
    if len(ids) != len(set(ids)):
        return  # a page never gives two headings the same id
    compare(specs, markdown_config)


def test_every_generated_page_has_its_headings_written_and_listed():
    lib = library.load(ROOT)
    maker = pages.PageMaker(lib, ROOT / "overrides" / "library", permalink="&para;",
                            permalink_title="Link to this section")
    generated = maker.pages()
    assert generated
    for page in generated:
        assert "<!--library-heading:" not in page.html, page.src_uri
        written = re.findall(r'<h([1-6])[^>]* id="([^"]+)"', page.html)
        listed = []
        stack = list(page.toc)
        while stack:
            token = stack.pop(0)
            listed.append(token["id"])
            stack[:0] = token["children"]
        assert [ident for _, ident in written] == listed, page.src_uri
        assert len(set(listed)) == len(listed), page.src_uri
