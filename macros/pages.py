"""Produce the library's pages from its records, using the templates in overrides/library/.

This module does not import MkDocs: `hooks/library.py` hands what it returns
to MkDocs (or ProperDocs, or anything else that can add a page to a build).
A page is HTML written by Jinja with autoescape, contributed text rendered by
`safe_markdown` and headings by `headings`; its title and description are
Python values. No part of it is Markdown, front matter or Jinja source, so no
character of a record can reach a parser other than ours (macros/escaping.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote_plus

import jinja2
import yaml
from markupsafe import Markup
from pymdownx.slugs import slugify

from . import explorer_data, headings, listings, reflection, relationship_map, urls
from .library import Library
from .outputs import GeneratedFile, GeneratedPage
from .safe_markdown import TextRenderer
from .schema import GROUP_MEANINGS, GROUPS, LETTERS, MATURITIES, PRESENCE, STATUSES
from .urls import evidence_anchors


def glossary_map(library: Library) -> dict[str, str]:
    """Every written form of every glossary term, mapped to its definition."""
    out = {}
    for term in library.glossary:
        for form in (term.term, *term.forms):
            out[form] = term.definition
    return out


def evidence_by_letter(case) -> dict[str, list]:
    """letter -> [(evidence entry, its anchor)] for one case study: the cells of its matrix row."""
    cells: dict[str, list] = {}
    for entry, anchor in zip(case.evidence, evidence_anchors(case)):
        cells.setdefault(entry.precondition, []).append((entry, anchor))
    return cells


def case_study_tags(case) -> list[str]:
    """Material tags (hierarchical, grouped on the tags page): themes, place, and each precondition's status."""
    evidence = sorted({f"Evidence/{e.precondition} {e.status}" for e in case.evidence})
    return [f"Theme/{t}" for t in case.themes] + [f"Place/{case.place}"] + evidence


def tag_label(library: Library, tag: str) -> str:
    """A tag in words, as a reader sees it: 'housing' for 'Theme/housing', 'Coventry' for 'Place/Coventry',
    'E. Trusted partners: mixed' for 'Evidence/E mixed'."""
    group, known, value = tag.partition("/")
    if not known:
        return tag
    if group == "Evidence":
        letter, status = value.split(" ")
        return f"{letter}. {library.by_letter[letter].short_title}: {status}"
    return value


def tag_counts(library: Library, group: str) -> list[tuple[str, str, str | None, object, int]]:
    """(tag, label, the explorer's query for it, or the place whose page it opens, case studies with it) for each
    tag of a group ('Theme', 'Place' or 'Evidence'): the tags page. Themes and findings open the explorer; a
    place opens its own page (every place has one, and had a tag, with case studies or none yet)."""
    if group == "Place":
        return [(f"Place/{pl.name}", pl.name, None, pl, len(library.case_studies_in(pl))) for pl in library.all_places]
    counts = Counter(tag for case in library.case_studies for tag in set(case_study_tags(case))
                     if tag.startswith(group + "/"))
    out = []
    for tag in sorted(counts, key=_tag_order):
        value = tag.split("/", 1)[1]
        if group == "Evidence":
            letter, status = value.split(" ")
            query = f"precondition={letter}&status={status}"
        else:
            query = f"{group.lower()}={quote_plus(value)}"
        out.append((tag, tag_label(library, tag), query, None, counts[tag]))
    return out


def _tag_order(tag: str) -> tuple:
    group, value = tag.split("/", 1)
    if group == "Evidence":
        letter, status = value.split(" ")
        return letter, STATUSES.index(status)
    return value.lower(), value


def idle_evidence_tags(library: Library) -> list[str]:
    """Evidence tags no case study carries now: the tags page keeps their anchors, which are published addresses."""
    used = {tag for case in library.case_studies for tag in case_study_tags(case)}
    return [tag for tag in (f"Evidence/{letter} {status}" for letter in LETTERS for status in STATUSES)
            if tag not in used]


_tag_slug = slugify(case="lower")  # the slugify Material's tags plugin uses by default


def tag_anchor(tag: str) -> str:
    """The anchor of a tag on the tags page as Material writes it: each level slugified ('tag:theme/early-help')."""
    return "tag:" + "/".join(_tag_slug(level, "-") for level in tag.split("/"))


def docs_title(root: Path, path: str) -> str:
    """The title of a hand-written page, from its front matter (or its file name)."""
    text = (root / "docs" / path).read_text(encoding="utf-8") if (root / "docs" / path).is_file() else ""
    match = re.match(r"---\n(.*?)\n---", text, re.S)
    if match:
        title = (yaml.safe_load(match.group(1)) or {}).get("title")
        if title:
            return str(title)
    return path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize()


def page_numbers(pages) -> str:
    """'p. 21', 'pp. 21–22' or 'pp. 10, 14, 17'."""
    pages = sorted(pages)
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p. {pages[0]}"
    if len(pages) == 2 and pages[1] == pages[0] + 1 or pages == list(range(pages[0], pages[-1] + 1)):
        return f"pp. {pages[0]}–{pages[-1]}"
    return "pp. " + ", ".join(map(str, pages))


class PageMaker:
    """Renders every generated page of one build, and the blocks of data that hand-written pages place."""

    def __init__(self, library: Library, templates: Path, use_directory_urls: bool = True,
                 renderer: TextRenderer | None = None,
                 permalink: str | None = None, permalink_title: str = ""):
        """`permalink` and `permalink_title` are the toc extension's: the symbol after each heading and its title."""
        self.library = library
        self.permalink, self.permalink_title = permalink, permalink_title
        self.use_directory_urls = use_directory_urls
        self.renderer = renderer or TextRenderer(glossary_map(library))
        self.block_context: dict = {}  # template -> a function giving what else it needs (the studio's questions)
        self._html_cache: dict[tuple[str, str], Markup] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(md=self._block, md_inline=self._inline, page_numbers=page_numbers,
                                # glossary terms in <abbr>, the rest escaped
                                terms=lambda text: Markup(self.renderer.text(str(text))))
        self.env.globals.update(
            step_target=self.step_target, record_target=self.record_target,
            lib=library, LETTERS=LETTERS, GROUPS=GROUPS, GROUP_MEANINGS=GROUP_MEANINGS, STATUSES=STATUSES,
            PRESENCE=PRESENCE, MATURITIES=MATURITIES, REFLECTION=reflection.data(),
            evidence_anchors=evidence_anchors, evidence_by_letter=evidence_by_letter, case_study_tags=case_study_tags,
            tag_anchor=tag_anchor,
            idle_evidence_tags=idle_evidence_tags, tag_counts=tag_counts, urls=urls,
            relationship_layout=relationship_map.layout, map_size=(relationship_map.WIDTH, relationship_map.HEIGHT),
            evidence_map=listings.evidence_map, best_first=listings.best_first, best_findings=listings.best_findings,
            FINDINGS_PER_STATUS=listings.FINDINGS_PER_STATUS, CASES_PER_PLACE=listings.CASES_PER_PLACE,
            first_screen=listings.EXPLORER_FIRST_SCREEN, rows_per_page=listings.ROWS_PER_PAGE,
            explorer_folder=lambda: explorer_data.folder(library), explorer_places=listings.explorer_places(library),
            records_per_file=listings.RECORDS_PER_FILE,
        )

    def _block(self, text):
        return self._cached("block", text)

    def _inline(self, text):
        return self._cached("inline", text)

    def _cached(self, kind, text):
        if text is None:
            return Markup("")
        key = (kind, text)
        if key not in self._html_cache:
            render = self.renderer.block if kind == "block" else self.renderer.inline
            self._html_cache[key] = render(text)
        return self._html_cache[key]

    def render(self, template: str, src_uri: str, **context) -> str:
        """The HTML of a block of data on the page at `src_uri` (a hand-written page's placeholder)."""
        extra = self.block_context.get(template)
        link = urls.Linker(src_uri, self.use_directory_urls)
        return self.env.get_template(template).render(link=link, src_uri=src_uri, **(extra() if extra else {}),
                                                      **context)

    def page(self, template: str, src_uri: str, source_path: str, **context) -> GeneratedPage:
        """A whole generated page: the template sets `meta` and writes its headings with `toc.heading`."""
        toc = headings.PageHeadings(self.renderer, self.permalink, self.permalink_title)
        link = urls.Linker(src_uri, self.use_directory_urls)
        module = self.env.get_template(template).make_module(dict(link=link, src_uri=src_uri, toc=toc, **context))
        body, tokens = toc.finish(str(module).lstrip())
        return GeneratedPage(src_uri, {**module.meta, "source_path": source_path}, body, tokens)

    def record_target(self, ref: str) -> tuple[str, str]:
        """(source path, name) of the record a hand-written page links to: 'precondition:E', 'case-study:<id>',
        'place-name:<name>'. An id the data does not have stops the build with the ids it has."""
        kind, _, key = ref.partition(":")
        table, noun = {"precondition": (self.library.by_letter, "precondition"),
                       "case-study": (self.library.by_id, "case study"),
                       "place-name": (self.library.place_by_name, "place")}[kind]
        if key not in table:
            raise KeyError(f"there is no {noun} {key!r} in the data; known: {', '.join(sorted(table))}")
        if kind == "precondition":
            return urls.precondition(table[key]), f"{key}. {table[key].short_title}"
        if kind == "case-study":
            return urls.case_study(table[key]), table[key].title
        return urls.place(table[key]), table[key].name

    def step_target(self, step) -> tuple[str, str]:
        """(title, source path) of the page a pathway step opens."""
        target = self.library.resolve(step.page)
        kind = step.page.partition(":")[0]
        if kind == "precondition":
            return f"{target.id}. {target.short_title}", urls.precondition(target)
        if kind == "case-study":
            return target.title, urls.case_study(target)
        if kind == "place":
            return target.name, urls.place(target)
        index_titles = {"preconditions/index.md": "The nine preconditions", "case-studies/index.md": "Case studies",
                        "places/index.md": "Places"}
        return index_titles.get(target) or docs_title(self.library.root, target), target

    def pages(self) -> list[GeneratedPage]:
        lib = self.library
        out = [
            self.page("preconditions-index.md", "preconditions/index.md", "data/preconditions.yaml"),
            self.page("places-index.md", "places/index.md", "data/places.yaml"),
        ]
        out += self._listing_pages()
        out += [self.page("precondition.md", urls.precondition(p), p.origin.file, p=p) for p in lib.preconditions]
        out += [self.page("case-study.md", urls.case_study(c), c.origin.file, c=c) for c in lib.case_studies]
        # A place named only by its case studies gets its context by an entry in data/places.yaml.
        out += [self.page("place.md", urls.place(pl), pl.origin.file if pl.origin else "data/places.yaml", pl=pl)
                for pl in lib.all_places]
        out += [self.page("pathway.md", urls.pathway(pw), pw.origin.file, pw=pw) for pw in lib.pathways]
        return out

    def redirects(self) -> list[GeneratedFile]:
        """The pages that forward an old or short address of a record to its page."""
        out = []
        for p in self.library.preconditions:
            out.append(self._redirect(urls.short_link(p.id) + "index.html", urls.precondition(p), p.title))
            out += [self._redirect_page(f"preconditions/{old}.md", urls.precondition(p), p.title)
                    for old in p.redirect_from]
        for c in self.library.case_studies:
            out += [self._redirect_page(f"case-studies/{old}.md", urls.case_study(c), c.title)
                    for old in c.redirect_from]
        return out

    def _listing_pages(self) -> list[GeneratedPage]:
        """The long listings, a page at a time (macros/listings.py): case studies, and the evidence map's three
        views."""
        lib = self.library
        out = [self.page("case-studies-index.md", page.src_uri, "overrides/library/case-studies-index.md", page=page)
               for page in listings.paged(lib.case_studies, "case-studies/index.md", urls.CASE_STUDY_PAGES)]
        out += [self.page("matrix-grid-page.md", page.src_uri, "overrides/library/matrix-grid-page.md", page=page)
                for page in listings.paged(lib.case_studies, "explore/matrix/case-studies.md",
                                           "explore/matrix/case-studies")]
        places = listings.evidence_map(lib, "place")
        out += [self.page("evidence-map-page.md", page.src_uri, "overrides/library/evidence-map-page.md", map=places,
                          page=page)
                for page in places.pages("explore/matrix/places.md", "explore/matrix/places")]
        themes = listings.evidence_map(lib, "theme")
        out += [self.page("evidence-map-page.md", page.src_uri, "overrides/library/evidence-map-page.md", map=themes,
                          page=page)  # page 1: docs/explore/matrix.md
                for page in themes.pages("explore/matrix.md", "explore/matrix/themes")[1:]]
        return out

    def _redirect(self, src_uri: str, target_src: str, title: str) -> GeneratedFile:
        """A small HTML page at `src_uri` that forwards to the page built from `target_src`."""
        here = src_uri.rsplit("/", 1)[0] + "/" if "/" in src_uri else ""
        target = urls.relative(here, urls.page_url(target_src, self.use_directory_urls))
        if not self.use_directory_urls and target.endswith("/"):
            target += "index.html"
        content = self.env.get_template("redirect.html").render(target=target, title=title)
        return GeneratedFile(src_uri, content)

    def redirect_page(self, old_src: str, target_src: str) -> GeneratedFile:
        """A redirect from a hand-written page's old source path to its new one."""
        return self._redirect_page(old_src, target_src, docs_title(self.library.root, target_src))

    def _redirect_page(self, old_src: str, target_src: str, title: str) -> GeneratedFile:
        old_url = urls.page_url(old_src, self.use_directory_urls)
        path = old_url + "index.html" if old_url.endswith("/") else old_url
        return self._redirect(path, target_src, title)
