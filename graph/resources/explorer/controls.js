/* newsgraph explorer, controls: the filter form, the legend, the undated list and the counts. */
(function (NGX) {
  "use strict";

  NGX.controls = function (app) {
    const m = app.model, data = app.data, details = app.data.details;
    const dom = NGX.dom, $ = dom.$, el = dom.el;

    const UNDATED_SHOWN = 200; // buttons in the undated list at most (and the selected one): filter to narrow it

    function renderUndated() {
      const box = $("undated");
      box.replaceChildren();
      const passing = data.undated.filter(function (id) { return m.onTimeline.has(id); });
      const shown = passing.slice(0, UNDATED_SHOWN);
      if (passing.indexOf(m.state.selected) >= UNDATED_SHOWN) shown.push(m.state.selected);
      if (!shown.length) box.appendChild(el("span", { className: "hint" }, "none"));
      if (passing.length > shown.length) {
        box.appendChild(el("span", { className: "hint" }, "(" + (passing.length - shown.length) + " more: filter to narrow) "));
      }
      shown.forEach(function (id) {
        const b = el("button", { type: "button", className: id === m.state.selected ? "selected" : "" }, m.display(id));
        b.dataset.id = id;
        b.addEventListener("click", function () { app.select(id, "undated"); });
        box.appendChild(b);
      });
    }

    function renderCounts() {
      const dated = data.timeline.filter(function (id) { return m.onTimeline.has(id); }).length;
      const undated = data.undated.filter(function (id) { return m.onTimeline.has(id); }).length;
      const net = app.network;
      if (net.corpus) {
        $("counts").textContent = net.nodesView.length + " actors and events drawn · " + net.isolatedCount() +
          " actors hidden · " + dated + " of " + data.timeline.length + " dated events on the timeline";
        return;
      }
      $("counts").textContent = m.visible.size + " of " + data.nodeCount + " nodes · " + dated + " of " +
        data.timeline.length + " dated on the timeline · " + undated + " of " + data.undated.length + " undated";
    }

    function renderLegend() {
      const box = $("legend");
      Object.keys(data.legend).forEach(function (kind) {
        const check = el("input", { type: "checkbox", checked: true });
        check.dataset.kind = kind;
        check.addEventListener("change", function () {
          if (check.checked) m.state.hiddenKinds.delete(kind); else m.state.hiddenKinds.add(kind);
          app.applyFilters();
        });
        const swatch = el("i");
        swatch.style.background = data.legend[kind].color;
        box.appendChild(el("label", null, [check, swatch, kind + " (" + data.legend[kind].shape + ")"]));
      });
    }

    function fillSelect(select, pairs) {
      const options = document.createDocumentFragment();
      pairs.forEach(function (p) {
        const option = document.createElement("option");
        option.value = p[0];
        option.textContent = p[1];
        options.appendChild(option);
      });
      select.appendChild(options);
    }

    function whenIdle(task) { // after the frames the browser has to draw first
      if (window.requestIdleCallback) requestIdleCallback(task, { timeout: 1000 }); else setTimeout(task, 50);
    }

    /** Thousands of actors on a large graph: their options are made in slices, in idle time,
     * into a list apart, which joins the page at once. Each slice added to the select
     * itself had it lay out all its options again: 29,000 actors took seconds. */
    function fillActors() {
      const slice = 2000, apart = document.createDocumentFragment();
      for (let i = 0; i < data.actors.length; i += slice) whenIdle(fillSelect.bind(null, apart, data.actors.slice(i, i + slice)));
      whenIdle(function () { $("f-actor").appendChild(apart); });
    }

    /** Lanes again (by ``m.state.lanes``); the filters too when they changed. */
    function relane(filtered) {
      app.timeline.load(m.state.lanes);
      if (filtered) app.applyFilters(true); else app.timeline.refresh();
      if (m.state.selected) app.timeline.timeline.setSelection(app.timeline.itemIdsFor(m.state.selected));
    }

    function wire() {
      renderLegend();
      if (app.network.corpus) {
        $("isolated-box").hidden = !app.network.isolatedCount();
        $("isolated-count").textContent = String(app.network.isolatedCount());
        $("f-isolated").addEventListener("change", function (e) { app.network.setShowIsolated(e.target.checked); renderCounts(); });
      }
      fillSelect($("f-type"), data.types.map(function (t) { return [t, t]; }));
      let searchTimer = null;
      $("f-search").addEventListener("input", function (e) {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(function () { m.state.search = e.target.value.trim().toLowerCase(); app.applyFilters(); }, 150);
      });
      [["f-actor", "actor"], ["f-type", "type"], ["f-from", "from"], ["f-to", "to"]].forEach(function (pair) {
        $(pair[0]).addEventListener("change", function (e) {
          m.state[pair[1]] = e.target.value;
          if (pair[1] === "actor" && m.state.lanes === "actor" && m.state.actor && !app.timeline.hasLane(m.state.actor)) {
            relane(true); // the chosen actor gets a lane of its own
          } else {
            app.applyFilters();
          }
        });
      });
      $("f-lanes").addEventListener("change", function (e) {
        m.state.lanes = e.target.value;
        relane();
      });
      $("f-window").addEventListener("change", function (e) {
        m.state.follow = e.target.checked;
        const w = app.timeline.timeline.getWindow();
        m.state.windowFrom = dom.isoDay(w.start);
        m.state.windowTo = dom.isoDay(w.end);
        app.applyFilters(true);
      });
      $("f-reset").addEventListener("click", function () {
        $("filters").reset();
        m.reset();
        document.querySelectorAll("#legend input").forEach(function (c) { c.checked = true; });
        app.timeline.load("type");
        app.applyFilters(true);
        app.timeline.showInitialWindow();
        app.network.network.fit({ animation: false });
      });
      $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    }

    return { renderUndated: renderUndated, renderCounts: renderCounts, wire: wire, fillActors: fillActors, whenIdle: whenIdle };
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
