/* Amino Atlas: the 404 page's one script, inlined by hooks/not_found_hook.py (allowed by its SHA-256 in
 * the page's Content-Security-Policy). A static host serves the root 404.html at the missing URL itself,
 * at any depth and under whatever base path the site is served from, so the page's links cannot be
 * written at build time. This script finds the site's home from the URL, with the site data of the page
 * (a JSON block: the configured site path, the language folders, the site's top-level page folders):
 *  1. a URL under the configured site path: the site lies there;
 *  2. else a URL holding a language folder or one of the site's page folders (".../en/...",
 *     ".../glutamine/..."): the site lies just above it;
 *  3. else, when the reader came from a page of the same host (a broken link on the site), the site lies
 *     where that page's address says (above its first language or page folder), if the URL lies there too;
 *  4. else the site lies as deep as the configured path does (a fork's Pages: "/<repository>/"), but no
 *     deeper than the URL allows (a one-folder URL on a server's root: "/").
 * Case 4 is a guess no page can avoid without asking the server, which would log an error for every
 * wrong guess. Then it applies the palette the reader chose on the site, puts the URL's language first,
 * points the home links and search forms at that home, and puts the missing page's name into the search
 * field. Without JavaScript the links lead to the configured site path and every language's text is
 * shown as written. */
(function () {
  "use strict";
  var dataElement = document.getElementById("atlas-404-data");
  if (!dataElement || !document.querySelector) return;
  var site;
  try { site = JSON.parse(dataElement.textContent); } catch (error) { return; }

  function isKnownFolder(part) {
    return part !== site.default &&
      (site.languages.indexOf(part) >= 0 || site.folders.indexOf(part) >= 0);
  }

  /* The site's folders in the address of the page the reader came from, if it is on this host: the
   * folders above its first language or page folder ("/x/en/leucine/" -> ["x"]), or all its folders
   * (a default-language home page, "/x/" -> ["x"]). */
  function referrerFolders() {
    var from;
    try { from = new URL(document.referrer); } catch (error) { return null; }
    if (from.origin !== location.origin) return null;
    var parts = from.pathname.split("/").slice(1, -1);
    for (var at = 0; at < parts.length; at++) {
      if (isKnownFolder(parts[at])) return parts.slice(0, at);
    }
    return parts;
  }

  function startsWith(parts, folders) {
    for (var i = 0; i < folders.length; i++) if (parts[i] !== folders[i]) return false;
    return true;
  }

  /* Where the site lies for a URL path: {folders: [...], lang: "en", rest: "missing-page"}. */
  function locate(path) {
    var parts = path.split("/").slice(1), name = parts.pop();
    // the base holds folders only, and something must be missing below it
    var deepest = name === "" ? parts.length - 1 : parts.length, depth = -1, at;
    var root = site.root.split("/").filter(Boolean);
    if (root.length && path.indexOf(site.root) === 0 && root.length <= deepest) depth = root.length;
    for (at = 0; depth < 0 && at < deepest; at++) {
      if (isKnownFolder(parts[at])) depth = at;
    }
    var came = depth < 0 ? referrerFolders() : null;
    if (came && came.length <= deepest && startsWith(parts, came)) depth = came.length;
    if (depth < 0) depth = Math.max(0, Math.min(root.length, deepest));
    var lang = site.languages.indexOf(parts[depth]) >= 0 && depth < parts.length ? parts[depth] : site.default;
    var below = parts.slice(depth + (lang === site.default ? 0 : 1)).concat([name]).filter(Boolean);
    return { folders: parts.slice(0, depth), lang: lang, rest: below.length ? below[below.length - 1] : "" };
  }

  function homeOf(place, lang) {
    var folders = place.folders.concat(lang === site.default ? [] : [lang]);
    return "/" + folders.map(function (part) { return part + "/"; }).join("");
  }

  /* "leucine-dose.html" -> "leucine dose": words worth searching for, or "" (a number, a letter). */
  function searchWords(name) {
    var words;
    try { words = decodeURIComponent(name); } catch (error) { words = name; }
    words = words.replace(/\.html?$/i, "").replace(/[-_+.]+/g, " ").trim().slice(0, 60);
    return /[^\d\s]{3}/.test(words) ? words : "";
  }

  /* The palette the reader chose on the site: Material keeps it under the site's path
   * ("/amino-atlas/.__palette"); set on the page, its attributes select the inlined palette's values. */
  function applyStoredPalette(place) {
    var color;
    try {
      color = JSON.parse(localStorage.getItem(homeOf(place, site.default) + ".__palette")).color;
    } catch (error) { return; }
    ["scheme", "primary", "accent"].forEach(function (name) {
      if (color && typeof color[name] === "string") {
        document.documentElement.setAttribute("data-md-color-" + name, color[name]);
      }
    });
  }

  /* The URL's language first: its section moves up and gets the page's one h1. */
  function putFirst(lang) {
    var sections = document.querySelectorAll("[data-atlas-404-lang]"), first = sections[0], own;
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getAttribute("data-atlas-404-lang") === lang) own = sections[i];
    }
    if (!own || own === first) return;
    first.parentNode.insertBefore(own, first);
    retitle(own, "h1");
    retitle(first, "h2");
    document.documentElement.setAttribute("lang", lang);
  }

  function retitle(section, level) {
    var heading = section.querySelector("h1, h2");
    if (!heading || heading.tagName.toLowerCase() === level) return;
    var replacement = document.createElement(level);
    replacement.id = heading.id;
    replacement.textContent = heading.textContent;
    heading.parentNode.replaceChild(replacement, heading);
  }

  function pageTitle() {
    var titles = [], headings = document.querySelectorAll("[data-atlas-404-lang] > :first-child");
    for (var i = 0; i < headings.length; i++) titles.push(headings[i].textContent);
    return titles.join(" / ") + " - " + site.site;
  }

  var place = locate(location.pathname), words = searchWords(place.rest);
  applyStoredPalette(place);
  putFirst(place.lang);
  document.title = pageTitle();
  var links = document.querySelectorAll("[data-atlas-404-home]");
  for (var i = 0; i < links.length; i++) {
    var section = links[i].closest ? links[i].closest("[data-atlas-404-lang]") : null;
    var home = homeOf(place, section ? section.getAttribute("data-atlas-404-lang") : place.lang);
    links[i].setAttribute(links[i].tagName.toLowerCase() === "form" ? "action" : "href", home);
  }
  var fields = document.querySelectorAll("[data-atlas-404-search]");
  for (var j = 0; j < fields.length && words; j++) fields[j].value = words;
})();
