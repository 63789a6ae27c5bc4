"""Build the Pagefind search index while the site is built, and make it the same on every build.

`Indexer` runs Pagefind as a service (`pagefind --service`, the protocol behind Pagefind's own
Python and Node APIs: base64-encoded JSON messages, each followed by a comma) and hands it each
page as soon as MkDocs has written it, so Pagefind parses pages on a second core while the rest
are built; at the end only writing the index remains. (Pagefind's Python API waits a tenth of a
second between replies, which would take minutes for a thousand pages, hence this small client.)

Pagefind writes its filter index from a randomly seeded hash map, so two builds of the same
pages list filter values in different orders and give the files different names (Pagefind
issue #638: page fragments became stable in 1.3, filters and metadata did not). After indexing,
`stabilise` sorts those lists and renames the files by their content, which keeps the whole
site byte-identical between builds without changing what search finds.

Pagefind's files are gzip-compressed CBOR after a 'pagefind_dcd' marker; the small CBOR codec
below covers what they contain (integers, strings, byte strings, arrays, maps, simple values).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import struct
import subprocess
import threading
from pathlib import Path

MARKER = b"pagefind_dcd"


class SearchIndexError(Exception):
    """Pagefind failed, or wrote files this module does not understand."""


class Indexer:
    """One Pagefind index, fed page by page; `finish` writes it into the site and makes it stable."""

    def __init__(self, exclude_selectors: tuple[str, ...] = (".headerlink",)):
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SearchIndexError("Pagefind's program is missing: install the pinned requirements (pip install -r "
                                   "requirements.txt)")
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT)
        self._replies: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._sent = 0
        self._pages: list[int] = []
        threading.Thread(target=self._read, daemon=True).start()
        reply = self._wait(self._send({"type": "NewIndex", "config": {"exclude_selectors": list(exclude_selectors)}}))
        self._index = reply["index_id"]

    def add(self, url: str, html: str) -> None:
        """Index a page (Pagefind indexes only pages with a data-pagefind-body element) under its site URL."""
        self._pages.append(self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None,
                                       "file_contents": html}))

    def finish(self, site_dir: str | Path) -> None:
        """Wait for every page, write the index to `site_dir/pagefind/`, stop Pagefind, make the files stable.

        The files come back as data (GetFiles) and are written here: Pagefind's own WriteFiles answers before
        its last files are on disk, and a service stopped then leaves one of them empty."""
        bundle = Path(site_dir) / "pagefind"
        try:
            for number in self._pages:
                self._wait(number)
            files = self._wait(self._send({"type": "GetFiles", "index_id": self._index}))["files"]
        finally:
            self.close()
        for item in files:
            path = bundle / item["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(item["content"]))
        stabilise(bundle)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            reason = self._replies.get(0, {}).get("message", "no reason given")
            raise SearchIndexError(f"Pagefind stopped: {reason}") from None
        return self._sent

    def _read(self) -> None:
        buffer = b""
        while chunk := self._process.stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            with self._arrived:
                for message in messages:
                    reply = json.loads(base64.b64decode(message))
                    self._replies[reply.get("message_id") or 0] = reply["payload"]
                self._arrived.notify_all()
        with self._arrived:
            self._replies.setdefault(0, {"type": "Error", "message": "Pagefind ended"})
            self._arrived.notify_all()

    def _wait(self, number: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: number in self._replies or 0 in self._replies)
        reply = self._replies.get(number) or self._replies[0]
        if reply.get("type") == "Error":
            raise SearchIndexError(f"Pagefind could not index the site: {reply.get('message')}")
        return reply


def stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        filters = _filter_list(meta)
        renamed = {}
        for item in filters:
            name, old = item[0], item[1]
            old_path = bundle / "filter" / f"{old}.pf_filter"
            content = read(old_path)
            content[1] = sorted(content[1], key=lambda pair: pair[0])  # [filter name, [[value, pages], ...]]
            new = _prefix(old) + _digest(encode(content))[:7]
            old_path.unlink()
            write(bundle / "filter" / f"{new}.pf_filter", content)
            renamed[name] = new
        filters.sort(key=lambda item: item[0])
        for item in filters:
            item[1] = renamed[item[0]]
        meta_path.unlink()
        language["hash"] = _prefix(language["hash"]) + _digest(encode(meta))[:10]
        write(bundle / f"pagefind.{language['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _filter_list(meta) -> list:
    """The [[filter name, chunk hash], ...] list inside Pagefind's metadata."""
    candidates = [item for item in meta if isinstance(item, list) and item and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair) for pair in item)]
    filters = [c for c in candidates if all("_" in pair[1] for pair in c)]
    if len(filters) != 1:
        raise SearchIndexError("unexpected Pagefind metadata layout; check macros/search_index.py against the pinned "
                               "Pagefind")
    return filters[0]


def _prefix(name: str) -> str:
    return name.split("_", 1)[0] + "_"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MARKER):
        raise SearchIndexError(f"{path.name} is not a Pagefind data file")
    value, end = decode(raw, len(MARKER))
    if end != len(raw):
        raise SearchIndexError(f"{path.name}: unexpected data after the CBOR value")
    return value


def write(path: Path, value) -> None:
    path.write_bytes(gzip.compress(MARKER + encode(value), mtime=0))


# --- CBOR (RFC 8949), the subset Pagefind writes -------------------------------------------------

def decode(data: bytes, at: int = 0):
    """(value, next offset) of the CBOR item starting at `at`."""
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise SearchIndexError(f"CBOR item with additional information {info} is not supported")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 2:
        return bytes(data[at:at + arg]), at + arg
    if major == 3:
        return data[at:at + arg].decode("utf-8"), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, at = decode(data, at)
            value, at = decode(data, at)
            pairs.append((key, value))
        return _Map(pairs), at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    if major == 7 and info == 27:
        return struct.unpack(">d", arg.to_bytes(8, "big"))[0], at
    raise SearchIndexError(f"CBOR major type {major} is not supported")


class _Map(list):
    """A CBOR map kept as ordered (key, value) pairs, so encoding gives back the same bytes."""


def encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise SearchIndexError(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise SearchIndexError("integer too large for CBOR")
