/* Reflection tool: saves a group's answers in this browser, shows them as a profile,
 * and exports and imports them as files.
 *
 * Everything happens on the page: no request is made to any server (no fetch,
 * no XMLHttpRequest, no beacon). Files are made with Blob and read with File.
 * The form itself is plain HTML, so without this script it is still a worksheet.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-library-reflection]");
  if (!form) return;

  /* The export format, version 1. Changing any of these means a new version. */
  var FORMAT = "place-based-patterns/reflection";
  var VERSION = 1;
  var LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
  var NOT_DISCUSSED = "not discussed";
  var PRESENCE = [NOT_DISCUSSED, "not yet visible", "in pockets", "widespread", "embedded"];
  var FIELDS = ["presence", "evidence", "strengthen"];
  var MAX_GROUP = 200;
  var MAX_TEXT = 5000;
  var MAX_FILE_BYTES = 512 * 1024;  // nine answers at the longest fit in well under this

  var STORAGE_KEY = "place-based-patterns:reflection:v1";
  var SAVE_DELAY = 400;  // milliseconds after the last keystroke

  var statusLine = document.querySelector("[data-library-reflection-status]");
  var profileBox = document.querySelector("[data-library-reflection-profile]");
  var summaryBox = document.querySelector("[data-library-reflection-summary]");
  var tools = document.querySelector("[data-library-reflection-tools]");
  var errorBox = document.querySelector("[data-library-reflection-error]");
  var noticeBox = document.querySelector("[data-library-reflection-notice]");
  var importInput = document.querySelector("[data-library-reflection-import]");

  /* Titles come from the page, which has them from the library's data. */
  var titles = {};
  form.querySelectorAll("[data-letter]").forEach(function (item) {
    titles[item.getAttribute("data-letter")] = item.getAttribute("data-title");
  });

  /* --- Storage: localStorage when the browser allows it, memory otherwise ---------------- */

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
    if (!storage) return null;
    try {
      return storage.getItem(STORAGE_KEY);
    } catch (e) {
      return null;
    }
  }

  function writeStored(text) {
    if (!storage) return false;
    try {
      storage.setItem(STORAGE_KEY, text);
      return true;
    } catch (e) {
      return false;  // full, or storage was switched off while the page was open
    }
  }

  function removeStored() {
    if (!storage) return;
    try {
      storage.removeItem(STORAGE_KEY);
    } catch (e) { /* nothing stored to remove */ }
  }

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

  function field(name) {
    return form.elements.namedItem(name);
  }

  function readForm() {
    var state = emptyState();
    state.group = field("group").value;
    LETTERS.forEach(function (letter) {
      var checked = form.querySelector("input[name='presence-" + letter + "']:checked");
      state.answers[letter] = {
        presence: checked ? checked.value : NOT_DISCUSSED,
        evidence: field("evidence-" + letter).value,
        strengthen: field("strengthen-" + letter).value
      };
    });
    return state;
  }

  function writeForm(state) {
    field("group").value = state.group;
    LETTERS.forEach(function (letter) {
      var answer = state.answers[letter];
      form.querySelectorAll("input[name='presence-" + letter + "']").forEach(function (radio) {
        radio.checked = radio.value === answer.presence;
      });
      field("evidence-" + letter).value = answer.evidence;
      field("strengthen-" + letter).value = answer.strengthen;
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

  /* --- Profile and printable summary: words only, never a score ------------------------- */

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

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function renderProfile(state) {
    var groups = byPresence(state);
    profileBox.textContent = "";
    if (LETTERS.every(function (letter) { return state.answers[letter].presence === NOT_DISCUSSED; })) {
      profileBox.appendChild(el("p", "Choose a word for any precondition and it will appear here, grouped with the others you gave the same word."));
      return;
    }
    var list = el("ul", undefined, "library-reflection__profile-list");
    profileOrder().forEach(function (word) {
      var item = el("li");
      item.appendChild(el("strong", capitalise(word) + ":"));
      item.appendChild(document.createTextNode(" " + (groups[word].length ? groups[word].join(", ") : "none")));
      list.appendChild(item);
    });
    profileBox.appendChild(list);
    profileBox.appendChild(el("p", "These words describe where the group thinks things stand today. They are not a score: read them alongside your evidence, not as a total.", "library-reflection__hint"));
  }

  function renderSummary(state) {
    summaryBox.textContent = "";
    summaryBox.appendChild(el("h2", "Summary of answers"));
    if (state.group.trim()) summaryBox.appendChild(el("p", "Group: " + state.group.trim()));
    LETTERS.forEach(function (letter) {
      var answer = state.answers[letter];
      var part = el("section", undefined, "library-reflection__summary-item");
      part.appendChild(el("h3", letter + ". " + titles[letter]));
      part.appendChild(el("p", "How present: " + answer.presence));
      part.appendChild(el("p", "Evidence:", "library-reflection__summary-label"));
      part.appendChild(el("p", answer.evidence.trim() || "Nothing written.", "library-reflection__summary-text"));
      part.appendChild(el("p", "What would strengthen it:", "library-reflection__summary-label"));
      part.appendChild(el("p", answer.strengthen.trim() || "Nothing written.", "library-reflection__summary-text"));
      summaryBox.appendChild(part);
    });
  }

  /* --- Markdown report ------------------------------------------------------------------ */

  /* The report holds each answer exactly, whatever it says: every line of it is quoted ("> " before it, ">" alone
     for an empty line), so no line of an answer can pass for one of the report's own lines ("## A. ...",
     "How present: ...", "### Evidence"). An answer left empty is written "Nothing written.", unquoted: an answer
     that says "Nothing written." is quoted like any other. The form's text boxes hold no carriage return (a
     browser turns every line break in them into a line feed), so the lines give back the text exactly. */
  function quoted(text) {
    if (!text) return [NOTHING];
    return text.split("\n").map(function (line) { return line ? "> " + line : ">"; });
  }

  function toMarkdown(state, saved) {
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

  /* --- Files ----------------------------------------------------------------------------- */

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);  // after the browser has taken the file
  }

  function fileName(state, extension) {
    var slug = state.group.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|(?<!-)-+$/g, "").slice(0, 40);
    var day = new Date().toISOString().slice(0, 10);
    return "reflection" + (slug ? "-" + slug : "") + "-" + day + "." + extension;
  }

  function readAsText(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file);
    });
  }

  /* --- Messages ------------------------------------------------------------------------ */

  function showError(text) {
    noticeBox.textContent = "";
    errorBox.textContent = "";
    errorBox.appendChild(el("strong", "There is a problem. "));
    errorBox.appendChild(document.createTextNode(text));
  }

  function showNotice(text) {
    errorBox.textContent = "";
    noticeBox.textContent = text;
  }

  /* The status line is a live region: writing it again, even with the same words, makes screen readers
     say it again. So it changes only when the state does (unsaved to saved, saved to failed, ...), not
     after every pause in typing. */
  function setStatus(text) {
    if (!statusLine.hidden && statusLine.textContent === text) return;
    statusLine.hidden = false;
    statusLine.textContent = text;
  }

  function savedStatus() {
    return storage ? "Saved in this browser." : notSavingStatus();
  }

  function notSavingStatus() {
    return "This browser is not letting the page save, so your answers are kept only while the page is open. Download them before you close it.";
  }

  /* --- Saving ---------------------------------------------------------------------------- */

  var saveTimer = null;

  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    var state = readForm();
    renderProfile(state);
    renderSummary(state);
    if (!storage) {
      setStatus(notSavingStatus());
      return;
    }
    if (writeStored(JSON.stringify(toFile(state)))) {
      setStatus(savedStatus());
    } else {
      setStatus("Your latest changes could not be saved in this browser, perhaps because its storage is full. Download your answers to keep them.");
    }
  }

  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY);
  }

  function flush() {
    if (saveTimer !== null) save();
  }

  function replaceState(state) {
    clearTimeout(saveTimer);
    saveTimer = null;
    writeForm(state);
    save();
  }

  /* --- Actions --------------------------------------------------------------------------- */

  function exportJson() {
    flush();
    var state = readForm();
    download(fileName(state, "json"), JSON.stringify(toFile(state), null, 2) + "\n", "application/json");
    showNotice("Your answers have been downloaded as a JSON file. Load it back here with “Load answers from a JSON file”.");
  }

  function exportMarkdown() {
    flush();
    var state = readForm();
    download(fileName(state, "md"), toMarkdown(state, new Date()), "text/markdown");
    showNotice("Your report has been downloaded as a Markdown file.");
  }

  function importFile() {
    var file = importInput.files && importInput.files[0];
    if (!file) return;
    var name = "“" + file.name + "”";
    var unchanged = " Your current answers have not changed.";
    importInput.value = "";  // so choosing the same file again is noticed
    if (file.size > MAX_FILE_BYTES) {
      showError(name + " is too large to be a reflection file from this page." + unchanged);
      return;
    }
    readAsText(file).then(function (text) {
      var data = fromMarkdown(text);
      if (data === null) {
        try {
          data = JSON.parse(text);
        } catch (e) {
          showError(name + " could not be loaded: it is neither a JSON file nor a Markdown report from this page. " +
            "Choose a file downloaded with “Download answers (JSON)” or “Download report (Markdown)”." + unchanged);
          return;
        }
      }
      var result = check(data);
      if (result.problem) {
        showError(name + " could not be loaded: " + result.problem + "." + unchanged);
        return;
      }
      flush();
      if (!isEmpty(readForm()) && !window.confirm("Replace the answers on this page with the ones in " + name + "? The answers you have now will be lost unless you have downloaded them.")) {
        showNotice("Nothing was loaded. Your current answers have not changed.");
        return;
      }
      replaceState(result.state);
      showNotice("The answers in " + name + " have been loaded.");
    }, function () {
      showError(name + " could not be read." + unchanged);
    });
  }

  function clearAll() {
    if (!window.confirm("Clear all answers from this page and from this browser? This cannot be undone.")) {
      showNotice("Nothing was cleared.");
      return;
    }
    clearTimeout(saveTimer);
    saveTimer = null;
    writeForm(emptyState());
    removeStored();
    renderProfile(emptyState());
    renderSummary(emptyState());
    setStatus(storage ? "No answers are saved in this browser." : notSavingStatus());
    showNotice("All answers have been cleared.");
  }

  /* --- Start ----------------------------------------------------------------------------- */

  function restore() {
    var stored = readStored();
    if (!storage) {
      setStatus(notSavingStatus());
      return;
    }
    if (stored === null) {
      setStatus("Your answers will be saved in this browser as you type.");
      return;
    }
    var result;
    try {
      result = check(JSON.parse(stored));
    } catch (e) {
      result = { problem: "not readable" };
    }
    if (result.problem) {
      setStatus("Answers saved earlier in this browser could not be read, so the form starts empty.");
      return;
    }
    writeForm(result.state);
    setStatus("Your answers have been restored from this browser.");
  }

  document.querySelectorAll("[data-library-reflection-nojs]").forEach(function (node) { node.hidden = true; });
  document.documentElement.classList.add("library-reflection-enhanced");
  tools.hidden = false;
  summaryBox.hidden = false;

  restore();
  var start = readForm();
  renderProfile(start);
  renderSummary(start);

  form.addEventListener("input", saveSoon);
  form.addEventListener("change", saveSoon);
  form.addEventListener("submit", function (event) { event.preventDefault(); flush(); });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  document.querySelector("[data-library-reflection-print]").addEventListener("click", function () {
    flush();
    window.print();
  });
  document.querySelector("[data-library-reflection-export-json]").addEventListener("click", exportJson);
  document.querySelector("[data-library-reflection-export-markdown]").addEventListener("click", exportMarkdown);
  document.querySelector("[data-library-reflection-clear]").addEventListener("click", clearAll);
  importInput.addEventListener("change", importFile);
})();
