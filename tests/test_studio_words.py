"""Every message the studio can show is in the contributor's words: no field path (sources[1].title), no file name
(data/glossary.yaml, CONTRIBUTING.md) and no YAML key (public_contact_details, place:). The validator keeps those,
for people who edit YAML; the studio says the same rules its own way (macros/studio_words.py).

It is checked where the messages are made, in Chromium: every rule of every field of a case study, broken one at
a time and worded by the studio's own script; then drafts that break what only the studio and the form check
(an empty question, a box not ticked, a finding without its precondition, an address already taken...)."""

from __future__ import annotations

import copy
import re

import pytest

from macros import crosschecks, issue_form, personal_data, studio_words, validate
from macros.schema import FILES, CaseStudy
from macros.spec import Record, fields_of
from macros.twin_inputs import VALID
from tests.support.studio import URL, open_studio

pytestmark = pytest.mark.browser


def field_names() -> set[str]:
    names = set()

    def walk(cls):
        for info in fields_of(cls):
            names.add(info.name)
            for kind in (info.type, info.item_type):
                if isinstance(kind, type) and issubclass(kind, Record):
                    walk(kind)

    for _, cls, _, _ in FILES:
        walk(cls)
    return names


NAMES = "|".join(sorted(field_names(), key=len, reverse=True))
# what the person typed, quoted back
QUOTED = re.compile(r"(?<![\w])'[^'\n]*'(?![\w])|\"[^\"\n]*\"|\u201c[^\u201d]*\u201d")
ADDRESS = re.compile(r"https?://\S+")
LEAKS = {
    "a field path": re.compile(rf"\b[a-z_]+\[\d+\]|\b(?:{NAMES})\.(?:{NAMES})\b"),
    # A key as YAML writes it: a field's name and a colon, first in a sentence, a clause or a list item ("for example:
    # place: Tokyo", "- term: PbR, then definition: ..."); "how far it was in place:" is English.
    "a YAML key": re.compile(rf"\b[a-z]+_[a-z_]+\b|(?:^|[:;,.]\s+|\s-\s+|\bthen\s+)(?:{NAMES}):\s"),
    "a file name": re.compile(r"\.(?:ya?ml|md|json|py|js)\b|\b(?:data|schema|docs)/|CONTRIBUTING|case_studies"),
}


def leaks(message: str) -> list[str]:
    text = ADDRESS.sub("", QUOTED.sub("", message))
    return [f"{what} ({m.group()!r})" for what, pattern in LEAKS.items() for m in [pattern.search(text)] if m]


def test_the_leak_check_finds_what_the_validators_wording_has():
    """The check is not one that cannot fail: the YAML editors' wording of the same rules is caught by it."""
    caught = [validate.MESSAGES["abbreviation"], crosschecks.MESSAGES["place_unreadable"].format(place="'x'"),
              personal_data.message("an e-mail address", "jo@example.org"), issue_form.FORM_MESSAGES["unticked"],
              "is empty (in the case study: sources[1].title)", "it is missing: for example: title: Homelessness"]
    assert all(leaks(message) for message in caught), [m for m in caught if not leaks(m)]
    assert not leaks("Add the title of the document. For example: Behaving like a system?")


def test_every_message_of_the_checks_has_a_wording_for_the_studio():
    kinds = {*validate.MESSAGES, *crosschecks.MESSAGES, "personal_data",
             *(studio_words.FORM_KEYS.get(k, k) for k in issue_form.FORM_MESSAGES)}
    assert kinds <= set(studio_words.SAY), kinds - set(studio_words.SAY)


# --- Every rule of the schema, broken one at a time ----------------------------------------------------------

# A value for each field the valid case study leaves out, so its rules can be broken inside a real record.
OPTIONAL = {"publisher": "Northbridge Borough Council", "pages": [4, 5], "last_reviewed": "2026-11-01",
            "next_review": "2027-11-01",
            "public_contact_details": ["enquiries"], "redirect_from": ["northbridge-housing"]}
BAD_TEXT = "Not Valid Here"  # no dot, bracket or colon, so what the studio quotes back cannot be mistaken for a leak


def broken(info, path: list) -> list[tuple[str, list, object]]:
    """(what, path, value) for each rule of one field: the value at `path` that breaks it (None: the field removed)."""
    spec, out = info.spec, []
    if info.required:
        out.append(("missing", path, None))
    if info.type is list:
        item_spec = validate.item_spec_of(spec)
        sample = example_item(info)
        if spec.min_items:
            out.append(("too few", path, [sample] * (spec.min_items - 1)))
        if spec.max_items is not None:
            out.append(("too many", path,
                        [f"{sample} {n}" if isinstance(sample, str) else sample + n
                         for n in range(spec.max_items + 1)]))
        if spec.unique and info.item_type in (str, int):
            out.append(("repeated", path, [sample, sample]))
        if info.item_type in (str, int):
            out += [(what, path, [value]) for what, value in bad_scalar(info.item_type, item_spec)]
        else:
            for sub in fields_of(info.item_type):
                out += broken(sub, [*path, 0, sub.name])
    elif info.type in (str, int):
        out += [(what, path, value) for what, value in bad_scalar(info.type, spec)]
    return [(f"{'.'.join(map(str, p))}: {what}", p, value) for what, p, value in out]


def bad_scalar(kind, spec) -> list[tuple[str, object]]:
    if kind is int:
        return [(f"below {spec.minimum}", spec.minimum - 1)] * (spec.minimum is not None) + \
               [(f"above {spec.maximum}", spec.maximum + 1)] * (spec.maximum is not None)
    out = [("empty", "   "), ("a javascript: address", "See javascript:alert"),
           ("a direction override", "Here\u202e and there")]
    if not spec.markdown:
        out.append(("two lines", "One line\nand another"))
    if spec.choices:
        return []  # the studio offers choices as buttons, so its check has no rule for a word that is not one
    if spec.pattern:
        out.append(("not its pattern", BAD_TEXT))
    if spec.max_length:
        out.append(("too long", "x" * (spec.max_length + 1)))
    if spec.markdown:
        out += [("a link title", 'See [it](https://example.org/r "R")'),
                ("an abbreviation", "PbR\n\n*[PbR]: Payment by Results"),
                ("a reference link", "See [r]\n\n[r]: https://example.org/r"),
                ("a relative link", "See [minutes](minutes)"),
                ("an image", "![chart](https://example.org/c)")]
    return out


def example_item(info):
    example = info.spec.example
    if isinstance(example, list) and example:
        return example[0]
    return 7 if info.item_type is int else "item"


def with_value(path: list, value):
    case = copy.deepcopy(VALID)
    target = case
    for part in path[:-1]:
        if isinstance(part, str) and part not in target:
            target[part] = copy.deepcopy(OPTIONAL[part])
        target = target[part]
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value
    return case


CASES = [(what, with_value(path, value)) for info in fields_of(CaseStudy)
         for what, path, value in broken(info, [info.name])]
CASES += [("personal data in a source's title", with_value(["sources", 0, "title"], "Ring 0121 496 0000")),
          ("a place written unlike a listed one", with_value(["place"], "Barking & Dagenham")),
          ("a place without Latin letters", with_value(["place"], "東京"))]


@pytest.fixture(scope="module")
def tab(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_studio(page, site_url + URL)
    yield page
    context.close()


def test_every_rule_of_the_schema_is_said_in_the_contributors_words(tab):
    assert len(CASES) > 80
    worded = tab.evaluate("""cases => cases.map(c => window.LibraryStudioRules.check(c).map(p =>
        [p.field, p.kind, window.LibraryStudioProblems.word(p, c)]))""", [case for _, case in CASES])
    silent = [what for (what, _), found in zip(CASES, worded) if not found]
    assert not silent, f"broken but not found by the studio's check: {silent}"
    leaking = [f"{what}: {field}: {message}\n    {leaks(message)}" for (what, _), found in zip(CASES, worded)
               for field, _, message in found if leaks(message)]
    assert not leaking, "\n".join(leaking)
    unfilled = [message for found in worded for _, _, message in found
                if re.search(r"\{\w+\}|undefined|null\b|  ", message)]
    assert not unfilled, unfilled


# --- What only the studio and the form check, through the studio's whole path ------------------------------

def draft(**changes) -> dict:
    """A complete studio draft (version 2), with `changes` to its answers, findings and sources."""
    answers = {"title": "Care leavers in Northbridge", "place": "Northbridge", "period": "2021 to 2023",
               "themes": "housing",
               "summary": "Six services agreed one outcome.", "context": "Six services.",
               "organisations": "Northbridge Homes",
               "what_did_not_work": "The budget was cut.", "lessons": "Agree first.", "questions": "Who is missing?",
               "contributor": "Northbridge Borough Council", "licence": "CC BY 4.0 (recommended)",
               "consent": [True, True, True]}
    finding = {"text": "Partners met weekly.", "group": "all", "letter": "E", "status": "present", "merged": None,
               "unfolded": []}
    source = {"published": "yes", "title": "Evaluation", "publisher": "", "year": "2023", "pages": "4-19", "url": ""}
    out = {"step": 1, "answers": {**answers, **changes.get("answers", {})},
           "findings": changes.get("findings", [finding]),
           "open": None, "sources": changes.get("sources", [source]), "help": False, "undo": None, "seen": []}
    return out


FINDING = {"text": "", "group": "all", "letter": None, "status": None, "merged": None, "unfolded": []}
DRAFTS = [
    ("complete", draft()),
    *[(f"{key} left empty", draft(answers={key: ""}))
      for key in ("title", "place", "period", "themes", "summary", "context",
                  "organisations", "what_did_not_work", "lessons", "questions", "contributor")],
    ("a box not ticked", draft(answers={"consent": [True, False, False]})),
    ("a status without what happened", draft(findings=[{**FINDING, "letter": "E", "status": "present"}])),
    ("what happened without a status", draft(findings=[{**FINDING, "letter": "E", "text": "Partners met."}])),
    ("what happened without a precondition", draft(findings=[{**FINDING, "text": "Partners met."}])),
    ("an empty finding", draft(findings=[FINDING])),
    ("no findings", draft(findings=[])),
    ("a heading typed into an answer", draft(answers={"context": "Six services.\n### Place\nMore."})),
    ("a title and place that give a taken address", draft(answers={"title": "Ignite", "place": "Coventry"})),
    ("a title and place without letters", draft(answers={"title": "???", "place": "—"})),
    ("a year and pages that are not numbers",
     draft(sources=[{"published": "yes", "title": "Evaluation", "publisher": "", "year": "about 2020",
             "pages": "all of it", "url": "www.example.org"}])),
    ("no sources",
     draft(sources=[{"published": None, "title": "", "publisher": "", "year": "", "pages": "", "url": ""}])),
    ("a source without a title",
     draft(sources=[{"published": "yes", "title": "", "publisher": "Council", "year": "", "pages": "", "url": ""}])),
    ("nine themes", draft(answers={"themes": "a, b, c, d, e, f, g, h, i"})),
    ("a repeated organisation and a long lesson",
     draft(answers={"organisations": "Homes\nHomes", "lessons": "Agree. " * 400})),
    ("personal data everywhere", draft(answers={"summary": "Ask jo@example.org or ring 0121 496 0000."},
                         findings=[{**FINDING, "letter": "E", "status": "present",
                                    "text": "Her NI number was QQ 12 34 56 C."}])),
]


def test_every_message_of_the_studios_own_path_is_in_the_contributors_words(tab):
    found = tab.evaluate("""drafts => drafts.map(d => window.LibraryStudioProblems.find(d, key => 1).problems
        .map(p => [p.id, p.label, p.kind, p.message]))""", [d for _, d in DRAFTS])
    assert found[0] == [], found[0]
    assert all(found[1:]), [what for (what, _), f in zip(DRAFTS, found) if not f]
    leaking = [f"{what}: {label}: {message}\n    {leaks(label + ': ' + message)}"
               for (what, _), problems in zip(DRAFTS, found)
               for _, label, _, message in problems if leaks(label + ": " + message)]
    assert not leaking, "\n".join(leaking)
    # The form's line that only an issue written by hand can have, which the studio never writes.
    source_line = tab.evaluate("""() => {
        const p = window.LibraryStudioRules.read({sources: 'Title: A\\nno label'}).problems
        .filter(p => p.kind === 'source_line')[0]; return window.LibraryStudioProblems.say(p.kind, p.values); }""")
    assert not leaks(source_line)
    # from-issue's, for a heading typed by hand above its own question
    assert not leaks(studio_words.SAY["heading_twice"])
    said = {kind for problems in found for _, _, kind, _ in problems}
    schema = {kind
              for problems in tab.evaluate("cases => cases.map(c => window.LibraryStudioRules.check(c)"
                                           ".map(p => p.kind))",
                                           [case for _, case in CASES]) for kind in problems}
    unheard = set(studio_words.SAY) - said - schema - {"source_line", "heading_twice", "unreadable", "too_long_item",
                                                       "repeated_item"}
    assert not unheard, f"wordings no test makes the studio say: {unheard}"
    lines = [message for problems in found for _, _, _, message in problems if message.startswith("The line '")]
    assert any("says the same as an earlier line" in m for m in lines) and any("make it two lines" in m
                                                                               for m in lines), lines
