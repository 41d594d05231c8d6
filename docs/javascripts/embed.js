/*
 * The embed page (site/embed/<chart>/): honour ?scheme=light|dark, and tell the host page how tall
 * the embed is, as {type: "explainer-embed-height", chart, height} by postMessage, whenever it changes.
 * Loaded in <head> without defer, so the scheme is set before the first paint.
 */
(function () {
  "use strict";
  var scheme = new URLSearchParams(location.search).get("scheme");
  if (scheme === "light" || scheme === "dark") document.documentElement.setAttribute("data-scheme", scheme);

  function post() {
    if (window.parent === window) return;
    var figure = document.querySelector("figure[data-chart]");
    window.parent.postMessage({
      type: "explainer-embed-height",
      chart: figure ? figure.getAttribute("data-chart") : "",
      height: Math.ceil(document.documentElement.getBoundingClientRect().height)
    }, "*");
  }

  document.addEventListener("DOMContentLoaded", function () {
    post();
    if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.documentElement);
  });
  window.addEventListener("load", post);
})();
