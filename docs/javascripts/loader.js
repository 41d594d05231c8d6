/*
 * The one small script on every page, run just before Material's bundle (overrides/main.html):
 * what a page loads, and when.
 * - Search on first use. Material starts its search on every page load: the edition's search index
 *   (50-70 KB gzip), its search worker (12 KB) and the worker's language files (5 KB), for every
 *   reader, searching or not; 9.8 has no setting to wait. Its bundle is left as it is: the request
 *   for the index is held, and the worker is a stand-in, until the reader reaches for search (the
 *   field focused or pressed, the search button pressed, Material's keys / s f, or a page opened
 *   with ?q= or ?h=). Material says "Initializing search" meanwhile and searches what was typed.
 * - Material looks for a sitemap.xml beside every <link rel=alternate> (for its language menu,
 *   which this site does not use): beside a page's hreflang links that is a 404. Only the
 *   edition's own sitemap, at its base, is fetched.
 * - The chart runtime (charts.js) only on pages with charts, after instant navigation too.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var INDEX = new URL("search/search_index.json", base).href;
  var SITEMAP = new URL("sitemap.xml", base).href;
  var WORKER = new URL(config.search, location.href).href;
  var wanted = false, held = [], workers = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (h) { send.apply(h[0], h[1]); });
    workers.forEach(function (w) { w.start(); });
  }

  var urls = new WeakMap(), open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    urls.set(this, new URL(url, location.href).href);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var url = urls.get(this) || "";
    if (url === INDEX && !wanted) return void held.push([this, arguments]);
    if (/\/sitemap\.xml$/.test(url) && url !== SITEMAP) return;  // never sent: Material goes without
    return send.apply(this, arguments);
  };

  /* Material makes its worker once, as its bundle runs; the stand-in makes the real one when wanted. */
  var Native = window.Worker;
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== WORKER) return new Native(url, options);
    var stand = new EventTarget(), real = null;
    stand.start = function () {
      if (real) return;
      real = new Native(url, options);
      real.onmessage = function (e) { stand.dispatchEvent(new MessageEvent("message", { data: e.data })); };
      real.onerror = function (e) { stand.dispatchEvent(new ErrorEvent("error", { message: e.message })); };
    };
    stand.postMessage = function (message) { stand.start(); real.postMessage(message); };
    stand.terminate = function () { if (real) real.terminate(); };
    workers.push(stand);
    if (wanted) stand.start();
    return stand;
  };
  document.addEventListener("DOMContentLoaded", function () { window.Worker = Native; }, { once: true });

  function reach(event) {
    var el = event.target;
    if (el instanceof Element && el.closest("[data-md-component=search], label[for=__search]")) want();
  }
  document.addEventListener("focusin", reach, true);
  document.addEventListener("pointerdown", reach, true);
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    var typing = el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
    if (!event.metaKey && !event.ctrlKey && !typing && /^[/sf]$/.test(event.key)) want();
  }, true);
  var params = new URL(location.href).searchParams;
  if (params.has("q") || params.has("h")) want();

  /* Material's search overlay is a dialog without a name: its field's placeholder, in the page's language. */
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = dialog && dialog.querySelector("input[placeholder]");
  if (field && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", field.getAttribute("placeholder"));

  var CHARTS = new URL(script.getAttribute("data-charts"), location.href).href, charts = null;
  function needCharts() {
    if (charts || !document.querySelector("figure.xchart")) return;
    charts = document.createElement("script");
    charts.src = CHARTS;
    document.head.appendChild(charts);
  }
  needCharts();
  document.addEventListener("DOMContentLoaded", function () {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(needCharts);
  }, { once: true });
})();
