/* Search page: Pagefind results as you type, with filters, kept in the URL.
 *
 * Nothing of Pagefind loads until someone focuses the search box, types, or arrives with a query;
 * then Pagefind loads only the index chunks a query needs and the first result's fragment before
 * showing it, so the first result appears quickly even with thousands of case studies. The filter
 * checkboxes come after the first results. Nothing is sent to any server: the index is static
 * files beside the site.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-library-search]");
  if (!form) return;

  var input = form.querySelector("input[name=q]");
  var filterBox = form.querySelector("[data-library-search-filter-box]");
  var filtersBox = filterBox.querySelector("[data-library-search-filters]");
  var status = document.querySelector("[data-library-search-status]");
  var list = document.querySelector("[data-library-search-results]");
  var moreButton = document.querySelector("[data-library-search-more]");
  var fallback = document.querySelector("[data-library-search-fallback]");
  /* The offline build searches with Material's own search, since Pagefind cannot load from file://. There
     the form sends its words to this page (no action: this page, whatever its address, search.html from
     disk), and Material's search opens with them (?q=); nothing here filters, so the filter box goes. */
  if (document.querySelector("[data-md-component=search]")) {
    filterBox.remove();
    fallback.hidden = true;
    input.value = new URLSearchParams(location.search).get("q") || "";
    return;
  }

  var PAGE_SIZE = 10;
  var FACETS = [["type", "Type"], ["precondition", "Precondition"], ["status", "Status"], ["place", "Place"], ["theme", "Theme"]];

  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base + "/", location.href);
  var pagefind = null;
  var results = [];
  var shown = 0;
  var generation = 0;

  function selected() {
    var out = {};
    filtersBox.querySelectorAll("input:checked").forEach(function (box) {
      (out[box.name] = out[box.name] || []).push(box.value);
    });
    return out;
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    var chosen = selected();
    Object.keys(chosen).forEach(function (name) {
      chosen[name].forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  /* Pagefind's excerpt is text with <mark> around matches: keep the marks, treat the rest as text. */
  function excerptNode(excerpt) {
    var p = document.createElement("p");
    p.className = "library-search__excerpt";
    excerpt.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = document.createTextNode(decode(part));
      if (inMark) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        p.appendChild(mark);
      } else {
        p.appendChild(text);
      }
      return inMark;
    }, false);
    return p;
  }

  function decode(text) {
    var area = document.createElement("textarea");
    area.innerHTML = text;  // a textarea's content is never parsed as markup
    return area.value;
  }

  function resultItem(data, query) {
    var li = document.createElement("li");
    li.className = "library-search__result";
    var heading = document.createElement("h2");
    var a = document.createElement("a");
    var url = new URL(data.url, location.href);  // Pagefind's URLs already start with baseUrl (the site's path)
    if (query) url.searchParams.set("highlight", query);
    a.href = url.href;
    a.textContent = decode((data.meta && data.meta.title) || data.url);
    heading.appendChild(a);
    li.appendChild(heading);
    if (data.filters && data.filters.type) {
      var kind = document.createElement("p");
      kind.className = "library-search__kind";
      kind.textContent = data.filters.type.join(", ");
      li.appendChild(kind);
    }
    li.appendChild(excerptNode(data.excerpt || ""));
    return li;
  }

  /* The next page of results. The first result is shown as soon as its own fragment arrives. */
  function showMore(query, mine) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    moreButton.parentNode.hidden = shown >= results.length;
    if (!batch.length) return Promise.resolve();
    return batch[0].data().then(function (first) {
      if (mine !== generation) return;
      if (!isBestBet(first)) list.appendChild(resultItem(first, query));
      return Promise.all(batch.slice(1).map(function (r) { return r.data(); })).then(function (rest) {
        if (mine !== generation) return;
        rest.forEach(function (d) { if (!isBestBet(d)) list.appendChild(resultItem(d, query)); });
      });
    });
  }

  /* Search once typing pauses. Not Pagefind's debouncedSearch: it preloads the index for every prefix
     typed ("h", "ho", "hou"...), which costs more bytes than the word itself needs. 150 ms is about a brisk
     typist's gap between keys, so a word typed at that pace is searched once (at 60 ms the benchmark's own
     typing sometimes paused long enough to fetch a prefix's chunk too), and leaves the first result well
     inside 300 ms of the last key. */
  function pause(mine) {
    return new Promise(function (resolve) {
      setTimeout(function () { resolve(mine === generation); }, 150);
    });
  }

  function run() {
    var mine = ++generation;
    var query = input.value.trim();
    var chosen = selected();
    var filters = {};
    Object.keys(chosen).forEach(function (name) { filters[name] = { any: chosen[name] }; });
    writeUrl();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      moreButton.parentNode.hidden = true;
      return Promise.resolve();
    }
    return pause(mine).then(function (current) {
      return current && pagefind.search(query || null, { filters: filters });
    }).then(function (search) {
      if (!search || mine !== generation) return;
      results = search.results;
      shown = 0;
      list.replaceChildren();
      bestBetPath = drawBestBet(query, filters);
      var n = Math.max(results.length, bestBetPath ? 1 : 0);
      var what = query ? " for \u201c" + query + "\u201d" : "";
      status.textContent = n === 0 ? "No results" + what + ". Try fewer or different words." : n + (n === 1 ? " result" : " results") + what + ".";
      return showMore(query, mine).then(function () { return mine === generation; });
    });
  }

  /* A best bet: a query that is a precondition's name or one of its aliases (the suggestions list says which)
     puts that precondition's page first, however many case studies use the same words. The page carries the
     result itself (a <template> from the data), so it is drawn with nothing more fetched; the address it
     returns keeps the same page from being drawn again among Pagefind's results. */
  var bestBets = document.querySelector("template[data-library-best-bets]");
  var bestBetPath = null;
  function drawBestBet(query, filters) {
    var wanted = query.toLowerCase();
    var option = Array.prototype.filter.call(document.querySelectorAll("#library-search-suggestions option[data-precondition]"),
      function (o) { return o.value.toLowerCase() === wanted; })[0];
    if (!option || !bestBets || Object.keys(filters).length) return null;
    var item = Array.prototype.filter.call(bestBets.content.children,
      function (li) { return li.getAttribute("data-precondition") === option.getAttribute("data-precondition"); })[0];
    if (!item) return null;
    item = document.importNode(item, true);
    var a = item.querySelector("a");
    var url = new URL(a.getAttribute("href"), location.href);
    var page = url.pathname;
    url.searchParams.set("highlight", query);
    a.href = url.href;
    list.appendChild(item);
    return page;
  }

  function isBestBet(data) {
    return bestBetPath !== null && new URL(data.url, location.href).pathname === bestBetPath;
  }

  function buildFilters(available, params) {
    FACETS.forEach(function (facet) {
      var name = facet[0];
      var values = available[name];
      if (!values || !Object.keys(values).length) return;
      var fieldset = document.createElement("fieldset");
      fieldset.className = "library-search__facet";
      var legend = document.createElement("legend");
      legend.textContent = facet[1];
      fieldset.appendChild(legend);
      Object.keys(values).sort().forEach(function (value) {
        var id = "library-filter-" + name + "-" + value.replace(/[^A-Za-z0-9]+/g, "-");
        var label = document.createElement("label");
        label.setAttribute("for", id);
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = id;
        box.checked = params.getAll(name).indexOf(value) !== -1;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " (" + values[value] + ")"));
        fieldset.appendChild(label);
      });
      filtersBox.appendChild(fieldset);
    });
    filterBox.hidden = !filtersBox.children.length;
    if (FACETS.some(function (facet) { return params.has(facet[0]); })) filterBox.open = true;  // a shared link shows its filters
  }

  function loadFilters(params) {
    return pagefind.filters().then(function (available) { buildFilters(available, params); });
  }

  /* Pagefind (its script, then its WebAssembly and metadata) loads only once someone shows they want to
     search: they focus the box or type in it, or they arrived with a query in the address. */
  var engine = null;
  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        pagefind = module;
        pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
        filterBox.hidden = false;  // closed, so the results never move when the filters arrive inside it
        return pagefind;
      });
      engine.catch(function () {
        fallback.hidden = false;
        fallback.querySelector("p").textContent =
          "Search is not available here (for example when the site is opened from a file). " +
          "Use the search box at the top of the page, or browse the index pages.";
      });
    }
    return engine;
  }

  /* The filter checkboxes need Pagefind's whole filter index: it loads once results are on screen, or
     first when the address names a filter (a shared link), or when someone opens "Filter the results".
     They sit closed under the box, so on a phone the results come straight after it. */
  var filtersLoaded = null;
  function search(params) {
    return loadEngine().then(function () {
      var filtered = FACETS.some(function (facet) { return params.has(facet[0]); });
      if (filtered && !filtersLoaded) filtersLoaded = loadFilters(params);
      return (filtered ? filtersLoaded : Promise.resolve()).then(run).then(function (drawn) {
        if (drawn && !filtersLoaded) filtersLoaded = loadFilters(params);
      });
    }).catch(function () { /* no Pagefind here: the fallback says so */ });
  }

  function start() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    fallback.hidden = true;  /* shown again if Pagefind cannot load */
    form.addEventListener("submit", function (event) { event.preventDefault(); search(params); });
    input.addEventListener("focus", function () {
      loadEngine().then(function () { return pagefind.init(); }).catch(function () { /* the fallback says so */ });
    });
    input.addEventListener("input", function () { search(params); });  /* run() waits for typing to pause */
    filtersBox.addEventListener("change", run);
    filterBox.addEventListener("toggle", function () {
      if (filterBox.open && !filtersLoaded) filtersLoaded = loadFilters(params);  // shown only once the engine is loaded
    });
    moreButton.addEventListener("click", function () { showMore(input.value.trim(), generation); });
    if (params.get("q") || FACETS.some(function (facet) { return params.has(facet[0]); })) search(params);
  }

  start();
})();
