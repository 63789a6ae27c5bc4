/* The sources of the contribution studio: one set of boxes each (title, publisher, year, pages, web address, and
 * whether it is published), drawn from the template "source" of overrides/library/studio-form.md and kept in the
 * draft as typed. The issue gets them as labelled lines (rules.sourcesText), which from-issue reads back into
 * the schema's Source fields: nothing is guessed from a line of text. Under the pages, the studio says how the
 * page will print them, so a range is never read silently.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var dom = window.LibraryStudioDom;
  var drafts = window.LibraryStudioDraft;
  var rules = window.LibraryStudioRules;
  var strip = window.LibraryText.strip;

  /* ctx: {root, draft(), changed(structural), seen(id)}. */
  window.LibraryStudioSources = function (ctx) {
    var box = ctx.root.querySelector("[data-library-studio-sources]");

    function sources() {
      return ctx.draft().sources;
    }

    function render(focusId) {
      var active = focusId || (document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null);
      dom.clear(box);
      var draft = ctx.draft();
      draft.sources.forEach(function (s, i) {
        if (draft.undo && draft.undo.kind === "remove-source" && draft.undo.at === i) box.appendChild(undoOffer(draft.undo));
        box.appendChild(group(s, i));
      });
      if (draft.undo && draft.undo.kind === "remove-source" && draft.undo.at >= draft.sources.length) box.appendChild(undoOffer(draft.undo));
      var target = active && document.getElementById(active);
      if (target && box.contains(target)) target.focus();
    }

    function group(s, i) {
      var fragment = dom.template(ctx.root, "source", i + 1);
      var fieldset = fragment.querySelector("[data-source]");
      Array.prototype.forEach.call(fieldset.querySelectorAll("input[data-source-field]"), function (input) {
        var name = input.getAttribute("data-source-field");
        if (input.type === "radio") input.checked = s.published === input.value;
        else input.value = s[name];
      });
      Array.prototype.forEach.call(fieldset.querySelectorAll("[data-published-only]"), function (question) {
        question.hidden = s.published === "no";
      });
      pagesRead(fieldset, s);
      fieldset.querySelector("[data-library-studio-remove-source]").hidden = sources().length < 2;
      return fragment;
    }

    function pagesRead(fieldset, s) {
      var pages = strip(s.pages) ? rules.pageList(s.pages) : null;
      fieldset.querySelector("[data-source-pages-read]").textContent = pages && pages.length ? "The page will say: " + rules.pageNumbers(pages) + "." : "";
    }

    function undoOffer(undo) {
      return dom.el("p", { "class": "library-studio__undo" }, [dom.el("span", { id: "studio-undo-source-text" }, ["You removed source " + (undo.at + 1) + ". "]),
        dom.el("button", { "class": "md-button", type: "button", "data-library-studio-undo-source": "", "aria-describedby": "studio-undo-source-text" }, ["Undo"])]);
    }

    function add() {
      var draft = ctx.draft();
      draft.sources.push(drafts.source());
      if (draft.undo && draft.undo.kind === "remove-source") draft.undo = null;
      render("source-" + draft.sources.length + "-published-yes");
      ctx.changed(true);
    }

    function remove(i) {
      var draft = ctx.draft();
      draft.undo = { kind: "remove-source", at: i, source: JSON.parse(JSON.stringify(draft.sources[i])) };
      draft.sources.splice(i, 1);
      drafts.shiftSeen(draft, "source", i, -1);
      render();
      ctx.changed(true);
      box.querySelector("[data-library-studio-undo-source]").focus();
    }

    function undo() {
      var draft = ctx.draft();
      var u = draft.undo;
      draft.sources.splice(u.at, 0, u.source);
      drafts.shiftSeen(draft, "source", u.at, 1);
      draft.undo = null;
      render("source-" + (u.at + 1) + "-title");
      ctx.changed(true);
    }

    function indexOf(node) {
      var fieldset = node.closest("[data-source]");
      return fieldset ? Number(fieldset.getAttribute("data-source")) - 1 : -1;
    }

    box.addEventListener("input", function (event) {
      var i = indexOf(event.target);
      var name = event.target.getAttribute("data-source-field");
      if (i === -1 || !name || event.target.type === "radio") return;
      sources()[i][name] = event.target.value;
      if (name === "pages") pagesRead(event.target.closest("[data-source]"), sources()[i]);
      ctx.changed(false);
    });

    box.addEventListener("change", function (event) {
      var i = indexOf(event.target);
      if (i === -1 || event.target.type !== "radio") return;
      sources()[i].published = event.target.value;
      render();
      ctx.changed(true);
    });

    box.addEventListener("focusout", function (event) {
      if (event.target.getAttribute("data-source-field") && event.target.type !== "radio") ctx.seen(event.target.id);
    });

    box.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-library-studio-remove-source")) remove(indexOf(button));
      else if (button.hasAttribute("data-library-studio-undo-source")) undo();
    });

    ctx.root.querySelector("[data-library-studio-add-source]").addEventListener("click", add);

    return { render: render };
  };
})();
