"""Every address a record asks for, checked against the addresses the site already has.

A record's id, slug or `redirect_from` becomes a page's address. It may not land on a page the site
makes anyway (an index, a numbered listing page, a precondition's short link, a hand-written page in
docs/), on another record's address, or on a name Windows cannot give a file (the offline zip must
unpack there): each is refused with the file, line and field, and what it collides with. The build
checks again as it adds the pages (hooks/library.py), so a page can never replace another silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import urls
from .problems import Problems
from .schema import LETTERS, RESERVED_NAMES

MESSAGE = ("{value!r} would give {what} the address {address}, which is already {owner}; choose another, for example: "
           "{example}")
WINDOWS = ("{value!r} is a name Windows keeps for a device, so the offline copy could not hold a page named so; choose "
           "another, for example: {example}")


@dataclass(frozen=True)
class Claim:
    """An address a record asks for: its source path, and where the request is written."""

    src_uri: str
    value: str  # the id, slug or former name as written
    what: str  # "this case study", "a redirect to this precondition"
    kind: str  # "precondition", "case study", "place", "pathway"
    redirect: bool
    file: str
    line: int
    field: str


def claims(preconditions, case_studies, places, pathways, place_slug) -> list[Claim]:
    """Every address the records ask for; `place_slug` makes a place's slug from a name only case studies give."""
    out = []

    def add(folder, value, kind, rec, name, index=None, slug=None):
        if not value:
            return
        path = _field(rec, name) + ("" if index is None else f"[{index + 1}]")
        what = f"this {kind}" if index is None else f"a redirect to this {kind}"
        out.append(Claim(f"{folder}/{slug or value}.md", value, what, kind, index is not None, rec.origin.file,
                         rec.origin.line_of(name), path))

    for p in preconditions:
        add("preconditions", p.slug, "precondition", p, "slug")
        for i, old in enumerate(p.redirect_from or ()):
            add("preconditions", old, "precondition", p, "redirect_from", i)
    for c in case_studies:
        add("case-studies", c.id, "case study", c, "id")
        for i, old in enumerate(c.redirect_from or ()):
            add("case-studies", old, "case study", c, "redirect_from", i)
    named = {pl.name for pl in places if pl.name}
    for pl in places:
        add("places", pl.slug, "place", pl, "slug")
    for c in case_studies:
        if c.place and c.place not in named:
            add("places", c.place, "place", c, "place", slug=place_slug(c.place))
    for pw in pathways:
        add("pathways", pw.id, "pathway", pw, "id")
    return out


def site_addresses(root: Path) -> dict[str, str]:
    """URL (as with directory URLs) -> what the site already has there, before any record asks."""
    out = {}
    docs = root / "docs"
    for path in sorted(docs.rglob("*")) if docs.is_dir() else ():
        if path.is_file():
            src = path.relative_to(docs).as_posix()
            out[_url(src)] = f"the page docs/{src}"
    out.update({_url(src): name for src, name in urls.INDEXES.items()})
    out.update({folder + "/": name for folder, name in urls.LISTING_FOLDERS.items()})
    out.update({urls.short_link(letter): f"the short link of precondition {letter}" for letter in LETTERS})
    return out


def reserved_in(root: Path, folder: str) -> frozenset[str]:
    """The names a record may not take in `folder` ('case-studies'): the site's own pages there, and Windows' device
    names."""
    prefix = folder + "/"
    own = {url[len(prefix):].strip("/") for url in site_addresses(root) if url.startswith(prefix)}
    return frozenset({"index"} | {name for name in own if name and "/" not in name}) | RESERVED_NAMES


def check(claims_made: list[Claim], root: Path) -> Problems:
    problems = Problems()
    taken = site_addresses(root)
    owners: dict[str, Claim] = {}
    # a page keeps its address; a redirect is told to change
    for claim in sorted(claims_made, key=lambda c: c.redirect):
        example = _example(claim)
        if claim.value.lower() in RESERVED_NAMES:
            problems.add(claim.file, claim.line, claim.field, WINDOWS.format(value=claim.value, example=example))
            continue
        address = _url(claim.src_uri)
        if address in taken:
            problems.add(claim.file, claim.line, claim.field,
                         MESSAGE.format(value=claim.value, what=claim.what, address=address,
                                        owner=taken[address], example=example))
            continue
        first = owners.setdefault(address, claim)
        # Ids and slugs that repeat are reported by the checks of each kind (library.py), and so are case studies'
        # redirects; a precondition's redirect that lands on another precondition's address is reported here.
        if first is not claim and claim.kind == "precondition" and (claim.redirect or first.redirect):
            owner = f"{first.what.replace('this ', 'the ')} in {first.file} (line {first.line})"
            problems.add(claim.file, claim.line, claim.field,
                         MESSAGE.format(value=claim.value, what=claim.what, address=address,
                                        owner=owner, example=example))
    return problems


def _example(claim: Claim) -> str:
    name = claim.field.rsplit(".", 1)[-1].split("[")[0]
    if claim.redirect:
        return f"{name}: [{claim.value}-2]"
    return f"{name}: {claim.value} Borough" if name == "place" else f"{name}: {claim.value}-2"


def _url(src_uri: str) -> str:
    return urls.page_url(src_uri, use_directory_urls=True)


def _field(rec, name: str) -> str:
    path = rec.origin.path
    return f"{path}.{name}" if path else name
