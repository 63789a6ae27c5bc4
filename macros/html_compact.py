"""Make each page's HTML smaller without changing what a reader sees or hears.

- Indentation: browsers collapse a newline and the spaces after it into one space, so removing
  the spaces changes nothing, except inside <pre> and <textarea>, which are left as they are.
  On a typical page this is a fifth of the HTML.
- Glossary terms: a term is explained where it is first used on the page; later uses are plain
  text, so the definition is not repeated in every <abbr title="...">. Uses inside headings and
  links keep their <abbr> (the definition shows on hover) but do not count as the first use: a
  reader cannot reach them with the keyboard (library.js makes only the counted one focusable,
  since a focusable term inside a link would be a control inside a control).
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# Elements inside which a term is not counted as its first use (library.js leaves these alone too).
_NOT_COUNTED = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "button", "label")
_TOKEN = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>|<(/?)(' + "|".join(_NOT_COUNTED) + r')\b[^>]*>'
                    r"|<(script|style|textarea)\b.*?</\5>", re.I | re.S)  # the last: skipped whole


def compact(html: str) -> str:
    parts = _VERBATIM.split(html)
    for i in range(0, len(parts), 2):  # even parts lie outside <pre> and <textarea>
        parts[i] = _BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[i]))
    return "".join(parts)


def first_use_only(html: str) -> str:
    """Keep the <abbr> of each term (by its definition) on its first use outside headings and links."""
    seen: set[str] = set()
    depth = 0  # how many headings, links and the like the scan is inside
    out: list[str] = []
    end = 0
    for match in _TOKEN.finditer(html):
        title, text, closing, tag, skipped = match.groups()
        if skipped is not None:
            continue
        if tag is not None:
            if not match.group(0).endswith("/>"):
                depth = max(0, depth - 1) if closing else depth + 1
            continue
        out.append(html[end:match.start()])
        end = match.end()
        key = title.lower()
        if depth or key not in seen:
            if not depth:
                seen.add(key)
            out.append(match.group(0))
        else:
            out.append(text)
    out.append(html[end:])
    return "".join(out)
