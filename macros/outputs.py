"""What a build adds to the site besides the hand-written pages: generated pages and plain files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the data: what MkDocs needs of it, as Python values that no parser reads."""

    src_uri: str  # where the page pretends to live in docs/
    meta: dict  # title, description, tags... as the template set them: plain text, escaped for the theme by the hook
    html: str  # the whole body
    toc: list  # nested table-of-contents tokens (macros/headings.py)


@dataclass(frozen=True)
class GeneratedFile:
    """A file that is not a page (a redirect, open data), copied into the site as it is."""

    src_uri: str
    content: str
