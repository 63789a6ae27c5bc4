/* Work a person keeps in this browser, and in files they download and open again: what the contribution studio
 * (studio-draft.js) and the reflection tool (reflection-file.js) share. Each brings its own format and its own
 * check; this keeps the work in the browser's storage when the browser allows it, reads it back through the check,
 * downloads it as a file, and reads a chosen file through the same check. Nothing is sent anywhere: the storage is
 * this browser's, files are made with Blob and read with FileReader.
 *
 *   var kept = window.LibraryBrowserDraft(storageKey, check);  // check(data) -> {problem: "..."} or the page's result
 *   kept.canStore, kept.stored(), kept.store(data), kept.unstore()
 *   window.LibraryBrowserDraft.download(fileName, text, type)
 *   window.LibraryBrowserDraft.open(file, {maxBytes, parse, check}) -> a promise of what was in it
 */
(function () {
  "use strict";

  /* localStorage when the browser allows it; null in private browsing, a locked-down browser or file:// restrictions. */
  function storageFor(key) {
    try {
      var probe = key + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function BrowserDraft(key, check) {
    var storage = storageFor(key);
    return {
      canStore: !!storage,

      /* What was stored, as `check` reads it ({problem: "not readable"} when it is not JSON), or null when nothing is. */
      stored: function () {
        var text = null;
        try {
          text = storage ? storage.getItem(key) : null;
        } catch (e) { /* unreadable: as if none */ }
        if (text === null) return null;
        try {
          return check(JSON.parse(text));
        } catch (e) {
          return { problem: "not readable" };
        }
      },

      /* Keeps `data` (the page's file format); false when it could not be kept (no storage, or storage full). */
      store: function (data) {
        try {
          if (!storage) return false;
          storage.setItem(key, JSON.stringify(data));
          return true;
        } catch (e) {
          return false;  // full, or storage was switched off while the page was open
        }
      },

      unstore: function () {
        try {
          if (storage) storage.removeItem(key);
        } catch (e) { /* nothing stored to remove */ }
      }
    };
  }

  /* A file made in the browser and handed to the person as a download. */
  BrowserDraft.download = function (name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);  // after the browser has taken the file
  };

  /* What a chosen file holds, read as the page's format: a promise of {tooLarge: true} (more than `maxBytes`),
     {unreadable: true} (`parse` threw: not the page's kind of file), {problem} (from `check`) or {result} (what
     `check` returned). It is rejected when the browser could not read the file at all. */
  BrowserDraft.open = function (file, how) {
    if (file.size > how.maxBytes) return Promise.resolve({ tooLarge: true });
    return readAsText(file).then(function (text) {
      var data;
      try {
        data = how.parse(text);
      } catch (e) {
        return { unreadable: true };
      }
      var result = how.check(data);
      return result.problem ? { problem: result.problem } : { result: result };
    });
  };

  function readAsText(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file);
    });
  }

  window.LibraryBrowserDraft = BrowserDraft;
})();
