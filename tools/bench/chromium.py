"""Chromium as the benchmark drives it, and a recorder of what a tab downloads."""

from __future__ import annotations

import gzip
import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def gzip_size(body: bytes) -> int:
    """What the body costs on the wire: gzip level 6, or as it is when it is already compressed (Pagefind's chunks)."""
    return min(len(body), len(gzip.compress(body, 6)))


class Recorder:
    """Every response a tab receives (its workers' included), with its body's raw and gzip sizes and when it ended."""

    def __init__(self, page):
        self.responses = []
        page.on("response", lambda response: self.responses.append(response))

    def sizes(self) -> dict[str, dict]:
        """URL -> {type, raw, gzip, end} for every response with a body (end: ms since the epoch)."""
        out = {}
        for response in self.responses:
            if not response.url.startswith("http") or response.status >= 300:
                continue
            try:
                body = response.body()
            except Exception:  # a body Chromium did not keep (a redirect, a cancelled request)
                continue
            timing = response.request.timing  # startTime: ms since the epoch; responseEnd: ms after it
            out[response.url.split("#")[0]] = {"type": response.request.resource_type, "raw": len(body),
                                               "gzip": gzip_size(body),
                                               "end": timing["startTime"] + timing["responseEnd"]}
        return out
