"""Turn contributed text into HTML that cannot run, load or include anything.

Text fields may use Markdown for emphasis, lists and links. Everything else is
inert: raw HTML is shown as typed, underscores are only underscores, headings stay plain text (so a finding
cannot break the page's outline), images become their description, and links
that are not web or mail addresses lose their target. Jinja and snippet
markers need no treatment here because this HTML never passes through Jinja
or the page's Markdown again.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_HREF = re.compile(r"(?i)^(https?://|mailto:|#)")
# Text without these characters, line starts or glossary terms renders to itself.
MARKDOWN_SYNTAX = re.compile(r"[*_\[\]`<>&\\#!|~{}\n]|^\s*([-+=>]|\d+[.)])|  ")


class _Inert(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.delimiters.remove("_")  # underscores stay literal (snake_case, __dunder__); *stars* emphasise
        md.parser.blockprocessors.deregister("hashheader")
        md.parser.blockprocessors.deregister("setextheader")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 15)


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    replacement = etree.Element("span")
                    replacement.text = child.get("alt") or ""
                    replacement.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, replacement)
                elif child.tag == "a" and not SAFE_HREF.match(child.get("href", "")):
                    child.tag = "span"
                    child.attrib.clear()


class TextRenderer:
    """Renders contributed text; one instance per build, shared by every page."""

    def __init__(self, glossary: dict[str, str] | None = None):
        self.glossary = dict(glossary or {})
        self._md = markdown.Markdown(
            extensions=[_Inert(), "abbr", "sane_lists"],
            extension_configs={"abbr": {"glossary": self.glossary}},
        )
        terms = sorted(self.glossary, key=len, reverse=True)
        self._terms = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, terms))) if terms else None

    def block(self, text: str) -> Markup:
        """Paragraphs (and lists) of HTML."""
        if not text:
            return Markup("")
        if self._is_plain(text):
            return Markup(f"<p>{html.escape(text.strip(), quote=False)}</p>")
        self._md.reset()
        return Markup(self._md.convert(text))

    def inline(self, text: str) -> Markup:
        """HTML for a single line of text, without the paragraph around it."""
        out = self.block(text)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return Markup(out[3:-4])
        return out

    def _is_plain(self, text: str) -> bool:
        if MARKDOWN_SYNTAX.search(text.strip()):
            return False
        return not (self._terms and self._terms.search(text))
