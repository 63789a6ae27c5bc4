/* What the library's checks find in a studio draft, each said in the studio's words and placed at the control it
 * is about. The checks are from-issue's and the validator's (studio-rules.js), run on the issue the draft makes;
 * their wording for the studio is the build's (macros/studio_words.py): it names what to do on this page, and
 * never a field path, a file name or a YAML key.
 *
 * A problem: {id, step, label, message, kind, finding?, source?, part?}. `id` is the control's (its error box is
 * id + "-error"), `label` names the question in the check's list, `finding` and `source` are positions in the draft.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var rules = window.LibraryStudioRules;
  var drafts = window.LibraryStudioDraft;
  var questions = data.questions;
  var FINDINGS_STEP = 3;
  var SOURCES_STEP = 5;
  var sourceLabel = {};
  data.sources.fields.forEach(function (f) { sourceLabel[f.name] = f.label; });
  var byLetter = {};
  data.preconditions.forEach(function (p) { byLetter[p.id] = p; });

  function say(kind, values) {
    var template = data.say[kind] || data.say.unreadable;
    values = Object.assign({}, values, { for_example: values.plain ? " For example: " + values.plain : "" });
    return rules.oneLine(template.replace(/\{(\w+)\}/g, function (whole, name) {
      return values[name] === undefined || values[name] === null ? "" : String(values[name]);
    }));
  }

  /* The rule of the case study field at `path` ("lessons[2]", "sources[1].year"), for its help and example. */
  function ruleAt(path) {
    var rule = null;
    var fields = data.case_study;
    path.split(".").forEach(function (part) {
      var name = part.replace(/\[\d+\]$/, "");
      rule = (fields || []).filter(function (f) { return f.name === name; })[0] || null;
      if (rule && /\]$/.test(part) && rule.item) rule = rule.item;
      fields = rule && rule.type === "list" && rule.item && rule.item.fields ? rule.item.fields : rule && rule.fields;
    });
    return rule;
  }

  function findingName(draft, index) {
    var f = draft.findings[index];
    return "Finding " + (index + 1) + (f && f.letter ? " (" + f.letter + ". " + byLetter[f.letter].short_title + ")" : "");
  }

  /* Where each kind of problem shows. */
  function atQuestion(key, stepOf) {
    var q = questions[key];
    return { id: q ? q.id : "studio-title", step: stepOf(key), label: q ? q.label : questions.title.label };
  }

  function atFinding(draft, index, part) {
    var parts = { text: "what happened", letter: "its precondition", status: "how far it was in place" };
    return { id: "finding-" + (index + 1) + "-" + part, step: FINDINGS_STEP, label: findingName(draft, index) + ": " + parts[part],
      finding: index, part: part };
  }

  function atSource(index, part) {
    return { id: "source-" + (index + 1) + "-" + part, step: SOURCES_STEP, label: "Source " + (index + 1) + " (" + sourceLabel[part].toLowerCase() + ")",
      source: index, part: part };
  }

  var AT_FINDINGS = { id: "findings", step: FINDINGS_STEP, label: "The preconditions" };
  var AT_SOURCES = { id: "studio-sources", step: SOURCES_STEP, label: questions.sources.label };

  /* The position in the draft of each source the issue gives: those with something written in them. */
  function writtenSources(draft) {
    var out = [];
    draft.sources.forEach(function (s, i) {
      var published = s.published !== "no";
      var any = data.sources.fields.some(function (f) { return (published || !f.published_only) && window.LibraryText.strip(s[f.name]); });
      if (any) out.push(i);
    });
    return out;
  }

  /* A problem the validator found at a field path, placed in the studio. */
  function placeOfField(path, draft, result, written, stepOf) {
    var evidence = /^evidence\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (evidence) {
      var letter = result.letters[Number(evidence[1]) - 1];
      var index = draft.findings.map(function (f) { return f.letter; }).indexOf(letter);
      if (index === -1) return AT_FINDINGS;
      return atFinding(draft, index, evidence[2] === "status" ? "status" : "text");
    }
    if (path === "evidence") return AT_FINDINGS;
    var source = /^sources\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (source) {
      var at = written[Number(source[1]) - 1];
      return at === undefined ? AT_SOURCES : atSource(at, source[2] && sourceLabel[source[2]] ? source[2] : "title");
    }
    if (path === "sources") return AT_SOURCES;
    var root = path.split(/[.[]/)[0];
    return atQuestion(data.form.field_of[root] || "title", stepOf);
  }

  /* The item a problem at "lessons[2]" is about, quoted as the message quotes it. */
  function itemOf(path, values) {
    var item = /^(\w+)\[(\d+)\]$/.exec(path);
    if (!item || !Array.isArray(values[item[1]])) return null;
    var value = values[item[1]][Number(item[2]) - 1];
    return value === undefined ? null : rules.repr(rules.shorten(String(value), 30));
  }

  /* A problem the validator found (studio-rules.js's check: {field, kind, values}) in the studio's words, with the
     help and example of its field and the line it is in; `values` is the case study it was found in. */
  function word(p, values) {
    var rule = ruleAt(p.field) || {};
    var item = itemOf(p.field, values);
    var kind = item && data.say[p.kind + "_item"] ? p.kind + "_item" : p.kind;
    return say(kind, Object.assign({}, p.values, { help: rule.say_help, plain: rule.plain, item: item }));
  }

  function worded(place, kind, values) {
    return Object.assign({}, place, { kind: kind, message: say(kind, values) });
  }

  /* Every problem in the draft, in the studio's words, each once. `stepOf(question key)` is the step it is asked on. */
  function find(draft, stepOf) {
    var answers = drafts.answers(draft);
    var result = rules.read(answers);
    var v = result.values;
    var written = writtenSources(draft);
    var out = [];
    var formKeys = {};
    var letterIndex = {};
    draft.findings.forEach(function (f, i) { if (f.letter) letterIndex[f.letter.toLowerCase()] = i; });

    result.problems.forEach(function (p) {
      if (p.kind.indexOf("source_") !== 0) formKeys[p.key] = true;  // a source's year or pages: the rest of it is still checked
      var kind = data.say_form[p.kind] || p.kind;
      var letter = /^(status|finding)-([a-i])$/.exec(p.key);
      if (p.kind === "no_evidence") {
        out.push(worded(AT_FINDINGS, kind, p.values));
      } else if (letter && letterIndex[letter[2]] !== undefined) {
        var part = letter[1] === "status" ? "status" : "text";
        out.push(worded(atFinding(draft, letterIndex[letter[2]], part), kind, Object.assign({ plain: ruleAt("evidence[1].finding").plain }, p.values)));
      } else if (p.key === "sources") {
        var place = p.source >= 0 && written[p.source] !== undefined ?
          atSource(written[p.source], p.kind === "source_year" ? "year" : p.kind === "source_pages" ? "pages" : "title") : AT_SOURCES;
        var title = ruleAt("sources[1].title");
        out.push(worded(place, kind, Object.assign({ help: "at least one source, with its title", plain: title.plain }, p.values)));
      } else {
        var rule = ruleAt(p.key === "contributor" ? "contributors" : p.key);
        out.push(worded(atQuestion(p.key, stepOf), kind, Object.assign({}, p.values, { help: rule ? rule.say_help : "", plain: rule ? rule.plain : "" })));
      }
    });

    var id = v.title && v.place ? rules.caseStudyId(v.place, v.title) : "";
    if (v.title && v.place && !id) out.push(worded(atQuestion("title", stepOf), "no_id", {}));
    if (id && data.ids.taken.indexOf(id) !== -1) out.push(worded(atQuestion("title", stepOf), "id_taken", { id: rules.repr(id), title: v.title }));

    var caseStudy = Object.assign(id ? { id: id } : {}, v);
    rules.check(caseStudy).forEach(function (p) {
      if (p.field === "id" && !id) return;  // no id without a title and a place, which the form's own problems name
      var place = placeOfField(p.field, draft, result, written, stepOf);
      var formKey = place.finding !== undefined ? (place.part === "status" ? "status-" : "finding-") + draft.findings[place.finding].letter.toLowerCase()
        : place === AT_FINDINGS ? "status-a" : place.source !== undefined || place === AT_SOURCES ? "sources" : data.form.field_of[p.field.split(/[.[]/)[0]];
      if (formKeys[formKey] || (place === AT_FINDINGS && result.problems.length)) return;  // the form's own problem says it first
      out.push(Object.assign({}, place, { kind: p.kind, message: word(p, v) }));
    });

    rules.headingProblems(answers).forEach(function (h) {
      var letter = /^finding-([a-i])$/.exec(h.key);
      var place = letter ? atFinding(draft, letterIndex[letter[1]], "text") : atQuestion(h.key, stepOf);
      out.push(worded(place, "heading", { line: rules.repr(h.line), fixed: h.line.replace(/^#+[ \t]*/, "") }));
    });

    draft.findings.forEach(function (f, i) {
      var blank = !window.LibraryText.strip(f.text) && !f.status;
      if (blank) out.push(worded(atFinding(draft, i, "text"), "finding_blank", {}));
      else if (!f.letter) out.push(worded(atFinding(draft, i, "letter"), "no_letter", {}));
    });

    var seen = {};
    return {
      answers: answers, values: v, letters: result.letters, id: id,
      problems: out.filter(function (p) {
        var key = p.id + "\n" + p.message;
        if (seen[key]) return false;
        seen[key] = true;
        return true;
      })
    };
  }

  window.LibraryStudioProblems = { find: find, say: say, word: word };
})();
