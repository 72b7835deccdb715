/* newsgraph explorer, strip: the overview over the timeline, events per month across the
 * page (light: all, dark: those that pass the filters). Drag across it to choose the
 * detail timeline's window; the window shown is shaded. */
(function (NGX) {
  "use strict";
  const HEIGHT = 44;

  NGX.strip = function (app) {
    const m = app.model, data = app.data, details = app.data.details, $ = NGX.dom.$;
    // The strip spans the middle 98% of the dates (with 100 events or more): a stray 1976
    // would otherwise squeeze a story's years into a few pixels. The timeline keeps them all.
    const all = data.timeline.map(function (id) { return details[id].span.start; }).sort();
    const cut = all.length >= 100 ? Math.floor(all.length * 0.01) : 0;
    const first = all[cut], last = all[all.length - 1 - cut];
    function inRange(day) { return day >= first && day <= last; }
    const hist = NGX.monthCounts(all.filter(inRange));
    const strip = { months: hist.months, counts: hist.counts };
    if (hist.months.length < 2) { $("strip").hidden = true; strip.draw = strip.refresh = strip.shade = function () {}; return strip; }
    const canvas = $("strip-canvas"), ctx = canvas.getContext("2d");
    const lo = monthStart(hist.months[0]), hi = monthStart(next(hist.months[hist.months.length - 1]));
    let shaded = null, dragFrom = null, passing = hist.counts;

    function monthStart(key) { return NGX.dom.localDay(key + "-01").getTime(); }
    function next(key) {
      let y = Number(key.slice(0, 4)), mo = Number(key.slice(5, 7)) + 1;
      if (mo > 12) { mo = 1; y++; }
      return y + "-" + String(mo).padStart(2, "0");
    }
    function xOf(t) { return (t - lo) / (hi - lo) * canvas.width; }
    function tOf(x) { return lo + x / canvas.width * (hi - lo); }

    strip.draw = function () {
      const w = canvas.clientWidth;
      if (canvas.width !== w) { canvas.width = w; canvas.height = HEIGHT; }
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const top = Math.max.apply(null, hist.counts.concat([1]));
      const bar = canvas.width / hist.months.length;
      hist.months.forEach(function (key, i) {
        const all = hist.counts[i] / top * (HEIGHT - 12), shown = passing[i] / top * (HEIGHT - 12);
        ctx.fillStyle = "#c9d6ea";
        ctx.fillRect(i * bar, HEIGHT - 10 - all, Math.max(bar - 0.5, 0.5), all);
        ctx.fillStyle = "#2f5d9e";
        ctx.fillRect(i * bar, HEIGHT - 10 - shown, Math.max(bar - 0.5, 0.5), shown);
      });
      ctx.fillStyle = "#555";
      ctx.font = "9px sans-serif";
      let lastYear = "";
      hist.months.forEach(function (key, i) { // a tick per year, when there is room
        const year = key.slice(0, 4);
        if (year !== lastYear && (i === 0 || key.slice(5) === "01")) {
          lastYear = year;
          if (hist.months.length / 12 < canvas.width / 30) ctx.fillText(year, i * bar + 1, HEIGHT - 1);
        }
      });
      if (shaded) {
        const a = Math.max(0, xOf(shaded[0])), b = Math.min(canvas.width, xOf(shaded[1]));
        ctx.fillStyle = "rgba(217, 164, 0, 0.25)";
        ctx.fillRect(a, 0, Math.max(b - a, 2), HEIGHT - 10);
        ctx.strokeStyle = "#d9a400";
        ctx.strokeRect(a, 0.5, Math.max(b - a, 2), HEIGHT - 11);
      }
    };

    /** The counts of the events that pass the filters, drawn dark over all. */
    strip.refresh = function () {
      const counts = NGX.monthCounts(data.timeline.filter(function (id) { return m.onTimeline.has(id); })
        .map(function (id) { return details[id].span.start; }).filter(inRange));
      const at = new Map(counts.months.map(function (k, i) { return [k, counts.counts[i]]; }));
      passing = hist.months.map(function (k) { return at.get(k) || 0; });
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
      app.timeline.timeline.setWindow(new Date(a), new Date(b), { animation: false });
    });
    /** Brush from code (tests): the window from ISO day to ISO day. */
    strip.brush = function (from, to) {
      app.timeline.timeline.setWindow(NGX.dom.localDay(from), NGX.dom.localDay(to), { animation: false });
    };
    return strip;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
