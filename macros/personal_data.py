"""Find personal data in contributed text before it is published.

Case studies describe systems, never the people who use services, so an
e-mail address, phone number, postcode, National Insurance or NHS number in
a text field is almost always a mistake. A public organisational address can
be allowed by listing it, exactly, under `public_contact_details:` in the
same file, where a reviewer sees it.
"""

from __future__ import annotations

import re

GUIDANCE = "See 'Consent, safeguarding and anonymity' in CONTRIBUTING.md."

# An e-mail address is found from its '@' outwards, never by trying every start position: a pattern
# such as [\w.+-]+@... scans the rest of a long run of letters from each letter of it (quadratic).
# Each '@' is looked at once and the runs either side of it end at the next '@', so this is linear.
EMAIL_AT = re.compile(r"@")
EMAIL_LOCAL = re.compile(r"[\w.+-]+")  # matched on the reversed text, leftwards from the '@'
# starts a run, never inside one: linear wherever it is tried
EMAIL_DOMAIN = re.compile(r"(?<![\w-])[\w-]+(?:\.[\w-]+)+")
PATTERNS = (
    ("a phone number", re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)")),
    # Letters as HMRC allocates them (never D, F, I, Q, U or V; never O second; not BG, GB, KN, NK, NT, TN or ZZ),
    # in either case: 'ab123456c' is as personal as 'AB123456C'.
    ("a National Insurance number", re.compile(
        r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)),
    # Lower-case too ('cv1 5rr'), but not an ordinal after a road number ('the M1 2nd exit').
    ("a postcode",
     re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d(?!(?-i:st|nd|rd|th)\b)[ABD-HJLNP-UW-Z]{2}\b",
                re.IGNORECASE)),
)
NHS_NUMBER = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
# Every kind above holds an '@' or a digit: text with neither (most of it) needs no pattern run over it.
CANDIDATE = re.compile(r"[@\d]")


# The kinds found by code rather than by a pattern of PATTERNS alone, in the words the message names them by.
EMAIL = "an e-mail address"
NHS = "an NHS number"


def find(text: str, allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kind, match) for each piece of personal data in `text` that is not explicitly allowed."""
    if not CANDIDATE.search(text):
        return []
    found = [(EMAIL, address) for address in _emails(text)]
    for kind, pattern in PATTERNS:
        found.extend((kind, m.group()) for m in pattern.finditer(text))
    found.extend((NHS, m.group()) for m in NHS_NUMBER.finditer(text) if _is_nhs_number("".join(m.groups())))
    allowed_set = {a.strip() for a in allowed}
    return [(kind, match) for kind, match in found if match.strip() not in allowed_set]


def _emails(text: str):
    backwards = text[::-1]
    for at in EMAIL_AT.finditer(text):
        local = EMAIL_LOCAL.match(backwards, len(text) - at.start())
        domain = EMAIL_DOMAIN.match(text, at.end())
        if local and domain:
            yield text[at.start() - len(local.group()):domain.end()]


def _is_nhs_number(digits: str) -> bool:
    """True for ten digits whose last is the NHS modulus-11 check digit of the first nine."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


# The message for what was found in one field, as a template: the contribution studio fills in the same one.
# One line per kind and field, with the first match and how many more (64,000 addresses would give 64,000 lines).
MESSAGE = ("contains what looks like {kind} ({match}{others}). Remove it: the library never publishes details "
           "that could identify a person; name a role or an organisation instead, for example: the council's housing "
           "team. "
           "If it is a public organisational contact, list it exactly under public_contact_details. " + GUIDANCE)
MORE = ", and {more} more like it"


def message(kind: str, match: str, more: int = 0) -> str:
    return MESSAGE.format(kind=kind, match=repr(match), others=MORE.format(more=f"{more:,}") if more else "")


def is_message(text: str) -> bool:
    """Whether a problem's message reports personal data (so from-issue can add what to do about the issue's
    history)."""
    return text.startswith(MESSAGE.split("{", 1)[0])
