/* Reflection tool: saves a group's answers in this browser, shows them as a profile,
 * and exports and imports them as files (their formats: reflection-file.js).
 *
 * Everything happens on the page: no request is made to any server (no fetch,
 * no XMLHttpRequest, no beacon). Files are made with Blob and read with File.
 * The form itself is plain HTML, so without this script it is still a worksheet.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-library-reflection]");
  if (!form) return;

  var file = window.LibraryReflectionFile;
  var browser = window.LibraryBrowserDraft;  // downloads, and files chosen to load
  var LETTERS = file.LETTERS;
  var NOT_DISCUSSED = file.NOT_DISCUSSED;
  var MAX_FILE_BYTES = 512 * 1024;  // nine answers at the longest fit in well under this
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

  /* --- The form ------------------------------------------------------------------------------------ */

  function field(name) {
    return form.elements.namedItem(name);
  }

  function readForm() {
    var state = file.emptyState();
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

  /* --- Profile and printable summary: words only, never a score ------------------------- */

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function renderProfile(state) {
    var groups = file.byPresence(state);
    profileBox.textContent = "";
    if (LETTERS.every(function (letter) { return state.answers[letter].presence === NOT_DISCUSSED; })) {
      profileBox.appendChild(el("p", "Choose a word for any precondition and it will appear here, grouped with the others you gave the same word."));
      return;
    }
    var list = el("ul", undefined, "library-reflection__profile-list");
    file.profileOrder().forEach(function (word) {
      var item = el("li");
      item.appendChild(el("strong", file.capitalise(word) + ":"));
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
    return file.canStore ? "Saved in this browser." : notSavingStatus();
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
    if (!file.canStore) {
      setStatus(notSavingStatus());
      return;
    }
    if (file.store(state)) {
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
    browser.download(file.fileName(state, "json"), JSON.stringify(file.toFile(state), null, 2) + "\n", "application/json");
    showNotice("Your answers have been downloaded as a JSON file. Load it back here with “Load answers from a JSON file”.");
  }

  function exportMarkdown() {
    flush();
    var state = readForm();
    browser.download(file.fileName(state, "md"), file.toMarkdown(state, new Date(), titles), "text/markdown");
    showNotice("Your report has been downloaded as a Markdown file.");
  }

  function importFile() {
    var chosen = importInput.files && importInput.files[0];
    if (!chosen) return;
    var name = "“" + chosen.name + "”";
    var unchanged = " Your current answers have not changed.";
    importInput.value = "";  // so choosing the same file again is noticed
    browser.open(chosen, { maxBytes: MAX_FILE_BYTES, parse: file.parse, check: file.check }).then(function (opened) {
      if (opened.tooLarge) {
        showError(name + " is too large to be a reflection file from this page." + unchanged);
        return;
      }
      if (opened.unreadable) {
        showError(name + " could not be loaded: it is neither a JSON file nor a Markdown report from this page. " +
          "Choose a file downloaded with “Download answers (JSON)” or “Download report (Markdown)”." + unchanged);
        return;
      }
      if (opened.problem) {
        showError(name + " could not be loaded: " + opened.problem + "." + unchanged);
        return;
      }
      var result = opened.result;
      flush();
      if (!file.isEmpty(readForm()) && !window.confirm("Replace the answers on this page with the ones in " + name + "? The answers you have now will be lost unless you have downloaded them.")) {
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
    writeForm(file.emptyState());
    file.unstore();
    renderProfile(file.emptyState());
    renderSummary(file.emptyState());
    setStatus(file.canStore ? "No answers are saved in this browser." : notSavingStatus());
    showNotice("All answers have been cleared.");
  }

  /* --- Start ----------------------------------------------------------------------------- */

  function restore() {
    if (!file.canStore) {
      setStatus(notSavingStatus());
      return;
    }
    var result = file.stored();
    if (result === null) {
      setStatus("Your answers will be saved in this browser as you type.");
      return;
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
