"""Search in Chromium: from the last keystroke to the first result, and every byte fetched until then,
beside what Pagefind alone needs for the same word (its floor)."""

from __future__ import annotations

import statistics

from .chromium import Recorder

SEARCH_QUERIES = ("trust", "housing", "Ignite", "leadership")

# Run in the search page before typing: stamps the first and last keystroke and the first result to appear.
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
    if (window.__bench.result === null && list.querySelector('.library-search__result')) {
      window.__bench.result = performance.now();
    }
  }).observe(list, {childList: true, subtree: true});
}"""

# Pagefind driven directly, with none of the page's own code: what it fetches is its floor for the query.
PAGEFIND_ALONE = """async ([root, query]) => {
  const pagefind = await import(root + 'pagefind/pagefind.js');
  await pagefind.options({ baseUrl: new URL(root).pathname });
  await pagefind.init();
  const search = await pagefind.search(query);
  if (search.results.length) await search.results[0].data();
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
    return {
        "query": query,
        "ms_from_last_key": bench["result"] - bench["last"],
        "ms_from_first_key": bench["result"] - bench["first"],
        "gzip_before_result": sum(s["gzip"] for s in before.values()),
        "raw_before_result": sum(s["raw"] for s in before.values()),
        "pagefind_gzip_before_result": sum(s["gzip"] for u, s in before.items() if "/pagefind/" in u),
        "pagefind_gzip_before_intent": sum(s["gzip"] for u, s in untouched.items() if "/pagefind/" in u),
        "pagefind_floor_gzip": pagefind_floor(browser, base, query),
        "pagefind_parts": gzip_by_pagefind_part(before),
        "requests_before_result": len(before),
        "files_before_result": {u.split("/", 3)[-1]: s["gzip"] for u, s in before.items()},
    }


def gzip_by_pagefind_part(sizes: dict[str, dict]) -> dict[str, int]:
    """Gzip bytes of Pagefind's files among `sizes`, by part (engine, index chunk, fragment, ...)."""
    parts: dict = {}
    for url, size in sizes.items():
        part = pagefind_part(url)
        if part:
            parts[part] = parts.get(part, 0) + size["gzip"]
    return parts


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
    """Every query `repeats` times; the median and the worst of the times and the bytes."""
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
