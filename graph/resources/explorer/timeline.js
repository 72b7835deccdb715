/* newsgraph explorer, timeline: vis-timeline's lanes and items, filtered by the model. */
(function (NGX) {
  "use strict";
  // Lanes by actor: one for each of the ACTOR_LANES actors in the most dated events and one
  // for the actor chosen in the filter; the other actors' events share a lane. Thousands of
  // lanes would take seconds to draw, and nobody could read them.
  const ACTOR_LANES = 40;
  const FIRST_ITEMS = 300; // a longer timeline opens on its latest dated events: zoom out for the rest
  const MAX_ITEMS = 1000; // vis-timeline is given at most this many items (a wide window gets a sample)
  const DAY = 1000 * 60 * 60 * 24;

  NGX.timeline = function (app) {
    const VT = window.vis; // vis-timeline's classes
    const m = app.model, data = app.data, details = app.data.details;
    const dom = NGX.dom, $ = dom.$, el = dom.el, escapeHtml = dom.escapeHtml, localDay = dom.localDay;
    const groupsData = new VT.DataSet();
    const notice = NGX.sampleNotice($("timeline-sample")); // says when the window's events are a sample
    // A long timeline hands vis-timeline only the items near its window (``loaded``: the
    // window and as much again either side, in ms), at most MAX_ITEMS, and replaces them as
    // it moves: vis-timeline makes and measures an object for every item it is given. The
    // events that pass the filters are found in it by binary search (NGX.timeIndex).
    const itemsData = new VT.DataSet();
    const windowed = data.timeline.length > FIRST_ITEMS;
    const dayTimes = new Map(); // ISO day -> its local midnight in ms: far fewer days than events
    function dayTime(iso) {
      let t = dayTimes.get(iso);
      if (t === undefined) { t = localDay(iso).getTime(); dayTimes.set(iso, t); }
      return t;
    }
    const starts = data.timeline.map(function (id) { return dayTime(details[id].span.start); });
    const ends = data.timeline.map(function (id, i) { const e = details[id].span.end; return e ? dayTime(e) : starts[i]; });
    let passing = [], index = NGX.timeIndex(starts, ends, []);
    let shown = null, loaded = null, sampled = false; // the window, what is loaded around it [from, to] (ms)
    let pinned = null; // the selected event's number: loaded whatever the sample
    let position = null; // event -> its number in data.timeline, made at the first selection
    let mode = "type", lanesOf = [], actorsOf = new Map(); // an event's distinct actors, while the lanes are made
    const typeLane = {}; // type -> its one lane, shared by its events
    let laneActors = new Set();
    const tl = { groupsData: groupsData, itemsData: itemsData, timeline: null };

    function laneIds(id) { // the lanes an event sits in, in the current mode
      const d = details[id];
      if (mode === "type") return typeLane[d.type] || (typeLane[d.type] = ["t:" + d.type]);
      if (mode === "source") { // the outlet of the article it comes from (the first, for a corpus event)
        const a = data.articles[d.article] || {};
        return ["s:" + (a.outlet || "(outlet unknown)")];
      }
      const actors = actorsOf.get(id) || m.distinctActors(id);
      const own = actors.filter(function (a) { return laneActors.has(a); });
      if (own.length) return own.map(function (a) { return "a:" + a; });
      return [actors.length ? "a:*" : "a:"]; // the lane of the actors without one, or of events without any
    }

    function laneLabel(lane) {
      if (lane === "a:*") return "(other actors)";
      if (lane === "a:") return "(no actor)";
      const rest = lane.slice(2);
      return lane.charAt(0) === "a" && details[rest] ? details[rest].label : rest;
    }

    function item(i, lane) {
      const id = data.timeline[i], d = details[id];
      const it = {
        id: mode === "actor" ? id + " " + lane.slice(2) : id, group: lane, event: id,
        start: new Date(starts[i]), type: d.span.type,
        className: d.span.className + (d.kind === "statement" ? " ng-statement" : ""),
        content: escapeHtml(m.display(id)),
        title: escapeHtml(d.label + "\n" + m.dateText(d)),
      };
      if (d.span.end) it.end = new Date(ends[i]);
      return it;
    }

    /** The event numbers to give vis-timeline: all that pass on a short timeline; else those
     * in the window (a sample of MAX_ITEMS when more), then those around it up to MAX_ITEMS.
     * The notice over the timeline says when the window's events are a sample. */
    function wanted() {
      if (!windowed) return passing;
      if (!loaded) return [];
      const keep = pinned !== null && m.onTimeline.has(data.timeline[pinned]) ? pinned : null;
      const chosen = NGX.windowSample(index.within(shown[0], shown[1]), index.within(loaded[0], loaded[1]), MAX_ITEMS, keep);
      sampled = chosen.sampled;
      notice(chosen.shown, chosen.total);
      return chosen.items;
    }

    /** Give vis-timeline the items wanted now: only the difference with what it has. */
    function fill() {
      const items = [];
      wanted().forEach(function (i) { lanesOf[i].forEach(function (lane) { items.push(item(i, lane)); }); });
      const keep = new Set(items.map(function (it) { return it.id; }));
      const gone = itemsData.getIds({ filter: function (it) { return !keep.has(it.id); } });
      if (gone.length) itemsData.remove(gone);
      const fresh = items.filter(function (it) { return !itemsData.get(it.id); });
      if (fresh.length) addQuietly(fresh);
    }

    // vis-timeline 8.5.4 draws and measures each item that falls in its window as it is
    // added (Group.add -> _checkIfVisible -> show: a forced layout each, 1.8 s for 1,000
    // items), then draws them all again in one batch at its next redraw. While we add, the
    // one-by-one check is skipped: the batch finds them in its index of items by start.
    let quiet = false;
    function addQuietly(items) {
      const groups = tl.timeline ? Object.values(tl.timeline.itemSet.groups) : [];
      let proto = groups.length ? Object.getPrototypeOf(groups[0]) : null;
      while (proto && !Object.prototype.hasOwnProperty.call(proto, "_checkIfVisible")) proto = Object.getPrototypeOf(proto);
      if (proto && !proto._checkIfVisible.ngQuiet) {
        const check = proto._checkIfVisible;
        proto._checkIfVisible = function () { if (!quiet) check.apply(this, arguments); };
        proto._checkIfVisible.ngQuiet = true;
      }
      quiet = true;
      try { itemsData.add(items); } finally { quiet = false; }
    }

    function chooseLaneActors() {
      const dated = new Map();
      actorsOf = new Map(data.timeline.map(function (id) { return [id, m.distinctActors(id)]; })); // for laneIds too
      actorsOf.forEach(function (actors) {
        actors.forEach(function (a) { dated.set(a, (dated.get(a) || 0) + 1); });
      });
      // the ACTOR_LANES largest counts first (numbers sort fast), then only the actors with
      // as many are sorted by count and name: 120,000 names by localeCompare took seconds
      const counts = Array.from(dated.values()).sort(function (a, b) { return b - a; });
      const least = counts[Math.min(ACTOR_LANES, counts.length) - 1];
      const busiest = Array.from(dated.keys()).filter(function (a) { return dated.get(a) >= least; }).sort(function (a, b) {
        return dated.get(b) - dated.get(a) || (details[a] ? details[a].label : a).localeCompare(details[b] ? details[b].label : b);
      });
      laneActors = new Set(busiest.slice(0, ACTOR_LANES));
      if (m.state.actor) laneActors.add(m.state.actor);
    }

    tl.hasLane = function (actor) { return laneActors.has(actor); };

    /** Lanes by ``mode`` ("type", "actor" or "source"): the lanes of every dated event. */
    tl.load = function (newMode) {
      mode = newMode;
      if (mode === "actor") chooseLaneActors();
      const lanes = new Set();
      lanesOf = data.timeline.map(function (id) {
        const own = laneIds(id);
        own.forEach(function (lane) { lanes.add(lane); });
        return own;
      });
      actorsOf = new Map();
      const last = { "a:*": 1, "a:": 2 }; // after the named lanes, in this order
      const groups = Array.from(lanes, function (lane) { return [lane, laneLabel(lane)]; })
        .sort(function (x, y) { return (last[x[0]] || 0) - (last[y[0]] || 0) || x[1].localeCompare(y[1]); })
        .map(function (g, i) { return { id: g[0], label: g[1], content: escapeHtml(g[1]), order: i }; });
      itemsData.clear();
      groupsData.clear();
      groupsData.add(groups);
    };

    /** Load the items near ``start``..``end`` (Dates) when that leaves what is loaded, or
     * when what is loaded was a sample. */
    function loadNear(start, end) {
      shown = [start.valueOf(), end.valueOf()];
      if (!windowed) return;
      if (loaded && !sampled && shown[0] >= loaded[0] && shown[1] <= loaded[1]) return;
      const width = shown[1] - shown[0];
      loaded = [shown[0] - width, shown[1] + width];
      fill();
    }

    /** Move the window to ``start``..``end`` (Dates), its items loaded first (vis-timeline's
     * "rangechanged" follows a move from code only later). */
    tl.setWindow = function (start, end) {
      loadNear(start, end);
      tl.timeline.setWindow(start, end, { animation: false });
    };

    /** The filters changed: the events that pass, their lanes (those with none left are
     * hidden) and the items of the window. */
    tl.refresh = function () {
      passing = [];
      const used = new Set();
      data.timeline.forEach(function (id, i) {
        if (!m.onTimeline.has(id)) return;
        passing.push(i);
        lanesOf[i].forEach(function (lane) { used.add(lane); });
      });
      index = NGX.timeIndex(starts, ends, passing);
      fill();
      const changed = groupsData.get().filter(function (g) { return (g.visible !== false) !== used.has(g.id); });
      if (changed.length) groupsData.update(changed.map(function (g) { return { id: g.id, visible: used.has(g.id) }; }));
    };

    tl.itemIdsFor = function (id) {
      return tl.itemIdsForEvents(m.isEvent(id) ? [id] : (m.incoming[id] || []).map(function (p) { return p[0]; }));
    };
    tl.itemIdsForEvents = function (ids) {
      const events = new Set(ids);
      return itemsData.getIds({ filter: function (it) { return events.has(it.event); } });
    };

    const ruler = document.createElement("canvas").getContext("2d");
    function textPixels(text) { // as the timeline draws an item's or a lane's text (.vis-item: 12 px), with its padding
      return ruler.measureText(text).width + 16;
    }

    function initialWindow() { // the latest FIRST_ITEMS events (all of them on a small graph), padded
      const shown = data.timeline.slice(-FIRST_ITEMS); // sorted by start
      if (!shown.length) return null;
      ruler.font = "12px " + getComputedStyle(document.body).fontFamily; // read once, not per label
      let lo = Infinity, hi = -Infinity;
      const boxes = []; // [date, half the label's width in pixels]: a day is drawn as a box centred on its date
      shown.forEach(function (id) {
        const s = details[id].span;
        lo = Math.min(lo, Date.parse(s.start));
        hi = Math.max(hi, Date.parse(s.end || s.start));
        if (s.type === "box") boxes.push([Date.parse(s.start), textPixels(m.display(id)) / 2]);
      });
      const lanes = Math.max.apply(null, groupsData.get().map(function (g) { return textPixels(g.label); }).concat([0]));
      const width = Math.max($("timeline").clientWidth - lanes, 100);
      const pad = Math.max((hi - lo) * 0.05, DAY * 2);
      let from = lo - pad, to = hi + pad;
      // Widen until every box's label is inside: at the window's scale, a label half w pixels
      // wide reaches w * (to - from) / width either side of its date. A label over 60% of the
      // width counts as 60% (it is cut whatever the window), so this settles in a few rounds.
      for (let round = 0; round < 30; round++) {
        const perPixel = (to - from) / width;
        let needFrom = from, needTo = to;
        boxes.forEach(function (b) {
          const reach = (Math.min(b[1], width * 0.3) + 10) * perPixel; // and a little air
          needFrom = Math.min(needFrom, b[0] - reach);
          needTo = Math.max(needTo, b[0] + reach);
        });
        if (needFrom >= from && needTo <= to) break;
        from = needFrom - pad * 0.1;
        to = needTo + pad * 0.1;
      }
      return { start: new Date(from), end: new Date(to) };
    }

    /** Fit the window to the dated events that pass the filters (when a filter is set), the
     * latest FIRST_ITEMS of them when more pass. */
    tl.fitToFilter = function () {
      const st = m.state;
      if (!(st.search || st.actor || st.type || st.from || st.to || st.hiddenKinds.size)) return;
      let lo = Infinity, hi = -Infinity;
      // the latest FIRST_ITEMS that pass, as the first window: vis-timeline lays out every
      // item in its window, and thousands take seconds
      passing.slice(-FIRST_ITEMS).forEach(function (i) {
        lo = Math.min(lo, starts[i]);
        hi = Math.max(hi, ends[i]);
      });
      if (lo === Infinity) return;
      const pad = Math.max((hi - lo) * 0.05, DAY * 3);
      tl.setWindow(new Date(lo - pad), new Date(hi + pad));
    };

    tl.showInitialWindow = function (initial) {
      initial = initial || initialWindow();
      if (initial) tl.setWindow(initial.start, initial.end);
    };

    /** Draw the timeline (once the page's layout is final). */
    tl.draw = function () {
      const initial = initialWindow();
      if (initial) loadNear(initial.start, initial.end); // vis-timeline is given only the items near it
      const timeline = new VT.Timeline($("timeline"), itemsData, groupsData, {
        stack: true,
        height: "100%",
        verticalScroll: true,
        orientation: { axis: "top", item: "top" },
        groupOrder: "order",
        zoomMin: DAY * 3,
        margin: { item: { horizontal: 2, vertical: 4 } },
        showCurrentTime: false,
        template: function (item) { return el("span", { className: "ng-label" }, m.display(item.event)); },
        groupTemplate: function (group) { return group ? el("span", null, group.label) : ""; },
        tooltip: { followMouse: false, overflowMethod: "cap" },
      });
      tl.timeline = timeline;
      // The window is set before the first draw, so only the items in it are ever drawn. Not
      // as the start/end options: given those, vis-timeline 8.5.4 lays out every item in its
      // constructor, a forced reflow each (37 s for 4,000 items here). And it would fit the
      // window to all items on its first "changed" (a second, full redraw) unless told that
      // this is done.
      tl.showInitialWindow(initial);
      timeline.initialFitDone = true;
      timeline.on("select", function (props) {
        const item = props.items.length ? itemsData.get(props.items[0]) : null;
        app.select(item ? item.event : null, "timeline");
      });
      timeline.on("rangechange", function (props) { app.strip.shade(props.start, props.end); });
      timeline.on("rangechanged", function (props) {
        app.strip.shade(props.start, props.end);
        loadNear(props.start, props.end);
        if (!m.state.follow) return;
        m.state.windowFrom = dom.isoDay(props.start);
        m.state.windowTo = dom.isoDay(props.end);
        app.applyFilters(true);
      });
      timeline.on("changed", function () { app.ready("timeline"); });
      return timeline;
    };

    /** Select (or, with null, unselect) an event's items, or an actor's events, and pan to them. */
    tl.show = function (id) {
      if (!id) { tl.timeline.setSelection([]); return; }
      const d = details[id];
      if (windowed && d && d.span) { // an event not loaded yet: load around it, where focus() goes
        if (!position) position = new Map(data.timeline.map(function (e, i) { return [e, i]; }));
        pinned = position.get(id);
        const w = tl.timeline.getWindow(), at = starts[pinned], half = (w.end - w.start) / 2;
        loaded = null;
        loadNear(new Date(at - half), new Date(at + half));
      }
      const ids = tl.itemIdsFor(id);
      tl.timeline.setSelection(ids);
      if (ids.length) tl.timeline.focus(ids, { zoom: false, animation: false }); // pan to it, keep the zoom
    };
    return tl;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
