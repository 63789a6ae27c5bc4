/* The form's answers read as `from-issue` reads the issue (form_reader.read), in the browser for the contribution
 * studio: the case study they make and every problem with the form itself; the Sources answer written with labels
 * (source_answer.py); and the issue the studio writes of them, as text and as a link that fills in the form.
 *
 * Nothing here is a rule of its own: the form's labels, options, messages and patterns come from the build
 * (window.LIBRARY_STUDIO.form and .sources, from macros/issue_form.py, form_reader.py and source_answer.py), and
 * the twins' corpus holds this script's reading of its answers to from-issue's reading of the issue it writes
 * (tests/twins/corpus/form-reader.json, form-parts.json, sources.json).
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var python = window.LibraryPython;
  var rules = window.LibraryStudioRules = window.LibraryStudioRules || {};
  var strip = window.LibraryText.strip;
  var form = data.form;

  var BULLET = python.regex(form.patterns.BULLET, "y");
  var PRECONDITION_LABEL = python.regex(form.patterns.PRECONDITION_LABEL);
  var themes = form.themes;
  var THEME_SEPARATOR = python.regex(themes.separator);
  var THEME_JOINER = python.regex(themes.joiner, "g");
  var HEADING = python.regex(form.patterns.HEADING);
  var URL = python.regex(form.patterns.URL);
  var YEAR = python.regex(form.patterns.YEAR);
  var LABELS = {};
  Object.keys(form.labels).forEach(function (key) { LABELS[form.labels[key]] = key; });

  /* The text GitHub writes under a question's heading, as the studio holds the answer (issue_form.answer_text). */
  function answerText(answers, key) {
    var raw = answers[key];
    if (key === "consent") {
      return form.consent.map(function (statement, i) {
        return "- [" + (raw && raw[i] ? "X" : " ") + "] " + statement;
      }).join("\n");
    }
    if (key === "licence") return raw || Object.keys(form.licence_options)[0];
    if (key.indexOf("status-") === 0) return raw || form.not_shown;
    return typeof raw === "string" ? raw.replace(/\r\n?/g, "\n") : "";
  }

  /* The answer as from-issue reads it back from the issue: trimmed, and '' for no response. */
  function answer(answers, key) {
    var value = strip(answerText(answers, key));
    return value === form.no_response ? "" : value;
  }

  function isBullet(line) {
    return python.matchAt(BULLET, line, 0);
  }

  function unbullet(line) {
    var bullet = isBullet(line);
    return bullet ? line.slice(bullet[0].length) : line;
  }

  /* form_reader.items: one item per line, or bulleted items that may wrap onto further lines. */
  function items(value) {
    var lines = value.split("\n").map(python.rstrip);
    var bulleted = lines.some(function (line) { return strip(line) && isBullet(line); });
    var out = [];
    lines.forEach(function (line) {
      if (!strip(line)) return;
      if (!bulleted) out.push(strip(line));
      else if (isBullet(line) || !out.length) out.push(strip(unbullet(line)));
      else out[out.length - 1] += " " + strip(line);
    });
    return out.filter(function (item) { return item; });
  }

  /* form_reader.paragraphs: each line its own paragraph, except the lines of a bulleted list. */
  function paragraphs(value) {
    var out = [];
    value.split("\n").map(python.rstrip).forEach(function (line) {
      if (!strip(line)) return;
      var last = out.length ? out[out.length - 1] : null;
      if (last !== null && isBullet(line) && isBullet(last.slice(last.lastIndexOf("\n") + 1))) out[out.length - 1] += "\n" + line;
      else out.push(line);
    });
    return out.join("\n\n");
  }

  /* form_reader.source: 'Evaluation of Ignite, Grapevine (2016) https://example.org/x.pdf' -> title, year and url. */
  function source(item) {
    var entry = {};
    var url = URL.exec(item);
    if (url) {
      entry.url = url[0];
      item = strip(item.slice(0, url.index) + item.slice(url.index + url[0].length));
    }
    var year = YEAR.exec(item);
    if (year) {
      entry.year = parseInt(year[1] || year[2], 10);
      item = strip(item.slice(0, year.index) + item.slice(year.index + year[0].length));
    }
    var title = strip(python.stripChars(item, form.source_trim));
    var out = { title: title || entry.url || "" };
    if (entry.url !== undefined) out.url = entry.url;
    if (entry.year !== undefined) out.year = entry.year;
    return out;
  }

  /* scaffold.split_themes: 'Housing, Young People' -> ['housing', 'young people']. */
  function splitThemes(value) {
    var out = [];
    value.split(THEME_SEPARATOR).forEach(function (raw) {
      var theme = raw.replace(/&/g, themes.ampersand).replace(THEME_JOINER, " ").toLowerCase();
      theme = python.stripChars(python.collapse(theme), themes.trim);
      if (theme && out.indexOf(theme) === -1) out.push(theme);
    });
    return out;
  }

  /* --- The Sources answer written with labels (source_answer.py) ----------------------------- */

  var S = data.sources;
  var LABELLED = python.regex(S.patterns.LABELLED, "y");
  var SOURCE_YEAR = python.regex(S.patterns.YEAR);
  var PAGE_NUMBER = python.regex(S.patterns.PAGE_NUMBER);
  var PAGE_RANGE = python.regex(S.patterns.PAGE_RANGE);
  var PAGES_PREFIX = python.regex(S.patterns.PAGES_PREFIX);
  var FIELD_OF = {};
  S.labels.forEach(function (pair) { FIELD_OF[pair[1].toLowerCase()] = pair[0]; });

  function isLabelled(text) {
    return text.split("\n").some(function (line) { return python.matchAt(LABELLED, line, 0); });
  }

  /* {sources, problems: [{line, kind, values, source}]}: the answer's sources, each field as the schema holds it. */
  function readSources(text) {
    var found = [];
    var problems = [];
    text.split("\n").forEach(function (line, index) {
      if (!strip(line)) return;
      var match = python.matchAt(LABELLED, line, 0);
      if (!match) {
        problems.push({ line: index, kind: "source_line", values: { line: python.repr(strip(line)) }, source: found.length - 1 });
        return;
      }
      var name = FIELD_OF[match[1].toLowerCase()];
      if (!found.length || name in found[found.length - 1].written) found.push({ first: index, written: {} });
      found[found.length - 1].written[name] = strip(match[2]);
    });
    var sources = found.map(function (entry, number) {
      var out = {};
      S.labels.forEach(function (pair) {
        var name = pair[0];
        var value = entry.written[name] || "";
        if (!value) return;
        if (name === "year") {
          if (SOURCE_YEAR.test(value)) out.year = parseInt(value, 10);
          else problems.push({ line: entry.first, kind: "source_year", values: { value: python.repr(value) }, source: number });
        } else if (name === "pages") {
          var pages = pageList(value);
          if (pages === null) problems.push({ line: entry.first, kind: "source_pages", values: { value: python.repr(value) }, source: number });
          else out.pages = pages;
        } else {
          out[name] = value;
        }
      });
      return out;
    });
    problems.sort(function (a, b) { return a.line - b.line; });  // stable, as Python's sorted()
    return { sources: sources, problems: problems };
  }

  /* '4-19, 23' -> [4, ..., 19, 23], or null (source_answer.page_list). */
  function pageList(value) {
    var pages = [];
    var parts = strip(value).replace(PAGES_PREFIX, "").split(",");
    for (var i = 0; i < parts.length; i++) {
      var part = strip(parts[i]);
      var span = PAGE_RANGE.exec(part);
      if (PAGE_NUMBER.test(part)) {
        pages.push(parseInt(part, 10));
      } else if (span && parseInt(span[1], 10) <= parseInt(span[2], 10)) {
        var first = parseInt(span[1], 10);
        var last = parseInt(span[2], 10);
        if (last <= S.page_maximum) for (var page = first; page <= last; page++) pages.push(page);
        else pages.push(first, last);
      } else {
        return null;
      }
    }
    return pages;
  }

  /* The answer for sources as the studio holds them (source_answer.write). */
  function sourcesText(sources) {
    var blocks = [];
    sources.forEach(function (source) {
      var lines = [];
      S.labels.forEach(function (pair) {
        var value = strip(String(source[pair[0]] || ""));
        if (value) lines.push(pair[1] + ": " + python.collapse(value));
      });
      if (lines.length) blocks.push(lines.join("\n"));
    });
    return blocks.join("\n\n");
  }

  /* pages.page_numbers: 'p. 21', 'pp. 21–22' or 'pp. 10, 14, 17'. */
  function pageNumbers(pages) {
    var sorted = pages.slice().sort(function (a, b) { return a - b; });
    if (!sorted.length) return "";
    if (sorted.length === 1) return "p. " + sorted[0];
    var run = sorted.every(function (page, i) { return page === sorted[0] + i; });
    return run ? "pp. " + sorted[0] + "\u2013" + sorted[sorted.length - 1] : "pp. " + sorted.join(", ");
  }

  /* The case study the answers describe, and what from-issue would say about the form itself (form_reader.read). */
  function read(answers) {
    var values = {};
    var letters = [];
    var problems = [];

    /* As the validator's: the form's own wording (message), and what it is, with its values, for the studio's. */
    function problem(key, kind, values, extra) {
      var message = kind === "empty" ? form.empty[key] : python.fill(form.messages[kind], values);
      problems.push(Object.assign({ key: key, field: form.labels[key], message: python.oneLine(message), kind: kind, values: values }, extra));
    }

    form.required.forEach(function (key) {
      if (!answer(answers, key)) problem(key, "empty", {});
    });
    form.text_fields.forEach(function (key) {
      var value = answer(answers, key);
      if (value) values[key] = key === "context" ? paragraphs(value) : python.collapse(value);
    });
    if (answer(answers, "themes")) values.themes = splitThemes(answer(answers, "themes"));
    form.list_fields.forEach(function (key) {
      if (answer(answers, key)) values[key] = items(answer(answers, key));
    });
    var sourcesAnswer = answer(answers, "sources");
    if (sourcesAnswer && isLabelled(sourcesAnswer)) {
      var found = readSources(sourcesAnswer);
      values.sources = found.sources;
      found.problems.forEach(function (p) { problem("sources", p.kind, p.values, { source: p.source }); });
    } else if (sourcesAnswer) {  // written one a line, as the form asked before it asked for labels
      values.sources = items(sourcesAnswer).map(source);
    }
    if (answer(answers, "contributor")) values.contributors = [python.collapse(answer(answers, "contributor"))];
    var licence = answer(answers, "licence");
    if (licence && form.licence_options[licence]) values.licence = form.licence_options[licence];
    form.consent.forEach(function (statement, i) {
      if (!(answers.consent && answers.consent[i])) {
        problem("consent", "unticked", { statement: statement, start: statement.split(":")[0] });
      }
    });
    var evidence = [];
    data.letters.forEach(function (letter) {
      var statusKey = "status-" + letter.toLowerCase();
      var findingKey = "finding-" + letter.toLowerCase();
      var chosen = answer(answers, statusKey) || form.not_shown;
      var status = form.status_options[chosen];
      var finding = answer(answers, findingKey);
      if (status && !finding) {
        problem(findingKey, "finding_empty", { status_label: form.labels[statusKey], chosen: python.repr(chosen), example: form.finding_example });
      } else if (finding && !status) {
        problem(statusKey, "status_missing", { not_shown: python.repr(form.not_shown), finding_label: form.labels[findingKey], letter: letter });
      } else if (status) {
        evidence.push({ precondition: letter, status: status, basis: form.evidence_basis, finding: paragraphs(finding) });
        letters.push(letter);
      }
    });
    if (!evidence.length && !problems.some(function (p) { return PRECONDITION_LABEL.test(p.field); })) {
      problems.push({ key: "status-a", field: form.no_evidence_field, message: form.messages.no_evidence, kind: "no_evidence", values: {} });
    }
    values.evidence = evidence;
    values.licence = values.licence || form.default_licence;
    values.maturity = form.maturity;
    return { values: values, letters: letters, problems: problems };
  }

  /* Lines in an answer that the issue would read as the start of another question. */
  function headingProblems(answers) {
    var out = [];
    form.order.forEach(function (key) {
      answerText(answers, key).split("\n").forEach(function (line) {
        var heading = HEADING.exec(line);
        if (heading && LABELS[heading[1]] !== undefined) out.push({ key: key, line: line });
      });
    });
    return out;
  }

  /* --- The issue ---------------------------------------------------------------------------- */

  /* The issue's text as GitHub writes a submitted form: each question a heading, then its answer (issue_form.issue_body). */
  function issueBody(answers) {
    return form.order.map(function (key) {
      var value = answerText(answers, key);
      if (!strip(value)) value = form.no_response;
      return "### " + form.labels[key] + "\n\n" + value;
    }).join("\n\n") + "\n";
  }

  /* A link to the form with as many answers filled in as fit in `limit` characters, in the form's order.
     Returns {url, left: [keys of the text answers that did not fit]}. GitHub fills in text boxes from a
     link, but not drop-down lists or tick boxes: those the person chooses on the form. */
  function issueLink(answers, base, limit) {
    var url = base + "/issues/new?template=" + encodeURIComponent(form.template);
    var title = python.collapse(answer(answers, "title"));
    if (title) url += "&title=" + encodeURIComponent(form.issue_title + title);
    var left = [];
    form.order.forEach(function (key) {
      if (key === "consent" || key === "licence" || key.indexOf("status-") === 0) return;
      var value = answerText(answers, key);
      if (!strip(value)) return;
      var part = "&" + encodeURIComponent(form.ids[key]) + "=" + encodeURIComponent(value);
      if (url.length + part.length <= limit) url += part;
      else left.push(key);
    });
    return { url: url, left: left };
  }

  Object.assign(rules, {
    read: read, headingProblems: headingProblems, issueBody: issueBody, issueLink: issueLink, answerText: answerText, answer: answer,
    items: items, paragraphs: paragraphs, source: source, splitThemes: splitThemes, isLabelled: isLabelled, readSources: readSources,
    pageList: pageList, sourcesText: sourcesText, pageNumbers: pageNumbers
  });
})();
