"""Hostile text in every text field of every kind of data file, found by walking the schema.

Each payload, when it runs, pushes its number onto `window.__xss` (the browser test defines that
list before any script runs), so a test can say exactly which field and which form got through.
The payloads are written the ways contributed text could carry markup: raw HTML, a Markdown
link title, a reference-link title, an abbreviation definition, HTML entities, text long
enough to be cut off by the theme (Material copies cut-off header text into a tooltip), an
attribute list, the same after a character that makes MkDocs give up on front matter, and a
new line that starts a heading.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros import library
from macros.schema import FILES
from macros.spec import Record, fields_of


def attack(n: int) -> str:
    """The shortest markup that runs script when parsed as HTML: 34 characters for n < 10000."""
    return f"<img src=x onerror=__xss.push({n})>"


def _entities(n: int) -> str:
    return attack(n).replace("<", "&lt;").replace(">", "&gt;")


FORMS = {
    "raw-html": lambda n, limit: attack(n),
    "link-title": lambda n, limit: f'[x](https://example.org/ "{attack(n)}")',
    "reference-title": lambda n, limit: f'[x][r]\n\n[r]: https://example.org/ "{attack(n)}"',
    "abbreviation": lambda n, limit: f"PILOT\n\n*[PILOT]: {attack(n)}",
    "entities": lambda n, limit: _entities(n),
    "long": lambda n, limit: "W" * max(0, limit - len(attack(n)) - 1) + " " + attack(n),
    # Python-Markdown's attribute lists: a handler that runs on load, with no click, wherever the text is parsed
    # as Markdown.
    "attribute-list": lambda n, limit: f"*x*{{tabindex=0 autofocus onfocus=__xss.push({n})}}",
    # The same after a character MkDocs' front-matter reader gives up on (issue 18): the page's front matter
    # became its text.
    "front-matter-breaker": lambda n, limit: f"*x*{{tabindex=0 autofocus onfocus=__xss.push({n})}} \x80",
    # A new line that starts a heading of its own, with an attribute list, in a field meant to be one line.
    "new-line": lambda n, limit: f"x\n\n# y {{tabindex=0 autofocus onfocus=__xss.push({n})}}\n\nz",
}


@dataclass(frozen=True)
class Slot:
    """One text field of one kind of record: 'title', 'evidence[].finding', 'aliases[]'."""

    cls: type
    path: tuple  # field names; '[]' after a name means its first item

    @property
    def name(self) -> str:
        return ".".join(self.path).replace(".[]", "[]")


def text_slots(cls, prefix: tuple = ()) -> list[Slot]:
    """Every text field of a record class, nested records and lists included, in declaration order."""
    out = []
    for info in fields_of(cls):
        if info.type is str:
            out.append(Slot(cls, prefix + (info.name,)))
        elif info.type is list and info.item_type is str:
            out.append(Slot(cls, prefix + (info.name, "[]")))
        elif info.type is list and isinstance(info.item_type, type) and issubclass(info.item_type, Record):
            out += [Slot(cls, s.path) for s in text_slots(info.item_type, prefix + (info.name, "[]"))]
        elif isinstance(info.type, type) and issubclass(info.type, Record):
            out += [Slot(cls, s.path) for s in text_slots(info.type, prefix + (info.name,))]
    return out


def _limit(cls, path: tuple) -> int:
    """The longest text the schema lets this field hold (or a long paragraph where it sets no limit)."""
    spec = None
    for name in path:
        if name == "[]":
            spec = spec.item or spec
            continue
        info = next(f for f in fields_of(cls) if f.name == name)
        spec, cls = info.spec, info.item_type or info.type
    return spec.max_length or 500


def sample(cls) -> dict:
    """A valid record built from the schema's examples (required fields only)."""
    out = {}
    for info in fields_of(cls):
        if not info.required:
            continue
        if info.spec.example is not None:
            out[info.name] = copy.deepcopy(info.spec.example)
        elif info.type is list:
            out[info.name] = [sample(info.item_type)]
        else:
            out[info.name] = sample(info.type)
    return out


def _place(record: dict, cls, path: tuple, value):
    """Put `value` at `path` in `record`, creating what is missing on the way from the schema's examples.

    Returns what was there before, or None where the field or its list item had to be created.
    """
    name, rest = path[0], path[1:]
    info = next(f for f in fields_of(cls) if f.name == name)
    if not rest:
        before = record.get(name)
        record[name] = value
        return before
    if rest[0] == "[]":
        items = record.get(name) or []
        created = not items
        if created:
            items = [sample(info.item_type) if info.item_type not in (str, int) else None]
        record[name] = items
        if len(rest) == 1:
            before, items[0] = items[0], value
            return CREATED_ITEM if created else before
        before = _place(items[0], info.item_type, rest[1:], value)
        return None if created else before
    created = name not in record
    record.setdefault(name, sample(info.type))
    before = _place(record[name], info.type, rest, value)
    return None if created else before


@dataclass
class Planted:
    number: int
    file: str  # from the project root
    record: int | None  # the record's index in a list file
    slot: Slot
    form: str
    value: str
    original: object  # what the field held before: None if it was created, CREATED_ITEM if its list item was


CREATED_ITEM = object()

# Extra records are copies of a real one; what must differ between records is set apart first.
IDENTITY = {"id": "xss-{form}", "slug": "xss-{form}", "name": "Xss place {form}", "term": "xss term {form}"}


def plant(project: Path) -> list[Planted]:
    """Write a payload into every text field of every record type, once in each form; return what went where.

    Case studies, places, glossary terms and pathways get one extra record per form; the nine
    preconditions are fixed, so each form goes into one of them (A gets the first form, and so on).
    """
    planted: list[Planted] = []
    for pattern, cls, is_list, _ in FILES:
        if not is_list:
            base = yaml.safe_load((project / "data" / "case_studies"
                                   / "coventry-ignite.yaml").read_text(encoding="utf-8"))
            for form in FORMS:
                record = _copy(base, form)
                record.update(maturity="draft", redirect_from=[])
                name = f"data/case_studies/xss-{form}.yaml"
                _fill(record, None, cls, form, name, planted)
                _write(project / name, record)
            continue
        path = project / pattern
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, form in enumerate(FORMS):
            if cls.__name__ == "Precondition":
                position = index
            else:
                records.append(_copy(records[0], form))
                position = len(records) - 1
            _fill(records[position], position, cls, form, pattern, planted)
        _write(path, records)
    return planted


def _copy(record: dict, form: str) -> dict:
    out = copy.deepcopy(record)
    for key, value in IDENTITY.items():
        if key in out:
            out[key] = value.format(form=form)
    return out


def _fill(record, position, cls, form, file, planted) -> None:
    for slot in text_slots(cls):
        number = len(planted) + 1
        value = FORMS[form](number, _limit(cls, slot.path))
        original = _place(record, cls, slot.path, value)
        planted.append(Planted(number, file, position, slot, form, value, original))


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def refused(project: Path, planted: list[Planted]) -> dict[int, list]:
    """payload number -> the validation problems that name its file, its line and its field."""
    lib = library.load(project)
    out = {}
    for item in planted:
        for problem in lib.problems:
            # The line must hold the start of the payload: the field's own line, not the record's or the file's.
            if (problem.file == item.file and _same_field(problem.field, item.slot, item.record)
                    and item.value.split("\n")[0][:6] in _line(project, problem)):
                out.setdefault(item.number, []).append(problem)
    return out


def _same_field(field: str, slot: Slot, record: int | None) -> bool:
    """Whether a problem's field ('[3].title', 'evidence[1].finding') is this slot ('title', 'evidence[].finding')
    of this record (its index in a list file, or None in a one-record file)."""
    if record is not None:
        prefix = f"[{record + 1}]."
        if not field.startswith(prefix):
            return False
        field = field[len(prefix):]
    return re.sub(r"\[\d+\]", "[]", field) == slot.name


def _line(project: Path, problem) -> str:
    lines = (project / problem.file).read_text(encoding="utf-8").splitlines()
    return lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""


def revert(project: Path, planted: list[Planted], numbers: set[int]) -> None:
    """Put back what a field held where validation refused its payload, so the rest of the record builds."""
    by_file: dict[str, list[Planted]] = {}
    for item in planted:
        if item.number in numbers:
            by_file.setdefault(item.file, []).append(item)
    for file, items in by_file.items():
        path = project / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in items:
            record = data if item.record is None else data[item.record]
            if item.original is CREATED_ITEM:  # a list item made only to hold the payload: remove it again
                _drop_first(record, item.slot.path[:-1])
                continue
            if item.original is None and _optional(item.slot):  # an optional field made only to hold it: remove it too,
                # as its example may not fit with the rest (a verdict with basis: editorial)
                _remove(record, item.slot.path)
                continue
            value = item.original if item.original is not None else _example(item.slot)
            _place(record, item.slot.cls, item.slot.path, value)
        _write(path, data)


def _drop_first(record: dict, path: tuple) -> None:
    """Remove the first item of the list field at the end of `path` (field names, '[]' for a first item)."""
    *outer, last = path
    for name in outer:
        record = record[0] if name == "[]" else record[name]
    record[last].pop(0)


def _optional(slot: Slot) -> bool:
    cls = slot.cls
    for name in slot.path:
        if name == "[]":
            continue
        info = next(f for f in fields_of(cls) if f.name == name)
        cls = info.item_type or info.type
    return not info.required


def _remove(record: dict, path: tuple) -> None:
    *outer, last = path
    for name in outer:
        record = record[0] if name == "[]" else record[name]
    record.pop(last, None)


def _example(slot: Slot):
    spec, cls = None, slot.cls
    for name in slot.path:
        if name == "[]":
            spec = spec.item or spec
            continue
        info = next(f for f in fields_of(cls) if f.name == name)
        spec, cls = info.spec, info.item_type or info.type
    return spec.example[0] if isinstance(spec.example, list) else spec.example
