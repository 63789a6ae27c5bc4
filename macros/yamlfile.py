"""Read one YAML file into nodes that remember their line, refusing what could hurt the build.

PyYAML's own composer is not used: its C version recurses and crashes the
interpreter on deeply nested input, and both versions silently keep the last
of two duplicate keys. Instead the events of libyaml's (iterative) parser are
assembled here, with a depth limit, no aliases (so no "billion laughs"), and
duplicate keys reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problems
from .schema import CaseStudy
from .spec import fields_of

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
# The most a case study's context may hold: the example a message about a file too large gives.
CONTEXT_LIMIT = next(f.spec.max_length for f in fields_of(CaseStudy) if f.name == "context")
NULLS = {"", "~", "null", "Null", "NULL"}
INTEGER = re.compile(r"^[-+]?[0-9]+$")
# Examples the syntax messages end with: every message shows something that works.
TEMPLATE_EXAMPLE = "copy data/templates/case-study.yaml, which starts with the line id: case-study"
TEXT_EXAMPLE = 'for example: summary: "Partners met every week."'
INDENT_EXAMPLE = "for example: 'evidence:', then '  - precondition: E', then '    status: present'"
NO_ALIASES = ("anchors and aliases (& and *) are not allowed here: write the value out in full, for example: themes: "
              "[housing, health]")


@dataclass
class Scalar:
    value: str
    line: int
    plain: bool  # written without quotes or block indicators

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULLS


@dataclass
class Sequence:
    items: list
    line: int


@dataclass
class Mapping:
    items: list = field(default_factory=list)  # (key Scalar, value node) pairs, in file order
    line: int = 1


Node = Scalar | Sequence | Mapping


def kind_of(node) -> str:
    """The kind of a node in the words an error message uses."""
    if isinstance(node, Mapping):
        return "a set of fields (a mapping)"
    if isinstance(node, Sequence):
        return "a list"
    if node.is_null:
        return "nothing"
    return f"the text {shorten(node.value)!r}"


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read(path: Path, name: str, problems: Problems) -> Node | None:
    """The document in `path` as nodes, or None after adding to `problems`.

    `name` is how the file is named in messages (its path from the project root).
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.add(name, 1, "(file)",
                     f"cannot be read: {error.strerror}. Check the name and that you may open it, for example: ls -l "
                     f"{name}")
        return None
    if len(raw) > MAX_BYTES:
        problems.add(
            name, 1, "(file)",
            f"is {len(raw) // 1024:,} KB; a data file must be under {MAX_BYTES // 1024} KB. "
            "Shorten the text or split a long case study into two, for example: keep context under "
            f"{CONTEXT_LIMIT:,} characters.",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            name, line, "(encoding)",
            f"byte 0x{raw[error.start]:02x} is not UTF-8. Save the file as UTF-8 "
            "(in most editors: 'Save with encoding' > UTF-8), or retype the character, for example: Café.",
        )
        return None
    if not text.strip():
        problems.add(name, 1, "(file)",
                     f"is empty. Start from the template in data/templates/, for example: {TEMPLATE_EXAMPLE}")
        return None
    return _compose(text, name, problems)


def _compose(text: str, name: str, problems: Problems) -> Node | None:
    stack: list = []
    pending_key: list = []  # per open mapping: the key waiting for its value, or None
    root = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.add(name, line, "(yaml)",
                                 "holds more than one YAML document; remove the second '---' and what follows it, or "
                                 "move it to its own file, "
                                 "for example: one case study per file, in data/case_studies/<id>.yaml.")
                    return None
                continue
            if isinstance(event, yaml.AliasEvent):
                problems.add(name, line, "(yaml)", f"uses the alias '*{event.anchor}'. {NO_ALIASES.capitalize()}")
                return None
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                problems.add(name, line, "(yaml)",
                             f"uses the tag {tag!r}. Tags are not allowed: remove it and write the value as plain "
                             f"text, {TEXT_EXAMPLE}")
                return None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    problems.add(name, line, "(yaml)",
                                 f"is nested more than {MAX_DEPTH} levels deep. Check the indentation: no field of a "
                                 "case study is that deep. "
                                         f"Indent by two spaces a level, {INDENT_EXAMPLE}")
                    return None
                node = Mapping(line=line) if isinstance(event, yaml.MappingStartEvent) else Sequence([], line)
                _attach(node, stack, pending_key, name, problems)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                pending_key.pop()
                if not stack:
                    root = done
            elif isinstance(event, yaml.ScalarEvent):
                # libyaml gives "" for plain, PyYAML None
                node = Scalar(event.value, line, plain=not event.style and event.implicit[0])
                if not stack:
                    root = node
                else:
                    _attach(node, stack, pending_key, name, problems)
    except yaml.YAMLError as error:
        problems.add(name, *_describe_syntax_error(error, text))
        return None
    if root is None:
        problems.add(name, 1, "(file)",
                     "is empty: it holds only comments. Start from the template in data/templates/, for example: "
                     f"{TEMPLATE_EXAMPLE}")
    return root


def _attach(node, stack, pending_key, name, problems) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    key = pending_key[-1]
    if key is None:
        if not isinstance(node, Scalar):
            problems.add(name, node.line, "(yaml)",
                         "a field name must be a single word, not a list or mapping. Check the indentation of this "
                         "line, "
                                                 "for example: status: present")
            node = Scalar("?", node.line, plain=True)
        pending_key[-1] = node
        return
    pending_key[-1] = None
    parent.items.append((key, node))


def _describe_syntax_error(error: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    """Line, field and a plain-English message for a YAML syntax error."""
    if isinstance(error, yaml.reader.ReaderError):  # a control character; it has a position, not a line
        line = text.count("\n", 0, error.position) + 1
        return line, "(yaml)", (f"holds the control character #x{error.character:04x}, which YAML does not allow (it "
                                "is often "
                                f"pasted in unseen). Delete it or retype the text around it, {TEXT_EXAMPLE}")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    problem = " ".join((getattr(error, "problem", None) or str(error)).split())
    context = getattr(error, "context", None) or ""
    if "escape" in problem:  # \ud800: half of a character, which no text can hold
        return line, "(yaml)", (f"holds an escape ({problem}) for something that is not a whole character, such as "
                                "\\ud800. "
                                f"Delete the escape, or write the character itself, {TEXT_EXAMPLE}")
    if "quoted scalar" in context and getattr(error, "context_mark", None):
        return (error.context_mark.line + 1, "(yaml)",
                "the quote that opens this value is never closed. Add the closing quote at the end of the text, "
                f"{TEXT_EXAMPLE}")
    lines = text.splitlines()
    source = lines[mark.line] if mark and mark.line < len(lines) else ""
    indent = source[: len(source) - len(source.lstrip())]
    if "\t" in problem or "'\\t'" in problem or source.startswith("\t") or "\t" in indent:
        return (line, "(yaml)",
                "a tab character is used for indentation. YAML needs spaces: replace each tab with two spaces, "
                f"{INDENT_EXAMPLE}")
    if "mapping values are not allowed" in problem and mark and source.find(": ") == mark.column:
        return line, "(yaml)", ("this line is indented differently from the field above it. Fields of the same "
                                f"item must start in the same column, using spaces, {INDENT_EXAMPLE}")
    if "mapping values are not allowed" in problem:
        return line, "(yaml)", ("a colon followed by a space is read as a new field. "
                                "If this is text, put the whole value in double quotes, for example: "
                                'finding: "Partners said: it worked."')
    if "could not find expected ':'" in problem or "could not find expected" in problem:
        return line, "(yaml)", ("the indentation or a quote is off near here. "
                                "Each field needs 'name: value', list items start with '- ', and quotes must be "
                                "closed, "
                                f"{INDENT_EXAMPLE}")
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return line, "(yaml)", NO_ALIASES
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return line, "(yaml)", ("this line's indentation does not match the lines around it. "
                                f"Fields of the same item must line up exactly, using spaces, {INDENT_EXAMPLE}")
    if "found character" in problem and "cannot start any token" in problem:
        return line, "(yaml)", f"{problem}. If this is text, put the whole value in double quotes, {TEXT_EXAMPLE}"
    return (line, "(yaml)",
            f"is not valid YAML here ({problem}). Compare the lines with the template in data/templates/, "
            f"{INDENT_EXAMPLE}")


def scalars(node, path: str = ""):
    """(field path, line, text) for every value in `node`, valid or not, so checks on text see all of it."""
    if isinstance(node, Scalar):
        yield path, node.line, node.value
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from scalars(item, f"{path}[{i + 1}]")
    elif isinstance(node, Mapping):
        for key, value in node.items:
            yield from scalars(value, f"{path}.{key.value}" if path else key.value)


def value_of(node, name: str):
    """The node under field `name` of a mapping, or None."""
    if isinstance(node, Mapping):
        return next((v for k, v in node.items if k.value == name), None)
    return None
