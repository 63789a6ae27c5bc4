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
})();
