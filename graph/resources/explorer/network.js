/* newsgraph explorer, network: vis-network's nodes and edges, filtered by the model. */
(function (NGX) {
  "use strict";
  const LABEL_SCALE = 5 / 12; // vis-network skips a label under 5 px; the node font is 12 px

  NGX.network = function (app) {
    const VN = window.visNetworkLib; // vis-network's classes, saved before vis-timeline loaded
    const m = app.model, data = app.data, details = app.data.details, $ = NGX.dom.$;
    const large = Boolean(data.large);

    function tooltip(id) {
      const d = details[id];
      const lines = [d.label, d.kind + (d.type && m.isEvent(id) ? ": " + d.type : "") + (m.isEvent(id) ? ", " + m.dateText(d) : "")];
      return lines.join("\n"); // vis-network sets a string title with innerText: never markup
    }
    // A corpus opens on its actors (data.overview, graph/export/overview.py): an edge is
    // the events two actors share; an actor's events join the network when it is expanded.
    const corpus = Boolean(data.corpus && data.overview);
    const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
                     "#bcbd22", "#7f7f7f", "#393b79", "#637939"];
    const isolated = new Set(corpus ? data.overview.isolated.concat(data.overview.minor) : []); // hidden at first
    const expanded = new Set(); // actors whose events are drawn
    const drawnEvents = new Map(); // event -> the number of expanded actors that drew it
    let showIsolated = false;
    const overviewNode = {};
    // A corpus gives vis-network the actors drawn at first only (and the links between
    // them): the hidden ones, tens of thousands at 10 k articles, join when shown.
    function actorNode(n) {
      const colour = n.community >= 0 ? PALETTE[n.community % PALETTE.length] : "#bbbbbb";
      const node = { id: n.id, x: n.x, y: n.y, size: 6 + 3 * Math.sqrt(n.events), group: details[n.id].kind,
                     color: { background: colour, border: "#333" }, title: tooltip(n.id) + "\n" + n.events + " events" };
      if (n.label) { node.label = details[n.id].label; node.font = { size: 16, strokeWidth: 3, strokeColor: "#fff" }; }
      return node;
    }
    function linkEdge(e, i) {
      return { id: "o" + i, from: e.from, to: e.to, width: Math.min(1 + Math.log2(e.weight) * 1.5, 10),
               title: e.weight + (e.weight === 1 ? " shared event" : " shared events") };
    }
    if (corpus) data.overview.nodes.forEach(function (n) { overviewNode[n.id] = n; });
    const nodesData = new VN.DataSet(corpus ? data.overview.nodes.filter(function (n) { return !isolated.has(n.id); }).map(actorNode)
      : data.nodes.map(function (n) {
        const node = { id: n.id, x: n.x, y: n.y, size: n.size, group: n.kind, title: tooltip(n.id) };
        if (!large) node.label = n.label;
        return node;
      }));
    const links = corpus ? data.overview.edges : [];
    const edgesData = new VN.DataSet(corpus ? links.map(function (e, i) { return [e, i]; })
      .filter(function (p) { return !isolated.has(p[0].from) && !isolated.has(p[0].to); })
      .map(function (p) { return linkEdge(p[0], p[1]); }) : data.edges.map(function (e, i) { // our own ids: no UUID made per edge
      return large ? { id: i, from: e.from, to: e.to } : { id: i, from: e.from, to: e.to, label: NGX.roleWord(e.label) };
    }));
    /** Give vis-network the hidden actors ``ids`` (all of them: null) and their links to the actors it has. */
    function addActors(ids) {
      const fresh = (ids || Object.keys(overviewNode)).filter(function (id) { return overviewNode[id] && !nodesData.get(id); });
      if (!fresh.length) return;
      nodesData.add(fresh.map(function (id) { return actorNode(overviewNode[id]); }));
      const edges = [];
      links.forEach(function (e, i) {
        if (!edgesData.get("o" + i) && nodesData.get(e.from) && nodesData.get(e.to)) edges.push(linkEdge(e, i));
      });
      edgesData.add(edges);
    }
    function nodeShown(id) {
      if (!m.visible.has(id)) return false;
      if (!corpus) return true;
      if (overviewNode[id]) return showIsolated || !isolated.has(id) || expanded.has(id);
      return drawnEvents.has(id);
    }
    const nodesView = new VN.DataView(nodesData, { filter: function (n) { return nodeShown(n.id); } });
    const edgesView = new VN.DataView(edgesData, {
      filter: function (e) { return nodeShown(e.from) && nodeShown(e.to); },
    });

    // A large network opens too far out for any label to show, so its nodes get their
    // labels once zoomed in, those on screen only: measuring 10,000 labels first would hold
    // up the first drawing for nothing.
    const lazy = large || corpus; // labels given once zoomed in
    let nodeLabel = null; // id -> the label it gets once zoomed in, made at the first zoom
    function lateLabels() {
      if (nodeLabel) return nodeLabel;
      nodeLabel = {};
      if (corpus) data.overview.nodes.forEach(function (n) { if (!n.label) nodeLabel[n.id] = details[n.id].label; });
      else if (large) data.nodes.forEach(function (n) { nodeLabel[n.id] = n.label; });
      return nodeLabel;
    }
    const labelled = new Set();
    let labelTimer = null;
    const net = { nodesView: nodesView, edgesView: edgesView, network: null, corpus: corpus, links: links };

    net.labelOnScreen = function () {
      clearTimeout(labelTimer);
      labelTimer = null;
      const network = net.network;
      if (!lazy || !network || network.getScale() < (corpus ? 0.6 : LABEL_SCALE)) return;
      const box = $("network"), pad = 200;
      const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
      const positions = network.getPositions(nodesView.getIds()), late = lateLabels();
      const updates = [];
      Object.keys(positions).forEach(function (id) {
        const p = positions[id];
        if (labelled.has(id) || !(id in late) || p.x < a.x - pad || p.x > b.x + pad || p.y < a.y - pad || p.y > b.y + pad) return;
        labelled.add(id);
        updates.push({ id: id, label: late[id] });
      });
      if (updates.length) nodesData.update(updates);
    };
    function labelSoon() { if (lazy && labelTimer === null) labelTimer = setTimeout(net.labelOnScreen, 120); }

    /** The most central actors' labels readable at the opening zoom (15 px on screen). */
    net.scaleLabels = function () {
      const size = Math.max(14, 15 / net.network.getScale());
      nodesData.update(data.overview.nodes.filter(function (n) { return n.label && nodesData.get(n.id); }).map(function (n) {
        return { id: n.id, font: { size: size, strokeWidth: size / 5, strokeColor: "#fff" } };
      }));
    };

    net.refresh = function () { nodesView.refresh(); edgesView.refresh(); };

    /** Whether an actor of the overview can show its events as nodes (a corpus only). */
    net.canExpand = function (id) { return corpus && Boolean(overviewNode[id]); };
    net.isExpanded = function (id) { return expanded.has(id); };
    net.isolatedCount = function () { return isolated.size; };
    net.setShowIsolated = function (show) { showIsolated = show; if (show) addActors(null); net.refresh(); };

    /** Draw an actor's events around it (or take them away again), linked to their actors. */
    net.toggleExpand = function (id) {
      if (!net.canExpand(id)) return;
      const events = m.eventsOf(id).map(function (p) { return p[0]; }).filter(function (e, i, all) { return all.indexOf(e) === i; });
      if (expanded.has(id)) {
        expanded.delete(id);
        const gone = [];
        events.forEach(function (e) {
          const left = drawnEvents.get(e) - 1;
          if (left > 0) { drawnEvents.set(e, left); return; }
          drawnEvents.delete(e);
          gone.push(e);
        });
        nodesData.remove(gone);
        edgesData.remove(edgesData.getIds({ filter: function (x) { return gone.indexOf(x.from) >= 0; } }));
      } else {
        expanded.add(id);
        addActors([id]);
        const centre = overviewNode[id], fresh = events.filter(function (e) { return !drawnEvents.has(e); });
        const radius = 40 + 12 * Math.sqrt(fresh.length) * 3;
        nodesData.add(fresh.map(function (e, i) {
          const angle = 2 * Math.PI * i / Math.max(fresh.length, 1);
          return { id: e, x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle), size: 7,
                   group: details[e].kind, label: NGX.shorten(m.display(e), 40), title: tooltip(e),
                   font: { size: 10 } };
        }));
        const edges = [];
        fresh.forEach(function (e) {
          (m.outgoing[e] || []).forEach(function (p, k) {
            if (overviewNode[p[0]]) edges.push({ id: "x" + e + "|" + k, from: e, to: p[0], label: NGX.roleWord(p[1]),
                                                 dashes: true, color: { color: "#999" }, font: { size: 8 } });
          });
        });
        edgesData.add(edges);
        events.forEach(function (e) { drawnEvents.set(e, (drawnEvents.get(e) || 0) + 1); });
      }
      net.refresh();
    };

    /** Draw the network (once the page's layout is final). */
    net.draw = function () {
      const network = new VN.Network($("network"), { nodes: nodesView, edges: edgesView }, {
        physics: { enabled: false },
        layout: { improvedLayout: false },
        interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
        edges: { font: { size: 9, align: "middle" }, color: { color: "#aaa", highlight: "#d9a400" }, smooth: false,
                 arrows: { to: { enabled: !large && !corpus, scaleFactor: 0.5 } } }, // 16,000 arrowheads: a fifth of a second
        nodes: { font: { size: 12 }, borderWidth: 1 },
        groups: data.legend, // shape and colour by kind
      });
      net.network = network;
      network.on("zoom", function () { labelSoon(); if (corpus) net.scaleLabels(); });
      network.on("dragEnd", labelSoon);
      network.on("click", function (params) {
        if (params.nodes.length) app.select(params.nodes[0], "network");
        else if (corpus && params.edges.length && String(params.edges[0]).charAt(0) === "o") {
          app.selectLink(links[Number(String(params.edges[0]).slice(1))]);
        } else if (!params.edges.length) app.select(null, "network");
      });
      network.on("doubleClick", function (params) {
        if (params.nodes.length && net.canExpand(params.nodes[0])) {
          net.toggleExpand(params.nodes[0]);
          app.select(params.nodes[0], "network");
        }
      });
      network.once("afterDrawing", function () {
        if (corpus) net.scaleLabels();
        app.ready("network");
      });
      return network;
    };

    /** Select (or, with null, unselect) a node, and bring it into view. */
    net.show = function (id) {
      const network = net.network;
      if (id && nodesView.get(id)) {
        network.selectNodes([id]);
        network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
        net.labelOnScreen();
        if (corpus) net.scaleLabels();
      } else {
        network.unselectAll();
      }
    };
    return net;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
