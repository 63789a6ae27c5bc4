/* The studio's browser scripts, loaded into Node for the twins' tests (node --test tests/twins).
 *
 * The scripts are written for the page: each is a function run at once that reads and sets properties of `window`.
 * Here `window` is a plain object holding what the build would have put there (the data of the twins' corpus,
 * written by `python -m macros twins`), and each script is run as the page runs it, in the page's order. Nothing
 * else of a browser is there: a script that needs a document to load is not one the twins' tests can load.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPTS = path.join(ROOT, "docs", "assets", "javascripts");
const CORPUS = path.join(__dirname, "corpus");

/* The studio's patterns use RegExp modifiers ("(?-i:st|nd|rd|th)" in the postcode's), which Node.js reads from
   version 23 (and Chromium from 125): an older Node.js would fail every test with "Invalid group". */
try {
  new RegExp("(?-i:a)", "i");
} catch (e) {
  throw new Error("Node.js " + process.version + " cannot read the studio's patterns (RegExp modifiers need Node.js 23 " +
    "or later): run the twins with .venv/bin/node (Node.js 24), as make does");
}

/* One file of the corpus. */
function corpus(name) {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, name + ".json"), "utf8"));
}

/* The scripts a page loads, in its order (its front matter's library_script). */
function pageScripts(page) {
  const text = fs.readFileSync(path.join(ROOT, "docs", page), "utf8");
  const line = /^library_script: \[(.*)\]$/m.exec(text);
  if (!line) throw new Error(page + " has no library_script: [...] line");
  return line[1].split(",").map((name) => name.trim());
}

/* `window` after the scripts `names` of the page have run, in the page's order; the data files are the corpus's. */
function load(page, names) {
  const order = pageScripts(page);
  const missing = names.filter((name) => order.indexOf(name) === -1);
  if (missing.length) throw new Error(page + " does not load " + missing.join(", "));
  globalThis.window = { LIBRARY_STUDIO: corpus("studio-data").data, LIBRARY_REFLECTION: corpus("reflection-data").data };
  for (const name of order.filter((name) => names.indexOf(name) !== -1)) {
    const file = path.join(SCRIPTS, name);
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });  // as a <script>: run once per load, not cached
  }
  return globalThis.window;
}

/* As it would reach the Python: a value through JSON, so what JavaScript leaves undefined is left out. */
function plain(value) {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/* The cases where `actual(case)` differs from `expected(case)`, each as [what, expected, actual]. */
function differences(cases, expected, actual, what) {
  const out = [];
  for (const one of cases) {
    const want = expected(one);
    const got = plain(actual(one));
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push([what(one), want, got]);
  }
  return out;
}

/* A failure that says how many cases differ and shows the first in full. */
function report(found, assert) {
  if (!found.length) return;
  const [what, want, got] = found[0];
  assert.deepStrictEqual(got, want, found.length + " case(s) differ from the Python; the first: " + JSON.stringify(what).slice(0, 300));
}

/* Python's sorted() of [field, message] pairs: by code point, as JavaScript compares strings only for the BMP. */
function byText(a, b) {
  for (let i = 0; i < 2; i++) {
    const x = Array.from(a[i]).map((c) => c.codePointAt(0));
    const y = Array.from(b[i]).map((c) => c.codePointAt(0));
    for (let j = 0; j < Math.min(x.length, y.length); j++) if (x[j] !== y[j]) return x[j] - y[j];
    if (x.length !== y.length) return x.length - y.length;
  }
  return 0;
}

module.exports = { byText, corpus, load, pageScripts, plain, differences, report, SCRIPTS };
