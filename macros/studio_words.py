"""What the checks say, worded for a person writing in the contribution studio.

The checks are the library's own (macros/validate.py, crosschecks.py, personal_data.py and from-issue's form
checks in issue_form.py), and each keeps its wording for people who edit YAML: FILE:LINE, the field, and an
example written as YAML. The studio gets the same checks with the same values, and says each of them here
instead: shown beside the question it is about (the studio names the question, the line or the source), with
what to do there, and never a field path, a file name or a YAML key. The placeholders are the checks' own
({length}, {limit}, {value}...), plus what the studio knows of the question: {help} and {plain} (the schema's
help and example, the example as a person would type it, and {for_example}: " For example: " and that example,
or nothing when the schema gives none) and {item} (the start of the line a problem is in).

A test fails if a check has a message with no wording here, and another writes every rule of the schema in
Chromium and reads what the studio says about it.
"""

from __future__ import annotations

LINK_EXAMPLE = "[the report](https://example.org/report.pdf)"

SAY = {
    # validate.MESSAGES: a value that breaks a field's rule.
    "missing": "Add {help}.{for_example}",
    "empty": "Add {help}.{for_example}",
    "pattern": "{value} will not work here: use {pattern_help}.{for_example}",
    "too_long": "This is {length} characters long, and the most it can be is {limit}. Shorten it.",
    "too_long_item": "The line {item} is {length} characters long, and the most a line can be is {limit}. Shorten it, "
                     "or make it two lines.",
    "too_few": "Add at least {minimum}: {help}.{for_example}",
    "too_many": "There are {found}, and the most is {maximum}: keep the {maximum} that matter most.",
    "repeated": "{value} is there twice: remove one of them.",
    "repeated_item": "The line {item} says the same as an earlier line: remove one of them.",
    "out_of_range": "{number} will not work here: use a number from {minimum} to {maximum}.",
    "character": ("At character {position} it contains {kind} ({code}). The library does not accept it: delete it, and "
                  "if you "
                  "cannot see it, type the words around it again. Text copied from a PDF or a word processor often "
                  "carries one."),
    "one_line": "It has {what} at character {position}, but this answer is a single line: join it into one line.",
    "scheme": ("It contains a '{scheme}:' address, which cannot be used. Link only to web pages, whose addresses start "
               "with "
               "https://, for example: " + LINK_EXAMPLE + "."),
    "link_title": ("A link here has a title (the text in quotation marks after its address), which the page cannot "
                   "show. "
                   "Delete it and say it in the sentence instead, for example: " + LINK_EXAMPLE + "."),
    "abbreviation": ("It explains an abbreviation with a line starting '*[', which the page cannot show. Delete that "
                     "line and "
                     "spell the term out the first time you use it, for example: Payment by Results (PbR)."),
    "reference": ("It gives a link's address on a line of its own ('[name]: address'). Put the address in the link "
                  "itself, "
                  "for example: " + LINK_EXAMPLE + "."),
    "unsafe_link": "It links to {target}. A link must be a full web address starting with https://, for example: "
    + LINK_EXAMPLE + ".",
    "image": ("It contains an image ('![...]'), which cannot be shown here. Say in words what the image shows, for "
              "example: "
              "The chart shows rough sleeping halving in two years."),
    # crosschecks.MESSAGES: checks across the library.
    "id_taken": ("Another case study already has the address this title and place would make ({id}). Change the title "
                 "a "
                 "little, for example: {title} (2)"),
    "place_unreadable": ("{place} has no Latin letters or digits to make the address of the place's page from. Write "
                         "the name in "
                         "Latin letters too, for example: Tokyo"),
    "place_shared": ("The library already has {other}, which would share a page with {place}. Write the place's name "
                     "as the "
                     "library does: {example}"),
    # personal_data.MESSAGE
    "personal_data": ("It contains what looks like {kind} ({match}{others}). Remove it: the library never publishes "
                      "details that "
                      "could identify a person. Name a role or an organisation instead, for example: the council's "
                      "housing team. "
                      "If it is an organisation's public contact, say so to the editor when you send the case study."),
    # issue_form.FORM_MESSAGES: the form's own checks.
    "form_empty": "Add {help}.{for_example}",
    "unticked": ("Tick each statement once it is true. A case study can be added only when all three are; if you are "
                 "not sure, "
                 "say so to the editor when you send it."),
    "finding_empty": "Say what happened that shows it, in two to five sentences.{for_example}",
    "status_missing": "Choose how far it was in place: Present, Absent, Mixed or Emerging.",
    "no_evidence": ("Add a finding: what happened that shows one of the nine preconditions. A precondition that was "
                    "missing "
                    "counts too."),
    "no_id": ("The title and the place have no letters or digits to make the page's address from. Name the work and "
              "the place "
              "in words, for example: Youth homelessness in Leeds"),
    "heading_twice": ("A line of an answer is written as the name of a question with ### before it, so the answers "
                      "could not be "
                      "told apart. Remove the ### from the start of that line."),
    "source_line": "This could not be read as a source: {line}. Write it in the source's boxes.",
    "source_year": "{value} is not a year: write it in four figures, for example: 2023",
    "source_pages": ("{value} are not page numbers: write numbers, and ranges with a hyphen, separated by commas, for "
                     "example: "
                     "4-19, 23"),
    # The studio's own.
    "heading": ("A line here starts with ###, so the issue would read it as the start of another question: {line}. "
                "Remove the "
                "### at its start, for example: {fixed}"),
    "no_letter": "Choose the precondition this finding shows.",
    "finding_blank": "Write what happened, or remove this finding.",
    "unreadable": "This cannot be used as it is. Add {help}.{for_example}",
}

# A field's help where the schema's names a file or a field: the studio says what it is on the page instead.
HELP = {"id": "the address of the case study's page, made from its title and place"}

# Form message keys whose studio wording has another name (the validator has an "empty" of its own).
FORM_KEYS = {"empty": "form_empty"}


def plain(example) -> str:
    """An example as a person types it into the studio: the value alone, a list's items joined."""
    if isinstance(example, (list, tuple)):
        return (", ".join(map(str, example)) if all(isinstance(e, int) for e in example)
                else "; ".join(map(str, example)))
    return "" if example is None else str(example)
