"""Contributed text rendered by one build is reused by the next, and never when it would differ."""

from __future__ import annotations

from macros.safe_markdown import TextRenderer
from macros.text_cache import TextCache

GLOSSARY = {"Troubled Families": "A national programme for families with several problems."}


def test_a_saved_rendering_is_found_by_the_next_build(tmp_path):
    first = TextCache(tmp_path, GLOSSARY)
    assert first.get("block", "Some *text*.") is None
    first.put("block", "Some *text*.", "<p>Some <em>text</em>.</p>")
    first.save()
    second = TextCache(tmp_path, GLOSSARY)
    assert second.get("block", "Some *text*.") == "<p>Some <em>text</em>.</p>"
    assert second.get("inline", "Some *text*.") is None  # block and inline are kept apart


def test_another_glossary_does_not_see_old_renderings_and_replaces_them(tmp_path):
    old = TextCache(tmp_path, GLOSSARY)
    old.put("block", "Troubled Families in Coventry", "<p>with the old definition</p>")
    old.save()
    new = TextCache(tmp_path, {**GLOSSARY, "Troubled Families": "Another definition."})
    assert new.get("block", "Troubled Families in Coventry") is None
    new.put("block", "Troubled Families in Coventry", "<p>with the new definition</p>")
    new.save()
    assert [p.name for p in tmp_path.glob("text-*.json")] == [new.path.name]


def test_only_what_a_build_used_is_kept(tmp_path):
    first = TextCache(tmp_path, GLOSSARY)
    first.put("block", "gone", "<p>gone</p>")
    first.put("block", "kept", "<p>kept</p>")
    first.save()
    second = TextCache(tmp_path, GLOSSARY)
    assert second.get("block", "kept")
    second.save()
    assert TextCache(tmp_path, GLOSSARY).get("block", "gone") is None


def test_an_unreadable_cache_is_an_empty_one(tmp_path):
    cache = TextCache(tmp_path, GLOSSARY)
    cache.path.write_text("{not json", encoding="utf-8")
    assert TextCache(tmp_path, GLOSSARY).get("block", "anything") is None


def test_what_the_renderer_gives_is_what_is_kept(tmp_path):
    renderer = TextRenderer(GLOSSARY)
    cache = TextCache(tmp_path, GLOSSARY)
    text = "The **Troubled Families** team <script>x</script>.\n\nA second paragraph."
    cache.put("block", text, renderer.block(text))
    cache.save()
    assert TextCache(tmp_path, GLOSSARY).get("block", text) == str(renderer.block(text))
