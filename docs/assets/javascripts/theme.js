/* Amino Atlas reader theme. Runs at the end of <body>, before DOMContentLoaded, so before Material's
 * document$ handlers. */
(function () {
  "use strict";

  /* hreflang links are for search engines (they read them in the HTML source; sitemap.xml carries the
   * same alternates). Material's script, however, takes every <link rel="alternate"> for the root of a
   * language version and fetches "<href>sitemap.xml" next to it: for per-page alternates that is a
   * 404 on our own host (a console error) and, on any other host such as a local preview, a request
   * to a third party. Take them out of the live DOM before Material looks. */
  var alternates = document.querySelectorAll('head link[rel="alternate"][hreflang]');
  for (var a = 0; a < alternates.length; a++) {
    alternates[a].remove();
  }

  /* Keyboard access to glossary tooltips. Material's `content.tooltips` shows an <abbr>'s explanation
   * on hover and on focus, but an <abbr> cannot take focus: make each glossary term focusable, except
   * terms inside a link or button (those already take focus; focusable content inside them is invalid). */
  var terms = document.querySelectorAll(".md-content abbr[title]");
  for (var i = 0; i < terms.length; i++) {
    if (!terms[i].closest("a, button") && !terms[i].hasAttribute("tabindex")) {
      terms[i].setAttribute("tabindex", "0");
    }
  }

  /* Material appends each tooltip to <body>, outside every landmark (axe `region`). Move it into
   * <main>: body is the tooltip's positioning ancestor either way (main and its parents are static). */
  var main = document.querySelector("main");
  if (main && window.MutationObserver) {
    new MutationObserver(function (changes) {
      for (var c = 0; c < changes.length; c++) {
        for (var n = 0; n < changes[c].addedNodes.length; n++) {
          var node = changes[c].addedNodes[n];
          if (node.classList && node.classList.contains("md-tooltip2")) main.appendChild(node);
        }
      }
    }).observe(document.body, { childList: true });
  }
})();
