"""The benchmark (GitHub issues 7 and 14): build time, site and page weight, search speed and Lighthouse scores.

    python -m tools.bench [--sizes 10,100,1000,10000] [--lighthouse-runs 3] [--skip lighthouse|browser|scale-lighthouse]
                          [--profile] [--keep]

(`make bench BENCH_ARGS="..."` runs it from the repository's root.) It is a script, not a test: it prints each
figure beside its target with PASS or MISS (first the rows of issue 14's table, then the rest), and writes
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

One module a job: __main__ (the options and the order of the steps), targets (the figures to meet),
builds (copies at each size, timed, with timing_hook.py in them), pages (what a built site holds),
sizes and html_parts (weighing the built files), server (a local static host), chromium, weights and
search (first loads and search, measured in Chromium), lighthouse, and table and details (the printed
report).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
