"""Run MkDocs with every parser that could make markup watched: which of them saw a marked piece of text?

    WATCH_PATTERN=qzx[0-9]+qzx WATCH_REPORT=report.json python tests/parser_watch.py build --strict --site-dir site

Python-Markdown's `convert`, MkDocs' front-matter reader and Jinja's template parser are wrapped; the
report lists, for each, the marks found in what it was given. tests/test_parsers.py plants a mark in
every text field of every kind of record and expects every list to be empty.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import sys

import jinja2
import markdown
import mkdocs.utils.meta
from mkdocs.__main__ import cli

MARK = re.compile(os.environ["WATCH_PATTERN"])
seen: dict[str, set] = {"python-markdown": set(), "front-matter": set(), "jinja": set()}


def watch(owner, name: str, parser: str, text_of):
    original = getattr(owner, name)

    def watched(*args, **kwargs):
        seen[parser].update(MARK.findall(text_of(*args, **kwargs) or ""))
        return original(*args, **kwargs)

    setattr(owner, name, watched)


watch(markdown.Markdown, "convert", "python-markdown", lambda self, source: source)
watch(mkdocs.utils.meta, "get_data", "front-matter", lambda doc: doc)
watch(jinja2.Environment, "_parse", "jinja", lambda self, source, name, filename: source)
atexit.register(lambda: open(os.environ["WATCH_REPORT"],
                             "w").write(json.dumps({k: sorted(v) for k, v in seen.items()})))

if __name__ == "__main__":
    sys.exit(cli())
