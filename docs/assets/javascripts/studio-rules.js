/* What the library's checks would say about a case study, worked out in the browser for the
 * contribution studio: from-issue's reading of the form (macros/issue_form.py), the validator
 * (macros/validate.py, personal_data.py and the checks across records in library.py), and the file
 * from-issue would write.
 *
 * Nothing here is a rule of its own. The fields, help, examples, limits, patterns and message
 * templates come from the build (window.LIBRARY_STUDIO, written by macros/studio.py from the schema),
 * and tests run this script and the Python on the same inputs and compare what they say. What is
 * written here is how Python treats text (its strip, split and repr, counted in code points), so that
 * the two fill the templates in exactly alike. Every check takes time in step with the text's length.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var strip = window.LibraryText.strip;
  var isSpace = window.LibraryText.isSpace;
  var form = data.form;
  var messages = data.messages;

  function regex(pattern, extra) {
    return new RegExp(pattern.source, pattern.flags + (extra || ""));
  }

  /* A match starting exactly at `index` (Python's pattern.match(text, index)); `sticky` has the y flag. */
  function matchAt(sticky, value, index) {
    sticky.lastIndex = index || 0;
    return sticky.exec(value);
  }

  function each(global, value, visit) {
    global.lastIndex = 0;
    var match;
    while ((match = global.exec(value)) !== null) {
      if (!match[0]) global.lastIndex++;
      visit(match);
    }
  }

  /* --- Python's ways with text ------------------------------------------------------------ */

  var WHITE = new RegExp("[" + data.space + "]+", "u");
  var LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
  var DIGIT = /^\p{Nd}$/u;

  /* str.split() */
  function split(value) {
    return value.split(WHITE).filter(function (part) { return part !== ""; });
  }

  function collapse(value) {
    return split(value).join(" ");
  }

  /* str.strip(chars) */
  function stripChars(value, chars) {
    var start = 0;
    var end = value.length;
    while (start < end && chars.indexOf(value.charAt(start)) !== -1) start++;
    while (end > start && chars.indexOf(value.charAt(end - 1)) !== -1) end--;
    return value.slice(start, end);
  }

  /* len(): Python counts characters, JavaScript UTF-16 units. */
  function length(value) {
    var n = 0;
    for (var i = 0; i < value.length; i++) {
      var code = value.charCodeAt(i);
      if (code < 0xd800 || code > 0xdbff || i + 1 === value.length) { n++; continue; }
      var next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      n++;
    }
    return n;
  }

  /* problems.one_line: the lines of a message joined into one. */
  function oneLine(value) {
    var parts = value.split(LINE_BREAK);
    return parts.map(strip).filter(function (part) { return part; }).join(" ");
  }

  /* yamlfile.shorten */
  function shorten(value, limit) {
    limit = limit || 40;
    value = collapse(value);
    if (length(value) <= limit) return value;
    return Array.from(value).slice(0, limit - 1).join("") + "\u2026";
  }

  function hex(code, width) {
    var text = code.toString(16);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /* repr() of a str, as the messages quote values. */
  function repr(value) {
    var quote = value.indexOf("'") !== -1 && value.indexOf('"') === -1 ? '"' : "'";
    var out = quote;
    for (var c of value) {
      var code = c.codePointAt(0);
      if (c === quote || c === "\\") out += "\\" + c;
      else if (c === "\t") out += "\\t";
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
      else if (code < 0x7f || !NOT_PRINTABLE.test(c)) out += c;
      else out += code <= 0xff ? "\\x" + hex(code, 2) : code <= 0xffff ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
    }
    return out + quote;
  }

  /* f"{n:,}" (a loop, not /\B(?=(\d{3})+$)/, whose look-ahead reads the rest of the digits from each of them) */
  function count(n) {
    var digits = String(Math.abs(n));
    var out = digits.slice(0, digits.length % 3 || 3);
    for (var i = out.length; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
    return (n < 0 ? "-" : "") + out;
  }

  /* str.format(**values) on one of the build's templates. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
  }

  /* The value of a decimal digit in any script (int() of it): digits come in runs of ten, zero first. */
  function digitValue(c) {
    var code = c.codePointAt(0);
    if (code >= 48 && code <= 57) return code - 48;
    var start = code;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return (code - start) % 10;
  }

  /* --- Personal data (personal_data.py) -------------------------------------------------- */

  var personal = data.personal_data;
  var EMAIL_LOCAL = regex(personal.email_local, "y");
  var EMAIL_DOMAIN = regex(personal.email_domain, "y");
  var NHS = regex(personal.nhs, "g");
  var DETAILS = personal.patterns.map(function (p) { return { kind: p.kind, pattern: regex(p.pattern, "g") }; });

  /* Each e-mail address, found from its '@' outwards: the local part on the reversed text, as Python does. */
  function emails(value) {
    var out = [];
    var backwards = null;
    for (var at = value.indexOf("@"); at !== -1; at = value.indexOf("@", at + 1)) {
      if (backwards === null) backwards = Array.from(value).reverse().join("");
      var local = matchAt(EMAIL_LOCAL, backwards, value.length - at);
      var domain = matchAt(EMAIL_DOMAIN, value, at + 1);
      if (local && domain) out.push(value.slice(at - local[0].length, domain.index + domain[0].length));
    }
    return out;
  }

  function isNhsNumber(digits) {
    var total = 0;
    for (var i = 0; i < 9; i++) total += digits[i] * (10 - i);
    var check = 11 - total % 11;
    if (check === 11) check = 0;
    return check !== 10 && check === digits[9];
  }

  /* [kind, match] for each piece of personal data in the text (personal_data.find). */
  function personalData(value) {
    var found = emails(value).map(function (address) { return ["an e-mail address", address]; });
    DETAILS.forEach(function (detail) {
      each(detail.pattern, value, function (match) { found.push([detail.kind, match[0]]); });
    });
    each(NHS, value, function (match) {
      if (isNhsNumber(Array.from(match[1] + match[2] + match[3]).map(digitValue))) found.push(["an NHS number", match[0]]);
    });
    return found;
  }

  /* --- Links and Markdown the library does not read (validate._link_problems) ------------ */

  var LINKS = {};
  Object.keys(data.links).forEach(function (name) { LINKS[name] = regex(data.links[name]); });
  var ALL_LINKS = regex(data.links.LINK, "g");

  /* {kind, values} of each link or piece of Markdown the library will not show (the messages' templates and their values). */
  function linkProblems(value, markdown) {
    var scheme = LINKS.BARE_SCHEME.exec(value);
    if (scheme) return [{ kind: "scheme", values: { scheme: scheme[1].toLowerCase() } }];
    var out = [];
    if (LINKS.LINK_TITLE.test(value)) out.push({ kind: "link_title", values: {} });
    if (LINKS.ABBREVIATION.test(value)) out.push({ kind: "abbreviation", values: {} });
    if (LINKS.REFERENCE.test(value)) out.push({ kind: "reference", values: {} });
    if (markdown) {
      each(ALL_LINKS, value, function (match) {
        var target = match[1];
        if (target && !LINKS.SAFE_LINK.test(target)) out.push({ kind: "unsafe_link", values: { target: repr(shorten(target)) } });
      });
      if (value.indexOf("![") !== -1) out.push({ kind: "image", values: {} });
    }
    return out;
  }

  /* --- The validator (validate.build and library._check_text) ------------------------------ */

  var STICKY = new Map();  // pattern source -> a sticky RegExp, made once

  function sticky(pattern) {
    var key = pattern.flags + "/" + pattern.source;
    if (!STICKY.has(key)) STICKY.set(key, regex(pattern, "y"));
    return STICKY.get(key);
  }

  function join(path, name) {
    return path ? path + "." + name : name;
  }

  /* A problem as the validator words it (message), and what it is (kind: the message's template) with the values
     the template was filled with, so the studio can say it in its own words (studio-problems.js). */
  function add(problems, field, kind, values) {
    problems.push({ field: oneLine(field), message: oneLine(fill(messages[kind], values)), kind: kind, values: values });
  }

  /* A record: each declared field, missing or checked. True when nothing was wrong with it. */
  function checkRecord(fields, value, path, problems) {
    var before = problems.length;
    fields.forEach(function (rule) {
      var v = value[rule.name];
      var where = join(path, rule.name);
      if (v === undefined || v === null) {
        if (rule.required) add(problems, where, "missing", { help: rule.help, example: rule.example });
        return;
      }
      checkValue(rule, v, where, problems);
    });
    return problems.length === before;
  }

  /* The value if it is valid, else null. */
  function checkValue(rule, value, path, problems) {
    if (rule.type === "list") return checkList(rule, value, path, problems);
    if (rule.type === "text") return checkText(rule, value, path, problems);
    if (rule.type === "number") return checkNumber(rule, value, path, problems);
    return checkRecord(rule.fields, value, path, problems) ? value : null;
  }

  function checkList(rule, items, path, problems) {
    if (items.length < rule.min_items) {
      add(problems, path, "too_few", { minimum: rule.min_items, items: rule.min_items > 1 ? "items" : "item",
        help: rule.help, found: items.length, example: rule.example });
    }
    if (rule.max_items !== null && items.length > rule.max_items) {
      add(problems, path, "too_many", { found: items.length, maximum: rule.max_items, example: rule.example });
    }
    var seen = new Map();
    items.forEach(function (item, index) {
      var where = path + "[" + (index + 1) + "]";
      var value = rule.item.type === "record" ? (checkRecord(rule.item.fields, item, where, problems) ? item : null)
        : checkValue(rule.item, item, where, problems);
      if (value === null || !rule.unique || typeof value === "object") return;
      if (seen.has(value)) {
        add(problems, where, "repeated", { first: seen.get(value), value: repr(shorten(String(value))), example: rule.example });
      } else {
        seen.set(value, index + 1);
      }
    });
    return items;
  }

  function checkText(rule, raw, path, problems) {
    var value = strip(raw);
    if (!value) {
      add(problems, path, "empty", { help: rule.help, for_example: rule.for_example });
      return null;
    }
    // The length first: no other rule reads a text longer than its field allows (validate._text).
    if (rule.max_length && length(value) > rule.max_length) {
      add(problems, path, "too_long", { length: count(length(value)), limit: count(rule.max_length), for_example: rule.for_example });
      return null;
    }
    var refused = characterProblem(value, rule);
    if (refused) {
      add(problems, path, refused.kind, refused.values);
      return null;
    }
    var ok = true;
    if (rule.pattern && !matchAt(sticky(rule.pattern), value, 0)) {
      add(problems, path, "pattern", { value: repr(shorten(value)), pattern_help: rule.pattern_help, for_example: rule.for_example });
      ok = false;
    }
    linkProblems(value, rule.markdown).forEach(function (found) {
      add(problems, path, found.kind, found.values);
      ok = false;
    });
    return ok ? value : null;
  }

  var REFUSED = data.characters.refused.map(function (c) { return { kind: c.kind, pattern: regex(c.pattern) }; });
  var ONE_LINE = regex(data.characters.one_line);

  /* The first character a field may not hold, as validate.character_problem finds it ({kind, values} of its message);
     positions count code points. */
  function characterProblem(value, rule) {
    function at(match) { return length(value.slice(0, match.index)) + 1; }
    for (var i = 0; i < REFUSED.length; i++) {
      var found = REFUSED[i].pattern.exec(value);
      if (found) {
        var code = "U+" + found[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        return { kind: "character", values: { kind: REFUSED[i].kind, code: code, position: at(found), for_example: rule.for_example } };
      }
    }
    var line = rule.markdown ? null : ONE_LINE.exec(value);
    if (line) return { kind: "one_line", values: { what: line[0] === "\n" ? "a new line" : "a tab", position: at(line), for_example: rule.for_example } };
    return null;
  }

  function checkNumber(rule, value, path, problems) {
    if ((rule.minimum !== null && value < rule.minimum) || (rule.maximum !== null && value > rule.maximum)) {
      add(problems, path, "out_of_range", { number: value, minimum: rule.minimum, maximum: rule.maximum, for_example: rule.for_example });
      return null;
    }
    return value;
  }

  /* Every value as the YAML file holds it, with its field path (yamlfile.scalars). */
  function scalars(value, path, out) {
    if (Array.isArray(value)) {
      value.forEach(function (item, i) { scalars(item, path + "[" + (i + 1) + "]", out); });
    } else if (value !== null && typeof value === "object") {
      Object.keys(value).forEach(function (key) { scalars(value[key], join(path, key), out); });
    } else if (value !== null && value !== undefined) {
      out.push([path, String(value)]);
    }
    return out;
  }

  /* library._check_place_slugs for one new case study: its place gets a page of its own or shares one rightly. */
  function checkPlace(place, problems) {
    if (data.places.some(function (p) { return p.listed && p.name === place; })) return;
    var slug = slugify(place);
    if (!slug) {
      add(problems, "place", "place_unreadable", { place: repr(place) });
      return;
    }
    var others = data.places.filter(function (p) { return p.slug === slug && p.name !== place; })
      .map(function (p) { return p.name; }).sort();
    if (others.length) {
      add(problems, "place", "place_shared", { place: repr(place), other: repr(others[0]), slug: slug, example: others[0] });
    }
  }

  /* Every problem `python -m macros validate` would report in the case study (a plain object as the YAML
     holds it), as {field, message}, each once. */
  function check(caseStudy) {
    var problems = [];
    checkRecord(data.case_study, caseStudy, "", problems);
    var placeOk = !problems.some(function (p) { return p.field === "place"; });
    scalars(caseStudy, "", []).forEach(function (pair) {
      var byKind = new Map();  // one line per kind and field, with the first match and how many more
      personalData(pair[1]).forEach(function (found) {
        if (!byKind.has(found[0])) byKind.set(found[0], []);
        byKind.get(found[0]).push(found[1]);
      });
      byKind.forEach(function (matches, kind) {
        var more = matches.length - 1;
        add(problems, pair[0] || "(file)", "personal_data", { kind: kind, match: repr(matches[0]),
          others: more ? fill(messages.personal_data_more, { more: count(more) }) : "" });
      });
    });
    if (placeOk && typeof caseStudy.place === "string" && caseStudy.place) checkPlace(caseStudy.place, problems);
    var seen = {};
    return problems.filter(function (p) {
      var key = p.field + "\n" + p.message;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  /* --- Reading the form's answers as from-issue does (issue_form.read) -------------------- */

  var BULLET = regex(form.patterns.BULLET, "y");
  var HEADING = regex(form.patterns.HEADING);
  var URL = regex(form.patterns.URL);
  var YEAR = regex(form.patterns.YEAR);
  var LABELS = {};
  Object.keys(form.labels).forEach(function (key) { LABELS[form.labels[key]] = key; });

  /* The text GitHub writes under a question's heading, as the studio holds the answer. */
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
    return matchAt(BULLET, line, 0);
  }

  function unbullet(line) {
    var bullet = isBullet(line);
    return bullet ? line.slice(bullet[0].length) : line;
  }

  /* issue_form.items: one item per line, or bulleted items that may wrap onto further lines. */
  function items(value) {
    var lines = value.split("\n").map(rstrip);
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

  function rstrip(line) {
    var end = line.length;
    while (end > 0 && isSpace(line.charAt(end - 1))) end--;
    return line.slice(0, end);
  }

  /* issue_form.paragraphs: each line its own paragraph, except the lines of a bulleted list. */
  function paragraphs(value) {
    var out = [];
    value.split("\n").map(rstrip).forEach(function (line) {
      if (!strip(line)) return;
      var last = out.length ? out[out.length - 1] : null;
      if (last !== null && isBullet(line) && isBullet(last.slice(last.lastIndexOf("\n") + 1))) out[out.length - 1] += "\n" + line;
      else out.push(line);
    });
    return out.join("\n\n");
  }

  /* issue_form.source: 'Evaluation of Ignite, Grapevine (2016) https://example.org/x.pdf' -> title, year and url. */
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
    var title = strip(stripChars(item, " ,;:-\u2013\u2014"));
    var out = { title: title || entry.url || "" };
    if (entry.url !== undefined) out.url = entry.url;
    if (entry.year !== undefined) out.year = entry.year;
    return out;
  }

  /* scaffold.split_themes: 'Housing, Young People' -> ['housing', 'young people']. */
  function splitThemes(value) {
    var out = [];
    value.split(/[,\n;]/).forEach(function (raw) {
      var theme = raw.replace(/&/g, " and ").replace(/[-_/]+/g, " ").toLowerCase();
      theme = stripChars(collapse(theme), " .");
      if (theme && out.indexOf(theme) === -1) out.push(theme);
    });
    return out;
  }

  /* --- The Sources answer written with labels (source_answer.py) ----------------------------- */

  var S = data.sources;
  var LABELLED = regex(S.patterns.LABELLED, "y");
  var SOURCE_YEAR = regex(S.patterns.YEAR);
  var PAGE_NUMBER = regex(S.patterns.PAGE_NUMBER);
  var PAGE_RANGE = regex(S.patterns.PAGE_RANGE);
  var PAGES_PREFIX = regex(S.patterns.PAGES_PREFIX);
  var FIELD_OF = {};
  S.labels.forEach(function (pair) { FIELD_OF[pair[1].toLowerCase()] = pair[0]; });

  function isLabelled(text) {
    return text.split("\n").some(function (line) { return matchAt(LABELLED, line, 0); });
  }

  /* {sources, problems: [{line, kind, values, source}]}: the answer's sources, each field as the schema holds it. */
  function readSources(text) {
    var found = [];
    var problems = [];
    text.split("\n").forEach(function (line, index) {
      if (!strip(line)) return;
      var match = matchAt(LABELLED, line, 0);
      if (!match) {
        problems.push({ line: index, kind: "source_line", values: { line: repr(strip(line)) }, source: found.length - 1 });
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
          else problems.push({ line: entry.first, kind: "source_year", values: { value: repr(value) }, source: number });
        } else if (name === "pages") {
          var pages = pageList(value);
          if (pages === null) problems.push({ line: entry.first, kind: "source_pages", values: { value: repr(value) }, source: number });
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
        if (value) lines.push(pair[1] + ": " + collapse(value));
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

  /* The case study the answers describe, and what from-issue would say about the form itself (issue_form.read). */
  function read(answers) {
    var values = {};
    var letters = [];
    var problems = [];

    /* As the validator's: the form's own wording (message), and what it is, with its values, for the studio's. */
    function problem(key, kind, values, extra) {
      var message = kind === "empty" ? form.empty[key] : fill(form.messages[kind], values);
      problems.push(Object.assign({ key: key, field: form.labels[key], message: oneLine(message), kind: kind, values: values }, extra));
    }

    form.required.forEach(function (key) {
      if (!answer(answers, key)) problem(key, "empty", {});
    });
    form.text_fields.forEach(function (key) {
      var value = answer(answers, key);
      if (value) values[key] = key === "context" ? paragraphs(value) : collapse(value);
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
    if (answer(answers, "contributor")) values.contributors = [collapse(answer(answers, "contributor"))];
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
        problem(findingKey, "finding_empty", { status_label: form.labels[statusKey], chosen: repr(chosen), example: form.finding_example });
      } else if (finding && !status) {
        problem(statusKey, "status_missing", { not_shown: repr(form.not_shown), finding_label: form.labels[findingKey], letter: letter });
      } else if (status) {
        evidence.push({ precondition: letter, status: status, basis: form.evidence_basis, finding: paragraphs(finding) });
        letters.push(letter);
      }
    });
    if (!evidence.length && !problems.some(function (p) { return /^[A-I]\. /.test(p.field); })) {
      problems.push({ key: "status-a", field: form.no_evidence_field, message: form.messages.no_evidence, kind: "no_evidence", values: {} });
    }
    values.evidence = evidence;
    values.licence = values.licence || "CC-BY-4.0";
    values.maturity = "draft";
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

  /* --- The case study's id (scaffold.case_study_id) ----------------------------------------- */

  function slugify(value) {
    var apart = "";
    for (var c of value.toLowerCase()) apart += data.id.letters_apart[c] || c;
    var bare = apart.normalize("NFKD").replace(/\p{M}/gu, "").replace(/&/g, "and");
    return bare.replace(/[^a-z0-9]+/g, "-").replace(/^-+|(?<!-)-+$/g, "");  // from a run's first hyphen only: linear
  }

  function caseStudyId(place, title) {
    var placeWords = slugify(place) ? slugify(place).split("-") : [];
    var words = slugify(title).split("-").filter(function (w) { return w; });
    for (var start = 0; start <= words.length - placeWords.length; start++) {
      if (placeWords.length && placeWords.every(function (w, i) { return words[start + i] === w; })) {
        words.splice(start, placeWords.length);
        break;
      }
    }
    var edge = data.id.edge_words;
    while (words.length && edge.indexOf(words[0]) !== -1) words.shift();
    while (words.length && edge.indexOf(words[words.length - 1]) !== -1) words.pop();
    var slug = placeWords.concat(words).join("-");
    if (slug.length > data.id.max) {
      slug = slug.slice(0, data.id.max);
      if (slug.lastIndexOf("-") !== -1) slug = slug.slice(0, slug.lastIndexOf("-"));
    }
    return data.id.reserved.indexOf(slug) !== -1 ? slug + "-case-study" : slug;
  }

  /* --- The file (issue_form.to_yaml) -------------------------------------------------------- */

  var Y = data.yaml;
  var PLAIN = regex(Y.plain, "y");
  var FLOW_PLAIN = regex(Y.flow_plain, "y");
  var PLAIN_LINE = regex(Y.plain_line, "y");
  var PRINTABLE = regex(Y.printable, "y");
  var QUOTE_ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  function whole(stickyPattern, value) {
    var match = matchAt(stickyPattern, value, 0);
    return match !== null && match[0].length === value.length;
  }

  function scalar(value, flow) {
    var plain = whole(flow ? FLOW_PLAIN : PLAIN, value) && !/[ :]$/.test(value) && value.indexOf(": ") === -1 &&
      value.indexOf(" #") === -1 && Y.words.indexOf(value) === -1;
    return plain ? value : quoted(value);
  }

  function quoted(value) {
    var out = '"';
    for (var c of value) {
      var code = c.codePointAt(0);
      if (QUOTE_ESCAPES[c]) out += QUOTE_ESCAPES[c];
      else if (whole(PRINTABLE, c)) out += c;
      else out += code <= 0xffff ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
    }
    return out + '"';
  }

  function field(name, value, indent) {
    var lead = name === "-" ? indent + "- " : indent + name + ": ";
    var block = value.indexOf("\n") === -1 && length(value) <= Y.short_line ? null : folded(value, indent + "  ");
    return block === null ? [lead + scalar(value)] : [lead + ">-"].concat(block);
  }

  function folded(value, indent) {
    var lines = [];
    var parts = value.split("\n");
    for (var number = 0; number < parts.length; number++) {
      var line = parts[number];
      if (number) lines.push("");
      if (!line && number > 0 && number < parts.length - 1) continue;
      if (!whole(PLAIN_LINE, line)) return null;
      var current = indent;
      var size = length(indent);
      line.split(" ").forEach(function (word) {
        var wordSize = length(word);
        if (current !== indent && size + 1 + wordSize > Y.wrap) {
          lines.push(current);
          current = indent;
          size = length(indent);
        }
        if (current === indent) {
          current += word;
          size += wordSize;
        } else {
          current += " " + word;
          size += 1 + wordSize;
        }
      });
      lines.push(current);
    }
    return lines;
  }

  /* The case study file from-issue would write: the same text, line for line. */
  function toYaml(values, caseId) {
    var all = Object.assign({ id: caseId }, values);
    var out = ["# yaml-language-server: $schema=" + Y.schema].concat(Y.header);
    Y.order.forEach(function (name) {
      if (!(name in all)) return;
      var value = all[name];
      if (Array.isArray(value) && !value.length) {
        out.push(name + ": []");
      } else if (name === "evidence") {
        out.push.apply(out, ["evidence:"].concat(Y.evidence_notes));
        value.forEach(function (entry) {
          out.push("  # " + entry.precondition + ". " + Y.preconditions[entry.precondition]);
          out.push("  - precondition: " + entry.precondition);
          ["status", "basis"].forEach(function (key) {
            if (key in entry) out.push("    " + key + ": " + entry[key]);
          });
          if ("finding" in entry) out.push.apply(out, field("finding", entry.finding, "    "));
        });
      } else if (name === "sources") {
        out.push("sources:");
        value.forEach(function (entry) {
          var first = true;
          ["title", "publisher", "year", "url", "pages"].forEach(function (key) {
            if (!(key in entry)) return;
            var text = key === "year" ? String(entry[key]) : key === "pages" ? "[" + entry[key].join(", ") + "]" : scalar(entry[key]);
            out.push("  " + (first ? "- " : "  ") + key + ": " + text);
            first = false;
          });
        });
      } else if (Array.isArray(value)) {
        if (name === "themes") {
          out.push("themes: [" + value.map(function (theme) { return scalar(theme, true); }).join(", ") + "]");
        } else {
          out.push(name + ":");
          value.forEach(function (item) { out.push.apply(out, field("-", item, "  ")); });
        }
      } else {
        out.push.apply(out, field(name, value, ""));
      }
    });
    return out.join("\n") + "\n";
  }

  /* --- The issue ---------------------------------------------------------------------------- */

  /* The issue's text as GitHub writes a submitted form: each question a heading, then its answer. */
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
    var title = collapse(answer(answers, "title"));
    if (title) url += "&title=" + encodeURIComponent("Case study: " + title);
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

  window.LibraryStudioRules = {
    check: check, read: read, headingProblems: headingProblems, personalData: personalData, linkProblems: linkProblems,
    toYaml: toYaml, scalar: scalar, caseStudyId: caseStudyId, slugify: slugify, issueBody: issueBody, issueLink: issueLink,
    answerText: answerText, answer: answer, items: items, paragraphs: paragraphs, source: source, splitThemes: splitThemes,
    isLabelled: isLabelled, readSources: readSources, pageList: pageList, sourcesText: sourcesText, pageNumbers: pageNumbers,
    repr: repr, shorten: shorten, length: length, count: count, fill: fill, oneLine: oneLine, collapse: collapse
  };
})();
