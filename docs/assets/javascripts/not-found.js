/* Amino Atlas: the root 404 page. Static hosts (GitHub Pages) serve it for every missing URL, in any
 * language: a reader whose URL lies in another language's folder goes on to that language's own 404
 * page. The folders come from the page itself (a JSON block written by hooks/translations_hook.py),
 * so this file holds no paths or languages; only their last parts are used ("…/en/" -> "/en/"), so it
 * works whatever base path the site is served under. Without JavaScript the page shows every
 * language's text. */
(function () {
  "use strict";
  var data = document.getElementById("atlas-not-found-pages");
  if (!data) return;
  var pages, path = location.pathname;
  try { pages = JSON.parse(data.textContent); } catch (error) { return; }
  function lastPart(url) {
    var parts = url.split("/").filter(Boolean);
    return parts.length ? parts[parts.length - 1] : "";
  }
  for (var folder in pages) {
    if (!Object.prototype.hasOwnProperty.call(pages, folder)) continue;
    var segment = "/" + lastPart(folder) + "/", at = path.indexOf(segment);
    if (segment === "//" || at < 0) continue;
    var target = path.slice(0, at + segment.length) + lastPart(pages[folder]);
    if (path !== target) location.replace(target);
    return;
  }
})();
