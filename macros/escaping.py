"""How the library's data is written into each kind of place on a page: the one set of rules.

The rule that holds them together: **no character of a record ever reaches a parser but ours.** A
generated page reaches MkDocs as a fixed placeholder (hooks/library.py); its title, description and
tags are Python values set on the page, and its body is HTML written below. A hand-written page
places data with macros that leave a placeholder holding only the page author's own arguments
(macros/placeholders.py); the hook renders it after Python-Markdown has run. So neither MkDocs'
front-matter reader, nor Python-Markdown, nor Jinja's template parser ever sees contributed text.
Which characters text may hold at all is decided in the schema (macros/schema.py, `TEXT_CHARACTERS`).

| place | what may appear there | written by |
| --- | --- | --- |
| text and attribute values of generated pages and blocks, the relationship map's SVG included | text: <, >, & and
quotes escaped | Jinja's autoescape (pages.PageMaker) |
| Markdown fields | p, ul, ol, li, em, strong, code, a (href only), abbr (glossary definition) |
safe_markdown.TextRenderer |
| headings of generated pages | text, escaped; abbr for glossary terms | headings.PageHeadings |
| what the theme prints without escaping: a generated page's title, description and tags, so `<title>`, meta, header,
nav, footer and search titles; nav titles the hook builds | text, HTML-escaped once | `theme_text`, `theme_meta` |
| tooltips | text only: Material's HTML tooltips are off; library.js draws glossary tooltips with textContent |
mkdocs.yml, library.js |
| open data: JSON | JSON strings | json.dumps |
| open data: CSV | text; a cell a spreadsheet would run as a formula starts with an apostrophe: one that starts with a
tab or carriage return, or whose first visible character (past spaces, controls, format characters) is = + - @ or a form
of one (full-width, small, super- or subscript, U+2212) | `csv_cell` |
| search index (Pagefind online, Material's offline) | the text of the built pages, as escaped there | the search tools
|
"""

from __future__ import annotations

import html
import unicodedata

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
    """Text for a place where the theme prints what it is given as HTML (nav titles, page titles)."""
    return html.escape(str(value), quote=True)


def theme_meta(meta: dict) -> dict:
    """A generated page's meta as the theme may print it: every piece of text in it HTML-escaped once."""
    def escaped(value):
        if isinstance(value, str):
            return theme_text(value)
        if isinstance(value, (list, tuple)):
            return [escaped(v) for v in value]
        if isinstance(value, dict):
            return {key: escaped(v) for key, v in value.items()}
        return value

    return escaped(meta)


def csv_cell(value):
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and (value.startswith(("\t", "\r")) or _is_formula_character(_first_visible(value))):
        return "'" + value
    return value


def _first_visible(value: str) -> str:
    """The first character of `value` that a spreadsheet would not strip or show as nothing ('' if none)."""
    return next((c for c in value if not (c.isspace() or c in HANGUL_FILLERS or unicodedata.category(c) in _INVISIBLE)),
                "")


def _is_formula_character(character: str) -> bool:
    return (bool(character)
            and (character in FORMULA_CHARACTERS or unicodedata.normalize("NFKC", character) in FORMULA_CHARACTERS))
