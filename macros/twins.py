"""`python -m macros twins [--check]`: the contract between the Python and its JavaScript twins, written down.

The contribution studio says in the browser what the Python says on the command line: the renderer
(safe_markdown.py; studio-text.js), every field check (validate.py, crosschecks.py, personal_data.py;
studio-checks.js), the form reader and the issue it reads (form_reader.py, issue_form.py, source_answer.py;
studio-form-reader.js), the YAML writer (case_yaml.py; studio-yaml.js) and the id maker (scaffold.py, slugs.py;
studio-ids.js). This writes the corpus that holds them to it, as GOV.UK Frontend's ports are held to its
published fixtures: the inputs of macros/twin_inputs.py, each with what the Python makes of it, and the data
the scripts run with (what the build writes into studio-data.js), made from a library frozen in
tests/fixtures/frozen so the corpus changes when a rule does, not when content does.

The corpus is committed (tests/twins/corpus/); a test fails when it is stale, and `node --test tests/twins`
runs the JavaScript over every case of it, in about a second, with no browser and no build. A change to a
rule therefore shows as a diff of the corpus to review, and fails the Node tier until the JavaScript agrees.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path

from . import (
    ROOT,
    case_yaml,
    form_reader,
    issue_form,
    library,
    pages,
    personal_data,
    problems,
    reflection,
    safe_markdown,
    scaffold,
    slugs,
    source_answer,
    studio,
    twin_inputs,
    validate,
)

CORPUS = ROOT / "tests" / "twins" / "corpus"
FROZEN = ROOT / "tests" / "fixtures" / "frozen"  # the library the corpus is made with
SCHEMA_LINE = "../../schema/case-study.schema.json"  # as the studio writes it: the file's place in data/case_studies/


def frozen_library():
    return library.load(FROZEN)


# --- The twins: each a list of cases, every case its input and what the Python makes of it ---------------------

def renderer(lib) -> dict:
    render = safe_markdown.TextRenderer(pages.glossary_map(lib))
    inputs = twin_inputs
    texts = [*inputs.HOSTILE_TEXTS, *inputs.library_texts(lib), *inputs.random_texts(), *inputs.EDGE_TEXTS]
    return _twin("safe_markdown.TextRenderer: block and inline", "LibraryText.block and .inline (studio-text.js)",
                 [{"text": t, "block": str(render.block(t)), "inline": str(render.inline(t))} for t in texts])


def checks(lib) -> dict:
    """What `python -m macros validate` says about each case study, written as from-issue writes it, beside the frozen
    library's own case studies and places."""
    cases = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "data" / "case_studies"
        folder.mkdir(parents=True)
        for what, case in twin_inputs.CASES:
            values = {k: v for k, v in case.items() if k != "id"}
            text = case_yaml.to_yaml(values, case["id"], SCHEMA_LINE)
            path = folder / (f"{case['id']}.yaml" if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"]) else "x.yaml")
            path.write_text(text, encoding="utf-8")
            found = scaffold.problems_in(FROZEN, path)
            path.unlink()
            cases.append({"what": what, "case": case, "problems": sorted([p.field, p.message] for p in found)})
    return _twin("the validator (scaffold.problems_in): [field, message] of each problem, sorted",
                 "LibraryStudioRules.check (studio-checks.js)", cases)


def form_reading(lib) -> dict:
    cases = []
    for what, answers in twin_inputs.FORM_ANSWERS:
        body = issue_form.issue_body(answers)
        draft, found = form_reader.read(body, "issue.md")
        cases.append({"what": what, "answers": answers, "body": body, "values": draft.values,
                      "letters": draft.evidence_letters, "problems": sorted([p.field, p.message] for p in found)})
    return _twin("issue_form.issue_body, then form_reader.read of that body: the case study's values, the letter of "
                 "each "
                 "evidence entry, and [field, message] of each problem with the form, sorted",
                 "LibraryStudioRules.issueBody and .read (studio-form-reader.js)", cases)


def form_parts(lib) -> dict:
    cases = ([{"items": t, "out": form_reader.items(t)} for t in twin_inputs.ANSWERS]
             + [{"paragraphs": t, "out": form_reader.paragraphs(t)} for t in twin_inputs.ANSWERS]
             + [{"source": t, "out": form_reader.source(t)} for t in twin_inputs.SOURCES]
             + [{"splitThemes": t, "out": scaffold.split_themes(t)} for t in twin_inputs.THEMES])
    return _twin("form_reader.items, .paragraphs and .source, scaffold.split_themes",
                 "the functions of the same names (studio-form-reader.js)",
                 cases)


def sources(lib) -> dict:
    cases = ([{"isLabelled": t, "out": source_answer.is_labelled(t)} for t in twin_inputs.LABELLED]
             + [{"readSources": t, "out": _read_sources(t)} for t in twin_inputs.LABELLED]
             + [{"pageList": t, "out": source_answer.page_list(t)} for t in twin_inputs.PAGES]
             + [{"sourcesText": t, "out": source_answer.write(t)} for t in twin_inputs.TYPED_SOURCES]
             + [{"pageNumbers": p, "out": pages.page_numbers(p)} for p in twin_inputs.PAGE_LISTS])
    return _twin("source_answer.is_labelled, .read ([sources, [[line, kind, values]]]), .page_list and .write; "
                 "pages.page_numbers",
                 "LibraryStudioRules.isLabelled, .readSources, .pageList, .sourcesText and .pageNumbers", cases)


def _read_sources(text: str) -> list:
    found, problems_found = source_answer.read(text)
    return [found, [list(p) for p in problems_found]]


def yaml_writer(lib) -> dict:
    cases = [{"values": values, "id": "some-id", "yaml": case_yaml.to_yaml(values, "some-id", SCHEMA_LINE)}
             for values in twin_inputs.yaml_drafts()]
    cases += [{"scalar": text, "plain": case_yaml.scalar(text), "flow": case_yaml.scalar(text, flow=True)}
              for text in twin_inputs.ODD_TEXTS]
    return _twin("case_yaml.to_yaml and .scalar", "LibraryStudioRules.toYaml and .scalar (studio-yaml.js)", cases)


def ids(lib) -> dict:
    cases = [{"place": p, "title": t, "id": scaffold.case_study_id(p, t)} for p, t in twin_inputs.PLACES_AND_TITLES]
    cases += [{"slugify": p, "out": slugs.slugify(p)} for p, _ in twin_inputs.PLACES_AND_TITLES]
    return _twin("scaffold.case_study_id and slugs.slugify",
                 "LibraryStudioRules.caseStudyId and .slugify (studio-ids.js)", cases)


def personal(lib) -> dict:
    return _twin("personal_data.find", "LibraryStudioRules.personalData (studio-checks.js)",
                 [{"text": t, "found": [list(f) for f in personal_data.find(t)]} for t in twin_inputs.PERSONAL_TEXTS])


def python_text(lib) -> dict:
    cases = ([{"repr": v, "out": repr(v)} for v in twin_inputs.REPR_VALUES]
             + [{"shorten": v, "out": validate.shorten(v)} for v in twin_inputs.REPR_VALUES]
             + [{"count": n, "out": validate.count(n)} for n in twin_inputs.NUMBERS]
             + [{"oneLine": t, "out": problems.one_line(t)} for t in twin_inputs.MESSAGE_LINES])
    return _twin("repr, yamlfile.shorten, validate.count, problems.one_line: how Python writes values into messages",
                 "LibraryPython.repr, .shorten, .count and .oneLine (studio-python.js)", cases)


def patterns(lib) -> dict:
    """Every pattern the studio gets, with where each match starts and ends in Python, in UTF-16 units as JavaScript
    counts them."""
    cases = []
    for path, pattern in _patterns_in(studio.data(lib)):
        spans = [[[_utf16(p[:m.start()]), _utf16(p[:m.end()])] for m in pattern.python.finditer(p)]
                 for p in twin_inputs.PATTERN_PROBES]
        cases.append({"path": path, "python": pattern.python.pattern, "source": pattern["source"],
                      "flags": pattern["flags"], "spans": spans})
    return _twin("every pattern in the studio's data, translated by studio.js_pattern: the matches of the Python "
                 "pattern",
                 "the JavaScript RegExp of the translation, with the g flag", cases, probes=twin_inputs.PATTERN_PROBES)


def escapes(lib) -> dict:
    """\\w, \\d, \\s and their opposites over the Basic Multilingual Plane, as ranges of the characters they match."""
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    unassigned = _ranges(c for c in characters if unicodedata.category(c) == "Cn")
    cases = []
    for escape in twin_inputs.ESCAPES:
        pattern = studio.js_pattern(escape)
        cases.append({"escape": escape, "source": pattern["source"], "flags": pattern["flags"],
                      "matches": _ranges(c for c in characters if re.fullmatch(escape, c))})
    return _twin("re.fullmatch of each escape on every character of the Basic Multilingual Plane but surrogates",
                 "the translated RegExp; characters unassigned in Python's Unicode (`unassigned`) may differ, "
                 "as Unicode grows",
                 cases, unicode=unicodedata.unidata_version, unassigned=unassigned)


TWINS = {
    "renderer": renderer, "checks": checks, "form-reader": form_reading, "form-parts": form_parts, "sources": sources,
    "yaml-writer": yaml_writer, "ids": ids, "personal-data": personal, "python-text": python_text, "patterns": patterns,
    "escapes": escapes,
}


# --- Writing and checking the corpus -----------------------------------------------------------------------

def render_all() -> dict[str, str]:
    """File name -> text of every file of the corpus."""
    lib = frozen_library()
    if lib.problems:
        raise ValueError(f"the frozen library is not valid: {lib.problems[0]}")
    out = {"studio-data.json": _pretty({"about": "window.LIBRARY_STUDIO as the build writes it (studio.data) for the "
                                                 "frozen library", "data": studio.data(lib)}),
           "reflection-data.json": _pretty({"about": "window.LIBRARY_REFLECTION as the build writes it "
                                                     "(reflection.data)", "data": reflection.data()})}
    for name, make in TWINS.items():
        out[f"{name}.json"] = _cases_file(make(lib))
    return out


def write_all(folder: Path = CORPUS, files: dict[str, str] | None = None) -> list[Path]:
    """Write the corpus (`files`, else what the Python makes now) into `folder`; the files changed or added."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    files = files or render_all()
    for old in folder.glob("*.json"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale(folder: Path = CORPUS, files: dict[str, str] | None = None) -> list[str]:
    """The files of the corpus in `folder` that differ from `files` (else what the Python makes now), missing, or left
    over."""
    files = files or render_all()
    out = [name for name, text in files.items()
           if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    return out + sorted(p.name for p in folder.glob("*.json") if p.name not in files)


def _twin(python: str, javascript: str, cases: list, **more) -> dict:
    return {"python": python, "javascript": javascript, **more, "cases": cases}


def _cases_file(twin: dict) -> str:
    """One case a line, so a change to a rule shows in a diff as the cases it changes."""
    head = [f"  {json.dumps(key)}: {_json(value)}," for key, value in twin.items() if key != "cases"]
    cases = [f"    {_json(case)}," for case in twin["cases"]]
    cases[-1] = cases[-1].rstrip(",")
    return "\n".join(["{", *head, '  "cases": [', *cases, "  ]", "}"]) + "\n"


def _pretty(value) -> str:
    return _visible(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)) + "\n"


def _json(value) -> str:
    return _visible(json.dumps(value, ensure_ascii=False))


def _visible(text: str) -> str:
    """JSON with every character that does not show (controls, format characters, separators, spaces other than the
    space, surrogates, private use, unassigned) escaped, so a diff of the corpus shows each of them."""
    return "".join(c if c.isprintable() or c in " \n" else _escaped(c) for c in text)  # a new line: the JSON's own


def _escaped(c: str) -> str:
    code = ord(c)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _patterns_in(node, path: str = ""):
    if isinstance(node, studio.JsPattern):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _patterns_in(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns_in(value, f"{path}[{i}]")


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _ranges(characters) -> list[list[int]]:
    out: list[list[int]] = []
    for c in characters:
        code = ord(c)
        if out and out[-1][1] == code - 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return out
