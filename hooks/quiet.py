"""MkDocs hook: a build and `make serve` print only what a person should act on.

Two kinds of noise have no setting of their own, so they are quietened at their source, here:

- mkdocs-macros logs its own set-up at INFO on every build (the module it found, its functions, its
  variables). Its warnings and errors still show, and so does everything with `mkdocs serve -v`.
- `mkdocs serve` logs every answer but 200 as a WARNING, among them the redirect from / to /library/ (the
  path the site has when published), which is the address a person opens first. A 404 still shows: it
  is a broken link to act on.

The pages that are deliberately outside the nav are named in mkdocs.yml (`not_in_nav`), not quietened here.
"""

from __future__ import annotations

import logging
import re

if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


class _RootRedirect(logging.Filter):
    """Drops the log line of the redirect from / to the site's path."""

    library_quiet = True  # MkDocs loads this module again at every rebuild: one filter is enough
    LINE = re.compile(r'^(\[[\d:]+\] )?"(GET|HEAD) / HTTP/[\d.]+" code 302$')  # after the time mkdocs serve adds

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.LINE.match(record.getMessage())


_served = logging.getLogger("mkdocs.livereload")
if not any(getattr(f, "library_quiet", False) for f in _served.filters):
    _served.addFilter(_RootRedirect())
