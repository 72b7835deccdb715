"""Store benchmark: newsgraph's embedded Oxigraph store against rdflib's in-memory store.

Same synthetic corpus (benchmarks/generate.py), same SPARQL, one run. Times load, five
typical queries and serialization, and prints the ratios (rdflib time / newsgraph time).
Prints only; it never asserts.

    python benchmarks/bench_store.py                 # 700 articles, ~1.3 M triples
    python benchmarks/bench_store.py --articles 5000
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rdflib import Dataset, URIRef  # noqa: E402

from generate import generate_articles  # noqa: E402
from graph.ontology import PREFIXES  # noqa: E402
from graph.rdf import graph_iri, to_rdf  # noqa: E402
from graph.store import open_store  # noqa: E402

QUERIES = {
    "timeline": """SELECT ?e ?label ?start WHERE { ?e a sem:Event ; rdfs:label ?label ;
                   sem:hasEarliestBeginTimeStamp ?start } ORDER BY ?start LIMIT 100""",
    "actor events": """SELECT ?label WHERE { ?a rdfs:label "Anna Chen" . ?e sem:hasActor ?a ; rdfs:label ?label }""",
    "statements": """SELECT ?who ?text WHERE { ?s a schema:Quotation ; schema:text ?text ; schema:creator/rdfs:label ?who } LIMIT 100""",
    "count by type": """SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e sem:eventType ?type } GROUP BY ?type""",
    "evidence of one": """SELECT ?exact ?m WHERE { ?n rdfs:label "Anna Chen" ; gaf:denotedBy ?m .
                   ?m nif:anchorOf ?exact }""",
}


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=700)
    args = parser.parse_args()

    t_gen, graphs = timed(lambda: [(ag.article.id, to_rdf(ag)) for ag in generate_articles(args.articles, seed=1)])
    triples = sum(len(g) for _, g in graphs)
    print(f"corpus: {args.articles} articles, {triples:,} triples, {triples / max(1, args.articles):,.0f} per article "
          f"(generated and turned to RDF in {t_gen:.1f} s)")
    prefix_block = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store", create=True)

        def load_ox() -> None:
            for aid, g in graphs:
                store.replace_graph(str(graph_iri(aid)), g)

        def load_rdflib() -> Dataset:
            ds = Dataset(default_union=True)
            for aid, g in graphs:
                target = ds.graph(URIRef(str(graph_iri(aid))))
                for triple in g:
                    target.add(triple)
            return ds

        rows = []
        t_ox, _ = timed(load_ox)
        t_rd, ds = timed(load_rdflib)
        rows.append(("load", t_ox, t_rd))
        for name, sparql in QUERIES.items():
            t_ox, res_ox = timed(lambda: store.query(sparql).rows)
            t_rd, res_rd = timed(lambda: list(ds.query(prefix_block + sparql)))
            if len(res_ox) != len(res_rd):
                print(f"  note: {name}: {len(res_ox)} rows in newsgraph, {len(res_rd)} in rdflib")
            rows.append((f"query: {name}", t_ox, t_rd))
        from graph.export.rdf_export import serialize_store

        t_ox, _ = timed(lambda: serialize_store(store, "nquads"))
        t_rd, _ = timed(lambda: ds.serialize(format="nquads"))
        rows.append(("serialize N-Quads", t_ox, t_rd))
        t_ox, _ = timed(lambda: serialize_store(store, "trig"))
        t_rd, _ = timed(lambda: ds.serialize(format="trig"))
        rows.append(("serialize TriG", t_ox, t_rd))
        store.close()
        size = sum(f.stat().st_size for f in (Path(tmp) / "store").rglob("*") if f.is_file())
        print(f"store on disk: {size / 1e6:,.1f} MB, {size / 1e3 / max(1, args.articles):,.1f} kB per article")

    print(f"\n{'step':<26}{'newsgraph (s)':>15}{'rdflib (s)':>13}{'ratio':>9}")
    for name, a, b in rows:
        print(f"{name:<26}{a:>15.3f}{b:>13.3f}{b / a if a else float('inf'):>8.1f}x")


if __name__ == "__main__":
    main()
