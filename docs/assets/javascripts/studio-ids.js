/* The case study's id, made from its title and place as `new-case-study` and `from-issue` make it
 * (scaffold.case_study_id), and the slug of a place's page (slugs.slugify). The words trimmed from a title's
 * ends, the longest id, the names the site keeps for itself and the letters NFKD leaves whole are the build's
 * (window.LIBRARY_STUDIO.id); the twins' corpus holds the two to the same ids (tests/twins/corpus/ids.json).
 */
(function () {
  "use strict";

  var python = window.LibraryPython;
  var id = window.LIBRARY_STUDIO.id;
  var NOT_SLUG = python.regex(id.not_slug, "g");

  /* slugs.slugify: 'Łódź' -> 'lodz', 'Brighton & Hove' -> 'brighton-and-hove'. */
  function slugify(value) {
    var apart = "";
    for (var c of value.toLowerCase()) apart += id.letters_apart[c] || c;
    var bare = apart.normalize("NFKD").replace(/\p{M}/gu, "").replace(/&/g, id.ampersand);
    return python.stripChars(bare.replace(NOT_SLUG, "-"), "-");
  }

  /* scaffold.case_study_id: the place, then the title without the place's name. */
  function caseStudyId(place, title) {
    var placeWords = slugify(place) ? slugify(place).split("-") : [];
    var words = slugify(title).split("-").filter(function (w) { return w; });
    for (var start = 0; start <= words.length - placeWords.length; start++) {
      if (placeWords.length && placeWords.every(function (w, i) { return words[start + i] === w; })) {
        words.splice(start, placeWords.length);
        break;
      }
    }
    var edge = id.edge_words;
    while (words.length && edge.indexOf(words[0]) !== -1) words.shift();
    while (words.length && edge.indexOf(words[words.length - 1]) !== -1) words.pop();
    var slug = placeWords.concat(words).join("-");
    if (slug.length > id.max) {
      slug = slug.slice(0, id.max);
      if (slug.lastIndexOf("-") !== -1) slug = slug.slice(0, slug.lastIndexOf("-"));
    }
    return id.reserved.indexOf(slug) !== -1 ? slug + id.reserved_suffix : slug;
  }

  window.LibraryStudioRules = Object.assign(window.LibraryStudioRules || {}, { slugify: slugify, caseStudyId: caseStudyId });
})();
