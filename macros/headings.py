"""Generated pages as HTML without a pass through Python-Markdown.

A generated page's Markdown holds only headings (`## Context { #context }`), placeholders for HTML
blocks the templates set aside (`pages.stash`) and blank lines. Python-Markdown spent about 3 ms a
page turning that into HTML, a third of a build with a thousand case studies, so this module does
the same for exactly that shape of page: each heading as Python-Markdown writes it with the `toc`,
`attr_list` and `abbr` extensions (an id, a permalink, glossary terms in <abbr>), plus the table of
contents MkDocs would have built. Anything else in a page (a list, emphasis, a heading with
unescaped Markdown in it) returns None, and that page goes through Python-Markdown as before.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import nest_toc_tokens, slugify, unique

# A heading line: its level and the rest, from its first character that is not a space. The rest is split into the
# text and an attribute list (`{ #id key="value" }` at the end, after a space) by `_heading`, not by a pattern: one
# pattern for both shares each run of spaces between several repetitions (cubic in the spaces of a long title).
HEADING = re.compile(r"^(#{1,6})[ \t]+([^ \t\n].*)?$")
BLOCK = re.compile(r"^<!--library-block:\d+-->$")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")  # Python-Markdown's escapable characters, with the tables extension's |
# Characters Markdown acts on in a heading: any of them left after the escapes sends the page to Python-Markdown.
ACTIVE = re.compile(r"[*_`\[\]<>#{}\\]")
AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.I)
ATTRIBUTE = re.compile(r'#([\w:/.-]+)|(?<![\w-])([\w-]+)="([^"]*)"')  # a name starts a run, never inside one


def convert(markdown: str, glossary: dict[str, str], permalink: str | None, permalink_title: str = "") -> tuple[str, list] | None:
    """(HTML, nested table-of-contents tokens) for a page of headings and block placeholders, else None."""
    parts = []  # a placeholder, or (level, text, [(attribute, value)])
    for line in markdown.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if BLOCK.match(stripped):
            parts.append(stripped)
            continue
        match = HEADING.match(line)
        if not match:
            return None
        text, attribute_list = _heading(match.group(2) or "")
        if ACTIVE.search(ESCAPED.sub("", text)):
            return None
        attributes = _attributes(attribute_list) if attribute_list is not None else []
        if attributes is None:
            return None
        parts.append((len(match.group(1)), html.unescape(ESCAPED.sub(r"\1", text)), attributes))
    # As the toc extension does: a heading without an id gets one from its text, unlike any other id.
    used = {value for part in parts if not isinstance(part, str) for key, value in part[2] if key == "id"}
    counters: dict[str, int] = {}
    terms = _terms(glossary)
    out, tokens = [], []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        level, text, attributes = part
        ident = next((value for key, value in attributes if key == "id"), None)
        if ident is None:
            ident = unique(slugify(text, "-"), used, counters)
            attributes = attributes + [("id", ident)]
        inner = _with_terms(text, terms, glossary)
        link = f'<a class="headerlink" href="#{ident}" title="{_attribute(permalink_title)}">{permalink}</a>' if permalink else ""
        rendered = "".join(f' {key}="{_attribute(value)}"' for key, value in sorted(attributes))  # as Python-Markdown orders them
        out.append(f"<h{level}{rendered}>{inner}{link}</h{level}>")
        tokens.append({"level": level, "id": ident, "name": html.escape(text, quote=False), "html": inner, "data-toc-label": ""})
    # Lines joined as Python-Markdown joins them: a blank line after each block of HTML.
    return "".join(part + ("\n\n" if part.startswith("<!--") else "\n") for part in out).rstrip("\n"), nest_toc_tokens(tokens)


def _heading(rest: str) -> tuple[str, str | None]:
    """A heading's text and its attribute list (None without one), as attr_list reads them: the list is the first
    '{' after a space from which the line holds no '}' but its last character (spaces after it aside)."""
    rest = rest.rstrip(" \t")
    if not rest.endswith("}"):
        return rest, None
    start = rest.rfind("}", 0, len(rest) - 1) + 1  # the list holds no '}' of its own
    brace = next((i for i in range(max(start, 1), len(rest) - 1) if rest[i] == "{" and rest[i - 1] in " \t"), None)
    if brace is None:
        return rest, None
    return rest[:brace].rstrip(" \t"), rest[brace + 1:-1].strip(" \t")


def _attribute(value: str) -> str:
    """An attribute's value escaped as Python-Markdown escapes it: entities kept, quotation marks but not apostrophes."""
    return AMPERSAND.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _attributes(text: str) -> list[tuple[str, str]] | None:
    """`#id key="value"` as [(name, value)]; None if anything else is in there."""
    if ATTRIBUTE.sub("", text).strip():
        return None
    return [("id", m.group(1)) if m.group(1) else (m.group(2), m.group(3)) for m in ATTRIBUTE.finditer(text)]


_compiled: dict = {}


def _terms(glossary: dict[str, str]):
    key = tuple(sorted(glossary))
    if key not in _compiled:
        forms = sorted(glossary, key=len, reverse=True)
        _compiled.clear()
        _compiled[key] = re.compile(r"\b(%s)\b" % "|".join(map(re.escape, forms))) if forms else None
    return _compiled[key]


def _with_terms(text: str, terms, glossary: dict[str, str]) -> str:
    """`text` as HTML with each glossary term in <abbr title="its definition">, as the abbr extension writes it."""
    if terms is None:
        return html.escape(text, quote=False)
    out, end = [], 0
    for match in terms.finditer(text):
        out.append(html.escape(text[end:match.start()], quote=False))
        out.append(f'<abbr title="{_attribute(glossary[match.group(1)])}">{html.escape(match.group(1), quote=False)}</abbr>')
        end = match.end()
    out.append(html.escape(text[end:], quote=False))
    return "".join(out)
