/* Search on demand: Material's search index and worker load when the reader shows intent to search.
 *
 * Material's bundle requests `search/search_index.json` (XMLHttpRequest) and starts the search worker
 * (which then imports lunr's language files) on every page load: about 40 KB gzip that most readers
 * never use. This script runs BEFORE the bundle and defers both, without changing Material itself:
 *  - `send()` of the request for this language's search index is held back until intent;
 *  - `new Worker(<Material's search worker URL>)` returns a stand-in that keeps listeners and queued
 *    messages, and starts the real worker on intent (or on the first message, whichever comes first).
 * Intent: focus or pointer on the search form, the search toggle changing (Material's `s`/`f`/`/`
 * shortcuts and the phone search button go through it), or a page opened with `?q=` / `?h=` (a search
 * link, or highlighting after following a result). Everything else about search stays Material's.
 */
(function () {
  "use strict";

  var configElement = document.getElementById("__config");
  if (!configElement || !window.XMLHttpRequest) return;
  var config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    return; // not Material's config: leave search exactly as the theme does it
  }
  if (!config.search || typeof config.base !== "string") return;

  /* The same absolute URLs Material builds: worker URL from the config, index beside `base`. */
  var workerUrl = new URL(config.search, location.href).href;
  var indexUrl = new URL("search/search_index.json", new URL(config.base, location.href)).href;

  var intended = false;
  var waiting = []; // functions to run once the reader shows intent

  function showIntent() {
    if (intended) return;
    intended = true;
    var run = waiting;
    waiting = [];
    run.forEach(function (start) { start(); });
    ["focusin", "pointerdown", "change"].forEach(function (type) {
      document.removeEventListener(type, onEvent, true);
    });
  }

  function whenIntended(start) {
    if (intended) start();
    else waiting.push(start);
  }

  function isSearchControl(target) {
    return target instanceof Element &&
      !!target.closest("form[name=search], .md-search, [for=__search], #__search");
  }

  function onEvent(event) {
    if (event.type === "change" ? event.target.id === "__search" && event.target.checked
        : isSearchControl(event.target)) {
      showIntent();
    }
  }

  ["focusin", "pointerdown", "change"].forEach(function (type) {
    document.addEventListener(type, onEvent, true);
  });
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) showIntent();

  /* The index request: opened as usual, sent once the reader shows intent. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.__atlasSearchIndex = new URL(String(url), location.href).href === indexUrl;
    } catch (error) {
      this.__atlasSearchIndex = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__atlasSearchIndex || intended) return send.apply(request, args);
    whenIntended(function () { send.apply(request, args); });
  };

  /* The search worker: a stand-in with the Worker interface Material uses. */
  var RealWorker = window.Worker;
  if (typeof RealWorker !== "function" || typeof EventTarget !== "function") return;

  function DeferredWorker(url, options) {
    var target = new EventTarget();
    var real = null;
    var queue = [];
    var handlers = { onmessage: null, onerror: null, onmessageerror: null };

    function forward(event) {
      var copy = event.type === "error"
        ? new ErrorEvent("error", { message: event.message, filename: event.filename,
          lineno: event.lineno, colno: event.colno, error: event.error })
        : new MessageEvent(event.type, { data: event.data, ports: event.ports });
      target.dispatchEvent(copy);
      if (event.type === "error" && copy.defaultPrevented) event.preventDefault();
    }

    function start() {
      if (real) return;
      real = new RealWorker(url, options);
      real.addEventListener("message", forward);
      real.addEventListener("messageerror", forward);
      real.addEventListener("error", forward);
      queue.forEach(function (message) { real.postMessage.apply(real, message); });
      queue = [];
    }

    Object.keys(handlers).forEach(function (name) {
      var type = name.slice(2);
      target.addEventListener(type, function (event) {
        if (typeof handlers[name] === "function") handlers[name].call(target, event);
      });
      Object.defineProperty(target, name, {
        get: function () { return handlers[name]; },
        set: function (handler) { handlers[name] = handler; },
      });
    });
    target.postMessage = function () {
      if (!real) {
        queue.push(arguments);
        start(); // a message means Material needs the worker now (after intent, in practice)
      } else {
        real.postMessage.apply(real, arguments);
      }
    };
    target.terminate = function () {
      if (real) real.terminate();
      queue = [];
      real = { postMessage: function () {}, terminate: function () {} };
    };
    whenIntended(start);
    return target;
  }

  window.Worker = function Worker(url, options) {
    var isSearchWorker = false;
    try {
      isSearchWorker = new URL(String(url), location.href).href === workerUrl;
    } catch (error) {
      isSearchWorker = false;
    }
    if (isSearchWorker && !intended) return new DeferredWorker(url, options);
    return new RealWorker(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;
})();
