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

  /* Glossary terms (each marked on its first use only, by the build) can be reached with the keyboard,
     so the definition (Material's tooltip) shows on focus as well as on hover. Terms inside links and
     headings are left alone: a focusable term inside a link would be a control inside a control. */
  var seen = {};
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    var term = abbr.textContent.trim().toLowerCase();
    if (seen[term] || abbr.closest("a, h1, h2, h3, h4, h5, h6, summary, button, label")) return;
    seen[term] = true;
    abbr.tabIndex = 0;
  });

  /* Cite this page: fill in today's date as the date accessed. */
  var accessed = document.querySelector("[data-library-accessed]");
  if (accessed) {
    accessed.textContent = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  /* Section links: the link beside each heading copies the section's full address, for slides and
     course notes, and says so; it still moves to the section as a plain link would. */
  var announcer = document.createElement("p");
  announcer.className = "library-visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);
  document.querySelectorAll("article .headerlink").forEach(function (link) {
    link.addEventListener("click", function () {
      var address = new URL(link.getAttribute("href"), location.href).href;
      if (!navigator.clipboard || location.protocol === "file:") return;
      navigator.clipboard.writeText(address).then(function () {
        announcer.textContent = "Link to this section copied: " + address;
        link.setAttribute("data-copied", "");
        setTimeout(function () { link.removeAttribute("data-copied"); announcer.textContent = ""; }, 2500);
      }, function () { /* the browser refused: the link still works */ });
    });
  });
})();
