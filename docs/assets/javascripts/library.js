/* Small enhancements on every page; the site works without them. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base + "/", location.href);

  /* Arriving from a search result: highlight the words searched for (Pagefind's own highlighter). */
  var highlight = new URLSearchParams(location.search).get("highlight");
  if (highlight && location.protocol !== "file:") {
    import(new URL("pagefind/pagefind-highlight.js", siteRoot).href).then(function () {
      new window.PagefindHighlight({ highlightParam: "highlight", markContext: "article" });
    }).catch(function () { /* no index (offline build): nothing to highlight with */ });
  }

  /* Glossary terms can be reached with the keyboard, so the definition shows on focus as well as on
     hover. The build keeps each term's <abbr> on its first use outside headings and links
     (macros/html_compact.py); that one is made focusable. Terms inside links and headings are left
     alone: a focusable term inside a link would be a control inside a control. */
  var seen = {};
  var terms = document.querySelectorAll("abbr[title]");
  terms.forEach(function (abbr) {
    var term = abbr.getAttribute("title").trim().toLowerCase();
    if (!abbr.closest("article") || seen[term] || abbr.closest("a, h1, h2, h3, h4, h5, h6, summary, button, label")) return;
    seen[term] = true;
    abbr.tabIndex = 0;
  });

  /* Glossary tooltips, drawn as text. Material's own tooltips (content.tooltips) are off, because
     they put an element's title into the page as HTML: a definition, or any title, holding markup
     would run. Here the definition only ever becomes text (textContent). The tooltip shows on hover
     and focus, stays while the pointer moves onto it, and Escape hides it (WCAG 2.2, 1.4.13); while
     it shows, the term points at it (aria-describedby) instead of carrying a title of its own. */
  var tip = null;
  var host = null;
  var hideTimer = 0;
  function hideTip() {
    clearTimeout(hideTimer);
    if (!host) return;
    host.setAttribute("title", tip.textContent);
    host.removeAttribute("aria-describedby");
    tip.remove();
    host = tip = null;
  }
  function showTip(abbr) {
    clearTimeout(hideTimer);
    if (host === abbr) return;
    hideTip();
    host = abbr;
    tip = document.createElement("div");
    tip.className = "library-tooltip";
    tip.id = "library-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = abbr.getAttribute("title");
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", tip.id);
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", laterHideTip);
    document.body.appendChild(tip);
    var box = abbr.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(8, box.left + box.width / 2 - width / 2), document.documentElement.clientWidth - width - 8);
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function laterHideTip() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 300);
  }
  terms.forEach(function (abbr) {
    abbr.addEventListener("mouseenter", function () { showTip(abbr); });
    abbr.addEventListener("focus", function () { showTip(abbr); });
    abbr.addEventListener("mouseleave", laterHideTip);
    abbr.addEventListener("blur", hideTip);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });

  /* The header's search on a phone: library.css shows only its button, so the site's name has the room; the
     button opens the box across the header and moves focus into it, and Escape or leaving the box closes it
     again. Where the box shows anyway (a wider screen), the button searches, as it does without JavaScript. */
  var searchForm = document.querySelector(".library-search-form");
  if (searchForm) {
    var searchBox = searchForm.querySelector(".library-search-form__input");
    var searchButton = searchForm.querySelector(".library-search-form__button");
    var narrow = window.matchMedia("(max-width: 59.9375em)");  /* the breakpoint in library.css */
    var openSearch = function (open) {
      searchForm.classList.toggle("library-search-form--open", open);
      if (narrow.matches) searchButton.setAttribute("aria-expanded", String(open));
      else searchButton.removeAttribute("aria-expanded");
    };
    searchButton.setAttribute("aria-controls", searchBox.id);
    openSearch(false);
    narrow.addEventListener("change", function () { openSearch(false); });
    searchButton.addEventListener("click", function (event) {
      if (getComputedStyle(searchBox).display !== "none") return;  /* the box is showing: search */
      event.preventDefault();
      openSearch(true);
      searchBox.focus();
    });
    searchForm.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !searchForm.classList.contains("library-search-form--open")) return;
      openSearch(false);
      searchButton.focus();
    });
    searchForm.addEventListener("focusout", function (event) {
      if (!searchForm.contains(event.relatedTarget)) openSearch(false);
    });
  }

  /* Search suggestions: both search boxes name the <datalist> of names, aliases, places and themes
     (list="library-search-suggestions"). Only the search page carries it (docs/search.md); elsewhere the
     header's empty one (overrides/partials/header.html) is filled from there when a box is first used. */
  var suggestions = document.getElementById("library-search-suggestions");
  if (suggestions) {
    var from = suggestions.getAttribute("data-library-suggestions-from");
    var loading = null;
    var loadSuggestions = function () {
      if (!from || loading || suggestions.options.length) return;
      loading = fetch(new URL(from, location.href).href).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (html) {
        var list = new DOMParser().parseFromString(html, "text/html").getElementById("library-search-suggestions");
        if (!list) return;
        Array.prototype.forEach.call(list.querySelectorAll("option"), function (option) {
          suggestions.appendChild(document.importNode(option, true));
        });
      }).catch(function () { loading = null; /* offline or refused: the box still searches */ });
    };
    document.querySelectorAll("#library-search-q, #library-search-page-q").forEach(function (box) {
      box.addEventListener("focus", loadSuggestions);
      box.addEventListener("input", loadSuggestions);
    });
  }

  /* Cite this page: fill in today's date as the date accessed. */
  var accessed = document.querySelector("[data-library-accessed]");
  if (accessed) {
    accessed.textContent = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  /* Section links: the link beside each heading copies the section's full address, for slides and
     course notes, and says so; it still moves to the section as a plain link would. Its name says what
     it does and which section it is for ("¶" alone says neither); the mark shows, as Material shows it, when
     the heading is hovered or the link focused, and "Copy link" beside it (library.css). The anchors are
     unchanged. */
  var announcer = document.createElement("p");
  announcer.className = "library-visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);
  var canCopy = !!navigator.clipboard && location.protocol !== "file:";
  document.querySelectorAll("article .headerlink").forEach(function (link) {
    var heading = link.parentNode.cloneNode(true);
    heading.querySelectorAll(".headerlink").forEach(function (own) { own.remove(); });
    var name = heading.textContent.replace(/\s+/g, " ").trim();
    link.setAttribute("aria-label", (canCopy ? "Copy link to section: " : "Link to section: ") + name);
    if (!canCopy) return;  /* opened from disk, or no clipboard: a plain link, named as one */
    link.removeAttribute("title");  /* the visible text says it now */
    var mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = link.textContent;
    var label = document.createElement("span");
    label.className = "library-headerlink__label";
    label.textContent = "Copy link";
    link.textContent = "";
    link.appendChild(mark);
    link.appendChild(label);
    link.classList.add("library-headerlink");
    link.addEventListener("click", function () {
      var address = new URL(link.getAttribute("href"), location.href).href;
      navigator.clipboard.writeText(address).then(function () {
        announcer.textContent = "Link to this section copied: " + address;
        label.textContent = "Link copied";
        link.setAttribute("data-copied", "");
        setTimeout(function () {
          link.removeAttribute("data-copied");
          label.textContent = "Copy link";
          announcer.textContent = "";
        }, 2500);
      }, function () { /* the browser refused: the link still works */ });
    });
  });
})();
