/* The contribution studio (docs/contribute/studio.md): a case study written one step at a time,
 * checked as it is written, previewed as its page, and sent as a GitHub issue, a file or text.
 *
 * The page holds a draft (studio-draft.js): what is on screen, kept in this browser's storage and in files
 * the person downloads. The findings and the sources draw themselves from it (studio-findings.js,
 * studio-sources.js); the checks are the library's own, worded for this page (studio-problems.js). Nothing
 * is sent anywhere: no fetch, no XMLHttpRequest, no beacon.
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
  var drafts = window.LibraryStudioDraft;
  var problems = window.LibraryStudioProblems;
  var dom = window.LibraryStudioDom;
  var el = dom.el;
  var clear = dom.clear;
  var questions = data.questions;
  var pages = JSON.parse(root.getAttribute("data-pages"));
  var repo = root.getAttribute("data-repo");
  var form = root.querySelector("[data-library-studio-form]");

  var SAVE_DELAY = 400;  // milliseconds after the last keystroke
  var CHECK_DELAY = 250;
  var LINK_LIMIT = 8000;  // characters: longer addresses are refused by some servers and proxies
  var MAX_FILE_BYTES = 1024 * 1024;
  var STEPS = 8;

  var byLetter = {};
  data.preconditions.forEach(function (p) { byLetter[p.id] = p; });
  var labelOfStatus = drafts.labelOfStatus;

  var draft = drafts.empty();
  var latest = null;  // the last check: {answers, values, letters, id, problems}

  function find(selector) {
    return root.querySelector(selector);
  }

  function name(letter) {
    return letter + ". " + byLetter[letter].short_title;
  }

  var ctx = {
    root: root, pages: pages,
    draft: function () { return draft; },
    changed: function (now) { changed(now); },
    seen: function (id) { seen(id); }
  };
  var findings = window.LibraryStudioFindings(ctx);
  var sources = window.LibraryStudioSources(ctx);

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
      summary();
      preview();
      where();
    }
    if (draft.step === 8) sending();
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
    var left = limit - rules.length(window.LibraryText.strip(value));
    line.textContent = left >= 0 ? "You have " + rules.count(left) + " characters left." : "You have " + rules.count(-left) + " characters too many.";
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
    var copyTarget = event.target.closest("[data-library-studio-copy]");
    if (copyTarget) copy(copyTarget);
  });

  find("[data-library-studio-skip]").addEventListener("click", function (event) {
    event.preventDefault();
    var first = firstField(draft.step);
    first.focus();
    first.scrollIntoView({ block: "center" });
  });

  /* --- Feedback beside the control that caused it ------------------------------------------- */

  /* The line after `control` (a live region) says what happened; a problem is marked as one. */
  function feedback(control, message, problem) {
    var line = control.closest(".library-studio__action").querySelector(".library-studio__feedback");
    line.classList.toggle("library-studio__feedback--problem", !!problem);
    clear(line);
    if (problem) line.appendChild(el("strong", {}, ["There is a problem. "]));
    line.appendChild(document.createTextNode(message));
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
      var link = el("a", { href: "#" + p.id }, [p.label + ": " + p.message]);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        goTo(p);
      });
      list.appendChild(el("li", {}, [link]));
    });
    box.appendChild(list);
  }

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

  function piece(pieceName) {
    return dom.template(root, pieceName);
  }

  function preview() {
    var box = find("[data-library-studio-preview]");
    clear(box);
    var v = latest.values;
    box.appendChild(el("h4", { "class": "library-studio__page-title" }, [v.title || "Your title"]));
    box.appendChild(piece("draft"));
    if (v.summary) box.appendChild(el("div", { "class": "library-lede" }, [el("p", {}, [dom.inline(v.summary)])]));
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
    prose.appendChild(dom.block(v.context || ""));
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
      finding.appendChild(dom.block(entry.finding));
      box.appendChild(finding);
    });
    [["What did not work", v.what_did_not_work, true], ["Lessons", v.lessons, true], ["Questions for other places", v.questions, false]].forEach(function (part) {
      box.appendChild(el("h5", {}, [part[0]]));
      var list = el("ul", { "class": "library-list" });
      (part[1] || []).forEach(function (item) { list.appendChild(el("li", {}, [part[2] ? dom.inline(item) : item])); });
      box.appendChild(list);
    });
    box.appendChild(el("h5", {}, ["Sources and provenance"]));
    var list = el("ul", { "class": "library-list" });
    (v.sources || []).forEach(function (s) { list.appendChild(el("li", {}, sourceLine(s))); });
    box.appendChild(list);
    var provenance = el("dl", { "class": "library-facts library-facts--provenance" });
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Contributed by"]), el("dd", {}, [(v.contributors || []).join("; ")])]));
    var status = el("dd");
    status.appendChild(piece("maturity"));
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Status"]), status]));
    provenance.appendChild(el("div", {}, [el("dt", {}, ["Licence"]), el("dd", {}, [v.licence])]));
    box.appendChild(provenance);
  }

  /* A source as the page prints it (the macro source_line in overrides/library/_macros.md). */
  function sourceLine(s) {
    var out = [el("cite", {}, [s.title || ""])];
    var text = (s.publisher ? ", " + s.publisher : "") + (s.year ? " (" + s.year + ")" : "") + (s.pages && s.pages.length ? ", " + rules.pageNumbers(s.pages) : "");
    if (text) out.push(text);
    if (s.url && /^https?:\/\//i.test(s.url)) {  // always so once the checks pass, and checked again here
      out.push(". ");
      out.push(el("a", { href: s.url }, ["Read the source"]));
    }
    return out;
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
      choices.appendChild(el("li", {}, ["under " + data.form.labels["status-" + entry.precondition.toLowerCase()] + ", choose " + labelOfStatus[entry.status] + ";"]));
    });
    choices.appendChild(el("li", {}, ["under " + data.form.labels.licence + ", choose " + draft.answers.licence + ";"]));
    choices.appendChild(el("li", {}, ["under " + data.form.labels.consent + ", tick the three boxes, if they are true."]));
    var link = rules.issueLink(latest.answers, repo, LINK_LIMIT);
    find("[data-library-studio-issue-link]").setAttribute("href", link.url);
    var left = find("[data-library-studio-left]");
    var body = rules.issueBody(latest.answers);
    if (left.getAttribute("data-for") !== body) {  // drawn again only when the answers change, so feedback stays
      left.setAttribute("data-for", body);
      clear(left);
      if (link.left.length) {
        left.appendChild(el("p", {}, ["These answers are too long to fill in from a link. Copy each one into its box on the form:"]));
        link.left.forEach(function (key, i) {
          var id = "studio-left-" + i;
          var area = el("textarea", { "class": "library-field library-studio__text", id: id, rows: "3", readonly: true });
          area.value = rules.answerText(latest.answers, key);
          left.appendChild(el("div", { "class": "library-studio__question" }, [
            el("label", { "class": "library-studio__label", "for": id }, [data.form.labels[key]]), area,
            el("div", { "class": "library-studio__action" }, [
              el("button", { "class": "md-button", type: "button", "data-library-studio-copy": id }, ["Copy " + data.form.labels[key]]),
              el("p", { "class": "library-studio__feedback", role: "status" })])
          ]));
        });
      }
    }
    find("[data-library-studio-issue-body]").value = body;
  }

  function copy(button) {
    var area = document.getElementById(button.getAttribute("data-library-studio-copy"));
    var done = function () { feedback(button, "Copied. Paste it where you need it."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () { selectAndCopy(button, area, done); });
    } else {
      selectAndCopy(button, area, done);
    }
  }

  function selectAndCopy(button, area, done) {
    area.focus();
    area.select();
    try {
      if (document.execCommand("copy")) {
        done();
        button.focus();
        return;
      }
    } catch (e) { /* not allowed here */ }
    feedback(button, "The text is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.");
  }

  function download(fileName, content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = el("a", { href: url, download: fileName, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* --- Draft files ---------------------------------------------------------------------------- */

  function fileName(extension) {
    var id = latest && latest.id ? latest.id : "case-study";
    return id + (extension === "yaml" ? "" : "-draft-" + new Date().toISOString().slice(0, 10)) + "." + extension;
  }

  var exportButton = find("[data-library-studio-export]");
  exportButton.addEventListener("click", function () {
    flush();
    refresh();
    download(fileName("json"), JSON.stringify(drafts.toFile(draft), null, 2) + "\n", "application/json");
    feedback(exportButton, "Your draft has been downloaded as a file. Open it here again with \u201cOpen a draft file\u201d, on this computer or another.");
  });

  var yamlButton = find("[data-library-studio-download-yaml]");
  yamlButton.addEventListener("click", function () {
    refresh();
    if (!latest.id) {
      feedback(yamlButton, "The file is named after the case study's title and place: write those first, in step 1.", true);
      return;
    }
    download(latest.id + ".yaml", rules.toYaml(latest.values, latest.id), "text/yaml");
    feedback(yamlButton, "The case study file has been downloaded." +
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
      feedback(importInput, named + " is too large to be a draft from this page." + unchanged, true);
      return;
    }
    file.text().then(function (content) {
      var parsed;
      try {
        parsed = JSON.parse(content);
      } catch (e) {
        feedback(importInput, named + " could not be opened: it is not a draft file from this page. Choose a file made with \u201cDownload the draft\u201d." + unchanged, true);
        return;
      }
      var result = drafts.check(parsed);
      if (result.problem) {
        feedback(importInput, named + " could not be opened: " + result.problem + "." + unchanged, true);
        return;
      }
      flush();
      if (!drafts.isEmpty(draft) && !window.confirm("Replace the draft on this page with the one in " + named + "? What you have now will be lost unless you have downloaded it.")) {
        feedback(importInput, "Nothing was opened. Your draft here has not changed.");
        return;
      }
      draft = result.draft;
      showDraft();
      showStep();
      save();
      refresh();
      feedback(importInput, "The draft in " + named + " has been opened." + (result.version === 1 && draft.sources.some(function (s) { return s.title; })
        ? " Each of its sources was one line: that line is now the source's title. In step 5, move its year, pages and web address into their own boxes." : ""));
    }, function () {
      feedback(importInput, named + " could not be read." + unchanged, true);
    });
  });

  var clearButton = find("[data-library-studio-clear]");
  clearButton.addEventListener("click", function () {
    if (!window.confirm("Clear this draft from the page and from this browser? This cannot be undone.")) {
      feedback(clearButton, "Nothing was cleared.");
      return;
    }
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
    feedback(clearButton, "The draft has been cleared.");
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
