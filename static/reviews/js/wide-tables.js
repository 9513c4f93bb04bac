/*
 * Tables wider than the screen scroll in their own box, not the page (WCAG 1.4.10, reflow: at
 * 320 px nothing scrolls sideways). Every table in <main> sits in a .table-scroll box
 * (portal.css: overflow-x auto); while the table is wider than its box, the box is a named,
 * focusable region (tabindex="0", role="region", aria-label: the table's caption, its label or
 * the heading above it), so that the keyboard can scroll it too. Checked again on resize.
 * A file of its own because the Content-Security-Policy forbids inline scripts; loaded by
 * base.html, whose script tag carries the fallback name (data-label).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var fallback = (script && script.dataset.label) || "";

  function clean(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  function nameOf(table) {
    if (table.caption && clean(table.caption.textContent)) return clean(table.caption.textContent);
    if (table.getAttribute("aria-label")) return clean(table.getAttribute("aria-label"));
    var by = table.getAttribute("aria-labelledby");
    if (by) {
      var text = by.split(/\s+/).map(function (id) {
        var el = document.getElementById(id);
        return el ? el.textContent : "";
      }).join(" ");
      if (clean(text)) return clean(text);
    }
    var heading = null;
    document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").forEach(function (h) {
      if (h.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
    });
    return heading ? clean(heading.textContent) : fallback;
  }

  function boxes() {
    var found = [];
    document.querySelectorAll("main table").forEach(function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-scroll")) {
        if (box.classList.contains("table-responsive") && box.children.length === 1) {
          box.classList.add("table-scroll");
        } else {
          box = document.createElement("div");
          box.className = "table-scroll";
          table.parentNode.insertBefore(box, table);
          box.appendChild(table);
        }
      }
      found.push([box, table]);
    });
    return found;
  }

  var wrapped = boxes();

  function mark() {
    wrapped.forEach(function (pair) {
      var box = pair[0];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(pair[1]));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  mark();
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(mark, 100);
  });
})();
