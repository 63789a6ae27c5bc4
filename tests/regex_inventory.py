"""Every regular expression the library can run over contributed text or an issue body, found by reading the code.

Python: every compiled pattern held by a module of macros/, tools/ and hooks/ (its globals, and tuples,
lists and dicts of them), every pattern written as a literal in a call of the `re` module anywhere in
those files (found in their syntax trees), the patterns the schema gives its fields, and the few built
at run time from data (the glossary's terms, a template's field names), which DYNAMIC makes from the real
library. A call of `re` with a pattern that is none of these fails `unaccounted()`: a new kind of pattern
cannot slip past the timing tests unnoticed.

JavaScript: every {source, flags} the build hands the studio (macros/studio.py, Python's patterns
translated), every regular-expression literal in docs/assets/javascripts/*.js (found by a small lexer
that knows strings and comments), and the few built with `new RegExp` from the studio's data; a
`new RegExp` that is none of these fails `unaccounted()` too.

`shapes()` writes, for a pattern, the texts it is weakest against: for each repetition in it, what leads
up to the repetition, then a long run of what the repetition takes, then a character that ends the
attempt. That is the shape of every slow pattern found so far (a run of spaces after '](' for the
link-title rule, after '### x' for from-issue's headings).
"""

from __future__ import annotations

import ast
import importlib
import re
import re._constants as C
import re._parser as sre_parse
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY_FOLDERS = ("macros", "tools", "hooks")
JS_FOLDER = ROOT / "docs" / "assets" / "javascripts"
RE_FUNCTIONS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


@dataclass(frozen=True)
class Pattern:
    where: str  # "macros/validate.py LINK_TITLE", "studio data links.LINK_TITLE", "reflection-file.js:312"
    source: str
    flags: int | str  # Python's re flags, or JavaScript's flag letters
    # the Python pattern (for a JavaScript one: the Python pattern it was translated from)
    python: re.Pattern | None = None

    @property
    def language(self) -> str:
        return "js" if isinstance(self.flags, str) else "python"


# --- Python -----------------------------------------------------------------------------------

def _module(path: Path):
    """The module of a file of the project, imported by its dotted name from the project's folder (macros is a
    package; tools and hooks are folders of scripts, which Python imports as namespace packages)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def _py_files() -> list[Path]:
    return sorted(p for folder in PY_FOLDERS for p in (ROOT / folder).rglob("*.py") if p.name != "__main__.py")


def _walk(value, name: str, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield name, value
    elif depth < 3 and isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{name}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{name}[{key!r}]", depth + 1)


def _library():
    from macros import library
    return library.load(ROOT)


def _glossary():
    from macros.pages import glossary_map
    return glossary_map(_library())


def _schema_patterns() -> list[tuple[str, str]]:
    """(field path, pattern) of every field of every record the schema declares."""
    from macros.schema import FILES
    from macros.spec import fields_of
    out, seen = [], set()

    def walk(cls, prefix):
        if cls in seen:
            return
        seen.add(cls)
        for info in fields_of(cls):
            for spec, suffix in ((info.spec, ""), (info.spec.item, "[]")):
                if spec is not None and spec.pattern:
                    out.append((f"{prefix}{cls.__name__}.{info.name}{suffix}", spec.pattern))
            for kind in (info.type, info.item_type):
                if isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
                    walk(kind, prefix)

    for _, cls, _, _ in FILES:
        walk(cls, "")
    return out


def _dynamic_terms():
    from macros.safe_markdown import TextRenderer
    return [TextRenderer(_glossary())._terms]


def _scaffold_fields():
    from macros.schema import CaseStudy
    from macros.spec import fields_of
    return [re.compile(rf"^{f.name}:.*$", re.MULTILINE) for f in fields_of(CaseStudy)]


def _bench_tags():
    parts = _module(ROOT / "tools" / "bench" / "html_parts.py")
    return [re.compile(rf"<(/?){tag}\b", re.I) for _, _, tag in parts.PAGE_PARTS]


# Calls of `re` whose pattern is made at run time: (file, function) -> the patterns it makes, from the real data.
def _refused_characters():
    from macros.schema import ONE_LINE_REFUSED, REFUSED_CHARACTERS
    return [*REFUSED_CHARACTERS, (ONE_LINE_REFUSED, "")]


def _twin_escapes():
    from macros.twin_inputs import ESCAPES
    return ESCAPES


DYNAMIC = {
    ("macros/safe_markdown.py", "__init__"): _dynamic_terms,
    ("macros/scaffold.py", "fill"): _scaffold_fields,
    ("macros/validate.py", "_text"): lambda: [re.compile(p) for _, p in _schema_patterns()],  # spec.pattern
    ("tools/bench/html_parts.py", "element_span"): _bench_tags,
    # Python's patterns as the studio gets them: those of the modules above, and the schema's characters as text.
    ("macros/studio.py", "js_pattern"): lambda: [re.compile(p) for p, _ in _refused_characters()],
    ("macros/twins.py", "escapes"): lambda: [re.compile(e) for e in _twin_escapes()],  # the corpus's \w, \d, \s
}


class _Calls(ast.NodeVisitor):
    """Calls of re.<function>(pattern, ...): (line, enclosing function, pattern node, flags node)."""

    def __init__(self):
        self.function, self.found = None, []

    def visit_FunctionDef(self, node):
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        func = node.func
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re"
                and func.attr in RE_FUNCTIONS and node.args):
            flags = node.args[1] if func.attr == "compile" and len(node.args) > 1 else None
            flags = next((k.value for k in node.keywords if k.arg == "flags"), flags)
            self.found.append((node.lineno, self.function, node.args[0], flags))
        self.generic_visit(node)


def _flags(node) -> int:
    if node is None:
        return 0
    return int(eval(compile(ast.Expression(node), "<flags>", "eval"), {"re": re}))  # only re.X | re.Y appear here


@cache
def _python() -> tuple[list[Pattern], list[str]]:
    """(every pattern, every call of `re` whose pattern could not be accounted for)."""
    out: dict[tuple, Pattern] = {}
    missing: list[str] = []

    def add(where, pattern):
        out.setdefault((pattern.pattern, pattern.flags), Pattern(where, pattern.pattern, pattern.flags, pattern))

    for path in _py_files():
        rel = path.relative_to(ROOT).as_posix()
        module = _module(path)
        for name, value in vars(module).items():
            if getattr(value, "__module__",
                       None) not in (None, module.__name__) and not isinstance(value, (tuple, list, dict, re.Pattern)):
                continue
            for label, pattern in _walk(value, name):
                add(f"{rel} {label}", pattern)
        calls = _Calls()
        calls.visit(ast.parse(path.read_text(encoding="utf-8")))
        for line, function, arg, flags in calls.found:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                add(f"{rel}:{line}", re.compile(arg.value, _flags(flags)))
            elif isinstance(arg, ast.Name) and isinstance(getattr(module, arg.id, None), (str, re.Pattern)):
                value = getattr(module, arg.id)
                add(f"{rel}:{line} {arg.id}",
                    value if isinstance(value, re.Pattern) else re.compile(value, _flags(flags)))
            elif function is None:
                continue  # a module-level pattern: its global was walked above
            elif (rel, function) in DYNAMIC:
                for pattern in DYNAMIC[(rel, function)]():
                    if pattern is not None:
                        add(f"{rel}:{line} {function}()", pattern)
            else:
                missing.append(f"{rel}:{line}: re.{ast.unparse(arg)} in {function}(): a pattern made at run time; "
                               f"add ({rel!r}, {function!r}) to DYNAMIC in tests/regex_inventory.py with what it makes")
    for field, source in _schema_patterns():
        add(f"macros/schema.py {field}", re.compile(source))
    return list(out.values()), missing


def python_patterns() -> list[Pattern]:
    return _python()[0]


# --- JavaScript ------------------------------------------------------------------------------

# `new RegExp(` in the studio's scripts, each a known construction: (file, the text after the parenthesis).
CONSTRUCTED = {
    ("studio-python.js", "pattern.source, pattern.flags"): None,  # regex(): a pattern from the build's data
    ("studio-text.js", "pattern.source, pattern.flags"): None,
    ("studio-text.js", "INLINE);"): None,  # a copy of a pattern from the build's data
    ("studio-python.js", '"[" + data.space + "]+", "u");'): lambda space: ("[" + space + "]+", "u"),
    ("studio-text.js", '"^[" + data.space + "]$", "u");'): lambda space: ("^[" + space + "]$", "u"),
    # The ids of what a person has seen, by finding or source: "finding-4-text". Only ever read over those ids.
    ("studio-draft.js", '"^" + kind + "-(\\\\d+)-");'): lambda space: ("^finding-(\\d+)-", ""),
}
# A '/' after one of these starts a regular expression; after anything else it divides.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}
_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do"}


def js_literals(text: str) -> list[tuple[int, str, str]]:
    """(line, source, flags) of each regular-expression literal in a script: strings, template strings and comments
    skipped."""
    out, i, n, previous = [], 0, len(text), ""
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i == -1 else i
        elif text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
        elif c in "\"'`":
            j = i + 1
            while text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i, previous = j + 1, "string"
        elif c == "/" and (previous in _REGEX_AFTER or previous in _KEYWORDS_BEFORE_REGEX):
            j, in_class = i + 1, False
            while in_class or text[j] != "/":
                if text[j] == "\\":
                    j += 1
                elif text[j] == "[":
                    in_class = True
                elif text[j] == "]":
                    in_class = False
                elif text[j] == "\n":
                    raise ValueError(f"line {text.count(chr(10), 0, i) + 1}: a '/' read as a regular expression runs "
                                     "to the line's end")
                j += 1
            flags = re.match(r"[a-z]*", text[j + 1:]).group()
            out.append((text.count("\n", 0, i) + 1, text[i + 1:j], flags))
            i, previous = j + 1 + len(flags), "regex"
        elif c.isspace():
            i += 1
        elif c.isalnum() or c in "_$":
            word = re.match(r"[\w$]+", text[i:]).group()
            i, previous = i + len(word), word if word in _KEYWORDS_BEFORE_REGEX else "word"
        else:
            i, previous = i + 1, c if c not in ")]" else "close"
    return out


def _js_files() -> list[Path]:
    return sorted(p for p in JS_FOLDER.glob("*.js") if p.name != "studio-data.js")


def _studio_data() -> dict:
    from macros import studio
    return studio.data(_library())


def _data_patterns(value, name: str):
    if isinstance(value, dict) and set(value) == {"source", "flags"}:
        yield name, value["source"], value["flags"]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _data_patterns(item, f"{name}.{key}" if name else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _data_patterns(item, f"{name}[{i}]")


@cache
def _javascript() -> tuple[list[Pattern], list[str]]:
    from macros import studio
    twins = {}  # JavaScript source and flags -> the Python pattern it was translated from
    for p in python_patterns():
        try:
            js = studio.js_pattern(p.python)
        except studio.PatternError:
            continue
        twins.setdefault((js["source"], js["flags"]), p.python)
    data = _studio_data()
    out: dict[tuple, Pattern] = {}
    missing = []

    def add(where, source, flags):
        out.setdefault((source, flags), Pattern(where, source, flags, twins.get((source, flags))))

    for name, source, flags in _data_patterns(data, ""):
        add(f"studio data {name}", source, flags)
    for path in _js_files():
        text = path.read_text(encoding="utf-8")
        for line, source, flags in js_literals(text):
            add(f"{path.name}:{line}", source, flags)
        for match in re.finditer(r"new RegExp\(([^\n]*)", text):
            line = text.count("\n", 0, match.start()) + 1
            known = next((make for (file, start), make in CONSTRUCTED.items()
                          if file == path.name and match.group(1).startswith(start)), False)
            if known is False:
                missing.append(f"{path.name}:{line}: new RegExp({match.group(1)}: a pattern made at run time; "
                               f"add it to CONSTRUCTED in tests/regex_inventory.py with what it makes")
            elif known is not None:
                add(f"{path.name}:{line}", *known(data["space"]))
    return list(out.values()), missing


def js_patterns() -> list[Pattern]:
    return _javascript()[0]


def unaccounted() -> list[str]:
    return _python()[1] + _javascript()[1]


# --- The texts a pattern is weakest against ---------------------------------------------------------

# Characters tried as the run and as its end: the kinds of text there are. Of those a pattern cannot tell apart
# (each item of it, and \w, \s, \d and the line end, takes both or neither) only the first is tried.
COMMON = " a\t0\n\r\x00\x0b\x85\xa0\u2028\u3000\ufeff\u200bZ_.,:;-+*#@/\\'\"()[]{}<>!?=`~|&%$^é😀xX"
ALWAYS_TOLD_APART = (r"\w", r"\s", r"\d", r"\n")


def _atoms(items):
    """Every item of a parsed pattern that takes one character, at any depth."""
    for op, arg in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            yield op, arg
        elif op == C.SUBPATTERN:
            yield from _atoms(arg[-1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from _atoms(arg[2])
        elif op == C.ATOMIC_GROUP:
            yield from _atoms(arg)
        elif op == C.BRANCH:
            for option in arg[1]:
                yield from _atoms(option)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _atoms(arg[1])


def _probe(av, flags) -> re.Pattern:
    op, arg = av
    if op == C.LITERAL:
        return re.compile(re.escape(chr(arg)), flags & re.I)
    if op == C.NOT_LITERAL:
        return re.compile("[^" + re.escape(chr(arg)) + "]", flags & re.I)
    if op == C.ANY:
        return re.compile(".", flags & re.S)
    return re.compile(_unparse([(op, arg)]), flags & re.I)


def _alphabet(items, flags) -> list[str]:
    """One character of each kind the pattern tells apart."""
    probes = [_probe(a, flags) for a in _atoms(items)] + [re.compile(p) for p in ALWAYS_TOLD_APART]
    kinds = {}
    for c in COMMON:
        kinds.setdefault(tuple(bool(p.fullmatch(c)) for p in probes), c)
    return list(kinds.values())


def _representatives(av, flags, alphabet) -> list[str]:
    """The characters of the alphabet that one item of a parsed pattern takes."""
    probe = _probe(av, flags)
    return [c for c in alphabet if probe.fullmatch(c)]


def _unparse(items) -> str:
    """A class of a parsed pattern written back as a pattern, to test single characters against."""
    out = []
    for op, arg in items:
        if op == C.IN:
            parts, negate = [], False
            for kind, value in arg:
                if kind == C.NEGATE:
                    negate = True
                elif kind == C.LITERAL:
                    parts.append(re.escape(chr(value)))
                elif kind == C.RANGE:
                    parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind == C.CATEGORY:
                    parts.append(_CATEGORIES[value])
                elif kind == C.NOT_LITERAL:
                    return "[^" + re.escape(chr(value)) + "]"
            out.append("[" + ("^" if negate else "") + "".join(parts) + "]")
    return "".join(out)


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S",
               C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_LINEBREAK: r"\n",
               C.CATEGORY_NOT_LINEBREAK: r"[^\n]",
               C.CATEGORY_LOC_WORD: r"\w", C.CATEGORY_LOC_NOT_WORD: r"\W", C.CATEGORY_UNI_DIGIT: r"\d",
               C.CATEGORY_UNI_NOT_DIGIT: r"\D", C.CATEGORY_UNI_SPACE: r"\s", C.CATEGORY_UNI_NOT_SPACE: r"\S",
               C.CATEGORY_UNI_WORD: r"\w", C.CATEGORY_UNI_NOT_WORD: r"\W", C.CATEGORY_UNI_LINEBREAK: r"\n",
               C.CATEGORY_UNI_NOT_LINEBREAK: r"[^\n]"}


def _sample(items, flags) -> str:
    """A short text that the items of a parsed pattern match (anchors and look-arounds left out)."""
    out = []
    for op, arg in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            out.append((_representatives((op, arg), flags, COMMON) or ["a"])[0])
        elif op == C.SUBPATTERN:
            out.append(_sample(arg[-1], flags))
        elif op == C.BRANCH:
            out.append(_sample(arg[1][0], flags))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out.append(_sample(arg[2], flags) * min(arg[0], 4))
        elif op == C.ATOMIC_GROUP:
            out.append(_sample(arg, flags))
    return "".join(out)


def _repeats(items, lead: str, flags):
    """(what leads up to it, its body) for each repetition in the items, at any depth."""
    for index, (op, arg) in enumerate(items):
        before = lead + _sample(items[:index], flags)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if arg[1] > 1:
                yield before, arg[2]
            yield from _repeats(arg[2], before, flags)
        elif op == C.SUBPATTERN:
            yield from _repeats(arg[-1], before, flags)
        elif op == C.ATOMIC_GROUP:
            yield from _repeats(arg, before, flags)
        elif op == C.BRANCH:
            for option in arg[1]:
                yield from _repeats(option, before, flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _repeats(arg[1], before, flags)


@dataclass(frozen=True)
class Shape:
    lead: str
    unit: str
    end: str

    def text(self, size: int) -> str:
        return self.lead + self.unit * max(1, (size - len(self.lead) - len(self.end)) // len(self.unit)) + self.end

    def __str__(self):
        return f"{self.lead!r} + {self.unit!r} * n + {self.end!r}"


def parse_for_shapes(pattern: Pattern):
    """The parsed Python pattern to write shapes from: the pattern itself or, for JavaScript, its Python original
    (or, for a script's own literal, the literal read as Python reads it, near enough for writing texts)."""
    if pattern.python is not None:
        return sre_parse.parse(pattern.python.pattern, pattern.python.flags), pattern.python.flags
    source = pattern.source
    if pattern.language == "js":
        source = re.sub(r"\\[pP]\{[^}]*\}", r"\\w",
                        source).replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!")
        source = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: f"\\U{int(m.group(1), 16):08x}", source)
        flags = (re.I if "i" in pattern.flags else 0) | (re.M if "m" in pattern.flags
                                                         else 0) | (re.S if "s" in pattern.flags else 0)
    else:
        flags = pattern.flags
    return sre_parse.parse(source, flags), flags


def shapes(pattern: Pattern) -> list[Shape]:
    """Texts of the shape 'lead + unit * n + end' for every repetition of the pattern: those it is weakest against.

    The run is of one character the repetition takes, and ends with any kind of character (or with the text). It
    starts where the repetition does, or after one other character the repetition takes (so that the item before it
    cannot swallow the run); and a run of each kind of character from the text's start, for scans from everywhere."""
    parsed, flags = parse_for_shapes(pattern)
    items = list(parsed)
    alphabet = _alphabet(items, flags)
    out: dict[Shape, None] = {}
    for lead, body in _repeats(items, "", flags):
        body = list(body)
        units = _representatives(body[0], flags, alphabet) if len(body) == 1 else []
        units = units + [u for u in [_sample(body, flags) or " "] if u not in units]
        for unit in units:
            for start in {lead, *(lead + first for first in units[:2] if first != unit)}:
                for end in ["", *alphabet]:
                    out[Shape(start, unit, end)] = None
    for unit in alphabet:  # a run of each kind of character, from every position: scans that start everywhere
        for end in ["", *alphabet]:
            if end != unit:
                out[Shape("", unit, end)] = None
    return list(out)
