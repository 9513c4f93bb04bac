/*
 * The portal's word-counting rule, mirror of reviews/wordcount.py: KEEP THE TWO IN SYNC.
 * Both run tests/data/wordcount_vectors.json.
 *
 * 1. Split on whitespace (Unicode White_Space). 2. Every Han, Hiragana or Katakana character is
 * one word. 3. Every other maximal run is one word if it holds a letter or a digit.
 */
(function (root) {
  "use strict";
  var WHITESPACE =
    "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" +
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var IDEOGRAPHIC =
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5" +
    "\u3005\u3007\u3021-\u3029\u3038-\u303b" +
    "\u3041-\u3096\u309d-\u309f" +
    "\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3300-\u3357" +
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9" +
    "\uff66-\uff6f\uff71-\uff9d" +
    "\u{1b000}-\u{1b122}\u{1b150}-\u{1b152}\u{1b164}-\u{1b167}" +
    "\u{20000}-\u{2a6df}\u{2a700}-\u{2ebe0}\u{2f800}-\u{2fa1d}\u{30000}-\u{3134a}";
  var SPACES = new RegExp("[" + WHITESPACE + "]+", "u");
  var PIECES = new RegExp("[" + IDEOGRAPHIC + "]|[^" + IDEOGRAPHIC + "]+", "gu");
  var IDEOGRAPH = new RegExp("^[" + IDEOGRAPHIC + "]$", "u");
  var LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

  function countWords(text) {
    var count = 0;
    var tokens = String(text || "").split(SPACES);
    for (var i = 0; i < tokens.length; i++) {
      var pieces = tokens[i].match(PIECES) || [];
      for (var j = 0; j < pieces.length; j++) {
        if (IDEOGRAPH.test(pieces[j]) || LETTER_OR_DIGIT.test(pieces[j])) count++;
      }
    }
    return count;
  }

  root.gcmCountWords = countWords;

  /*
   * What a screen reader hears of a live word counter. The visible counter changes on every
   * keystroke; announcing each change would talk over the typing. Its polite live region
   * (id: the counter's id + "-live") is written only when the count crosses the limit (at once,
   * either way) or when typing has paused for PAUSE milliseconds; the first call, when the
   * page opens, only records the state.
   */
  var PAUSE = 1500;
  var announcers = {};

  function announceCount(counter, text, over) {
    var live = root.document && root.document.getElementById(counter.id + "-live");
    if (!live) return;
    var state = announcers[counter.id];
    if (!state) {
      announcers[counter.id] = { over: over, timer: null };
      return;
    }
    clearTimeout(state.timer);
    if (over !== state.over) {
      state.over = over;
      live.textContent = text;
      return;
    }
    state.timer = setTimeout(function () { live.textContent = text; }, PAUSE);
  }

  root.gcmAnnounceCount = announceCount;
})(typeof window !== "undefined" ? window : globalThis);
