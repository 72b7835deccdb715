/* newsgraph explorer, timeline: vis-timeline's lanes and items, filtered by the model. */
(function (NGX) {
  "use strict";
  // Lanes by actor: one for each of the ACTOR_LANES actors in the most dated events and one
  // for the actor chosen in the filter; the other actors' events share a lane. Thousands of
  // lanes would take seconds to draw, and nobody could read them.
  const ACTOR_LANES = 40;
  const FIRST_ITEMS = 300; // a longer timeline opens on its latest dated events: zoom out for the rest
  const DAY = 1000 * 60 * 60 * 24;

  NGX.timeline = function (app) {
    const VT = window.vis; // vis-timeline's classes
    const m = app.model, data = app.data, details = app.data.details;
    const dom = NGX.dom, $ = dom.$, el = dom.el, escapeHtml = dom.escapeHtml, localDay = dom.localDay;
    const groupsData = new VT.DataSet();
    const itemsData = new VT.DataSet();
    // A long timeline hands vis-timeline only the items near its window (loaded: the window
    // and as much again either side, from ISO day to ISO day), and loads more as it moves:
    // vis-timeline makes and measures an object for every item it is given.
    const windowed = data.timeline.length > FIRST_ITEMS;
    let loaded = null; // [from, to] ISO days, null: every item
    function near(it) {
      if (!loaded) return true;
      const s = details[it.event].span;
      return s.start <= loaded[1] && (s.end || s.start) >= loaded[0];
    }
    const itemsView = new VT.DataView(itemsData, { filter: function (it) { return m.onTimeline.has(it.event) && near(it); } });
    let laneActors = new Set();
    const tl = { groupsData: groupsData, itemsData: itemsData, itemsView: itemsView, timeline: null };

    function timelineData(mode) {
      const items = [];
      const lanes = new Map();
      data.timeline.forEach(function (id) {
        const d = details[id];
        const base = {
          event: id, start: localDay(d.span.start), type: d.span.type,
          className: d.span.className + (d.kind === "statement" ? " ng-statement" : ""),
          content: escapeHtml(m.display(id)),
          title: escapeHtml(d.label + "\n" + m.dateText(d)),
        };
        if (d.span.end) base.end = localDay(d.span.end);
        if (mode === "type") {
          lanes.set("t:" + d.type, d.type);
          items.push(Object.assign({ id: id, group: "t:" + d.type }, base));
          return;
        }
        if (mode === "source") { // the outlet of the article it comes from (the first, for a corpus event)
          const a = data.articles[d.article] || {}, outlet = a.outlet || "(outlet unknown)";
          lanes.set("s:" + outlet, outlet);
          items.push(Object.assign({ id: id, group: "s:" + outlet }, base));
          return;
        }
        const actors = m.distinctActors(id);
        const own = actors.filter(function (a) { return laneActors.has(a); });
        if (!own.length) { // in the lane of the actors without one, or of events without any
          const rest = actors.length ? "a:*" : "a:";
          lanes.set(rest, actors.length ? "(other actors)" : "(no actor)");
          items.push(Object.assign({ id: id + " " + rest, group: rest }, base));
        }
        own.forEach(function (a) {
          lanes.set("a:" + a, details[a] ? details[a].label : a);
          items.push(Object.assign({ id: id + " " + a, group: "a:" + a }, base));
        });
      });
      const last = { "a:*": 1, "a:": 2 }; // after the named lanes, in this order
      const groups = Array.from(lanes.entries())
        .sort(function (x, y) { return (last[x[0]] || 0) - (last[y[0]] || 0) || x[1].localeCompare(y[1]); })
        .map(function (g, i) { return { id: g[0], label: g[1], content: escapeHtml(g[1]), order: i }; });
      return { items: items, groups: groups };
    }

    function chooseLaneActors() {
      const dated = new Map();
      data.timeline.forEach(function (id) {
        m.distinctActors(id).forEach(function (a) { dated.set(a, (dated.get(a) || 0) + 1); });
      });
      const busiest = Array.from(dated.keys()).sort(function (a, b) {
        return dated.get(b) - dated.get(a) || (details[a] ? details[a].label : a).localeCompare(details[b] ? details[b].label : b);
      });
      laneActors = new Set(busiest.slice(0, ACTOR_LANES));
      if (m.state.actor) laneActors.add(m.state.actor);
    }

    tl.hasLane = function (actor) { return laneActors.has(actor); };

    tl.load = function (mode) {
      if (mode === "actor") chooseLaneActors();
      const built = timelineData(mode);
      itemsData.clear();
      groupsData.clear();
      groupsData.add(built.groups);
      itemsData.add(built.items);
    };

    /** Load the items near ``start``..``end`` (Dates) when that leaves what is loaded. */
    function loadNear(start, end) {
      if (!windowed) return;
      const from = dom.isoDay(start), to = dom.isoDay(end);
      if (loaded && from >= loaded[0] && to <= loaded[1]) return;
      const width = end - start;
      loaded = [dom.isoDay(new Date(start.valueOf() - width)), dom.isoDay(new Date(end.valueOf() + width))];
      itemsView.refresh();
    }
    tl.loadNear = loadNear;

    tl.refresh = function () { // lanes with nothing left are hidden
      itemsView.refresh();
      const used = new Set();
      itemsData.forEach(function (it) { if (m.onTimeline.has(it.event)) used.add(it.group); });
      const changed = groupsData.get().filter(function (g) { return (g.visible !== false) !== used.has(g.id); });
      if (changed.length) groupsData.update(changed.map(function (g) { return { id: g.id, visible: used.has(g.id) }; }));
    };

    tl.itemIdsFor = function (id) {
      return tl.itemIdsForEvents(m.isEvent(id) ? [id] : (m.incoming[id] || []).map(function (p) { return p[0]; }));
    };
    tl.itemIdsForEvents = function (ids) {
      const events = new Set(ids);
      return itemsView.getIds({ filter: function (it) { return events.has(it.event); } });
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
      const passing = data.timeline.filter(function (id) { return m.onTimeline.has(id); }).slice(-FIRST_ITEMS);
      passing.forEach(function (id) {
        const s = details[id].span;
        lo = Math.min(lo, localDay(s.start).getTime());
        hi = Math.max(hi, localDay(s.end || s.start).getTime());
      });
      if (lo === Infinity) return;
      const pad = Math.max((hi - lo) * 0.05, DAY * 3);
      loadNear(new Date(lo - pad), new Date(hi + pad));
      tl.timeline.setWindow(new Date(lo - pad), new Date(hi + pad), { animation: false });
    };

    tl.showInitialWindow = function (initial) {
      initial = initial || initialWindow();
      if (initial) { loadNear(initial.start, initial.end); tl.timeline.setWindow(initial.start, initial.end, { animation: false }); }
    };

    /** Draw the timeline (once the page's layout is final). */
    tl.draw = function () {
      const initial = initialWindow();
      if (initial) loadNear(initial.start, initial.end); // vis-timeline is given only the items near it
      const timeline = new VT.Timeline($("timeline"), itemsView, groupsData, {
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
        const w = tl.timeline.getWindow(), at = localDay(d.span.start).getTime(), half = (w.end - w.start) / 2;
        loadNear(new Date(at - half), new Date(at + half));
      }
      const ids = tl.itemIdsFor(id);
      tl.timeline.setSelection(ids);
      if (ids.length) tl.timeline.focus(ids, { zoom: false, animation: false }); // pan to it, keep the zoom
    };
    return tl;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
