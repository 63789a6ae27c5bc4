"""Turn contributed text into HTML that cannot run, load or include anything.

Contributed text is written in a small part of Markdown, and only that part is read:

- paragraphs, separated by a blank line (a single line break is a space);
- lists, one level: lines starting "- ", "* " or "+ " (bullets) or "1. " or "1) " (numbered);
- *emphasis* and **strong emphasis**, with stars (underscores stay underscores: snake_case);
- `code`;
- links written [text](https://address): to web and mail addresses and to #anchors.

Everything else is text and shows as typed: HTML, entities, headings, images, link titles,
reference links, abbreviation definitions, Jinja and snippet markers. The renderer writes every
element itself, from a fixed list (p, ul, ol, li, em, strong, code, a with an href only, abbr
with a definition from the glossary file), and escapes every character of the text, so no field
can put markup, an attribute or a script on a page however it is written.

It reads the text in one pass with patterns that never scan a stretch twice, and never recurses
into itself beyond a link's text, so the time grows in step with the length of the text.
Python-Markdown, made for trusted authors, took seconds on a few thousand "[" and crashed on
deeply nested lists; it still renders the hand-written pages in docs/.
"""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

SAFE_HREF = re.compile(r"(?i)^(https?://|mailto:|#)")
PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
LIST_ITEM = re.compile(r"[ \t]{0,3}(?:([-*+])|([0-9]{1,9})[.)])[ \t]+(?=\S)")
# One token at a time, left to right. Neither a link's text nor its address may hold a bracket,
# so each attempt stops at the next bracket: no stretch of text is scanned twice.
INLINE = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!<>|~\"'])"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?P<image>!)?\[(?P<label>[^\[\]]*)\]\((?P<href>[^\s()<>\[\]]*)\)"
    r"|(?P<stars>\*+)"
)


class _List:
    """A list being read: its kind (ul or ol), first number, and items, each a list of paragraphs' lines."""

    def __init__(self, kind: str, start: int):
        self.kind, self.start, self.items, self.loose = kind, start, [], False


TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>"), 3: ("<strong><em>", "</em></strong>")}


class TextRenderer:
    """Renders contributed text; one instance per build, shared by every page.

    `glossary` maps each written form of a term to its definition: a term in the text becomes
    <abbr title="definition">, as Python-Markdown's abbr extension does on the hand-written pages.
    """

    def __init__(self, glossary: dict[str, str] | None = None):
        self.glossary = dict(glossary or {})
        terms = sorted(self.glossary, key=len, reverse=True)
        self._terms = re.compile(rf"\b(?:{'|'.join(map(re.escape, terms))})\b") if terms else None

    def block(self, text: str) -> Markup:
        """Paragraphs and lists of HTML."""
        if not text or not text.strip():
            return Markup("")
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        blocks: list = []  # paragraphs (lists of lines) and _List objects, in order
        for chunk in PARAGRAPH_BREAK.split(text):
            self._read(chunk.split("\n"), blocks)
        return Markup("\n".join(self._html(b) for b in blocks))

    def inline(self, text: str) -> Markup:
        """HTML for a single line of text, without the paragraph around it."""
        out = self.block(text)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return Markup(out[3:-4])
        return out

    @staticmethod
    def _read(lines: list[str], blocks: list) -> None:
        """Add the paragraph and list items of one stretch of text between blank lines to `blocks`."""
        previous = blocks[-1] if blocks else None
        if isinstance(previous, _List) and lines[0][:1] in (" ", "\t") and not LIST_ITEM.match(lines[0]):
            previous.items[-1].append([line.strip() for line in lines])  # an indented paragraph of the item above
            previous.loose = True
            return
        current = None  # the paragraph (a list of lines) or _List this stretch is adding to
        for line in lines:
            marker = LIST_ITEM.match(line)
            if marker:
                kind = "ol" if marker.group(2) else "ul"
                if current is None and isinstance(previous, _List) and previous.kind == kind:
                    current, current.loose = previous, True  # items apart by a blank line: one list
                elif not (isinstance(current, _List) and current.kind == kind):
                    current = _List(kind, int(marker.group(2) or 1))
                    blocks.append(current)
                current.items.append([[line[marker.end():].strip()]])
            elif isinstance(current, _List):
                current.items[-1][-1].append(line.strip())  # a line that continues the item above
            elif current is None:
                current = [line.strip()]
                blocks.append(current)
            else:
                current.append(line.strip())

    def _html(self, block) -> str:
        if isinstance(block, list):
            return f"<p>{self._inline(chr(10).join(block))}</p>"
        start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
        items = []
        for paragraphs in block.items:
            texts = [self._inline("\n".join(lines)) for lines in paragraphs]
            items.append("".join(f"\n<p>{t}</p>" for t in texts) + "\n" if block.loose else texts[0])
        return f"<{block.kind}{start}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{block.kind}>"

    def _inline(self, text: str) -> str:
        out: list[str] = []
        openers: list[tuple[int, int]] = []  # star runs that may open emphasis: (index in out, length)
        end = 0
        for match in INLINE.finditer(text):
            if match.start() > end:
                out.append(self.text(text[end:match.start()]))
            end = match.end()
            if match.group("escaped") is not None:
                out.append(escape(match.group("escaped"), quote=False))
            elif match.group("code") is not None:
                out.append(f"<code>{escape(match.group('code'), quote=False)}</code>")
            elif match.group("label") is not None:
                out.append(self._link(match))
            else:
                self._stars(text, match, out, openers)
        if end < len(text):
            out.append(self.text(text[end:]))
        return "".join(out)

    def _link(self, match) -> str:
        label, href = match.group("label"), match.group("href")
        if match.group("image") or not SAFE_HREF.match(href):
            return self._inline(label)  # an image becomes its description; an unsafe link its text
        return f'<a href="{_attribute(href)}">{self._inline(label)}</a>'

    @staticmethod
    def _stars(text, match, out, openers) -> None:
        """Emphasis: a run of stars opens before a word and closes after one, matched like brackets."""
        run = match.group("stars")
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        can_open, can_close = not after.isspace(), not before.isspace()
        if len(run) in TAGS and can_close and openers and openers[-1][1] == len(run):
            index, _ = openers.pop()
            out[index] = TAGS[len(run)][0]
            out.append(TAGS[len(run)][1])
            return
        if len(run) in TAGS and can_open:
            openers.append((len(out), len(run)))
        out.append(run)  # stays as typed unless a closing run is found

    def text(self, text: str) -> str:
        """Plain text as HTML: escaped, with each glossary term in <abbr title="its definition">."""
        if not self._terms:
            return escape(text, quote=False)
        out, end = [], 0
        for match in self._terms.finditer(text):
            definition = _attribute(self.glossary[match.group()])
            out.append(escape(text[end:match.start()], quote=False))
            out.append(f'<abbr title="{definition}">{escape(match.group(), quote=False)}</abbr>')
            end = match.end()
        out.append(escape(text[end:], quote=False))
        return "".join(out)


def _attribute(value: str) -> str:
    """A value for a double-quoted attribute (apostrophes stay as typed, as Python-Markdown writes them)."""
    return escape(value, quote=False).replace('"', "&quot;")
