/* The studio writes the file from-issue writes (studio-yaml.js and case_yaml.py), character for character, and
 * makes the same id from a title and a place (studio-ids.js; scaffold.case_study_id and slugs.slugify). */
"use strict";

const assert = require("node:assert");
const { test } = require("node:test");
const { corpus, load, differences, report } = require("./browser.js");

const window = load("contribute/studio.md", ["studio-text.js", "studio-python.js", "studio-ids.js", "studio-checks.js", "studio-form-reader.js", "studio-yaml.js"]);
const rules = window.LibraryStudioRules;

test("the same file, character for character", () => {
  const files = corpus("yaml-writer").cases.filter((c) => "yaml" in c);
  report(differences(files, (c) => c.yaml, (c) => rules.toYaml(c.values, c.id), (c) => c.values.title), assert);
});

test("each value written plain or quoted alike, in a block and in a list of words", () => {
  const values = corpus("yaml-writer").cases.filter((c) => "scalar" in c);
  report(differences(values, (c) => [c.plain, c.flow], (c) => [rules.scalar(c.scalar), rules.scalar(c.scalar, true)], (c) => c.scalar), assert);
});

test("the same id from a place and a title, and the same slug from a place", () => {
  const ids = corpus("ids").cases;
  report(differences(ids.filter((c) => "id" in c), (c) => c.id, (c) => rules.caseStudyId(c.place, c.title), (c) => [c.place, c.title]), assert);
  report(differences(ids.filter((c) => "slugify" in c), (c) => c.out, (c) => rules.slugify(c.slugify), (c) => c.slugify), assert);
});
