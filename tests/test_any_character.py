"""Any text, in any text field of any record, is refused with its file, line and field, or published as text.

Hypothesis writes text from all of Unicode (controls, noncharacters, lone surrogates, combining marks,
unassigned and private-use code points) mixed with the syntax of everything that has ever parsed
contributed text here: HTML, Markdown, Python-Markdown's attribute lists, Jinja, front matter, and the
library's own placeholders. The text goes into one field, found by walking the schema (tests/hostile.py),
of a real record in a copy of the project. Then either validation refuses it, naming the file, the line
the field is written on and the field itself; or every page and every block of data the site renders is
made, and holds only the elements and attributes the library's own pages hold (no new tag, no event
handler, no unsafe address), with the record's title and description as its page's meta.

The build-level proof (that no character of a record reaches Python-Markdown, MkDocs' front-matter reader
or Jinja's parser, and that the built pages say so in Chromium) is in test_security.py and
test_security_browser.py. Examples that once got through are kept below as explicit cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from macros import library, pages
from macros.schema import CaseStudy, Pathway, Place, Precondition, Term
from tests.support import ROOT, copy_project, hostile
from tests.support.html_reader import Elements, elements
from tests.support.records import RENDERER, TEXT

# (record class, file, index of the record in a list file): a real record of each kind is the base.
RECORDS = {
    CaseStudy: ("data/case_studies/coventry-ignite.yaml", None),
    Precondition: ("data/preconditions.yaml", 4),
    Place: ("data/places.yaml", 1),  # a place no case study names: a new name then refuses nothing elsewhere
    Term: ("data/glossary.yaml", 0),
    Pathway: ("data/pathways.yaml", 0),
}
SLOTS = [slot for cls in RECORDS for slot in hostile.text_slots(cls)]
SAFE_HREF = re.compile(r"^(https?://|mailto:|#|\.\./|\./|[a-z0-9?])", re.I)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("unicode") / "project")


@pytest.fixture(scope="module")
def allowed(project) -> set:
    """(tag, attribute names) of every element the library's pages and blocks hold with the real data."""
    return RENDERER | elements(everything_rendered(library.load(project)))


def everything_rendered(lib) -> list[str]:
    """The HTML of every generated page and of every block of data a hand-written page places."""
    maker = pages.PageMaker(lib, ROOT / "overrides" / "library", permalink="&para;",
                            permalink_title="Link to this section")
    out = [page.html for page in maker.pages()] + [file.content for file in maker.redirects()]
    for template, context in BLOCKS:
        out.append(maker.render(template, "docs/page.md", site_url="https://example.org/library/", **context))
    return out


def blocks() -> list[tuple[str, dict]]:
    """Every library_block a hand-written page places, with its arguments (the studio's form needs more than data)."""
    found = set()
    for page in (ROOT / "docs").rglob("*.md"):
        for template, name, value in re.findall(r'library_block\("([^"]+)"(?:, (\w+)="([^"]*)")?\)',
                                                page.read_text(encoding="utf-8")):
            found.add((template, (name, value) if name else None))
    return [(template, dict([pair]) if pair else {}) for template, pair in sorted(found, key=str)]


BLOCKS = blocks()


def hrefs(htmls: list[str]) -> list[str]:
    parser = Elements()
    for text in htmls:
        parser.feed(text)
    return parser.hrefs


def plant(project: Path, slot: hostile.Slot, text: str) -> tuple[str, int | None]:
    """Write `text` into `slot` of the base record of its kind; returns the file and the record's index."""
    file, index = RECORDS[slot.cls]
    path = project / file
    data = yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))
    record = data if index is None else data[index]
    hostile._place(record, slot.cls, slot.path, text)
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1000), encoding="utf-8")
    return file, index


def field_line(project: Path, file: str, field: str) -> int:
    """The line the field at `field` ('[5].vignette.situation', 'evidence[1].finding') is written on, read back by
    PyYAML's own Python reader (which takes even an escape for half a character, that the library's refuses)."""
    node = yaml.compose((project / file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for part in re.findall(r"\[(\d+)\]|([A-Za-z_]+)", field):
        index, name = part
        node = node.value[int(index) - 1] if index else next(value for key, value in node.value if key.value == name)
    return node.start_mark.line + 1


def restore(project: Path) -> None:
    for file, _ in RECORDS.values():
        (project / file).write_text((ROOT / file).read_text(encoding="utf-8"), encoding="utf-8")


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(slot=st.sampled_from(SLOTS), text=TEXT)
# Examples that once got through: the front-matter breaker of issue 18, in a summary and in a title.
@example(slot=next(s for s in SLOTS if s.cls is CaseStudy and s.name == "summary"),
         text="Hi *there*{tabindex=0 autofocus onfocus=alert(document.domain)} \x80")
@example(slot=next(s for s in SLOTS if s.cls is Place and s.name == "name"), text="Town\x85{onfocus=alert(1)}")
@example(slot=next(s for s in SLOTS if s.cls is CaseStudy and s.name == "title"), text="A\n# B {onclick=alert(1)}")
# An escape for half a character, which the YAML reader itself refuses.
@example(slot=next(s for s in SLOTS if s.cls is CaseStudy and s.name == "id"), text="\ud800")
def test_any_text_is_refused_where_it_is_written_or_published_as_text(project, allowed, slot, text):
    try:
        file, index = plant(project, slot, text)
        lib = library.load(project)
        field = (f"[{index + 1}]." if index is not None else "") + re.sub(r"\[\]", "[1]", slot.name)
        if lib.problems:
            # A text YAML itself cannot hold (half of a character) is refused by the reader, before fields exist.
            here = [p for p in lib.problems if p.file == file and p.field in (field, "(yaml)")]
            assert here, (f"{slot.name} = {text!r} was refused, but no problem names {file} and {field}: "
                          f"{lib.problems[:3]}")
            assert all(p.line == field_line(project, file, field)
                       for p in here), (here, field_line(project, file, field))
            return
        rendered = everything_rendered(lib)
        extra = elements(rendered) - allowed
        assert not extra, f"{slot.name} = {text!r} made elements the library never writes: {sorted(extra)}"
        unsafe = [h for h in hrefs(rendered) if not SAFE_HREF.match(h.strip())]
        assert not unsafe, f"{slot.name} = {text!r} made unsafe addresses: {unsafe}"
        maker = pages.PageMaker(lib, ROOT / "overrides" / "library")
        for page in maker.pages():
            record = meta_record(lib, page.meta.get("record", ""))
            if record is not None:
                title, description = record
                assert page.meta["title"] == title and page.meta["description"] == description, page.src_uri
    finally:
        restore(project)


def meta_record(lib, record: str) -> tuple[str, str] | None:
    """(title, description) a record's page must carry, from the record itself."""
    kind, _, key = record.partition(":")
    if kind == "case-study":
        c = lib.by_id[key]
        return c.title, c.summary
    if kind == "precondition":
        p = lib.by_letter[key]
        return f"{p.id}. {p.title}", p.summary
    if kind == "place":
        pl = next(p for p in lib.all_places if p.slug == key)
        return pl.name, pl.summary or f"Case studies from {pl.name}"
    if kind == "pathway":
        pw = next(p for p in lib.pathways if p.id == key)
        return pw.title, pw.summary
    return None


def test_every_text_field_of_every_record_is_tried():
    assert {slot.cls for slot in SLOTS} == set(RECORDS)
    assert len(SLOTS) > 40
    assert BLOCKS and all((ROOT / "overrides" / "library" / template).is_file() for template, _ in BLOCKS)
