/* The studio's checks (studio-checks.js) say what `python -m macros validate` says: every problem, in the same words,
 * at the same field; personal data found alike; values quoted and counted as Python writes them (studio-python.js). */
"use strict";

const assert = require("node:assert");
const { test } = require("node:test");
const { byText, corpus, load, differences, report } = require("./browser.js");

const window = load("contribute/studio.md", ["studio-text.js", "studio-python.js", "studio-ids.js", "studio-checks.js", "studio-form-reader.js", "studio-yaml.js"]);
const rules = window.LibraryStudioRules;

test("every case study: the same problems, field and message", () => {
  const checks = corpus("checks");
  assert.ok(checks.cases.length >= 60, checks.cases.length);
  const found = (c) => rules.check(c.case).map((p) => [p.field, p.message]).sort(byText);
  report(differences(checks.cases, (c) => c.problems, found, (c) => c.what), assert);
});

test("personal data: the same kinds and matches", () => {
  const personal = corpus("personal-data");
  report(differences(personal.cases, (c) => c.found, (c) => rules.personalData(c.text), (c) => c.text), assert);
});

test("values quoted, shortened, counted and joined into one line as Python does", () => {
  const text = corpus("python-text");
  const name = (c) => Object.keys(c)[0];
  const python = window.LibraryPython;
  report(differences(text.cases, (c) => c.out, (c) => python[name(c)](c[name(c)]), (c) => [name(c), c[name(c)]]), assert);
});
