"""How the library's data is written into each kind of place on a page: the one set of rules.

Contributed text reaches the site only through what is below; templates never escape by hand.

| place | what may appear there | written by |
| --- | --- | --- |
| text and attribute values of generated pages, the relationship map's SVG included | text: <, >, & and quotes escaped | Jinja's autoescape (pages.PageMaker) |
| Markdown fields | p, ul, ol, li, em, strong, code, a (href only), abbr (glossary definition) | safe_markdown.TextRenderer |
| headings written into a page's Markdown | text, Markdown syntax escaped too | `md_text` |
| what the theme prints without escaping: front-matter title, description and tags, so `<title>`, meta, header, nav, footer, the tags page and search titles; nav titles the hook builds | text, HTML-escaped once | `theme_text`, `front_matter` |
| tooltips | text only: Material's HTML tooltips are off; library.js draws glossary tooltips with textContent | mkdocs.yml, library.js |
| open data: JSON | JSON strings | json.dumps |
| open data: CSV | text; a cell a spreadsheet would run as a formula starts with an apostrophe: one that starts with a tab or carriage return, or whose first visible character (past spaces, controls, format characters) is = + - @ or a form of one (full-width, small, super- or subscript, U+2212) | `csv_cell` |
| search index (Pagefind online, Material's offline) | the text of the built pages, as escaped there | the search tools |
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

from markupsafe import Markup

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!>|~])")
# OWASP's list of characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The rule for a CSV cell: it is a formula to a spreadsheet if it starts with a tab or carriage return, or if its first
# visible character is a formula character. Visible: not white space, a control (C0 and C1, NUL among them), a format
# character (category Cf: zero-width spaces and joiners, the byte-order mark, direction marks, soft hyphen), a mark
# that joins the character before it (Mn, Me: variation selectors, the combining grapheme joiner) or a Hangul filler,
# which spreadsheets may strip or show as nothing. Formula characters: = + - @, every character that NFKC folds to
# one of them (full-width ＝＋－＠, small ﹦﹢﹣﹫, superscript and subscript ⁺⁼₊₌), and the minus sign U+2212 with
# what folds to it (⁻₋), which a spreadsheet may read as a minus. Other dashes (‐ – —) start ordinary text.
FORMULA_CHARACTERS = frozenset("=+-@\u2212")
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_INVISIBLE = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"))


def theme_text(value) -> str:
    """Text for a place where the theme prints what it is given as HTML (nav titles, front-matter titles)."""
    return html.escape(str(value), quote=True)


def front_matter(value) -> Markup:
    """A front-matter value: `theme_text`, quoted as YAML (a JSON string is a YAML double-quoted scalar)."""
    if isinstance(value, (list, tuple)):
        return Markup("[" + ", ".join(front_matter(v) for v in value) + "]")
    return Markup(json.dumps(theme_text(value), ensure_ascii=False))


def md_text(value) -> Markup:
    """Plain text made safe to sit in a Markdown line, such as a heading: no syntax, no HTML."""
    escaped = html.escape(str(value), quote=False)
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", escaped))


def csv_cell(value):
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and (value.startswith(("\t", "\r")) or _is_formula_character(_first_visible(value))):
        return "'" + value
    return value


def _first_visible(value: str) -> str:
    """The first character of `value` that a spreadsheet would not strip or show as nothing ('' if none)."""
    return next((c for c in value if not (c.isspace() or c in HANGUL_FILLERS or unicodedata.category(c) in _INVISIBLE)), "")


def _is_formula_character(character: str) -> bool:
    return bool(character) and (character in FORMULA_CHARACTERS or unicodedata.normalize("NFKC", character) in FORMULA_CHARACTERS)
