"""Merge benchmark: entity resolution across MEANTIME's 120 articles against hand-made gold.

Each article entity of ../shared/bench/meantime/DOCID.json (its gold name and aliases) is
one record, as an article graph gives it to the resolver; benchmarks/meantime-clusters.yaml
says, by hand, which records are one entity. With ``--extracted``, the same is measured on
the entities newsgraph itself extracts from the 120 texts, each mapped to the gold entity of
its article with that name or alias, else to the only gold entity of its kind with that name
or alias in any article. Unmapped ones, and those the extraction typed differently from the
gold, are not scored (they are counted; the clusters that join unmapped names to a gold
entity are listed). Prints pairwise precision, recall and F1,
B-cubed precision, recall and F1, and the wrong and missed merges that remain. Prints;
never asserts.

    python benchmarks/bench_merge.py
    python benchmarks/bench_merge.py --extracted     # also newsgraph's own entities (about 30 s)
    python benchmarks/bench_merge.py --gold-dir ../shared/bench/meantime --clusters benchmarks/meantime-clusters.yaml

Goal (issue 15): pairwise precision >= 0.98 and recall >= 0.90; a wrong merge is worse than
a missed one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.resolve import Cluster, NameRecord, basic_key, resolve  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
if not BENCH.is_dir():
    BENCH = Path("/work/shared/bench")
KINDS = {"persons": "person", "organizations": "organization", "places": "place"}


@dataclass(frozen=True)
class Scores:
    """Pairwise and B-cubed precision, recall and F1."""

    pair_p: float
    pair_r: float
    bcubed_p: float
    bcubed_r: float

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0


def load_records(gold_dir: Path) -> list[NameRecord]:
    """One record per article entity: its gold name and aliases."""
    records = []
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for section, kind in KINDS.items():
            for i, ent in enumerate(doc[section]):
                records.append(NameRecord(f"{doc['id']}#{kind}/{i}", doc["id"], kind, ent["name"],
                                          tuple(ent["aliases"])))
    return records


@dataclass(frozen=True)
class ExtraGold:
    """What the clusters file adds for mapping extracted names: aliases of the article files
    that name another entity (``not_same``), and hand-written surface forms (``forms``)."""

    not_same: set[tuple[str, str]]
    forms: dict[tuple[str, str], int]  # (kind, name key) -> gold cluster


def extra_gold(clusters_file: Path) -> ExtraGold:
    data = yaml.safe_load(clusters_file.read_text(encoding="utf-8"))
    forms = {(c["kind"], basic_key(str(f))): number
             for number, c in enumerate(data["clusters"]) for f in c.get("forms") or []}
    return ExtraGold({(str(name), str(alias)) for name, alias in data.get("not_same") or []}, forms)


def gold_labels(records: list[NameRecord], clusters_file: Path) -> dict[str, int]:
    """Record node -> gold cluster number; SystemExit naming any record the file does not place."""
    data = yaml.safe_load(clusters_file.read_text(encoding="utf-8"))
    by_name: dict[tuple[str, str], int] = {}
    by_article: dict[tuple[str, str, str], int] = {}
    for number, cluster in enumerate(data["clusters"]):
        for name in cluster.get("names") or []:
            name = str(name)
            if " @" in name:
                name, article = name.rsplit(" @", 1)
                by_article[(cluster["kind"], name, article)] = number
            else:
                by_name[(cluster["kind"], name)] = number
    labels: dict[str, int] = {}
    missing = []
    for r in records:
        number = by_article.get((r.kind, r.name, r.article.split("-")[0]), by_name.get((r.kind, r.name)))
        if number is None:
            missing.append(f"{r.kind} {r.name!r} ({r.article})")
        else:
            labels[r.node] = number
    if missing:
        raise SystemExit(f"{clusters_file}: no gold cluster for: " + "; ".join(missing))
    return labels


def extracted_records(gold_dir: Path) -> list[NameRecord]:
    """newsgraph's own entities of the MEANTIME texts, one record per article entity."""
    from graph.extract import extract_many
    from graph.model import Article

    articles = []
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        articles.append(Article(doc["id"], text, dt.date.fromisoformat(doc["published"])))
    return [NameRecord(f"{article.id}#{e.id}", article.id, e.kind.value, e.name, tuple(e.aliases),
                       tuple(t.text for t in e.titles))
            for article, graph in zip(articles, extract_many(articles)) for e in graph.entities]


def map_to_gold(records: list[NameRecord], gold_records: list[NameRecord], gold: dict[str, int],
                extra: ExtraGold) -> tuple[dict[str, int], int]:
    """Extracted record -> gold cluster, by the names, then the aliases, of its own article's gold
    entities, else by a hand-written form, else by a name or alias that only one gold entity of
    its kind has anywhere. The aliases of ``extra.not_same`` (name, alias) are not used. Only
    records of the gold entity's kind are mapped; the second value counts the others (typing
    errors of the extraction)."""
    not_same = extra.not_same
    kind_of = {gold[r.node]: r.kind for r in gold_records}
    kind_of.update({number: kind for (kind, _key), number in extra.forms.items()})
    local: dict[tuple[str, str], int] = {}
    anywhere: dict[tuple[str, str], set[int]] = defaultdict(set)
    for use_aliases in (False, True):
        for r in gold_records:
            names = r.aliases if use_aliases else (r.name,)
            for name in names:
                if (r.name, name) not in not_same:
                    local.setdefault((r.article, basic_key(name)), gold[r.node])
                    anywhere[(r.kind, basic_key(name))].add(gold[r.node])
    mapped: dict[str, int] = {}
    wrong_kind = 0
    for rec in records:
        key = basic_key(rec.name)
        number = local.get((rec.article, key), extra.forms.get((rec.kind, key)))
        if number is None and len(anywhere.get((rec.kind, key), ())) == 1:
            [number] = anywhere[(rec.kind, key)]
        if number is not None and kind_of[number] != rec.kind:
            wrong_kind += 1
        elif number is not None:
            mapped[rec.node] = number
    return mapped, wrong_kind


def score(records: list[NameRecord], gold: dict[str, int], predicted: dict[str, int]) -> Scores:
    """Pairwise scores over all pairs of records (gold clusters never span kinds); B-cubed averaged."""
    tp = fp = fn = 0
    for a, b in combinations(records, 2):
        same_gold, same_pred = gold[a.node] == gold[b.node], predicted[a.node] == predicted[b.node]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    gold_sets: dict[int, set[str]] = defaultdict(set)
    pred_sets: dict[int, set[str]] = defaultdict(set)
    for r in records:
        gold_sets[gold[r.node]].add(r.node)
        pred_sets[predicted[r.node]].add(r.node)
    bp = br = 0.0
    for r in records:
        g, p = gold_sets[gold[r.node]], pred_sets[predicted[r.node]]
        bp += len(g & p) / len(p)
        br += len(g & p) / len(g)
    n = len(records)
    return Scores(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, bp / n, br / n)


def errors(records: list[NameRecord], gold: dict[str, int], predicted: dict[str, int]
           ) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]]:
    """Wrong and missed merges as (kind, name, name) -> number of record pairs."""
    wrong: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[tuple[str, str, str]] = Counter()
    for a, b in combinations(records, 2):
        kind = a.kind if a.kind == b.kind else "/".join(sorted((a.kind, b.kind)))
        key = (kind, *sorted((a.name, b.name)))
        same_gold, same_pred = gold[a.node] == gold[b.node], predicted[a.node] == predicted[b.node]
        if same_pred and not same_gold:
            wrong[key] += 1  # type: ignore[index]
        elif same_gold and not same_pred:
            missed[key] += 1  # type: ignore[index]
    return wrong, missed


def report(title: str, records: list[NameRecord], gold: dict[str, int], clusters: list[Cluster]) -> None:
    """Print the scores, the remaining errors and the labels of the largest clusters."""
    predicted = {m.node: i for i, c in enumerate(clusters) for m in c.members}
    scored = [r for r in records if r.node in gold]
    s = score(scored, gold, predicted)
    print(f"{title}: {len(scored)} article entities of {len({r.article for r in scored})} MEANTIME articles, "
          f"{len(set(gold.values()))} gold entities, {len({predicted[r.node] for r in scored})} resolved")
    print(f"  pairwise  P {s.pair_p:.3f}  R {s.pair_r:.3f}  F1 {Scores.f1(s.pair_p, s.pair_r):.3f}"
          "   (goal: P >= 0.98, R >= 0.90)")
    print(f"  B-cubed   P {s.bcubed_p:.3f}  R {s.bcubed_r:.3f}  F1 {Scores.f1(s.bcubed_p, s.bcubed_r):.3f}")
    wrong, missed = errors(scored, gold, predicted)
    for heading, found in (("wrong merges", wrong), ("missed merges", missed)):
        print(f"  {heading} ({sum(found.values())} pairs):" + ("" if found else " none"))
        for (kind, a, b), n in sorted(found.items(), key=lambda x: (-x[1], x[0])):
            print(f"    {kind:20} {a!r} ~ {b!r}: {n}")
    joined = [c for c in clusters if any(m.node in gold for m in c.members)
              and any(m.node not in gold for m in c.members)]
    if len(scored) < len(records):
        print(f"  clusters joining a gold entity to names the gold does not list ({len(joined)}):")
        for c in sorted(joined, key=lambda c: -len(c.members)):
            extra = sorted({m.name for m in c.members if m.node not in gold})
            print(f"    {c.label!r} ({len(c.members)}): + {', '.join(map(repr, extra))}")
    labels = [(c.label, len(c.members)) for c in clusters if len({m.article for m in c.members}) > 1]
    print("  labels of the largest clusters: "
          + "; ".join(f"{label} ({n})" for label, n in sorted(labels, key=lambda x: -x[1])[:12]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=BENCH / "meantime")
    parser.add_argument("--clusters", type=Path, default=ROOT / "benchmarks" / "meantime-clusters.yaml")
    parser.add_argument("--extracted", action="store_true", help="also score newsgraph's own extracted entities")
    args = parser.parse_args()
    records = load_records(args.gold_dir)
    gold = gold_labels(records, args.clusters)
    report("merge benchmark, gold names", records, gold, resolve(records))
    if args.extracted:
        ext = extracted_records(args.gold_dir)
        mapped, wrong_kind = map_to_gold(ext, records, gold, extra_gold(args.clusters))
        print()
        report("merge benchmark, extracted names", ext, mapped, resolve(ext))
        print(f"  not scored: {wrong_kind} extracted entities of another kind than their gold entity, "
              f"{len(ext) - len(mapped) - wrong_kind} that match no gold name or alias")


if __name__ == "__main__":
    main()
