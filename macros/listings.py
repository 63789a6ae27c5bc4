"""Listings that stay the same size however many case studies the library holds.

Every page that lists case studies shows a fixed number of them: the long lists are cut into
numbered pages with stable addresses (page 1 keeps the list's old address), and the evidence
matrix becomes an evidence map of counts, precondition by theme and by place. Filtering by
any combination happens in the case study explorer (`explorer_data` writes what it loads).
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter
from dataclasses import dataclass, field

from .schema import LETTERS

ROWS_PER_PAGE = 40  # rows of a paged list of case studies
MAP_ROWS_PER_PAGE = 30  # rows of a page of the evidence map, each of ten counted cells: a phone lays them out quickly
EXPLORER_FIRST_SCREEN = 20  # case studies the explorer's HTML shows before any filter
FINDINGS_PER_STATUS = 5  # on a precondition page, then a link to the rest in the explorer
CASES_PER_PLACE = 10  # on a place page, then a link to the rest in the explorer
SHADES = 4  # levels of shading in the evidence map, besides none
RECORDS_PER_FILE = 50  # case studies in each of the explorer's data files (macros/explorer_data.py)
MATURITY_ORDER = {"reviewed": 0, "published": 1, "draft": 2}


@dataclass(frozen=True)
class ListingPage:
    """One page of a paged listing: its rows, where it lives and where its neighbours live."""

    number: int  # from 1
    rows: tuple
    src_uris: tuple  # of every page of the listing, in order
    first_row: int  # the position of the first row in the whole listing, from 0
    total_rows: int

    @property
    def src_uri(self) -> str:
        return self.src_uris[self.number - 1]

    @property
    def count(self) -> int:
        return len(self.src_uris)

    def numbers_shown(self) -> list[int | None]:
        """The page numbers a pager links to: the first, the last and two either side of this one; None is a gap."""
        wanted = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        out: list[int | None] = []
        for n in wanted:
            if out and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out


def paged(rows, first_src: str, folder: str, per_page: int = ROWS_PER_PAGE) -> list[ListingPage]:
    """`rows` cut into pages: the first at `first_src`, then `<folder>/2.md`, `<folder>/3.md` and so on.

    The numbered addresses stay valid as the library grows (only new ones are added); a row moves to a
    later page when rows that sort before it are added, which is why each row links to its own page."""
    rows = tuple(rows)
    count = max(1, math.ceil(len(rows) / per_page))
    src_uris = (first_src,) + tuple(posixpath.join(folder, f"{n}.md") for n in range(2, count + 1))
    return [ListingPage(n, rows[(n - 1) * per_page:n * per_page], src_uris, (n - 1) * per_page, len(rows))
            for n in range(1, count + 1)]


def explorer_places(library) -> list[str]:
    """The places the explorer filters by, in the order of its data files: those with a case study, by name."""
    return sorted({c.place for c in library.case_studies})


def best_first(cases, limit: int | None = None) -> list:
    """Reviewed case studies first, then published, then drafts; within each the most recently reviewed first."""
    return sorted(cases, key=_best_first_key)[:limit]


def best_findings(pairs, limit: int = FINDINGS_PER_STATUS) -> list:
    """The first `limit` (case study, finding) pairs, their case studies in `best_first` order."""
    return sorted(pairs, key=lambda pair: _best_first_key(pair[0]))[:limit]


def _best_first_key(case) -> tuple:
    return MATURITY_ORDER.get(case.maturity, 3), _days_ago(case.last_reviewed), case.title.lower(), case.id


def _days_ago(iso_date: str | None) -> str:
    """A sort key that puts later dates first (dates are YYYY-MM-DD, so their digits can be inverted)."""
    if not iso_date:
        return "~"
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in iso_date)


# --- The evidence map ----------------------------------------------------------------------------

@dataclass
class MapCell:
    """Published case studies in one row (a theme or a place) with evidence on one precondition."""

    case_studies: int = 0
    by_status: Counter = field(default_factory=Counter)  # status -> case studies with a finding of that status
    shade: int = 0  # 0 (none) to SHADES


@dataclass
class EvidenceMap:
    """Rows (themes or places) against the nine preconditions, counting published case studies."""

    dimension: str  # "theme" or "place"
    rows: list  # [(row name, {letter: MapCell})], in name order
    bands: list = field(default_factory=list)  # [(shade, lowest count, highest count)] for the key

    def page(self, number: int, first_src: str, folder: str) -> ListingPage:
        return self.pages(first_src, folder)[number - 1]

    def pages(self, first_src: str, folder: str) -> list[ListingPage]:
        return paged(self.rows, first_src, folder, MAP_ROWS_PER_PAGE)


def evidence_map(library, dimension: str) -> EvidenceMap:
    """Every theme (or place) any case study names, with the published case studies in each cell.

    A case study counts once in a cell however many findings it has there, and once under each status
    it reports; drafts are left out, as in the totals. Cells are shaded by count, in SHADES equal bands
    up to the largest cell, so the shading means the same at 3 case studies and at 10,000."""
    names = library.themes if dimension == "theme" else explorer_places(library)
    cells = {name: {letter: MapCell() for letter in LETTERS} for name in names}
    for case in library.published:
        letters = {e.precondition for e in case.evidence}
        statuses = {(e.precondition, e.status) for e in case.evidence}
        for name in (case.themes if dimension == "theme" else (case.place,)):
            row = cells[name]
            for letter in letters:
                row[letter].case_studies += 1
            for letter, status in statuses:
                row[letter].by_status[status] += 1
    largest = max((cell.case_studies for row in cells.values() for cell in row.values()), default=0)
    for row in cells.values():
        for cell in row.values():
            cell.shade = shade(cell.case_studies, largest)
    return EvidenceMap(dimension, [(name, cells[name]) for name in names], bands(largest))


def shade(count: int, largest: int) -> int:
    return 0 if count <= 0 or largest <= 0 else max(1, math.ceil(SHADES * count / largest))


def bands(largest: int) -> list[tuple[int, int, int]]:
    """(shade, lowest, highest) of each shade in use: with a largest cell of 20, 1–5, 6–10, 11–15, 16–20."""
    out = []
    for level in range(1, SHADES + 1):
        counts = [n for n in range(1, largest + 1) if shade(n, largest) == level]
        if counts:
            out.append((level, counts[0], counts[-1]))
    return out
