"""Produce the library's pages from its records, using the templates in overrides/library/.

This module does not import MkDocs: `hooks/library.py` hands what it returns
to MkDocs (or ProperDocs, or anything else that can add a file to a build).
The templates write Markdown headings themselves (so the table of contents
and anchors work) and insert contributed text only as HTML made by
`safe_markdown`, never as Markdown or Jinja source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup
from pymdownx.slugs import slugify

from . import relationship_map, urls
from .escaping import front_matter, md_text
from .library import Library
from .safe_markdown import TextRenderer
from .schema import LETTERS, MATURITIES, PRESENCE, STATUSES

PLACEHOLDER = re.compile(r"<!--library-block:(\d+)-->")

# HTML blocks set aside while a page goes through Markdown, by page source path. Markdown sees only a
# placeholder comment, so it neither parses the (large, already safe) HTML again nor alters it.
_stashed: dict[str, list[str]] = {}


def stash(src_uri: str, html: str) -> str:
    """Set `html` aside for the page at `src_uri`; the Markdown gets a placeholder in its place."""
    blocks = _stashed.setdefault(src_uri, [])
    blocks.append(str(html))
    return f"\n\n<!--library-block:{len(blocks) - 1}-->\n\n"


def restore(src_uri: str, html: str) -> str:
    """The page's HTML with its stashed blocks back in place of their placeholders."""
    blocks = _stashed.pop(src_uri, [])
    return PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html) if blocks else html


def forget_stashed() -> None:
    _stashed.clear()


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str  # where the file pretends to live in docs/
    content: str
    source_path: str | None = None  # the repository file behind it, for "edit this page"


def glossary_map(library: Library) -> dict[str, str]:
    """Every written form of every glossary term, mapped to its definition."""
    out = {}
    for term in library.glossary:
        for form in (term.term, *term.forms):
            out[form] = term.definition
    return out


def evidence_anchors(case) -> list[str]:
    """The anchor of each evidence entry of a case study, 'evidence-e': a case study has one entry per precondition."""
    return [f"evidence-{entry.precondition.lower()}" for entry in case.evidence]


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


def idle_evidence_tags(library: Library) -> list[str]:
    """Evidence tags no case study carries now: the tags page keeps their anchors, which are published addresses."""
    used = {tag for case in library.case_studies for tag in case_study_tags(case)}
    return [tag for tag in (f"Evidence/{letter} {status}" for letter in LETTERS for status in STATUSES) if tag not in used]


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
    """Renders every generated page of one build."""

    def __init__(self, library: Library, templates: Path, use_directory_urls: bool = True, renderer: TextRenderer | None = None):
        self.library = library
        self.use_directory_urls = use_directory_urls
        self.renderer = renderer or TextRenderer(glossary_map(library))
        self._html_cache: dict[tuple[str, str], Markup] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            stash=self._stash_filter,
            md=self._block, md_inline=self._inline, md_text=md_text, front_matter=front_matter, page_numbers=page_numbers,
        )
        self.env.globals.update(
            step_target=self.step_target,
            lib=library, LETTERS=LETTERS, STATUSES=STATUSES, PRESENCE=PRESENCE, MATURITIES=MATURITIES,
            evidence_anchors=evidence_anchors, evidence_by_letter=evidence_by_letter, case_study_tags=case_study_tags, tag_anchor=tag_anchor,
            idle_evidence_tags=idle_evidence_tags, urls=urls,
            relationship_layout=relationship_map.layout, map_size=(relationship_map.WIDTH, relationship_map.HEIGHT),
        )

    @jinja2.pass_context
    def _stash_filter(self, context, html):
        return Markup(stash(context["src_uri"], html))

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
        link = urls.Linker(src_uri, self.use_directory_urls)
        return self.env.get_template(template).render(link=link, src_uri=src_uri, **context)

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
        index_titles = {"preconditions/index.md": "The nine preconditions", "case-studies/index.md": "Case studies", "places/index.md": "Places"}
        return index_titles.get(target) or docs_title(self.library.root, target), target

    def files(self) -> list[GeneratedFile]:
        lib = self.library
        out = [
            self._page("preconditions-index.md", "preconditions/index.md", "data/preconditions.yaml"),
            self._page("case-studies-index.md", "case-studies/index.md", "overrides/library/case-studies-index.md"),
            self._page("places-index.md", "places/index.md", "data/places.yaml"),
        ]
        for p in lib.preconditions:
            out.append(self._page("precondition.md", urls.precondition(p), p.origin.file, p=p))
            out.append(self._redirect(urls.short_link(p.id) + "index.html", urls.precondition(p), p.title))
            for old in p.redirect_from:
                out.append(self._redirect_page(f"preconditions/{old}.md", urls.precondition(p), p.title))
        for c in lib.case_studies:
            out.append(self._page("case-study.md", urls.case_study(c), c.origin.file, c=c))
            for old in c.redirect_from:
                out.append(self._redirect_page(f"case-studies/{old}.md", urls.case_study(c), c.title))
        for pl in lib.all_places:
            # A place named only by its case studies gets its context by an entry in data/places.yaml.
            source = pl.origin.file if pl.origin else "data/places.yaml"
            out.append(self._page("place.md", urls.place(pl), source, pl=pl))
        for pathway in lib.pathways:
            out.append(self._page("pathway.md", urls.pathway(pathway), pathway.origin.file, pw=pathway))
        return out

    def _page(self, template, src_uri, source_path, **context) -> GeneratedFile:
        return GeneratedFile(src_uri, self.render(template, src_uri, source_path=source_path, **context), source_path)

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
