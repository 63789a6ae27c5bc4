"""The checks across records: what no one record's fields can say about themselves.

Each runs on every record as far as it could be read (`views`), valid or not, so a misspelt field in one
place hides no problem elsewhere; each problem names the file, line and field to change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from . import addresses, personal_data, yamlfile
from .problems import Problem, Problems
from .schema import FILE_NAME, GROUPS, LETTERS, SLUG, CaseStudy, Pathway, Place, Precondition, Term
from .slugs import slugify
from .spec import Record, fields_of

# Messages of the checks across records that the contribution studio runs too, as templates both fill in.
MESSAGES = {
    "id_taken": "{name} is already used by {file}; choose an id no other case study uses, for example: {example}",
    "place_unreadable": ("{place} has no Latin letters or digits to make the address of the place's page from; "
                         "write the name in Latin letters, for example: place: Tokyo"),
    "place_shared": ("{place} and {other} would share one page (places/{slug}/); write the place's name the same way "
                     "in every case study, for example: place: {example}"),
}

def check(views: dict, precondition_file: str | None, letters_written: set, root: Path) -> list[Problem]:
    """Every check across records, on the records of each kind as far as they could be read."""
    out = _check_preconditions(views[Precondition], precondition_file, letters_written)
    out += _check_case_studies(views[CaseStudy])
    out += _check_unique(views[Place], "slug", "place") + _check_unique(views[Place], "name", "place")
    out += _check_place_slugs(views[CaseStudy], views[Place])
    out += _check_unique(views[Term], "term", "glossary term")
    out += _check_unique(views[Pathway], "id", "pathway")
    out += addresses.check(addresses.claims(views[Precondition], views[CaseStudy], views[Place], views[Pathway],
                                            slugify), root)
    return out


def _check_preconditions(preconditions: list, file: str | None, letters_written: set) -> list[Problem]:
    out = Problems()
    out += _check_unique(preconditions, "id", "precondition") + _check_unique(preconditions, "slug", "precondition")
    present = {p.id for p in preconditions} | letters_written
    if file:
        for letter in LETTERS:
            if letter not in present:
                out.add(file, 1, "(file)",
                        f"has no precondition {letter}; the framework has nine, A to I, and each needs an entry, "
                        f"for example: - id: {letter}")
    for p in preconditions:
        if p.id and p.group and p.group != _group_of(p.id):
            out.add(p.origin.file, p.origin.line_of("group"), f"{_at(p)}.group",
                    f"is {p.group!r}, but precondition {p.id} is one of the {_group_of(p.id)} (A to D are vision, E to "
                    "I behaviours), "
                    f"for example: group: {_group_of(p.id)}")
        if p.in_the_report is not None:
            out += _check_verdict(p.in_the_report)
        other = "A" if p.id != "A" else "B"
        for rel in p.related:
            if rel.precondition == p.id:
                out.add(p.origin.file, rel.origin.line, f"{rel.origin.path}.precondition",
                        f"{p.id} cannot be related to itself; name another precondition, for example: precondition: "
                        f"{other}")
        for pair in p.tell_apart:
            if pair.precondition == p.id:
                out.add(p.origin.file, pair.origin.line, f"{pair.origin.path}.precondition",
                        f"{p.id} cannot be told apart from itself; name the precondition it is mistaken for, for "
                        f"example: precondition: {other}")
    pairs: dict = {}  # {letter, letter} -> (the precondition it is written under, the entry)
    for p in preconditions:
        for pair in p.tell_apart:
            key = frozenset((p.id, pair.precondition))
            if key in pairs and len(key) == 2:
                owner, first = pairs[key]
                out.add(p.origin.file, pair.origin.line, f"{pair.origin.path}.precondition",
                        f"{p.id} and {pair.precondition} are already told apart under {owner} (line "
                        f"{first.origin.line}); a pair is "
                        "written once, on either precondition, and shown on both pages. Delete this entry or merge it "
                        "into that one, "
                        f"for example: keep only the tell_apart entry under {owner}")
            pairs.setdefault(key, (p.id, pair))
    return out


def _check_verdict(verdict) -> list[Problem]:
    """A reported verdict quotes the report and cites its page; an editorial one is our reading on the place scale."""
    out = Problems()
    origin, written = verdict.origin, verdict.origin.lines

    def add(name: str, message: str):
        out.add(origin.file, origin.line_of(name), f"{origin.path}.{name}", message)

    if verdict.basis == "reported":
        if "verdict" not in written:
            add("basis",
                "is reported, so add the report's own short verdict, in its words, for example: verdict: a potential "
                "asset")
        if "pages" not in written:
            add("basis", "is reported, so add the page the verdict is quoted from, for example: pages: [14]")
        if "presence" in written:
            add("presence",
                "goes only with basis: editorial. A reported verdict is the report's own words, in verdict: "
                "delete this line, or if the report gives no verdict, for example: basis: editorial")
    elif verdict.basis == "editorial":
        for name in ("verdict", "pages"):
            if name in written:
                add(name,
                    "goes only with basis: reported, when the report gives its own verdict. With basis: editorial the "
                    "report gives none and presence holds our reading: delete this line, for example: presence: in "
                    "pockets")
        if "presence" not in written:
            add("basis",
                "is editorial, so add our reading on the place scale (not yet visible, in pockets, widespread or "
                "embedded), for example: presence: in pockets")
    return out


def _group_of(letter: str) -> str:
    return GROUPS[0] if letter in "ABCD" else GROUPS[1]


def _check_case_studies(cases: list) -> list[Problem]:
    """Checks on each case study, on whatever of it could be read: a misspelt field elsewhere hides none of these."""
    out = _check_case_study_names(cases)
    for case in sorted(cases, key=_valid_first):
        file = case.origin.file
        stem = Path(file).name
        if case.id and re.match(FILE_NAME, stem) and stem[: -len(".yaml")] != case.id:
            out.add(file, case.origin.line_of("id"), "id",
                    f"is {case.id!r} but the file is named {stem!r}; rename the file to {case.id}.yaml or change the "
                    f"id to {stem[:-5]!r}, "
                    f"for example: id: {stem[:-5]}")
        out += _check_evidence(case)
        if case.maturity not in (None, "draft"):
            for name in ("last_reviewed", "next_review"):
                if name not in case.origin.lines:  # absent, not merely invalid: that is reported where it is written
                    out.add(file, case.origin.line, name,
                            f"is missing: a {case.maturity} case study needs the date it was last reviewed and when it "
                            "is next due, "
                            f"as YYYY-MM-DD, for example: {name}: 2026-11-01")
        for name in ("last_reviewed", "next_review"):
            value = getattr(case, name)
            if value is not None and _date(value) is None:
                out.add(file, case.origin.line_of(name), name,
                        f"{value!r} is not a real date; write it as YYYY-MM-DD, for example: {name}: 2026-11-01")
        last, following = _date(case.last_reviewed or ""), _date(case.next_review or "")
        if last and following and following <= last:
            out.add(file, case.origin.line_of("next_review"), "next_review",
                    f"{case.next_review} is not after last_reviewed ({case.last_reviewed}); the next review comes "
                    "later, "
                    f"for example: next_review: {last.replace(year=last.year + 1, day=min(last.day, 28)).isoformat()}")
    return out


def _check_evidence(case) -> list[Problem]:
    """One entry per precondition: a case study says one thing about each. Former anchors stay unique on the page."""
    out = Problems()
    first: dict = {}  # letter -> its first entry
    for entry in case.evidence:
        letter = entry.precondition
        if letter in first:
            out.add(case.origin.file, entry.origin.line_of("precondition"), f"{entry.origin.path}.precondition",
                    f"{letter} already has an entry in this case study (line "
                    f"{first[letter].origin.line_of('precondition')}); "
                    "a case study says one thing about each precondition. Merge the two findings into that entry, "
                    "keeping "
                    f"both sides, and delete this one; where it was in place in some parts and missing in others, "
                    f"for example: status: mixed")
        else:
            first[letter] = entry
    anchors = {f"evidence-{letter.lower()}" for letter in first}
    for entry in case.evidence:
        for i, old in enumerate(entry.redirect_from):
            if old in anchors:
                out.add(case.origin.file, entry.origin.line_of("redirect_from"),
                        f"{entry.origin.path}.redirect_from[{i + 1}]",
                        f"{old!r} is already an anchor on this page (of a finding, or listed under another), so it "
                        "cannot "
                        "also lead to this finding; list each former anchor once, for example: redirect_from: "
                        f"[{old}-2]")
            anchors.add(old)
    return out


def _check_case_study_names(cases: list) -> Problems:
    """No two case studies share an id or a former id. Ids are claimed first: a redirect is told to change, not a
    page."""
    out = Problems()
    owners: dict = {}
    in_order = sorted(cases, key=_valid_first)
    claims = [(case, case.id, "id") for case in in_order if case.id]
    claims += [(case, name, "redirect_from") for case in in_order for name in case.redirect_from]
    for case, name, field_name in claims:
        if name in owners and owners[name] is not case:
            example = f"{field_name}: " + (f"{name}-2" if field_name == "id" else f"[{name}-2]")
            out.add(case.origin.file, case.origin.line_of(field_name), field_name,
                    MESSAGES["id_taken"].format(name=repr(name), file=owners[name].origin.file, example=example))
        else:
            owners[name] = case
    return out


def _valid_first(rec) -> tuple:
    """Valid records keep what they claim (an id, a slug) and the others are told to change; then file order."""
    return not isinstance(rec, Record), rec.origin.file


def _check_place_slugs(cases: list, places: list) -> list[Problem]:
    """Each place gets a page at places/<slug>/: a name must give a slug, and two names must not give the same one."""
    out = Problems()
    named = {p.name for p in places if p.name}
    by_slug = defaultdict(set)  # slug -> the place names that give it
    for p in places:
        if p.name and p.slug:
            by_slug[p.slug].add(p.name)
    for case in cases:
        if case.place and case.place not in named:
            by_slug[slugify(case.place)].add(case.place)
    for case in sorted(cases, key=lambda c: c.origin.file):
        if not case.place or case.place in named:
            continue
        slug, line = slugify(case.place), case.origin.line_of("place")
        others = sorted(by_slug[slug] - {case.place})
        if not slug:
            out.add(case.origin.file, line, "place", MESSAGES["place_unreadable"].format(place=repr(case.place)))
        elif others:
            out.add(case.origin.file, line, "place", MESSAGES["place_shared"].format(
                place=repr(case.place), other=repr(others[0]), slug=slug, example=others[0]))
    return out


def check_pathways(lib) -> list[Problem]:
    """Every step names a page that exists: a renamed record or page must not leave a pathway broken."""
    out = Problems()
    for pathway in lib.pathways:
        for i, step in enumerate(pathway.steps):
            if lib.resolve(step.page) is None:
                out.add(pathway.origin.file, step.origin.line_of("page"), f"{pathway.origin.path}.steps[{i + 1}].page",
                        f"{step.page!r} is not a page in the library. Use precondition:<letter>, case-study:<id>, "
                        f"place:<slug> or page:<a file under docs/>, for example: page: precondition:E")
    return out


def _check_unique(records: list, attr: str, noun: str) -> list[Problem]:
    out = Problems()
    seen: dict = {}
    for rec in sorted(records, key=_valid_first):
        value = getattr(rec, attr)
        if value is None:
            continue
        if value in seen:
            first = seen[value]
            example = (f"{value}-2" if re.match(SLUG, value)
                       else next(f.spec.example for f in fields_of(_CLASS[noun]) if f.name == attr))
            out.add(rec.origin.file, rec.origin.line_of(attr), f"{_at(rec)}.{attr}" if _at(rec) else attr,
                    f"{value!r} is already the {attr} of another {noun} "
                    f"({first.origin.file}:{first.origin.line_of(attr)}); "
                    f"each {noun} needs its own, for example: {attr}: {example}")
        else:
            seen[value] = rec
    return out


_CLASS = {"precondition": Precondition, "place": Place, "glossary term": Term, "pathway": Pathway}


def check_text(node, prefix: str, file: str, past_draft: bool) -> list[Problem]:
    """Personal data, and template placeholders past draft, in every value as written, valid or not."""
    out = Problems()
    allowed = tuple(v for _, _, v in yamlfile.scalars(yamlfile.value_of(node, "public_contact_details")))
    for path, line, text in yamlfile.scalars(node, prefix):
        path = path or "(file)"
        if re.match(r"^(\[\d+\]\.)?public_contact_details\b", path):
            continue
        found: dict[str, list[str]] = {}
        for kind, match in personal_data.find(text, allowed):
            found.setdefault(kind, []).append(match)
        for kind, matches in found.items():  # one line per kind and field, however many there are
            out.add(file, line, path, personal_data.message(kind, matches[0], len(matches) - 1))
        if past_draft and text.strip().startswith("REPLACE"):
            out.add(file, line, path,
                    f"still holds the template's placeholder ({text.strip()[:40]!r}); write the real text, "
                    "or until it is ready keep it a draft, for example: maturity: draft")
    return out


def _at(rec: Record) -> str:
    """The path prefix of a record inside a list file ('[3]'), or '' for a one-record file."""
    return rec.origin.path


def _date(text: str):
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
