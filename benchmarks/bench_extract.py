"""Extraction quality and speed: `python benchmarks/bench_extract.py` (prints, never asserts).

(a) the seed article against its curated gold, per category;
(b) news-dev (24 real articles, 24 outlets) and MEANTIME (120 Wikinews articles), each graph
    written as `newsgraph extract` writes it and scored by the shared scorer
    (../shared/bench/score.py, micro-averaged exactly as extract_eval.py does), next to a
    plain-spaCy baseline scored the same way, with issue #13's targets;
(c) words/s of raw ``nlp.pipe`` and of ``extract_many`` on the same texts, and their ratio.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.extract import extract_many, load_model  # noqa: E402
from graph.model import Article, ArticleGraph, EntityKind, Statement  # noqa: E402
from graph.timex import resolve  # noqa: E402

SEED = ROOT / "seeds" / "hornet-2019-01-18.txt"
SEED_GOLD = ROOT / "seeds" / "hornet-2019-01-18.yaml"


def key(name: str) -> str:
    """Comparison key: case-insensitive, no leading "the", single spaces."""
    t = " ".join(name.replace("\u00a0", " ").replace("’", "'").split()).strip(" .,'\"")
    t = re.sub(r"^the\s+", "", t, flags=re.IGNORECASE)
    return re.sub(r"'s$", "", t).lower()


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ----------------------------------------------------------------------------- (a) seed

# TODO(lead): replace with graph.annotations.load_annotation(SEED_GOLD) once it exists;
# these lists restate the curated gold's categories from the issue brief.
SEED_EXPECTED = {
    EntityKind.PERSON: [["Igor Kochetkov"], ["Mike Pompeo"], ["Oyub Titiev"]],
    EntityKind.ORGANIZATION: [["Russian LGBT Network"], ["Associated Press"], ["U.S. State Department", "State Department"],
                              ["OSCE"], ["Office for Democratic Institutions and Human Rights", "ODIHR"]],
    EntityKind.PLACE: [["Chechnya"], ["Russia"], ["North Caucasus"]],
}
SEED_DATES = ["2018-12-29", "2018-12-13", "2019-01-14/2019-01-17", "2019-01-17"]
SEED_SPEAKERS = ["igor-kochetkov", "u-s-state-department"]
SEED_BOILERPLATE = ["Harry Potter", "JK Rowling", "Taylor Swift", "Quantcast", "Valery Matytsin", "TASS", "Moscow Times"]


def seed_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = SEED.read_text(encoding="utf-8")
    article = Article(id="hornet-2019-01-18", text=text, published=dt.date(2019, 1, 18), source=SEED.name)
    graph = next(extract_many([article], nlp))
    gold = None
    if SEED_GOLD.exists():
        try:
            from pathlib import Path as _P

            from graph.annotations import load_annotation  # type: ignore[import-not-found]

            gold = load_annotation(_P(SEED_GOLD))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not fail
            print(f"(curated gold not loadable: {exc}; using the brief's lists)")
    print("== (a) seed article hornet-2019-01-18 ==")
    print(f"{'category':<28}{'P':>7}{'R':>7}{'F1':>7}   missed / extra")
    if gold is not None:
        expected = {k: [[e.name, *e.aliases] for e in gold.entities if e.kind is k] for k in EntityKind}
        dates = sorted({e.time.edtf for e in gold.events if e.time is not None})
        gold_names = {e.id: {key(n) for n in [e.name, *e.aliases]} for e in gold.entities}
        speakers = [s.speaker for s in gold.statements if s.speaker]
        ours_names = {e.id: {key(n) for n in [e.name, *e.aliases]} for e in graph.entities}
        # ids differ between curated and extracted graphs: a speaker matches by name or alias
        speakers = [next((o for o, ns in ours_names.items() if ns & gold_names.get(g, set())), g) for g in speakers]
    else:
        expected, dates, speakers = SEED_EXPECTED, SEED_DATES, SEED_SPEAKERS
    for kind, label in ((EntityKind.PERSON, "persons"), (EntityKind.ORGANIZATION, "organizations"),
                        (EntityKind.PLACE, "places")):
        pred = [e for e in graph.entities if e.kind is kind]
        gold_sets = [{key(n) for n in names} for names in expected.get(kind, [])]
        found = [g for g in gold_sets if any(key(n) in g for e in pred for n in [e.name, *e.aliases])]
        good = [e for e in pred if any(key(n) in g for g in gold_sets for n in [e.name, *e.aliases])]
        p, _, _ = prf(len(good), len(pred), len(gold_sets))
        r = len(found) / len(gold_sets) if gold_sets else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        missed = [sorted(g)[0] for g in gold_sets if g not in found]
        extra = [e.name for e in pred if e not in good]
        print(f"{label:<28}{p:7.2f}{r:7.2f}{f:7.2f}   {missed} / {extra}")
    pred_dates = [e.time.edtf for e in graph.events if e.time is not None]
    tp = sum(1 for d in pred_dates if d in dates)
    found_dates = {d for d in pred_dates if d in dates}
    p, r, f = prf(tp, len(pred_dates), len(dates))
    r = len(found_dates) / len(dates) if dates else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'dated events (right date)':<28}{p:7.2f}{r:7.2f}{f:7.2f}   "
          f"{sorted(set(dates) - found_dates)} / {[d for d in pred_dates if d not in dates]}")
    sts = graph.statements
    right = [s for s in sts if s.speaker in speakers]
    right_ids = {s.id for s in right}
    p, r, f = prf(len(right), len(sts), len(speakers))
    r = len({s.speaker for s in right}) / len(speakers) if speakers else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'statements (right speaker)':<28}{p:7.2f}{r:7.2f}{f:7.2f}   "
          f"wrong/none: {[(s.id, s.speaker) for s in sts if s.id not in right_ids]}")
    names = {key(n) for e in graph.entities for n in [e.name, *e.aliases]}
    leaked = [b for b in SEED_BOILERPLATE if key(b) in names]
    print(f"{'boilerplate names leaked':<28}{len(leaked):>7} of {len(SEED_BOILERPLATE)}   {leaked}")


# ----------------------------------------------------------------------------- (b) the shared scorer

BENCH = ROOT.parent / "shared" / "bench"
if not BENCH.is_dir():
    BENCH = Path("/work/shared/bench")
GOLD_SETS = ("news-dev", "meantime")
CATS = ("persons", "organizations", "places", "events", "statements")
# issue #13's targets, per gold set: (category, measure) -> goal
TARGETS = {
    "news-dev": {("entities", "f1"): ">= 0.90", ("events", "r"): ">= 0.75", ("events", "p"): ">= 0.70",
                 ("statements", "r"): ">= 0.85", ("statements", "p"): ">= 0.95", ("boilerplate", "n"): "0"},
    "meantime": {("entities", "r"): ">= 0.95", ("events", "r"): ">= 0.70", ("boilerplate", "n"): "0"},
}


def _scorer():  # type: ignore[no-untyped-def]
    """The shared scorer's ``score`` function (../shared/bench/score.py), imported as is."""
    sys.path.insert(0, str(BENCH))
    from score import score  # type: ignore[import-not-found]

    return score


def gold_articles(folder: Path) -> list[tuple[Path, Article]]:
    """Each gold file with its article, read as ``newsgraph extract TXT --published --url`` reads it."""
    from graph.articles import read_article

    items = []
    for gp in sorted(folder.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        article = read_article(gp.with_suffix(".txt"), published=dt.date.fromisoformat(gold["published"]),
                               url=gold.get("url"))
        items.append((gp, article))
    return items


def baseline_graph(doc, article: Article):  # type: ignore[no-untyped-def]
    """Plain spaCy, as the issue's comparison: NER persons, organizations and places; one event
    per sentence that holds a DATE entity, labelled with the sentence, dated by graph.timex."""
    from graph.rdf import new_graph
    from graph.ontology import RDF, RDFS, SCHEMA, SEM
    from rdflib import Literal, URIRef

    g = new_graph()
    kinds = {"PERSON": SCHEMA.Person, "ORG": SCHEMA.Organization, "GPE": SCHEMA.Place, "LOC": SCHEMA.Place}
    for i, ent in enumerate(doc.ents):
        if ent.label_ in kinds:
            node = URIRef(f"urn:base:{article.id}:ent:{i}")
            g.add((node, RDF.type, kinds[ent.label_]))
            g.add((node, RDFS.label, Literal(ent.text)))
    for j, sent in enumerate(doc.sents):
        for ent in sent.ents:
            if ent.label_ == "DATE":
                t = resolve(ent.text, article.published)
                if t is not None and t.value:
                    node = URIRef(f"urn:base:{article.id}:ev:{j}")
                    g.add((node, RDF.type, SEM.Event))
                    g.add((node, RDFS.label, Literal(sent.text.strip())))
                    g.add((node, SEM.hasTimeStamp, Literal(t.value)))
                    break
    return g


def _totals() -> dict:
    return {"cats": {c: [0, 0, 0, 0] for c in CATS}, "boiler": [], "events": 0, "words": 0, "gold_events": 0}


def _add(tot: dict, s: dict, gold: dict, text: str, name: str) -> None:
    for c in CATS:
        x = s[c]
        for i, k in enumerate(("tp_gold", "gold", "tp_found", "found")):
            tot["cats"][c][i] += x[k]
    tot["boiler"] += [f"{name}:{n}" for n in s["not_actors_found"]]
    tot["events"] += s["events"]["events_total"]
    tot["gold_events"] += len(gold.get("events", []))
    tot["words"] += len(text.split())


def summarize(tot: dict) -> dict:
    """Micro-averaged P/R/F1, exactly as ../shared/bench/extract_eval.py computes them."""
    res = {}
    for c, (tg, g, tf, f) in tot["cats"].items():
        r = tg / g if g else 1.0
        p = tf / f if f else 0.0
        res[c] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": g, "found": f}
    ent = [sum(tot["cats"][c][i] for c in ("persons", "organizations", "places")) for i in range(4)]
    er, ep = ent[0] / max(ent[1], 1), ent[2] / max(ent[3], 1)
    res["entities"] = {"p": ep, "r": er, "f1": 2 * ep * er / (ep + er) if ep + er else 0.0}
    res["boilerplate"] = {"n": len(tot["boiler"]), "names": tot["boiler"]}
    res["density"] = (1000 * tot["events"] / max(tot["words"], 1), 1000 * tot["gold_events"] / max(tot["words"], 1))
    return res


def scorer_report(nlp, raw_nlp, sets: tuple[str, ...] = GOLD_SETS, details: bool = False,
                  with_baseline: bool = True) -> dict:
    """Every gold set scored by the shared scorer, for newsgraph and the plain-spaCy baseline."""
    import tempfile

    from graph.rdf import to_rdf

    score = _scorer()
    out = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    results = {}
    for name in sets:
        items = gold_articles(BENCH / name)
        ours_t, base_t = _totals(), _totals()
        graphs = extract_many([a for _, a in items], nlp, batch_size=16)
        docs = raw_nlp.pipe([a.text for _, a in items], batch_size=16) if with_baseline else iter(())
        for (gp, article), ag in zip(items, graphs):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            ttl = out / f"{gp.stem}.ttl"
            ttl.write_text(to_rdf(ag).serialize(format="turtle"), encoding="utf-8")
            s = score(gp, ttl)
            _add(ours_t, s, gold, article.text, gp.stem)
            if details:
                from extract_eval import explain  # type: ignore[import-not-found]

                explain(gp.stem, gold, ttl)
            if with_baseline:
                bttl = out / f"{gp.stem}.base.ttl"
                bttl.write_text(baseline_graph(next(docs), article).serialize(format="turtle"), encoding="utf-8")
                _add(base_t, score(gp, bttl), gold, article.text, gp.stem)
        results[name] = (summarize(ours_t), summarize(base_t) if with_baseline else None, len(items))
    print("\n== (b) the shared scorer (../shared/bench/score.py), micro-averaged, strict ==")
    for name, (ours_r, base_r, n) in results.items():
        print(f"\n-- {name}: {n} articles --")
        print(f"{'measure':<34}{'newsgraph':>10}{'plain spaCy':>13}{'target':>10}")
        rows = [("entities", "f1", "persons/orgs/places F1"), ("entities", "r", "persons/orgs/places recall"),
                ("entities", "p", "persons/orgs/places precision"),
                ("persons", "f1", "  persons F1"), ("organizations", "f1", "  organizations F1"),
                ("organizations", "r", "  organizations recall"), ("places", "f1", "  places F1"),
                ("events", "r", "dated events recall"), ("events", "p", "dated events precision"),
                ("statements", "r", "quotations+speaker recall"), ("statements", "p", "quotations precision"),
                ("boilerplate", "n", "boilerplate names as actors")]
        for cat, m, label in rows:
            target = TARGETS[name].get((cat, m), "")
            ours_v = ours_r[cat][m]
            base_v = base_r[cat][m] if base_r else None
            fmt = (lambda v: f"{v:d}") if m == "n" else (lambda v: f"{v:.3f}")
            print(f"{label:<34}{fmt(ours_v):>10}{fmt(base_v) if base_v is not None else '-':>13}{target:>10}")
        d_ours, d_gold = ours_r["density"]
        print(f"{'events per 1,000 words':<34}{d_ours:>10.1f}{'':>13}{'gold ' + format(d_gold, '.1f'):>10}")
        if ours_r["boilerplate"]["names"]:
            print("boilerplate taken as actors:", ", ".join(ours_r["boilerplate"]["names"]))
    return results


# ----------------------------------------------------------------------------- (c) speed


def speed_report(nlp, raw_nlp) -> None:  # type: ignore[no-untyped-def]
    articles = [a for _, a in gold_articles(BENCH / "meantime")]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    list(raw_nlp.pipe(texts[:8]))
    list(extract_many(articles[:8], nlp))
    raw_best = ext_best = raw_cpu = ext_cpu = float("inf")
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in raw_nlp.pipe(texts, batch_size=16):
            pass
        raw_best, raw_cpu = min(raw_best, time.perf_counter() - t0), min(raw_cpu, time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        for _g in extract_many(articles, nlp, batch_size=16):
            pass
        ext_best, ext_cpu = min(ext_best, time.perf_counter() - t0), min(ext_cpu, time.process_time() - c0)
    raw_rate, ext_rate = words / raw_best, words / ext_best
    print(f"\n== (c) speed, {len(texts)} texts, {words} words, best of 3 interleaved rounds, one process ==")
    print(f"raw nlp.pipe      {raw_rate:9.0f} words/s")
    print(f"extract_many      {ext_rate:9.0f} words/s")
    print(f"ratio             {ext_rate / raw_rate:9.2f}  (target >= 0.85; wall clock)")
    print(f"ratio, CPU time   {raw_cpu / ext_cpu:9.2f}  (the same runs by process CPU time: steadier on a busy machine)")

def main(argv: list[str]) -> None:
    """``--sets news-dev,meantime`` picks gold sets, ``--details`` lists misses per article,
    ``--quick`` skips the plain-spaCy baseline and the speed rounds."""
    import argparse

    import spacy

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(GOLD_SETS))
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    nlp = load_model()
    raw_nlp = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])  # the same pipeline, untouched
    print(f"model: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    seed_report(nlp)
    scorer_report(nlp, raw_nlp, tuple(args.sets.split(",")), details=args.details, with_baseline=not args.quick)
    if not args.quick:
        speed_report(nlp, raw_nlp)


if __name__ == "__main__":
    main(sys.argv[1:])
