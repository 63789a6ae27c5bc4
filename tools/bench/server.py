"""A local server for a built site that answers as a static host does, so that Chromium weighs what a visitor gets."""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import threading
from pathlib import Path
from typing import ClassVar

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: index.html for folders, gzip for text when asked, the 404 page."""

    # On the class, not the handler: a handler lives for one request, and each file is compressed once.
    _gzip_cache: ClassVar[dict] = {}

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _serve(self, body: bool):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self._redirect(self.path.split("?")[0] + "/")
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        data = path.read_bytes() if path.is_file() else b"Not found"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        encoding = None
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data, encoding = self._gzipped(path, data), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _redirect(self, location: str):
        self.send_response(301)
        self.send_header("Location", location)
        self.end_headers()

    def _gzipped(self, path: Path, data: bytes) -> bytes:
        key = (str(path), path.stat().st_mtime_ns)
        if key not in self._gzip_cache:
            self._gzip_cache[key] = gzip.compress(data, 6, mtime=0)
        return self._gzip_cache[key]


class Server:
    """The site served on a free local port, in a thread, until close()."""

    def __init__(self, site: Path):
        mimetypes.add_type("application/wasm", ".wasm")
        handler = functools.partial(StaticHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
