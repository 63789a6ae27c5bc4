/* The studio reads its answers as from-issue reads the issue it writes of them (studio-form-reader.js and
 * issue_form.py): the same issue text, the same case study, the same problems with the form; and the Sources
 * answer written with labels, read and written alike (source_answer.py). */
"use strict";

const assert = require("node:assert");
const { test } = require("node:test");
const { byText, corpus, load, differences, report } = require("./browser.js");

const window = load("contribute/studio.md", ["studio-text.js", "studio-python.js", "studio-ids.js", "studio-checks.js", "studio-form-reader.js", "studio-yaml.js"]);
const rules = window.LibraryStudioRules;
const form = corpus("form-reader");

test("the studio writes the issue GitHub writes for its answers", () => {
  report(differences(form.cases, (c) => c.body, (c) => rules.issueBody(c.answers), (c) => c.what), assert);
});

test("the studio reads its answers as from-issue reads that issue", () => {
  const read = (c) => {
    const result = rules.read(c.answers);
    return { values: result.values, letters: result.letters, problems: result.problems.map((p) => [p.field, p.message]).sort(byText) };
  };
  const expected = (c) => ({ values: c.values, letters: c.letters, problems: c.problems });
  report(differences(form.cases, expected, read, (c) => c.what), assert);
});

test("lists, paragraphs, sources written one a line and themes: read alike", () => {
  const parts = corpus("form-parts");
  const name = (c) => Object.keys(c)[0];
  report(differences(parts.cases, (c) => c.out, (c) => rules[name(c)](c[name(c)]), (c) => [name(c), c[name(c)]]), assert);
});

test("the Sources answer with labels: read and written alike, and pages printed as the page prints them", () => {
  const sources = corpus("sources");
  const name = (c) => Object.keys(c)[0];
  const run = (c) => {
    if (name(c) !== "readSources") return rules[name(c)](c[name(c)]);
    const result = rules.readSources(c.readSources);
    return [result.sources, result.problems.map((p) => [p.line, p.kind, p.values])];
  };
  report(differences(sources.cases, (c) => c.out, run, (c) => [name(c), c[name(c)]]), assert);
});
