/* The findings of the contribution studio's preconditions step: one card each, drawn from the template
 * "finding" of overrides/library/studio-form.md, one open at a time, in the order the person wrote them.
 *
 * A card asks what happened, which precondition it shows (its group first, then the letter, with the question
 * that tells it from the ones it is often mistaken for) and how far it was in place. Choosing a precondition
 * that another finding already shows adds this point to that finding, which suggests the status that fits both;
 * removing a finding asks nothing and offers to undo it. Everything is kept in the draft (studio-draft.js).
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var dom = window.LibraryStudioDom;
  var drafts = window.LibraryStudioDraft;
  var strip = window.LibraryText.strip;
  var el = dom.el;
  var byLetter = {};
  data.preconditions.forEach(function (p) { byLetter[p.id] = p; });

  function name(letter) {
    return letter + ". " + byLetter[letter].short_title;
  }

  function statusLabel(status) {
    return drafts.labelOfStatus[status];
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  /* ctx: {root, draft(): the draft, changed(): after any change, pages: the site's addresses}. */
  window.LibraryStudioFindings = function (ctx) {
    var box = ctx.root.querySelector("[data-library-studio-findings]");

    function findings() {
      return ctx.draft().findings;
    }

    /* --- Drawing -------------------------------------------------------------------------- */

    function render(focusId) {
      var active = focusId || (document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null);
      dom.clear(box);
      var draft = ctx.draft();
      var offer = draft.undo && (draft.undo.kind === "remove" || draft.undo.kind === "merge") ? draft.undo : null;
      draft.findings.forEach(function (f, i) {
        if (offer && offer.at === i) box.appendChild(undoOffer(offer));
        box.appendChild(card(f, i));
      });
      if (offer && offer.at >= draft.findings.length) box.appendChild(undoOffer(offer));
      var target = active && document.getElementById(active);
      if (target && box.contains(target)) target.focus();
    }

    function card(f, i) {
      var number = i + 1;
      var fragment = dom.template(ctx.root, "finding", number);
      var section = fragment.querySelector("[data-finding]");
      var open = ctx.draft().open === i;
      var toggle = section.querySelector("[data-library-studio-toggle]");
      toggle.setAttribute("aria-expanded", String(open));
      section.querySelector(".library-studio__finding-body").hidden = !open;
      section.classList.toggle("library-studio__finding--open", open);
      section.querySelector("[data-finding-state]").textContent = state(f, open);
      section.querySelector("[data-first-only]").hidden = i > 0;  // the example, said once
      var textarea = section.querySelector("textarea");
      textarea.value = f.text;
      count(section, f);
      check(section, "finding-" + number + "-group-" + f.group);
      if (f.letter) check(section, "finding-" + number + "-letter-" + f.letter.toLowerCase());
      if (f.status) check(section, "finding-" + number + "-status-" + f.status);
      Array.prototype.forEach.call(section.querySelectorAll(".library-studio__choices [data-group]"), function (choice) {
        var radio = choice.querySelector("input");
        choice.hidden = f.group !== "all" && choice.getAttribute("data-group") !== f.group && !radio.checked;
        var other = findings().map(function (g) { return g.letter; }).indexOf(radio.value);
        choice.querySelector("[data-letter-note]").textContent = other !== -1 && other !== i ? " (in finding " + (other + 1) + ")" : "";
      });
      about(section, f, i);
      suggestion(section, f);
      return fragment;
    }

    function check(section, id) {
      var radio = section.querySelector("#" + id);
      if (radio) radio.checked = true;
    }

    /* What the card's heading says after "Finding N": its precondition and status, and when closed its first words. */
    function state(f, open) {
      var parts = [];
      if (f.letter) parts.push(name(f.letter));
      if (f.status) parts.push(statusLabel(f.status));
      var words = strip(f.text).split(/\s+/).slice(0, 8).join(" ");
      if (!open && words) parts.push("\u201c" + words + (strip(f.text).split(/\s+/).length > 8 ? "\u2026" : "") + "\u201d");
      return parts.length ? ": " + parts.join(", ") : "";
    }

    function count(section, f) {
      var limit = Number(section.querySelector("textarea").getAttribute("data-limit"));
      var left = limit - window.LibraryStudioRules.length(strip(f.text));
      var line = section.querySelector("[data-finding-count]");
      line.textContent = left >= 0 ? "You have " + window.LibraryStudioRules.count(left) + " characters left."
        : "You have " + window.LibraryStudioRules.count(-left) + " characters too many.";
    }

    /* The chosen precondition: what it is, then folded away, the questions that tell it from others and its signs. */
    function about(section, f, i) {
      var panel = section.querySelector("[data-finding-about]");
      panel.hidden = !f.letter;
      if (!f.letter) return;
      var p = byLetter[f.letter];
      panel.appendChild(el("p", {}, [el("strong", {}, [name(p.id)]), ": " + p.summary]));
      if (p.tell_apart.length) {
        var others = p.tell_apart.map(function (t) { return t.precondition; });
        var questions = folded(i, "tell", "Not sure? Compare it with " + others.join(", ").replace(/, ([^,]*)$/, " and $1"));
        p.tell_apart.forEach(function (t) {
          questions.appendChild(el("p", {}, [el("strong", {}, ["Or is it " + name(t.precondition) + "? "]), t.question]));
          var buttons = el("div", { "class": "library-studio__buttons" });
          [[t.here, p.id], [t.there, t.precondition]].forEach(function (pair) {
            buttons.appendChild(el("button", { "class": "md-button", type: "button", "data-letter": pair[1] }, [pair[0]]));
          });
          questions.appendChild(buttons);
        });
        panel.appendChild(questions);
      }
      var signs = folded(i, "signs", "Signs of " + p.id);
      signs.appendChild(el("p", {}, ["In place:"]));
      signs.appendChild(listOf(p.looks_like));
      signs.appendChild(el("p", {}, ["Missing:"]));
      signs.appendChild(listOf(p.signs_of_absence));
      panel.appendChild(signs);
      panel.appendChild(el("p", {}, [el("a", { href: ctx.pages.preconditions[p.id], target: "_blank", rel: "noopener" },
        [p.id + " in full (opens in a new tab)"])]));
    }

    function folded(i, kind, summary) {
      var details = el("details", { "data-folded": kind }, [el("summary", {}, [summary])]);
      var f = findings()[i];
      details.open = f.unfolded.indexOf(kind) !== -1;
      details.addEventListener("toggle", function () {
        var was = f.unfolded.indexOf(kind) !== -1;
        if (was === details.open) return;
        f.unfolded = details.open ? f.unfolded.concat([kind]) : f.unfolded.filter(function (k) { return k !== kind; });
        ctx.changed(false);
      });
      return details;
    }

    function listOf(items) {
      var list = el("ul");
      items.forEach(function (item) {
        var li = el("li");
        li.appendChild(dom.inline(item));
        list.appendChild(li);
      });
      return list;
    }

    /* After a second point was added to this finding: the status that fits both. */
    function suggestion(section, f) {
      var line = section.querySelector("[data-finding-suggestion]");
      line.hidden = !f.merged;
      if (!f.merged) return;
      var a = f.merged[0];
      var b = f.merged[1];
      var text;
      if (a && b && a === b) text = "This finding now holds two points, and both said " + statusLabel(a) + ": that still fits.";
      else if (a && b) text = "This finding now holds two points: one said " + statusLabel(a) + " and the other " + statusLabel(b) + ". Mixed fits both.";
      else text = "This finding now holds two points. If " + f.letter + " was in place in one and missing in the other, Mixed fits both.";
      line.appendChild(el("p", {}, [text]));
      if (f.status !== "mixed" && !(a && a === b)) {
        line.appendChild(el("button", { "class": "md-button", type: "button", "data-library-studio-suggested": "mixed" }, ["Choose Mixed"]));
      }
    }

    function undoOffer(undo) {
      var f = undo.finding;
      var what = "finding " + (undo.at + 1) + (f.letter ? " (" + name(f.letter) + ")" : "");
      var text = undo.kind === "merge" ? "The point of " + what + " was added to finding " + (undo.target + 1) + "." : "You removed " + what + ".";
      return el("p", { "class": "library-studio__undo" }, [el("span", { id: "studio-undo-text" }, [text + " "]),
        el("button", { "class": "md-button", type: "button", "data-library-studio-undo": "", "aria-describedby": "studio-undo-text" }, ["Undo"])]);
    }

    /* --- What the person does ----------------------------------------------------------------- */

    /* Open finding `i` (or none), closing the one open: the person has had the chance to answer all of it. */
    function open(i) {
      var draft = ctx.draft();
      if (draft.open !== null && draft.open !== i) {
        ["text", "letter", "status"].forEach(function (part) { markSeen("finding-" + (draft.open + 1) + "-" + part); });
      }
      draft.open = i;
    }

    function markSeen(id) {
      var seen = ctx.draft().seen;
      if (seen.indexOf(id) === -1) seen.push(id);
    }

    function add() {
      var draft = ctx.draft();
      draft.findings.push(drafts.finding());
      open(draft.findings.length - 1);
      draft.undo = null;
      if (draft.findings.length > 1) {  // said once, beside the first finding: it folds away for the next, and opens on request
        draft.help = false;
        ctx.root.querySelector("[data-library-studio-help]").open = false;
      }
      render("finding-" + draft.findings.length + "-text");
      ctx.changed(true);
    }

    function choose(i, letter, focusLetter) {
      var draft = ctx.draft();
      var f = draft.findings[i];
      var other = draft.findings.map(function (g) { return g.letter; }).indexOf(letter);
      if (other !== -1 && other !== i) return merge(i, other);
      f.letter = letter;
      var group = byLetter[letter].group;
      if (f.group !== "all" && f.group !== group) f.group = group;  // the letter chosen is always on screen
      render(focusLetter ? "finding-" + (i + 1) + "-letter-" + letter.toLowerCase() : null);
      ctx.changed(true);
    }

    /* This finding's point added to the one that already shows its precondition. */
    function merge(i, t) {
      var draft = ctx.draft();
      var f = draft.findings[i];
      var target = draft.findings[t];
      var after = t > i ? t - 1 : t;
      draft.undo = { kind: "merge", at: i, finding: copy(f), target: after, before: { text: target.text, status: target.status, merged: target.merged } };
      var points = [target.text.replace(/\s+$/, ""), f.text.replace(/^\s+/, "")].filter(function (t) { return strip(t); });
      target.text = points.join("\n\n");
      target.merged = [target.status, f.status];
      draft.findings.splice(i, 1);
      drafts.shiftSeen(draft, "finding", i, -1);
      draft.open = null;
      open(after);
      render();
      ctx.changed(true);
      var focus = box.querySelector("#finding-" + (after + 1) + "-status [data-library-studio-suggested]") ||
        box.querySelector("#finding-" + (after + 1) + "-title button");
      focus.focus();
    }

    function remove(i) {
      var draft = ctx.draft();
      draft.undo = { kind: "remove", at: i, finding: copy(draft.findings[i]) };
      draft.findings.splice(i, 1);
      drafts.shiftSeen(draft, "finding", i, -1);
      draft.open = draft.open === i ? null : draft.open !== null && draft.open > i ? draft.open - 1 : draft.open;
      render();
      ctx.changed(true);
      box.querySelector("[data-library-studio-undo]").focus();
    }

    function undo() {
      var draft = ctx.draft();
      var u = draft.undo;
      if (!u || (u.kind !== "remove" && u.kind !== "merge")) return;
      if (u.kind === "merge") {
        var target = draft.findings[u.target];
        target.text = u.before.text;
        target.status = u.before.status;
        target.merged = u.before.merged || null;
      }
      draft.findings.splice(u.at, 0, u.finding);
      drafts.shiftSeen(draft, "finding", u.at, 1);
      if (draft.open !== null && draft.open >= u.at) draft.open++;
      draft.undo = null;
      open(u.at);
      render("finding-" + (u.at + 1) + "-title");
      box.querySelector("#finding-" + (u.at + 1) + "-title button").focus();
      ctx.changed(true);
    }

    function toggle(i) {
      var draft = ctx.draft();
      open(draft.open === i ? null : i);
      render();
      box.querySelector("#finding-" + (i + 1) + "-title button").focus();
      ctx.changed(true);
    }

    function indexOf(node) {
      var section = node.closest("[data-finding]");
      return section ? Number(section.getAttribute("data-finding")) - 1 : -1;
    }

    box.addEventListener("input", function (event) {
      var i = indexOf(event.target);
      if (i === -1 || event.target.tagName !== "TEXTAREA") return;
      var f = findings()[i];
      f.text = event.target.value;
      var section = event.target.closest("[data-finding]");
      count(section, f);
      section.querySelector("[data-finding-state]").textContent = state(f, true);
      ctx.changed(false);
    });

    box.addEventListener("change", function (event) {
      var i = indexOf(event.target);
      if (i === -1 || event.target.type !== "radio") return;
      var f = findings()[i];
      var kind = event.target.name.replace(/^finding-\d+-/, "");
      if (kind === "letter") return choose(i, event.target.value, false);
      if (kind === "group") f.group = event.target.value;
      if (kind === "status") {
        f.status = event.target.value;
        f.merged = null;
      }
      render();
      ctx.changed(true);
    });

    box.addEventListener("focusout", function (event) {
      if (event.target.tagName === "TEXTAREA") ctx.seen(event.target.id);
    });

    box.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var i = indexOf(button);
      if (button.hasAttribute("data-library-studio-undo")) undo();
      else if (button.hasAttribute("data-library-studio-toggle")) toggle(i);
      else if (button.hasAttribute("data-library-studio-done")) toggle(i);
      else if (button.hasAttribute("data-library-studio-remove")) remove(i);
      else if (button.hasAttribute("data-letter")) choose(i, button.getAttribute("data-letter"), true);
      else if (button.hasAttribute("data-library-studio-suggested")) {
        findings()[i].status = button.getAttribute("data-library-studio-suggested");
        findings()[i].merged = null;
        render("finding-" + (i + 1) + "-status-" + findings()[i].status);
        ctx.changed(true);
      }
    });

    return { render: render, add: add };
  };
})();
