/* What `python -m macros validate` would say about a case study, worked out in the browser for the contribution
 * studio: the rules of each field (validate.build), the characters no text may hold, links and Markdown the library
 * does not read, personal data (personal_data.py), and a new place's page (library's checks across records).
 *
 * Nothing here is a rule of its own. The fields, help, examples, limits, patterns and message templates come from
 * the build (window.LIBRARY_STUDIO, written by macros/studio.py from the schema), and the twins' corpus holds this
 * script to the Python's own verdicts (tests/twins/corpus/checks.json, personal-data.json). Every check takes time
 * in step with the text's length.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var python = window.LibraryPython;
  var rules = window.LibraryStudioRules = window.LibraryStudioRules || {};
  var strip = window.LibraryText.strip;
  var messages = data.messages;

  /* --- Personal data (personal_data.py) -------------------------------------------------- */

  var personal = data.personal_data;
  var EMAIL_LOCAL = python.regex(personal.email_local, "y");
  var EMAIL_DOMAIN = python.regex(personal.email_domain, "y");
  var NHS = python.regex(personal.nhs, "g");
  var DETAILS = personal.patterns.map(function (p) { return { kind: p.kind, pattern: python.regex(p.pattern, "g") }; });

  /* Each e-mail address, found from its '@' outwards: the local part on the reversed text, as Python does. */
  function emails(value) {
    var out = [];
    var backwards = null;
    for (var at = value.indexOf("@"); at !== -1; at = value.indexOf("@", at + 1)) {
      if (backwards === null) backwards = Array.from(value).reverse().join("");
      var local = python.matchAt(EMAIL_LOCAL, backwards, value.length - at);
      var domain = python.matchAt(EMAIL_DOMAIN, value, at + 1);
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
    var found = emails(value).map(function (address) { return [personal.email_kind, address]; });
    DETAILS.forEach(function (detail) {
      python.each(detail.pattern, value, function (match) { found.push([detail.kind, match[0]]); });
    });
    python.each(NHS, value, function (match) {
      if (isNhsNumber(Array.from(match[1] + match[2] + match[3]).map(python.digitValue))) found.push([personal.nhs_kind, match[0]]);
    });
    return found;
  }

  /* --- Links and Markdown the library does not read (validate._link_problems) ------------ */

  var LINKS = {};
  Object.keys(data.links).forEach(function (name) { LINKS[name] = python.regex(data.links[name]); });
  var ALL_LINKS = python.regex(data.links.LINK, "g");

  /* {kind, values} of each link or piece of Markdown the library will not show (the messages' templates and their values). */
  function linkProblems(value, markdown) {
    var scheme = LINKS.BARE_SCHEME.exec(value);
    if (scheme) return [{ kind: "scheme", values: { scheme: scheme[1].toLowerCase() } }];
    var out = [];
    if (LINKS.LINK_TITLE.test(value)) out.push({ kind: "link_title", values: {} });
    if (LINKS.ABBREVIATION.test(value)) out.push({ kind: "abbreviation", values: {} });
    if (LINKS.REFERENCE.test(value)) out.push({ kind: "reference", values: {} });
    if (markdown) {
      python.each(ALL_LINKS, value, function (match) {
        var target = match[1];
        if (target && !LINKS.SAFE_LINK.test(target)) out.push({ kind: "unsafe_link", values: { target: python.repr(python.shorten(target)) } });
      });
      if (value.indexOf("![") !== -1) out.push({ kind: "image", values: {} });
    }
    return out;
  }

  /* --- The validator (validate.build and library._check_text) ------------------------------ */

  function join(path, name) {
    return path ? path + "." + name : name;
  }

  /* A problem as the validator words it (message), and what it is (kind: the message's template) with the values
     the template was filled with, so the studio can say it in its own words (studio-problems.js). */
  function add(problems, field, kind, values) {
    problems.push({ field: python.oneLine(field), message: python.oneLine(python.fill(messages[kind], values)), kind: kind, values: values });
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
        add(problems, where, "repeated", { first: seen.get(value), value: python.repr(python.shorten(String(value))), example: rule.example });
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
    if (rule.max_length && python.length(value) > rule.max_length) {
      add(problems, path, "too_long", { length: python.count(python.length(value)), limit: python.count(rule.max_length), for_example: rule.for_example });
      return null;
    }
    var refused = characterProblem(value, rule);
    if (refused) {
      add(problems, path, refused.kind, refused.values);
      return null;
    }
    var ok = true;
    if (rule.pattern && !python.matchAt(python.sticky(rule.pattern), value, 0)) {
      add(problems, path, "pattern", { value: python.repr(python.shorten(value)), pattern_help: rule.pattern_help, for_example: rule.for_example });
      ok = false;
    }
    linkProblems(value, rule.markdown).forEach(function (found) {
      add(problems, path, found.kind, found.values);
      ok = false;
    });
    return ok ? value : null;
  }

  var REFUSED = data.characters.refused.map(function (c) { return { kind: c.kind, pattern: python.regex(c.pattern) }; });
  var ONE_LINE = python.regex(data.characters.one_line);

  /* The first character a field may not hold, as validate.character_problem finds it ({kind, values} of its message);
     positions count code points. */
  function characterProblem(value, rule) {
    function at(match) { return python.length(value.slice(0, match.index)) + 1; }
    for (var i = 0; i < REFUSED.length; i++) {
      var found = REFUSED[i].pattern.exec(value);
      if (found) {
        var code = "U+" + found[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        return { kind: "character", values: { kind: REFUSED[i].kind, code: code, position: at(found), for_example: rule.for_example } };
      }
    }
    var line = rule.markdown ? null : ONE_LINE.exec(value);
    if (line) return { kind: "one_line", values: { what: data.characters.one_line_what[line[0]], position: at(line), for_example: rule.for_example } };
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
    var slug = rules.slugify(place);
    if (!slug) {
      add(problems, "place", "place_unreadable", { place: python.repr(place) });
      return;
    }
    var others = data.places.filter(function (p) { return p.slug === slug && p.name !== place; })
      .map(function (p) { return p.name; }).sort();
    if (others.length) {
      add(problems, "place", "place_shared", { place: python.repr(place), other: python.repr(others[0]), slug: slug, example: others[0] });
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
        add(problems, pair[0] || "(file)", "personal_data", { kind: kind, match: python.repr(matches[0]),
          others: more ? python.fill(messages.personal_data_more, { more: python.count(more) }) : "" });
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

  Object.assign(rules, { check: check, personalData: personalData, linkProblems: linkProblems });
})();
