"""Load every data file once, check the records against each other, and index them for the pages."""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import addresses, personal_data, urls, yamlfile
from .problems import Problem, Problems
from .schema import FILES, GROUPS, LETTERS, SLUG, SLUG_HELP, STATUSES, CaseStudy, Pathway, Place, Precondition, Term
from .spec import Record, fields_of
from .validate import build

# Messages of the checks across records that the contribution studio runs too, as templates both fill in.
MESSAGES = {
    "id_taken": "{name} is already used by {file}; choose an id no other case study uses, for example: {example}",
    "place_unreadable": ("{place} has no Latin letters or digits to make the address of the place's page from; "
                         "write the name in Latin letters, for example: place: Tokyo"),
    "place_shared": ("{place} and {other} would share one page (places/{slug}/); write the place's name the same way "
                     "in every case study, for example: place: {example}"),
}
FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.yaml$")


@dataclass
class Library:
    """All records, valid ones only, plus every problem found; indexes are built once."""

    root: Path
    preconditions: tuple[Precondition, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    places: tuple[Place, ...] = ()
    glossary: tuple[Term, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        self.by_letter = {p.id: p for p in self.preconditions}
        self.by_id = {c.id: c for c in self.case_studies}
        self.evidence = defaultdict(list)  # letter -> [(case study, evidence entry)]
        for case in self.case_studies:
            for entry in case.evidence:
                self.evidence[entry.precondition].append((case, entry))
        self.related_from = defaultdict(list)  # letter -> [(precondition that names it, reason)]
        # letter -> [(the other precondition, question, answer for this one, answer for the other, pages)], both ways
        self.tell_apart = defaultdict(list)
        for p in self.preconditions:
            for rel in p.related:
                self.related_from[rel.precondition].append((p, rel))
            for pair in p.tell_apart:
                self.tell_apart[p.id].append((pair.precondition, pair.question, pair.this_one, pair.other, pair.pages))
                self.tell_apart[pair.precondition].append((p.id, pair.question, pair.other, pair.this_one, pair.pages))
        self.place_by_name = {p.name: p for p in self.places}
        for case in self.case_studies:
            if case.place not in self.place_by_name:
                self.place_by_name[case.place] = Place(name=case.place, slug=slugify(case.place), summary="", context="", sources=())
        self.all_places = tuple(sorted(self.place_by_name.values(), key=lambda p: p.name))

    @property
    def ok(self) -> bool:
        return not self.problems

    def evidence_by_status(self, letter: str) -> dict[str, list]:
        grouped = {status: [] for status in STATUSES}
        for case, entry in self.evidence[letter]:
            grouped[entry.status].append((case, entry))
        return grouped

    @property
    def published(self) -> tuple[CaseStudy, ...]:
        """Case studies past draft: the ones counted in totals."""
        return tuple(c for c in self.case_studies if c.maturity != "draft")

    @property
    def themes(self) -> list[str]:
        return sorted({t for c in self.case_studies for t in c.themes})

    def letter_totals(self) -> dict[str, Counter]:
        """letter -> Counter of statuses (and 'case_studies': how many published case studies give evidence)."""
        totals = {letter: Counter() for letter in LETTERS}
        for case in self.published:
            for letter in {e.precondition for e in case.evidence}:
                totals[letter]["case_studies"] += 1
            for entry in case.evidence:
                totals[entry.precondition][entry.status] += 1
        return totals

    def case_studies_in(self, place: Place) -> list[CaseStudy]:
        return [c for c in self.case_studies if c.place == place.name]

    def summary(self) -> str:
        return (f"{len(self.preconditions)} preconditions, {len(self.case_studies)} case studies, "
                f"{len(self.all_places)} places, {len(self.glossary)} glossary terms and {len(self.pathways)} pathways are valid")

    def resolve(self, ref: str):
        """The record a pathway step names ('precondition:E', 'case-study:<id>', 'place:<slug>'), or a docs path."""
        kind, _, key = ref.partition(":")
        if kind == "precondition":
            return self.by_letter.get(key)
        if kind == "case-study":
            return self.by_id.get(key)
        if kind == "place":
            return next((p for p in self.all_places if p.slug == key), None)
        if key in urls.INDEXES:
            return key
        docs = (self.root / "docs").resolve()
        target = (docs / key).resolve()  # follows links, so a link out of docs/ is caught too
        return key if target.is_relative_to(docs) and target.is_file() else None


# Letters NFKD does not split into a base letter and an accent.
LETTERS_APART = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def slugify(text: str) -> str:
    """'Łódź' -> 'lodz', 'Brighton & Hove' -> 'brighton-and-hove'; '' for a name with no Latin letters or digits."""
    text = unicodedata.normalize("NFKD", text.lower().translate(LETTERS_APART))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.replace("&", "and")).strip("-")


_cache: dict = {}


def load(root: Path | str, paths: list[Path] | None = None) -> Library:
    """The library under `root`, read from disk only when a data file changed since the last call."""
    root = Path(root).resolve()
    files = _data_files(root) if paths is None else [Path(os.path.abspath(p)) for p in paths]  # links are not followed
    signature = tuple((str(f), *_stat(f)) for f in files)
    if _cache.get(root, (None,))[0] != signature:
        _cache[root] = (signature, _read(root, files))
    return _cache[root][1]


def _stat(path: Path) -> tuple:
    try:
        s = path.stat()
        return s.st_mtime_ns, s.st_size
    except OSError:
        return (None, None)


def _data_files(root: Path) -> list[Path]:
    """Every data file, and every symbolic link where one should be (reported as such, never followed or listed)."""
    data = root / "data"
    if data.is_symlink():
        return [data]
    found = [root / pattern for pattern, _, is_list, _ in FILES if is_list and ((root / pattern).exists() or (root / pattern).is_symlink())]
    # Every file in the case-study folder, so one saved as .yml or .txt is reported, not skipped.
    folder = data / "case_studies"
    if folder.is_symlink():
        found.append(folder)
    elif folder.is_dir():
        found += sorted(p for p in folder.iterdir() if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))
    return found


def _read(root: Path, files: list[Path]) -> Library:
    problems = Problems()
    records = defaultdict(list)
    views = defaultdict(list)  # every record as far as it could be read, valid or not: the checks across records use these
    letters_written = set()  # precondition ids as written, valid or not, so a broken entry is not also "missing"
    unreadable = set()
    for path in files:
        name = _name(root, path)
        if _through_link(root, path):
            problems.add(name, 1, "(file)", LINKED)
            continue
        if path.suffix != ".yaml":
            problems.add(name, 1, "(file name)", f"ends in {path.suffix or 'nothing'!r}; a data file must end in .yaml, for example: my-case-study.yaml")
            continue
        cls, is_list = _kind_of(path)
        if cls is CaseStudy and not FILE_NAME.match(path.name):  # from the path alone, whatever the file holds
            problems.add(name, 1, "(file name)",
                         f"{path.name!r} is not a valid file name: use the case study's id, in {SLUG_HELP}, followed by .yaml, "
                         f"for example: {slugify(path.stem) or 'my-case-study'}.yaml")
        node = yamlfile.read(path, name, problems)
        if node is None:
            unreadable.add(name)  # its problem is reported; nine "missing precondition" lines would only hide it
            continue
        if is_list and not isinstance(node, yamlfile.Sequence):
            problems.add(name, node.line, "(file)", f"must be a list of records, each starting with '- '; found {yamlfile.kind_of(node)}. "
                                                    f"For example: - {_first_line(cls)}")
            problems += _check_text(node, "", name, False)
            continue
        items = [(item, f"[{i + 1}]") for i, item in enumerate(node.items)] if is_list else [(node, "")]
        if cls is Precondition:
            letters_written |= {v.value for item, _ in items for v in [yamlfile.value_of(item, "id")] if isinstance(v, yamlfile.Scalar)}
        for item, path_prefix in items:
            before = len(views[cls])
            rec = build(cls, item, name, path_prefix, problems, views[cls])
            if rec is not None:
                records[cls].append(rec)
            view = views[cls][-1] if len(views[cls]) > before else None
            past_draft = cls is CaseStudy and view is not None and view.maturity not in (None, "draft")
            problems += _check_text(item, path_prefix, name, past_draft)
    lib_problems = list(problems)
    precondition_files = [_name(root, p) for p in files if p.name == "preconditions.yaml" and _name(root, p) not in unreadable]
    lib_problems += _check_preconditions(views[Precondition], precondition_files[0] if precondition_files else None, letters_written)
    lib_problems += _check_case_studies(views[CaseStudy])
    lib_problems += _check_unique(views[Place], "slug", "place") + _check_unique(views[Place], "name", "place")
    lib_problems += _check_place_slugs(views[CaseStudy], views[Place])
    lib_problems += _check_unique(views[Term], "term", "glossary term")
    lib_problems += _check_unique(views[Pathway], "id", "pathway")
    lib_problems += addresses.check(addresses.claims(views[Precondition], views[CaseStudy], views[Place], views[Pathway], slugify), root)
    lib = Library(
        root=root,
        preconditions=tuple(sorted(records[Precondition], key=lambda p: p.id)),
        case_studies=tuple(sorted(records[CaseStudy], key=lambda c: (c.title.lower(), c.id))),
        places=tuple(records[Place]),
        glossary=tuple(sorted(records[Term], key=lambda t: t.term.lower())),
        pathways=tuple(records[Pathway]),
        problems=sorted(set(lib_problems)),
    )
    lib.problems = sorted(set(lib.problems) | set(_check_pathways(lib)))
    return lib


def _first_line(cls) -> str:
    info = next(f for f in fields_of(cls) if f.required)
    return f"{info.name}: {info.spec.example}"


def _name(root: Path, path: Path) -> str:
    """How a file is named in messages: from the project root, else from the current folder.

    The path as given, never where a symbolic link points: nothing of a link's target is shown.
    """
    for base in (root, Path.cwd()):
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            continue
    return str(path)


LINKED = ("is a symbolic link, or inside a linked folder. The library reads only files stored in the repository's own "
          "data/ folder, never what a link points to: replace the link with the file itself, "
          "for example: a real file data/case_studies/my-case-study.yaml")


def _through_link(root: Path, path: Path) -> bool:
    """Whether `path`, or a folder between the project and it, is a symbolic link (it would be read from elsewhere)."""
    path = Path(os.path.abspath(path))
    inside = [p for p in path.parents if p.is_relative_to(root) and p != root]
    return path.is_symlink() or any(p.is_symlink() for p in inside)


def _kind_of(path: Path):
    """The record class a file holds, and whether it holds a list: known by its name, as in FILES."""
    for pattern, cls, is_list, _ in FILES:
        if Path(pattern).name == path.name or (pattern.endswith("/*.yaml") and path.name not in _LIST_FILES):
            return cls, is_list
    return None


_LIST_FILES = {Path(pattern).name for pattern, _, is_list, _ in FILES if is_list}


def _check_preconditions(preconditions: list, file: str | None, letters_written: set) -> list[Problem]:
    out = Problems()
    out += _check_unique(preconditions, "id", "precondition") + _check_unique(preconditions, "slug", "precondition")
    present = {p.id for p in preconditions} | letters_written
    if file:
        for letter in LETTERS:
            if letter not in present:
                out.add(file, 1, "(file)", f"has no precondition {letter}; the framework has nine, A to I, and each needs an entry, "
                                           f"for example: - id: {letter}")
    for p in preconditions:
        if p.id and p.group and p.group != _group_of(p.id):
            out.add(p.origin.file, p.origin.line_of("group"), f"{_at(p)}.group",
                    f"is {p.group!r}, but precondition {p.id} is one of the {_group_of(p.id)} (A to D are vision, E to I behaviours), "
                    f"for example: group: {_group_of(p.id)}")
        if p.in_the_report is not None:
            out += _check_verdict(p.in_the_report)
        other = "A" if p.id != "A" else "B"
        for rel in p.related:
            if rel.precondition == p.id:
                out.add(p.origin.file, rel.origin.line, f"{rel.origin.path}.precondition",
                        f"{p.id} cannot be related to itself; name another precondition, for example: precondition: {other}")
        for pair in p.tell_apart:
            if pair.precondition == p.id:
                out.add(p.origin.file, pair.origin.line, f"{pair.origin.path}.precondition",
                        f"{p.id} cannot be told apart from itself; name the precondition it is mistaken for, for example: precondition: {other}")
    pairs: dict = {}  # {letter, letter} -> (the precondition it is written under, the entry)
    for p in preconditions:
        for pair in p.tell_apart:
            key = frozenset((p.id, pair.precondition))
            if key in pairs and len(key) == 2:
                owner, first = pairs[key]
                out.add(p.origin.file, pair.origin.line, f"{pair.origin.path}.precondition",
                        f"{p.id} and {pair.precondition} are already told apart under {owner} (line {first.origin.line}); a pair is "
                        f"written once, on either precondition, and shown on both pages. Delete this entry or merge it into that one, "
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
            add("basis", "is reported, so add the report's own short verdict, in its words, for example: verdict: a potential asset")
        if "pages" not in written:
            add("basis", "is reported, so add the page the verdict is quoted from, for example: pages: [14]")
        if "presence" in written:
            add("presence", "goes only with basis: editorial. A reported verdict is the report's own words, in verdict: "
                            "delete this line, or if the report gives no verdict, for example: basis: editorial")
    elif verdict.basis == "editorial":
        for name in ("verdict", "pages"):
            if name in written:
                add(name, "goes only with basis: reported, when the report gives its own verdict. With basis: editorial the "
                          "report gives none and presence holds our reading: delete this line, for example: presence: in pockets")
        if "presence" not in written:
            add("basis", "is editorial, so add our reading on the place scale (not yet visible, in pockets, widespread or "
                         "embedded), for example: presence: in pockets")
    return out


def _group_of(letter: str) -> str:
    return GROUPS[0] if letter in "ABCD" else GROUPS[1]


def _check_case_studies(cases: list) -> list[Problem]:
    """Checks on each case study, on whatever of it could be read: a misspelt field elsewhere hides none of these."""
    out = Problems()
    owners: dict = {}
    for case in sorted(cases, key=_valid_first):
        file = case.origin.file
        stem = Path(file).name
        if case.id and FILE_NAME.match(stem) and stem[: -len(".yaml")] != case.id:
            out.add(file, case.origin.line_of("id"), "id",
                    f"is {case.id!r} but the file is named {stem!r}; rename the file to {case.id}.yaml or change the id to {stem[:-5]!r}, "
                    f"for example: id: {stem[:-5]}")
        for name in (case.id, *case.redirect_from):
            if name is None:
                continue
            if name in owners and owners[name] is not case:
                field_name = "id" if name == case.id else "redirect_from"
                example = f"{field_name}: " + (f"{name}-2" if field_name == "id" else f"[{name}-2]")
                out.add(file, case.origin.line_of(field_name), field_name,
                        MESSAGES["id_taken"].format(name=repr(name), file=owners[name].origin.file, example=example))
            else:
                owners[name] = case
        out += _check_evidence(case)
        if case.maturity not in (None, "draft"):
            for name in ("last_reviewed", "next_review"):
                if name not in case.origin.lines:  # absent, not merely invalid: that is reported where it is written
                    out.add(file, case.origin.line, name,
                            f"is missing: a {case.maturity} case study needs the date it was last reviewed and when it is next due, "
                            f"as YYYY-MM-DD, for example: {name}: 2026-11-01")
        for name in ("last_reviewed", "next_review"):
            value = getattr(case, name)
            if value is not None and _date(value) is None:
                out.add(file, case.origin.line_of(name), name, f"{value!r} is not a real date; write it as YYYY-MM-DD, for example: {name}: 2026-11-01")
        last, following = _date(case.last_reviewed or ""), _date(case.next_review or "")
        if last and following and following <= last:
            out.add(file, case.origin.line_of("next_review"), "next_review",
                    f"{case.next_review} is not after last_reviewed ({case.last_reviewed}); the next review comes later, "
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
                    f"{letter} already has an entry in this case study (line {first[letter].origin.line_of('precondition')}); "
                    f"a case study says one thing about each precondition. Merge the two findings into that entry, keeping "
                    f"both sides, and delete this one; where it was in place in some parts and missing in others, "
                    f"for example: status: mixed")
        else:
            first[letter] = entry
    anchors = {f"evidence-{letter.lower()}" for letter in first}
    for entry in case.evidence:
        for i, old in enumerate(entry.redirect_from):
            if old in anchors:
                out.add(case.origin.file, entry.origin.line_of("redirect_from"), f"{entry.origin.path}.redirect_from[{i + 1}]",
                        f"{old!r} is already an anchor on this page (of a finding, or listed under another), so it cannot "
                        f"also lead to this finding; list each former anchor once, for example: redirect_from: [{old}-2]")
            anchors.add(old)
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


def _check_pathways(lib: Library) -> list[Problem]:
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
            example = f"{value}-2" if re.match(SLUG, value) else next(f.spec.example for f in fields_of(_CLASS[noun]) if f.name == attr)
            out.add(rec.origin.file, rec.origin.line_of(attr), f"{_at(rec)}.{attr}" if _at(rec) else attr,
                    f"{value!r} is already the {attr} of another {noun} ({first.origin.file}:{first.origin.line_of(attr)}); "
                    f"each {noun} needs its own, for example: {attr}: {example}")
        else:
            seen[value] = rec
    return out


_CLASS = {"precondition": Precondition, "place": Place, "glossary term": Term, "pathway": Pathway}


def _check_text(node, prefix: str, file: str, past_draft: bool) -> list[Problem]:
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
            out.add(file, line, path, f"still holds the template's placeholder ({text.strip()[:40]!r}); write the real text, "
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


def as_data(rec) -> object:
    """A record as plain JSON-ready data, without where it was read from."""
    if isinstance(rec, Record):
        return {f.name: as_data(getattr(rec, f.name)) for f in dataclasses.fields(rec) if f.name != "origin"}
    if isinstance(rec, tuple):
        return [as_data(item) for item in rec]
    return rec
