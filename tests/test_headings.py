"""Generated pages turned into HTML without Python-Markdown come out exactly as Python-Markdown writes them."""

from __future__ import annotations

import os

import markdown
import pytest
from mkdocs.config import load_config

from macros import headings, library, pages
from tests.support import ROOT

GLOSSARY = {"Troubled Families": "A national programme.", "commissioning": "Buying services."}


@pytest.fixture(scope="module")
def markdown_config():
    """The Markdown extensions and settings of mkdocs.yml, with the glossary as hooks/library.py adds it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def python_markdown(text: str, glossary: dict[str, str], markdown_config) -> tuple[str, list]:
    extensions, configs = markdown_config
    configs = {**configs, "abbr": {**configs.get("abbr", {}), "glossary": glossary}}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return md.convert(text), md.toc_tokens


def ours(text: str, glossary: dict[str, str], markdown_config) -> tuple[str, list] | None:
    toc = markdown_config[1]["toc"]
    return headings.convert(text, glossary, "&para;" if toc["permalink"] is True else toc["permalink"], toc["permalink_title"])


def test_every_generated_page_comes_out_as_python_markdown_writes_it(markdown_config):
    lib = library.load(ROOT)
    glossary = pages.glossary_map(lib)
    maker = pages.PageMaker(lib, ROOT / "overrides" / "library")  # no permalink: pages stay Markdown, for comparing
    converted = 0
    for generated in maker.files():
        if not generated.src_uri.endswith(".md"):
            continue
        body = generated.content.split("\n---\n", 1)[1] if generated.content.startswith("---\n") else generated.content
        mine = ours(body, glossary, markdown_config)
        assert mine is not None, f"{generated.src_uri}: a generated page that only Python-Markdown can turn into HTML"
        theirs = python_markdown(body, glossary, markdown_config)
        assert mine[0] == theirs[0], generated.src_uri
        assert mine[1] == theirs[1], generated.src_uri
        pages.restore(generated.src_uri, "")  # let go of its blocks
        converted += 1
    assert converted > 20


@pytest.mark.parametrize("text", [
    "# Troubled Families in Coventry's \\*best\\* work { data-pagefind-weight=\"10\" }\n\n## Context { #context }\n",
    "# Barking &amp; Dagenham &lt;script&gt;\n\n<!--library-block:0-->\n\n## Barking &amp; Dagenham &lt;script&gt;\n",
    "# Context\n\n## Context { #context }\n\n### Step 1: commissioning \\{ x \\} { #step-1 data-pagefind-weight=\"1\" }\n",
    "# Plain\n\n## Plain\n\n## Plain\n",
    "# A \\| pipe and a \\# hash\n",
])
def test_headings_match_python_markdown(text, markdown_config):
    assert ours(text, GLOSSARY, markdown_config) == python_markdown(text, GLOSSARY, markdown_config)


@pytest.mark.parametrize("text", ["# A *real* emphasis\n", "# A \\' that Markdown keeps\n", "# A \\~ tilde\n", "Some paragraph.\n", "# Title\n\n- a list\n", "# A [link](x.md)\n",
                                  "## Heading { .a-class }\n", "# A <b>tag</b>\n"])
def test_anything_else_is_left_to_python_markdown(text, markdown_config):
    assert ours(text, GLOSSARY, markdown_config) is None
