/* The contribution studio's draft as files: download the draft (a file it opens again, here or on another computer),
 * download the case study's own file, open a draft file, and clear the draft. The draft's format and its check are
 * studio-draft.js's; downloading and reading a chosen file, browser-draft.js's. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var rules = window.LibraryStudioRules;
  var drafts = window.LibraryStudioDraft;
  var dom = window.LibraryStudioDom;
  var browser = window.LibraryBrowserDraft;
  var MAX_FILE_BYTES = 1024 * 1024;

  /* ctx: {root, draft(), latest(): the last check, flush(), refresh(), open(draft): show another draft, clear()}. */
  window.LibraryStudioFiles = function (ctx) {
    var root = ctx.root;

    function fileName(extension) {
      var latest = ctx.latest();
      var id = latest && latest.id ? latest.id : "case-study";
      return id + (extension === "yaml" ? "" : "-draft-" + new Date().toISOString().slice(0, 10)) + "." + extension;
    }

    var exportButton = root.querySelector("[data-library-studio-export]");
    exportButton.addEventListener("click", function () {
      ctx.flush();
      ctx.refresh();
      browser.download(fileName("json"), JSON.stringify(drafts.toFile(ctx.draft()), null, 2) + "\n", "application/json");
      dom.feedback(exportButton, "Your draft has been downloaded as a file. Open it here again with \u201cOpen a draft file\u201d, on this computer or another.");
    });

    var yamlButton = root.querySelector("[data-library-studio-download-yaml]");
    yamlButton.addEventListener("click", function () {
      ctx.refresh();
      var latest = ctx.latest();
      if (!latest.id) {
        dom.feedback(yamlButton, "The file is named after the case study's title and place: write those first, in step 1.", true);
        return;
      }
      browser.download(latest.id + ".yaml", rules.toYaml(latest.values, latest.id), "text/yaml");
      dom.feedback(yamlButton, "The case study file has been downloaded." +
        (latest.problems.length ? " The checks still find things to change in it: it will not pass them until they are fixed." : ""));
    });

    var importInput = root.querySelector("[data-library-studio-import]");
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      var named = "\u201c" + file.name + "\u201d";
      var unchanged = " Your draft here has not changed.";
      importInput.value = "";
      browser.open(file, { maxBytes: MAX_FILE_BYTES, parse: JSON.parse, check: drafts.check }).then(function (opened) {
        if (opened.tooLarge) {
          dom.feedback(importInput, named + " is too large to be a draft from this page." + unchanged, true);
          return;
        }
        if (opened.unreadable) {
          dom.feedback(importInput, named + " could not be opened: it is not a draft file from this page. Choose a file made with \u201cDownload the draft\u201d." + unchanged, true);
          return;
        }
        if (opened.problem) {
          dom.feedback(importInput, named + " could not be opened: " + opened.problem + "." + unchanged, true);
          return;
        }
        var result = opened.result;
        ctx.flush();
        if (!drafts.isEmpty(ctx.draft()) && !window.confirm("Replace the draft on this page with the one in " + named + "? What you have now will be lost unless you have downloaded it.")) {
          dom.feedback(importInput, "Nothing was opened. Your draft here has not changed.");
          return;
        }
        ctx.open(result.draft);
        dom.feedback(importInput, "The draft in " + named + " has been opened." + (result.version === 1 && result.draft.sources.some(function (s) { return s.title; })
          ? " Each of its sources was one line: that line is now the source's title. In step 5, move its year, pages and web address into their own boxes." : ""));
      }, function () {
        dom.feedback(importInput, named + " could not be read." + unchanged, true);
      });
    });

    var clearButton = root.querySelector("[data-library-studio-clear]");
    clearButton.addEventListener("click", function () {
      if (!window.confirm("Clear this draft from the page and from this browser? This cannot be undone.")) {
        dom.feedback(clearButton, "Nothing was cleared.");
        return;
      }
      ctx.clear();
      dom.feedback(clearButton, "The draft has been cleared.");
    });
  };
})();
