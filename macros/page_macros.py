"""Macros for hand-written pages that opt in with `render_macros: true`.

Links are returned as Markdown links to the generated page's source path, so
MkDocs resolves them for any URL style and fails a strict build if one is
wrong. Text from the data is escaped before it enters the page's Markdown;
HTML built from data comes from the templates in overrides/library/, which
hand it over through their `stash` filter so Markdown does not parse it again.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from . import ROOT, studio, urls
from .escaping import md_text
from .pages import PageMaker


def register(env, lib) -> None:
    makers = {}  # one per URL style: the offline build has no directory URLs

    def maker() -> PageMaker:
        style = env.conf["use_directory_urls"]
        if style not in makers:
            makers[style] = PageMaker(lib, ROOT / "overrides" / "library", style)
        return makers[style]

    def here() -> str:
        return env.page.file.src_uri

    def link_to(src: str, text: str, anchor: str | None = None) -> str:
        target = posixpath.relpath(src, posixpath.dirname(here()) or ".")
        return f"[{md_text(text)}]({target}{'#' + anchor if anchor else ''})"

    @env.macro
    def precondition_link(letter: str, anchor: str | None = None, text: str | None = None) -> str:
        """A link to a precondition's page: '[E. Trusted partners](...)'."""
        p = _lookup(lib.by_letter, letter, "precondition")
        return link_to(urls.precondition(p), text or f"{p.id}. {p.short_title}", anchor)

    @env.macro
    def case_study_link(case_id: str, anchor: str | None = None, text: str | None = None) -> str:
        c = _lookup(lib.by_id, case_id, "case study")
        return link_to(urls.case_study(c), text or c.title, anchor)

    @env.macro
    def place_link(name: str, text: str | None = None) -> str:
        pl = _lookup(lib.place_by_name, name, "place")
        return link_to(urls.place(pl), text or pl.name)

    @env.macro
    def studio_form() -> Markup:
        """The contribution studio's form (overrides/library/studio-form.md), its questions from the schema and the issue form."""
        return Markup(maker().render("studio-form.md", here(), site_url=env.conf["site_url"] or "", repo_url=env.conf["repo_url"],
                                     **studio.page()))

    @env.macro
    def library_block(template: str, **context) -> Markup:
        """HTML built from the data by overrides/library/<template>, e.g. the nine vignettes side by side;
        `context` gives the template more to work with (library_block("tags.md", group="Theme"))."""
        return Markup(maker().render(template, here(), site_url=env.conf["site_url"] or "", **context))


def _lookup(table: dict, key: str, noun: str):
    if key not in table:
        known = ", ".join(sorted(table))
        raise KeyError(f"there is no {noun} {key!r} in the data; known: {known}")
    return table[key]
