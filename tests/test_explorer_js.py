"""The explorer's filter rules run in Node (tests/js/*.test.js, `node --test`), against the
same model.js the page inlines."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
        "global.window = {}; require(process.argv[1]);"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(cases.map(c => window.newsgraphSpan("
        "{precision: c[0], earliest: c[1], latest: c[2]}, c[3]))));"
    )
    node = shutil.which("node")
    assert node
    run = subprocess.run([node, "-e", script, str(ROOT / "graph" / "resources" / "pagedata.js")],
                         input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout)
    assert len(got) == len(cases) > 500
    assert [(case, span) for case, span, want in zip(cases, got, expected) if span != want] == []
