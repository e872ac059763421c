/* Amino Atlas reader theme: keyboard access to glossary tooltips.
 * Material's `content.tooltips` shows an <abbr>'s explanation on hover and on focus, but an <abbr>
 * cannot take focus. Make each glossary term in the article focusable, except terms inside a link
 * (the link already takes focus, and focusable content inside a link is invalid HTML). */
(function () {
  "use strict";
  var terms = document.querySelectorAll(".md-content abbr[title]");
  for (var i = 0; i < terms.length; i++) {
    if (!terms[i].closest("a, button") && !terms[i].hasAttribute("tabindex")) {
      terms[i].setAttribute("tabindex", "0");
    }
  }
})();
