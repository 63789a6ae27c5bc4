/* Contributed text as the library publishes it: macros/safe_markdown.py, line for line, for the
 * contribution studio's preview. The same text gives the same HTML (a test compares the two on a
 * table of texts, hostile ones among them), and the patterns are Python's own, translated by the
 * build (window.LIBRARY_STUDIO.renderer).
 *
 * Like the Python, it writes every element itself from a fixed list (p, ul, ol, li, em, strong,
 * code, a with an href, abbr with a glossary definition) and escapes every character of the text,
 * so the HTML it returns can hold nothing else. It reads the text in one pass: linear time.
 */
(function () {
  "use strict";

  var data = window.LIBRARY_STUDIO;
  var patterns = data.renderer.patterns;
  var SPACE = new RegExp("^[" + data.space + "]$", "u");

  function regex(pattern, extra) {
    return new RegExp(pattern.source, pattern.flags + (extra || ""));
  }

  var SAFE_HREF = regex(patterns.SAFE_HREF);
  var PARAGRAPH_BREAK = regex(patterns.PARAGRAPH_BREAK, "g");
  var LIST_ITEM = regex(patterns.LIST_ITEM, "y");  // Python's match(): at the start of the line only
  var INLINE = regex(patterns.INLINE, "g");
  var TERMS = data.renderer.terms ? regex(data.renderer.terms, "g") : null;
  var GLOSSARY = data.renderer.glossary;
  var TAGS = data.renderer.tags;  // stars -> the elements they open and close

  /* Python's str.strip() and str.isspace(), which know more spaces than JavaScript's trim(). */
  function strip(text) {
    var start = 0;
    var end = text.length;
    while (start < end && isSpace(text.charAt(start))) start++;
    while (end > start && isSpace(text.charAt(end - 1))) end--;
    return text.slice(start, end);
  }

  function isSpace(character) {
    return SPACE.test(character);
  }

  /* html.escape(text, quote=False) */
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* A value for a double-quoted attribute. */
  function attribute(value) {
    return escape(value).replace(/"/g, "&quot;");
  }

  function listItem(line) {
    LIST_ITEM.lastIndex = 0;
    return LIST_ITEM.exec(line);
  }

  function List(kind, start) {
    this.kind = kind;
    this.start = start;
    this.items = [];  // each a list of paragraphs, each a list of lines
    this.loose = false;
  }

  /* Adds the paragraphs and list items of one stretch of text between blank lines to `blocks`. */
  function read(lines, blocks) {
    var previous = blocks.length ? blocks[blocks.length - 1] : null;
    if (previous instanceof List && (lines[0].charAt(0) === " " || lines[0].charAt(0) === "\t") && !listItem(lines[0])) {
      previous.items[previous.items.length - 1].push(lines.map(strip));  // an indented paragraph of the item above
      previous.loose = true;
      return;
    }
    var current = null;  // the paragraph (a list of lines) or List this stretch is adding to
    lines.forEach(function (line) {
      var marker = listItem(line);
      if (marker) {
        var kind = marker[2] !== undefined ? "ol" : "ul";
        if (current === null && previous instanceof List && previous.kind === kind) {
          current = previous;
          current.loose = true;  // items apart by a blank line: one list
        } else if (!(current instanceof List && current.kind === kind)) {
          current = new List(kind, parseInt(marker[2] || "1", 10));
          blocks.push(current);
        }
        current.items.push([[strip(line.slice(marker[0].length))]]);
      } else if (current instanceof List) {
        var paragraphs = current.items[current.items.length - 1];
        paragraphs[paragraphs.length - 1].push(strip(line));  // a line that continues the item above
      } else if (current === null) {
        current = [strip(line)];
        blocks.push(current);
      } else {
        current.push(strip(line));
      }
    });
  }

  function html(block) {
    if (!(block instanceof List)) return "<p>" + inlineHtml(block.join("\n")) + "</p>";
    var start = block.kind === "ol" && block.start !== 1 ? ' start="' + block.start + '"' : "";
    var items = block.items.map(function (paragraphs) {
      var texts = paragraphs.map(function (lines) { return inlineHtml(lines.join("\n")); });
      return block.loose ? texts.map(function (t) { return "\n<p>" + t + "</p>"; }).join("") + "\n" : texts[0];
    });
    return "<" + block.kind + start + ">\n" + items.map(function (item) { return "<li>" + item + "</li>\n"; }).join("") +
      "</" + block.kind + ">";
  }

  function inlineHtml(text) {
    var out = [];
    var openers = [];  // star runs that may open emphasis: [index in out, length]
    var end = 0;
    var match;
    var tokens = new RegExp(INLINE);  // its own: a link's text is read by a call of this inside the loop
    while ((match = tokens.exec(text)) !== null) {
      if (match.index > end) out.push(plain(text.slice(end, match.index)));
      end = match.index + match[0].length;
      var groups = match.groups;
      if (groups.escaped !== undefined) {
        out.push(escape(groups.escaped));
      } else if (groups.code !== undefined) {
        out.push("<code>" + escape(groups.code) + "</code>");
      } else if (groups.label !== undefined) {
        out.push(link(groups));
      } else {
        stars(text, match, out, openers);
      }
    }
    if (end < text.length) out.push(plain(text.slice(end)));
    return out.join("");
  }

  function link(groups) {
    if (groups.image !== undefined || !SAFE_HREF.test(groups.href)) {
      return inlineHtml(groups.label);  // an image becomes its description; an unsafe link its text
    }
    return '<a href="' + attribute(groups.href) + '">' + inlineHtml(groups.label) + "</a>";
  }

  /* Emphasis: a run of stars opens before a word and closes after one, matched like brackets. */
  function stars(text, match, out, openers) {
    var run = match.groups.stars;
    var startAt = match.index;
    var endAt = match.index + match[0].length;
    var before = startAt ? text.charAt(startAt - 1) : " ";
    var after = endAt < text.length ? text.charAt(endAt) : " ";
    var canOpen = !isSpace(after);
    var canClose = !isSpace(before);
    var tags = TAGS[run.length];
    if (tags && canClose && openers.length && openers[openers.length - 1][1] === run.length) {
      var opener = openers.pop();
      out[opener[0]] = tags[0];
      out.push(tags[1]);
      return;
    }
    if (tags && canOpen) openers.push([out.length, run.length]);
    out.push(run);  // stays as typed unless a closing run is found
  }

  function plain(text) {
    if (!TERMS) return escape(text);
    var out = [];
    var end = 0;
    var match;
    TERMS.lastIndex = 0;
    while ((match = TERMS.exec(text)) !== null) {
      out.push(escape(text.slice(end, match.index)));
      out.push('<abbr title="' + attribute(GLOSSARY[match[0]]) + '">' + escape(match[0]) + "</abbr>");
      end = match.index + match[0].length;
    }
    out.push(escape(text.slice(end)));
    return out.join("");
  }

  /* Paragraphs and lists of HTML. */
  function block(text) {
    if (!text || !strip(text)) return "";
    text = strip(text.replace(/\r\n/g, "\n").replace(/\r/g, "\n"));
    var blocks = [];
    text.split(PARAGRAPH_BREAK).forEach(function (chunk) { read(chunk.split("\n"), blocks); });
    return blocks.map(html).join("\n");
  }

  /* HTML for a single line of text, without the paragraph around it. */
  function inline(text) {
    var out = block(text);
    if (out.slice(0, 3) === "<p>" && out.slice(-4) === "</p>" && out.split("<p>").length === 2) return out.slice(3, -4);
    return out;
  }

  window.LibraryText = { block: block, inline: inline, escape: escape, strip: strip, isSpace: isSpace };
})();
