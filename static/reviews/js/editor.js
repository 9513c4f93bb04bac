/*
 * The review editor: live word counters, autosave, and the copy of unsaved text kept in the browser.
 * - Counters: every textarea with data-counter updates the element it names, "612 / 500 words",
 *   and marks it when over the limit (the limit is enforced only at submission). An objective
 *   entry's counter (data-entry-text) shows the entry's words and its section's total apart.
 * - Autosave: the form is posted to data-autosave-url three seconds after typing stops
 *   (debounced), when focus leaves the form, and when the page is hidden or left. The status
 *   (#autosave-status, kept in view by the sticky bar) says "Saving…", "Saved at 10:42" or
 *   "Not saved: <reason> — your text is kept in this browser"; a lost connection, or a server
 *   briefly unavailable (503: the database restarting), is retried 15 seconds later.
 *   A refused save (a colleague changed the same part) stops autosaving and says so; the text
 *   stays on the page.
 * - The copy: what is typed is kept in localStorage, one copy per user, review and part (people
 *   sharing a browser never see each other's text), until the server has it: a successful
 *   autosave removes it, and so does the page shown after a successful save. When the editor
 *   opens on a copy that differs from the server's text, the region #unsaved-restore shows both
 *   and offers to restore or discard it. It is dropped without asking only when the user's own
 *   later save replaced it; when someone saved the part after the copy's text was started,
 *   restoring also restores the version it started from, so saving shows the conflict page with
 *   both texts instead of overwriting the colleague's. Every word shown comes from the template.
 */
(function () {
  "use strict";
  var DEBOUNCE = 3000;  // autosave this long after typing stops
  var RETRY = 15000;    // and again this long after a failed connection
  // Inputs the user does not type into: the CSRF token, the version, a formset's counts.
  var NOT_TYPED = { hidden: true, submit: true, button: true, reset: true, image: true, file: true };

  // Numbers as the page's language writes them (2,340; 2 340; ٢٬٣٤٠).
  function formatNumber(n) {
    try { return new Intl.NumberFormat(document.documentElement.lang || undefined).format(n); }
    catch (e) { return String(n); }
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? formatNumber(values[name]) : all;
    });
  }

  // A counter adds up every field that names it (an objective's narrative and its practices).
  function updateCounter(field) {
    var counter = document.getElementById(field.dataset.counter);
    if (!counter || !window.gcmCountWords) return;
    var limit = parseInt(counter.dataset.limit, 10);
    var base = parseInt(counter.dataset.base || "0", 10);
    var own = 0;
    document.querySelectorAll('[data-counter="' + field.dataset.counter + '"]').forEach(function (f) {
      own += window.gcmCountWords(f.value);
    });
    var words = base + own;
    // No limit (data-limit empty, NaN here): the count alone, never "over".
    var limited = !isNaN(limit);
    var over = limited && words > limit;
    if (counter.dataset.entryText) {
      // An objective entry: its own words, and its section's total, separately.
      counter.querySelector(".entry-counter-entry").textContent = fill(counter.dataset.entryText, { entry: own });
      var total = fill(counter.dataset.totalText, { total: words, limit: limit });
      counter.querySelector(".entry-counter-total").textContent =
        over ? total + " — " + counter.dataset.overText : total;
    } else {
      var text = (limited ? words + " / " + limit : words) + " " + counter.dataset.wordsText;
      if (over) text += " — " + counter.dataset.overText;
      counter.textContent = text;
    }
    counter.classList.toggle("over-limit", over);
    // Its live region speaks past the limit or when typing pauses, not on every key (wordcount.js).
    if (window.gcmAnnounceCount) window.gcmAnnounceCount(counter, counter.textContent, over);
  }

  function setupCounters(form) {
    form.querySelectorAll("[data-counter]").forEach(function (textarea) {
      textarea.addEventListener("input", function () { updateCounter(textarea); });
      updateCounter(textarea);
    });
  }

  // --- The fields as typed -----------------------------------------------------------------

  function typedFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && !NOT_TYPED[el.type];
    });
  }

  function isChoice(el) { return el.type === "checkbox" || el.type === "radio"; }
  function isText(el) { return !isChoice(el) && el.tagName !== "SELECT"; }

  // Every field's values by name; a name is present even when nothing is chosen, so a copy knows
  // which fields its page had. Line endings as the textarea holds them ("\n").
  function readFields(form) {
    var state = {};
    typedFields(form).forEach(function (el) {
      var values = state[el.name] || (state[el.name] = []);
      if (isChoice(el)) {
        if (el.checked) values.push(el.value);
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { values.push(o.value); });
      } else {
        values.push(el.value.replace(/\r\n/g, "\n"));
      }
    });
    return state;
  }

  function writeFields(form, state) {
    var position = {};
    typedFields(form).forEach(function (el) {
      var values = state[el.name];
      if (!values) return;  // the copy's page had no such field
      if (isChoice(el)) {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else {
        var i = position[el.name] || 0;
        position[el.name] = i + 1;
        el.value = i < values.length ? values[i] : "";
      }
    });
  }

  function changedNames(a, b) {
    var names = [];
    Object.keys(a).concat(Object.keys(b)).forEach(function (name) {
      if (names.indexOf(name) === -1 && JSON.stringify(a[name] || []) !== JSON.stringify(b[name] || [])) {
        names.push(name);
      }
    });
    return names;
  }

  function versionOf(form) {
    var input = form.querySelector("input[name=version]");
    return input ? parseInt(input.value, 10) || 0 : 0;
  }

  // --- The copy in localStorage --------------------------------------------------------------

  // The copy of one user's unsaved text for one part: {fields, base: the version the text started
  // from, savedAt: when it was last typed}. Storage may be full or switched off: then no copy.
  function unsavedCopy(region) {
    var d = region.dataset;
    var key = "gcm-unsaved:" + d.user + ":" + d.review + ":" + d.part;
    return {
      pending: false,  // offered and not yet answered: typing and autosave leave the copy alone
      read: function () {
        try {
          var copy = JSON.parse(window.localStorage.getItem(key));
          return copy && copy.fields && typeof copy.base === "number" ? copy : null;
        } catch (e) { return null; }
      },
      kept: false,  // the last write reached the browser's storage
      write: function (fields, base) {
        try {
          window.localStorage.setItem(key, JSON.stringify({ fields: fields, base: base, savedAt: Date.now() }));
          this.kept = true;
        } catch (e) { this.kept = false; /* full or switched off */ }
      },
      remove: function () {
        try { window.localStorage.removeItem(key); } catch (e) { /* switched off */ }
      }
    };
  }

  function setupAutosave(form, copy) {
    var url = form.dataset.autosaveUrl;
    var status = document.getElementById("autosave-status");
    if (!url || !status) return;
    var edits = 0;      // inputs so far; a save sends the text of one of them
    var savedEdit = 0;  // the last input the server has
    var stopped = false;
    var inFlight = false;
    var timer = null;

    function dirty() { return edits !== savedEdit; }

    function say(text, kind) {
      status.textContent = text;
      status.dataset.state = kind || "";
    }

    // "Not saved: <reason> — your text is kept in this browser" (when it is: storage may be off).
    function sayNotSaved(reason, retrying) {
      var kept = copy && copy.kept;
      var suffix = kept ? (retrying ? status.dataset.keptText : status.dataset.keptShortText) : "";
      say(reason.replace(/[.\s]+$/, "") + (suffix ? " " + suffix : "."), "error");
    }

    function later(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(false); }, delay);
    }

    function save(keepalive) {
      window.clearTimeout(timer);
      // While the offer is open the user has not chosen which text to keep: send neither.
      if (!dirty() || stopped || (copy && copy.pending)) return;
      // One save at a time: what was typed meanwhile goes when this one is answered.
      if (inFlight) return;
      inFlight = true;
      var sending = edits;
      var body = new FormData(form);
      // A keepalive request outlives the page, but browsers cap its body at 64 kB.
      var size = 0;
      body.forEach(function (value) { size += typeof value === "string" ? value.length * 3 : 0; });
      say(status.dataset.savingText, "saving");
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive && size < 60000,
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      }).then(function (result) {
        inFlight = false;
        if (result.json.ok) {
          savedEdit = sending;
          form.querySelector("input[name=version]").value = result.json.version;
          say(result.json.message, "saved");
          // Typed while the save travelled: that text is not on the server yet, keep its copy.
          if (dirty()) later(DEBOUNCE);
          else if (copy) copy.remove();
        } else if (result.json.conflict) {
          stopped = true;
          say(result.json.message, "conflict");
        } else if (result.status === 503) {
          // Briefly unavailable (a database restart): the message says it retries; the copy
          // in this browser keeps the text meanwhile.
          sayNotSaved(result.json.error || status.dataset.failedText, !result.json.error);
          later(RETRY);
        } else {
          // Refused (a field, the status): the next input tries again, not a timer.
          // 401: signed out (idle or too long): stop until the person logs in again.
          if (result.status === 403 || result.status === 401) stopped = true;
          sayNotSaved(result.json.error || status.dataset.failedText, false);
        }
      }).catch(function () {
        inFlight = false;
        sayNotSaved(status.dataset.failedText, true);
        later(RETRY);
      });
    }

    form.addEventListener("input", function () {
      edits += 1;
      say(status.dataset.unsavedText, "dirty");
      if (copy && !copy.pending) copy.write(readFields(form), versionOf(form));
      // Debounced: saved once typing has paused, not on a clock.
      later(DEBOUNCE);
    });
    // Leaving a field (or the page) saves what it holds at once.
    form.addEventListener("focusout", function (event) {
      // keepalive: leaving the field may be clicking a link away from the page.
      if (!form.contains(event.relatedTarget)) save(true);
    });
    // The copy stays until the server has the text: the next page drops it (see offerCopy).
    form.addEventListener("submit", function () { stopped = true; window.clearTimeout(timer); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
    window.addEventListener("pagehide", function () { save(true); });
    form.gcmAutosave = function () { save(false); };  // for tests and the keyboard shortcut
    form.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key === "s") {
        event.preventDefault();
        if (!dirty()) edits += 1;  // saved on demand even when nothing changed
        save(false);
      }
    });
  }

  // --- The offer -----------------------------------------------------------------------------

  function labelOf(el) {
    var text = el.labels && el.labels.length ? el.labels[0].textContent : el.name;
    text = text.replace(/\s+/g, " ").replace(/\s*\*\s*$/, "").trim();  // crispy's "required" star
    var group = el.closest("[data-restore-group]");
    return group ? group.dataset.restoreGroup + " · " + text : text;
  }

  function showText(box, text, field, emptyText) {
    box.classList.toggle("unsaved-restore-empty", !text);
    box.textContent = text || emptyText;
    ["lang", "dir"].forEach(function (name) {
      if (text && field.getAttribute(name)) box.setAttribute(name, field.getAttribute(name));
    });
  }

  // Fill the region: one pair of texts per changed text field, a list of the other changed fields.
  function describe(form, region, names, kept, onPage) {
    var pairs = region.querySelector(".unsaved-restore-pairs");
    var template = region.querySelector("template.unsaved-restore-pair");
    var others = region.querySelector(".unsaved-restore-others");
    var empty = region.dataset.emptyText;
    pairs.textContent = "";
    others.querySelector("ul").textContent = "";
    var otherLabels = [];
    names.forEach(function (name, n) {
      var fields = typedFields(form).filter(function (el) { return el.name === name; });
      if (!fields.length) return;
      if (isText(fields[0])) {
        var pair = template.content.firstElementChild.cloneNode(true);
        var label = pair.querySelector(".unsaved-restore-label");
        label.id = "unsaved-restore-label-" + n;
        label.textContent = labelOf(fields[0]);
        [["mine", kept[name]], ["theirs", onPage[name]]].forEach(function (side) {
          var heading = pair.querySelector(".unsaved-restore-" + side[0] + "-heading");
          var box = pair.querySelector(".unsaved-restore-" + side[0]);
          heading.id = "unsaved-restore-" + side[0] + "-" + n;
          box.setAttribute("aria-labelledby", label.id + " " + heading.id);
          showText(box, (side[1] || []).join("\n"), fields[0], empty);
        });
        pairs.appendChild(pair);
      } else {
        fields.forEach(function (el) {
          var changed = isChoice(el)
            ? ((kept[name] || []).indexOf(el.value) !== -1) !== el.checked
            : true;
          var text = labelOf(el);
          if (changed && otherLabels.indexOf(text) === -1) otherLabels.push(text);
        });
      }
    });
    otherLabels.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      others.querySelector("ul").appendChild(item);
    });
    others.hidden = !otherLabels.length;
  }

  function showTime(region, savedAt) {
    // The page holds an empty <span>: an empty <time> without a date is not valid HTML.
    var time = document.createElement("time");
    var when = new Date(savedAt);
    region.querySelector(".unsaved-restore-time").replaceChildren(time);
    time.setAttribute("datetime", when.toISOString());
    try {
      time.textContent = when.toLocaleString(document.documentElement.lang || undefined,
        { dateStyle: "medium", timeStyle: "short" });
    } catch (e) {
      time.textContent = when.toLocaleString();
    }
  }

  function offerCopy(form, region, copy) {
    var d = region.dataset;
    var live = document.getElementById("unsaved-restore-live");
    var onPage = readFields(form);
    if (d.pageUnsaved !== undefined) {
      // A refused save re-rendered the user's own text: that is the copy to keep.
      copy.write(onPage, versionOf(form));
      return;
    }
    var kept = copy.read();
    if (!kept) return;
    var names = changedNames(kept.fields, onPage);
    var overtaken = kept.base < (parseInt(d.partVersion, 10) || 0);
    // The server's change is dated to the second: give the copy the benefit of that second.
    var replacedByOwnSave = overtaken && d.changedBy === d.user &&
      ((parseInt(d.changedAt, 10) || 0) + 1) * 1000 >= kept.savedAt;
    if (!names.length || replacedByOwnSave) {
      copy.remove();
      return;
    }

    describe(form, region, names, kept.fields, onPage);
    showTime(region, kept.savedAt);
    region.querySelector(".unsaved-restore-overtaken").hidden = !overtaken;
    copy.pending = true;
    region.hidden = false;
    live.textContent = live.dataset.foundText;
    region.querySelector("#unsaved-restore-heading").focus();

    function close(message, focus) {
      copy.pending = false;
      region.hidden = true;
      live.textContent = message;
      if (focus) focus.focus();
    }

    // Focus goes to the field the offer was about, a text box first (the region is gone).
    var offered = typedFields(form).filter(function (el) { return names.indexOf(el.name) !== -1; });
    var focusAfter = offered.filter(function (el) { return el.tagName === "TEXTAREA"; })[0] ||
      offered.filter(isText)[0] || offered[0];

    region.querySelector(".unsaved-restore-accept").addEventListener("click", function () {
      writeFields(form, kept.fields);
      // Saved since the text was started: saving from the old version shows both texts.
      if (overtaken) form.querySelector("input[name=version]").value = kept.base;
      close(live.dataset.restoredText, focusAfter);
      // Counters, the autosave and the copy learn of the text as if it had been typed.
      offered.forEach(function (el) { el.dispatchEvent(new Event("input", { bubbles: true })); });
    });
    region.querySelector(".unsaved-restore-discard").addEventListener("click", function () {
      copy.remove();
      close(live.dataset.discardedText, focusAfter);
    });
  }

  document.querySelectorAll("form.review-editor").forEach(function (form) {
    var region = form.querySelector("#unsaved-restore");
    var copy = region ? unsavedCopy(region) : null;
    setupCounters(form);
    setupAutosave(form, copy);
    if (copy) offerCopy(form, region, copy);
  });
})();
