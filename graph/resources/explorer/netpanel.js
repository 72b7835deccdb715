/* network.html: the explorer's panel (panel.js) beside the network. Clicking a node fills
 * it; the panel's links select and focus the node they name. */
(function (NGX) {
  "use strict";
  const packed = JSON.parse(document.getElementById("newsgraph-data").textContent);
  if (!packed) return;
  const data = window.newsgraphUnpack(packed);
  const network = window.newsgraphNetwork, nodes = window.newsgraphNodes;
  const app = { data: data, model: NGX.model(data), network: {} };
  app.select = function (id, source) { // a Promise: the panel is filled once its details are unpacked
    const selected = id && data.details[id] ? id : null;
    if (selected && source !== "network" && nodes.get(selected)) {
      network.selectNodes([selected]);
      network.focus(selected, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    return (selected ? data.loadDetails(selected) : Promise.resolve()).then(function () {
      app.panel.render(selected);
      document.body.setAttribute("data-selected", selected || "");
    });
  };
  app.panel = NGX.panel(app);
  network.on("click", function (params) { app.select(params.nodes.length ? params.nodes[0] : null, "network"); });
  window.newsgraph = { data: data, select: app.select };
})(window.NGX = window.NGX || {});
