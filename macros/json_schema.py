"""Write the schema's records out as JSON Schema, for editors and for anyone reusing the open data."""

from __future__ import annotations

import json
from pathlib import Path

from .schema import FILES
from .spec import FieldInfo, Spec, fields_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://place-based-patterns.github.io/library/schema/"


def document(cls, is_list: bool, file_name: str) -> dict:
    """The JSON Schema of a data file holding one `cls` record, or a list of them."""
    defs: dict = {}
    root = _record(cls, defs)
    body = ({"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}, "minItems": 1} if is_list
            else {"$ref": f"#/$defs/{cls.__name__}"})
    doc = {
        "$schema": DIALECT,
        "$id": BASE + file_name,
        "title": f"{cls.__name__} ({'a list' if is_list else 'one record'})",
        "description": "Generated from macros/schema.py by 'python -m macros schema'; do not edit by hand.",
        **body,
        "$defs": dict(sorted(defs.items())),
    }
    assert root == {"$ref": f"#/$defs/{cls.__name__}"}
    return doc


def _record(cls, defs: dict) -> dict:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        props, required = {}, []
        for info in fields_of(cls):
            props[info.name] = _field(info, defs)
            if info.required:
                required.append(info.name)
        defs[name] = {"type": "object", "properties": props, "required": required, "additionalProperties": False}
    return {"$ref": f"#/$defs/{name}"}


def _field(info: FieldInfo, defs: dict) -> dict:
    if info.type is list:
        items = (_scalar(info.item_type, info.spec.item) if info.item_type in (str, int)
                 else _record(info.item_type, defs))
        out = {"type": "array", "description": info.spec.help, "items": items}
        if info.spec.min_items:
            out["minItems"] = info.spec.min_items
        if info.spec.max_items is not None:
            out["maxItems"] = info.spec.max_items
        if info.spec.unique:
            out["uniqueItems"] = True
        if info.spec.example is not None:
            out["examples"] = [info.spec.example]
        return out
    if info.type in (str, int):
        return _scalar(info.type, info.spec)
    return {**_record(info.type, defs), "description": info.spec.help}


def _scalar(kind, spec: Spec | None) -> dict:
    spec = spec or Spec("")
    out: dict = {"type": "string" if kind is str else "integer"}
    if spec.help:
        out["description"] = spec.help + (" (Markdown allowed)" if spec.markdown else "")
    if kind is str:
        out["minLength"] = 1
        if spec.max_length:
            out["maxLength"] = spec.max_length
        if spec.pattern:
            out["pattern"] = spec.pattern
    if spec.choices:
        out["enum"] = list(spec.choices)
    if spec.minimum is not None:
        out["minimum"] = spec.minimum
    if spec.maximum is not None:
        out["maximum"] = spec.maximum
    if spec.example is not None:
        out["examples"] = [spec.example]
    return out


def render_all() -> dict[str, str]:
    """File name -> JSON text, for every data file kind."""
    return {name: json.dumps(document(cls, is_list, name), indent=2, ensure_ascii=False) + "\n"
            for _, cls, is_list, name in FILES}


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
