"""Reading built HTML with the standard library: tables, links and ids."""

from __future__ import annotations

from html.parser import HTMLParser


class _Cells(HTMLParser):
    """Rows of one table, each cell as (text, [hrefs], tag)."""

    def __init__(self, table_id: str):
        super().__init__(convert_charrefs=True)
        self.table_id, self.depth, self.inside = table_id, 0, False
        self.rows, self.cell, self.hidden = [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self.inside:
            self.depth += 1
        if tag == "caption" and attrs.get("id") == self.table_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ["", [], tag]
        elif tag == "a" and self.cell is not None:
            self.cell[1].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append((" ".join(self.cell[0].split()), self.cell[1], self.cell[2]))
            self.cell = None
        elif tag == "table":
            if self.depth:
                self.depth -= 1
            else:
                self.inside = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data


def table(html: str, caption_id: str) -> list[list[tuple[str, list, str]]]:
    """The rows of the table whose <caption> has id=caption_id (header row first)."""
    reader = _Cells(caption_id)
    reader.feed(html)
    return [row for row in reader.rows if row]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) and (tag != "link" or attrs.get("rel") != "canonical"):
                self.links.append((tag, name, attrs[name]))


def links_and_ids(html: str) -> tuple[list[tuple[str, str, str]], set[str]]:
    """Every (tag, attribute, URL) a page refers to, and every id it defines."""
    reader = _Links()
    reader.feed(html)
    return reader.links, reader.ids


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: set = set()
        self.hrefs: list = []

    def handle_starttag(self, tag, attrs):
        self.found.add((tag, tuple(sorted({name for name, _ in attrs}))))
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]


def elements(htmls: list[str]) -> set:
    parser = Elements()
    for text in htmls:
        parser.feed(text)
    parser.close()
    return parser.found
