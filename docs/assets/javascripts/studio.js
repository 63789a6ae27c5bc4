/* The contribution studio (docs/contribute/studio.md): a case study written one step at a time,
 * checked as it is typed, previewed as its page, and sent as a GitHub issue, a file or text.
 *
 * The answers are the case study form's (.github/ISSUE_TEMPLATE/case-study.yml), so a draft, the
 * issue and the file all say the same. The rules are studio-rules.js's, which are the library's
 * own, from the build. Nothing is sent anywhere: no fetch, no XMLHttpRequest, no beacon. Drafts
 * are kept in this browser's storage and in files the person downloads.
 *
 * Contributed text reaches the page as text (textContent) or as HTML from studio-text.js, the
 * site's renderer, copied element by element from an inert document with only the renderer's own
 * elements and attributes allowed: never as markup of its own.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-library-studio]");
  if (!root) return;

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var renderer = window.LibraryText;
  var questions = data.questions;
  var pages = JSON.parse(root.getAttribute("data-pages"));
  var repo = root.getAttribute("data-repo");
  var form = root.querySelector("[data-library-studio-form]");

  /* The draft file format, version 1. Changing what a file may hold means a new version. */
  var FORMAT = "place-based-patterns/case-study-draft";
  var VERSION = 1;
  var STORAGE_KEY = "place-based-patterns:studio:v1";
  var SAVE_DELAY = 400;  // milliseconds after the last keystroke
  var CHECK_DELAY = 250;
  var LINK_LIMIT = 8000;  // characters: longer addresses are refused by some servers and proxies
  var MAX_FILE_BYTES = 1024 * 1024;
  var MAX_ANSWER = 100000;  // characters in one answer of a draft file: far beyond any limit of a case study
  var STEPS = 8;
  var FINDINGS_STEP = 3;

  var byLetter = {};
  data.preconditions.forEach(function (p) { byLetter[p.id] = p; });
  var labelOfStatus = {};
  Object.keys(data.form.status_options).forEach(function (label) {
    var status = data.form.status_options[label];
    if (status) labelOfStatus[status] = label;
  });

  var findings = [];  // [{n, letter, status, text}], in the order they were added
  var nextFinding = 1;
  var touched = {};  // question key -> true once the person has typed there, or moved on from its step
  var current = 1;
  var latest = null;  // the last check: {values, id, problems}

  /* --- Small helpers ---------------------------------------------------------------------- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] === true) node.setAttribute(name, "");
      else if (attributes[name] !== false && attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function piece(name) {
    var template = root.querySelector('[data-library-studio-template="' + name + '"]');
    return template.content.cloneNode(true);
  }

  function find(selector) {
    return root.querySelector(selector);
  }

  /* The renderer's HTML as nodes: parsed in an inert document, then copied with only its own
     elements and attributes. The renderer escapes all text, so nothing else is ever there. */
  var ALLOWED = { P: [], UL: ["start"], OL: ["start"], LI: [], EM: [], STRONG: [], CODE: [], A: ["href"], ABBR: ["title"] };

  function rendered(html) {
    var fragment = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    copyInto(parsed.body, fragment);
    return fragment;
  }

  function copyInto(from, to) {
    Array.prototype.forEach.call(from.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.data));
      } else if (node.nodeType === Node.ELEMENT_NODE && ALLOWED[node.tagName]) {
        var copy = document.createElement(node.tagName.toLowerCase());
        ALLOWED[node.tagName].forEach(function (name) {
          if (node.hasAttribute(name)) copy.setAttribute(name, node.getAttribute(name));
        });
        copyInto(node, copy);
        to.appendChild(copy);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        to.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function block(text) {
    return rendered(renderer.block(text));
  }

  function inline(text) {
    return rendered(renderer.inline(text));
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

  function readStored() {
    try {
      return storage ? storage.getItem(STORAGE_KEY) : null;
    } catch (e) {
      return null;
    }
  }

  function writeStored(text) {
    try {
      if (!storage) return false;
      storage.setItem(STORAGE_KEY, text);
      return true;
    } catch (e) {
      return false;
    }
  }

  function removeStored() {
    try {
      if (storage) storage.removeItem(STORAGE_KEY);
    } catch (e) { /* nothing stored */ }
  }

  /* --- Answers: the form's, keyed as the form keys them ------------------------------------ */

  function control(key) {
    return form.elements.namedItem(key);
  }

  function lower(letter) {
    return letter.toLowerCase();
  }

  function answers() {
    var out = {};
    data.form.order.forEach(function (key) {
      if (key.indexOf("status-") === 0 || key.indexOf("finding-") === 0) return;
      if (key === "consent") {
        out.consent = Array.prototype.map.call(form.querySelectorAll("input[name=consent]"), function (box) { return box.checked; });
      } else if (control(key)) {
        out[key] = control(key).value;
      }
    });
    findings.forEach(function (f) {
      if (!f.letter) return;
      out["status-" + lower(f.letter)] = f.status ? labelOfStatus[f.status] : data.form.not_shown;
      out["finding-" + lower(f.letter)] = f.text;
    });
    return out;
  }

  function isEmpty(a) {
    return Object.keys(a).every(function (key) {
      if (key === "consent") return !a.consent.some(Boolean);
      if (key === "licence") return a.licence === Object.keys(data.form.licence_options)[0];
      if (key.indexOf("status-") === 0) return a[key] === data.form.not_shown;
      return !renderer.strip(a[key]);
    });
  }

  function writeAnswers(a) {
    data.form.order.forEach(function (key) {
      if (key.indexOf("status-") === 0 || key.indexOf("finding-") === 0) return;
      if (key === "consent") {
        Array.prototype.forEach.call(form.querySelectorAll("input[name=consent]"), function (box, i) { box.checked = !!(a.consent && a.consent[i]); });
      } else if (key === "licence") {
        control(key).value = a.licence || Object.keys(data.form.licence_options)[0];
      } else if (control(key)) {
        control(key).value = a[key] || "";
      }
    });
    findings = [];
    data.letters.forEach(function (letter) {
      var label = a["status-" + lower(letter)];
      var text = a["finding-" + lower(letter)] || "";
      var status = label ? data.form.status_options[label] || null : null;
      if (status || renderer.strip(text)) findings.push({ n: nextFinding++, letter: letter, status: status, text: text });
    });
    renderFindings();
  }

  /* A draft read from a file or from storage: {answers} or {problem: "what was wrong, in a sentence"}. */
  function checkDraft(file) {
    if (file === null || typeof file !== "object" || Array.isArray(file)) return { problem: "it does not hold a draft case study" };
    if (file.format !== FORMAT) return { problem: "it is not a case study draft from this page (its \"format\" should be \"" + FORMAT + "\")" };
    if (file.version !== VERSION) return { problem: "it is version " + JSON.stringify(file.version) + " of the format, and this page reads version " + VERSION };
    var a = file.answers;
    if (a === null || typeof a !== "object" || Array.isArray(a)) return { problem: "its \"answers\" are missing" };
    var keys = Object.keys(a);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      var value = a[key];
      if (data.form.order.indexOf(key) === -1) return { problem: "it has an answer this page does not know: \"" + key.slice(0, 40) + "\"" };
      if (key === "consent") {
        if (!Array.isArray(value) || value.length > data.form.consent.length || !value.every(function (v) { return typeof v === "boolean"; })) {
          return { problem: "its consent answers are not a list of ticks" };
        }
      } else if (typeof value !== "string") {
        return { problem: "its answer to \"" + data.form.labels[key] + "\" is not text" };
      } else if (value.length > MAX_ANSWER) {
        return { problem: "its answer to \"" + data.form.labels[key] + "\" is far longer than a case study can hold" };
      } else if (key.indexOf("status-") === 0 && !(value in data.form.status_options)) {
        return { problem: "its answer to \"" + data.form.labels[key] + "\" is not one of the form's choices" };
      } else if (key === "licence" && !(value in data.form.licence_options)) {
        return { problem: "its licence is not one of the form's choices" };
      }
    }
    return { answers: a };
  }

  /* --- Findings and the precondition chooser ------------------------------------------------ */

  var findingsBox = find("[data-library-studio-findings]");

  function used(except) {
    return findings.filter(function (f) { return f !== except && f.letter; }).map(function (f) { return f.letter; });
  }

  function name(letter) {
    return letter + ". " + byLetter[letter].short_title;
  }

  function findingCard(f) {
    var id = "finding-" + f.n;
    var question = questions["finding-a"];
    var card = el("section", { "class": "library-studio__finding", "data-finding": String(f.n), "aria-labelledby": id + "-title" });
    var title = el("h3", { "class": "library-studio__finding-title", id: id + "-title", tabindex: "-1" }, [""]);
    card.appendChild(title);
    card.appendChild(el("div", { "class": "library-studio__error", id: id + "-error", "data-library-studio-card-error": "", hidden: true }));

    var textId = id + "-text";
    card.appendChild(el("label", { "class": "library-studio__label", "for": textId }, ["What happened"]));
    card.appendChild(el("p", { "class": "library-studio__hint", id: textId + "-hint" }, [question.hint]));
    var textarea = el("textarea", { "class": "library-field library-studio__text", id: textId, rows: "6", spellcheck: "true",
      "aria-describedby": textId + "-hint", "data-limit": String(question.limit) });
    textarea.value = f.text;
    card.appendChild(textarea);
    var countLine = el("p", { "class": "library-studio__count", "aria-live": "polite" });
    card.appendChild(countLine);

    var chooser = el("fieldset", { "class": "library-studio__question library-studio__fieldset", "aria-describedby": id + "-letter-hint" }, [
      el("legend", { "class": "library-studio__label" }, ["Which precondition does it show?"]),
      el("p", { "class": "library-studio__hint", id: id + "-letter-hint" },
        ["Choose the one it shows most clearly. Each choice opens its signs, so you can compare, and a question where two are easily confused."])
    ]);
    var groups = el("fieldset", { "class": "library-studio__fieldset library-studio__groups" }, [
      el("legend", { "class": "library-studio__label" }, ["What is it mostly about?"])
    ]);
    data.groups.concat([{ group: "all", meaning: null, letters: data.letters }]).forEach(function (g) {
      var radioId = id + "-group-" + g.group;
      groups.appendChild(el("div", { "class": "library-studio__choice" }, [
        el("input", { type: "radio", id: radioId, name: id + "-group", value: g.group, checked: g.group === "all" }),
        el("label", { "for": radioId }, [g.meaning ? g.meaning.charAt(0).toUpperCase() + g.meaning.slice(1) + " (" + g.letters[0] + " to " +
          g.letters[g.letters.length - 1] + ")" : "Not sure: show all nine"])
      ]));
    });
    chooser.appendChild(groups);
    var choices = el("div", { "class": "library-studio__choices" });
    data.preconditions.forEach(function (p) {
      var radioId = id + "-letter-" + lower(p.id);
      choices.appendChild(el("div", { "class": "library-studio__choice", "data-group": p.group }, [
        el("input", { type: "radio", id: radioId, name: id + "-letter", value: p.id, "aria-describedby": radioId + "-hint" }),
        el("label", { "for": radioId }, [name(p.id)]),
        el("span", { "class": "library-studio__choice-hint", id: radioId + "-hint" }, [p.summary])
      ]));
    });
    chooser.appendChild(choices);
    var about = el("div", { "class": "library-studio__panel", hidden: true });
    chooser.appendChild(about);
    card.appendChild(chooser);

    var status = el("fieldset", { "class": "library-studio__question library-studio__fieldset library-studio__statuses" }, [
      el("legend", { "class": "library-studio__label" }, ["How far was it in place?"])
    ]);
    var statusChoices = el("div", { "class": "library-studio__choices" });
    data.statuses.forEach(function (s) {
      var radioId = id + "-status-" + s.status;
      statusChoices.appendChild(el("div", { "class": "library-studio__choice" }, [
        el("input", { type: "radio", id: radioId, name: id + "-status", value: s.status, "aria-describedby": radioId + "-hint" }),
        el("label", { "for": radioId }, [labelOfStatus[s.status]]),
        el("span", { "class": "library-studio__choice-hint", id: radioId + "-hint" },
          [s.meaning.charAt(0).toUpperCase() + s.meaning.slice(1) + ". For example: " + s.example + "."])
      ]));
    });
    status.appendChild(statusChoices);
    card.appendChild(status);
    var remove = el("button", { "class": "md-button", type: "button" }, ["Remove this finding"]);
    card.appendChild(remove);

    function showTitle() {
      title.textContent = "Finding " + (findings.indexOf(f) + 1) + (f.letter ? ": " + name(f.letter) : "");
    }

    function showCount() {
      var left = question.limit - rules.length(renderer.strip(textarea.value));
      countLine.textContent = left >= 0 ? "You have " + rules.count(left) + " characters left." : "You have " + rules.count(-left) + " characters too many.";
    }

    function choose(letter) {
      var radio = card.querySelector('input[name="' + id + '-letter"][value="' + letter + '"]');
      if (!radio || radio.disabled) return;
      radio.checked = true;
      f.letter = letter;
      afterChoice();
      radio.focus();
    }

    function afterChoice() {
      showTitle();
      showAbout();
      changed();
    }

    function answerButtons(pairs) {
      var box = el("div", { "class": "library-studio__buttons" });
      pairs.forEach(function (pair) {
        var button = el("button", { "class": "md-button", type: "button", "data-letter": pair[1] }, [pair[0]]);
        button.addEventListener("click", function () { choose(pair[1]); });
        box.appendChild(button);
      });
      return box;
    }

    function showAbout() {
      clear(about);
      if (!f.letter) {
        about.hidden = true;
        return;
      }
      var p = byLetter[f.letter];
      about.hidden = false;
      about.appendChild(el("h4", {}, [name(p.id) + ": is this it?"]));
      about.appendChild(el("p", {}, [p.summary]));
      about.appendChild(el("h5", {}, ["Signs that it is present"]));
      about.appendChild(listOf(p.looks_like));
      about.appendChild(el("h5", {}, ["Signs that it is absent"]));
      about.appendChild(listOf(p.signs_of_absence));
      p.tell_apart.forEach(function (t) {
        if (used(f).indexOf(t.precondition) !== -1) return;
        about.appendChild(el("h5", {}, ["Or is it " + name(t.precondition) + "?"]));
        about.appendChild(el("p", {}, [t.question]));
        about.appendChild(answerButtons([[t.here, p.id], [t.there, t.precondition]]));
      });
      about.appendChild(el("p", {}, [el("a", { href: pages.preconditions[p.id], target: "_blank", rel: "noopener" },
        ["Read " + name(p.id) + " in full (opens in a new tab)"])]));
    }

    function listOf(items) {
      var list = el("ul");
      items.forEach(function (item) {
        var li = el("li");
        li.appendChild(inline(item));
        list.appendChild(li);
      });
      return list;
    }

    textarea.addEventListener("input", function () {
      f.text = textarea.value;
      touched["finding-" + f.n] = true;
      showCount();
    });
    groups.addEventListener("change", function (event) {
      Array.prototype.forEach.call(choices.children, function (choice) {
        choice.hidden = event.target.value !== "all" && choice.getAttribute("data-group") !== event.target.value &&
          !choice.querySelector("input").checked;
      });
    });
    choices.addEventListener("change", function (event) {
      f.letter = event.target.value;
      afterChoice();
    });
    statusChoices.addEventListener("change", function (event) {
      f.status = event.target.value;
      changed();
    });
    remove.addEventListener("click", function () {
      var index = findings.indexOf(f);
      findings.splice(index, 1);
      renderFindings();
      changed();
      var next = findingsBox.querySelectorAll(".library-studio__finding-title")[Math.min(index, findings.length - 1)];
      (next || find("[data-library-studio-add-finding]")).focus();
    });

    card.refresh = function () {
      var taken = used(f);
      Array.prototype.forEach.call(choices.querySelectorAll("input"), function (radio) {
        radio.disabled = taken.indexOf(radio.value) !== -1;
        radio.checked = radio.value === f.letter;
        var hint = card.querySelector("#" + radio.id + "-hint");
        hint.textContent = byLetter[radio.value].summary + (radio.disabled ? " (Another finding already shows it.)" : "");
      });
      Array.prototype.forEach.call(statusChoices.querySelectorAll("input"), function (radio) { radio.checked = radio.value === f.status; });
      showTitle();
    };
    card.refresh();
    showCount();
    showAbout();
    return card;
  }

  function renderFindings() {
    clear(findingsBox);
    findings.forEach(function (f) { findingsBox.appendChild(findingCard(f)); });
  }

  function refreshCards() {
    Array.prototype.forEach.call(findingsBox.children, function (card) { card.refresh(); });
  }

  find("[data-library-studio-add-finding]").addEventListener("click", function () {
    var f = { n: nextFinding++, letter: null, status: null, text: "" };
    findings.push(f);
    var card = findingCard(f);
    findingsBox.appendChild(card);
    card.querySelector("textarea").focus();
    changed();
  });

  /* --- Checking ------------------------------------------------------------------------------ */

  var STEP_OF = {};  // question key -> its step
  Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-question]"), function (node) {
    STEP_OF[node.getAttribute("data-library-studio-question")] = Number(node.closest("[data-library-studio-step]").getAttribute("data-library-studio-step"));
  });

  function stepOf(key) {
    return STEP_OF[key] || FINDINGS_STEP;
  }

  /* The studio key a problem belongs to: a question of the form, or a finding card ("finding-<n>"). */
  function cardKey(formKey) {
    var letter = /^(?:status|finding)-([a-i])$/.exec(formKey);
    if (!letter) return formKey;
    var f = findings.filter(function (x) { return x.letter && lower(x.letter) === letter[1]; })[0];
    return f ? "finding-" + f.n : "findings";
  }

  /* The file of the case study that already has `id` (or had it), else null (studio.py's _ids). */
  var takenIds = null;
  function fileWithId(id) {
    if (!takenIds) {
      takenIds = Object.create(null);
      data.ids.taken.forEach(function (name) { takenIds[name] = true; });
    }
    if (!takenIds[id]) return null;
    return Object.prototype.hasOwnProperty.call(data.ids.files, id) ? data.ids.files[id] : "data/case_studies/" + id + ".yaml";
  }

  /* Every problem from-issue and the validator would report, as {key, message}, told against the question
     its value came from (issue_form._on_form). */
  function checkAll() {
    var a = answers();
    var result = rules.read(a);
    var v = result.values;
    var out = result.problems.map(function (p) { return { key: cardKey(p.key), message: p.message }; });
    var formKeys = {};
    result.problems.forEach(function (p) { formKeys[p.key] = true; });
    var id = v.title && v.place ? rules.caseStudyId(v.place, v.title) : "";
    if (v.title && v.place && !id) out.push({ key: "title", message: data.form.messages.no_id });
    var taken = id && fileWithId(id);
    if (taken) {
      out.push({ key: "title", message: rules.fill(data.form.messages.id_taken, { id: rules.repr(id), file: taken, title: v.title }) });
    }
    var caseStudy = Object.assign(id ? { id: id } : {}, v);
    rules.check(caseStudy).forEach(function (p) {
      if (p.field === "id" && !id) return;  // no id without a title and a place, which the form's own problems name
      var evidence = /^evidence\[(\d+)\]/.exec(p.field);
      var key;
      if (evidence && Number(evidence[1]) <= result.letters.length) key = "finding-" + lower(result.letters[Number(evidence[1]) - 1]);
      else if (p.field === "evidence") key = "status-a";
      else key = data.form.field_of[p.field.split(/[.[]/)[0]] || "title";
      if (formKeys[key] || (key === "status-a" && result.problems.length)) return;  // the form's own problem says it first
      var where = p.field !== key && p.field !== "(file name)" ? " (in the case study: " + p.field + ")" : "";
      out.push({ key: cardKey(key), message: p.message + where });
    });
    rules.headingProblems(a).forEach(function (h) {
      out.push({ key: cardKey(h.key), message: "has a line the issue would read as the start of another question: " + rules.repr(h.line) +
        ". Remove the ### at its start, for example: " + h.line.replace(/^#+[ \t]*/, "") });
    });
    findings.forEach(function (f) {
      if (!f.letter && renderer.strip(f.text)) out.push({ key: "finding-" + f.n, message: "Choose the precondition this finding shows." });
    });
    return { answers: a, values: v, letters: result.letters, id: id, problems: out };
  }

  function shown(key) {
    return touched[key] || touched["step-" + stepOf(key)];
  }

  function showProblems() {
    var byKey = {};
    latest.problems.forEach(function (p) { (byKey[p.key] = byKey[p.key] || []).push(p.message); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-error]"), function (box) {
      var key = box.getAttribute("data-library-studio-error");
      var target = key === "findings" ? null : document.getElementById(box.id.replace(/-error$/, ""));
      showIn(box, shown(key) ? byKey[key] || (key === "findings" ? byKey["status-a"] : null) : null, target);
    });
    findings.forEach(function (f) {
      var card = findingsBox.querySelector('[data-finding="' + f.n + '"]');
      if (!card) return;
      var key = "finding-" + f.n;
      showIn(card.querySelector("[data-library-studio-card-error]"), shown(key) ? byKey[key] : null, card.querySelector("textarea"));
    });
    for (var step = 1; step <= 6; step++) {
      var count = latest.problems.filter(function (p) { return stepOf(p.key.indexOf("finding-") === 0 || p.key === "status-a" ? "findings" : p.key) === step; }).length;
      var badge = find('[data-library-studio-step-problems="' + step + '"]');
      badge.textContent = touched["step-" + step] && count ? " (" + count + " to fix)" : "";
    }
  }

  function showIn(box, list, target) {
    clear(box);
    box.hidden = !list || !list.length;
    (list || []).forEach(function (message) {
      box.appendChild(el("p", {}, [el("span", { "class": "library-visually-hidden" }, ["Error: "]), message]));
    });
    if (!target) return;
    var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (d) { return d && d !== box.id; });
    if (!box.hidden) described.push(box.id);
    target.setAttribute("aria-describedby", described.join(" "));
    if (box.hidden) target.removeAttribute("aria-invalid");
    else target.setAttribute("aria-invalid", "true");
  }

  function showCounts() {
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-count]"), function (line) {
      var key = line.getAttribute("data-library-studio-count");
      var limit = Number(control(key).getAttribute("data-limit"));
      var left = limit - rules.length(renderer.strip(control(key).value));
      line.textContent = left >= 0 ? "You have " + rules.count(left) + " characters left." : "You have " + rules.count(-left) + " characters too many.";
    });
  }

  function showAddress() {
    var line = find("[data-library-studio-address]");
    line.textContent = latest.id ? "Its address will be " + pages.published + latest.id + "/" : "";
  }

  function showSources() {
    var box = find("[data-library-studio-sources]");
    clear(box);
    var sources = latest.values.sources || [];
    if (!sources.length) return;
    box.appendChild(el("p", {}, ["The library will read your sources as:"]));
    var list = el("ul");
    sources.forEach(function (s) {
      list.appendChild(el("li", {}, ["Title: " + s.title + (s.year ? "; year: " + s.year : "") + (s.url ? "; web address: " + s.url : "")]));
    });
    box.appendChild(list);
  }

  /* --- The check, the preview and where it will appear ------------------------------------ */

  function summary() {
    var box = find("[data-library-studio-summary]");
    clear(box);
    box.classList.toggle("library-studio__summary--ready", !latest.problems.length);
    if (!latest.problems.length) {
      box.appendChild(el("h3", {}, ["Ready to send"]));
      box.appendChild(el("p", {}, ["The checks found nothing to change. An editor will still read it before it is published."]));
      return;
    }
    box.appendChild(el("h3", {}, [latest.problems.length === 1 ? "There is 1 thing to change" : "There are " + latest.problems.length + " things to change"]));
    box.appendChild(el("p", {}, ["You can still look at the preview. Each link goes to the answer to change."]));
    var list = el("ul");
    latest.problems.forEach(function (p) {
      var link = el("a", { href: "#" + targetId(p.key) }, [labelOf(p.key) + ": " + p.message]);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        goTo(p.key);
      });
      list.appendChild(el("li", {}, [link]));
    });
    box.appendChild(list);
  }

  function labelOf(key) {
    if (key.indexOf("finding-") === 0) {
      var f = findings.filter(function (x) { return "finding-" + x.n === key; })[0];
      return f && f.letter ? name(f.letter) : "Finding " + (findings.indexOf(f) + 1);
    }
    if (key === "findings" || key === "status-a") return "Findings";
    return questions[key] ? questions[key].label : data.form.labels[key] || key;
  }

  function targetId(key) {
    if (key.indexOf("finding-") === 0) return key + "-text";
    if (key === "findings" || key === "status-a") return "step-the-preconditions-title";
    if (key === "consent") return "studio-consent-1";
    return questions[key] ? questions[key].id : "step-the-work-title";
  }

  function goTo(key) {
    go(stepOf(key.indexOf("finding-") === 0 || key === "status-a" ? "findings" : key), false);
    var target = document.getElementById(targetId(key));
    if (target) target.focus();
  }

  function preview() {
    var box = find("[data-library-studio-preview]");
    clear(box);
    var v = latest.values;
    box.appendChild(el("h4", { "class": "library-studio__page-title" }, [v.title || "Your title"]));
    box.appendChild(piece("draft"));
    if (v.summary) box.appendChild(el("div", { "class": "library-lede" }, [el("p", {}, [inline(v.summary)])]));
    var facts = el("dl", { "class": "library-facts" });
    function fact(term, value) {
      facts.appendChild(el("div", {}, [el("dt", {}, [term]), el("dd", {}, [value])]));
    }
    fact("Place", v.place || "");
    fact("When", v.period || "");
    fact("Themes", (v.themes || []).join(", "));
    fact("Organisations", (v.organisations || []).join("; "));
    fact("Preconditions", latest.letters.join(" "));
    box.appendChild(facts);
    box.appendChild(el("h5", {}, ["Context"]));
    var prose = el("div", { "class": "library-prose" });
    prose.appendChild(block(v.context || ""));
    box.appendChild(prose);
    box.appendChild(el("h5", {}, ["Evidence against the preconditions"]));
    box.appendChild(piece("evidence-intro"));
    v.evidence.forEach(function (entry) {
      var p = byLetter[entry.precondition];
      box.appendChild(el("h6", {}, [p.id + ". " + p.short_title + ": " + labelOfStatus[entry.status].toLowerCase()]));
      var finding = el("div", { "class": "library-finding" });
      var meta = el("p", { "class": "library-finding__meta" });
      meta.appendChild(piece("status-" + entry.status));
      meta.appendChild(document.createTextNode(" "));
      var link = el("a", { href: pages.preconditions[p.id] });
      link.appendChild(piece("precondition-" + p.id));
      meta.appendChild(link);
      meta.appendChild(document.createTextNode(" \u00b7 "));
      meta.appendChild(piece("basis-" + entry.basis));
      meta.appendChild(document.createTextNode(" \u00b7 "));
      meta.appendChild(el("a", { href: pages.evidence_tags[p.id + " " + entry.status] },
        ["Case studies where " + p.id + " was " + entry.status]));
      finding.appendChild(meta);
      finding.appendChild(block(entry.finding));
      box.appendChild(finding);
    });
    [["What did not work", v.what_did_not_work, true], ["Lessons", v.lessons, true], ["Questions for other places", v.questions, false]].forEach(function (part) {
      box.appendChild(el("h5", {}, [part[0]]));
      var list = el("ul", { "class": "library-list" });
      (part[1] || []).forEach(function (item) { list.appendChild(el("li", {}, [part[2] ? inline(item) : item])); });
      box.appendChild(list);
    });
    box.appendChild(el("h5", {}, ["Sources and provenance"]));
    var sources = el("ul", { "class": "library-list" });
    (v.sources || []).forEach(function (s) {
      var item = el("li", {}, [el("cite", {}, [s.title])]);
      if (s.year) item.appendChild(document.createTextNode(" (" + s.year + ")"));
      if (s.url && /^https?:\/\//i.test(s.url)) {  // always so (from-issue reads only such addresses), and checked again here
        item.appendChild(document.createTextNode(". "));
        item.appendChild(el("a", { href: s.url }, ["Read the source"]));
      }
      sources.appendChild(item);
    });
    box.appendChild(sources);
    var provenance = el("dl", { "class": "library-facts library-facts--provenance" });
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Contributed by"]), el("dd", {}, [(v.contributors || []).join("; ")])]));
    var status = el("dd");
    status.appendChild(piece("maturity"));
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Status"]), status]));
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Licence"]), el("dd", {}, [v.licence])]));
    box.appendChild(provenance);
  }

  function where() {
    var box = find("[data-library-studio-where]");
    clear(box);
    var v = latest.values;
    var list = el("ul");
    list.appendChild(el("li", {}, [latest.id ? "Its own page, at " + pages.published + latest.id + "/" : "Its own page, once it has a title and a place."]));
    list.appendChild(el("li", {}, ["The ", el("a", { href: pages.index }, ["list of case studies"]), " and the ",
      el("a", { href: pages.explorer }, ["case study explorer"]), "."]));
    if (v.place) {
      var place = pages.places[v.place];
      list.appendChild(el("li", {}, place ? ["The page for ", el("a", { href: place }, [v.place]), ", with the other case studies from there."]
        : ["A new page for " + v.place + ", at " + pages.places_published + rules.slugify(v.place) + "/"]));
    }
    if (v.evidence.length) {
      var pagesItem = el("li", {}, ["The pages of the preconditions it shows, among their evidence from case studies: "]);
      v.evidence.forEach(function (entry, i) {
        if (i) pagesItem.appendChild(document.createTextNode(", "));
        pagesItem.appendChild(el("a", { href: pages.preconditions[entry.precondition] }, [name(entry.precondition)]));
        pagesItem.appendChild(document.createTextNode(" (" + entry.status + ")"));
      });
      list.appendChild(pagesItem);
    }
    box.appendChild(list);
    box.appendChild(el("p", {}, ["Its row in the ", el("a", { href: pages.matrix }, ["evidence matrix"]),
      ". As a draft it is left out of the matrix's totals until it is published."]));
    var row = el("ul", { "class": "library-studio__where-letters", "aria-label": "Its row in the evidence matrix" });
    data.letters.forEach(function (letter) {
      var entry = v.evidence.filter(function (e) { return e.precondition === letter; })[0];
      var cell = el("li", {}, [letter + ": "]);
      if (entry) cell.appendChild(piece("status-" + entry.status));
      else cell.appendChild(document.createTextNode("not shown"));
      row.appendChild(cell);
    });
    box.appendChild(row);
  }

  /* --- Sending ---------------------------------------------------------------------------- */

  function sending() {
    var ready = find("[data-library-studio-ready]");
    clear(ready);
    ready.classList.toggle("library-studio__summary--ready", !latest.problems.length);
    if (latest.problems.length) {
      var back = el("a", { href: "#step-check-and-preview-title" }, ["Check and preview"]);
      back.addEventListener("click", function (event) { event.preventDefault(); go(7); });
      ready.appendChild(el("p", {}, ["The checks found " + (latest.problems.length === 1 ? "1 thing" : latest.problems.length + " things") +
        " to change: see ", back, ". You can send it now and change them with the editor, but it cannot be published until they are fixed."]));
    }
    var choices = find("[data-library-studio-choices]");
    clear(choices);
    latest.values.evidence.forEach(function (entry) {
      choices.appendChild(el("li", {}, ["under " + data.form.labels["status-" + lower(entry.precondition)] + ", choose " + labelOfStatus[entry.status] + ";"]));
    });
    choices.appendChild(el("li", {}, ["under " + data.form.labels.licence + ", choose " + control("licence").value + ";"]));
    choices.appendChild(el("li", {}, ["under " + data.form.labels.consent + ", tick the three boxes, if they are true."]));
    var link = rules.issueLink(latest.answers, repo, LINK_LIMIT);
    find("[data-library-studio-issue-link]").setAttribute("href", link.url);
    var left = find("[data-library-studio-left]");
    clear(left);
    if (link.left.length) {
      left.appendChild(el("p", {}, ["These answers are too long to fill in from a link. Copy each one into its box on the form:"]));
      link.left.forEach(function (key, i) {
        var id = "studio-left-" + i;
        var area = el("textarea", { "class": "library-field library-studio__text", id: id, rows: "3", readonly: true });
        area.value = rules.answerText(latest.answers, key);
        left.appendChild(el("div", { "class": "library-studio__question" }, [
          el("label", { "class": "library-studio__label", "for": id }, [data.form.labels[key]]), area, copyButton(id, "Copy " + data.form.labels[key])
        ]));
      });
    }
    find("[data-library-studio-issue-body]").value = rules.issueBody(latest.answers);
  }

  function copyButton(id, label) {
    var button = el("button", { "class": "md-button", type: "button", "data-library-studio-copy": id }, [label]);
    return button;
  }

  function copy(id) {
    var area = document.getElementById(id);
    var done = function () { notice("Copied. Paste it where you need it."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () { selectAndCopy(area, done); });
    } else {
      selectAndCopy(area, done);
    }
  }

  function selectAndCopy(area, done) {
    area.focus();
    area.select();
    try {
      if (document.execCommand("copy")) {
        done();
        return;
      }
    } catch (e) { /* not allowed here */ }
    notice("The text is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.");
  }

  function download(name, content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* --- Messages and saving ------------------------------------------------------------------ */

  var statusLine = find("[data-library-studio-status]");
  var alertBox = find("[data-library-studio-alert]");
  var noticeBox = find("[data-library-studio-notice]");

  function alertText(message) {
    noticeBox.textContent = "";
    clear(alertBox);
    alertBox.appendChild(el("strong", {}, ["There is a problem. "]));
    alertBox.appendChild(document.createTextNode(message));
  }

  function notice(message) {
    clear(alertBox);
    noticeBox.textContent = message;
  }

  /* The status line is a live region: it changes only when the state does, not after every pause in typing. */
  function setStatus(message) {
    if (statusLine.textContent !== message) statusLine.textContent = message;
  }

  function notSaving() {
    return "This browser is not letting the page save, so your draft is kept only while the page is open. Download it before you close the page.";
  }

  var saveTimer = null;
  var checkTimer = null;

  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!storage) {
      setStatus(notSaving());
      return;
    }
    var file = { format: FORMAT, version: VERSION, saved: new Date().toISOString(), answers: answers() };
    setStatus(writeStored(JSON.stringify(file)) ? "Saved in this browser."
      : "Your latest changes could not be saved in this browser, perhaps because its storage is full. Download the draft to keep them.");
  }

  function flush() {
    if (saveTimer !== null) save();
  }

  function refresh() {
    clearTimeout(checkTimer);
    checkTimer = null;
    latest = checkAll();
    refreshCards();
    showProblems();
    showCounts();
    showAddress();
    showSources();
    if (current === 7) {
      summary();
      preview();
      where();
    }
    if (current === 8) sending();
  }

  function changed() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY);
    clearTimeout(checkTimer);
    checkTimer = setTimeout(refresh, CHECK_DELAY);
  }

  /* --- Steps ---------------------------------------------------------------------------------- */

  function go(step, focusHeading) {
    if (step < 1 || step > STEPS) return;
    if (step !== current) touched["step-" + current] = true;  // moving on shows what is left to do there
    current = step;
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-step]"), function (section) {
      section.hidden = Number(section.getAttribute("data-library-studio-step")) !== step;
    });
    Array.prototype.forEach.call(root.querySelectorAll(".library-studio__step-link"), function (button) {
      if (Number(button.getAttribute("data-library-studio-go")) === step) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    });
    if (step >= 7) {
      for (var s = 1; s <= 6; s++) touched["step-" + s] = true;
    }
    refresh();
    if (focusHeading !== false) {
      var heading = find("[data-library-studio-step='" + step + "'] .library-studio__step-title");
      heading.focus();
      heading.scrollIntoView({ block: "start" });
    }
    if (step === 7 && latest.problems.length && focusHeading !== false) find("[data-library-studio-summary]").focus();
  }

  root.addEventListener("click", function (event) {
    var goButton = event.target.closest("[data-library-studio-go]");
    if (goButton) go(Number(goButton.getAttribute("data-library-studio-go")));
    var copyTarget = event.target.closest("[data-library-studio-copy]");
    if (copyTarget) copy(copyTarget.getAttribute("data-library-studio-copy"));
  });

  form.addEventListener("input", function (event) {
    if (event.target.name && questions[event.target.name]) touched[event.target.name] = true;
    changed();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "consent") touched.consent = true;
    changed();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  /* --- Draft files ---------------------------------------------------------------------------- */

  function fileName(extension) {
    var id = latest && latest.id ? latest.id : "case-study";
    return id + (extension === "yaml" ? "" : "-draft-" + new Date().toISOString().slice(0, 10)) + "." + extension;
  }

  find("[data-library-studio-export]").addEventListener("click", function () {
    flush();
    refresh();
    var file = { format: FORMAT, version: VERSION, saved: new Date().toISOString(), answers: answers() };
    download(fileName("json"), JSON.stringify(file, null, 2) + "\n", "application/json");
    notice("Your draft has been downloaded as a file. Open it here again with \u201cOpen a draft file\u201d, on this computer or another.");
  });

  find("[data-library-studio-download-yaml]").addEventListener("click", function () {
    refresh();
    if (!latest.id) {
      alertText("The file is named after the case study's title and place: write those first, in step 1.");
      return;
    }
    download(latest.id + ".yaml", rules.toYaml(latest.values, latest.id), "text/yaml");
    notice("The case study file " + latest.id + ".yaml has been downloaded." +
      (latest.problems.length ? " The checks still find things to change in it: it will not pass them until they are fixed." : ""));
  });

  var importInput = find("[data-library-studio-import]");
  importInput.addEventListener("change", function () {
    var file = importInput.files && importInput.files[0];
    if (!file) return;
    var named = "\u201c" + file.name + "\u201d";
    var unchanged = " Your draft here has not changed.";
    importInput.value = "";
    if (file.size > MAX_FILE_BYTES) {
      alertText(named + " is too large to be a draft from this page." + unchanged);
      return;
    }
    file.text().then(function (content) {
      var parsed;
      try {
        parsed = JSON.parse(content);
      } catch (e) {
        alertText(named + " could not be opened: it is not a draft file from this page. Choose a file made with \u201cDownload the draft\u201d." + unchanged);
        return;
      }
      var result = checkDraft(parsed);
      if (result.problem) {
        alertText(named + " could not be opened: " + result.problem + "." + unchanged);
        return;
      }
      flush();
      if (!isEmpty(answers()) && !window.confirm("Replace the draft on this page with the one in " + named + "? What you have now will be lost unless you have downloaded it.")) {
        notice("Nothing was opened. Your draft here has not changed.");
        return;
      }
      writeAnswers(result.answers);
      touched = {};
      save();
      refresh();
      notice("The draft in " + named + " has been opened.");
    }, function () {
      alertText(named + " could not be read." + unchanged);
    });
  });

  find("[data-library-studio-clear]").addEventListener("click", function () {
    if (!window.confirm("Clear this draft from the page and from this browser? This cannot be undone.")) {
      notice("Nothing was cleared.");
      return;
    }
    clearTimeout(saveTimer);
    saveTimer = null;
    writeAnswers({});
    form.reset();
    removeStored();
    touched = {};
    refresh();
    setStatus(storage ? "No draft is saved in this browser." : notSaving());
    notice("The draft has been cleared.");
    go(1);
  });

  /* --- Start ---------------------------------------------------------------------------------- */

  function restore() {
    if (!storage) {
      setStatus(notSaving());
      return;
    }
    var stored = readStored();
    if (stored === null) {
      setStatus("Your draft will be saved in this browser as you type.");
      return;
    }
    var result;
    try {
      result = checkDraft(JSON.parse(stored));
    } catch (e) {
      result = { problem: "not readable" };
    }
    if (result.problem) {
      setStatus("A draft saved earlier in this browser could not be read, so the page starts empty.");
      return;
    }
    writeAnswers(result.answers);
    setStatus("Your draft has been restored from this browser.");
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-library-studio-nojs]"), function (node) { node.hidden = true; });
  root.hidden = false;
  restore();
  latest = checkAll();
  go(1, false);
})();
