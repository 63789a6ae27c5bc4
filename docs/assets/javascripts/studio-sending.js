/* The contribution studio's last step: the ways to send the case study. A link that opens the issue form with as
 * many answers filled in as fit in an address, the answers too long for it offered to copy, the choices GitHub
 * cannot fill in from a link, and the whole issue's text (studio-form-reader.js writes them).
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var dom = window.LibraryStudioDom;
  var el = dom.el;
  var clear = dom.clear;
  var labelOfStatus = window.LibraryStudioDraft.labelOfStatus;
  var LINK_LIMIT = 8000;  // characters: longer addresses are refused by some servers and proxies

  /* ctx: {root, repo: the repository's address, latest: the last check, draft: what is on screen, go(step)}. */
  window.LibraryStudioSending = function (ctx) {
    var root = ctx.root;

    function find(selector) {
      return root.querySelector(selector);
    }

    function sending() {
      var latest = ctx.latest();
      var ready = find("[data-library-studio-ready]");
      clear(ready);
      ready.classList.toggle("library-studio__summary--ready", !latest.problems.length);
      if (latest.problems.length) {
        var back = el("a", { href: "#step-check-and-preview-title" }, ["Check and preview"]);
        back.addEventListener("click", function (event) { event.preventDefault(); ctx.go(7); });
        ready.appendChild(el("p", {}, ["The checks found " + (latest.problems.length === 1 ? "1 thing" : latest.problems.length + " things") +
          " to change: see ", back, ". You can send it now and change them with the editor, but it cannot be published until they are fixed."]));
      }
      var choices = find("[data-library-studio-choices]");
      clear(choices);
      latest.values.evidence.forEach(function (entry) {
        choices.appendChild(el("li", {}, ["under " + data.form.labels["status-" + entry.precondition.toLowerCase()] + ", choose " + labelOfStatus[entry.status] + ";"]));
      });
      choices.appendChild(el("li", {}, ["under " + data.form.labels.licence + ", choose " + ctx.draft().answers.licence + ";"]));
      choices.appendChild(el("li", {}, ["under " + data.form.labels.consent + ", tick the three boxes, if they are true."]));
      var link = rules.issueLink(latest.answers, ctx.repo, LINK_LIMIT);
      find("[data-library-studio-issue-link]").setAttribute("href", link.url);
      var left = find("[data-library-studio-left]");
      var body = rules.issueBody(latest.answers);
      if (left.getAttribute("data-for") !== body) {  // drawn again only when the answers change, so feedback stays
        left.setAttribute("data-for", body);
        clear(left);
        if (link.left.length) {
          left.appendChild(el("p", {}, ["These answers are too long to fill in from a link. Copy each one into its box on the form:"]));
          link.left.forEach(function (key, i) {
            var id = "studio-left-" + i;
            var area = el("textarea", { "class": "library-field library-studio__text", id: id, rows: "3", readonly: true });
            area.value = rules.answerText(latest.answers, key);
            left.appendChild(el("div", { "class": "library-studio__question" }, [
              el("label", { "class": "library-studio__label", "for": id }, [data.form.labels[key]]), area,
              el("div", { "class": "library-studio__action" }, [
                el("button", { "class": "md-button", type: "button", "data-library-studio-copy": id }, ["Copy " + data.form.labels[key]]),
                el("p", { "class": "library-studio__feedback", role: "status" })])
            ]));
          });
        }
      }
      find("[data-library-studio-issue-body]").value = body;
    }

    function copy(button) {
      var area = document.getElementById(button.getAttribute("data-library-studio-copy"));
      var done = function () { dom.feedback(button, "Copied. Paste it where you need it."); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () { selectAndCopy(button, area, done); });
      } else {
        selectAndCopy(button, area, done);
      }
    }

    function selectAndCopy(button, area, done) {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) {
          done();
          button.focus();
          return;
        }
      } catch (e) { /* not allowed here */ }
      dom.feedback(button, "The text is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.");
    }

    root.addEventListener("click", function (event) {
      var copyTarget = event.target.closest("[data-library-studio-copy]");
      if (copyTarget) copy(copyTarget);
    });

    return { sending: sending };
  };
})();
