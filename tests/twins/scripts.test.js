/* The pages' scripts hold together: each of the studio's and the reflection tool's scripts loads in the page's
 * order, and every function one calls on another's window.Library* object is there. The studio's scripts are
 * split by job, so a name left behind by a move (rules.length after it went to LibraryPython) is found here, in
 * a second, rather than by a browser test of the step that calls it. */
"use strict";

const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");
const { load, pageScripts, SCRIPTS } = require("./browser.js");

for (const page of ["contribute/studio.md", "trainers/reflection.md"]) {
  test(`${page}: every script loads, and every function one script calls on another's object is there`, () => {
    const names = pageScripts(page).filter((name) => fs.existsSync(path.join(SCRIPTS, name)));
    globalThis.document = { querySelector: () => null };  // the page scripts find nothing to run on, and stop
    const window = load(page, names);
    const missing = [];
    for (const name of names) {
      const source = fs.readFileSync(path.join(SCRIPTS, name), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      const objects = { window: null };
      for (const [, alias, global] of source.matchAll(/\bvar (\w+) = window\.(Library\w+)\b(?![.(])/g)) objects[alias] = global;
      for (const [, alias, global, member] of source.matchAll(/\b(\w+)\.(?:(Library\w+)\.)?(\w+)\b/g)) {
        const owner = alias === "window" ? global : global ? null : objects[alias];
        if (!owner || !(owner in window) || typeof window[owner] !== "object" && typeof window[owner] !== "function") continue;
        if (!(member in window[owner])) missing.push(`${name}: ${alias}${global ? "." + global : ""}.${member}`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });
}
