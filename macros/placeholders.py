"""What stands in a hand-written page's Markdown for HTML the library renders from its data.

A macro on a hand-written page (`{{ library_block("tags.md", group="Theme") }}`, `{{ precondition_link("E") }}`)
returns a placeholder that carries only its own arguments, as the page's author wrote them: an HTML comment
that Python-Markdown passes through untouched, inline or as a block. The hook swaps each one for the HTML of
its template after Markdown has run (`expand`), so nothing from the data ever enters a page's Markdown.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"<!--library:([A-Za-z0-9_-]+)-->")


class PlaceholderError(ValueError):
    """A placeholder that names something the data does not have; the build stops with this message."""


def block(template: str, **context) -> str:
    """The placeholder for the HTML that overrides/library/<template> renders with `context`."""
    payload = json.dumps({"template": template, "context": context}, sort_keys=True, separators=(",", ":"))
    return f"<!--library:{base64.urlsafe_b64encode(payload.encode()).decode().rstrip('=')}-->"


def expand(html: str, render: Callable[[str, dict], str]) -> str:
    """`html` with each placeholder replaced by `render(template, context)`."""
    def one(match: re.Match) -> str:
        data = match.group(1)
        payload = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
        return render(payload["template"], payload["context"])

    return PLACEHOLDER.sub(one, html)
