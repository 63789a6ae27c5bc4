"""Macros for hand-written pages that opt in with `render_macros: true`.

Each macro returns a placeholder (macros/placeholders.py) holding only the arguments the page's author
wrote; the hook renders it from the data after Markdown has run, so text from the data never enters a
page's Markdown. An id that is not in the data stops the build, naming the page and the id.
"""

from __future__ import annotations

from markupsafe import Markup

from . import placeholders


def register(env) -> None:
    @env.macro
    def precondition_link(letter: str, anchor: str | None = None, text: str | None = None) -> Markup:
        """A link to a precondition's page: 'E. Trusted partners', or `text`."""
        return _link(f"precondition:{letter}", anchor, text)

    @env.macro
    def case_study_link(case_id: str, anchor: str | None = None, text: str | None = None) -> Markup:
        return _link(f"case-study:{case_id}", anchor, text)

    @env.macro
    def place_link(name: str, text: str | None = None) -> Markup:
        return _link(f"place-name:{name}", None, text)

    @env.macro
    def studio_form() -> Markup:
        """The contribution studio's form (overrides/library/studio-form.md), its questions from the schema and the
        issue form."""
        return Markup(placeholders.block("studio-form.md"))

    @env.macro
    def library_block(template: str, **context) -> Markup:
        """HTML built from the data by overrides/library/<template>, e.g. the nine vignettes side by side;
        `context` gives the template more to work with (library_block("tags.md", group="Theme"))."""
        return Markup(placeholders.block(template, **context))


def _link(record: str, anchor: str | None, text: str | None) -> Markup:
    return Markup(placeholders.block("record-link.md", record=record, anchor=anchor, text=text))
