"""The parts of one page's HTML: how much is the page's own content and how much the theme's."""

from __future__ import annotations

import re

PAGE_PARTS = (  # (name, where the element starts, its tag), in the order Material writes them
    ("head", "<head>", "head"),
    ("header", '<header class="md-header', "header"),
    ("navigation sidebar", '<div class="md-sidebar md-sidebar--primary"', "div"),
    ("contents sidebar", '<div class="md-sidebar md-sidebar--secondary"', "div"),
    ("article", "<article", "article"),
    ("footer", '<footer class="md-footer"', "footer"),
)


def element_span(html: str, start: int, tag: str) -> int:
    """The index just past the element that opens at `start`, counting nested elements of the same tag."""
    depth = 0
    pattern = re.compile(rf"<(/?){tag}\b", re.I)
    for m in pattern.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html.index(">", m.end()) + 1
    return len(html)


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def html_breakdown(html: str) -> dict[str, int]:
    """Bytes of a page's HTML by part (the article is the page's own content; the rest is the theme's),
    and how much of it is runs of white space that minifying would remove."""
    parts = {"total": utf8_size(html)}
    for name, marker, tag in PAGE_PARTS:
        start = html.find(marker)
        parts[name] = utf8_size(html[start:element_span(html, start, tag)]) if start != -1 else 0
    parts["rest (scripts, config, wrappers)"] = parts["total"] - sum(parts[name] for name, _, _ in PAGE_PARTS)
    parts["of all: inline SVG"] = sum(utf8_size(m.group()) for m in re.finditer(r"<svg\b.*?</svg>", html, re.S))
    parts["of all: repeated white space"] = sum(len(m.group()) - 1 for m in re.finditer(r"\s{2,}", html))
    return parts
