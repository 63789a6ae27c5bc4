"""The headings of a generated page, written as HTML the way Python-Markdown would write them.

Generated pages never pass through Python-Markdown (see macros/escaping.py): their templates write each
heading with `toc.heading(2, "Context", "context")`, and this module gives it the id, the permalink and
the glossary's <abbr> exactly as Python-Markdown's `toc`, `attr_list` and `abbr` extensions do
(tests/test_headings.py compares the bytes), plus the table of contents MkDocs would have built. The
heading's text is only ever text: it is escaped here, whatever it holds, and never parsed.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markupsafe import Markup

from .safe_markdown import TextRenderer

AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.I)
# A heading stands in the page as this comment until the page is finished and every id is known: an id
# made from a heading's text must differ from every id given explicitly, wherever it comes in the page.
PLACEHOLDER = re.compile(r"<!--library-heading:(\d+)-->")


class PageHeadings:
    """The headings of one page: templates call `heading`, the page maker calls `finish` on the result."""

    def __init__(self, renderer: TextRenderer, permalink: str | None, permalink_title: str = ""):
        self.renderer, self.permalink, self.permalink_title = renderer, permalink, permalink_title
        self._headings: list[tuple[int, str, str | None, str | None]] = []

    def heading(self, level: int, text, id: str | None = None, weight: int | None = None) -> Markup:
        """An <h1> to <h6> of plain `text`; `weight` is its data-pagefind-weight."""
        self._headings.append((level, str(text), id, None if weight is None else str(weight)))
        return Markup(f"<!--library-heading:{len(self._headings) - 1}-->")

    def finish(self, page_html: str) -> tuple[str, list]:
        """The page with its headings written out, and its nested table-of-contents tokens."""
        used = {ident for _, _, ident, _ in self._headings if ident}
        counters: dict[str, int] = {}
        written, tokens = [], []
        for level, text, ident, weight in self._headings:
            inner = self.renderer.text(text)
            name = strip_tags(inner)  # as the toc extension names a heading, and makes its id
            ident = ident or unique(slugify(html.unescape(name), "-"), used, counters)
            link = (f'<a class="headerlink" href="#{ident}" '
                    f'title="{attribute(self.permalink_title)}">{self.permalink}</a>'
                    if self.permalink else "")
            # Python-Markdown sorts attributes
            weighted = (f' data-pagefind-weight="{attribute(weight)}"' if weight else "")
            written.append(f'<h{level}{weighted} id="{attribute(ident)}">{inner}{link}</h{level}>')
            tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        return PLACEHOLDER.sub(lambda m: written[int(m.group(1))], page_html), nest_toc_tokens(tokens)


def attribute(value: str) -> str:
    """An attribute's value escaped as Python-Markdown escapes it: entities kept, quotation marks but not
    apostrophes."""
    return AMPERSAND.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
