/* Small helpers the contribution studio's scripts share to build the page: elements, the templates of
 * overrides/library/studio-form.md, and contributed text drawn safely.
 *
 * Contributed text reaches the page as text (textContent) or as HTML from studio-text.js, the site's
 * renderer, copied element by element from an inert document with only the renderer's own elements and
 * attributes allowed: never as markup of its own.
 */
(function () {
  "use strict";

  var renderer = window.LibraryText;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] === true) node.setAttribute(name, "");
      else if (attributes[name] !== false && attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* A copy of the studio's template `name`; with `number`, every __N__ in its attributes and text becomes it. */
  function template(root, name, number) {
    var content = root.querySelector('[data-library-studio-template="' + name + '"]').content.cloneNode(true);
    if (number === undefined) return content;
    var mark = /__N__/g;
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data.indexOf("__N__") !== -1) node.data = node.data.replace(mark, String(number));
        continue;
      }
      Array.prototype.forEach.call(node.attributes, function (attribute) {
        if (attribute.value.indexOf("__N__") !== -1) attribute.value = attribute.value.replace(mark, String(number));
      });
    }
    return content;
  }

  /* The renderer's HTML as nodes: parsed in an inert document, then copied with only its own
     elements and attributes. The renderer escapes all text, so nothing else is ever there. */
  var ALLOWED = { P: [], UL: ["start"], OL: ["start"], LI: [], EM: [], STRONG: [], CODE: [], A: ["href"], ABBR: ["title"] };

  function rendered(html) {
    var fragment = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    copyInto(parsed.body, fragment);
    return fragment;
  }

  function copyInto(from, to) {
    Array.prototype.forEach.call(from.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.data));
      } else if (node.nodeType === Node.ELEMENT_NODE && ALLOWED[node.tagName]) {
        var copy = document.createElement(node.tagName.toLowerCase());
        ALLOWED[node.tagName].forEach(function (name) {
          if (node.hasAttribute(name)) copy.setAttribute(name, node.getAttribute(name));
        });
        copyInto(node, copy);
        to.appendChild(copy);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        to.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  /* A message shown in an error box (the element `box`), and linked to the control it is about. */
  function showErrors(box, messages, control) {
    clear(box);
    box.hidden = !messages || !messages.length;
    (messages || []).forEach(function (message) {
      box.appendChild(el("p", {}, [el("span", { "class": "library-visually-hidden" }, ["Error: "]), message]));
    });
    if (!control) return;
    var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (d) { return d && d !== box.id; });
    if (!box.hidden) described.push(box.id);
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
    if (box.hidden) control.removeAttribute("aria-invalid");
    else if (control.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
  }

  window.LibraryStudioDom = {
    el: el, clear: clear, template: template, showErrors: showErrors,
    block: function (text) { return rendered(renderer.block(text)); },
    inline: function (text) { return rendered(renderer.inline(text)); }
  };
})();
