"""The actors' overview of a corpus page (graph/export/overview.py)."""
from __future__ import annotations

import networkx as nx

from graph.export.overview import actor_overview, is_corpus, story_communities


def _story() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, kind in [("sale", "event"), ("talks", "event"), ("strike", "event"), ("acme", "organization"),
                       ("lee", "person"), ("port", "place"), ("union", "organization"), ("mayor", "person"),
                       ("lonely", "person")]:
        g.add_node(node, label=node.title(), kind=kind)
    for u, v, role in [("sale", "acme", "agent"), ("sale", "lee", "patient"), ("talks", "acme", "participant"),
                       ("talks", "lee", "participant"), ("talks", "port", "hasPlace"), ("strike", "union", "agent"),
                       ("strike", "mayor", "addressee")]:
        g.add_edge(u, v, key=role, label=role)
    return g


def test_two_actors_are_linked_by_the_events_they_share_weighted_by_how_many() -> None:
    o = actor_overview(_story())
    link = next(e for e in o["edges"] if {e["from"], e["to"]} == {"acme", "lee"})
    assert link["weight"] == 2 and sorted(link["events"]) == ["sale", "talks"]
    assert not any("sale" in e["events"] and "union" in (e["from"], e["to"]) for e in o["edges"])


def test_an_actor_sharing_nothing_is_isolated_and_sizes_count_events() -> None:
    o = actor_overview(_story())
    events = {n["id"]: n["events"] for n in o["nodes"]}
    assert o["isolated"] == ["lonely"] and events["acme"] == 2 and events["lonely"] == 0


def test_separate_stories_are_separate_communities_and_the_layout_is_fixed() -> None:
    a, b = actor_overview(_story()), actor_overview(_story())
    assert a == b
    community = {n["id"]: n["community"] for n in a["nodes"]}
    assert community["acme"] == community["lee"] != community["union"] == community["mayor"]


def test_shared_articles_tie_actors_into_one_community_without_drawing_a_link() -> None:
    o = actor_overview(_story(), mentions={"lonely": {"a1"}, "union": {"a1"}})
    community = {n["id"]: n["community"] for n in o["nodes"]}
    assert o["isolated"] == [] and community["lonely"] == community["union"]
    assert not any("lonely" in (e["from"], e["to"]) for e in o["edges"])


def _two_stories() -> tuple[nx.MultiDiGraph, dict[str, set[str]]]:
    """Two stories of three articles each (a strike at a port, a bank's merger), and a
    country named in all six where every actor of both stories does something."""
    g = nx.MultiDiGraph()
    mentions: dict[str, set[str]] = {"country": {"s1", "s2", "s3", "m1", "m2", "m3"}}
    for story, actors in (("s", ["union", "docks", "mayor"]), ("m", ["bank", "rival", "regulator"])):
        for i, actor in enumerate(actors):
            g.add_node(actor, label=actor.title(), kind="organization")
            mentions[actor] = {f"{story}1", f"{story}2", f"{story}3"}
            g.add_node(f"{story}{i}", label="event", kind="event")
            g.add_edge(f"{story}{i}", actor, key="agent", label="agent")
            g.add_edge(f"{story}{i}", actors[(i + 1) % 3], key="patient", label="patient")
        for actor in actors:  # each actor does something in the country, twice
            for visit in (f"{actor}-visit", f"{actor}-return"):
                g.add_node(visit, label="visit", kind="event")
                g.add_edge(visit, actor, key="agent", label="agent")
                g.add_edge(visit, "country", key="hasPlace", label="hasPlace")
    g.add_node("country", label="Country", kind="place")
    return g, mentions


def test_a_hub_named_in_every_story_does_not_glue_two_stories_into_one_region() -> None:
    graph, mentions = _two_stories()
    community = {n["id"]: n["community"] for n in actor_overview(graph, mentions=mentions)["nodes"]}
    assert community["union"] == community["docks"] == community["mayor"]
    assert community["bank"] == community["rival"] == community["regulator"] != community["union"]
    assert community["country"] in (community["union"], community["bank"])


def test_stories_group_the_articles_by_the_rare_names_they_share() -> None:
    _, mentions = _two_stories()
    assert sorted(sorted(c) for c in story_communities(mentions)) == [["m1", "m2", "m3"], ["s1", "s2", "s3"]]


def test_only_the_most_central_actors_are_labelled() -> None:
    o = actor_overview(_story(), labelled=2)
    assert sorted(n["id"] for n in o["nodes"] if n["label"]) == ["acme", "lee"]


def test_a_page_of_more_than_one_article_is_a_corpus() -> None:
    assert is_corpus({"a": {}, "b": {}}) and not is_corpus({"a": {}})


def test_the_overview_and_the_network_layout_are_the_same_whatever_the_hash_seed() -> None:
    """A page drawn twice from one store is the same page: networkx lists a small
    subgraph's nodes in set order, which follows Python's hash seed."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = ("import json; from tests.test_overview import _two_stories; "
              "from graph.export.overview import actor_overview; from graph.export.layout import component_layout; "
              "g, m = _two_stories(); import networkx as nx; "
              "print(json.dumps([actor_overview(g, mentions=m), sorted(component_layout(nx.Graph(g)).items())]))")
    root = Path(__file__).resolve().parent.parent
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 6)}
    assert len(outputs) == 1
    assert json.loads(outputs.pop())[0]["nodes"]
