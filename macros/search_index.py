"""Build the Pagefind search index for a built site, and make it the same on every build.

Pagefind writes its filter index from a randomly seeded hash map, so two builds of the same
pages list filter values in different orders and give the files different names (Pagefind
issue #638: page fragments became stable in 1.3, filters and metadata did not). After indexing,
`stabilise` sorts those lists and renames the files by their content, which keeps the whole
site byte-identical between builds without changing what search finds.

Pagefind's files are gzip-compressed CBOR after a 'pagefind_dcd' marker; the small CBOR codec
below covers what they contain (integers, strings, byte strings, arrays, maps, simple values).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path

MARKER = b"pagefind_dcd"


class IndexError_(Exception):
    """Pagefind failed, or wrote files this module does not understand."""


def build(site_dir: str | Path, exclude_selectors: str = ".headerlink") -> None:
    """Index `site_dir` into `site_dir/pagefind/`, then make the output stable."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--silent", "--exclude-selectors", exclude_selectors]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise IndexError_(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
    stabilise(Path(site_dir) / "pagefind")


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
        raise IndexError_("unexpected Pagefind metadata layout; check macros/search_index.py against the pinned Pagefind")
    return filters[0]


def _prefix(name: str) -> str:
    return name.split("_", 1)[0] + "_"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MARKER):
        raise IndexError_(f"{path.name} is not a Pagefind data file")
    value, end = decode(raw, len(MARKER))
    if end != len(raw):
        raise IndexError_(f"{path.name}: unexpected data after the CBOR value")
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
        raise IndexError_(f"CBOR item with additional information {info} is not supported")
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
    raise IndexError_(f"CBOR major type {major} is not supported")


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
    raise IndexError_(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise IndexError_("integer too large for CBOR")
