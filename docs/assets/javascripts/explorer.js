/* Case study explorer: filter the server-rendered list by precondition, status, place and theme.
 *
 * Without JavaScript the page shows every case study. The filters combine (all must match);
 * precondition and status together mean "an evidence entry for that precondition with that
 * status". The query string holds the filters, so a trainer can link to a filtered view.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-library-explorer]");
  if (!form) return;
  var list = document.querySelector("[data-library-explorer-list]");
  var count = document.querySelector("[data-library-explorer-count]");
  var items = Array.prototype.slice.call(list.children);
  var FIELDS = ["precondition", "status", "place", "theme"];

  function values() {
    var out = {};
    FIELDS.forEach(function (name) { out[name] = form.elements[name].value; });
    return out;
  }

  function matches(item, v) {
    if (v.place && item.dataset.place !== v.place) return false;
    if (v.theme && item.dataset.themes.split("|").indexOf(v.theme) === -1) return false;
    if (!v.precondition && !v.status) return true;
    return item.dataset.evidence.split(" ").some(function (pair) {
      var parts = pair.split(":");
      return (!v.precondition || parts[0] === v.precondition) && (!v.status || parts[1] === v.status);
    });
  }

  /* With a precondition chosen, each title links straight to that finding: the one with the chosen
     status too, when a status is chosen (a case study can have two findings for one precondition). */
  function pointLinks(item, v) {
    var title = item.querySelector(".library-explorer__title a");
    var base = title.getAttribute("data-href");
    var finding = v.precondition && item.querySelector(
      '[data-precondition="' + v.precondition + '"] a' + (v.status ? ".library-status--" + v.status : ""));
    title.setAttribute("href", finding ? finding.getAttribute("href") : base);
  }

  function apply() {
    var v = values();
    var shown = 0;
    items.forEach(function (item) {
      var keep = matches(item, v);
      item.hidden = !keep;
      if (keep) { shown += 1; pointLinks(item, v); }
    });
    count.textContent = shown === 0
      ? "No case studies match these filters. Try removing one."
      : shown + (shown === 1 ? " case study" : " case studies") + (shown === items.length ? "." : " of " + items.length + " match.");
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (v[name]) params.set(name, v[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var wanted = params.get(name) || "";
      var select = form.elements[name];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  readUrl();
  apply();
})();
