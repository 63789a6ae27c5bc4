"""Check YAML nodes against the schema and turn them into records.

Every problem in a file is collected (not only the first), each naming the
line, the field, what was expected and an example, so a newcomer can fix
the file in one pass.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from types import SimpleNamespace

import yaml

from .problems import Problems
from .schema import ONE_LINE_REFUSED, REFUSED_CHARACTERS
from .spec import FieldInfo, Origin, Spec, fields_of
from .yamlfile import INTEGER, Mapping, Scalar, Sequence, kind_of, shorten

LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")  # the target of a Markdown link or image
BARE_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file):")
SAFE_LINK = re.compile(r"(?i)^(https?://|mailto:|#)")
# Markdown that the renderer (safe_markdown.py) shows as typed, refused so a contributor hears why. Each pattern
# scans forward from a fixed character and stops at the next bracket or line end: linear time on any text.
# A link title: '](', spaces, an address (or none), spaces, then a quote or bracket. Where the address is empty,
# '\s*<?...*>?\s+' would share one run of spaces between its two repetitions in every possible way (255,000
# spaces took six minutes); so an address, when there is one, starts with a character that is not a space, and
# with none the spaces are read once. The same texts match (tests/test_validation.py, tests/test_linear_time.py).
LINK_TITLE = re.compile(r"\]\((?:\s*(?:<[^\s()<>\[\]]*>?|[^\s()<>\[\]]+>?|>)\s+|\s+)[\"'(]")
ABBREVIATION = re.compile(r"(?m)^[ \t]*\*\[[^\[\]\n]*\]:")
REFERENCE = re.compile(r"(?m)^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]*\S")
REFUSED = tuple((re.compile(pattern), kind) for pattern, kind in REFUSED_CHARACTERS)
ONE_LINE = re.compile(ONE_LINE_REFUSED)
# What a message calls the character a one-line field may not hold (ONE_LINE_REFUSED).
ONE_LINE_WHAT = {"\n": "a new line", "\t": "a tab"}
NOT_TEXT = re.compile(r"^([-+]?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?|true|True|TRUE|false|False|FALSE)$")
EXAMPLE_LINK = "[the report](https://example.org/report.pdf)"

# The messages for a value that breaks a field's rule, as templates: the validator fills them in here, and the
# contribution studio (docs/contribute/studio.md) gets the same templates, so both say exactly the same thing.
MESSAGES = {
    "missing": "is missing: add {help}. For example: {example}",
    "empty": "is empty: add {help}, or delete the line if it is optional. {for_example}",
    "pattern": "{value} is not valid here: use {pattern_help}. {for_example}",
    "too_long": "is {length} characters long; the limit here is {limit}. Shorten it, or split it into list items. "
                "{for_example}",
    "too_few": "needs at least {minimum} {items} ({help}); found {found}. For example: {example}",
    "too_many": "has {found} items; keep the {maximum} that matter most, for example: {example}",
    "repeated": "repeats item {first} ({value}); remove one, so each item differs, for example: {example}",
    "out_of_range": "{number} is out of range: use a number from {minimum} to {maximum}, {for_example}",
    "character": ("contains the character {code} ({kind}) at character {position}, which the library does not accept: "
                  "delete it. "
                  "Text copied from a PDF or a word processor often carries such characters. {for_example}"),
    "one_line": ("has {what} at character {position}, but this field is a single line: join it into one line. "
                 "In YAML, keep the text on the line after the field's name or fold it with >- on the line above. "
                 "{for_example}"),
    "scheme": ("contains a '{scheme}:' address, which is not allowed. Link to web pages with addresses that start with "
               "https://, "
               "for example: " + EXAMPLE_LINK + "."),
    "link_title": ("gives a link a title (the quoted text after the address). Links cannot have titles here: delete it "
                   "and put "
                   "anything worth saying in the sentence, for example: " + EXAMPLE_LINK + "."),
    "abbreviation": ("defines an abbreviation ('*[...]: ...'). Terms are explained only in the glossary, "
                     "data/glossary.yaml: delete "
                     "the line and add the term there, for example: - term: PbR, then definition: Payment by Results."),
    "reference": ("defines a link by reference ('[name]: address'). Write the address in the link itself, "
                  "for example: " + EXAMPLE_LINK + "."),
    "unsafe_link": ("links to {target}; links must be full web addresses starting with https://, "
                    "for example: " + EXAMPLE_LINK + "."),
    "image": ("contains an image ('![...]'). Images are not allowed in text fields; describe what the image shows in "
              "words, "
              "for example: The chart shows rough sleeping halving in two years."),
}


def message(key: str, **values) -> str:
    return MESSAGES[key].format(**values)


def count(number: int) -> str:
    """A count as the messages write it: 2,799."""
    return f"{number:,}"


def build(cls, node, file: str, path: str, problems: Problems, views: list | None = None):
    """The record `cls` read from `node`, or None if anything in it is wrong.

    With `views`, what could be read is appended to it even when the record is
    invalid: the record, or a stand-in whose invalid fields are None, so the
    checks across records still run on the rest of it.
    """
    where = path or "(file)"
    if not isinstance(node, Mapping):
        line = getattr(node, "line", 1)
        problems.add(file, line, where,
                     f"expected {_record_noun(cls)}, a set of 'name: value' lines, but found {kind_of(node)}. "
                     f"{_record_example(cls, path)}")
        return None
    before = len(problems)
    seen: dict[str, Scalar] = {}
    for key, _ in node.items:
        if key.value in seen:
            info = next((f for f in fields_of(cls) if f.name == key.value), None)
            example = example_of(info) if info else f"{key.value}: ..."
            problems.add(file, key.line, _join(path, key.value),
                         f"appears twice (first on line {seen[key.value].line}); keep one and delete the other, "
                         f"so the field is written once, for example: {example}")
        else:
            seen[key.value] = key
    declared = {f.name: f for f in fields_of(cls)}
    for key, _ in node.items:
        if key.value not in declared:
            problems.add(file, key.line, _join(path, key.value), _unknown_field(key.value, declared))
    values, lines = {}, {}
    for info in declared.values():
        pair = next(((k, v) for k, v in node.items if k.value == info.name), None)
        if pair is None or (isinstance(pair[1], Scalar) and pair[1].is_null):
            if info.required:
                line = pair[0].line if pair else node.line
                problems.add(file, line, _join(path, info.name),
                             message("missing", help=info.spec.help, example=example_of(info)))
            continue
        key, value = pair
        lines[info.name] = key.line
        result = _value(info, value, file, _join(path, info.name), problems, lines)
        if result is not None:
            values[info.name] = result
    origin = Origin(file, node.line, lines, path)
    rec = None if len(problems) > before else cls(origin=origin, **values)
    if views is not None:
        views.append(rec or SimpleNamespace(origin=origin, **{f.name: values.get(f.name, () if f.type is list else None)
                                                             for f in declared.values()}))
    return rec


def _value(info: FieldInfo, node, file, path, problems, lines):
    if info.type is list:
        return _list(info, node, file, path, problems, lines)
    return _single(info.type, info.spec, node, file, path, problems)


def _single(kind, spec: Spec, node, file, path, problems):
    if kind is str:
        return _text(spec, node, file, path, problems)
    if kind is int:
        return _number(spec, node, file, path, problems)
    return build(kind, node, file, path, problems)


def _list(info: FieldInfo, node, file, path, problems, lines):
    spec = info.spec
    if not isinstance(node, Sequence):
        problems.add(file, node.line, path,
                     f"expected a list ({spec.help}) but found {kind_of(node)}. "
                     f"Write each item on its own line starting with '- '. For example: {example_of(info)}")
        return None
    if len(node.items) < spec.min_items:
        problems.add(file, node.line, path,
                     message("too_few", minimum=spec.min_items, items="items" if spec.min_items > 1 else "item",
                             help=spec.help, found=len(node.items), example=example_of(info)))
    if spec.max_items is not None and len(node.items) > spec.max_items:
        problems.add(file, node.line, path,
                     message("too_many", found=len(node.items), maximum=spec.max_items, example=example_of(info)))
    item_spec = item_spec_of(spec)
    out, seen = [], {}
    for index, item in enumerate(node.items):
        item_path = f"{path}[{index + 1}]"
        lines[f"{info.name}[{index}]"] = item.line
        value = _single(info.item_type, item_spec, item, file, item_path, problems)
        if value is None:
            continue
        if spec.unique and isinstance(value, (str, int)):
            if value in seen:
                problems.add(file, item.line, item_path,
                             message("repeated", first=seen[value], value=repr(shorten(str(value))),
                                     example=example_of(info)))
            seen.setdefault(value, index + 1)
        out.append(value)
    return tuple(out)


def item_spec_of(spec: Spec) -> Spec:
    """The rules on each item of a list, with an example its messages can quote."""
    item_spec = spec.item or spec
    if item_spec.example is None and isinstance(spec.example, list) and spec.example:
        item_spec = dataclasses.replace(item_spec, example=spec.example[0])
    return item_spec


def _text(spec: Spec, node, file, path, problems):
    if not isinstance(node, Scalar):
        problems.add(file, node.line, path,
                     f"expected text ({spec.help}) but found {kind_of(node)}. {for_example(path, spec)}")
        return None
    if node.plain and NOT_TEXT.match(node.value):
        problems.add(file, node.line, path,
                     f"expected text but found the value {node.value}; put it in double quotes, for example: "
                     f"{_leaf(path)}: \"{node.value}\"")
        return None
    value = node.value.strip()
    if not value:
        problems.add(file, node.line, path, message("empty", help=spec.help, for_example=for_example(path, spec)))
        return None
    # The length first: no other rule reads a text longer than its field allows.
    if spec.max_length and len(value) > spec.max_length:
        problems.add(file, node.line, path, message("too_long", length=count(len(value)), limit=count(spec.max_length),
                                                    for_example=for_example(path, spec)))
        return None
    refused = character_problem(value, spec, path)
    if refused:
        problems.add(file, node.line, path, refused)
        return None
    ok = True
    if spec.choices and value not in spec.choices:
        problems.add(file, node.line, path, _bad_choice(value, spec, path))
        return None
    if spec.pattern and not re.match(spec.pattern, value):
        problems.add(file, node.line, path,
                     message("pattern", value=repr(shorten(value)), pattern_help=spec.pattern_help,
                             for_example=for_example(path, spec)))
        ok = False
    for problem in _link_problems(value, spec.markdown):
        problems.add(file, node.line, path, problem)
        ok = False
    return value if ok else None


def character_problem(value: str, spec: Spec, path: str) -> str | None:
    """The message for the first character `value` may not hold in the field at `path`, else None."""
    for pattern, kind in REFUSED:
        found = pattern.search(value)
        if found:
            return message("character", kind=kind, code=f"U+{ord(found.group()):04X}", position=found.start() + 1,
                           for_example=for_example(path, spec))
    found = None if spec.markdown else ONE_LINE.search(value)
    if found:
        return message("one_line", what=ONE_LINE_WHAT[found.group()], position=found.start() + 1,
                       for_example=for_example(path, spec))
    return None


def _number(spec: Spec, node, file, path, problems):
    if not isinstance(node, Scalar) or not node.plain or not INTEGER.match(node.value):
        found = kind_of(node)
        problems.add(file, node.line, path,
                     f"expected a whole number ({spec.help}) but found {found}. {for_example(path, spec)}")
        return None
    number = int(node.value)
    if (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
        problems.add(file, node.line, path,
                     message("out_of_range", number=number, minimum=spec.minimum, maximum=spec.maximum,
                             for_example=for_example(path, spec)))
        return None
    return number


def _link_problems(value: str, markdown: bool):
    """Links that would run code or pull files into the page, and Markdown the library does not read, whatever the
    field."""
    scheme = BARE_SCHEME.search(value)
    if scheme:
        yield message("scheme", scheme=scheme.group(1).lower())
        return
    if LINK_TITLE.search(value):
        yield message("link_title")
    if ABBREVIATION.search(value):
        yield message("abbreviation")
    if REFERENCE.search(value):
        yield message("reference")
    for target in LINK.findall(value) if markdown else ():
        if target and not SAFE_LINK.match(target):
            yield message("unsafe_link", target=repr(shorten(target)))
    if markdown and "![" in value:
        yield message("image")


def _bad_choice(value: str, spec: Spec, path: str) -> str:
    options = ", ".join(str(c) for c in spec.choices)
    lowered = {str(c).lower(): c for c in spec.choices}
    guess = (lowered.get(value.lower())
             or next(iter(difflib.get_close_matches(value, [str(c) for c in spec.choices], n=1, cutoff=0.6)), None))
    hint = f" did you mean {guess!r}?" if guess else ""
    example = _yaml(path, guess if guess else spec.example)
    return (f"{shorten(value)!r} is not a {spec.choice_noun};{hint} {'Use' if guess else 'use'} one of: {options}, for "
            f"example: {example}")


def _unknown_field(name: str, declared: dict) -> str:
    guess = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    hint = f" Did you mean {guess[0]!r}?" if guess else ""
    example = example_of(declared[guess[0] if guess else next(iter(declared))])
    return (f"is not a field this record can have.{hint} Rename it or delete the line. The fields are: "
            f"{', '.join(declared)}; "
            f"for example: {example}")


def example_of(info: FieldInfo) -> str:
    if info.spec.example is not None:
        return _yaml(info.name, info.spec.example)
    if info.item_type not in (None, str, int) or info.type not in (str, int, list):
        kind = info.item_type or info.type
        return _yaml(info.name, [_sample(kind)] if info.type is list else _sample(kind))
    return f"{info.name}: ..."


def _sample(cls) -> dict:
    """The required fields of a record, each with its example: a valid record to quote."""
    return {f.name: f.spec.example if f.spec.example is not None else [_sample(f.item_type)] if f.type is list
            else _sample(f.type)
            for f in fields_of(cls) if f.required}


def for_example(path: str, spec: Spec) -> str:
    return f"For example: {_yaml(path, spec.example)}" if spec.example is not None else ""


def _record_example(cls, path: str) -> str:
    """A record to quote where something else was written: in full inside another record, by its first lines at the
    top."""
    if path and not re.fullmatch(r"\[\d+\]", path):
        sample = _yaml("x", _sample(cls))[3:]
        return f"For example: {'- ' if path.endswith(']') else _leaf(path) + ': '}{sample}"
    first = [f for f in fields_of(cls) if f.required][:2]
    lines = " on the first line and ".join(_yaml(f.name, f.spec.example) for f in first)
    return f"For example: - {lines} on the next" if path else f"For example: {lines} on the next"


def _yaml(path: str, value) -> str:
    text = yaml.safe_dump({_leaf(path): value}, allow_unicode=True, default_flow_style=True, width=1000,
                          sort_keys=False)
    return text.strip()[1:-1]  # drop the braces of the flow mapping


def _leaf(path: str) -> str:
    return re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _record_noun(cls) -> str:
    return {"CaseStudy": "a case study", "Precondition": "a precondition", "Place": "a place",
            "Term": "a glossary term", "Evidence": "an evidence entry"}.get(cls.__name__, f"a {cls.__name__.lower()}")
