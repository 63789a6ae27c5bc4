/* The contribution studio (docs/contribute/studio.md): a case study written one step at a time,
 * checked as it is written, previewed as its page, and sent as a GitHub issue, a file or text.
 *
 * The page holds a draft (studio-draft.js): what is on screen, kept in this browser's storage and in files
 * the person downloads (browser-draft.js). The findings and the sources draw themselves from it
 * (studio-findings.js, studio-sources.js); the checks are the library's own, worded for this page
 * (studio-problems.js); the check and preview, and the ways to send it, are steps of their own
 * (studio-preview.js, studio-sending.js). Nothing is sent anywhere: no fetch, no XMLHttpRequest, no beacon.
 *
 * Contributed text reaches the page as text (textContent) or as HTML from studio-text.js, through
 * studio-dom.js, which copies only the renderer's own elements and attributes: never as markup of its own.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-library-studio]");
  if (!root) return;

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var python = window.LibraryPython;
  var drafts = window.LibraryStudioDraft;
  var problems = window.LibraryStudioProblems;
  var dom = window.LibraryStudioDom;
  var questions = data.questions;
  var pages = JSON.parse(root.getAttribute("data-pages"));
  var repo = root.getAttribute("data-repo");
  var form = root.querySelector("[data-library-studio-form]");

  var SAVE_DELAY = 400;  // milliseconds after the last keystroke
  var CHECK_DELAY = 250;
  var STEPS = 8;

  var draft = drafts.empty();
  var latest = null;  // the last check: {answers, values, letters, id, problems}

  function find(selector) {
    return root.querySelector(selector);
  }

  var ctx = {
    root: root, pages: pages,
    draft: function () { return draft; },
    changed: function (now) { changed(now); },
    seen: function (id) { seen(id); }
  };
  var findings = window.LibraryStudioFindings(ctx);
  var sources = window.LibraryStudioSources(ctx);
  var previewStep = window.LibraryStudioPreview({ root: root, pages: pages, latest: function () { return latest; }, goTo: goTo });
  var sendStep = window.LibraryStudioSending({ root: root, repo: repo, latest: function () { return latest; }, draft: function () { return draft; },
    go: function (step) { go(step); } });

  /* --- The form's questions, in the draft ------------------------------------------------- */

  function control(key) {
    return form.elements.namedItem(key);
  }

  function consentBoxes() {
    return form.querySelectorAll("input[name=consent]");
  }

  /* Everything on screen drawn from the draft: after a reload, an opened file or a fresh start. */
  function showDraft() {
    Object.keys(draft.answers).forEach(function (key) {
      if (key === "consent") {
        Array.prototype.forEach.call(consentBoxes(), function (box, i) { box.checked = !!draft.answers.consent[i]; });
      } else if (control(key)) {
        control(key).value = draft.answers[key];
      }
    });
    find("[data-library-studio-help]").open = draft.help;
    findings.render();
    sources.render();
  }

  form.addEventListener("input", function (event) {
    var key = event.target.name;
    if (key && key !== "consent" && key in draft.answers) {
      draft.answers[key] = event.target.value;
      var line = find('[data-library-studio-count="' + key + '"]');
      if (line) countLine(line, event.target.value, Number(event.target.getAttribute("data-limit")));
      changed(false);
    }
  });
  form.addEventListener("change", function (event) {
    var key = event.target.name;
    if (key === "consent") {
      draft.answers.consent = Array.prototype.map.call(consentBoxes(), function (box) { return box.checked; });
      seen(questions.consent.id);
      changed(true);
    } else if (key === "licence") {
      draft.answers.licence = event.target.value;
      changed(true);
    }
  });
  form.addEventListener("focusout", function (event) {
    if (event.target.name && questions[event.target.name] && event.target.id) seen(event.target.id);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  find("[data-library-studio-help]").addEventListener("toggle", function (event) {
    if (draft.help === event.target.open) return;
    draft.help = event.target.open;
    changed(false);
  });
  find("[data-library-studio-add-finding]").addEventListener("click", function () { findings.add(); });

  /* --- Saving and checking ------------------------------------------------------------------ */

  var saveTimer = null;
  var checkTimer = null;

  function busy() {
    if (saveTimer !== null || checkTimer !== null) root.setAttribute("data-library-studio-busy", "");
    else root.removeAttribute("data-library-studio-busy");
  }

  /* The saved status, beside the step's buttons and under "Your draft". It changes only when the state does. */
  function setStatus(message) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-saved], [data-library-studio-status]"), function (line) {
      if (line.textContent !== message) line.textContent = message;
    });
  }

  function notSaving() {
    return "This browser is not letting the page save, so your draft is kept only while the page is open. Download it before you close the page.";
  }

  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!drafts.canStore) setStatus(notSaving());
    else setStatus(drafts.store(draft) ? "Saved in this browser."
      : "Your latest changes could not be saved in this browser, perhaps because its storage is full. Download the draft to keep them.");
    busy();
  }

  function flush() {
    if (saveTimer !== null) save();
  }

  /* After any change. `now`: show its effect at once (a choice made), else once typing pauses. */
  function changed(now) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY);
    clearTimeout(checkTimer);
    checkTimer = null;
    if (now) refresh();
    else checkSoon(CHECK_DELAY);
    busy();
  }

  /* A check that waits while a mouse button or finger is down: a message appearing as a box is left would move
     what the person is about to click (leaving a box and clicking a choice are one gesture). */
  var pressing = false;
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () { pressing = false; }, true);
  document.addEventListener("pointercancel", function () { pressing = false; }, true);

  function checkSoon(delay) {
    checkTimer = setTimeout(function wait() {
      if (pressing) checkTimer = setTimeout(wait, 50);
      else refresh();
    }, delay);
  }

  /* The person has had the chance to answer `id` (a question left, a step left): its problems may show. */
  function seen(id) {
    if (!markSeen(id)) return;
    clearTimeout(checkTimer);
    checkSoon(0);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY);
    busy();
  }

  function markSeen(id) {
    if (draft.seen.indexOf(id) !== -1) return false;
    draft.seen.push(id);
    return true;
  }

  function refresh() {
    clearTimeout(checkTimer);
    checkTimer = null;
    latest = problems.find(draft, stepOf);
    showProblems();
    showCounts();
    showAddress();
    if (draft.step === 7) {
      previewStep.summary();
      previewStep.preview();
      previewStep.where();
    }
    if (draft.step === 8) sendStep.sending();
    busy();
  }

  /* --- Problems, shown where they are once the person has had the chance to answer ----------- */

  var STEP_OF = {};  // question key -> its step
  Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-question]"), function (node) {
    STEP_OF[node.getAttribute("data-library-studio-question")] = Number(node.closest("[data-library-studio-step]").getAttribute("data-library-studio-step"));
  });

  function stepOf(key) {
    return STEP_OF[key] || (key === "sources" ? 5 : 3);
  }

  function shown(p) {
    if (draft.seen.indexOf("step-" + p.step) !== -1) return true;
    if (p.finding !== undefined && draft.open !== p.finding) return true;  // a closed finding: the person has moved on from it
    return draft.seen.indexOf(p.id) !== -1;
  }

  function showProblems() {
    var byId = {};
    latest.problems.forEach(function (p) {
      if (shown(p)) (byId[p.id] = byId[p.id] || []).push(p.message);
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-error]"), function (box) {
      var id = box.getAttribute("data-library-studio-error");
      var target = document.getElementById(id);
      dom.showErrors(box, byId[id], target && /^(INPUT|TEXTAREA|SELECT|FIELDSET)$/.test(target.tagName) ? target : null);
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-finding]"), function (card) {  // a closed finding says it has some
      var index = Number(card.getAttribute("data-finding")) - 1;
      var count = draft.open === index ? 0 : latest.problems.filter(function (p) { return p.finding === index && shown(p); }).length;
      card.querySelector("[data-finding-problems]").textContent = count ? " (" + count + " to fix)" : "";
    });
    for (var step = 1; step <= 6; step++) {
      var count = latest.problems.filter(function (p) { return p.step === step; }).length;
      find('[data-library-studio-step-problems="' + step + '"]').textContent =
        draft.seen.indexOf("step-" + step) !== -1 && count ? " (" + count + " to fix)" : "";
    }
  }

  function countLine(line, value, limit) {
    var left = limit - python.length(window.LibraryText.strip(value));
    line.textContent = left >= 0 ? "You have " + python.count(left) + " characters left." : "You have " + python.count(-left) + " characters too many.";
  }

  function showCounts() {
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-count]"), function (line) {
      var key = line.getAttribute("data-library-studio-count");
      countLine(line, control(key).value, Number(control(key).getAttribute("data-limit")));
    });
  }

  function showAddress() {
    find("[data-library-studio-address]").textContent = latest.id ? "Its address will be " + pages.published + latest.id + "/" : "";
  }

  /* --- Steps ---------------------------------------------------------------------------------- */

  /* The first question on screen in a step (a closed finding's are not), else its heading. */
  function firstField(step) {
    var section = find("[data-library-studio-step='" + step + "']");
    var fields = section.querySelectorAll("input:not([type=hidden]):not([type=file]), textarea:not([readonly]), select, [data-library-studio-toggle]");
    return Array.prototype.filter.call(fields, function (field) { return !field.closest("[hidden]"); })[0] ||
      section.querySelector(".library-studio__step-title");
  }

  function go(step, focusHeading) {
    if (step < 1 || step > STEPS) return;
    if (step !== draft.step) markSeen("step-" + draft.step);  // moving on shows what is left to do there
    if (step >= 7) for (var s = 1; s <= 6; s++) markSeen("step-" + s);
    draft.step = step;
    showStep();
    changed(true);
    if (focusHeading !== false) {
      var heading = find("[data-library-studio-step='" + step + "'] .library-studio__step-title");
      heading.focus();
      heading.scrollIntoView({ block: "start" });
    }
    if (step === 7 && latest.problems.length && focusHeading !== false) find("[data-library-studio-summary]").focus();
  }

  function showStep() {
    Array.prototype.forEach.call(root.querySelectorAll("[data-library-studio-step]"), function (section) {
      section.hidden = Number(section.getAttribute("data-library-studio-step")) !== draft.step;
    });
    Array.prototype.forEach.call(root.querySelectorAll(".library-studio__step-link"), function (button) {
      if (Number(button.getAttribute("data-library-studio-go")) === draft.step) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    });
    find("[data-library-studio-skip]").setAttribute("href", "#" + firstField(draft.step).id);
  }

  root.addEventListener("click", function (event) {
    var goButton = event.target.closest("[data-library-studio-go]");
    if (goButton) go(Number(goButton.getAttribute("data-library-studio-go")));
  });

  find("[data-library-studio-skip]").addEventListener("click", function (event) {
    event.preventDefault();
    var first = firstField(draft.step);
    first.focus();
    first.scrollIntoView({ block: "center" });
  });

  /* --- The check and preview (studio-preview.js) links each problem here; sending is studio-sending.js's ---- */

  function goTo(p) {
    go(p.step, false);
    if (p.finding !== undefined && draft.open !== p.finding) {
      draft.open = p.finding;
      findings.render();
      refresh();
    }
    var target = document.getElementById(p.id);
    if (target && target.tagName === "FIELDSET") target = target.querySelector("input:checked") || target.querySelector("input");
    if (!target || target.hidden) target = find("[data-library-studio-step='" + p.step + "'] .library-studio__step-title");
    target.focus();
  }

  /* --- The draft as files (studio-files.js) ----------------------------------------------------------- */

  window.LibraryStudioFiles({
    root: root, draft: function () { return draft; }, latest: function () { return latest; }, flush: flush, refresh: refresh,
    /* A draft opened from a file takes the place of the one on the page; clearing leaves an empty one, at step 1. */
    open: function (opened) {
      draft = opened;
      showDraft();
      showStep();
      save();
      refresh();
    },
    clear: function () {
      clearTimeout(saveTimer);
      saveTimer = null;
      draft = drafts.empty();
      drafts.unstore();
      showDraft();
      go(1, false);
      clearTimeout(saveTimer);
      saveTimer = null;
      busy();
      setStatus(drafts.canStore ? "No draft is saved in this browser." : notSaving());
    }
  });

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  /* --- Start ---------------------------------------------------------------------------------- */

  function restore() {
    if (!drafts.canStore) {
      setStatus(notSaving());
      return;
    }
    var result = drafts.stored();
    if (result === null) {
      setStatus("Your draft will be saved in this browser as you type.");
    } else if (result.problem) {
      setStatus("A draft saved earlier in this browser could not be read, so the page starts empty.");
    } else {
      draft = result.draft;
      setStatus("Your draft has been restored from this browser.");
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-library-studio-nojs]"), function (node) { node.hidden = true; });
  root.hidden = false;
  restore();
  showDraft();
  showStep();
  refresh();
})();
