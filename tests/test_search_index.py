"""The search index is rebuilt the same way every time, without changing what it holds."""

import gzip

from macros import search_index


def test_the_cbor_codec_round_trips_pagefinds_files(built_site):
    files = [p for p in (built_site / "pagefind").rglob("*") if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
    assert len(files) > 5
    for path in files:
        raw = gzip.decompress(path.read_bytes())
        value, end = search_index.decode(raw, len(search_index.MARKER))
        assert end == len(raw) and search_index.MARKER + search_index.encode(value) == raw, path.name


def test_filters_are_listed_in_order(built_site):
    files = sorted((built_site / "pagefind" / "filter").glob("*.pf_filter"))
    assert files  # type, precondition, status, place, theme: Pagefind writes them in one or more files
    for path in files:
        name, values = search_index.read(path)
        assert [v[0] for v in values] == sorted(v[0] for v in values), name
