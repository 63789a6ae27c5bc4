"""A case study written as YAML: the file `from-issue` writes, and the one YAML scalar writer of the library.

The YAML is written by a few plain rules rather than by a YAML library, so the contribution studio
(docs/assets/javascripts/studio-yaml.js) writes exactly the same file from the same answers; the twins' corpus
holds the two to the same text (macros/twins.py). Text is written plain when it starts with a letter and nothing
in it means something to YAML, in a folded block ('>-', wrapped to read well) when it is long, and otherwise
double-quoted with escapes. Every way reads back as exactly the text. `new-case-study` (scaffold.py) quotes the
values it fills into the template with the same `scalar`.
"""

from __future__ import annotations

import re

from .schema import SHORT_TITLES, CaseStudy
from .spec import fields_of

ORDER = [f.name for f in fields_of(CaseStudy)]
# The keys of an evidence entry and of a source, in the order the file gives them.
EVIDENCE_KEYS = ("status", "basis")
SOURCE_KEYS = ("title", "publisher", "year", "url", "pages")
SHORT_LINE = 80  # longer text goes in a block on the lines below its field name
WRAP = 92
HEADER = (
    "# Written by 'python -m macros from-issue' from a case study issue form.",
    "# It is a draft: an editor checks it against the review criteria (docs/contribute/review.md),",
    "# adds source pages where they help, and then publishes it.",
)
EVIDENCE_NOTES = (
    "  # Add 'pages: [12]' under a finding that comes from particular pages of a source.",
    "  # basis: reported, as the contributor's own account; an editor changes it to editorial if it is a reading.",
)
# What YAML 1.1 reads as true, false or nothing when written plain.
YAML_WORDS = {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
              "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"}
# A character YAML takes as it is: printable, and not a line break, a tab or a byte-order mark.
VISIBLE = r"\x21-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
PRINTABLE = r"\x20" + VISIBLE
PLAIN = re.compile(f"[A-Za-z][{PRINTABLE}]*")
FLOW_PLAIN = re.compile("[A-Za-z][A-Za-z0-9 ]*")  # inside [ ]: words only, as themes are
# What a plain scalar may not end with, nor hold: YAML would read a key, a comment or a value of its own.
PLAIN_NOT_AT_END = (" ", ":")
PLAIN_NOT_INSIDE = (": ", " #")
# A line of a folded block: printable, neither starting nor ending with a space, no two spaces together.
PLAIN_LINE = re.compile(f"[{VISIBLE}]+(?: [{VISIBLE}]+)*")
PRINTABLE_CHAR = re.compile(f"[{PRINTABLE}]")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def to_yaml(values: dict, case_id: str, schema_path: str) -> str:
    """The case study as YAML, in schema order, with a few comments for the editor who reviews it.

    Nothing of the issue file's name is written: the output depends on the answers alone.
    """
    values = {"id": case_id, **values}
    out = [f"# yaml-language-server: $schema={schema_path}", *HEADER]
    for name in ORDER:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, list) and not value:
            out.append(f"{name}: []")  # an empty list, not nothing: the checks then say how many it needs
        elif name == "evidence":
            out.append("evidence:")
            out.extend(EVIDENCE_NOTES)
            for entry in value:
                out.append(f"  # {entry['precondition']}. {SHORT_TITLES[entry['precondition']]}")
                out.append(f"  - precondition: {entry['precondition']}")
                out.extend(f"    {key}: {entry[key]}" for key in EVIDENCE_KEYS if key in entry)
                if "finding" in entry:
                    out.extend(_field("finding", entry["finding"], "    "))
        elif name == "sources":
            out.append("sources:")
            for entry in value:
                written = [key for key in SOURCE_KEYS if key in entry]
                out.extend(f"  {'  ' if i else '- '}{key}: {_source_value(key, entry[key])}"
                           for i, key in enumerate(written))
        elif isinstance(value, list):
            if name == "themes":
                out.append("themes: " + flow_list(value))
            else:
                out.append(f"{name}:")
                for item in value:
                    out.extend(_field("-", item, "  "))
        else:
            out.extend(_field(name, value, ""))
    return "\n".join(out) + "\n"


def _source_value(key: str, value) -> str:
    if key == "year":
        return str(value)
    if key == "pages":
        return "[" + ", ".join(map(str, value)) + "]"
    return scalar(value)


def scalar(value: str, flow: bool = False) -> str:
    """`value` on one line: plain where YAML would read it back unchanged, else double-quoted."""
    plain = ((FLOW_PLAIN if flow else PLAIN).fullmatch(value) and not value.endswith(PLAIN_NOT_AT_END)
             and not any(part in value for part in PLAIN_NOT_INSIDE) and value not in YAML_WORDS)
    return value if plain else _quoted(value)


def flow_list(values) -> str:
    """A list of words on one line: [housing, care leavers]."""
    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"


def _quoted(value: str) -> str:
    out = []
    for c in value:
        if c in ESCAPES:
            out.append(ESCAPES[c])
        elif PRINTABLE_CHAR.fullmatch(c):
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def _field(name: str, value: str, indent: str) -> list[str]:
    """'name: value', or for a list item '- value', with long text in a folded block below."""
    lead = f"{indent}- " if name == "-" else f"{indent}{name}: "
    block = None if "\n" not in value and len(value) <= SHORT_LINE else _block(value, indent + "  ")
    if block is None:
        return [lead + scalar(value)]
    return [lead + ">-", *block]


def _block(value: str, indent: str) -> list[str] | None:
    """The lines of a folded block ('>-') holding `value`, wrapped at spaces, or None if a folded block cannot hold it
    exactly.

    In a folded block a single line break reads as a space, so each line break in the text becomes a
    blank line. It holds text whose every line starts and ends with a character that is not a space,
    has no two spaces together and nothing but printable characters.
    """
    lines: list[str] = []
    for number, line in enumerate(value.split("\n")):
        if number:
            lines.append("")
        if not line and 0 < number < value.count("\n"):
            continue  # an empty line between two others: the blank lines around it say so
        if not PLAIN_LINE.fullmatch(line):
            return None
        current = indent
        for word in line.split(" "):
            if current != indent and len(current) + 1 + len(word) > WRAP:
                lines.append(current)
                current = indent
            current += word if current == indent else " " + word
        lines.append(current)
    return lines
