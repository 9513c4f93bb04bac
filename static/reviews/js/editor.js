/*
 * The review editor: live word counters and autosave.
 * - Counters: every textarea with data-counter updates the element it names, "612 / 500 words",
 *   and marks it when over the limit (the limit is enforced only at submission).
 * - Autosave: the form is posted to data-autosave-url every 30 seconds when it changed, and when
 *   the page is hidden or left. A refused save (a colleague changed the same part) stops
 *   autosaving and says so; the text stays on the page. A copy is kept in localStorage until the
 *   server has it, so a closed tab or a dropped connection loses nothing.
 */
(function () {
  "use strict";
  var INTERVAL = 30000;

  // A counter adds up every field that names it (an objective's narrative and its practices).
  function updateCounter(field) {
    var counter = document.getElementById(field.dataset.counter);
    if (!counter || !window.gcmCountWords) return;
    var limit = parseInt(counter.dataset.limit, 10);
    var words = parseInt(counter.dataset.base || "0", 10);
    document.querySelectorAll('[data-counter="' + field.dataset.counter + '"]').forEach(function (f) {
      words += window.gcmCountWords(f.value);
    });
    var text = words + " / " + limit + " " + counter.dataset.wordsText;
    if (words > limit) text += " — " + counter.dataset.overText;
    counter.textContent = text;
    counter.classList.toggle("over-limit", words > limit);
  }

  function setupCounters(form) {
    form.querySelectorAll("[data-counter]").forEach(function (textarea) {
      textarea.addEventListener("input", function () { updateCounter(textarea); });
      updateCounter(textarea);
    });
  }

  function setupAutosave(form) {
    var url = form.dataset.autosaveUrl;
    var status = document.getElementById("autosave-status");
    if (!url || !status) return;
    var storageKey = "gcm-autosave:" + url;
    var dirty = false;
    var stopped = false;
    var inFlight = false;

    function say(text, kind) {
      status.textContent = text;
      status.dataset.state = kind || "";
    }

    function snapshot() {
      var data = {};
      new FormData(form).forEach(function (value, key) {
        if (key !== "csrfmiddlewaretoken") (data[key] = data[key] || []).push(value);
      });
      return data;
    }

    function save(keepalive) {
      if (!dirty || stopped || inFlight) return;
      inFlight = true;
      var body = new FormData(form);
      say(status.dataset.savingText, "saving");
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      }).then(function (result) {
        inFlight = false;
        if (result.json.ok) {
          dirty = false;
          form.querySelector("input[name=version]").value = result.json.version;
          window.localStorage.removeItem(storageKey);
          say(result.json.message, "saved");
        } else if (result.json.conflict) {
          stopped = true;
          say(result.json.message, "conflict");
        } else {
          say(result.json.error || status.dataset.failedText, "error");
        }
      }).catch(function () {
        inFlight = false;
        say(status.dataset.failedText, "error");
      });
    }

    form.addEventListener("input", function () {
      dirty = true;
      say(status.dataset.unsavedText, "dirty");
      try { window.localStorage.setItem(storageKey, JSON.stringify(snapshot())); } catch (e) { /* full */ }
    });
    form.addEventListener("submit", function () { stopped = true; window.localStorage.removeItem(storageKey); });
    window.setInterval(function () { save(false); }, INTERVAL);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
    window.addEventListener("pagehide", function () { save(true); });
    form.gcmAutosave = function () { save(false); };  // for tests and the keyboard shortcut
    form.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); dirty = true; save(false); }
    });
  }

  document.querySelectorAll("form.review-editor").forEach(function (form) {
    setupCounters(form);
    setupAutosave(form);
  });
})();
