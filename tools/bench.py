"""The benchmark (GitHub issues 7 and 14): build time, site and page weight, search speed and Lighthouse scores.

    python tools/bench.py [--sizes 10,100,1000,10000] [--lighthouse-runs 3] [--skip lighthouse|browser|scale-lighthouse]
                          [--profile] [--keep]

It is a script, not a test: it prints each figure beside its target with PASS
or MISS (first the rows of issue 14's table, then the rest), and writes
everything it measured to bench-results/ as JSON.

* Builds: the real project, then copies with synthetic case studies
  (tools/synthetic.py) so that the site holds N case studies in all, each a
  real strict `mkdocs build` (tests.support.build), timed from outside, with
  the phases timed by two small hooks added to the copy only. N = 10,000 is
  built once (its build time is reported, not targeted): it shows that the
  listing pages do not grow with the library.
* Sizes: every file of each build, HTML of every page by kind, and in
  Chromium what a page downloads on first load (each body gzipped at level 6
  here, since the local server's own compression is not what a host would do),
  at N = 1,000 and N = 10,000.
* Search: Chromium on the N = 1,000 site; nothing of Pagefind may load with the
  page. The bench focuses the box (Pagefind's engine loads then, while a person
  starts typing), types a word, times the last keystroke to the first result
  and counts every byte fetched from opening the page to that result, beside
  Pagefind's own floor for the query: its engine, the index chunks the word
  needs and one result's fragment.
* Lighthouse 12.8 (Node 20 cannot run 13) on Debian's Chromium; the median of
  several runs per page and form factor, because mobile scores move by about
  ten points between runs on a two-core machine. At N = 1,000: mobile, on the
  listing pages and a typical precondition and case study.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import synthetic  # noqa: E402

from macros import library  # noqa: E402
from tests.support import build, copy_project  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
BENCH_NODE = ROOT / "bench"
LIGHTHOUSE = BENCH_NODE / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = ROOT / "bench-results"
KB = 1024
MB = 1024 * 1024

TARGETS = {
    "build_real_s": 5.0,
    "build_1000_s": 10.0,
    "per_case_flat": 0.20,  # marginal cost per case study, N = 100 to 1,000, may exceed that of N = 10 to 100 by this much
    "site_bytes_1000": 30 * MB,
    "content_html_bytes": 25 * KB,
    "precondition_first_load_gzip": 150 * KB,
    "search_bytes_gzip": 100 * KB,
    "search_ms": 300.0,
    "listing_first_load_gzip": 150 * KB,  # any page that lists case studies, at N = 1,000 and 10,000
    "search_floor_margin": 0.10,  # or at most this much above Pagefind's own floor
    "lighthouse_perf_mobile": 95,
    "lighthouse_other": 100,
}

# The listings of issue 14's table, and every page that lists or counts case studies.
KEY_LISTINGS = {"evidence matrix": "explore/matrix/", "case study explorer": "explore/case-studies/",
                "tags page": "explore/tags/", "case studies index": "case-studies/"}
LISTING_PAGES = ("case-studies/", "preconditions/", "places/", "explore/tags/", "explore/case-studies/")
PAGED_LISTINGS = ("case-studies/page/", "explore/matrix/")


def is_listing(url: str) -> bool:
    return url in LISTING_PAGES or url.startswith(PAGED_LISTINGS)
SEARCH_QUERIES = ("trust", "housing", "Ignite", "leadership")


# --- Builds --------------------------------------------------------------------------------------

# Two copies of this hook bracket the library's own hook in the copy's mkdocs.yml, so that the
# stamps of "bench_first" and "bench_last" around each event time what happens between them.
TIMING_HOOK = '''
import json, os, time
from pathlib import Path
NAME = Path(__file__).stem
stamps = {"import": time.time()}
pages = {}
def _page(event, page):
    pages.setdefault(page.file.src_uri, {})[event] = time.time()
def on_config(config): stamps["config"] = time.time()
def on_files(files, config): stamps["files"] = time.time()
def on_nav(nav, config, files): stamps["nav"] = time.time()
def on_env(env, config, files): stamps["env"] = time.time()
def on_page_markdown(markdown, page, config, files): _page("markdown", page)
def on_page_content(html, page, config, files): _page("content", page)
def on_page_context(context, page, config, nav): _page("context", page)
def on_post_page(output, page, config): _page("post_page", page)
def on_post_build(config):
    stamps["post_build"] = time.time()
    Path(os.environ["BENCH_TIMINGS"], NAME + ".json").write_text(json.dumps({"stamps": stamps, "pages": pages}))
'''


def add_timing_hooks(project: Path) -> bool:
    """Bracket hooks/library.py with the timing hooks in the copy's mkdocs.yml; False if the line moved."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = "  - hooks/library.py\n"
    if line not in text:
        return False
    for name in ("bench_first", "bench_last"):
        (project / "hooks" / f"{name}.py").write_text(TIMING_HOOK, encoding="utf-8")
    config.write_text(text.replace(line, "  - hooks/bench_first.py\n" + line + "  - hooks/bench_last.py\n", 1), encoding="utf-8")
    return True


def page_kind(src_uri: str) -> str:
    if src_uri.startswith(("case-studies/page/", "explore/matrix")):
        return "listing"
    if src_uri.startswith("case-studies/") and not src_uri.endswith("index.md"):
        return "case study"
    if src_uri.startswith("preconditions/") and not src_uri.endswith("index.md"):
        return "precondition"
    if src_uri.startswith("places/") and not src_uri.endswith("index.md"):
        return "place"
    return "other"


def build_phases(timings: Path, start: float, end: float) -> dict:
    """Seconds spent in each phase of one build, from the two hooks' stamps."""
    try:
        first = json.loads((timings / "bench_first.json").read_text())
        last = json.loads((timings / "bench_last.json").read_text())
    except (OSError, ValueError):
        return {}
    f, z = first["stamps"], last["stamps"]  # first and last
    phases = {
        "start-up, config; macros plugin loads + validates data": f["config"] - start,
        "library hook on_config (data already cached)": z["config"] - f["config"],
        "collect files + render generated pages (on_files)": z["files"] - z["config"],
        "navigation": z["nav"] - z["files"],
        "read + convert Markdown, all pages": z["env"] - z["nav"],
        "copy assets + render templates + write pages": f["post_build"] - z["env"],
        "Pagefind index": z["post_build"] - f["post_build"],
        "exit": end - z["post_build"],
    }
    by_kind: dict = {}
    for src, e in last["pages"].items():
        other = first["pages"].get(src, {})
        kind = by_kind.setdefault(page_kind(src), {"pages": 0, "markdown_s": 0.0, "template_s": 0.0})
        kind["pages"] += 1
        if "markdown" in e and "content" in other:
            kind["markdown_s"] += other["content"] - e["markdown"]
        if "context" in e and "post_page" in other:
            kind["template_s"] += other["post_page"] - e["context"]
    return {"phases": phases, "per_page_kind": by_kind}


def make_project(workdir: Path, n: int | None) -> tuple[Path, int]:
    """A copy of the project holding n case studies in all (the real ones plus synthetic ones); None: as it is."""
    project = copy_project(workdir / "project")
    folder = project / "data" / "case_studies"
    real = len(list(folder.glob("*.yaml")))
    if n is not None and n > real:
        synthetic.generate(n - real, folder)
    return project, len(list(folder.glob("*.yaml")))


def timed_build(workdir: Path, n: int | None, repeats: int = 1, profile: bool = False) -> dict:
    """Build a copy with n case studies `repeats` times; the fastest run counts (the others met a busier machine)."""
    project, count = make_project(workdir, n)
    hooks = add_timing_hooks(project)
    site = workdir / "site"
    runs = []
    for attempt in range(repeats):
        timings = workdir / f"timings-{attempt}"
        timings.mkdir()
        start_wall, start = time.time(), time.perf_counter()
        result = build(project, site, extra_env={"BENCH_TIMINGS": str(timings)})
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"The build with {count} case studies failed:\n{result.stderr[-4000:]}")
        runs.append((seconds, build_phases(timings, start_wall, start_wall + seconds) if hooks else {}))
    seconds, phases = min(runs, key=lambda r: r[0])
    out = {"case_studies": count, "build_s": seconds, "all_runs_s": [r[0] for r in runs], "load_average": os.getloadavg(),
           "project": str(project), "site": str(site), **phases}
    if profile:
        out["profile"] = profile_build(project, workdir / "site-profiled")
    return out


def profile_build(project: Path, site: Path, top: int = 30) -> list[str]:
    """The build under cProfile (slower than a plain build): the functions with most time, inclusive."""
    import io
    import pstats

    stats_file = site.parent / "build.prof"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600", "LIBRARY_OFFLINE": "false",
           "BENCH_TIMINGS": str(site.parent)}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=project, env=env, capture_output=True, text=True, check=True)
    text = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue().splitlines()


# --- Sizes of the built files --------------------------------------------------------------------

def is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html[:2000]


def site_pages(site: Path) -> dict[str, str]:
    """URL -> kind for every page of a built site; redirects and the 404 page left out."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(("pagefind/", "assets/")) or is_redirect(path.read_text(encoding="utf-8", errors="replace")):
            continue
        out[url] = url_kind(url)
    return out


def url_kind(url: str) -> str:
    if url == "":
        return "home"
    if is_listing(url):
        return "listing"
    if url == "search/":
        return "search"
    for prefix, kind in (("preconditions/", "precondition"), ("case-studies/", "case study"), ("places/", "place")):
        if url.startswith(prefix):
            return kind
    return "docs"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def element_span(html: str, start: int, tag: str) -> int:
    """The index just past the element that opens at `start`, counting nested elements of the same tag."""
    depth = 0
    pattern = re.compile(rf"<(/?){tag}\b", re.I)
    for m in pattern.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html.index(">", m.end()) + 1
    return len(html)


PAGE_PARTS = (  # (name, where the element starts, its tag), in the order Material writes them
    ("head", "<head>", "head"),
    ("header", '<header class="md-header', "header"),
    ("navigation sidebar", '<div class="md-sidebar md-sidebar--primary"', "div"),
    ("contents sidebar", '<div class="md-sidebar md-sidebar--secondary"', "div"),
    ("article", "<article", "article"),
    ("footer", '<footer class="md-footer"', "footer"),
)


def html_breakdown(html: str) -> dict[str, int]:
    """Bytes of a page's HTML by part (the article is the page's own content; the rest is the theme's),
    and how much of it is runs of white space that minifying would remove."""
    size = lambda s: len(s.encode("utf-8"))  # noqa: E731
    parts = {"total": size(html)}
    for name, marker, tag in PAGE_PARTS:
        start = html.find(marker)
        parts[name] = size(html[start:element_span(html, start, tag)]) if start != -1 else 0
    parts["rest (scripts, config, wrappers)"] = parts["total"] - sum(parts[name] for name, _, _ in PAGE_PARTS)
    parts["of all: inline SVG"] = sum(size(m.group()) for m in re.finditer(r"<svg\b.*?</svg>", html, re.S))
    parts["of all: repeated white space"] = sum(len(m.group()) - 1 for m in re.finditer(r"\s{2,}", html))
    return parts


def size_report(site: Path) -> dict:
    pages = site_pages(site)
    html = {url: (site / url / "index.html").stat().st_size for url in pages}
    by_kind: dict = {}
    for url, kind in pages.items():
        by_kind.setdefault(kind, []).append(html[url])
    content = {url: b for url, b in html.items() if pages[url] in ("precondition", "case study", "docs", "home")}
    largest_content = sorted(content.items(), key=lambda kv: -kv[1])[:5]
    sample_case = sorted((u for u, k in pages.items() if k == "case study"), key=lambda u: html[u])
    breakdown = html_breakdown((site / sample_case[len(sample_case) // 2] / "index.html").read_text()) if sample_case else {}
    return {
        "site_bytes": folder_bytes(site),
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": folder_bytes(site / "pagefind") if (site / "pagefind").is_dir() else 0,
        "html_by_kind": {kind: {"pages": len(v), "median": statistics.median(v), "max": max(v)} for kind, v in by_kind.items()},
        "listings": {url: html[url] for url in pages if pages[url] == "listing"},
        "precondition_html": sorted(b for url, b in html.items() if pages[url] == "precondition"),
        "largest_content_pages": largest_content,
        "content_pages_over_target": sum(1 for b in content.values() if b >= TARGETS["content_html_bytes"]),
        "content_pages": len(content),
        "median_case_study_html_parts": breakdown,
    }


# --- A local server, like a static host ----------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: index.html for folders, gzip for text when asked, the 404 page."""

    _gzip_cache: dict = {}

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
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        data = path.read_bytes() if path.is_file() else b"Not found"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        encoding = None
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(path), path.stat().st_mtime_ns)
            if key not in self._gzip_cache:
                self._gzip_cache[key] = gzip.compress(data, 6, mtime=0)
            data, encoding = self._gzip_cache[key], "gzip"
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


class Server:
    def __init__(self, site: Path):
        mimetypes.add_type("application/wasm", ".wasm")
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# --- Chromium: page weight and search ------------------------------------------------------------

def gzip_size(body: bytes) -> int:
    """What the body costs on the wire: gzip level 6, or as it is when it is already compressed (Pagefind's chunks)."""
    return min(len(body), len(gzip.compress(body, 6)))


class Recorder:
    """Every response a tab receives (its workers' included), with its body's raw and gzip sizes and when it ended."""

    def __init__(self, page):
        self.responses = []
        page.on("response", lambda response: self.responses.append(response))

    def sizes(self) -> dict[str, dict]:
        out = {}
        for response in self.responses:
            if not response.url.startswith("http") or response.status >= 300:
                continue
            try:
                body = response.body()
            except Exception:  # a body Chromium did not keep (a redirect, a cancelled request)
                continue
            timing = response.request.timing  # startTime: ms since the epoch; responseEnd: ms after it
            out[response.url.split("#")[0]] = {"type": response.request.resource_type, "raw": len(body), "gzip": gzip_size(body),
                                               "end": timing["startTime"] + timing["responseEnd"]}
        return out


def page_weight(browser, url: str) -> dict:
    """What a first visit to `url` downloads: HTML, CSS, JS, fonts, images, by type, raw and gzip."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes = recorder.sizes()
    context.close()
    by_type: dict = {}
    for item in sizes.values():
        t = by_type.setdefault(item["type"], {"raw": 0, "gzip": 0, "requests": 0})
        t["raw"] += item["raw"]
        t["gzip"] += item["gzip"]
        t["requests"] += 1
    return {"raw": sum(i["raw"] for i in sizes.values()), "gzip": sum(i["gzip"] for i in sizes.values()),
            "requests": len(sizes), "by_type": by_type}


def weight_sample(pages: dict[str, str]) -> list[str]:
    """The home page, every precondition and docs page, every listing page but the middle pages of a paged one
    (page 2 and the last are weighed), and up to 50 case studies and 10 places spread through the site."""
    def spread(kind, count):
        urls = sorted(u for u, k in pages.items() if k == kind)
        return urls[:: max(1, len(urls) // count)][:count]

    def numbered(url):
        match = re.fullmatch(r"(.*/)(\d+)/", url)
        return (match.group(1), int(match.group(2))) if match else None
    last = {}
    for url in pages:
        if numbered(url):
            folder, n = numbered(url)
            last[folder] = max(last.get(folder, 0), n)
    listings = [u for u, k in pages.items() if k == "listing" and (not numbered(u) or numbered(u)[1] in (2, last[numbered(u)[0]]))]
    return [u for u, k in pages.items() if k in ("home", "precondition", "docs", "search")] + listings + spread("case study", 50) + spread("place", 10)


def median_case_study(site: Path) -> str:
    """The id of the case study whose page has the median HTML size: a typical one."""
    cases = sorted((p.stat().st_size, p.parent.name) for p in (site / "case-studies").glob("*/index.html")
                   if not is_redirect(p.read_text(encoding="utf-8")))
    return cases[len(cases) // 2][1]


def weigh_site(browser, base: str, site: Path) -> dict:
    pages = site_pages(site)
    results = {}
    for url in weight_sample(pages):
        results[url] = {"kind": pages[url], **page_weight(browser, base + url)}
    by_kind: dict = {}
    for url, r in results.items():
        by_kind.setdefault(r["kind"], []).append((r["raw"], r["gzip"], url))
    summary = {}
    for kind, rows in by_kind.items():
        largest = max(rows, key=lambda r: r[1])
        summary[kind] = {"pages": len(rows), "median_raw": statistics.median(r[0] for r in rows),
                         "median_gzip": statistics.median(r[1] for r in rows), "max_raw": max(r[0] for r in rows),
                         "max_gzip": largest[1], "largest": largest[2]}
    return {"by_kind": summary, "pages": results}


SEARCH_PROBE = """() => {
  const input = document.querySelector('#library-search-page-q');
  const list = document.querySelector('[data-library-search-results]');
  window.__bench = {first: null, last: null, result: null, origin: performance.timeOrigin};
  input.addEventListener('input', () => {
    const now = performance.now();
    if (window.__bench.first === null) window.__bench.first = now;
    window.__bench.last = now;
  });
  new MutationObserver(() => {
    if (window.__bench.result === null && list.querySelector('.library-search__result')) window.__bench.result = performance.now();
  }).observe(list, {childList: true, subtree: true});
}"""


def pagefind_part(url: str) -> str | None:
    """Which part of Pagefind a file is: the engine, an index chunk, a fragment (one result), a filter chunk."""
    if "/pagefind/" not in url:
        return None
    url = url.split("?")[0]
    name = url.rsplit("/", 1)[-1]
    if "/index/" in url:
        return "index chunk"
    if "/fragment/" in url:
        return "fragment"
    if "/filter/" in url:
        return "filter chunk"
    return "engine" if name.endswith((".js", ".pagefind", ".pf_meta", ".json")) else "other"


def search_once(browser, base: str, query: str) -> dict:
    """Open the search page, focus the box, then type `query`: time from the last keystroke to the first result, the
    bytes fetched before it (and before the box was touched: none of Pagefind's), and Pagefind's floor for the query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(base + "search/", wait_until="load")
    page.wait_for_load_state("networkidle")
    untouched = recorder.sizes()
    page.click("#library-search-page-q")  # intent: the engine loads while a person starts to type
    page.wait_for_load_state("networkidle")
    page.evaluate(SEARCH_PROBE)
    page.type("#library-search-page-q", query)
    page.wait_for_function("() => window.__bench.result !== null", timeout=15000)
    bench = page.evaluate("() => window.__bench")
    page.wait_for_load_state("networkidle")
    sizes = recorder.sizes()
    context.close()
    result_at = bench["origin"] + bench["result"]  # ms since the epoch, like the responses' end times
    before = {u: s for u, s in sizes.items() if s["end"] <= result_at}
    parts: dict = {}
    for u, s in before.items():
        part = pagefind_part(u)
        if part:
            parts[part] = parts.get(part, 0) + s["gzip"]
    return {
        "query": query,
        "ms_from_last_key": bench["result"] - bench["last"],
        "ms_from_first_key": bench["result"] - bench["first"],
        "gzip_before_result": sum(s["gzip"] for s in before.values()),
        "raw_before_result": sum(s["raw"] for s in before.values()),
        "pagefind_gzip_before_result": sum(s["gzip"] for u, s in before.items() if "/pagefind/" in u),
        "pagefind_gzip_before_intent": sum(s["gzip"] for u, s in untouched.items() if "/pagefind/" in u),
        "pagefind_floor_gzip": pagefind_floor(browser, base, query),
        "pagefind_parts": parts,
        "requests_before_result": len(before),
        "files_before_result": {u.split("/", 3)[-1]: s["gzip"] for u, s in before.items()},
    }


PAGEFIND_ALONE = """async ([root, query]) => {
  const pagefind = await import(root + 'pagefind/pagefind.js');
  await pagefind.options({ baseUrl: new URL(root).pathname });
  await pagefind.init();
  const search = await pagefind.search(query);
  if (search.results.length) await search.results[0].data();
}"""


def pagefind_floor(browser, base: str, query: str) -> int:
    """Pagefind's own floor for `query`, gzip: what Pagefind alone, driven directly, fetches to give the first
    result (its engine and metadata, the index chunks the word needs, that result's fragment), on a fresh page."""
    context = browser.new_context()
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(base + "search/", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(PAGEFIND_ALONE, [base, query])
    sizes = recorder.sizes()
    context.close()
    return sum(s["gzip"] for u, s in sizes.items() if pagefind_part(u))


def search_report(browser, base: str, repeats: int = 3) -> dict:
    runs = [search_once(browser, base, q) for _ in range(repeats) for q in SEARCH_QUERIES]
    return {
        "runs": runs,
        "median_ms": statistics.median(r["ms_from_last_key"] for r in runs),
        "max_ms": max(r["ms_from_last_key"] for r in runs),
        "median_gzip": statistics.median(r["gzip_before_result"] for r in runs),
        "max_gzip": max(r["gzip_before_result"] for r in runs),
        "max_pagefind_gzip": max(r["pagefind_gzip_before_result"] for r in runs),
        "max_before_intent": max(r["pagefind_gzip_before_intent"] for r in runs),
        "max_over_floor": max(r["pagefind_gzip_before_result"] / r["pagefind_floor_gzip"] - 1 for r in runs),
        "largest_floor": max(r["pagefind_floor_gzip"] for r in runs),
    }


# --- Lighthouse ----------------------------------------------------------------------------------

def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into bench/node_modules (no install scripts) when the lockfile changed."""
    stamp = BENCH_NODE / "node_modules" / ".installed"
    lock = BENCH_NODE / "package-lock.json"
    if LIGHTHOUSE.exists() and stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=BENCH_NODE, check=True)
    stamp.touch()


CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


def lighthouse_once(url: str, form_factor: str) -> dict:
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        return {"error": (result.stderr or result.stdout)[-2000:]}
    report = json.loads(result.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"][c]["score"] is not None else None
              for c in CATEGORIES}
    failing = {}
    for c in CATEGORIES[1:]:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                where = [i["node"].get("selector", "") for i in items if isinstance(i, dict) and "node" in i][:3]
                failing[ref["id"]] = audit.get("title", "") + (f" (e.g. {'; '.join(where)})" if where else "")
    metrics = {m: report["audits"][m].get("numericValue") for m in METRICS if m in report["audits"]}
    return {"scores": scores, "failing": failing, "metrics": metrics, "main_thread": _main_thread(report)}


def _main_thread(report: dict) -> dict:
    """Where the (simulated, throttled) main thread spends its time: by kind of work and by script."""
    def items(audit, key, value):
        details = report["audits"].get(audit, {}).get("details") or {}
        return {str(i.get(key)): round(i.get(value) or 0) for i in details.get("items", [])[:5]}
    return {"by kind (ms)": items("mainthread-work-breakdown", "groupLabel", "duration"),
            "by script (ms)": items("bootup-time", "url", "total")}


def lighthouse_report(pages: dict[str, str], runs: int, form_factors=("mobile", "desktop")) -> dict:
    """label -> form factor -> median score per category over `runs` runs, and what failed in any run."""
    out = {}
    for label, url in pages.items():
        for form_factor in form_factors:
            results = [lighthouse_once(url, form_factor) for _ in range(runs)]
            good = [r for r in results if "scores" in r]
            entry = {"url": url, "runs": len(good), "errors": [r["error"] for r in results if "error" in r]}
            if good:
                entry["scores"] = {c: statistics.median(r["scores"][c] for r in good if r["scores"][c] is not None) for c in CATEGORIES}
                entry["all_scores"] = [r["scores"] for r in good]
                entry["failing"] = sorted({f"{k}: {v}" for r in good for k, v in r["failing"].items()})
                entry["metrics_median"] = {m: statistics.median(r["metrics"][m] for r in good) for m in METRICS}
                entry["main_thread"] = good[len(good) // 2]["main_thread"]
            out.setdefault(label, {})[form_factor] = entry
            print(f"  lighthouse {label} {form_factor}: {entry.get('scores', entry['errors'][:1])}", flush=True)
    return out


def lighthouse_pages(base: str, project: Path, case_id: str | None = None, listings: bool = False) -> dict[str, str]:
    """The home page, a precondition, a case study and the evidence matrix; with `listings`, all of issue 14's listings."""
    lib = library.load(project)
    precondition = lib.by_letter.get("E", lib.preconditions[0])
    case = lib.by_id[case_id] if case_id else lib.case_studies[0]
    pages = {
        "home": base,
        f"precondition ({precondition.slug})": f"{base}preconditions/{precondition.slug}/",
        f"case study ({case.id})": f"{base}case-studies/{case.id}/",
        "evidence matrix": f"{base}explore/matrix/",
    }
    if listings:
        pages.update({label: base + url for label, url in KEY_LISTINGS.items()})
    return pages


# --- The table -----------------------------------------------------------------------------------

def kb(n) -> str:
    return f"{n / KB:,.1f} KB" if n < MB else f"{n / MB:,.2f} MB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def issue_rows(report: dict, row) -> None:
    """Each row of issue 14's table, measured, beside its target."""
    builds, sizes, weights = report["builds"], report["sizes"], report.get("weights", {})
    thousand = next((k for k, b in builds.items() if b["case_studies"] >= 1000), None)
    if thousand is None:
        return
    big = [k for k in builds if k != thousand and builds[k]["case_studies"] > 1000]
    at = [thousand] + big[-1:]
    scale = " / ".join(f"N = {builds[k]['case_studies']:,}" for k in at)
    lighthouse = report.get("lighthouse", {}).get(thousand, {})
    for label, url in KEY_LISTINGS.items():
        html = [sizes[k]["listings"].get(url, 0) for k in at]
        first = [weights[k]["pages"][url]["gzip"] for k in at if k in weights and url in weights[k]["pages"]]
        measured = f"HTML {' / '.join(kb(b) for b in html)}"
        ok = None
        if first:
            measured += f"; first load {' / '.join(kb(b) for b in first)} gzip"
            ok = max(first) <= TARGETS["listing_first_load_gzip"]
        score = lighthouse.get(label, {}).get("mobile", {}).get("scores", {}).get("performance")
        if score is not None:
            measured += f"; Lighthouse mobile {score:g}"
            ok = bool(ok) and score >= TARGETS["lighthouse_perf_mobile"]
        row(f"{label} ({scale})", measured, "<= 150 KB gzip first load, Lighthouse mobile >= 95", ok)
    others = {url: max(weights[k]["pages"][url]["gzip"] for k in at if k in weights and url in weights[k]["pages"])
              for k in at if k in weights for url, p in weights[k]["pages"].items() if p["kind"] == "listing" and url not in KEY_LISTINGS.values()}
    if others:
        url = max(others, key=others.get)
        largest_html = max(b for k in at for u, b in sizes[k]["listings"].items())
        row(f"every other listing page ({len(others)} weighed, {scale})", f"largest first load {kb(others[url])} gzip ({url}); "
            f"largest HTML of any listing {kb(largest_html)}", "<= 150 KB gzip first load", others[url] <= TARGETS["listing_first_load_gzip"])
    for k in [("real")] + at:
        pre = sizes[k].get("precondition_html") or []
        if pre:
            row(f"precondition pages ({builds[k]['case_studies']:,} case studies)", f"{kb(pre[0])} to {kb(pre[-1])} of HTML", "<= 25 KB",
                pre[-1] <= TARGETS["content_html_bytes"])
    for k in at:
        cs = sizes[k]["html_by_kind"].get("case study")
        if cs:
            row(f"case-study pages (N = {builds[k]['case_studies']:,})", f"median {kb(cs['median'])}, largest {kb(cs['max'])}", "<= 25 KB",
                cs["max"] <= TARGETS["content_html_bytes"])
    for k in at:
        target = k == thousand
        row(f"site (N = {builds[k]['case_studies']:,})", f"{kb(sizes[k]['site_bytes'])} in {sizes[k]['site_files']:,} files",
            "<= 30 MB" if target else "", sizes[k]["site_bytes"] <= TARGETS["site_bytes_1000"] if target else None)
    for k in at:
        target = k == thousand
        row(f"build (N = {builds[k]['case_studies']:,})", f"{builds[k]['build_s']:.1f} s (load average {builds[k]['load_average'][0]:.1f})",
            "<= 10 s" if target else "reported", builds[k]["build_s"] <= TARGETS["build_1000_s"] if target else None)
    if "search" in report:
        sr = report["search"]
        row(f"search: downloaded before the first result (N = {report['search_n']:,})",
            f"{kb(sr['max_gzip'])} gzip with the page; Pagefind {kb(sr['max_pagefind_gzip'])}, its floor {kb(sr['largest_floor'])} "
            f"(at most {sr['max_over_floor']:+.0%} over it); before the box is used {kb(sr['max_before_intent'])}",
            "<= 100 KB gzip, or the floor + 10 %",
            sr["max_gzip"] <= TARGETS["search_bytes_gzip"] or (sr["max_over_floor"] <= TARGETS["search_floor_margin"] and sr["max_before_intent"] == 0))


def print_table(report: dict) -> None:
    rows = []

    def row(figure, measured, target="", ok=None):
        rows.append((figure, measured, target, "" if ok is None else verdict(ok)))

    issue_rows(report, row)
    if rows:
        rows.append(("", "", "", ""))

    builds = report["builds"]
    thousand = next((k for k, b in builds.items() if b["case_studies"] >= 1000), None)  # the size the targets are for
    real = builds["real"]
    row(f"Build, real site ({real['case_studies']} case studies)", f"{real['build_s']:.2f} s", "< 5 s", real["build_s"] < TARGETS["build_real_s"])
    for key, b in builds.items():
        if key == "real":
            continue
        target, ok = ("< 10 s", b["build_s"] < TARGETS["build_1000_s"]) if key == thousand else ("", None)
        row(f"Build, N = {b['case_studies']}", f"{b['build_s']:.2f} s ({b['build_s'] / b['case_studies'] * 1000:.1f} ms per case study)", target, ok)
        if "phases" in b:
            pagefind = b["phases"]["Pagefind index"]
            row("  of which Pagefind indexing", f"{pagefind:.2f} s ({pagefind / b['build_s']:.0%})")
    if "marginal" in report:
        m = report["marginal"]
        row("Marginal cost per case study, N = 10 to 100", f"{m['low_ms']:.1f} ms")
        row("Marginal cost per case study, N = 100 to 1,000", f"{m['high_ms']:.1f} ms ({m['ratio']:.2f} times the above)",
            "no more than 1.2 times the above", m["ratio"] <= 1 + TARGETS["per_case_flat"])
        row("  (seconds per case study at 100 and 1,000)", f"{m['per_case_100_ms']:.1f} ms, {m['per_case_1000_ms']:.1f} ms")
    for key, s in report["sizes"].items():
        big = s["case_studies"] >= 1000
        row(f"Site size, N = {s['case_studies']}", f"{kb(s['site_bytes'])} in {s['site_files']:,} files",
            "< 30 MB" if key == thousand else "", (s["site_bytes"] < TARGETS["site_bytes_1000"]) if key == thousand else None)
        row(f"  search index (pagefind/), N = {s['case_studies']}", kb(s["search_index_bytes"]))
        for kind, h in sorted(s["html_by_kind"].items()):
            content = kind in ("precondition", "case study", "docs", "home")
            row(f"  HTML of {kind} pages ({h['pages']}): median, largest", f"{kb(h['median'])}, {kb(h['max'])}",
                "< 25 KB each" if content and big else "", (h["max"] < TARGETS["content_html_bytes"]) if content and big else None)
        if big:
            row("  content pages at or over 25 KB of HTML", f"{s['content_pages_over_target']} of {s['content_pages']}")
            largest = max(s["listings"].items(), key=lambda kv: kv[1])
            row(f"  listing pages ({len(s['listings'])}): largest HTML", f"{kb(largest[1])} ({largest[0]})")
    for key, w in report.get("weights", {}).items():
        for kind, k in sorted(w["by_kind"].items()):
            is_target = kind == "precondition"
            row(f"First load, {kind} pages ({k['pages']}), {key}: median, largest",
                f"{kb(k['median_raw'])} raw / {kb(k['median_gzip'])} gzip; {kb(k['max_raw'])} / {kb(k['max_gzip'])}",
                "< 150 KB gzip" if is_target else "", (k["max_gzip"] < TARGETS["precondition_first_load_gzip"]) if is_target else None)
    if "search" in report:
        s = report["search"]
        row(f"Search, N = {report['search_n']}: keystroke to first result (median of {len(s['runs'])})",
            f"{s['median_ms']:.0f} ms (largest {s['max_ms']:.0f} ms)", "< 300 ms", s["median_ms"] < TARGETS["search_ms"])
        row("  downloaded before the first result, whole page (gzip)", f"{kb(s['median_gzip'])} median, {kb(s['max_gzip'])} largest",
            "< 100 KB", s["max_gzip"] < TARGETS["search_bytes_gzip"])
        row("  of which Pagefind's files (gzip), largest", kb(s["max_pagefind_gzip"]))
    for site_key, pages in report.get("lighthouse", {}).items():
        for label, forms in pages.items():
            for form_factor, e in forms.items():
                if "scores" not in e:
                    row(f"Lighthouse {site_key}: {label}, {form_factor}", "failed: " + (e["errors"][0][:80] if e["errors"] else "?"), "", False)
                    continue
                sc = e["scores"]
                ok = all(sc[c] == 100 for c in CATEGORIES[1:]) and (form_factor == "desktop" or sc["performance"] >= TARGETS["lighthouse_perf_mobile"])
                target = "perf >= 95, others 100" if form_factor == "mobile" else "a11y, BP, SEO 100"
                failed = f" ({len(e['errors'])} of {e['runs'] + len(e['errors'])} runs failed)" if e["errors"] else ""
                row(f"Lighthouse {site_key}: {label}, {form_factor}",
                    f"perf {sc['performance']:g}, a11y {sc['accessibility']:g}, BP {sc['best-practices']:g}, SEO {sc['seo']:g}{failed}", target, ok)

    widths = [max(len(str(r[i])) for r in rows + [("Figure", "Measured", "Target", "")]) for i in range(3)]
    line = f"{'Figure':<{widths[0]}}  {'Measured':<{widths[1]}}  {'Target':<{widths[2]}}  Result"
    print("\n" + line + "\n" + "-" * len(line))
    for figure, measured, target, result in rows:
        print(f"{figure:<{widths[0]}}  {measured:<{widths[1]}}  {target:<{widths[2]}}  {result}")
    misses = sum(1 for r in rows if r[3] == "MISS")
    print(f"\n{sum(1 for r in rows if r[3] == 'PASS')} PASS, {misses} MISS")
    loads = ", ".join(f"{k} {v:.1f}" for k, v in report.get("load_average", {}).items())
    print(f"Load average (1 minute) on this {os.cpu_count()}-CPU machine when each step began: {loads}. "
          "Times and mobile Lighthouse scores suffer when it is above the number of CPUs.")


def print_details(report: dict) -> None:
    """What the table summarises: build phases, the parts of a page's HTML, failing Lighthouse audits."""
    for key, b in report["builds"].items():
        if "phases" not in b:
            continue
        runs = ", ".join(f"{r:.2f}" for r in b["all_runs_s"])
        print(f"\nBuild phases, {key} ({b['case_studies']} case studies, fastest of {runs} s; "
              f"load average {b['load_average'][0]:.1f} on {os.cpu_count()} CPUs):")
        for name, seconds in b["phases"].items():
            print(f"  {name:<52} {seconds:7.2f} s")
        for kind, k in sorted(b["per_page_kind"].items()):
            print(f"  {kind + ' pages':<20} {k['pages']:5}: Markdown {k['markdown_s']:6.2f} s, templates {k['template_s']:6.2f} s")
    for key, s in report["sizes"].items():
        parts = s.get("median_case_study_html_parts")
        if parts:
            print(f"\nHTML of the median case-study page, {key}: " + ", ".join(f"{k} {kb(v)}" for k, v in parts.items()))
        print(f"Largest content pages, {key}: " + ", ".join(f"{u} {kb(b)}" for u, b in s["largest_content_pages"]))
    for key, w in report.get("weights", {}).items():
        pre = w["by_kind"].get("precondition")
        if pre:
            types = w["pages"][pre["largest"]]["by_type"]
            print(f"\nFirst load of {pre['largest']}, {key}, by type (gzip): "
                  + ", ".join(f"{t} {kb(v['gzip'])} in {v['requests']}" for t, v in sorted(types.items(), key=lambda kv: -kv[1]["gzip"])))
    if "search" in report:
        worst = max(report["search"]["runs"], key=lambda r: r["gzip_before_result"])
        print(f"\nSearch for {worst['query']!r}: files fetched before the first result (gzip): "
              + ", ".join(f"{u} {kb(b)}" for u, b in sorted(worst["files_before_result"].items(), key=lambda kv: -kv[1])))
        print("Pagefind's part of it: " + ", ".join(f"{part} {kb(b)}" for part, b in worst["pagefind_parts"].items())
              + f"; Pagefind alone, asked for this word, fetches {kb(worst['pagefind_floor_gzip'])} to give its first result (its floor)")
        print("Search runs (ms from the last keystroke): " + ", ".join(f"{r['query']} {r['ms_from_last_key']:.0f}" for r in report["search"]["runs"]))
    for site_key, pages in report.get("lighthouse", {}).items():
        for label, forms in pages.items():
            for form_factor, e in forms.items():
                for error in sorted(set(e.get("errors", []))):
                    print(f"\nLighthouse {site_key}, {label}, {form_factor}: a run failed: {error.strip()[:300]}")
                if e.get("failing"):
                    print(f"\nLighthouse {site_key}, {label}, {form_factor}: audits below full marks in some run:")
                    for f in e["failing"]:
                        print(f"  - {f}")
                if e.get("metrics_median"):
                    m = e["metrics_median"]
                    print(f"Lighthouse {site_key}, {label}, {form_factor}: all runs {[s['performance'] for s in e['all_scores']]}; "
                          + ", ".join(f"{k} {v:.0f}" if k != "cumulative-layout-shift" else f"{k} {v:.3f}" for k, v in m.items()))
                    if form_factor == "mobile" and e["scores"]["performance"] < TARGETS["lighthouse_perf_mobile"]:
                        for what, spent in e["main_thread"].items():
                            print(f"  main thread {what}: " + ", ".join(f"{k.rsplit('/', 1)[-1] or k} {v}" for k, v in spent.items()))


# --- Main ----------------------------------------------------------------------------------------

def browser_steps(report: dict, args) -> None:
    """Page weights (the real site, N = 1,000 and the largest N) and search (N = 1,000) in Chromium, then Lighthouse."""
    from playwright.sync_api import sync_playwright

    builds = report["builds"]
    thousand = next((k for k, b in builds.items() if b["case_studies"] >= 1000), "real")
    weighed = list(dict.fromkeys(["real", thousand, list(builds)[-1]]))
    servers = {key: Server(Path(builds[key]["site"])) for key in weighed}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            report["load_average"]["page weights"] = os.getloadavg()[0]
            print("Weighing pages in Chromium ...", flush=True)
            report["weights"] = {key: weigh_site(browser, servers[key].url, Path(builds[key]["site"])) for key in weighed}
            report["load_average"]["search"] = os.getloadavg()[0]
            print("Timing search in Chromium ...", flush=True)
            report["search_n"] = builds[thousand]["case_studies"]
            report["search"] = search_report(browser, servers[thousand].url)
            browser.close()
        if "lighthouse" in args.skip:
            return
        ensure_lighthouse()
        report["load_average"]["Lighthouse"] = os.getloadavg()[0]
        print(f"Lighthouse, {args.lighthouse_runs} run(s) per page and form factor ...", flush=True)
        report["lighthouse"] = {"real": lighthouse_report(lighthouse_pages(servers["real"].url, Path(builds["real"]["project"])), args.lighthouse_runs)}
        if "scale-lighthouse" not in args.skip and thousand != "real":
            big = builds[thousand]
            pages = lighthouse_pages(servers[thousand].url, Path(big["project"]), case_id=median_case_study(Path(big["site"])), listings=True)
            report["lighthouse"][thousand] = lighthouse_report({k: v for k, v in pages.items() if k != "home"}, args.lighthouse_runs, ("mobile",))
    finally:
        for server in servers.values():
            server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="The pattern library's benchmark (not a test).")
    parser.add_argument("--sizes", default="10,100,1000,10000", help="numbers of case studies to build with (default 10,100,1000,10000)")
    parser.add_argument("--repeats", type=int, default=2, help="builds per size up to 1,000; the fastest counts (default 2; larger sizes once)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page and form factor; the median is reported")
    parser.add_argument("--skip", action="append", default=[], choices=["lighthouse", "browser", "scale-lighthouse"])
    parser.add_argument("--profile", action="store_true", help="also build N = 1,000 under cProfile and print the top functions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and sites")
    parser.add_argument("--report", type=Path, help="print the tables of an earlier run's JSON file and stop")
    args = parser.parse_args()
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
        print_details(report)
        print_table(report)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    tmp = Path(tempfile.mkdtemp(prefix="library-bench-"))
    report: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": {"cpus": os.cpu_count()},
                    "targets": TARGETS, "builds": {}, "sizes": {}}
    try:
        report["load_average"] = {"start": os.getloadavg()[0]}
        print("Building the real site ...", flush=True)
        report["builds"]["real"] = timed_build(tmp / "real", None, args.repeats)
        for n in sizes:
            print(f"Building with {n} case studies ...", flush=True)
            report["builds"][f"N={n}"] = timed_build(tmp / f"n{n}", n, args.repeats if n <= 1000 else 1, profile=args.profile and n == 1000)
        for key, b in report["builds"].items():
            report["sizes"][key] = {"case_studies": b["case_studies"], **size_report(Path(b["site"]))}
        times = {b["case_studies"]: b["build_s"] for k, b in report["builds"].items() if k != "real"}
        if {10, 100, 1000} <= set(times):
            low, high = (times[100] - times[10]) / 90, (times[1000] - times[100]) / 900
            report["marginal"] = {"low_ms": low * 1000, "high_ms": high * 1000, "ratio": high / low,
                                  "per_case_100_ms": times[100] / 100 * 1000, "per_case_1000_ms": times[1000] / 1000 * 1000}

        if "browser" not in args.skip:
            browser_steps(report, args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"Kept the copies and sites in {tmp}")

    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    report["load_average"]["end"] = os.getloadavg()[0]
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{report['started'].replace(':', '').replace('+0000', 'Z')}.json"
    out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    shutil.copyfile(out, RESULTS / "latest.json")
    print_details(report)
    print_table(report)
    for key, b in report["builds"].items():
        if b.get("profile"):
            print(f"\ncProfile of the build, {key} (slower than a plain build):")
            print("\n".join(b["profile"]))
    print(f"\nAll figures: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
