"""Load every data file once, check the records against each other, and index them for the pages."""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import crosschecks, urls, yamlfile
from .problems import Problem, Problems
from .schema import FILE_NAME, FILES, LETTERS, SLUG_HELP, STATUSES, CaseStudy, Pathway, Place, Precondition, Term
from .slugs import slugify
from .spec import Record, fields_of
from .validate import build


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
                self.place_by_name[case.place] = Place(name=case.place, slug=slugify(case.place), summary="",
                                                       context="", sources=())
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
                f"{len(self.all_places)} places, {len(self.glossary)} glossary terms and {len(self.pathways)} pathways "
                "are valid")

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
    found = [root / pattern for pattern, _, is_list, _ in FILES if is_list
             and ((root / pattern).exists() or (root / pattern).is_symlink())]
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
    # every record as far as it could be read, valid or not: the checks across records use these
    views = defaultdict(list)
    letters_written = set()  # precondition ids as written, valid or not, so a broken entry is not also "missing"
    unreadable = set()
    for path in files:
        name = _name(root, path)
        if _through_link(root, path):
            problems.add(name, 1, "(file)", LINKED)
            continue
        if path.suffix != ".yaml":
            problems.add(name, 1, "(file name)",
                         f"ends in {path.suffix or 'nothing'!r}; a data file must end in .yaml, for example: "
                         "my-case-study.yaml")
            continue
        cls, is_list = _kind_of(path)
        if cls is CaseStudy and not re.match(FILE_NAME, path.name):  # from the path alone, whatever the file holds
            problems.add(name, 1, "(file name)",
                         f"{path.name!r} is not a valid file name: use the case study's id, in {SLUG_HELP}, followed "
                         "by .yaml, "
                         f"for example: {slugify(path.stem) or 'my-case-study'}.yaml")
        node = yamlfile.read(path, name, problems)
        if node is None:
            unreadable.add(name)  # its problem is reported; nine "missing precondition" lines would only hide it
            continue
        if is_list and not isinstance(node, yamlfile.Sequence):
            problems.add(name, node.line, "(file)",
                         f"must be a list of records, each starting with '- '; found {yamlfile.kind_of(node)}. "
                         f"For example: - {_first_line(cls)}")
            problems += crosschecks.check_text(node, "", name, False)
            continue
        items = [(item, f"[{i + 1}]") for i, item in enumerate(node.items)] if is_list else [(node, "")]
        if cls is Precondition:
            letters_written |= {v.value for item, _ in items for v in [yamlfile.value_of(item, "id")]
                                if isinstance(v, yamlfile.Scalar)}
        for item, path_prefix in items:
            before = len(views[cls])
            rec = build(cls, item, name, path_prefix, problems, views[cls])
            if rec is not None:
                records[cls].append(rec)
            view = views[cls][-1] if len(views[cls]) > before else None
            past_draft = cls is CaseStudy and view is not None and view.maturity not in (None, "draft")
            problems += crosschecks.check_text(item, path_prefix, name, past_draft)
    precondition_files = [_name(root, p) for p in files if p.name == "preconditions.yaml"
                          and _name(root, p) not in unreadable]
    lib_problems = (list(problems)
                    + crosschecks.check(views, precondition_files[0] if precondition_files else None, letters_written,
                                        root))
    lib = Library(
        root=root,
        preconditions=tuple(sorted(records[Precondition], key=lambda p: p.id)),
        case_studies=tuple(sorted(records[CaseStudy], key=lambda c: (c.title.lower(), c.id))),
        places=tuple(records[Place]),
        glossary=tuple(sorted(records[Term], key=lambda t: t.term.lower())),
        pathways=tuple(records[Pathway]),
        problems=sorted(set(lib_problems)),
    )
    lib.problems = sorted(set(lib.problems) | set(crosschecks.check_pathways(lib)))
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


def as_data(rec) -> object:
    """A record as plain JSON-ready data, without where it was read from."""
    if isinstance(rec, Record):
        return {f.name: as_data(getattr(rec, f.name)) for f in dataclasses.fields(rec) if f.name != "origin"}
    if isinstance(rec, tuple):
        return [as_data(item) for item in rec]
    return rec
