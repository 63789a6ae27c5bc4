"""One schema: the JSON Schema files are generated from macros/schema.py and agree with the validator."""

import json
from pathlib import Path

import jsonschema
import pytest

from macros import json_schema, library
from macros.schema import FILES
from tests.support.records import load_as_editor

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"


def test_committed_json_schema_matches_the_python_schema():
    for name, text in json_schema.render_all().items():
        assert (SCHEMA / name).read_text(encoding="utf-8") == text, (f"schema/{name} is stale: run python -m macros "
                                                                     "schema")


def test_json_schema_files_are_valid_json_schema():
    for _, _, _, name in FILES:
        jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMA / name).read_text(encoding="utf-8")))


def _validator(kind_file: str):
    return jsonschema.Draft202012Validator(json.loads((SCHEMA / kind_file).read_text(encoding="utf-8")))


def _data_files():
    lib_root = ROOT / "tests" / "fixtures" / "minimal"
    files = [(lib_root / "data" / pattern.split("/", 1)[1].replace("*.yaml", ""), name)
             for pattern, _, _, name in FILES]
    out = []
    for path, name in files:
        out += [(p, name)
                for p in sorted(path.glob("*.yaml"))] if path.is_dir() else [(path, name)] if path.exists() else []
    real = [(ROOT / "data" / pattern.split("/", 1)[1], name) for pattern, _, _, name in FILES]
    for path, name in real:
        out += [(p, name) for p in sorted(path.parent.glob(path.name))]
    assert {name for _, name in out} == {name for _, _, _, name in FILES}  # every kind of file, real and fixture
    return out


@pytest.mark.parametrize("path, schema_file", _data_files(),
                         ids=lambda v: str(v).split("/library/")[-1] if isinstance(v, Path) else v)
def test_data_the_validator_accepts_is_accepted_by_the_json_schema(path, schema_file):
    root = path.parents[2] if path.parent.name == "case_studies" else path.parents[1]
    assert not [p for p in library.load(root).problems if root / p.file == path]
    errors = list(_validator(schema_file).iter_errors(load_as_editor(path.read_text(encoding="utf-8"))))
    assert not errors, [e.message for e in errors]


def test_schema_level_mistakes_are_caught_by_both():
    from tests.support.records import BAD, VALID
    validator = _validator("case-study.schema.json")
    assert not list(validator.iter_errors(load_as_editor(VALID)))
    schema_level = ["list-expected", "text-expected", "number-as-text", "missing-field", "missing-top-field",
                    "unknown-precondition", "misspelt-status", "unknown-field", "theme-capitals", "licence-typo",
                    "no-evidence", "repeated-theme", "too-long", "page-not-number"]
    for case_id, _, text, *_ in BAD:
        if case_id in schema_level:
            assert list(validator.iter_errors(load_as_editor(text))), f"JSON Schema accepts {case_id}"


def test_every_text_and_number_field_has_an_example_for_its_messages():
    from macros.spec import fields_of
    seen, missing = set(), []

    def walk(cls):
        if cls in seen:
            return
        seen.add(cls)
        for f in fields_of(cls):
            kind = f.item_type or f.type
            # A list's items borrow the list's first example when they have none of their own.
            if kind in (str, int) and f.spec.example in (None, []):
                missing.append(f"{cls.__name__}.{f.name}")
            elif kind not in (str, int):
                walk(kind)

    for _, cls, _, _ in FILES:
        walk(cls)
    assert missing == []
