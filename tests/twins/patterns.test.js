/* Every pattern the studio gets from the build (studio.js_pattern's translation of the Python's) finds what the
 * Python pattern finds, where it finds it; and \w, \d and \s read characters by Unicode, as Python's do. */
"use strict";

const assert = require("node:assert");
const { test } = require("node:test");
const { corpus, differences, report } = require("./browser.js");

test("every pattern: the same matches, at the same places", () => {
  const patterns = corpus("patterns");
  assert.ok(patterns.cases.length >= 20, patterns.cases.length);
  const spans = (c) => {
    const re = new RegExp(c.source, c.flags + "g");
    return patterns.probes.map((probe) => [...probe.matchAll(re)].map((m) => [m.index, m.index + m[0].length]));
  };
  report(differences(patterns.cases, (c) => c.spans, spans, (c) => [c.path, c.python]), assert);
});

test("\\w, \\d and \\s and their opposites: the same characters of the Basic Multilingual Plane", () => {
  const escapes = corpus("escapes");
  const unassigned = inRanges(escapes.unassigned);
  for (const c of escapes.cases) {
    const re = new RegExp("^" + c.source + "$", c.flags);
    const python = inRanges(c.matches);
    const differ = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (re.test(String.fromCharCode(code)) !== python(code) && !unassigned(code)) differ.push(code.toString(16));
    }
    // Unicode grows: a letter or digit added after Python's Unicode version may be one in Node's only.
    assert.deepStrictEqual(differ, [], c.escape + " differs on " + differ.slice(0, 20).join(", "));
  }
});

function inRanges(ranges) {
  const set = new Set();
  for (const [first, last] of ranges) for (let code = first; code <= last; code++) set.add(code);
  return (code) => set.has(code);
}
