"""The one YAML scalar writer (macros/case_yaml.py): whatever the text, the file from-issue writes and the values
new-case-study fills in read back as exactly that text."""

from __future__ import annotations

import random

import yaml

from macros import case_yaml, scaffold


def test_any_text_reads_back_exactly_from_the_file():
    """The plain rules the writer follows (scalar, the folded block) never change the text, whatever it holds."""
    rng = random.Random(5)
    alphabet = list("ab Z09:#-'\"\\\t\n&*!|>%@`{}[],.?") + ["\u2028", "\x85", "\xa0", "é", "😀", "\ufeff", "\x07", "  "]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        data = yaml.safe_load(case_yaml.to_yaml({"title": text, "lessons": [text], "context": text * 5}, "x", "s"))
        assert data["title"] == data["lessons"][0] == text and data["context"] == text * 5, repr(text)


def test_new_case_study_fills_in_the_template_with_the_same_writer(tmp_path):
    """A title YAML would misread (a colon and a space, a word YAML reads as false, a number) is quoted, and reads
    back."""
    (tmp_path / "data" / "templates").mkdir(parents=True)
    template = (scaffold.ROOT / scaffold.TEMPLATE).read_text(encoding="utf-8")
    (tmp_path / scaffold.TEMPLATE).write_text(template, encoding="utf-8")
    for title, place, themes in [("Partners said: it worked", "No", ["yes", "care leavers"]),
                                 ("2021", "St. Helens", ["o'neil"])]:
        path = scaffold.create(tmp_path, title, place, themes, case_id=f"case-{len(title)}")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (data["title"], data["place"], data["themes"]) == (title, place, themes)
        assert f"title: {case_yaml.scalar(title)}\n" in path.read_text(encoding="utf-8")
