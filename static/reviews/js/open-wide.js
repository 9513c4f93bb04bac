/* Parts that fold on a phone (<details data-open-wide>: the review page's table of the 23
   objectives) start open on a wide screen, where they do not push the text out of reach.
   Without JavaScript they start folded everywhere and their summary opens them: the page
   stays whole. A file of its own because the Content-Security-Policy forbids inline scripts. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 768px)").matches) {
    return;
  }
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();
