/*
 * A refused form (reviews/_error_summary.html): focus moves to its error summary, so that a
 * keyboard or screen-reader user starts from the list of what to correct; each entry links to
 * its field, and following a link puts the focus in that field.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  });
})();
