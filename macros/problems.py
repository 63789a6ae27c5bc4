"""A problem found in the library's data, reported as one line a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where it is and what to do about it.

    `field` is the dotted path of the field (`evidence[2].status`), or a word
    in brackets for problems that belong to the whole file (`(yaml)`).
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # The file name too: an issue file's name is chosen by whoever saved it.
        return f"{one_line(self.file)}:{self.line}: {self.field}: {self.message}"


class Problems(list):
    """The problems collected while reading one or more files."""

    def add(self, file: str, line: int, field: str, message: str) -> None:
        # One line each, whatever the input held: the GitHub problem matcher reads line by line.
        self.append(Problem(file, line, one_line(field), one_line(message)))


def one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
