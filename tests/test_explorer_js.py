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
