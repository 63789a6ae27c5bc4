"""`python -m macros new-case-study`: a new case study file, copied from the template with its
title, place, themes and id filled in, then checked like any other data file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from . import ROOT, addresses, case_yaml, library
from .problems import Problem
from .schema import CaseStudy
from .spec import fields_of

TEMPLATE = Path("data") / "templates" / "case-study.yaml"
FOLDER = Path("data") / "case_studies"
PLACES = Path("data") / "places.yaml"
MAX_ID = next(f.spec.max_length for f in fields_of(CaseStudy) if f.name == "id")
RESERVED_IDS = addresses.reserved_in(ROOT, "case-studies")
# Words trimmed from the ends of a title's slug, so "Ignite in Coventry" gives coventry-ignite.
EDGE_WORDS = {"a", "an", "and", "at", "across", "for", "in", "of", "the"}
# A name the site keeps for itself ('index', a Windows device name) gets this after it, so it stays the case study's.
RESERVED_SUFFIX = "-case-study"
# Themes typed as words: separated by commas, semicolons or lines; '&' is 'and', and hyphens, underscores and slashes
# join words with a space; the dots and spaces at either end go.
THEME_SEPARATOR = re.compile(r"[,\n;]")
THEME_JOINER = re.compile(r"[-_/]+")
THEME_AMPERSAND = " and "
THEME_TRIM = " ."
PLACEHOLDER = re.compile(r"\breplace\b", re.IGNORECASE)
SERVE_PORT = 8000  # make serve's port unless PORT= is given (the Makefile's PORT)


class ScaffoldError(Exception):
    """Something the person running the command can fix; the message says how."""


def case_study_id(place: str, title: str) -> str:
    """The id for a case study: the place, then the title without the place's name.

    'Coventry' + 'Homelessness and housing in Coventry' -> 'coventry-homelessness-and-housing'.
    """
    place_words = library.slugify(place).split("-") if library.slugify(place) else []
    words = [w for w in library.slugify(title).split("-") if w]
    for start in range(len(words) - len(place_words) + 1):
        if place_words and words[start:start + len(place_words)] == place_words:
            words = words[:start] + words[start + len(place_words):]
            break
    while words and words[0] in EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in EDGE_WORDS:
        words.pop()
    slug = "-".join(place_words + words)
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0]
    return slug + RESERVED_SUFFIX if slug in RESERVED_IDS else slug


def split_themes(text: str) -> list[str]:
    """'Housing, Young People' -> ['housing', 'young people']: tags as the schema wants them."""
    out = []
    for raw in THEME_SEPARATOR.split(text):
        theme = THEME_JOINER.sub(" ", raw.replace("&", THEME_AMPERSAND)).lower()
        theme = " ".join(theme.split()).strip(THEME_TRIM)
        if theme and theme not in out:
            out.append(theme)
    return out


def fill(template: str, values: dict[str, str]) -> str:
    """The template with the top-level line of each field in `values` replaced by 'field: value'."""
    for field, value in values.items():
        pattern = re.compile(rf"^{field}:.*$", re.MULTILINE)
        if not pattern.search(template):
            raise ScaffoldError(f"{TEMPLATE} has no '{field}:' line to fill in; restore it from git.")
        template = pattern.sub(lambda _, line=f"{field}: {value}": line, template, count=1)
    return template


def create(root: Path, title: str, place: str, themes: list[str] | None = None, case_id: str | None = None) -> Path:
    """Write data/case_studies/<id>.yaml under `root` and return its path; never overwrite a file."""
    title, place = " ".join(title.split()), " ".join(place.split())
    if not title or not place:
        raise ScaffoldError("A case study needs both a title and a place, for example: "
                            "--title \"Youth homelessness in Leeds\" --place Leeds")
    if not library.slugify(place):  # its page's address is made from the name
        raise ScaffoldError(f"The place {place!r} has no Latin letters or digits to make its page's address from; "
                            "write it in Latin letters, for example: --place Tokyo")
    case_id = case_id or case_study_id(place, title)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id or ""):
        raise ScaffoldError(f"{case_id!r} cannot be an id: use lower-case letters, digits and single hyphens, "
                            "for example: --id leeds-youth-homelessness")
    path = root / FOLDER / f"{case_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists, and this command never overwrites a "
                            "file. "
                            f"Choose another title, or give another id with --id, for example: --id {case_id}-2")
    used_by = taken_by(root, case_id)
    if used_by:
        raise ScaffoldError(f"The id {case_id!r} is already used by {used_by}. Choose another title, or give another "
                            "id "
                            f"with --id, for example: --id {case_id}-2")
    values = {"id": case_id, "title": case_yaml.scalar(title), "place": case_yaml.scalar(place)}
    if themes:
        values["themes"] = case_yaml.flow_list(themes)
    text = fill((root / TEMPLATE).read_text(encoding="utf-8"), values)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite, even in a race
        out.write(text)
    return path


def problems_in(root: Path, path: Path, replaces: Path | None = None) -> list[Problem]:
    """Problems with one new case study file, checked beside the others (less the one it `replaces`) and the listed
    places,
    so a place written two ways is caught."""
    places = [root / PLACES] if (root / PLACES).is_file() else []
    lib = library.load(root, [*places, *_others(root, path, replaces), path])
    name = library._name(root, path)
    return [p for p in lib.problems if p.file == name]


def taken_by(root: Path, case_id: str, replaces: Path | None = None) -> str | None:
    """The case study file that already uses `case_id` as its id or a former id, if any."""
    lib = library.load(root, _others(root, replaces))
    return next((c.origin.file for c in lib.case_studies if case_id in (c.id, *c.redirect_from)), None)


def _others(root: Path, *skip: Path | None) -> list[Path]:
    folder = root / FOLDER
    skipped = {p.resolve() for p in skip if p is not None}
    return [p for p in sorted(folder.glob("*.yaml")) if p.resolve() not in skipped] if folder.is_dir() else []


def placeholder_lines(path: Path) -> list[int]:
    """Lines that still hold a placeholder to replace (comments are not counted)."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if not line.lstrip().startswith("#") and PLACEHOLDER.search(line)]


def site_path(root: Path) -> str:
    """The path the site is published under, from site_url in mkdocs.yml ('/library/'); `mkdocs serve` serves it there
    too."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def served_address(root: Path, case_id: str, port: int = SERVE_PORT) -> str:
    """Where `make serve` shows a case study's page."""
    return f"http://127.0.0.1:{port}{site_path(root)}case-studies/{case_id}/"


def next_steps(root: Path, path: Path) -> str:
    name = path.relative_to(root).as_posix()
    lines = placeholder_lines(path)
    where = f" ({len(lines)} left, on lines {', '.join(map(str, lines))})" if lines else ""
    return "\n".join([
        f"Created {name}, a draft case study.",
        "Next:",
        f"  1. Open {name} and replace every value marked REPLACE{where}.",
        "     The notes starting with # explain each field.",
        f"  2. Check it: .venv/bin/python -m macros validate {name}",
        f"  3. See it: make serve, then open {served_address(root, path.stem)}",
        f"     (if you serve on another port, with make serve PORT={SERVE_PORT + 1}, write {SERVE_PORT + 1} instead of "
        f"{SERVE_PORT})",
        "  4. Open a pull request. Its checklist lists what a reviewer looks for.",
        "The guide: CONTRIBUTING.md, or 'Contribute' on the site.",
    ])
