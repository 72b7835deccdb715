/* newsgraph explorer: the glue that links vis-timeline and vis-network.
 *
 * Every string from an article reaches the page through textContent (or, where a
 * library insists on HTML, through escapeHtml), never through innerHTML. */
(function () {
  "use strict";
  const data = window.newsgraphUnpack(JSON.parse(document.getElementById("newsgraph-data").textContent));
  performance.mark("ng:data");
  const VN = window.visNetworkLib; // vis-network's classes, saved before vis-timeline loaded
  const VT = window.vis; // vis-timeline's
  const details = data.details;
  const EVENT_KINDS = new Set(["event", "statement"]);
  const ROLES = new Set(["agent", "patient", "participant", "speaker", "addressee"]);
  const OPEN_END = "9999-12-31";

  // ------------------------------------------------------------------ helpers
  function $(id) { return document.getElementById(id); }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) Object.assign(node, props);
    [].concat(children === undefined ? [] : children).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function localDay(iso) { // "2018-12-29" as local midnight, as vis-timeline reads a date string, minus its parser
    const day = new Date(2000, 0, 1);
    day.setFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    return day;
  }

  function isEvent(id) { return EVENT_KINDS.has(details[id].kind); }

  function dateText(d) {
    if (!d.date) return "undated";
    return d.date.edtf + " (" + d.date.precision + ")";
  }

  // ------------------------------------------------------------------ adjacency
  const outgoing = {}; // node -> [[target, role]]
  const incoming = {}; // node -> [[source, role]]
  data.edges.forEach(function (e) {
    (outgoing[e.from] = outgoing[e.from] || []).push([e.to, e.label]);
    (incoming[e.to] = incoming[e.to] || []).push([e.from, e.label]);
  });
  function actorsOf(id) {
    return (outgoing[id] || []).filter(function (p) { return ROLES.has(p[1]); });
  }

  // ------------------------------------------------------------------ filters
  const state = { search: "", actor: "", type: "", from: "", to: "", lanes: "type", follow: false,
                  windowFrom: "", windowTo: "", hiddenKinds: new Set(), selected: null };
  let visible = new Set(); // nodes shown in the network
  let onTimeline = new Set(); // events shown on the timeline and in the undated list

  function labelMatches(id, q) { return details[id].label.toLowerCase().indexOf(q) >= 0; }

  function eventPasses(id, from, to) {
    const d = details[id];
    if (state.hiddenKinds.has(d.kind)) return false;
    if (state.type && d.type !== state.type) return false;
    if (state.actor && !actorsOf(id).some(function (p) { return p[0] === state.actor; })) return false;
    if (from || to) {
      if (!d.date) return false;
      const lo = d.date.earliest, hi = d.date.latest || OPEN_END;
      if (from && hi < from) return false;
      if (to && lo > to) return false;
    }
    if (state.search) {
      const q = state.search;
      const near = (outgoing[id] || []).some(function (p) { return details[p[0]] && !isEvent(p[0]) && labelMatches(p[0], q); });
      if (!labelMatches(id, q) && !near) return false;
    }
    return true;
  }

  function computeVisible() {
    const from = state.from, to = state.to;
    let netFrom = from, netTo = to;
    if (state.follow && state.windowFrom) {
      netFrom = from > state.windowFrom ? from : state.windowFrom;
      netTo = to && to < state.windowTo ? to : state.windowTo;
    }
    const active = Boolean(state.search || state.actor || state.type || netFrom || netTo);
    const eventOnly = Boolean(state.actor || state.type || netFrom || netTo);
    onTimeline = new Set();
    visible = new Set();
    Object.keys(details).forEach(function (id) {
      if (!isEvent(id)) return;
      if (eventPasses(id, from, to)) onTimeline.add(id);
      if (eventPasses(id, netFrom, netTo)) visible.add(id);
    });
    Object.keys(details).forEach(function (id) {
      if (isEvent(id) || state.hiddenKinds.has(details[id].kind)) return;
      if (!active) { visible.add(id); return; }
      const near = (incoming[id] || []).some(function (p) { return visible.has(p[0]); });
      if (near || (state.search && !eventOnly && labelMatches(id, state.search))) visible.add(id);
    });
  }

  // ------------------------------------------------------------------ network
  const large = Boolean(data.large);
  function tooltip(id) {
    const d = details[id];
    const lines = [d.label, d.kind + (d.type && isEvent(id) ? ": " + d.type : "") + (isEvent(id) ? ", " + dateText(d) : "")];
    return lines.join("\n"); // vis-network sets a string title with innerText: never markup
  }
  const nodesData = new VN.DataSet(data.nodes.map(function (n) {
    const node = { id: n.id, x: n.x, y: n.y, size: n.size, group: n.kind, title: tooltip(n.id) };
    if (!large) node.label = n.label;
    return node;
  }));
  const edgesData = new VN.DataSet(data.edges.map(function (e, i) { // our own ids: no UUID made per edge
    return large ? { id: i, from: e.from, to: e.to } : { id: i, from: e.from, to: e.to, label: e.label };
  }));
  // A large network opens too far out for any label to show (vis-network skips a label under
  // 5 px), so its nodes get their labels once zoomed in, those on screen only: measuring
  // 10,000 labels first would hold up the first drawing for nothing.
  const LABEL_SCALE = 5 / 12; // the node font is 12 px
  const labelled = new Set();
  let labelTimer = null;
  function labelOnScreen() {
    clearTimeout(labelTimer);
    labelTimer = null;
    if (!large || network.getScale() < LABEL_SCALE) return;
    const box = $("network"), pad = 200;
    const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    const positions = network.getPositions(nodesView.getIds());
    const updates = [];
    Object.keys(positions).forEach(function (id) {
      const p = positions[id];
      if (labelled.has(id) || p.x < a.x - pad || p.x > b.x + pad || p.y < a.y - pad || p.y > b.y + pad) return;
      labelled.add(id);
      updates.push({ id: id, label: nodeLabel[id] });
    });
    if (updates.length) nodesData.update(updates);
  }
  function labelSoon() { if (large && labelTimer === null) labelTimer = setTimeout(labelOnScreen, 120); }
  const nodeLabel = {};
  if (large) data.nodes.forEach(function (n) { nodeLabel[n.id] = n.label; });

  const nodesView = new VN.DataView(nodesData, { filter: function (n) { return visible.has(n.id); } });
  const edgesView = new VN.DataView(edgesData, {
    filter: function (e) { return visible.has(e.from) && visible.has(e.to); },
  });

  // ------------------------------------------------------------------ timeline
  performance.mark("ng:netdata");
  const groupsData = new VT.DataSet();
  const itemsData = new VT.DataSet();
  const itemsView = new VT.DataView(itemsData, { filter: function (it) { return onTimeline.has(it.event); } });

  function timelineData(mode) {
    const items = [];
    const lanes = new Map();
    data.timeline.forEach(function (id) {
      const d = details[id];
      const base = {
        event: id, start: localDay(d.span.start), type: d.span.type,
        className: d.span.className + (d.kind === "statement" ? " ng-statement" : ""),
        content: escapeHtml(d.label),
        title: escapeHtml(d.label + "\n" + dateText(d)),
      };
      if (d.span.end) base.end = localDay(d.span.end);
      if (mode === "type") {
        lanes.set("t:" + d.type, d.type);
        items.push(Object.assign({ id: id, group: "t:" + d.type }, base));
        return;
      }
      const actors = distinctActors(id);
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

  function distinctActors(id) {
    return actorsOf(id).map(function (p) { return p[0]; }).filter(function (a, i, all) { return all.indexOf(a) === i; });
  }

  // Lanes by actor: one for each of the ACTOR_LANES actors in the most dated events and one
  // for the actor chosen in the filter; the other actors' events share a lane. Thousands of
  // lanes would take seconds to draw, and nobody could read them.
  const ACTOR_LANES = 40;
  let laneActors = new Set();

  function chooseLaneActors() {
    const dated = new Map();
    data.timeline.forEach(function (id) {
      distinctActors(id).forEach(function (a) { dated.set(a, (dated.get(a) || 0) + 1); });
    });
    const busiest = Array.from(dated.keys()).sort(function (a, b) {
      return dated.get(b) - dated.get(a) || (details[a] ? details[a].label : a).localeCompare(details[b] ? details[b].label : b);
    });
    laneActors = new Set(busiest.slice(0, ACTOR_LANES));
    if (state.actor) laneActors.add(state.actor);
  }

  function loadTimeline(mode) {
    if (mode === "actor") chooseLaneActors();
    const built = timelineData(mode);
    itemsData.clear();
    groupsData.clear();
    groupsData.add(built.groups);
    itemsData.add(built.items);
  }

  function textTemplate(item) {
    return el("span", { className: "ng-label" }, details[item.event].label);
  }

  // ------------------------------------------------------------------ selection and panel
  function linkTo(id, text) {
    if (!details[id]) return el("span", null, text || id);
    const button = el("button", { type: "button", className: "link" }, text || details[id].label);
    button.addEventListener("click", function () { select(id, "panel"); });
    return button;
  }

  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }

  function articleLine(iri) {
    const a = data.articles[iri];
    if (!a) return el("div", { className: "source" }, iri);
    const headline = a.headline || iri;
    let title;
    if (a.url && /^https?:\/\//i.test(a.url)) {
      title = el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer" }, headline);
    } else {
      title = el("span", null, headline + (a.url ? " (" + a.url + ")" : ""));
    }
    const extra = [a.outlet, a.published].filter(Boolean).join(", ");
    return el("div", { className: "source" }, [title, extra ? " — " + extra : ""]);
  }

  function evidenceBlock(ev) {
    const sentence = el("div", { className: "sentence" }, [ev.before, el("mark", null, ev.exact), ev.after]);
    const where = ev.start !== undefined ? " [characters " + ev.start + "–" + ev.end + "]" : "";
    const source = articleLine(ev.article);
    source.appendChild(document.createTextNode(where));
    return el("div", { className: "evidence" }, [sentence, source]);
  }

  function list(items) {
    return el("ul", null, items.map(function (item) { return el("li", null, item); }));
  }

  function renderPanel(id) {
    const panel = $("panel");
    panel.replaceChildren();
    if (!id || !details[id]) {
      panel.appendChild(el("p", { className: "hint" }, "Select an event, a statement or an actor on the timeline or in the network."));
      return;
    }
    const d = details[id];
    const badge = el("span", { className: "kind" }, d.kind);
    badge.style.background = (data.legend[d.kind] || {}).color || "#777";
    panel.appendChild(el("h2", { id: "panel-label" }, d.label));
    panel.appendChild(el("div", null, [badge, isEvent(id) ? " " + d.type : ""]));
    if (isEvent(id)) {
      panel.appendChild(el("h3", null, "Date"));
      const dl = el("dl", { id: "panel-date" });
      if (d.date && d.date.precision === "disputed") {
        row(dl, "EDTF", d.date.edtf);
        row(dl, "dates", "the sources disagree (see Sources); drawn from " + d.date.earliest + " to " + d.date.latest);
      } else if (d.date) {
        row(dl, "EDTF", d.date.edtf);
        row(dl, "precision", d.date.precision);
        row(dl, "between", (d.date.earliest || "open start") + " and " + (d.date.latest || "open end"));
        row(dl, "phrase", d.date.phrase ? "“" + d.date.phrase + "”" : "");
        row(dl, "anchor", d.date.anchor);
        row(dl, "rule", d.date.rule);
      } else {
        row(dl, "date", "undated: the article gives no date for it");
      }
      panel.appendChild(dl);
      const actors = actorsOf(id);
      const places = (outgoing[id] || []).filter(function (p) { return p[1] === "hasPlace"; });
      const linked = (outgoing[id] || []).filter(function (p) { return p[1] === "reports" || p[1] === "callsFor"; });
      panel.appendChild(el("h3", null, "Participants"));
      panel.appendChild(actors.length || places.length ? list(actors.map(function (p) {
        return [p[1] + ": ", linkTo(p[0])];
      }).concat(places.map(function (p) { return ["place: ", linkTo(p[0])]; }))) : el("p", { className: "hint" }, "none named"));
      if (linked.length) {
        panel.appendChild(el("h3", null, "Reports / calls for"));
        panel.appendChild(list(linked.map(function (p) { return [p[1] + ": ", linkTo(p[0])]; })));
      }
      if (d.quantity) {
        panel.appendChild(el("h3", null, "How many"));
        panel.appendChild(el("p", { id: "panel-quantity" }, d.quantity));
      }
      panel.appendChild(el("h3", null, "Factuality"));
      const fdl = el("dl");
      row(fdl, "certainty", d.factuality.certainty);
      row(fdl, "polarity", d.factuality.polarity);
      row(fdl, "cue", d.factuality.cue ? "“" + d.factuality.cue + "”" : "");
      panel.appendChild(fdl);
      if (d.text) {
        panel.appendChild(el("h3", null, "Words"));
        panel.appendChild(el("blockquote", null, d.text));
      }
    } else {
      const dl = el("dl");
      row(dl, "also called", (d.aliases || []).join("; "));
      row(dl, "titles", (d.titles || []).join("; "));
      panel.appendChild(dl);
      const events = incoming[id] || [];
      panel.appendChild(el("h3", null, "Events (" + events.length + ")"));
      panel.appendChild(list(events.map(function (p) {
        return [p[1] + " in ", linkTo(p[0]), " — " + dateText(details[p[0]] || {})];
      })));
    }
    if (d.sources) { // a corpus node: what each article says
      panel.appendChild(el("h3", null, "Sources (" + d.sources.length + ")"));
      panel.appendChild(el("div", { id: "panel-sources" }, d.sources.map(function (s) {
        const line = articleLine(s[0]);
        if (s[1]) line.appendChild(document.createTextNode(" — dates it " + s[1] + (s[2] ? " (“" + s[2] + "”)" : "")));
        if (s[3]) line.appendChild(document.createTextNode(" — counts " + s[3]));
        return line;
      })));
    }
    const evidence = data.evidence(id);
    panel.appendChild(el("h3", null, "Evidence (" + evidence.length + ")"));
    const box = el("div", { id: "panel-evidence" });
    evidence.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
    panel.appendChild(box);
    if (d.article && !evidence.length) panel.appendChild(articleLine(d.article));
  }

  function itemIdsFor(id) {
    const events = new Set(isEvent(id) ? [id] : (incoming[id] || []).map(function (p) { return p[0]; }));
    return itemsView.getIds({ filter: function (it) { return events.has(it.event); } });
  }

  function select(id, source) {
    state.selected = id && details[id] ? id : null;
    renderPanel(state.selected);
    if (!state.selected) {
      network.unselectAll();
      timeline.setSelection([]);
    } else {
      if (source !== "network") {
        if (nodesView.get(state.selected)) {
          network.selectNodes([state.selected]);
          network.focus(state.selected, { scale: Math.max(network.getScale(), 0.9), animation: false });
          labelOnScreen();
        } else {
          network.unselectAll();
        }
      }
      if (source !== "timeline") {
        const ids = itemIdsFor(state.selected);
        timeline.setSelection(ids);
        if (ids.length) timeline.focus(ids, { zoom: false, animation: false }); // pan to it, keep the zoom
      }
    }
    document.body.setAttribute("data-selected", state.selected || "");
    renderUndated();
  }

  // ------------------------------------------------------------------ undated list, counts, legend
  function renderUndated() {
    const box = $("undated");
    box.replaceChildren();
    const shown = data.undated.filter(function (id) { return onTimeline.has(id); });
    if (!shown.length) box.appendChild(el("span", { className: "hint" }, "none"));
    shown.forEach(function (id) {
      const b = el("button", { type: "button", className: id === state.selected ? "selected" : "" }, details[id].label);
      b.dataset.id = id;
      b.addEventListener("click", function () { select(id, "undated"); });
      box.appendChild(b);
    });
  }

  function renderCounts() {
    const dated = data.timeline.filter(function (id) { return onTimeline.has(id); }).length;
    const undated = data.undated.filter(function (id) { return onTimeline.has(id); }).length;
    $("counts").textContent = visible.size + " of " + data.nodes.length + " nodes · " + dated + " of " +
      data.timeline.length + " dated on the timeline · " + undated + " of " + data.undated.length + " undated";
  }

  function renderLegend() {
    const box = $("legend");
    Object.keys(data.legend).forEach(function (kind) {
      const check = el("input", { type: "checkbox", checked: true });
      check.dataset.kind = kind;
      check.addEventListener("change", function () {
        if (check.checked) state.hiddenKinds.delete(kind); else state.hiddenKinds.add(kind);
        applyFilters();
      });
      const swatch = el("i");
      swatch.style.background = data.legend[kind].color;
      box.appendChild(el("label", null, [check, swatch, kind + " (" + data.legend[kind].shape + ")"]));
    });
  }

  function applyFilters() {
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    itemsView.refresh();
    renderAround();
  }

  function renderAround() { // lanes with nothing left are hidden; the undated list and counts follow
    const used = new Set(itemsView.get().map(function (it) { return it.group; }));
    const changed = groupsData.get().filter(function (g) { return (g.visible !== false) !== used.has(g.id); });
    if (changed.length) groupsData.update(changed.map(function (g) { return { id: g.id, visible: used.has(g.id) }; }));
    renderUndated();
    renderCounts();
  }

  // ------------------------------------------------------------------ filters UI
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
  const afterReady = [labelOnScreen]; // what nobody needs before the first click, done once both views are drawn
  afterReady.push(function () { // thousands of actors on a large graph, in slices that keep the page responsive
    const slice = 500;
    for (let i = 0; i < data.actors.length; i += slice) {
      whenIdle(fillSelect.bind(null, $("f-actor"), data.actors.slice(i, i + slice)));
    }
  });
  fillSelect($("f-type"), data.types.map(function (t) { return [t, t]; }));
  let searchTimer = null;
  $("f-search").addEventListener("input", function (e) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { state.search = e.target.value.trim().toLowerCase(); applyFilters(); }, 150);
  });
  [["f-actor", "actor"], ["f-type", "type"], ["f-from", "from"], ["f-to", "to"]].forEach(function (pair) {
    $(pair[0]).addEventListener("change", function (e) {
      state[pair[1]] = e.target.value;
      if (pair[1] === "actor" && state.lanes === "actor" && state.actor && !laneActors.has(state.actor)) {
        relane(); // the chosen actor gets a lane of its own
      } else {
        applyFilters();
      }
    });
  });
  function relane() {
    loadTimeline(state.lanes);
    applyFilters();
    if (state.selected) timeline.setSelection(itemIdsFor(state.selected));
  }
  $("f-lanes").addEventListener("change", function (e) {
    state.lanes = e.target.value;
    relane();
  });
  $("f-window").addEventListener("change", function (e) {
    state.follow = e.target.checked;
    const w = timeline.getWindow();
    state.windowFrom = isoDay(w.start);
    state.windowTo = isoDay(w.end);
    applyFilters();
  });
  $("f-reset").addEventListener("click", function () {
    $("filters").reset();
    Object.assign(state, { search: "", actor: "", type: "", from: "", to: "", follow: false, lanes: "type" });
    state.hiddenKinds.clear();
    document.querySelectorAll("#legend input").forEach(function (c) { c.checked = true; });
    loadTimeline("type");
    applyFilters();
    showInitialWindow();
    network.fit({ animation: false });
  });
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });

  function isoDay(date) {
    const d = new Date(date);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  const FIRST_ITEMS = 300; // a longer timeline opens on its latest dated events: zoom out for the rest
  const DAY = 1000 * 60 * 60 * 24;
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
      if (s.type === "box") boxes.push([Date.parse(s.start), textPixels(details[id].label) / 2]);
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

  function showInitialWindow() {
    const initial = initialWindow();
    if (initial) timeline.setWindow(initial.start, initial.end, { animation: false });
  }

  // ------------------------------------------------------------------ start
  renderLegend();
  computeVisible();
  nodesView.refresh(); // the views were made before anything was visible; nothing listens yet
  edgesView.refresh();
  loadTimeline("type");
  renderUndated(); // the page's layout is final before either view measures its box
  renderCounts();
  performance.mark("ng:prepared");
  const network = new VN.Network($("network"), { nodes: nodesView, edges: edgesView }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    edges: { font: { size: 9, align: "middle" }, color: { color: "#aaa", highlight: "#d9a400" }, smooth: false,
             arrows: { to: { enabled: !large, scaleFactor: 0.5 } } }, // 16,000 arrowheads: a fifth of a second
    nodes: { font: { size: 12 }, borderWidth: 1 },
    groups: data.legend, // shape and colour by kind
  });
  performance.mark("ng:network");
  const timeline = new VT.Timeline($("timeline"), itemsView, groupsData, {
    stack: true,
    height: "100%",
    verticalScroll: true,
    orientation: { axis: "top", item: "top" },
    groupOrder: "order",
    zoomMin: 1000 * 60 * 60 * 24 * 3,
    margin: { item: { horizontal: 2, vertical: 4 } },
    showCurrentTime: false,
    template: textTemplate,
    groupTemplate: function (group) { return group ? el("span", null, group.label) : ""; },
    tooltip: { followMouse: false, overflowMethod: "cap" },
  });
  // The window is set before the first draw, so only the items in it are ever drawn. Not
  // as the start/end options: given those, vis-timeline 8.5.4 lays out every item in its
  // constructor, a forced reflow each (37 s for 4,000 items here). And it would fit the
  // window to all items on its first "changed" (a second, full redraw) unless told that
  // this is done.
  showInitialWindow();
  timeline.initialFitDone = true;
  performance.mark("ng:timeline");

  timeline.on("select", function (props) {
    const item = props.items.length ? itemsData.get(props.items[0]) : null;
    select(item ? item.event : null, "timeline");
  });
  timeline.on("rangechanged", function (props) {
    if (!state.follow) return;
    state.windowFrom = isoDay(props.start);
    state.windowTo = isoDay(props.end);
    applyFilters();
  });
  network.on("zoom", labelSoon);
  network.on("dragEnd", labelSoon);
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], "network");
    else if (!params.edges.length) select(null, "network");
  });

  let drawn = { network: false, timeline: false };
  function ready(which) {
    drawn[which] = true;
    performance.mark("ng:drawn-" + which);
    if (drawn.network && drawn.timeline && !document.body.hasAttribute("data-ready")) {
      window.newsgraph.readyAt = performance.now();
      document.body.setAttribute("data-ready", "1");
      afterReady.forEach(function (task) { task(); });
    }
  }
  network.once("afterDrawing", function () { ready("network"); });
  timeline.on("changed", function () { ready("timeline"); });

  window.newsgraph = {
    data: data, network: network, timeline: timeline, state: state, select: select, applyFilters: applyFilters,
    visibleNodeIds: function () { return nodesView.getIds(); },
    timelineItemIds: function () { return itemsView.getIds(); },
    timelineEventIds: function () { return Array.from(new Set(itemsView.get().map(function (it) { return it.event; }))); },
    undatedIds: function () { return data.undated.filter(function (id) { return onTimeline.has(id); }); },
  };
})();
