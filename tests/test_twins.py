"""The twins' corpus (tests/twins/corpus/, written by `python -m macros twins`) is what the Python says today, and holds
what it must: the JavaScript twins are tested against it by `node --test tests/twins/*.test.js` (make check)."""

from __future__ import annotations

import json

import pytest

from macros import library, twin_inputs, twins

CORPUS = twins.CORPUS


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return twins.render_all()


def test_the_corpus_is_what_the_python_makes_today(files):
    stale = twins.stale(CORPUS, files)
    assert not stale, f"out of date: {stale}; run: python -m macros twins, and review the diff"


def test_a_stale_missing_or_left_over_file_is_named(tmp_path, files):
    """The check is one that can fail: a corpus changed by hand, short of a file or with one too many is stale."""
    twins.write_all(tmp_path, files)
    assert twins.stale(tmp_path, files) == []
    ids = tmp_path / "ids.json"
    changed = ids.read_text(encoding="utf-8").replace('"coventry-homelessness-and-housing"', '"coventry"')
    ids.write_text(changed, encoding="utf-8")
    (tmp_path / "checks.json").unlink()
    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    assert sorted(twins.stale(tmp_path, files)) == ["checks.json", "ids.json", "old.json"]
    assert twins.write_all(tmp_path, files) and twins.stale(tmp_path, files) == []


def test_the_frozen_library_is_valid():
    assert not library.load(twins.FROZEN).problems


def test_the_checks_table_refuses_all_but_a_few():
    """Most case studies in the table are refused, so the table tests refusals, not only agreement."""
    checks = json.loads((CORPUS / "checks.json").read_text(encoding="utf-8"))
    accepted = {case["what"] for case in checks["cases"] if not case["problems"]}
    assert accepted == {"valid", "place with accents", "period of exactly the limit, in emoji",
                        "context with links to a web page and an anchor",
                        "a context with a tab, which Markdown fields may hold"}


def test_every_kind_of_field_is_in_the_checks_table():
    """Text, a pattern, a limit, lists (unique, at least, at most), records, numbers, Markdown: each is tried."""
    tried = {name for _, case in twin_inputs.CASES for name in _changed_fields(case)}
    for name in ("id", "title", "place", "period", "themes", "summary", "context", "organisations", "evidence",
                 "evidence.finding", "what_did_not_work", "lessons", "questions", "sources", "sources.title",
                 "sources.year", "sources.url", "sources.pages", "contributors"):
        assert name in tried, name


def _changed_fields(case: dict):
    valid = twin_inputs.VALID
    for key in set(case) | set(valid):
        if case.get(key) == valid.get(key):
            continue
        yield key
        for i, item in enumerate(case.get(key) or []):
            if isinstance(item, dict):
                before = valid[key][i] if i < len(valid[key]) else {}
                yield from (f"{key}.{name}" for name in set(item) | set(before) if item.get(name) != before.get(name))


def test_the_form_reader_s_table_has_problems_of_every_kind_the_studio_can_send():
    """Every message of the form's own checks that the studio can cause is in the corpus (a licence or status that is
    not an option, an answer missing from the issue and a body the form did not write are not: the studio never sends
    them)."""
    form = json.loads((CORPUS / "form-reader.json").read_text(encoding="utf-8"))
    messages = " ".join(message for case in form["cases"] for _, message in case["problems"])
    for start in ("is empty: add", "is not ticked", "is empty, but", "but B. What happened has an answer",
                  "none has a status", "which is not a year", "which are not page numbers",
                  "has a line without a label"):
        assert start in messages, start


def test_the_renderer_s_texts_include_the_library_s_own_and_the_hostile():
    renderer = json.loads((CORPUS / "renderer.json").read_text(encoding="utf-8"))
    texts = {case["text"] for case in renderer["cases"]}
    assert len(texts) > 2000 and set(twin_inputs.HOSTILE_TEXTS) <= texts
    assert set(twin_inputs.library_texts(library.load(twins.FROZEN))) <= texts
