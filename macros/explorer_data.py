"""What the case study explorer loads when someone filters: small files, each fetched only when needed.

The explorer's page holds its first screen in HTML; everything else comes from these files:

* `records-<k>.js`: case studies k * RECORDS_PER_FILE to (k + 1) * RECORDS_PER_FILE - 1, in the
  explorer's order (by title), as [id, title, place, period, [themes], [[letter, status, anchor,
  basis]], maturity, summary as plain text];
* `e-<letter>-<status>.js`, `p-<i>.js`, `t-<i>.js`: which case studies (by position in that order)
  have a finding with that precondition and status, are from the i-th place, or have the i-th theme,
  as gaps between ascending positions. The i-th place or theme is the i-th option of the explorer's
  select (after "Any"): `listings.explorer_places` and `Library.themes` give both orders.

Each file is a script that hands its data to `libraryShard(name, data)` (explorer.js), not JSON to
fetch: browsers load scripts from file://, so the offline copy filters too. The data is a JSON
literal, which JavaScript parses as data, never as code. The files sit in a folder named by a hash of
their content, so a page never mixes files from two versions of the library.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

from .library import Library
from .listings import RECORDS_PER_FILE, explorer_places
from .outputs import GeneratedFile
from .safe_markdown import TextRenderer
from .schema import LETTERS, STATUSES
from .urls import evidence_anchors

FOLDER = "explore/data"
TAG = re.compile(r"<[^<>]+>")  # a tag of the renderer's HTML; stops at the next '<', so no stretch is read twice


def folder(library: Library) -> str:
    """Where the files of this build live, e.g. 'explore/data/3f2a9c1e0b7d/'."""
    return _build(library)[0]


def files(library: Library) -> list[GeneratedFile]:
    return _build(library)[1]


_cache: dict = {}  # the page that links the files and the hook that writes them share one computation


def _build(library: Library) -> tuple[str, list[GeneratedFile]]:
    if _cache.get("library") is not library:
        shards = shard_data(library, TextRenderer())  # no glossary: the summaries become plain text
        texts = {name: f"libraryShard({json.dumps(name)},{json.dumps(data, separators=(',', ':'))});\n"
                 for name, data in shards.items()}
        version = hashlib.sha256("".join(f"{n}\n{t}" for n, t in sorted(texts.items())).encode()).hexdigest()[:12]
        base = f"{FOLDER}/{version}/"
        _cache.update(library=library, base=base,
                      files=[GeneratedFile(base + name + ".js", text) for name, text in sorted(texts.items())])
    return _cache["base"], _cache["files"]


def shard_data(library: Library, renderer: TextRenderer) -> dict[str, list]:
    """name -> the data of each file (before it is wrapped in a script)."""
    cases = library.case_studies
    out: dict[str, list] = {}
    for start in range(0, len(cases), RECORDS_PER_FILE):
        out[f"records-{start // RECORDS_PER_FILE}"] = [record(c, renderer)
                                                       for c in cases[start:start + RECORDS_PER_FILE]]
    evidence = {(letter, status): [] for letter in LETTERS for status in STATUSES}
    by_place = {name: [] for name in explorer_places(library)}
    by_theme = {name: [] for name in library.themes}
    for position, case in enumerate(cases):
        for pair in dict.fromkeys((e.precondition, e.status) for e in case.evidence):
            evidence[pair].append(position)
        by_place[case.place].append(position)
        for theme in dict.fromkeys(case.themes):
            by_theme[theme].append(position)
    out.update({f"e-{letter}-{status}": gaps(positions) for (letter, status), positions in evidence.items()})
    out.update({f"p-{i}": gaps(by_place[name]) for i, name in enumerate(by_place)})
    out.update({f"t-{i}": gaps(by_theme[name]) for i, name in enumerate(by_theme)})
    return out


def record(case, renderer: TextRenderer) -> list:
    evidence = [[e.precondition, e.status, anchor, e.basis] for e, anchor in zip(case.evidence, evidence_anchors(case))]
    summary = " ".join(html.unescape(TAG.sub("", renderer.inline(case.summary))).split())
    return [case.id, case.title, case.place, case.period, list(case.themes), evidence, case.maturity, summary]


def gaps(positions: list[int]) -> list[int]:
    """[3, 4, 10] -> [3, 1, 6]: the first position, then the distance to each next one (smaller to send)."""
    return [b - a for a, b in zip([0] + positions, positions)]
