"""A first network page: vis-network (shipped inside the pyvis wheel) drawn from networkx
data. Our template inlines the JavaScript, so the page makes no request at all (pyvis's
own template links Bootstrap from a CDN even with ``cdn_resources="in_line"``, pyvis
issue #229).

The layout is computed beforehand with networkx and physics is off, so the page draws
at once and stays still.
"""
from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..io import atomic_write
from .layout import component_layout

STYLE: dict[str, dict[str, str]] = {
    "person": {"shape": "dot", "color": "#1f77b4"},
    "organization": {"shape": "square", "color": "#ff7f0e"},
    "place": {"shape": "triangle", "color": "#2ca02c"},
    "event": {"shape": "diamond", "color": "#d62728"},
    "statement": {"shape": "star", "color": "#9467bd"},
}


def sizes(graph: nx.Graph) -> dict[str, float]:
    """Node size from degree centrality (networkx), 10 to 40 pixels."""
    if graph.number_of_nodes() == 0:
        return {}
    centrality = nx.degree_centrality(nx.Graph(graph))
    top = max(centrality.values()) or 1.0
    return {n: 10 + 30 * c / top for n, c in centrality.items()}


def vis_nodes(graph: nx.MultiDiGraph, *, layout: bool = True) -> list[dict[str, Any]]:
    """vis-network node options: positions from networkx (physics stays off), size by
    centrality, shape and colour by kind. Built directly, in the shape pyvis writes
    (pyvis's own ``add_edge`` is quadratic in the number of edges). Without ``layout``
    (a corpus page draws its actors' overview instead), every node stands at (0, 0)."""
    size = sizes(graph)
    pos = component_layout(graph, sizes=size) if layout else {}
    nodes = []
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "event")
        x, y = pos.get(node, (0.0, 0.0))
        nodes.append({"id": node, "label": _short(str(data.get("label", ""))), "kind": kind, "x": x, "y": y,
                      "size": round(size.get(node, 10.0), 1), **STYLE.get(kind, STYLE["event"])})
    return nodes


def vis_edges(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    """vis-network edges, labelled by role."""
    return [{"from": s, "to": t, "label": d.get("label", ""), "arrows": "to"} for s, t, d in graph.edges(data=True)]


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def script_json(data: object) -> str:
    """JSON safe to inline in a <script>: no '</script>', no '<!--' can close or open it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def vis_network_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis wheel."""
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


PANEL_MODULES = ("dom", "panel", "netpanel")
"""The explorer's scripts the network page joins for its panel (``graph/resources/explorer/``);
its ``model.js`` is always there, for the plain role words on the edges (``NGX.roleWord``)."""


def _explorer_script(name: str) -> str:
    """One of the explorer's scripts, safe to inline in a <script>."""
    js = (resources.files("graph.resources") / "explorer" / f"{name}.js").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _panel_parts(data: Mapping[str, Any] | None) -> tuple[str, str, str]:
    """The panel's data (packed), script and style for the network page; none without ``data``."""
    if data is None:
        return "null", "", ""
    from .pagedata import pack  # pagedata imports nothing of this module's users

    res = resources.files("graph.resources")
    js = "\n".join([(res / "pagedata.js").read_text(encoding="utf-8"),
                    *((res / "explorer" / f"{name}.js").read_text(encoding="utf-8") for name in PANEL_MODULES),
                    'document.body.classList.add("with-panel"); document.getElementById("panel").hidden = false;'])
    js = js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    return script_json(pack(dict(data))), js, (res / "panel.css").read_text(encoding="utf-8").replace("</", "<\\/")


def render_network(graph: nx.MultiDiGraph, *, title: str = "newsgraph network",
                   data: Mapping[str, Any] | None = None) -> str:
    """One self-contained HTML page showing the graph, with a legend; with ``data`` (what
    :func:`~graph.export.explorer.explorer_data` returns for this graph), the explorer's
    panel beside it."""
    nodes, edges = vis_nodes(graph), vis_edges(graph)
    js, css = vis_network_assets()
    template = (resources.files("graph.resources") / "network.html").read_text(encoding="utf-8")
    from html import escape

    values = {
        "TITLE": escape(title),
        "VIS_CSS": css.replace("</", "<\\/"),
        "LEGEND": script_json(STYLE),
        "NODES": script_json(nodes),
        "EDGES": script_json(edges),
        "VIS_JS": js.replace("</script", "<\\/script"),
        "MODEL_JS": _explorer_script("model"),
    }
    values["DATA"], values["PANEL_JS"], values["PANEL_CSS"] = _panel_parts(data)
    # One pass: a label that reads "{{VIS_JS}}" stays text, it is never substituted again.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def write_network(graph: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str = "newsgraph network",
                  data: Mapping[str, Any] | None = None) -> Path:
    atomic_write(path, render_network(graph, title=title, data=data))
    return Path(path)
