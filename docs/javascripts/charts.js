/*
 * The explainer's chart runtime, loaded by loader.js on pages with charts (and by embed pages):
 * - finds chart containers after every page load, including Material's instant navigation;
 * - each chart arrives as a build-time picture (inline SVG) whose marks carry the ids of the table
 *   rows they draw: a hover, a tap or the arrow keys show that row's answer at once (value, who
 *   says so and their group, date, status, source) and a live region says it in the same words;
 * - the site's own plotly.js is loaded only when the reader asks to zoom and pan (a button on each
 *   chart); the live chart is then drawn over the picture, which it replaces only once drawn (a
 *   chart that fails to draw keeps its picture), and answers the same way;
 * - themes figures from Material's palette and re-themes them when the reader toggles it.
 * Figures arrive as JSON in a data attribute, which is never executed.
 */
(function () {
  "use strict";

  /* The chart's words in the page's language, from its figure's data-words (the build writes them
     from the engine's catalogue): this script has no words of its own. {name} is filled from values. */
  function say(fig, key, values) {
    var words = {};
    try { words = JSON.parse((fig && fig.getAttribute("data-words")) || "{}"); } catch (e) { words = {}; }
    return String(words[key] || "").replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  var SELECTOR = ".xchart__plot[data-figure]";
  /* No `responsive`: it adds a window listener per chart that nothing removes after instant
     navigation; the ResizeObserver below follows the container instead. */
  /* The reader asked to zoom and pan: plotly's own controls for that, no others. */
  var CONFIG = {
    displaylogo: false, scrollZoom: false, doubleClick: "reset", showTips: false,
    modeBarButtons: [["zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "resetScale2d"]]
  };
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
      box.setAttribute("aria-hidden", "true");  // the keyboard and screen readers use the answers
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
      note.textContent = table ? say(figure, "failedTable") : say(figure, "failed");
      el.appendChild(note);
    }
  }

  function plot(el) {
    if (!el.isConnected) return;  // the reader navigated away meanwhile
    el.setAttribute("data-state", "loading");
    var before = Array.prototype.slice.call(el.childNodes);
    var days = loadDays(el);  // a map's days, fetched beside plotly.js, never before the reader asks
    loadPlotly(el.getAttribute("data-plotly")).then(function (Plotly) {
      return nextTask().then(function () { return Plotly; });
    }).then(function (Plotly) {
      if (!el.isConnected) return;
      var figure = JSON.parse(el.getAttribute("data-figure"));
      var layout = applyTheme(figure.layout || {}, theme());
      /* Zoom and pan on; plotly's hover off: the answers come from the runtime, for every reader. */
      layout.dragmode = "zoom";
      layout.hovermode = false;
      ["xaxis", "yaxis"].forEach(function (axis) { if (layout[axis]) layout[axis].fixedrange = false; });
      return Plotly.newPlot(live(el), figure.data, layout, CONFIG).then(function () {
        var box = live(el);
        /* A zoom or pan moves the marks: put the answer away (a resize does not). */
        box.on("plotly_relayout", function (e) { if (e && Object.keys(e).some(function (k) { return /axis/.test(k); })) hide(); });
        box.on("plotly_afterplot", function () { tagLive(box); });
        tagLive(box);
        el.setAttribute("data-state", "drawn");  // the stylesheet hides the picture (print shows it)
        drawn.push(el);
        if (sizeObserver) sizeObserver.observe(el);
        days.then(function (data) { if (data && el.isConnected) dayControl(el, data); });
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

  /* ---- a map's days: the occupied area day by day, in the live chart (README: "What the runtime
     does"). The days file (data-days) is fetched with plotly.js, never before; each step restyles
     the figure's own area layers; a day the series lacks has no stop and is said, never drawn. */
  function loadDays(el) {
    var src = el.getAttribute("data-days");
    if (!src) return Promise.resolve(null);
    return fetch(new URL(src, document.baseURI).href).then(function (r) {
      if (!r.ok) throw new Error("Could not load " + src + " (" + r.status + ")");
      return r.json();
    }).catch(function (error) {  // the live chart keeps the picture's layers, without the control
      if (window.console) console.error("explainer: no days for the live map:", error);
      return null;
    });
  }

  /* A day's rings: each a first point in 1/scale degree, then the steps to the next points. */
  function rings(day, scale) {
    var xs = [], ys = [];
    day.rings.forEach(function (flat, n) {
      var x = 0, y = 0;
      if (n) { xs.push(null); ys.push(null); }
      for (var i = 0; i + 1 < flat.length; i += 2) { x += flat[i]; y += flat[i + 1]; xs.push(x / scale); ys.push(y / scale); }
    });
    return [xs, ys];
  }

  function element(tag, cls, text) {
    var node = document.createElement(tag);
    node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  var focusDays = null;  // the plot whose live chart a keyboard asked for: its slider takes the focus

  function dayControl(el, data) {
    var fig = el.closest("figure"), box = live(el), w = data.words, list = data.days, traces = data.traces;
    if (!list.length || !traces.length || el.parentNode.querySelector(".xchart__days")) return;
    var at = Math.max(0, Math.min(data.start, list.length - 1)), timer = null;
    var wrap = element("div", "xchart__days");
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", w.label);
    var prev = element("button", "xchart__step", "\u2039"), next = element("button", "xchart__step", "\u203a");
    var range = element("input", "xchart__range");
    range.type = "range";
    range.min = "0";
    range.max = String(list.length - 1);
    range.step = "1";
    range.setAttribute("aria-label", w.label);
    var day = element("strong", "xchart__day"), measured = element("span", "xchart__measured");
    var line = element("p", "xchart__dayline");
    line.append(day, " ", measured);
    var note = element("p", "xchart__daynote", [w.layers, w.missing].filter(Boolean).join(" "));
    [[prev, w.previous, -1], [next, w.next, 1]].forEach(function (b) {
      b[0].type = "button";
      b[0].setAttribute("aria-label", b[1]);
      b[0].title = b[1];
      b[0].addEventListener("click", function () { stop(); go(at + b[2], true); });
    });
    var row = element("div", "xchart__dayrow");
    row.append(prev, range, next);
    /* Playing moves the map by itself: a reader who asks for reduced motion steps it by hand. */
    var motion = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
    var play = motion ? element("button", "xchart__play", w.play) : null;
    if (play) {
      play.type = "button";  /* its name says what it does next (Play / Pause): no aria-pressed as well */
      play.addEventListener("click", function () {
        if (timer) return stop(true);
        if (at === list.length - 1) go(0, false);
        play.textContent = w.pause;
        timer = setInterval(function () {
          if (!el.isConnected || at >= list.length - 1) return stop(true);
          go(at + 1, false);
        }, 700);
      });
      row.append(play);
    }
    function stop(announce) {
      if (!timer) return;
      clearInterval(timer);
      timer = null;
      play.textContent = w.play;
      if (announce && el.isConnected) go(at, true);
    }
    range.addEventListener("input", function () { stop(); go(Number(range.value), true); });
    wrap.append(row, line, note);
    el.insertAdjacentElement("afterend", wrap);
    /* The period's first day on the top layer, once; the other layers but one hidden. */
    var first = rings(list[0], data.scale);
    window.Plotly.restyle(box, { x: [first[0]], y: [first[1]], name: [list[0].name], visible: [true] }, [traces[0]]);
    if (traces.length > 2) window.Plotly.restyle(box, { visible: false }, traces.slice(2));
    function go(i, announce) {
      at = Math.max(0, Math.min(i, list.length - 1));
      var d = list[at], xy = rings(d, data.scale);
      range.value = String(at);
      range.setAttribute("aria-valuetext", d.text);
      day.textContent = d.text;
      measured.textContent = d.measured;
      var held = document.activeElement;
      prev.disabled = at === 0;
      next.disabled = at === list.length - 1;
      /* A button disabled while it has the focus drops it to the page: the slider takes it instead. */
      if (held && held.disabled && (held === prev || held === next)) range.focus();
      wrap.setAttribute("data-date", d.date);
      window.Plotly.restyle(box, { x: [xy[0]], y: [xy[1]], name: [d.name], visible: [true] }, [traces[traces.length > 1 ? 1 : 0]]);
      var status = fig.querySelector(".xchart__status");
      if (announce && status) status.textContent = status.textContent === d.said ? d.said + "\u00a0" : d.said;
    }
    go(at, true);
    if (focusDays === el) { focusDays = null; range.focus(); }
  }

  /* ---- answers from the picture -------------------------------------------------------------
     Each mark in a chart's picture carries the id of the table row it draws (data-row); the row's
     cells, read by their column's role (th[data-k]), are the answer. A hover or a tap shows it next
     to the mark; the keyboard steps through the rows; a live region inside the figure says it in
     the same words. No chart library is needed for any of that. */

  var active = null;  // {fig, id} of the answer on screen
  var pinned = false;  // a tap or a key put it there: a pointer moving off the chart keeps it

  function shown(el) { return el.getClientRects().length > 0; }

  /* The marks the reader sees: the live chart's once drawn, else the picture that fits. */
  function marks(fig) {
    var plot = fig.querySelector(".xchart__plot");
    var live = plot && plot.getAttribute("data-state") === "drawn" && plot.querySelector(".xchart__live");
    if (live) tagLive(live);
    var root = live || Array.prototype.filter.call(fig.querySelectorAll(".xchart__svg"), shown)[0];
    return root ? Array.prototype.filter.call(root.querySelectorAll("[data-row]"), shown) : [];
  }

  /* plotly's own marks carry their point (d3 data): its trace's ids name the row. */
  function tagLive(live) {
    live.querySelectorAll(".point").forEach(function (el) {
      var d = el.__data__, g = el.closest(".trace"), t = g && g.__data__ && g.__data__[0] && g.__data__[0].trace;
      if (d && t && t.ids && t.ids[d.i] != null) el.setAttribute("data-row", t.ids[d.i]);
    });
  }

  function centre(r) { return [r.left + r.width / 2, r.top + r.height / 2]; }

  /* The rows in the order the keys step through them: a time series line by line, date by date
     (the picture's order); a timeline track by track, date by date; bars top to bottom; a map
     west to east. One stop per row (a map draws a place and the claims about it). */
  function steps(fig) {
    var kind = fig.getAttribute("data-kind"), seen = {}, out = [];
    marks(fig).forEach(function (el) {
      var id = el.getAttribute("data-row"), c = centre(el.getBoundingClientRect());
      if (!seen[id]) { seen[id] = { id: id, x: c[0], y: c[1], el: el, n: out.length }; out.push(seen[id]); }
    });
    if (kind === "map") out.sort(function (a, b) { return a.x - b.x || a.y - b.y; });
    else if (kind === "bar") out.sort(function (a, b) { return a.y - b.y; });
    else if (kind === "timeline") {
      var base = {};  // a track's line: its lowest mark (marks on the same day stack upwards)
      out.forEach(function (s) { var t = cells(fig, s.id).track || ""; s.t = t; base[t] = Math.max(base[t] || -1e9, s.y); });
      out.sort(function (a, b) { return base[a.t] - base[b.t] || a.x - b.x || b.y - a.y; });
    }
    return out;
  }

  function row(fig, id) {
    var rows = fig.querySelectorAll("details.xchart__data tbody tr[data-row]");
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-row") === id) return rows[i];
    return null;
  }

  /* A row's cells by their column's role (value, who, date, status, source...). */
  function cells(fig, id) {
    var tr = row(fig, id), out = {};
    if (!tr) return out;
    var roles = fig.querySelectorAll("details.xchart__data thead th");
    tr.querySelectorAll("td").forEach(function (td, i) {
      var k = roles[i] && roles[i].getAttribute("data-k");
      if (k) { out[k] = td.textContent.trim(); if (k === "source" && td.querySelector("a")) out.cell = td; }
    });
    out.group = tr.getAttribute("data-group") || "";
    out.groupLabel = tr.getAttribute("data-group-label") || "";
    return out;
  }

  /* The answer as lines of text (shown) and one sentence (announced): the same words. */
  function answer(fig, id) {
    var c = cells(fig, id), map = fig.getAttribute("data-kind") === "map", lines = [];
    if (c.value == null) return null;
    lines.push(c.value + (c.measure ? " (" + c.measure + ")" : "") + (map && c.kind ? ", " + c.kind : ""));
    if (c.who) lines.push(c.who + (c.groupLabel ? " (" + c.groupLabel + ")" : ""));
    var when = c.date ? (fig.getAttribute("data-kind") === "timeline" ? c.date : say(fig, "asOf", { date: c.date })) : "";
    var status = c.status && c.status !== "n/a" ? c.status : "";
    if (when || status) lines.push([when, status].filter(Boolean).join(" · "));
    if (c.claims) lines.push(say(fig, "saidTaken") + " " + c.claims);
    return { lines: lines, label: say(fig, "source") + " ", source: c.source || "", cell: c.cell };
  }

  function parts(fig) {
    var plot = fig.querySelector(".xchart__plot");
    var box = fig.querySelector(".xchart__answer");
    if (!box) {
      box = document.createElement("div");
      box.className = "xchart__answer";
      box.hidden = true;
      plot.insertAdjacentElement("afterend", box);
      var ring = document.createElement("div");
      ring.className = "xchart__ring";
      ring.hidden = true;
      plot.insertAdjacentElement("afterend", ring);
    }
    return { plot: plot, box: box, ring: fig.querySelector(".xchart__ring"), status: fig.querySelector(".xchart__status") };
  }

  function show(fig, id, how) {
    var a = id && answer(fig, id), p = parts(fig);
    var mark = a && marks(fig).filter(function (m) { return m.getAttribute("data-row") === id; })[0];
    if (active && active.fig !== fig) hide();
    if (!a || !mark) return hide();
    active = { fig: fig, id: id };
    pinned = how !== "hover";
    var box = p.box;
    box.replaceChildren();
    a.lines.forEach(function (text, i) {
      var line = document.createElement(i ? "span" : "strong");
      line.textContent = text;
      box.appendChild(line);
    });
    var src = document.createElement("span");
    src.textContent = a.label;
    if (a.cell) {
      /* The cell whole: a row with several sources links each where it is named. */
      a.cell.childNodes.forEach(function (node) {
        var copy = node.cloneNode(true);
        if (copy.nodeType === 1) copy.tabIndex = -1;  // the table and the source line carry the same links for the keyboard
        src.appendChild(copy);
      });
    } else src.textContent += a.source;
    box.appendChild(src);
    box.setAttribute("data-row", id);
    box.classList.toggle("xchart__answer--pinned", pinned);
    box.hidden = false;
    place(fig, mark, p);
    if (how === "key") {
      var said = a.lines.concat(a.label + a.source).join(". ").replace(/\.\./g, ".");
      if (p.status.textContent === said) said += "\u00a0";  // the same words again are still read
      p.status.textContent = said;
    }
  }

  /* Next to the mark, inside the chart's width and the window: above it if there is room, else below. */
  function place(fig, mark, p) {
    var f = fig.getBoundingClientRect(), m = mark.getBoundingClientRect(), box = p.box, ring = p.ring;
    var pad = 6, vw = document.documentElement.clientWidth;
    ring.hidden = false;
    ring.style.left = (m.left - f.left - pad) + "px";
    ring.style.top = (m.top - f.top - pad) + "px";
    ring.style.width = (m.width + 2 * pad) + "px";
    ring.style.height = (m.height + 2 * pad) + "px";
    box.style.maxWidth = Math.min(f.width, vw - 8, 320) + "px";
    var w = box.offsetWidth, h = box.offsetHeight, c = centre(m);
    var lo = Math.max(0, 4 - f.left), hi = Math.min(f.width, vw - 4 - f.left) - w;
    var left = Math.max(lo, Math.min(c[0] - f.left - w / 2, hi));
    var above = m.top - f.top - h - pad - 4, below = m.bottom - f.top + pad + 4;
    var top = above >= 0 && m.top - h - pad - 4 >= 0 ? above : below;
    box.style.left = left + "px";
    box.style.top = top + "px";
  }

  function hide() {
    if (!active) return;
    var p = parts(active.fig);
    p.box.hidden = true;
    p.ring.hidden = true;
    active = null;
    pinned = false;
  }

  /* The mark nearest the pointer, within reach of a finger or a mouse. */
  function nearest(fig, x, y, reach) {
    var best = null, dist = reach;
    marks(fig).forEach(function (el) {
      var r = el.getBoundingClientRect(), c = centre(r);
      /* Distance to the mark's box; between overlapping marks, the nearer centre wins. */
      var d = Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom)) +
        Math.hypot(c[0] - x, c[1] - y) / 100;
      if (d < dist) { dist = d; best = el.getAttribute("data-row"); }
    });
    return best;
  }

  function figureAt(target) {
    var plot = target.closest && target.closest(".xchart__plot");
    return plot && plot.closest("figure.xchart[data-kind]");
  }

  function onPointer(event) {
    if (event.target.closest && event.target.closest(".xchart__answer")) return;
    var fig = figureAt(event.target);
    var touch = event.pointerType === "touch" || event.pointerType === "pen";
    if (event.type === "pointermove") {
      if (touch) return;
      var id = fig && nearest(fig, event.clientX, event.clientY, 24);
      if (id) { if (!active || active.id !== id || active.fig !== fig) show(fig, id, "hover"); }
      else if (!pinned) hide();
      return;
    }
    /* A tap (pointerup: a touch that scrolls ends in pointercancel instead) or a click. */
    if (event.type === "pointerup" && !touch) return;
    if (event.type === "click" && event.pointerType === "touch") return;
    var hit = fig && nearest(fig, event.clientX, event.clientY, touch ? 32 : 24);
    if (hit) show(fig, hit, "tap");
    else if (active) hide();
  }
  ["pointermove", "pointerup", "click"].forEach(function (type) {
    document.addEventListener(type, onPointer, { passive: true });
  });

  /* The keyboard: one Tab stop per chart; arrows step, Home/End jump, Escape leaves. */
  document.addEventListener("keydown", function (event) {
    var plot = event.target.classList && event.target.classList.contains("xchart__plot") && event.target;
    if (!plot) { if (event.key === "Escape" && active) hide(); return; }
    var fig = plot.closest("figure.xchart"), list = steps(fig);
    if (!list.length) return;
    var at = -1;
    if (active && active.fig === fig) list.forEach(function (s, i) { if (s.id === active.id) at = i; });
    var go = {
      ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at < 0 ? list.length - 1 : at - 1,
      ArrowUp: at < 0 ? list.length - 1 : at - 1, Home: 0, End: list.length - 1
    }[event.key];
    if (event.key === "Escape") {
      hide();
      var next = fig.querySelector("details.xchart__data > summary");
      if (next) next.focus();
      event.preventDefault();
      return;
    }
    if (go === undefined) return;
    event.preventDefault();
    show(fig, list[Math.max(0, Math.min(go, list.length - 1))].id, "key");
  });
  document.addEventListener("focusout", function (event) {
    if (active && event.target === parts(active.fig).plot && pinned) hide();
  });
  window.addEventListener("resize", function () { if (active) show(active.fig, active.id, pinned ? "tap" : "hover"); });

  /* ---- exploring with plotly.js: zoom and pan, on request ---------------------------------------
     The full chart (zoom, pan) loads only when the reader asks for it. It is drawn over the
     picture and replaces it once drawn; the answers then come from its marks. */
  function explore(fig) {
    var el = fig.querySelector(SELECTOR);
    if (!el) return;
    hide();
    draw(el);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".xchart__explore");
    if (!button) return;
    var fig = button.closest("figure.xchart");
    if (event.detail === 0) focusDays = fig.querySelector(SELECTOR);  // a key pressed it, not a pointer
    button.setAttribute("aria-pressed", "true");
    button.disabled = true;
    explore(fig);
  });

  /* Each chart, once per page: its how-to text, its one Tab stop, its zoom control. */
  function prepare(fig) {
    var plot = fig.querySelector(SELECTOR);
    if (!plot || plot.hasAttribute("tabindex")) return;
    var howto = fig.querySelector(".xchart__explain"), title = fig.querySelector(".xchart__title");
    if (howto) howto.hidden = false;
    if (fig.querySelector("tbody tr[data-row]")) {
      plot.removeAttribute("aria-hidden");
      plot.setAttribute("tabindex", "0");
      plot.setAttribute("role", "application");
      plot.setAttribute("aria-roledescription", "chart");
      plot.setAttribute("aria-label", say(fig, "explore", { title: title ? title.textContent : "" }));
      if (howto) plot.setAttribute("aria-describedby", howto.id);
    }
    /* The row kept for these above the picture: filling it moves nothing. */
    var tools = fig.querySelector(".xchart__tools");
    if (!tools) return;
    var hint = document.createElement("span");
    hint.className = "xchart__hint";
    hint.setAttribute("aria-hidden", "true");  // the how-to says it for screen readers
    hint.textContent = plot.hasAttribute("tabindex") ? say(fig, "hint") : "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "xchart__explore";
    button.textContent = say(fig, "zoom");
    button.setAttribute("aria-label", say(fig, "zoomLabel", { title: title ? title.textContent : "" }));
    tools.replaceChildren(hint, button);
  }

  function setup() {
    purgeDetached();
    hide();
    document.querySelectorAll("figure.xchart").forEach(prepare);
  }

  /* Printed pages carry the data tables, so open them (the stylesheet hides the plots). */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.xchart__data").forEach(function (el) { el.open = true; });
  });

  /* Material sets data-md-color-scheme on <body> when the reader toggles the palette. */
  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  /* Loaded on its own (async), this may run before Material's bundle: its document$ is there by
     DOMContentLoaded. An embed page has no Material. */
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
    else setup();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
