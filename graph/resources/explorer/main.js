/* newsgraph explorer, main: joins the modules (dom, model, network, timeline, panel,
 * controls) into one page that links vis-timeline and vis-network. */
(function (NGX) {
  "use strict";
  window.newsgraphOpen(JSON.parse(document.getElementById("newsgraph-data").textContent)).then(start)
    .catch(function (error) { setTimeout(function () { throw error; }); }); // reported as the page's error

  function start(data) {
    performance.mark("ng:data");
    const app = { data: data, model: NGX.model(data) };
    const m = app.model;
    app.network = NGX.network(app);
    performance.mark("ng:netdata");
    app.timeline = NGX.timeline(app);
    app.strip = NGX.strip(app);
    app.panel = NGX.panel(app);
    app.controls = NGX.controls(app);

    /** Recompute what passes the filters and redraw; the timeline's window fits the events
     * that pass unless ``keepWindow`` (the window itself moved, or nothing is filtered). */
    app.applyFilters = function (keepWindow) {
      m.computeVisible();
      app.network.refresh();
      app.timeline.refresh();
      app.strip.refresh();
      if (!keepWindow && app.timeline.timeline) app.timeline.fitToFilter();
      app.controls.renderUndated();
      app.controls.renderCounts();
    };

    /** Select a node (or none) in every view; the panel is filled once the details it shows
     * are unpacked (at once, but for a corpus page's first click in its first moments). The
     * Promise resolves when it is: body[data-selected] is then set. */
    app.select = function (id, source) {
      m.state.selected = id && data.details[id] ? id : null;
      if (!m.state.selected) {
        app.network.show(null);
        app.timeline.show(null);
      } else {
        if (source !== "network") app.network.show(m.state.selected);
        if (source !== "timeline") app.timeline.show(m.state.selected);
      }
      app.controls.renderUndated();
      const selected = m.state.selected;
      function fill() {
        if (m.state.selected !== selected) return; // another click came first
        app.panel.render(selected);
        document.body.setAttribute("data-selected", selected || "");
      }
      if (!selected || data.detailsLoaded(selected)) { fill(); return Promise.resolve(); }
      return data.loadDetails(selected).then(fill);
    };

    /** Select a link of the actors' overview: the panel lists the events the two share. */
    app.selectLink = function (link) {
      m.state.selected = null;
      app.panel.renderLink(link);
      app.timeline.timeline.setSelection(app.timeline.itemIdsForEvents(link.events));
      document.body.setAttribute("data-selected", "link:" + link.from + "|" + link.to);
    };

    // nobody needs these before the first click (which unpacks the details at once if need be)
    const afterReady = [app.network.labelOnScreen, app.controls.fillActors, function () { app.controls.whenIdle(function () { data.loadDetails(); }); }];
    const drawn = { network: false, timeline: false };
    app.ready = function (which) {
      drawn[which] = true;
      performance.mark("ng:drawn-" + which);
      if (drawn.network && drawn.timeline && !document.body.hasAttribute("data-ready")) {
        window.newsgraph.readyAt = performance.now();
        document.body.setAttribute("data-ready", "1");
        afterReady.forEach(function (task) { task(); });
      }
    };

    // start: the page's layout is final before either view measures its box
    app.controls.wire();
    m.computeVisible();
    app.network.refresh(); // the views were made before anything was visible; nothing listens yet
    app.timeline.load("type");
    app.timeline.refresh();
    app.controls.renderUndated();
    app.controls.renderCounts();
    performance.mark("ng:prepared");
    const network = app.network.draw();
    performance.mark("ng:network");
    const timeline = app.timeline.draw();
    performance.mark("ng:timeline");
    app.strip.refresh();
    const shown = timeline.getWindow();
    app.strip.shade(shown.start, shown.end);

    window.newsgraph = {
      data: data, network: network, timeline: timeline, state: m.state, select: app.select, applyFilters: app.applyFilters,
      visibleNodeIds: function () { return app.network.nodesView.getIds(); },
      timelineItemIds: function () { return app.timeline.itemsData.getIds(); },
      timelineEventIds: function () {
        return Array.from(new Set(app.timeline.itemsData.get().map(function (it) { return it.event; })));
      },
      selectLink: function (from, to) {
        const link = app.network.links.filter(function (l) { return l.from === from && l.to === to; })[0];
        if (link) app.selectLink(link);
        return Boolean(link);
      },
      brush: function (from, to) { app.strip.brush(from, to); },
      stripBins: function () { return { unit: app.strip.unit, bins: app.strip.bins, counts: app.strip.counts }; },
      expand: function (id) { app.network.toggleExpand(id); },
      undatedIds: function () { return data.undated.filter(function (id) { return m.onTimeline.has(id); }); },
    };
  }
})(window.NGX);
