"""The Sources answer of the case study form: each source as labelled lines, one for each field of the schema's
Source record, read back into those fields with nothing guessed.

    Title: Evaluation of the care leavers' partnership
    Publisher: Northbridge Borough Council
    Year: 2023
    Pages: 4-19
    Web address: https://example.org/care-leavers-evaluation.pdf

    Title: Our own records of the programme

A label already given in the source being read starts the next source, so blank lines between sources help
the reader but are not needed. A line without a label, a year that is not a number and pages that are not
page numbers are reported (FORM_MESSAGES in issue_form.py), never read as something else. The contribution
studio writes this answer from its fields and reads it back with the same rules (studio-rules.js).
"""

from __future__ import annotations

import re

from .schema import PAGE

# Source field -> its label in the answer, in the schema's order.
LABELS = {"title": "Title", "publisher": "Publisher", "year": "Year", "url": "Web address", "pages": "Pages"}
LABELLED = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(title|publisher|year|web address|pages)[ \t]*:(.*)$", re.IGNORECASE)
FIELD_OF = {label.lower(): name for name, label in LABELS.items()}
YEAR = re.compile(r"^[0-9]{1,4}$")
PAGE_NUMBER = re.compile(r"^[0-9]{1,6}$")
PAGE_RANGE = re.compile(r"^([0-9]{1,6})[ \t]*[-\u2013][ \t]*([0-9]{1,6})$")
PAGES_PREFIX = re.compile(r"^pp?\.?[ \t]*", re.IGNORECASE)


def is_labelled(text: str) -> bool:
    """Whether the answer is written with labels (the studio's and the form's way since labels were asked for)."""
    return any(LABELLED.match(line) for line in text.split("\n"))


def read(text: str) -> tuple[list[dict], list[tuple[int, str, dict]]]:
    """The sources of a labelled answer, and each problem as (index of its line in the text, message key, values)."""
    found: list[tuple[int, dict]] = []  # (index of the source's first line, label's field -> value as written)
    problems: list[tuple[int, str, dict]] = []
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        match = LABELLED.match(line)
        if not match:
            problems.append((index, "source_line", {"line": repr(line.strip())}))
            continue
        name = FIELD_OF[match.group(1).lower()]
        if not found or name in found[-1][1]:
            found.append((index, {}))
        found[-1][1][name] = match.group(2).strip()
    sources = []
    for first, written in found:
        entry: dict = {}
        for name in LABELS:
            value = written.get(name, "")
            if name == "year" and value:
                if YEAR.match(value):
                    entry["year"] = int(value)
                else:
                    problems.append((first, "source_year", {"value": repr(value)}))
            elif name == "pages" and value:
                pages = page_list(value)
                if pages is None:
                    problems.append((first, "source_pages", {"value": repr(value)}))
                else:
                    entry["pages"] = pages
            elif value:
                entry[name] = value
        sources.append(entry)
    return sources, sorted(problems, key=lambda p: p[0])


def page_list(value: str) -> list[int] | None:
    """'4-19, 23' -> [4, 5, ..., 19, 23]; None if it is not page numbers and ranges separated by commas.

    A range is written out page by page, as the schema holds pages; one that ends past the last page a
    source may have keeps its two ends, so the check names the page that is out of range.
    """
    pages: list[int] = []
    for part in PAGES_PREFIX.sub("", value.strip()).split(","):
        part = part.strip()
        span = PAGE_RANGE.match(part)
        if PAGE_NUMBER.match(part):
            pages.append(int(part))
        elif span and int(span.group(1)) <= int(span.group(2)):
            first, last = int(span.group(1)), int(span.group(2))
            pages.extend(range(first, last + 1) if last <= PAGE.maximum else (first, last))
        else:
            return None
    return pages


def write(sources: list[dict]) -> str:
    """The answer for these sources (each a dict of the labels' fields, as typed), as the studio writes it."""
    blocks = []
    for source in sources:
        lines = [f"{label}: {' '.join(str(source[name]).split())}" for name, label in LABELS.items()
                 if str(source.get(name) or "").strip()]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
