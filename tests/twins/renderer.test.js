/* The renderer (studio-text.js) writes the HTML safe_markdown.py writes, for every text of the corpus. */
"use strict";

const assert = require("node:assert");
const { test } = require("node:test");
const { corpus, load, differences, report } = require("./browser.js");

const window = load("contribute/studio.md", ["studio-text.js"]);
const renderer = corpus("renderer");

test("the corpus holds over 2,000 texts", () => {
  assert.ok(renderer.cases.length > 2000, renderer.cases.length);
});

for (const kind of ["block", "inline"]) {
  test(`${kind}: the same HTML as the Python`, () => {
    report(differences(renderer.cases, (c) => c[kind], (c) => window.LibraryText[kind](c.text), (c) => c.text), assert);
  });
}
