"""What the reflection tool (docs/trainers/reflection.md) needs, from the schema: its form and its script read the same.

The form (overrides/library/reflection-form.md) offers, for each precondition, the words of the place scale after
"not discussed", and limits what a group can type; reflection-file.js checks a file against the same letters,
words and limits, which are part of its export format (version 1). The build writes them into
reflection-data.js, so the script holds none of its own.
"""

from __future__ import annotations

import json

from .schema import LETTERS, PRESENCE

SCRIPT = "assets/javascripts/reflection-data.js"
NOT_DISCUSSED = "not discussed"  # what each precondition starts as, before the group gives it a word of the scale
MAX_GROUP = 200  # characters of the group's name
MAX_TEXT = 5000  # characters of an answer's evidence, or of what would strengthen it


def data() -> dict:
    return {"letters": list(LETTERS), "not_discussed": NOT_DISCUSSED, "presence": [NOT_DISCUSSED, *PRESENCE],
            "max_group": MAX_GROUP, "max_text": MAX_TEXT}


def script() -> str:
    """The data as a script that sets window.LIBRARY_REFLECTION (a script, not JSON: pages opened from file:// cannot
    fetch)."""
    text = json.dumps(data(), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return "window.LIBRARY_REFLECTION = " + text.replace("<", "\\u003c") + ";\n"
