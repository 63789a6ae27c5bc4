/* The contribution studio's check and preview (step 7): what the checks find, each a link to the answer to change;
 * the case study as its page will show it, written with the site's own renderer (studio-text.js, through
 * studio-dom.js) and the page's own pieces (the templates of overrides/library/studio-form.md); and where on the
 * site it will appear. Drawn from the studio's latest check (studio.js).
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var dom = window.LibraryStudioDom;
  var el = dom.el;
  var clear = dom.clear;
  var labelOfStatus = window.LibraryStudioDraft.labelOfStatus;
  var byLetter = {};
  data.preconditions.forEach(function (p) { byLetter[p.id] = p; });

  /* ctx: {root, pages, latest: the last check (studio-problems.js's find), goTo(problem): show the answer to change}. */
  window.LibraryStudioPreview = function (ctx) {
    var root = ctx.root;
    var pages = ctx.pages;

    function find(selector) {
      return root.querySelector(selector);
    }

    function name(letter) {
      return letter + ". " + byLetter[letter].short_title;
    }

    function summary() {
      var latest = ctx.latest();
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
          ctx.goTo(p);
        });
        list.appendChild(el("li", {}, [link]));
      });
      box.appendChild(list);
    }

    function piece(pieceName) {
      return dom.template(root, pieceName);
    }

    function preview() {
      var latest = ctx.latest();
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
      var latest = ctx.latest();
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

    return { summary: summary, preview: preview, where: where };
  };
})();
