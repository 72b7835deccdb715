/* newsgraph explorer, strip: the overview over the timeline, events per day, week, month
 * or year across the page, the finest whose bars are at least 2 pixels wide (light: all,
 * dark: those that pass the filters). Drag across it to choose the detail timeline's window;
 * the window shown is shaded. */
(function (NGX) {
  "use strict";
  const HEIGHT = 44;
  const BAR_PIXELS = 2; // the finest bars no narrower than this

  NGX.strip = function (app) {
    const m = app.model, data = app.data, details = app.data.details, $ = NGX.dom.$;
    // The strip spans the middle 98% of the dates (with 100 events or more): a stray 1976
    // would otherwise squeeze a story's years into a few pixels. The timeline keeps them all.
    const all = data.timeline.map(function (id) { return details[id].span.start; }); // data.timeline is in order of start
    const cut = all.length >= 100 ? Math.floor(all.length * 0.01) : 0;
    const first = all[cut], last = all[all.length - 1 - cut];
    function inRange(day) { return day >= first && day <= last; }
    const hist = NGX.binCounts(all.filter(inRange), Math.max(30, Math.floor($("strip-canvas").clientWidth / BAR_PIXELS)));
    const strip = { bins: hist.bins, unit: hist.unit, counts: hist.counts };
    if (hist.bins.length < 2) { $("strip").hidden = true; strip.draw = strip.refresh = strip.shade = function () {}; return strip; }
    const canvas = $("strip-canvas"), ctx = canvas.getContext("2d");
    const lo = NGX.dom.localDay(hist.bins[0]).getTime(), hi = NGX.dom.localDay(hist.end).getTime();
    let shaded = null, dragFrom = null, passing = hist.counts;

    function xOf(t) { return (t - lo) / (hi - lo) * canvas.width; }
    function tOf(x) { return lo + x / canvas.width * (hi - lo); }

    strip.draw = function () {
      const w = canvas.clientWidth;
      if (canvas.width !== w) { canvas.width = w; canvas.height = HEIGHT; }
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const top = Math.max.apply(null, hist.counts.concat([1]));
      const bar = canvas.width / hist.bins.length;
      hist.bins.forEach(function (key, i) {
        const all = hist.counts[i] / top * (HEIGHT - 12), shown = passing[i] / top * (HEIGHT - 12);
        ctx.fillStyle = "#c9d6ea";
        ctx.fillRect(i * bar, HEIGHT - 10 - all, Math.max(bar - 0.5, 0.5), all);
        ctx.fillStyle = "#2f5d9e";
        ctx.fillRect(i * bar, HEIGHT - 10 - shown, Math.max(bar - 0.5, 0.5), shown);
      });
      ctx.fillStyle = "#555";
      ctx.font = "9px sans-serif";
      // A tick where the year starts (bars of months or years) or the month (days or weeks),
      // when there is room for them.
      const fine = hist.unit === "day" || hist.unit === "week", tick = fine ? 7 : 4;
      const ticks = hist.bins.map(function (key) { return key.slice(0, tick); }).filter(function (t, i, all) { return i === 0 || t !== all[i - 1]; });
      let lastTick = "";
      if (ticks.length < canvas.width / (fine ? 45 : 30)) {
        hist.bins.forEach(function (key, i) {
          const t = key.slice(0, tick);
          if (t !== lastTick) { lastTick = t; ctx.fillText(t, i * bar + 1, HEIGHT - 1); }
        });
      }
      if (shaded) {
        const a = Math.max(0, xOf(shaded[0])), b = Math.min(canvas.width, xOf(shaded[1]));
        ctx.fillStyle = "rgba(217, 164, 0, 0.25)";
        ctx.fillRect(a, 0, Math.max(b - a, 2), HEIGHT - 10);
        ctx.strokeStyle = "#d9a400";
        ctx.strokeRect(a, 0.5, Math.max(b - a, 2), HEIGHT - 11);
      }
    };

    /** The counts of the events that pass the filters, drawn dark over all. */
    const index = new Map(hist.bins.map(function (k, i) { return [k, i]; }));
    const dayBin = new Map(); // ISO day -> its bar: far fewer days than events
    const binOf = data.timeline.map(function (id) { // each dated event's bar, -1 outside the strip
      const day = details[id].span.start;
      if (!inRange(day)) return -1;
      if (!dayBin.has(day)) dayBin.set(day, index.get(NGX.binStart(day, hist.unit)));
      return dayBin.get(day);
    });
    strip.refresh = function () {
      passing = hist.bins.map(function () { return 0; });
      data.timeline.forEach(function (id, i) { if (binOf[i] >= 0 && m.onTimeline.has(id)) passing[binOf[i]]++; });
      strip.draw();
    };

    /** Shade the detail timeline's window. */
    strip.shade = function (start, end) { shaded = [start.valueOf(), end.valueOf()]; strip.draw(); };

    function at(e) { const r = canvas.getBoundingClientRect(); return Math.min(Math.max(e.clientX - r.left, 0), r.width); }
    canvas.addEventListener("pointerdown", function (e) { dragFrom = at(e); canvas.setPointerCapture(e.pointerId); });
    canvas.addEventListener("pointermove", function (e) {
      if (dragFrom === null) return;
      const a = Math.min(dragFrom, at(e)), b = Math.max(dragFrom, at(e));
      shaded = [tOf(a), tOf(b)];
      strip.draw();
    });
    canvas.addEventListener("pointerup", function (e) {
      if (dragFrom === null) return;
      let a = tOf(Math.min(dragFrom, at(e))), b = tOf(Math.max(dragFrom, at(e)));
      dragFrom = null;
      if (b - a < (hi - lo) / 200) { const mid = (a + b) / 2, half = (hi - lo) / 20; a = mid - half; b = mid + half; } // a click: a tenth around it
      app.timeline.setWindow(new Date(a), new Date(b));
    });
    /** Brush from code (tests): the window from ISO day to ISO day. */
    strip.brush = function (from, to) {
      app.timeline.setWindow(NGX.dom.localDay(from), NGX.dom.localDay(to));
    };
    return strip;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
