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
    const nodesData = new VN.DataSet(data.nodes.map(function (n) {
      const node = { id: n.id, x: n.x, y: n.y, size: n.size, group: n.kind, title: tooltip(n.id) };
      if (!large) node.label = n.label;
      return node;
    }));
    const edgesData = new VN.DataSet(data.edges.map(function (e, i) { // our own ids: no UUID made per edge
      return large ? { id: i, from: e.from, to: e.to } : { id: i, from: e.from, to: e.to, label: e.label };
    }));
    const nodesView = new VN.DataView(nodesData, { filter: function (n) { return m.visible.has(n.id); } });
    const edgesView = new VN.DataView(edgesData, {
      filter: function (e) { return m.visible.has(e.from) && m.visible.has(e.to); },
    });

    // A large network opens too far out for any label to show, so its nodes get their
    // labels once zoomed in, those on screen only: measuring 10,000 labels first would hold
    // up the first drawing for nothing.
    const nodeLabel = {};
    if (large) data.nodes.forEach(function (n) { nodeLabel[n.id] = n.label; });
    const labelled = new Set();
    let labelTimer = null;
    const net = { nodesView: nodesView, edgesView: edgesView, network: null };

    net.labelOnScreen = function () {
      clearTimeout(labelTimer);
      labelTimer = null;
      const network = net.network;
      if (!large || !network || network.getScale() < LABEL_SCALE) return;
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
    };
    function labelSoon() { if (large && labelTimer === null) labelTimer = setTimeout(net.labelOnScreen, 120); }

    net.refresh = function () { nodesView.refresh(); edgesView.refresh(); };

    /** Draw the network (once the page's layout is final). */
    net.draw = function () {
      const network = new VN.Network($("network"), { nodes: nodesView, edges: edgesView }, {
        physics: { enabled: false },
        layout: { improvedLayout: false },
        interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
        edges: { font: { size: 9, align: "middle" }, color: { color: "#aaa", highlight: "#d9a400" }, smooth: false,
                 arrows: { to: { enabled: !large, scaleFactor: 0.5 } } }, // 16,000 arrowheads: a fifth of a second
        nodes: { font: { size: 12 }, borderWidth: 1 },
        groups: data.legend, // shape and colour by kind
      });
      net.network = network;
      network.on("zoom", labelSoon);
      network.on("dragEnd", labelSoon);
      network.on("click", function (params) {
        if (params.nodes.length) app.select(params.nodes[0], "network");
        else if (!params.edges.length) app.select(null, "network");
      });
      network.once("afterDrawing", function () { app.ready("network"); });
      return network;
    };

    /** Select (or, with null, unselect) a node, and bring it into view. */
    net.show = function (id) {
      const network = net.network;
      if (id && nodesView.get(id)) {
        network.selectNodes([id]);
        network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
        net.labelOnScreen();
      } else {
        network.unselectAll();
      }
    };
    return net;
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
