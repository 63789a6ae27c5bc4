/* How a JavaScript regular expression's time grows with the text: the browser's half of tests/test_linear_time.py.
 *
 * `screen(patterns, sizes, least)` times every shape of every pattern at two small sizes (wall time) and returns
 * each pattern's shapes, fastest-growing first. `repeat(pattern, shape, size, times)` searches one text `times`
 * times, and `baseline(shape, size, times)` looks at each of its characters, for the test to read the processor
 * time each took.
 *
 * Each pattern runs as the studio can run it at most: every match in the text, from every position (a
 * sticky or anchored use does less work than that, never more).
 */
(function (root) {
  "use strict";

  var texts = new Map();

  function compile(pattern) {
    return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "") + "g");
  }

  function text(shape, size) {
    var lead = shape[0], unit = shape[1], end = shape[2];
    var count = Math.max(1, Math.floor((size - lead.length - end.length) / unit.length));
    return lead + unit.repeat(count) + end;
  }

  function all(re, value) {
    re.lastIndex = 0;
    var match, found = 0;
    while ((match = re.exec(value)) !== null) {
      found++;
      if (match[0] === "") re.lastIndex++;
    }
    return found;
  }

  /* Milliseconds for one search of the whole text: repetitions doubled until they last `least` ms, so that reading
     the clock costs nothing beside them. Wall time: good enough to choose the shapes to time more carefully. */
  function time(re, value, least) {
    for (var times = 1; ; times *= 2) {
      var start = performance.now();
      for (var i = 0; i < times; i++) all(re, value);
      var elapsed = performance.now() - start;
      if (elapsed >= least) return elapsed / times;
    }
  }

  /* The baseline: a look at each character of the text, the least a linear scan does. Its own function, called with
     nothing else, so that the compiler treats it the same way at every size. */
  function scan(value, times) {
    var hash = 0;
    for (var t = 0; t < times; t++) {
      for (var i = 0; i < value.length; i++) hash = (hash * 31 + value.charCodeAt(i)) | 0;
    }
    return hash;
  }

  /* The text of a shape at a size, made once and flat (a joined string is a tree until something flattens it). */
  function flatText(shape, size) {
    var key = JSON.stringify([shape, size]);
    if (!texts.has(key)) {
      var value = text(shape, size);
      /$/.test(value);  // a search flattens the string it reads
      texts.set(key, value);
    }
    return texts.get(key);
  }

  /* Searches one text `times` times (the test reads the processor time the page's thread took around the call). */
  function repeat(pattern, shape, size, times) {
    var value = flatText(shape, size);
    var re = compile(pattern);
    var out = 0;
    for (var i = 0; i < times; i++) out += all(re, value);
    return out;
  }

  /* How many searches (pattern null: baseline scans) of the text last `least` milliseconds of wall time: the test
     then times that many in processor time, in one call. */
  function calibrate(pattern, shape, size, least) {
    for (var times = 1; ; times *= 2) {
      var start = performance.now();
      if (pattern === null) baseline(shape, size, times);
      else repeat(pattern, shape, size, times);
      if (performance.now() - start >= least) return times;
    }
  }

  /* The baseline's scan of the same text, `times` times. */
  function baseline(shape, size, times) {
    return scan(flatText(shape, size), times);
  }

  function screen(patterns, sizes, least) {
    return patterns.map(function (pattern) {
      var re = compile(pattern);
      var results = pattern.shapes.map(function (shape) {
        var small = text(shape, sizes[0]);
        var large = text(shape, sizes[1]);
        all(re, small);  // V8 compiles a pattern to machine code after its first run: time that code
        all(re, large);
        var a = Math.min(time(re, small, least), time(re, small, least));  // the better of two: a pause for garbage
        var b = Math.min(time(re, large, least), time(re, large, least));  // collection makes one slower, never faster
        return { shape: shape, ratio: b / Math.max(a, 1e-6) };
      });
      results.sort(function (x, y) { return y.ratio - x.ratio; });
      return results;
    });
  }

  root.RegexTiming = { screen: screen, repeat: repeat, baseline: baseline, calibrate: calibrate, text: text };
})(typeof window !== "undefined" ? window : globalThis);
