/* How Python treats text and patterns, for the studio's twins of the library's Python (studio-checks.js,
 * studio-form-reader.js, studio-yaml.js, studio-ids.js): its split and strip, its repr, len() counted in code
 * points, f"{n:,}", str.format, and re's match() and finditer() on the patterns the build translates
 * (macros/studio.py). Written once here, so the twins fill the messages' templates in exactly as Python does;
 * the twins' corpus holds each to Python's own (tests/twins/corpus/python-text.json).
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var strip = window.LibraryText.strip;
  var isSpace = window.LibraryText.isSpace;

  /* A RegExp of one of the build's patterns, with `extra` flags (g: finditer, y: match at a place). */
  function regex(pattern, extra) {
    return new RegExp(pattern.source, pattern.flags + (extra || ""));
  }

  /* A match starting exactly at `index` (Python's pattern.match(text, index)); `sticky` has the y flag. */
  function matchAt(sticky, value, index) {
    sticky.lastIndex = index || 0;
    return sticky.exec(value);
  }

  /* pattern.fullmatch(value), for a sticky pattern. */
  function whole(sticky, value) {
    var match = matchAt(sticky, value, 0);
    return match !== null && match[0].length === value.length;
  }

  /* for match in pattern.finditer(value): visit(match), for a global pattern. */
  function each(global, value, visit) {
    global.lastIndex = 0;
    var match;
    while ((match = global.exec(value)) !== null) {
      if (!match[0]) global.lastIndex++;
      visit(match);
    }
  }

  var STICKY = new Map();  // pattern source -> a sticky RegExp, made once

  function sticky(pattern) {
    var key = pattern.flags + "/" + pattern.source;
    if (!STICKY.has(key)) STICKY.set(key, regex(pattern, "y"));
    return STICKY.get(key);
  }

  var WHITE = new RegExp("[" + data.space + "]+", "u");
  var LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;  // str.splitlines()
  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;  // not str.isprintable()
  var DIGIT = /^\p{Nd}$/u;

  /* str.split() */
  function split(value) {
    return value.split(WHITE).filter(function (part) { return part !== ""; });
  }

  /* " ".join(value.split()) */
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

  /* str.rstrip() */
  function rstrip(line) {
    var end = line.length;
    while (end > 0 && isSpace(line.charAt(end - 1))) end--;
    return line.slice(0, end);
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

  window.LibraryPython = {
    regex: regex, matchAt: matchAt, whole: whole, each: each, sticky: sticky, strip: strip, split: split, collapse: collapse,
    stripChars: stripChars, rstrip: rstrip, length: length, oneLine: oneLine, shorten: shorten, hex: hex, repr: repr,
    count: count, fill: fill, digitValue: digitValue
  };
})();
