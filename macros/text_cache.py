"""Contributed text already turned into HTML by an earlier build, so an unchanged record costs no Markdown.

Turning contributed text into HTML (`safe_markdown.TextRenderer`) is a pure function of the text, the
glossary and the renderer's code (with Python-Markdown's), and at a thousand case studies it is the
largest part of rendering their pages. This cache keeps its results in `.cache/library/` between
builds, under a name made from a hash of those: change any of them and the old results are simply
not used (and are deleted when the new ones are saved). A build with the cache gives the same bytes as one
without it; a missing or unreadable cache file is an empty cache.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from pathlib import Path

import markdown

from . import safe_markdown


class TextCache:
    def __init__(self, folder: Path, glossary: dict[str, str]):
        inputs = [markdown.__version__, inspect.getsource(safe_markdown), sorted(glossary.items())]
        fingerprint = hashlib.sha256(json.dumps(inputs).encode()).hexdigest()[:16]
        self.folder = folder
        self.path = folder / f"text-{fingerprint}.json"
        try:
            self._stored: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._stored = {}
        self._used: dict[str, str] = {}

    def get(self, kind: str, text: str) -> str | None:
        html = self._stored.get(kind + "\0" + text)
        if html is not None:
            self._used[kind + "\0" + text] = html
        return html

    def put(self, kind: str, text: str, html: str) -> None:
        self._used[kind + "\0" + text] = str(html)

    def save(self) -> None:
        """Keep what this build used (so the file does not grow with texts long gone), and nothing older."""
        if self._used == self._stored:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            written = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp")
            written.write_text(json.dumps(self._used, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
            os.replace(written, self.path)  # whole or not at all, even with two builds at once
            for old in self.folder.glob("text-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout builds as well, only without the head start next time
