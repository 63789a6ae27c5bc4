"""Load every data file once, check the records against each other, and index them for the pages."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import personal_data, yamlfile
from .problems import Problem, Problems
from .schema import FILES, LETTERS, SLUG_HELP, STATUSES, CaseStudy, Pathway, Place, Precondition, Term
from .spec import Record, fields_of
from .validate import build

GENERATED_INDEXES = {"preconditions/index.md", "case-studies/index.md", "places/index.md"}
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
        for p in self.preconditions:
            for rel in p.related:
                self.related_from[rel.precondition].append((p, rel))
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

    def theme_counts(self) -> dict[str, dict[str, Counter]]:
        """theme -> letter -> Counter of statuses, over published case studies."""
        counts = {theme: {letter: Counter() for letter in LETTERS} for theme in self.themes}
        for case in self.published:
            for theme in case.themes:
                for entry in case.evidence:
                    counts[theme][entry.precondition][entry.status] += 1
        return counts

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
        return key if key in GENERATED_INDEXES or (self.root / "docs" / key).is_file() else None


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")


_cache: dict = {}


def load(root: Path | str, paths: list[Path] | None = None) -> Library:
    """The library under `root`, read from disk only when a data file changed since the last call."""
    root = Path(root).resolve()
    files = _data_files(root) if paths is None else [Path(p).resolve() for p in paths]
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
    found = [root / pattern for pattern, _, is_list, _ in FILES if is_list and (root / pattern).exists()]
    # Every file in the case-study folder, so one saved as .yml or .txt is reported, not skipped.
    folder = root / "data" / "case_studies"
    found += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
    return found


def _read(root: Path, files: list[Path]) -> Library:
    problems = Problems()
    records = defaultdict(list)
    letters_written = set()  # precondition ids as written, valid or not, so a broken entry is not also "missing"
    for path in files:
        name = _name(root, path)
        if path.suffix != ".yaml":
            problems.add(name, 1, "(file name)", f"ends in {path.suffix or 'nothing'!r}; a data file must end in .yaml, for example: my-case-study.yaml")
            continue
        cls, is_list = _kind_of(path)
        node = yamlfile.read(path, name, problems)
        if node is None:
            continue
        if is_list:
            if not isinstance(node, yamlfile.Sequence):
                problems.add(name, node.line, "(file)", f"must be a list of records, each starting with '- '; found {yamlfile.kind_of(node)}.")
                continue
            items = [(item, f"[{i + 1}]") for i, item in enumerate(node.items)]
            if cls is Precondition:
                letters_written |= {v.value for item, _ in items if isinstance(item, yamlfile.Mapping)
                                    for k, v in item.items if k.value == "id" and isinstance(v, yamlfile.Scalar)}
        else:
            items = [(node, "")]
        for item, path_prefix in items:
            rec = build(cls, item, name, path_prefix, problems)
            if rec is not None:
                records[cls].append(rec)
    lib_problems = list(problems)
    precondition_files = [_name(root, p) for p in files if p.name == "preconditions.yaml"]
    lib_problems += _check_preconditions(records[Precondition], precondition_files[0] if precondition_files else None, letters_written)
    lib_problems += _check_case_studies(records[CaseStudy])
    lib_problems += _check_unique(records[Place], "slug", "place") + _check_unique(records[Place], "name", "place")
    lib_problems += _check_unique(records[Term], "term", "glossary term")
    lib_problems += _check_unique(records[Pathway], "id", "pathway")
    for rec in [*records[Precondition], *records[CaseStudy], *records[Place], *records[Term]]:
        lib_problems += _check_personal_data(rec)
    for case in records[CaseStudy]:
        lib_problems += _check_placeholders(case)
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


def _name(root: Path, path: Path) -> str:
    """How a file is named in messages: from the project root, else from the current folder."""
    for base in (root, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def _kind_of(path: Path):
    """The record class a file holds, and whether it holds a list: known by its name, as in FILES."""
    for pattern, cls, is_list, _ in FILES:
        if Path(pattern).name == path.name or (pattern.endswith("/*.yaml") and path.name not in _LIST_FILES):
            return cls, is_list
    return None


_LIST_FILES = {Path(pattern).name for pattern, _, is_list, _ in FILES if is_list}


def _check_preconditions(preconditions: list[Precondition], file: str | None, letters_written: set) -> list[Problem]:
    out = Problems()
    out += _check_unique(preconditions, "id", "precondition") + _check_unique(preconditions, "slug", "precondition")
    present = {p.id for p in preconditions} | letters_written
    if file:
        for letter in LETTERS:
            if letter not in present:
                out.add(file, 1, "(file)", f"has no precondition {letter}; the framework has nine, A to I, and each needs an entry.")
    for p in preconditions:
        for i, rel in enumerate(p.related):
            line = rel.origin.line
            if rel.precondition == p.id:
                out.add(p.origin.file, line, f"{_at(p)}.related[{i + 1}].precondition", f"{p.id} cannot be related to itself; name another precondition.")
    return out


def _check_case_studies(cases: list[CaseStudy]) -> list[Problem]:
    out = Problems()
    owners: dict[str, CaseStudy] = {}
    for case in sorted(cases, key=lambda c: c.origin.file):
        file = case.origin.file
        stem = Path(file).name
        if not FILE_NAME.match(stem):
            out.add(file, 1, "(file name)",
                    f"{stem!r} is not a valid file name: use the case study's id, in {SLUG_HELP}, followed by .yaml, for example: {case.id}.yaml")
        elif stem[: -len(".yaml")] != case.id:
            out.add(file, case.origin.line_of("id"), "id",
                    f"is {case.id!r} but the file is named {stem!r}; rename the file to {case.id}.yaml or change the id to {stem[:-5]!r}.")
        for name in (case.id, *case.redirect_from):
            if name in owners and owners[name] is not case:
                field_name = "id" if name == case.id else "redirect_from"
                out.add(file, case.origin.line_of(field_name), field_name,
                        f"{name!r} is already used by {owners[name].origin.file}; choose an id no other case study uses.")
            else:
                owners[name] = case
        if case.maturity != "draft":
            for name in ("last_reviewed", "next_review"):
                if getattr(case, name) is None:
                    out.add(file, case.origin.line, name,
                            f"is missing: a {case.maturity} case study needs the date it was last reviewed and when it is next due, "
                            f"as YYYY-MM-DD, for example: {name}: 2026-11-01")
        for name in ("last_reviewed", "next_review"):
            value = getattr(case, name)
            if value is not None and _date(value) is None:
                out.add(file, case.origin.line_of(name), name, f"{value!r} is not a real date; write it as YYYY-MM-DD, for example: 2026-11-01")
        if case.last_reviewed and case.next_review and _date(case.last_reviewed) and _date(case.next_review):
            if _date(case.next_review) <= _date(case.last_reviewed):
                out.add(file, case.origin.line_of("next_review"), "next_review",
                        f"{case.next_review} is not after last_reviewed ({case.last_reviewed}); the next review comes later.")
    return out


def _check_pathways(lib: "Library") -> list[Problem]:
    """Every step names a page that exists: a renamed record or page must not leave a pathway broken."""
    out = Problems()
    for pathway in lib.pathways:
        for i, step in enumerate(pathway.steps):
            if lib.resolve(step.page) is None:
                out.add(pathway.origin.file, step.origin.line_of("page"), f"{pathway.origin.path}.steps[{i + 1}].page",
                        f"{step.page!r} is not a page in the library. Use precondition:<letter>, case-study:<id>, "
                        f"place:<slug> or page:<a file under docs/>, for example: page: precondition:E")
    return out


def _check_unique(records: list[Record], attr: str, noun: str) -> list[Problem]:
    out = Problems()
    seen: dict = {}
    for rec in records:
        value = getattr(rec, attr)
        if value in seen:
            first = seen[value]
            out.add(rec.origin.file, rec.origin.line_of(attr), f"{_at(rec)}.{attr}" if _at(rec) else attr,
                    f"{value!r} is already the {attr} of another {noun} ({first.origin.file}:{first.origin.line_of(attr)}); each {noun} needs its own.")
        else:
            seen[value] = rec
    return out


def _check_placeholders(case: CaseStudy) -> list[Problem]:
    """A case study past draft must not keep the template's "REPLACE" placeholders."""
    if case.maturity == "draft":
        return []
    return [Problem(case.origin.file, line, path,
                    f"still holds the template's placeholder ({text[:40]!r}); write the real text, or set maturity: draft until it is ready.")
            for path, line, text in _texts(case, "") if text.startswith("REPLACE")]


def _check_personal_data(rec: Record) -> list[Problem]:
    out = Problems()
    allowed = getattr(rec, "public_contact_details", ())
    for path, line, text in _texts(rec, _at(rec)):
        if path.endswith("public_contact_details") or "public_contact_details[" in path:
            continue
        for kind, match in personal_data.find(text, allowed):
            out.add(rec.origin.file, line, path, personal_data.message(kind, match))
    return out


def _texts(rec: Record, prefix: str):
    """(field path, line, text) for every text value in a record, nested records included."""
    for info in fields_of(type(rec)):
        value = getattr(rec, info.name)
        path = f"{prefix}.{info.name}" if prefix else info.name
        if isinstance(value, str):
            yield path, rec.origin.line_of(info.name), value
        elif isinstance(value, Record):
            yield from _texts(value, path)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                item_path = f"{path}[{i + 1}]"
                if isinstance(item, str):
                    yield item_path, rec.origin.line_of(f"{info.name}[{i}]"), item
                elif isinstance(item, Record):
                    yield from _texts(item, item_path)


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
