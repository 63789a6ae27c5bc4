"""The built site served as GitHub Pages serves it, Chromium's path and flags, and waiting in a browser for
the state a test needs, never for a fixed time."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# Flags that keep Chromium quiet on a machine with no outside network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

PREFIX = "/library/"  # the path the site is published under (site_url in mkdocs.yml)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under /library/, as GitHub Pages does, so absolute links (the 404 page) work."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_SiteHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# Added to a page before it loads (page.add_init_script), this counts the page's pending short timers (up
# to a second): the debounced work of the studio and the reflection tool (a check, a save) runs from one.
PENDING_TIMERS = """(() => {
  if (window.__pendingTimers) return;
  const pending = window.__pendingTimers = new Set();
  const set = window.setTimeout, clear = window.clearTimeout;
  window.setTimeout = function (callback, delay, ...rest) {
    if (typeof callback !== 'function' || !(delay > 0 && delay <= 1000)) {
      return set.call(window, callback, delay, ...rest);
    }
    const id = set.call(window, function () { pending.delete(id); return callback.apply(this, arguments); },
                        delay, ...rest);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) { pending.delete(id); return clear.call(window, id); };
})();"""


def settled(page, timeout: float = 10_000) -> None:
    """Wait until the page has no short timer pending: its debounced check and save have run."""
    assert page.evaluate("'__pendingTimers' in window"), "add tests.support.PENDING_TIMERS to the page before it loads"
    page.wait_for_function("window.__pendingTimers.size === 0", timeout=timeout)


def wait_until(page, condition, what: str, timeout: float = 10.0) -> None:
    """Wait until `condition()` holds, for state on the Python side (such as the requests a route holds),
    letting Playwright deliver the page's events a frame at a time."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        page.evaluate("() => new Promise(requestAnimationFrame)")
