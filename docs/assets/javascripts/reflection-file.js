/* The reflection tool's answers as files (docs/trainers/reflection.md): the JSON file, version 1, and the Markdown
 * report, both of which the page reads back, and what it keeps in this browser (browser-draft.js), read back through
 * the same check as a file. The letters, the words of the place scale and the limits on what is typed are the
 * build's (window.LIBRARY_REFLECTION, from macros/reflection.py), the same as the form's.
 *
 * A file, version 1: {format, version: 1, saved, group, answers: {A: {presence, evidence, strengthen}, ...}}.
 * The words, letters and limits are part of it: changing them, or any of the names here, means a new version.
 */
(function () {
  "use strict";

  var scale = window.LIBRARY_REFLECTION;
  var FORMAT = "place-based-patterns/reflection";
  var VERSION = 1;
  var LETTERS = scale.letters;
  var NOT_DISCUSSED = scale.not_discussed;
  var PRESENCE = scale.presence;  // "not discussed", then the place scale
  var FIELDS = ["presence", "evidence", "strengthen"];
  var MAX_GROUP = scale.max_group;
  var MAX_TEXT = scale.max_text;
  var STORAGE_KEY = "place-based-patterns:reflection:v1";

  /* --- State: { group, answers: { A: { presence, evidence, strengthen }, ... } } ---------- */

  function emptyAnswer() {
    return { presence: NOT_DISCUSSED, evidence: "", strengthen: "" };
  }

  function emptyState() {
    var answers = {};
    LETTERS.forEach(function (letter) { answers[letter] = emptyAnswer(); });
    return { group: "", answers: answers };
  }

  function isEmpty(state) {
    return !state.group.trim() && LETTERS.every(function (letter) {
      var a = state.answers[letter];
      return a.presence === NOT_DISCUSSED && !a.evidence.trim() && !a.strengthen.trim();
    });
  }

  function toFile(state) {
    return { format: FORMAT, version: VERSION, saved: new Date().toISOString(), group: state.group, answers: state.answers };
  }

  /* --- Checking a file (or what was stored) before anything is replaced -------------------- */

  /* Returns { state } or { problem: "what was wrong, in a sentence" }. */
  function check(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      return { problem: "it does not hold a reflection (expected a JSON object with \"format\", \"version\" and \"answers\")" };
    }
    if (data.format !== FORMAT) {
      return { problem: "it is not a reflection file from this library (its \"format\" should be \"" + FORMAT + "\")" };
    }
    if (data.version !== VERSION) {
      return { problem: "it is version " + JSON.stringify(data.version) + " of the format, and this page reads version " + VERSION };
    }
    var unknown = Object.keys(data).filter(function (key) {
      return ["format", "version", "saved", "group", "answers"].indexOf(key) === -1;
    });
    if (unknown.length) return { problem: "it has a field this page does not know: \"" + unknown[0] + "\"" };
    if (data.saved !== undefined && (typeof data.saved !== "string" || data.saved.length > 40 || isNaN(Date.parse(data.saved)))) {
      return { problem: "its \"saved\" date is not a date" };
    }
    var state = emptyState();
    if (data.group !== undefined) {
      var groupProblem = textProblem(data.group, "the group name", MAX_GROUP);
      if (groupProblem) return { problem: groupProblem };
      state.group = data.group;
    }
    var answers = data.answers;
    if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
      return { problem: "its \"answers\" are missing or are not a list of preconditions by letter" };
    }
    var letters = Object.keys(answers);
    for (var i = 0; i < letters.length; i++) {
      var letter = letters[i];
      if (LETTERS.indexOf(letter) === -1) {
        return { problem: "it has answers for \"" + letter.slice(0, 20) + "\", which is not a precondition (the letters are A to I)" };
      }
      var problem = answerProblem(answers[letter], letter, state.answers[letter]);
      if (problem) return { problem: problem };
    }
    return { state: state };
  }

  /* Checks one precondition's answer and copies it into `into`; returns a problem or "". */
  function answerProblem(answer, letter, into) {
    if (answer === null || typeof answer !== "object" || Array.isArray(answer)) {
      return "the answer for " + letter + " is not a set of fields";
    }
    var unknown = Object.keys(answer).filter(function (key) { return FIELDS.indexOf(key) === -1; });
    if (unknown.length) return "the answer for " + letter + " has a field this page does not know: \"" + unknown[0].slice(0, 40) + "\"";
    if (answer.presence !== undefined) {
      if (PRESENCE.indexOf(answer.presence) === -1) {
        var shown = typeof answer.presence === "string" ? "\"" + answer.presence.slice(0, 40) + "\"" : "not a word";
        return "how present " + letter + " is (" + shown + ") must be one of: " + PRESENCE.join(", ");
      }
      into.presence = answer.presence;
    }
    var labels = { evidence: "the evidence for " + letter, strengthen: "what would strengthen " + letter };
    for (var key in labels) {
      if (answer[key] === undefined) continue;
      var problem = textProblem(answer[key], labels[key], MAX_TEXT);
      if (problem) return problem;
      into[key] = answer[key];
    }
    return "";
  }

  function textProblem(value, what, limit) {
    if (typeof value !== "string") return what + " is not text";
    if (value.length > limit) {
      return what + " is " + value.length.toLocaleString("en-GB") + " characters long, and the most this page keeps is " + limit.toLocaleString("en-GB");
    }
    return "";
  }

  /* --- The profile: the letters under each word, never a score ----------------------------------------- */

  function byPresence(state) {
    var groups = {};
    PRESENCE.forEach(function (word) { groups[word] = []; });
    LETTERS.forEach(function (letter) { groups[state.answers[letter].presence].push(letter); });
    return groups;
  }

  /* The words in the order they are offered on the form, with "not discussed" last. */
  function profileOrder() {
    return PRESENCE.slice(1).concat([NOT_DISCUSSED]);
  }

  function capitalise(word) {
    return word.charAt(0).toUpperCase() + word.slice(1);
  }

  /* --- The Markdown report ------------------------------------------------------------------------------ */

  /* The report holds each answer exactly, whatever it says: every line of it is quoted ("> " before it, ">" alone
     for an empty line), so no line of an answer can pass for one of the report's own lines ("## A. ...",
     "How present: ...", "### Evidence"). An answer left empty is written "Nothing written.", unquoted: an answer
     that says "Nothing written." is quoted like any other. The form's text boxes hold no carriage return (a
     browser turns every line break in them into a line feed), so the lines give back the text exactly. */
  function quoted(text) {
    if (!text) return [NOTHING];
    return text.split("\n").map(function (line) { return line ? "> " + line : ">"; });
  }

  function toMarkdown(state, saved, titles) {
    var groups = byPresence(state);
    var lines = [REPORT_TITLE, ""];
    if (state.group) lines.push("Group: " + oneLine(state.group), "");  // exactly the name: a one-line box holds no line break
    lines.push("Saved: " + saved.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" }), "");
    lines.push("Made with the reflection tool of the Place-based systems change pattern library.",
      "The words describe a conversation, not a score: the preconditions are not a checklist.", "");
    lines.push("## Profile", "");
    profileOrder().forEach(function (word) {
      lines.push("- " + capitalise(word) + ": " + (groups[word].length ? groups[word].join(", ") : "none"));
    });
    LETTERS.forEach(function (letter) {
      var answer = state.answers[letter];
      lines.push("", "## " + letter + ". " + titles[letter], "", "How present: " + answer.presence, "");
      lines.push.apply(lines, ["### Evidence", ""].concat(quoted(answer.evidence), [""]));
      lines.push.apply(lines, ["### What would strengthen it", ""].concat(quoted(answer.strengthen)));
    });
    return lines.join("\n") + "\n";
  }

  /* The report read back: the same data as a JSON file, for check() to test like any other.
     Returns the data, or null when the text is not a report from this page. */
  var REPORT_TITLE = "# Reflection on the nine preconditions";
  var NOTHING = "Nothing written.";
  var QUOTE = /^> ?/;

  /* An answer's lines as the report holds them, back to its text. A report from before answers were quoted
     (no line starts with ">") is read as it was written then: its lines, trimmed. */
  function unquoted(lines) {
    var quotedLines = lines.filter(function (line) { return line.charAt(0) === ">"; });
    if (quotedLines.length) return quotedLines.map(function (line) { return line.replace(QUOTE, ""); }).join("\n");
    var written = lines.join("\n").trim();
    return written === NOTHING ? "" : written;
  }

  function fromMarkdown(text) {
    var lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
    if (lines[0].trim() !== REPORT_TITLE) return null;
    var data = { format: FORMAT, version: VERSION, answers: {} };
    var answer = null;
    var into = null;  // "evidence" or "strengthen" while their text is being read
    var buffer = [];
    function finish() {
      if (answer && into) answer[into] = unquoted(buffer);
      into = null;
      buffer = [];
    }
    for (var i = 1; i < lines.length; i++) {
      var line = lines[i];
      var heading = /^## ([A-Z])\. /.exec(line);
      if (heading || /^## /.test(line)) {
        finish();
        answer = heading ? (data.answers[heading[1]] = {}) : null;
      } else if (answer && !into && /^How present: /.test(line)) {
        answer.presence = line.slice("How present: ".length).trim();
      } else if (answer && line === "### Evidence") {
        finish();
        into = "evidence";
      } else if (answer && line === "### What would strengthen it") {
        finish();
        into = "strengthen";
      } else if (into) {
        buffer.push(line);
      } else if (!answer && /^Group: /.test(line)) {
        data.group = line.slice("Group: ".length);
      }
    }
    finish();
    return data;
  }

  function oneLine(text) {
    return text.replace(/[\r\n]/g, " ");
  }

  /* --- The file's name ---------------------------------------------------------------------------------- */

  function fileName(state, extension) {
    var slug = state.group.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|(?<!-)-+$/g, "").slice(0, 40);
    var day = new Date().toISOString().slice(0, 10);
    return "reflection" + (slug ? "-" + slug : "") + "-" + day + "." + extension;
  }

  /* --- Kept in this browser, read back through the same check as a file --------------------------------- */

  var kept = window.LibraryBrowserDraft(STORAGE_KEY, check);

  function store(state) {
    return kept.store(toFile(state));
  }

  /* A file chosen to load: a Markdown report from this page, else JSON (JSON.parse throws on anything else). */
  function parse(text) {
    var data = fromMarkdown(text);
    return data === null ? JSON.parse(text) : data;
  }

  window.LibraryReflectionFile = {
    LETTERS: LETTERS, NOT_DISCUSSED: NOT_DISCUSSED, emptyState: emptyState, isEmpty: isEmpty, toFile: toFile, check: check,
    byPresence: byPresence, profileOrder: profileOrder, capitalise: capitalise, toMarkdown: toMarkdown, fromMarkdown: fromMarkdown,
    parse: parse, fileName: fileName, canStore: kept.canStore, stored: kept.stored, store: store, unstore: kept.unstore
  };
})();
