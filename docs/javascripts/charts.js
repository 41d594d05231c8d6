/*
 * The explainer's chart runtime. One small script on every page:
 * - finds chart containers after every page load, including Material's instant navigation;
 * - each chart arrives as a build-time picture (inline SVG); the site's own plotly.js is loaded
 *   only when the reader reaches for a chart (pointer over it, a tap, keyboard focus inside it),
 *   never for scrolling past; the live chart is then drawn over the picture, which it replaces
 *   only once drawn (a chart that fails to draw keeps its picture);
 * - themes figures from Material's palette and re-themes them when the reader toggles it.
 * Figures arrive as JSON in a data attribute, which is never executed.
 */
(function () {
  "use strict";

  var SELECTOR = ".xchart__plot[data-figure]";
  /* No `responsive`: it adds a window listener per chart that nothing removes after instant
     navigation; the ResizeObserver below follows the container instead. */
  var CONFIG = { displayModeBar: false, scrollZoom: false, doubleClick: false, showTips: false };
  var plotly = null;
  var drawn = [];
  /* One observer for the runtime's life: a new one per page load would silently drop every chart
     drawn before it (the old one is gone), and those would stop following their container. */
  var sizeObserver = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      if (window.Plotly && entry.target.getAttribute("data-state") === "drawn") window.Plotly.Plots.resize(live(entry.target));
    });
  }) : null;

  function loadPlotly(src) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(src, document.baseURI).href;
        script.async = true;
        script.onload = function () {
          if (window.Plotly) return resolve(window.Plotly);
          plotly = null;  // the script ran but threw before defining Plotly
          reject(new Error(src + " loaded but did not define Plotly"));
        };
        script.onerror = function () {
          plotly = null;  // let a later chart try again
          reject(new Error("Could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  /* Layout properties that follow Material's light or dark scheme. */
  function theme() {
    var fg = cssVar("--md-default-fg-color", "rgba(0,0,0,0.87)");
    var muted = cssVar("--md-default-fg-color--light", "rgba(0,0,0,0.54)");
    var grid = cssVar("--md-default-fg-color--lightest", "rgba(0,0,0,0.07)");
    var bg = cssVar("--md-default-bg-color", "#ffffff");
    var font = cssVar("--md-text-font-family", "") || getComputedStyle(document.body).fontFamily;
    return {
      "paper_bgcolor": "rgba(0,0,0,0)",
      "plot_bgcolor": "rgba(0,0,0,0)",
      "font.color": fg,
      "font.family": font,
      "xaxis.gridcolor": grid,
      "yaxis.gridcolor": grid,
      "xaxis.linecolor": muted,
      "yaxis.linecolor": muted,
      "xaxis.zerolinecolor": muted,
      "yaxis.zerolinecolor": muted,
      "xaxis.tickcolor": muted,
      "yaxis.tickcolor": muted,
      "hoverlabel.bgcolor": bg,
      "hoverlabel.bordercolor": muted,
      "hoverlabel.font.color": fg,
      "legend.font.color": fg
    };
  }

  function applyTheme(layout, props) {
    Object.keys(props).forEach(function (path) {
      var keys = path.split(".");
      var target = layout;
      for (var i = 0; i < keys.length - 1; i++) {
        target[keys[i]] = target[keys[i]] || {};
        target = target[keys[i]];
      }
      target[keys[keys.length - 1]] = props[path];
    });
    return layout;
  }

  /* Plotly draws into its own child of the container, over the picture: never into the element
     that holds the picture, whose SVG classes plotly would take for its own. */
  function live(el) {
    var box = el.querySelector(":scope > .xchart__live");
    if (!box) {
      box = document.createElement("div");
      box.className = "xchart__live";
      el.appendChild(box);
    }
    return box;
  }

  function draw(el) {
    if (el.getAttribute("data-state")) return;
    plot(el);
  }

  /* Yield to the browser between charts, so drawing several is several short tasks. */
  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  /* A chart that cannot be drawn keeps what its container held before the attempt (or, if that
     was nothing, says so) and opens its data table, so the reader is not left with a gap. */
  function fail(el, before, error) {
    var figure = el.closest("figure");
    var name = figure && figure.id ? "#" + figure.id : "a chart";
    if (window.console) console.error("explainer: could not draw " + name + ":", error);
    if (!el.isConnected) return;
    if (window.Plotly) { try { window.Plotly.purge(live(el)); } catch (e) { /* half-drawn: replaced below */ } }
    el.replaceChildren.apply(el, before);
    el.setAttribute("data-state", "failed");
    el.classList.add("xchart__plot--failed");
    var table = figure && figure.querySelector("details.xchart__data");
    if (table) table.open = true;
    if (!el.textContent.trim()) {
      var note = document.createElement("p");
      note.className = "xchart__failed";
      note.textContent = table ? "This chart could not be drawn. Its data is in the table below." : "This chart could not be drawn.";
      el.appendChild(note);
    }
  }

  function plot(el) {
    if (!el.isConnected) return;  // the reader navigated away meanwhile
    el.setAttribute("data-state", "loading");
    var before = Array.prototype.slice.call(el.childNodes);
    loadPlotly(el.getAttribute("data-plotly")).then(function (Plotly) {
      return nextTask().then(function () { return Plotly; });
    }).then(function (Plotly) {
      if (!el.isConnected) return;
      var figure = JSON.parse(el.getAttribute("data-figure"));
      var layout = applyTheme(figure.layout || {}, theme());
      return Plotly.newPlot(live(el), figure.data, layout, CONFIG).then(function () {
        el.setAttribute("data-state", "drawn");  // the stylesheet hides the picture (print shows it)
        drawn.push(el);
        if (sizeObserver) sizeObserver.observe(el);
      });
    }).catch(function (error) { fail(el, before, error); });
  }

  function retheme() {
    if (!window.Plotly) return;
    var props = theme();
    document.querySelectorAll(SELECTOR + '[data-state="drawn"]').forEach(function (el) {
      window.Plotly.relayout(live(el), props);
    });
  }

  /* Free the charts of a page the reader has left (instant navigation replaced it). */
  function purgeDetached() {
    drawn = drawn.filter(function (el) {
      if (el.isConnected) return true;
      if (sizeObserver) sizeObserver.unobserve(el);
      if (window.Plotly) window.Plotly.purge(live(el));
      return false;
    });
  }

  /* The reader reaches for a chart: a mouse or pen moving over it, a tap on it, or focus inside
     it (its source links, table, downloads). Not a page scrolling under a resting pointer: the
     browser then reports pointer events with no movement. Not a touch that scrolls: it ends in
     pointercancel, never pointerup. */
  function reach(event) {
    if (event.type === "pointermove" && (event.pointerType === "touch" || !(event.movementX || event.movementY))) return;
    if (event.type === "pointerup" && event.pointerType !== "touch") return;
    var figure = event.target.closest && event.target.closest("figure.xchart");
    var el = figure && figure.querySelector(SELECTOR);
    if (el) draw(el);
  }
  /* Delegated once to the document: the listeners survive instant navigation's page swaps. */
  ["pointermove", "pointerup", "focusin"].forEach(function (type) {
    document.addEventListener(type, reach, { passive: true });
  });

  function setup() {
    purgeDetached();
  }

  /* Material's search overlay is a dialog without a name; give it one for screen readers. */
  function nameSearchDialog() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search this site");
  }
  nameSearchDialog();

  /* Printed pages carry the data tables, so open them (the stylesheet hides the plots). */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.xchart__data").forEach(function (el) { el.open = true; });
  });

  /* Material sets data-md-color-scheme on <body> when the reader toggles the palette. */
  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
