/* Case study explorer: filter every case study by precondition, status, place and theme.
 *
 * The page's HTML lists the first case studies, A to Z (all that shows without JavaScript, with a link
 * to every case study page by page). Filters load only the small files they need from the explorer's
 * data folder (macros/explorer_data.py): for each chosen value, which case studies have it; then the
 * records of the case studies on screen. The files are scripts that call libraryShard(name, data), so
 * they load from file:// too. The filters combine (all must match); precondition and status together
 * mean "a finding on that precondition with that status". The query string holds the filters, so a
 * trainer can link to a filtered view. Case studies are drawn with DOM methods and textContent only:
 * their text is data, never markup.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-library-explorer]");
  if (!form) return;
  var list = document.querySelector("[data-library-explorer-list]");
  var count = document.querySelector("[data-library-explorer-count]");
  var moreButton = document.querySelector("[data-library-explorer-more]");
  var folder = new URL(form.getAttribute("data-library-explorer-data"), location.href).href;
  var caseHref = form.getAttribute("data-library-explorer-case");
  var total = Number(form.getAttribute("data-library-explorer-total"));
  var perFile = Number(form.getAttribute("data-library-explorer-per-file"));
  var FIELDS = ["precondition", "status", "place", "theme"];
  var LETTERS = "ABCDEFGHI".split("");
  var STATUSES = ["present", "absent", "mixed", "emerging"];
  var ICONS = { present: "\u25cf", emerging: "\u25d4", mixed: "\u25d1", absent: "\u25cb" };
  var PAGE = list.children.length || 20;  /* as many at a time as the first screen shows */

  var matches = null;  /* positions of the matching case studies, in order; null: every case study */
  var shown = list.children.length;
  var generation = 0;

  /* --- Loading the data files ----------------------------------------------------------------- */

  var loaded = {};
  var waiting = {};
  window.libraryShard = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        waiting[name] = function (data) { delete waiting[name]; resolve(data); };
        script.onload = function () {
          script.remove();
          if (waiting[name]) { delete waiting[name]; reject(new Error(name + " held no data")); }
        };
        script.onerror = function () {
          script.remove();
          delete waiting[name];
          reject(new Error(name + " could not be loaded"));
        };
        script.src = folder + name + ".js";
        document.head.appendChild(script);
      });
      loaded[name].catch(function () { delete loaded[name]; });  /* a later try may work */
    }
    return loaded[name];
  }

  /* The files list positions as gaps between them ([3, 1, 6] is 3, 4, 10). */
  function positions(gaps) {
    var out = [];
    var at = 0;
    gaps.forEach(function (gap) { at += gap; out.push(at); });
    return out;
  }

  function union(lists) {
    var seen = {};
    lists.forEach(function (l) { l.forEach(function (n) { seen[n] = true; }); });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i += 1; j += 1; } else if (a[i] < b[j]) i += 1; else j += 1;
    }
    return out;
  }

  /* The position of the chosen option among the values (after "Any ..."): the number of its file. */
  function optionNumber(name) {
    return form.elements[name].selectedIndex - 1;
  }

  function matching(v) {
    var wanted = [];
    if (v.precondition || v.status) {
      var names = [];
      (v.precondition ? [v.precondition] : LETTERS).forEach(function (letter) {
        (v.status ? [v.status] : STATUSES).forEach(function (status) { names.push("e-" + letter + "-" + status); });
      });
      wanted.push(Promise.all(names.map(load)).then(function (all) { return union(all.map(positions)); }));
    }
    if (v.place) wanted.push(load("p-" + optionNumber("place")).then(positions));
    if (v.theme) wanted.push(load("t-" + optionNumber("theme")).then(positions));
    if (!wanted.length) return Promise.resolve(null);
    return Promise.all(wanted).then(function (all) { return all.reduce(intersect); });
  }

  function records(numbers) {
    var files = {};
    numbers.forEach(function (n) { files[Math.floor(n / perFile)] = true; });
    var names = Object.keys(files);
    return Promise.all(names.map(function (k) { return load("records-" + k); })).then(function (data) {
      var byFile = {};
      names.forEach(function (k, i) { byFile[k] = data[i]; });
      return numbers.map(function (n) { return byFile[Math.floor(n / perFile)][n % perFile]; });
    });
  }

  /* --- Drawing ---------------------------------------------------------------------------------- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function item(record, v) {
    var id = record[0], title = record[1], place = record[2], period = record[3], themes = record[4];
    var evidence = record[5], maturity = record[6], summary = record[7];
    var page = caseHref.replace("__id__", id);
    var li = element("li", "library-explorer__item");
    var heading = element("h2", "library-explorer__title");
    var link = element("a", null, title);
    /* With a precondition chosen, the title leads straight to that finding (with the chosen status, if any). */
    var finding = v.precondition && evidence.filter(function (e) {
      return e[0] === v.precondition && (!v.status || e[1] === v.status);
    })[0];
    link.href = finding ? page + "#" + finding[2] : page;
    heading.appendChild(link);
    if (maturity === "draft") {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("span", "library-maturity library-maturity--draft", "Draft"));
    }
    li.appendChild(heading);
    li.appendChild(element("p", "library-explorer__meta", [place, period, themes.join(", ")].join(" \u00b7 ")));
    li.appendChild(element("p", "library-explorer__summary", summary));
    var findings = element("ul", "library-explorer__evidence");
    evidence.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }).forEach(function (e) {
      var a = element("a", "library-status--" + e[1], e[0] + " ");
      a.href = page + "#" + e[2];
      a.appendChild(element("span", null, ICONS[e[1]])).setAttribute("aria-hidden", "true");
      a.appendChild(document.createTextNode("\u00a0" + e[1]));
      if (e[3] === "editorial") {  /* our reading, not the source's: said wherever the finding shows */
        a.appendChild(document.createTextNode(" "));
        a.appendChild(element("span", "library-basis library-basis--editorial", "Our reading"));
      }
      findings.appendChild(element("li")).appendChild(a);
    });
    li.appendChild(findings);
    return li;
  }

  function plural(n) {
    return n.toLocaleString("en-GB") + (n === 1 ? " case study" : " case studies");
  }

  function say(v) {
    var n = matches ? matches.length : total;
    var filtered = FIELDS.some(function (name) { return v[name]; });
    if (filtered && n === 0) {
      count.textContent = "No case studies match these filters. Try removing one.";
    } else {
      var text = filtered ? plural(n) + (n === 1 ? " matches" : " match") : plural(n);
      count.textContent = text + (shown < n ? ", the first " + shown.toLocaleString("en-GB") + " shown." : ".");
    }
    moreButton.parentNode.hidden = shown >= n;
  }

  /* Add the next PAGE case studies of the current matches to the list. */
  function showMore(v, mine) {
    var n = matches ? matches.length : total;
    var next = [];
    for (var i = shown; i < Math.min(n, shown + PAGE); i += 1) next.push(matches ? matches[i] : i);
    return records(next).then(function (found) {
      if (mine !== generation) return;
      found.forEach(function (record) { list.appendChild(item(record, v)); });
      shown += found.length;
      say(v);
    });
  }

  /* --- Filters and the address ---------------------------------------------------------------- */

  function values() {
    var out = {};
    FIELDS.forEach(function (name) { out[name] = form.elements[name].value; });
    return out;
  }

  function writeUrl(v) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (v[name]) params.set(name, v[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function failed() {
    count.textContent = "The case studies could not be loaded. Reload the page to try again, or browse them page by page below.";
  }

  /* The list is marked busy while it changes, so assistive technology (and the tests) wait for it. Only the
     latest change clears it: an earlier one finishing must not say the list is ready while a later one loads. */
  function busy(work, mine) {
    list.setAttribute("aria-busy", "true");
    return work.catch(function () { if (mine === generation) failed(); }).then(function () {
      if (mine === generation) list.removeAttribute("aria-busy");
    });
  }

  function apply() {
    var mine = ++generation;
    var v = values();
    writeUrl(v);
    count.textContent = "Finding case studies\u2026";
    return busy(matching(v).then(function (found) {
      if (mine !== generation) return;
      matches = found;
      shown = 0;
      list.replaceChildren();
      return showMore(v, mine);
    }), mine);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    var any = false;
    FIELDS.forEach(function (name) {
      var wanted = params.get(name) || "";
      var select = form.elements[name];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
      any = any || Boolean(select.value);
    });
    return any;
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  moreButton.addEventListener("click", function () {
    var before = list.children.length;
    var mine = generation;
    busy(showMore(values(), mine).then(function () {
      var first = list.children[before];  /* keyboard and screen reader users continue from the first new one */
      if (first) first.querySelector("a").focus();
    }), mine);
  });
  if (readUrl()) {
    apply();
  } else {
    say(values());  /* the first screen is in the page already */
  }
})();
