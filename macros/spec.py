"""The vocabulary the schema is written in: records, fields and the rules on each field.

A record is a frozen dataclass whose fields are annotated with a `Spec`:

    @record
    class Evidence(Record):
        status: Annotated[str, Spec("how far the precondition was in place", choices=STATUSES)]

From that one declaration the validator checks YAML (`validate.py`), the JSON
Schema files are generated (`json_schema.py`), and the pages get typed objects.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

__all__ = ["Annotated", "Spec", "Record", "Origin", "record", "fields_of", "FieldInfo"]


@dataclass(frozen=True)
class Spec:
    """The rules on one field, in words a contributor can act on."""

    help: str  # what the field holds: "the letter of the precondition, A to I"
    example: Any = None  # a valid value, quoted back in error messages and offered by editors
    pattern: str | None = None
    pattern_help: str | None = None  # the pattern in plain English
    choices: tuple = ()
    choice_noun: str = "value"  # "'presnt' is not a {status}"
    markdown: bool = False  # text may use Markdown (links, emphasis, lists)
    max_length: int | None = None
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False  # items of a list must differ
    minimum: int | None = None
    maximum: int | None = None
    item: Spec | None = None  # rules on each item of a list of text or numbers


@dataclass(frozen=True)
class Origin:
    """Where a record was read from: file, first line, and the line of each field."""

    file: str
    line: int
    lines: dict = dataclasses.field(default_factory=dict)  # "field" or "field[3]" -> line
    path: str = ""  # where the record sits in its file: "[3]" in a list file, "evidence[2]" inside a case study

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record; `origin` is filled in by the validator, never read from YAML."""

    origin: Origin | None = dataclasses.field(default=None, compare=False, repr=False)


def record(cls):
    return dataclass(frozen=True, kw_only=True)(cls)


@dataclass(frozen=True)
class FieldInfo:
    name: str
    type: type  # str, int, a Record subclass, or list
    item_type: type | None  # for lists: str, int or a Record subclass
    spec: Spec
    required: bool

    @property
    def is_text(self) -> bool:
        return self.type is str


@cache
def fields_of(cls) -> tuple[FieldInfo, ...]:
    """The declared fields of a record class, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        if f.name == "origin":
            continue
        hint = hints[f.name]
        if typing.get_origin(hint) is not Annotated:
            raise TypeError(f"{cls.__name__}.{f.name} needs an Annotated[..., Spec(...)] type")
        base, spec = typing.get_args(hint)[:2]
        base = _strip_optional(base)
        item_type = None
        if typing.get_origin(base) in (list, tuple):
            item_type = typing.get_args(base)[0]
            base = list
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out.append(FieldInfo(f.name, base, item_type, spec, required))
    return tuple(out)


def _strip_optional(hint):
    args = typing.get_args(hint)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0]
    return hint
