"""What the contribution studio (docs/contribute/studio.md) needs, written at build time from the schema and the data.

The studio checks a case study in the browser as `python -m macros validate` and `from-issue` would, and
writes the same file. It holds no rule of its own: the fields and their help, examples, limits, patterns
and message templates, the form's questions and options, the renderer's patterns and the preconditions
come from here, taken from macros/schema.py and the modules that apply it. Tests run the studio's
scripts and the Python on the same inputs and compare what they say.

Patterns are handed over as JavaScript regular expressions translated from Python's (`js_pattern`), so
they match the same text: Python reads \\w, \\d, \\s and \\b by Unicode, and JavaScript only by ASCII
unless told otherwise.
"""

from __future__ import annotations

import json
import re

from . import (
    case_yaml,
    crosschecks,
    form_reader,
    issue_form,
    personal_data,
    safe_markdown,
    scaffold,
    slugs,
    source_answer,
    studio_words,
    validate,
)
from .library import Library
from .pages import glossary_map
from .schema import (
    GROUP_MEANINGS,
    GROUPS,
    LETTERS,
    ONE_LINE_REFUSED,
    PAGE,
    REFUSED_CHARACTERS,
    SHORT_TITLES,
    STATUS_MEANINGS,
    STATUSES,
    CaseStudy,
    Source,
)
from .spec import fields_of

SCRIPT = "assets/javascripts/studio-data.js"  # where the build writes it, beside the studio's own scripts

# Python's \w, \s and \b for text, in JavaScript (with the u flag). \w: letters, digits and the underscore in
# any script (str.isalnum); \s: str.isspace.
WORD = r"\p{L}\p{N}_"
SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
BOUNDARY = f"(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))"
ESCAPES_IN = {"w": WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": SPACE}  # inside a character class
ESCAPES_OUT = {"w": f"[{WORD}]", "W": f"[^{WORD}]", "d": r"\p{Nd}", "D": r"\P{Nd}", "s": f"[{SPACE}]",
               "S": f"[^{SPACE}]",
               "b": BOUNDARY, "A": r"(?<![\s\S])", "Z": r"(?![\s\S])"}
KEPT = set("ntrfvxu")  # escapes JavaScript reads as Python does


class PatternError(ValueError):
    """A Python pattern uses something the translation does not handle; the build stops rather than guess."""


class JsPattern(dict):
    """{"source", "flags"} of a JavaScript RegExp, written into the data as a plain object, that remembers the
    Python pattern it was translated from (`python`): the twins' corpus (macros/twins.py) runs both on the same text."""

    def __init__(self, source: str, flags: str, python: re.Pattern):
        super().__init__(source=source, flags=flags)
        self.python = python


def js_pattern(pattern: re.Pattern | str, flags: int = 0) -> JsPattern:
    """{"source", "flags"} of a JavaScript RegExp that matches what `pattern` matches in Python.

    Handles what the library's patterns use: classes, groups (named ones become (?<name>)), look-arounds,
    inline flag groups, leading global flags, and the escapes above. Anything else raises PatternError.
    """
    python = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
    source, flags = python.pattern, python.flags
    lead = re.match(r"\(\?([aiLmsux]+)\)", source)
    if lead:
        source = source[lead.end():]
        flags |= sum({"i": re.I, "m": re.M, "s": re.S}.get(c, 0) for c in lead.group(1))
    multiline, dotall = bool(flags & re.M), bool(flags & re.S)
    out, i, in_class, class_start = [], 0, False, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            kind = source[i + 1]
            if kind == "U":
                out.append(f"\\u{{{int(source[i + 2:i + 10], 16):x}}}")
                i += 10
                continue
            if kind in KEPT:
                out.append(c + kind)
            elif in_class and kind in ESCAPES_IN:
                out.append(ESCAPES_IN[kind])
            elif not in_class and kind in ESCAPES_OUT:
                out.append(ESCAPES_OUT[kind])
            elif kind.isalnum():
                raise PatternError(f"\\{kind} in {source!r}")
            else:
                out.append(f"\\x{ord(kind):02x}" if ord(kind) < 0x80 else kind)  # an escaped symbol is itself
            i += 2
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            class_start = i + 1 + (source[i + 1] == "^")  # a ']' first in a class is itself
            out.append(c)
        elif source.startswith("(?P<", i):
            out.append("(?<")
            i += 4
            continue
        elif source.startswith("(?P", i):
            raise PatternError(f"(?P in {source!r}")
        elif c == ".":
            out.append(r"[\s\S]" if dotall else r"[^\n]")
        elif c == "^":
            out.append(r"(?:(?<![\s\S])|(?<=\n))" if multiline else "^")  # the start of the text, or of a line
        elif c == "$":
            out.append(r"(?=\n|(?![\s\S]))" if multiline else r"(?=\n?(?![\s\S]))")
        else:
            out.append(c)
        i += 1
    return JsPattern("".join(out), "u" + ("i" if flags & re.I else ""), python)


def _field(info, path: str) -> dict:
    """One field's rules, with the example strings its messages quote already written out."""
    spec = info.spec
    rule = {"name": info.name, "required": info.required, "help": spec.help, "example": validate.example_of(info),
            "for_example": validate.for_example(path, spec), "plain": studio_words.plain(spec.example),
            "say_help": studio_words.HELP.get(info.name, spec.help)}
    for key in ("max_length", "min_items", "max_items", "unique", "minimum", "maximum", "markdown", "pattern_help"):
        rule[key] = getattr(spec, key)
    if spec.pattern:
        rule["pattern"] = js_pattern(spec.pattern)
    if info.type is list:
        rule["type"] = "list"
        item_spec = validate.item_spec_of(spec)
        if info.item_type in (str, int):
            item = {"type": "text" if info.item_type is str else "number", "help": item_spec.help,
                    "for_example": validate.for_example(path + "[1]", item_spec),
                    "plain": studio_words.plain(item_spec.example),
                    "say_help": item_spec.help}
            for key in ("max_length", "minimum", "maximum", "markdown", "pattern_help"):
                item[key] = getattr(item_spec, key)
            if item_spec.pattern:
                item["pattern"] = js_pattern(item_spec.pattern)
            rule["item"] = item
        else:
            rule["item"] = {"type": "record", "fields": [_field(f, f.name) for f in fields_of(info.item_type)]}
    elif info.type in (str, int):
        rule["type"] = "text" if info.type is str else "number"
    else:
        rule["type"] = "record"
        rule["fields"] = [_field(f, f.name) for f in fields_of(info.type)]
    return rule


def _form() -> dict:
    """The issue form as from-issue reads it: labels, options, what is required, and what it says about an empty
    answer."""
    return {
        "labels": issue_form.LABELS,
        "order": list(issue_form.FORM_ORDER),
        "ids": {key: issue_form.form_id(key) for key in issue_form.FORM_ORDER},
        "messages": issue_form.FORM_MESSAGES,
        "not_shown": issue_form.NOT_SHOWN,
        "no_evidence_field": issue_form.NO_EVIDENCE_FIELD,
        "field_of": issue_form.FORM_FIELD_OF,  # the question behind each case-study field
        "required": list(issue_form.REQUIRED),
        "text_fields": list(issue_form.TEXT_FIELDS),
        "list_fields": list(issue_form.LIST_FIELDS),
        "status_options": issue_form.STATUS_OPTIONS,
        "licence_options": issue_form.LICENCE_OPTIONS,
        "consent": list(issue_form.CONSENT),
        "no_response": issue_form.NO_RESPONSE,
        "empty": {key: issue_form.empty_answer(key) for key in issue_form.REQUIRED},
        "finding_example": issue_form.example_for("finding"),
        "evidence_basis": issue_form.EVIDENCE_BASIS,  # what the form's findings are: the contributor's own account
        "default_licence": issue_form.DEFAULT_LICENCE, "maturity": issue_form.MATURITY,
        "source_trim": form_reader.SOURCE_TRIM,
        "patterns": {**{name: js_pattern(getattr(form_reader, name)) for name in ("BULLET", "URL", "YEAR", "HEADING")},
                     "PRECONDITION_LABEL": js_pattern(issue_form.PRECONDITION_LABEL)},
        "template": issue_form.TEMPLATE, "issue_title": issue_form.ISSUE_TITLE,
        "themes": {"separator": js_pattern(scaffold.THEME_SEPARATOR), "joiner": js_pattern(scaffold.THEME_JOINER),
                   "ampersand": scaffold.THEME_AMPERSAND, "trim": scaffold.THEME_TRIM},
    }


def _yaml() -> dict:
    """What from-issue's YAML writer needs to write the same file (case_yaml.to_yaml)."""
    return {
        "order": case_yaml.ORDER, "header": list(case_yaml.HEADER), "evidence_notes": list(case_yaml.EVIDENCE_NOTES),
        "short_line": case_yaml.SHORT_LINE, "wrap": case_yaml.WRAP, "words": sorted(case_yaml.YAML_WORDS),
        "plain": js_pattern(case_yaml.PLAIN), "flow_plain": js_pattern(case_yaml.FLOW_PLAIN),
        "plain_line": js_pattern(case_yaml.PLAIN_LINE), "printable": js_pattern(case_yaml.PRINTABLE_CHAR),
        "schema": "../../schema/case-study.schema.json", "preconditions": SHORT_TITLES,
        "evidence_keys": list(case_yaml.EVIDENCE_KEYS), "source_keys": list(case_yaml.SOURCE_KEYS),
        "plain_not_at_end": list(case_yaml.PLAIN_NOT_AT_END), "plain_not_inside": list(case_yaml.PLAIN_NOT_INSIDE),
        "escapes": case_yaml.ESCAPES,
    }


def _ids(lib: Library) -> dict:
    """Every id and former id a case study already has: a new one must not take one. The studio names the
    address, never the file, so the page carries the ids alone."""
    return {"taken": sorted(name for c in lib.case_studies for name in (c.id, *c.redirect_from))}


def _preconditions(lib: Library) -> list[dict]:
    return [{
        "id": p.id, "title": p.title, "short_title": p.short_title, "group": p.group, "summary": p.summary,
        "looks_like": list(p.looks_like), "signs_of_absence": list(p.signs_of_absence),
        "tell_apart": [{"precondition": other, "question": question, "here": here, "there": there, "pages": list(pages)}
                       for other, question, here, there, pages in lib.tell_apart[p.id]],
    } for p in lib.preconditions]


def data(lib: Library) -> dict:
    renderer = safe_markdown.TextRenderer(glossary_map(lib))
    return {
        "letters": list(LETTERS),
        "space": SPACE,  # Python's white space (str.isspace), for its strip() and split()
        "groups": [{"group": g, "meaning": GROUP_MEANINGS[g],
                    "letters": [p.id for p in lib.preconditions if p.group == g]} for g in GROUPS],
        "statuses": [{"status": s, "meaning": STATUS_MEANINGS[s][0], "example": STATUS_MEANINGS[s][1]}
                     for s in STATUSES],
        "case_study": [_field(f, f.name) for f in fields_of(CaseStudy)],
        "messages": {**validate.MESSAGES, **crosschecks.MESSAGES, "personal_data": personal_data.MESSAGE,
                     "personal_data_more": personal_data.MORE},
        "characters": {"refused": [{"kind": kind, "pattern": js_pattern(pattern)}
                                   for pattern, kind in REFUSED_CHARACTERS],
                       "one_line": js_pattern(ONE_LINE_REFUSED), "one_line_what": validate.ONE_LINE_WHAT},
        "links": {name: js_pattern(getattr(validate, name))
                  for name in ("LINK", "BARE_SCHEME", "SAFE_LINK", "LINK_TITLE", "ABBREVIATION", "REFERENCE")},
        "personal_data": {
            "patterns": [{"kind": kind, "pattern": js_pattern(pattern)} for kind, pattern in personal_data.PATTERNS],
            "nhs": js_pattern(personal_data.NHS_NUMBER),
            "email_local": js_pattern(personal_data.EMAIL_LOCAL),
            "email_domain": js_pattern(personal_data.EMAIL_DOMAIN),
            "email_kind": personal_data.EMAIL, "nhs_kind": personal_data.NHS,
        },
        "renderer": {
            "glossary": renderer.glossary,
            "terms": js_pattern(renderer._terms) if renderer._terms else None, "tags": safe_markdown.TAGS,
            "patterns": {name: js_pattern(getattr(safe_markdown, name))
                         for name in ("SAFE_HREF", "PARAGRAPH_BREAK", "LIST_ITEM", "INLINE")},
        },
        "form": _form(),
        "questions": questions(),
        "sources": _sources(),
        "say": studio_words.SAY,  # the checks' messages, worded for the studio
        "say_form": studio_words.FORM_KEYS,
        "yaml": _yaml(),
        "ids": _ids(lib),
        "id": {"edge_words": sorted(scaffold.EDGE_WORDS), "max": scaffold.MAX_ID,
               "reserved": sorted(scaffold.RESERVED_IDS), "reserved_suffix": scaffold.RESERVED_SUFFIX,
               "letters_apart": {chr(k): v for k, v in slugs.LETTERS_APART.items()},
               "not_slug": js_pattern(slugs.NOT_SLUG), "ampersand": slugs.AMPERSAND},
        "places": [{"name": p.name, "slug": p.slug, "listed": p.name in {q.name for q in lib.places}}
                   for p in lib.all_places],
        "preconditions": _preconditions(lib),
    }


# The boxes of one source in the studio, in the order a person fills them in; publisher and web address only
# for a published source.
SOURCE_ORDER = ("title", "publisher", "year", "pages", "url")
PUBLISHED_ONLY = ("publisher", "url")
PAGES_FORMAT = "Numbers, and ranges with a hyphen, separated by commas."


def source_fields() -> list[dict]:
    """Each box of a source as the studio asks it: the schema's Source field, its help and example, and its label in the
    issue."""
    labels = source_answer.LABELS
    out = []
    for name in SOURCE_ORDER:
        info = next(f for f in fields_of(Source) if f.name == name)
        spec = info.spec
        hint = spec.help[:1].upper() + spec.help[1:] + "." + (" " + PAGES_FORMAT if name == "pages" else "")
        out.append({"name": name, "label": labels[name],
                    "hint": f"{hint} For example: {studio_words.plain(spec.example)}",
                    "limit": spec.max_length, "published_only": name in PUBLISHED_ONLY,
                    "numeric": name in ("year", "pages")})
    return out


def _sources() -> dict:
    """What the studio needs to write the Sources answer and read it back as from-issue does (source_answer.py)."""
    return {
        "labels": list(source_answer.LABELS.items()),
        "patterns": {name: js_pattern(getattr(source_answer, name))
                     for name in ("LABELLED", "YEAR", "PAGE_NUMBER", "PAGE_RANGE", "PAGES_PREFIX")},
        "page_maximum": PAGE.maximum,
        "fields": source_fields(),
    }


def questions() -> dict:
    """The form's questions as the studio asks them: key -> label, hint (the schema's help and example), limit,
    format."""
    out = {}
    for key in issue_form.FORM_ORDER:
        label = issue_form.LABELS[key]
        if key.startswith("status-"):
            out[key] = {"key": key, "label": label}
            continue
        info = issue_form.schema_field(key)
        help_text = issue_form.help_for(key)
        limit = None
        if info is not None:
            limit = info.spec.max_length or (info.spec.item.max_length if info.spec.item else None)
        structured = key == "sources"  # asked as boxes of their own (source_fields), not as the issue's lines
        out[key] = {
            "key": key, "label": label, "id": "studio-" + key,
            "hint": help_text[:1].upper() + help_text[1:] + "." + ("" if structured else issue_form.example_for(key)),
            "help": help_text[:1].upper() + help_text[1:] + ".", "example": issue_form.example_for(key),
            "format": "" if structured else issue_form.ANSWER_FORMAT.get(key, ""), "limit": limit,
            "lines": key in issue_form.LIST_FIELDS or key in ("themes", "sources"),
        }
    return out


def page() -> dict:
    """What the studio's form template (overrides/library/studio-form.md) needs besides the library."""
    return {"questions": questions(), "licence_options": list(issue_form.LICENCE_OPTIONS),
            "consent": issue_form.CONSENT,
            "source_fields": source_fields(), "group_meanings": GROUP_MEANINGS, "status_meanings": STATUS_MEANINGS}


def script(lib: Library) -> str:
    """The data as a script that sets window.LIBRARY_STUDIO (a script, not JSON: pages opened from file:// cannot
    fetch)."""
    text = json.dumps(data(lib), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return "window.LIBRARY_STUDIO = " + text.replace("<", "\\u003c") + ";\n"
