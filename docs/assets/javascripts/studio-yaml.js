/* The case study file `from-issue` writes (case_yaml.to_yaml), written in the browser for the contribution studio
 * from the same answers: the same text, line for line. The order of the fields, the comments, where a line wraps and
 * which text may be written plain are the build's (window.LIBRARY_STUDIO.yaml, from macros/case_yaml.py), and the
 * twins' corpus holds the two to the same files (tests/twins/corpus/yaml-writer.json).
 */
(function () {
  "use strict";

  var python = window.LibraryPython;
  var Y = window.LIBRARY_STUDIO.yaml;
  var PLAIN = python.regex(Y.plain, "y");
  var FLOW_PLAIN = python.regex(Y.flow_plain, "y");
  var PLAIN_LINE = python.regex(Y.plain_line, "y");
  var PRINTABLE = python.regex(Y.printable, "y");

  function endsWithAny(value, ends) {
    return ends.some(function (end) { return value.slice(-end.length) === end; });
  }

  function scalar(value, flow) {
    var plain = python.whole(flow ? FLOW_PLAIN : PLAIN, value) && !endsWithAny(value, Y.plain_not_at_end) &&
      !Y.plain_not_inside.some(function (part) { return value.indexOf(part) !== -1; }) && Y.words.indexOf(value) === -1;
    return plain ? value : quoted(value);
  }

  function quoted(value) {
    var out = '"';
    for (var c of value) {
      var code = c.codePointAt(0);
      if (Y.escapes[c]) out += Y.escapes[c];
      else if (python.whole(PRINTABLE, c)) out += c;
      else out += code <= 0xffff ? "\\u" + python.hex(code, 4) : "\\U" + python.hex(code, 8);
    }
    return out + '"';
  }

  function field(name, value, indent) {
    var lead = name === "-" ? indent + "- " : indent + name + ": ";
    var block = value.indexOf("\n") === -1 && python.length(value) <= Y.short_line ? null : folded(value, indent + "  ");
    return block === null ? [lead + scalar(value)] : [lead + ">-"].concat(block);
  }

  function folded(value, indent) {
    var lines = [];
    var parts = value.split("\n");
    for (var number = 0; number < parts.length; number++) {
      var line = parts[number];
      if (number) lines.push("");
      if (!line && number > 0 && number < parts.length - 1) continue;
      if (!python.whole(PLAIN_LINE, line)) return null;
      var current = indent;
      var size = python.length(indent);
      line.split(" ").forEach(function (word) {
        var wordSize = python.length(word);
        if (current !== indent && size + 1 + wordSize > Y.wrap) {
          lines.push(current);
          current = indent;
          size = python.length(indent);
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
          Y.evidence_keys.forEach(function (key) {
            if (key in entry) out.push("    " + key + ": " + entry[key]);
          });
          if ("finding" in entry) out.push.apply(out, field("finding", entry.finding, "    "));
        });
      } else if (name === "sources") {
        out.push("sources:");
        value.forEach(function (entry) {
          var first = true;
          Y.source_keys.forEach(function (key) {
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

  window.LibraryStudioRules = Object.assign(window.LibraryStudioRules || {}, { toYaml: toYaml, scalar: scalar });
})();
