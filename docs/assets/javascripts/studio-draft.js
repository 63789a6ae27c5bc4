/* The contribution studio's draft: what is on screen, as data. Every control's state is here, half-made
 * findings included, so the page comes back exactly as it was after a reload, and after a download and an
 * upload. The answers (what the form and from-issue read) are made from it when needed, never the
 * other way round: a finding without a precondition has no place in the issue, but it has one here.
 *
 * A draft, as stored in the browser and in a draft file (version 2):
 *   {format, version: 2, saved, step: 1-8,
 *    answers: {title, place, ..., contributor, licence, consent: [true, false, true]},  // the form's questions
 *    findings: [{text, group: "vision"|"behaviours"|"all", letter: "E"|null, status: "present"|null,
 *                merged: [s, s]|null (the statuses of two points put together), unfolded: ["tell", "signs"] (the chooser's
 *                folded parts the person opened)}],
 *    open: index of the finding shown open, or null,
 *    sources: [{published: "yes"|"no"|null, title, publisher, year, pages, url}],  // as typed
 *    help: whether the preconditions step's help is open,
 *    undo: null | {kind: "remove", at, finding} | {kind: "merge", at, finding, target, before: {text, status, merged}}
 *          | {kind: "remove-source", at, source},  // the last removal, which the page offers to undo
 *    seen: ["studio-title", "step-1", ...]}  // what the person has had the chance to answer: its problems show
 * Version 1 files (the form's answers only) are read too.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var form = data.form;

  var FORMAT = "place-based-patterns/case-study-draft";
  var VERSION = 2;
  var STORAGE_KEY = "place-based-patterns:studio:v1";  // the storage slot; what it holds says its own version
  var MAX_ANSWER = 100000;  // characters in one answer: far beyond any limit of a case study
  var MAX_ITEMS = 60;  // findings or sources in a draft file: far beyond any real case study
  var MAX_SEEN = 2000;
  var GROUPS = ["vision", "behaviours", "all"];
  var FOLDED = ["tell", "signs"];
  var STATUSES = data.statuses.map(function (s) { return s.status; });
  var QUESTIONS = form.order.filter(function (key) {
    return key !== "sources" && key.indexOf("status-") !== 0 && key.indexOf("finding-") !== 0;
  });
  var SOURCE_FIELDS = data.sources.fields.map(function (f) { return f.name; });
  var FIRST_LICENCE = Object.keys(form.licence_options)[0];
  var labelOfStatus = {};
  Object.keys(form.status_options).forEach(function (label) {
    if (form.status_options[label]) labelOfStatus[form.status_options[label]] = label;
  });

  function emptyAnswers() {
    var answers = {};
    QUESTIONS.forEach(function (key) {
      answers[key] = key === "consent" ? form.consent.map(function () { return false; }) : key === "licence" ? FIRST_LICENCE : "";
    });
    return answers;
  }

  function finding() {
    return { text: "", group: "all", letter: null, status: null, merged: null, unfolded: [] };
  }

  function source() {
    var out = { published: null };
    SOURCE_FIELDS.forEach(function (name) { out[name] = ""; });
    return out;
  }

  function empty() {
    return { step: 1, answers: emptyAnswers(), findings: [], open: null, sources: [source()], help: true, undo: null, seen: [] };
  }

  function isEmpty(draft) {
    var blank = empty();
    return JSON.stringify(Object.assign({}, draft, { step: 1, seen: [], help: true, open: null })) ===
      JSON.stringify(Object.assign({}, blank, { open: null }));
  }

  /* The answers of the case study form, as the issue gives them (what rules.read and from-issue read). A finding
     without a precondition is not among them; the sources are written with labels, without a publisher or web
     address for one that is not published. */
  function answers(draft) {
    var out = Object.assign({}, draft.answers, { consent: draft.answers.consent.slice() });
    draft.findings.forEach(function (f) {
      if (!f.letter) return;
      var letter = f.letter.toLowerCase();
      out["status-" + letter] = f.status ? labelOfStatus[f.status] : form.not_shown;
      out["finding-" + letter] = f.text;
    });
    out.sources = rules.sourcesText(draft.sources.map(function (s) {
      if (s.published !== "no") return s;
      var kept = Object.assign({}, s);
      data.sources.fields.forEach(function (f) { if (f.published_only) kept[f.name] = ""; });
      return kept;
    }));
    return out;
  }

  /* --- Reading a draft from a file or from storage: {draft} or {problem: "what is wrong, in a sentence"} --- */

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isText(value) {
    return typeof value === "string" && value.length <= MAX_ANSWER;
  }

  function oneOf(value, allowed) {
    return value === null || allowed.indexOf(value) !== -1;
  }

  function checkAnswers(a, version) {
    if (!isObject(a)) return "its answers are missing";
    var keys = Object.keys(a);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      var value = a[key];
      var known = version === 1 ? form.order.indexOf(key) !== -1 : QUESTIONS.indexOf(key) !== -1;
      if (!known) return "it has an answer this page does not know: \u201c" + key.slice(0, 40) + "\u201d";
      if (key === "consent") {
        if (!Array.isArray(value) || value.length > form.consent.length || !value.every(function (v) { return typeof v === "boolean"; })) {
          return "its consent answers are not a list of ticks";
        }
      } else if (typeof value !== "string") {
        return "its answer to \u201c" + form.labels[key] + "\u201d is not text";
      } else if (value.length > MAX_ANSWER) {
        return "its answer to \u201c" + form.labels[key] + "\u201d is far longer than a case study can hold";
      } else if (key.indexOf("status-") === 0 && !(value in form.status_options)) {
        return "its answer to \u201c" + form.labels[key] + "\u201d is not one of the form's choices";
      } else if (key === "licence" && !(value in form.licence_options)) {
        return "its licence is not one of the form's choices";
      }
    }
    return null;
  }

  function checkFinding(f) {
    if (!isObject(f) || !isText(f.text) || GROUPS.indexOf(f.group) === -1 || !oneOf(f.letter, data.letters) ||
        !oneOf(f.status, STATUSES) || !(f.merged === null || (Array.isArray(f.merged) && f.merged.length === 2 &&
        f.merged.every(function (s) { return oneOf(s, STATUSES); }))) || !Array.isArray(f.unfolded) ||
        !f.unfolded.every(function (part, i) { return FOLDED.indexOf(part) !== -1 && f.unfolded.indexOf(part) === i; }) ||
        Object.keys(f).length !== 6) {
      return "one of its findings is not one this page can show";
    }
    return null;
  }

  function checkSource(s) {
    if (!isObject(s) || !oneOf(s.published, ["yes", "no"]) || Object.keys(s).length !== SOURCE_FIELDS.length + 1 ||
        !SOURCE_FIELDS.every(function (name) { return isText(s[name]); })) {
      return "one of its sources is not one this page can show";
    }
    return null;
  }

  function checkUndo(u, findings, sources) {
    if (u === null) return null;
    var at = isObject(u) && Number.isInteger(u.at) && u.at >= 0 && u.at <= (u.kind === "remove-source" ? sources : findings).length;
    if (at && u.kind === "remove-source" && !checkSource(u.source) && Object.keys(u).length === 3) return null;
    if (at && u.kind === "remove" && !checkFinding(u.finding) && Object.keys(u).length === 3) return null;
    if (at && u.kind === "merge" && !checkFinding(u.finding) && Number.isInteger(u.target) && u.target >= 0 &&
        u.target < findings.length && isObject(u.before) && isText(u.before.text) && oneOf(u.before.status, STATUSES) &&
        Object.keys(u).length === 5) return null;
    return "what it can undo is not something this page can undo";
  }

  function checkVersion2(file) {
    var known = ["format", "version", "saved", "step", "answers", "findings", "open", "sources", "help", "undo", "seen"];
    var unknown = Object.keys(file).filter(function (key) { return known.indexOf(key) === -1; })[0];
    if (unknown) return "it holds something this page does not know: \u201c" + unknown.slice(0, 40) + "\u201d";
    if (!Number.isInteger(file.step) || file.step < 1 || file.step > 8) return "its step is not one of the eight";
    var problem = checkAnswers(file.answers, 2);
    if (problem) return problem;
    if (!Array.isArray(file.findings) || file.findings.length > MAX_ITEMS) return "its findings are not a list this page can show";
    for (var i = 0; i < file.findings.length && !problem; i++) problem = checkFinding(file.findings[i]);
    if (problem) return problem;
    var letters = file.findings.map(function (f) { return f.letter; }).filter(Boolean);
    if (letters.some(function (l, i) { return letters.indexOf(l) !== i; })) return "two of its findings are about the same precondition";
    if (!(file.open === null || (Number.isInteger(file.open) && file.open >= 0 && file.open < file.findings.length))) {
      return "the finding it shows open is not one of its findings";
    }
    if (!Array.isArray(file.sources) || file.sources.length > MAX_ITEMS) return "its sources are not a list this page can show";
    for (var j = 0; j < file.sources.length && !problem; j++) problem = checkSource(file.sources[j]);
    if (problem) return problem;
    if (typeof file.help !== "boolean") return "it does not say whether the help is open";
    problem = checkUndo(file.undo, file.findings, file.sources);
    if (problem) return problem;
    if (!Array.isArray(file.seen) || file.seen.length > MAX_SEEN || !file.seen.every(function (k) { return typeof k === "string" && k.length <= 80; })) {
      return "its list of answers already seen is not one this page can read";
    }
    return null;
  }

  function check(file) {
    if (!isObject(file)) return { problem: "it does not hold a draft case study" };
    if (file.format !== FORMAT) return { problem: "it is not a case study draft from this page (its \u201cformat\u201d should be \u201c" + FORMAT + "\u201d)" };
    if (file.version === 1) {
      var old = checkAnswers(file.answers, 1);
      return old ? { problem: old } : { draft: fromVersion1(file.answers), version: 1 };
    }
    if (file.version !== VERSION) {
      return { problem: "it is version " + JSON.stringify(file.version) + " of the format, and this page reads versions 1 and " + VERSION };
    }
    var problem = checkVersion2(file);
    if (problem) return { problem: problem };
    var draft = {};
    ["step", "answers", "findings", "open", "sources", "help", "undo", "seen"].forEach(function (key) { draft[key] = file[key]; });
    draft.answers = Object.assign(emptyAnswers(), file.answers);
    return { draft: JSON.parse(JSON.stringify(draft)), version: 2 };
  }

  /* A version 1 draft held the form's answers: its findings in the order A to I, its sources one a line. Each line
     becomes a source's title, as written: the person moves the year and web address into their boxes. */
  function fromVersion1(a) {
    var draft = empty();
    QUESTIONS.forEach(function (key) {
      if (key === "consent") draft.answers.consent = form.consent.map(function (_, i) { return !!(a.consent && a.consent[i]); });
      else if (typeof a[key] === "string") draft.answers[key] = a[key];
    });
    data.letters.forEach(function (letter) {
      var label = a["status-" + letter.toLowerCase()];
      var text = a["finding-" + letter.toLowerCase()] || "";
      var status = label ? form.status_options[label] || null : null;
      if (status || window.LibraryText.strip(text)) draft.findings.push(Object.assign(finding(), { letter: letter, status: status, text: text }));
    });
    var lines = rules.items(rules.answer(a, "sources") || "");
    if (lines.length) draft.sources = lines.map(function (line) { return Object.assign(source(), { title: line }); });
    draft.help = !draft.findings.length;
    return draft;
  }

  /* After a finding or source is taken out of the list (delta -1) or put back (+1) at `at`, what was seen of the
     ones after it moves with them: "finding-4-text" becomes "finding-3-text". */
  function shiftSeen(draft, kind, at, delta) {
    var mark = new RegExp("^" + kind + "-(\\d+)-");
    draft.seen = draft.seen.map(function (id) {
      var match = mark.exec(id);
      if (!match) return id;
      var number = Number(match[1]);
      if (delta < 0 && number === at + 1) return null;
      return number > at ? kind + "-" + (number + delta) + "-" + id.slice(match[0].length) : id;
    }).filter(Boolean);
  }

  function toFile(draft) {
    return Object.assign({ format: FORMAT, version: VERSION, saved: new Date().toISOString() }, draft);
  }

  /* --- Storage: localStorage when the browser allows it ----------------------------------- */

  var storage = (function () {
    try {
      var probe = STORAGE_KEY + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;  // private browsing, a locked-down browser or file:// restrictions
    }
  })();

  /* The stored draft: {draft} or {problem}, or null when none is stored. */
  function stored() {
    var text = null;
    try {
      text = storage ? storage.getItem(STORAGE_KEY) : null;
    } catch (e) { /* unreadable: as if none */ }
    if (text === null) return null;
    try {
      return check(JSON.parse(text));
    } catch (e) {
      return { problem: "not readable" };
    }
  }

  function store(draft) {
    try {
      if (!storage) return false;
      storage.setItem(STORAGE_KEY, JSON.stringify(toFile(draft)));
      return true;
    } catch (e) {
      return false;
    }
  }

  function unstore() {
    try {
      if (storage) storage.removeItem(STORAGE_KEY);
    } catch (e) { /* nothing stored */ }
  }

  window.LibraryStudioDraft = {
    empty: empty, finding: finding, source: source, isEmpty: isEmpty, answers: answers, check: check, toFile: toFile, shiftSeen: shiftSeen,
    canStore: !!storage, stored: stored, store: store, unstore: unstore, labelOfStatus: labelOfStatus
  };
})();
