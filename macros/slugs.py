"""The one slug maker for the library's own addresses: a place's page from its name, a case study's id from its
title."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not split into a base letter and an accent.
NOT_SLUG = re.compile(r"[^a-z0-9]+")  # a run of what an address does not hold, which becomes one hyphen
AMPERSAND = "and"
LETTERS_APART = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe",
                               "ı": "i"})


def slugify(text: str) -> str:
    """'Łódź' -> 'lodz', 'Brighton & Hove' -> 'brighton-and-hove'; '' for a name with no Latin letters or digits."""
    text = unicodedata.normalize("NFKD", text.lower().translate(LETTERS_APART))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return NOT_SLUG.sub("-", text.replace("&", AMPERSAND)).strip("-")
