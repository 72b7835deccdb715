"""The explorer's filter rules run in Node (tests/js/*.test.js, `node --test`), against the
same model.js the page inlines."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_with_pagedata(script: str, stdin: str) -> str:
    """What ``script`` prints, run in Node with ``pagedata.js`` loaded into ``window`` and ``stdin`` fed to it."""
    node = shutil.which("node")
    assert node, "node is needed for the explorer's script tests (the Makefile uses npm too)"
    run = subprocess.run([node, "-e", "global.window = {}; require(process.argv[1]);" + script,
                          str(ROOT / "graph" / "resources" / "pagedata.js")],
                         input=stdin, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_the_explorer_filter_rules_pass_in_node():
    node = shutil.which("node")
    assert node, "node is needed for the explorer's script tests (the Makefile uses npm too)"
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout


def test_the_page_draws_a_date_as_timeline_span_does_so_pagedata_may_leave_the_usual_span_out():
    import itertools
    import json

    from graph.export.timeline import timeline_span

    days = ["2018-12-01", "2018-12-29", "2018-12-31", "2019-01-17", "2020-02-28", "2020-02-29", "2021-12-31"]
    cases = [(precision, earliest, latest, published)
             for precision in ("day", "month", "year", "range", "open", "before", "decade")
             for earliest, latest in itertools.product([None, *days], [None, *days])
             if earliest or latest
             for published in (None, "2019-01-18", "2022-06-01")]
    expected = [timeline_span(*case) for case in cases]
    script = (
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(cases.map(c => window.newsgraphSpan("
        "{precision: c[0], earliest: c[1], latest: c[2]}, c[3]))));"
    )
    got = json.loads(run_with_pagedata(script, json.dumps(cases)))
    assert len(got) == len(cases) > 500
    assert [(case, span) for case, span, want in zip(cases, got, expected) if span != want] == []


def test_a_panel_unpacks_its_nodes_details_chunk_then_its_evidences_passages_once_each(monkeypatch):
    """loadDetails(id) on a corpus page: the node's chunk of details, then the chunks of
    passages its evidence quotes, each unpacked once, and no other chunk."""
    import json

    from graph.export import pagedata

    monkeypatch.setattr(pagedata, "CHUNK_NODES", 1)  # a chunk per node and per article
    monkeypatch.setattr(pagedata, "CHUNK_ARTICLES", 1)
    quote = {"article": "http://x/a2", "start": 3, "end": 4, "before": "On ", "exact": "E", "after": "."}
    data = {"legend": {"event": {}}, "large": False, "types": ["arrest"], "corpus": True, "overview": None,
            "nodes": [{"id": f"http://x/{n}", "label": n.upper(), "kind": k, "x": 0.0, "y": 0.0, "size": 10.0}
                      for n, k in (("e", "event"), ("p", "person"), ("q", "person"))],
            "edges": [{"from": "http://x/e", "to": "http://x/p", "label": "agent"}],
            "details": {"http://x/e": {"label": "E", "kind": "event", "type": "arrest", "article": "http://x/a2",
                                       "evidence": [quote]},
                        "http://x/p": {"label": "P", "kind": "person", "aliases": ["Pee"], "evidence": []},
                        "http://x/q": {"label": "Q", "kind": "person", "evidence": []}},
            "articles": {a: {"headline": a, "outlet": None, "url": None, "published": None}
                         for a in ("http://x/a1", "http://x/a2", "http://x/a3")},
            "timeline": [], "undated": ["http://x/e"], "actors": [["http://x/p", "P"]]}
    packed = pagedata.pack(data)
    assert len(packed["more"]["details"]) == 3 and len(packed["more"]["passages"]) == 3
    script = """
const zlib = require('zlib');
const packed = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const names = new Map();
['details', 'passages'].forEach(function (kind) { packed.more[kind].forEach(function (b, k) { names.set(b, kind + k); }); });
const asked = [];
window.newsgraphInflate = function (b) {
  asked.push(names.get(b));
  return Promise.resolve(JSON.parse(zlib.gunzipSync(Buffer.from(b, 'base64')).toString('utf8')));
};
const data = window.newsgraphUnpack(packed), id = 'http://x/e';
const before = data.detailsLoaded(id);
Promise.all([data.loadDetails(id), data.loadDetails(id)]).then(function () {
  return data.loadDetails(id);
}).then(function () {
  console.log(JSON.stringify({ before: before, after: data.detailsLoaded(id), asked: asked,
                               evidence: data.evidence(id).map(function (q) { return [q.before, q.exact, q.after]; }) }));
});
"""
    got = json.loads(run_with_pagedata(script, json.dumps(packed)))
    assert got == {"before": False, "after": True, "asked": ["details0", "passages1"],
                   "evidence": [["On ", "E", "."]]}
