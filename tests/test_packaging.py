"""The installed package works away from the checkout: the wheel ships the ontology, the
shapes and the queries, and `newsgraph build` and `validate` run from a fresh venv."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")  # setuptools writes build/ beside the sources
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("graph", "ontology"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(source)], check=True, capture_output=True)
    return next(out.glob("newsgraph-*.whl"))


def test_the_wheel_ships_the_ontology_shapes_and_queries(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "graph/ontology_data/newsgraph.ttl" in names
    assert "graph/ontology_data/shapes.ttl" in names
    assert any(n.startswith("graph/queries/") and n.endswith(".rq") for n in names)


def test_build_and_validate_run_from_a_fresh_venv_with_the_wheel(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / "bin"
    site = next((env_dir / "lib").glob("python3.*/site-packages"))
    # the dependencies come from the project's venv, as a plain path (its .pth files, and so
    # the editable install of this checkout, are not read); newsgraph itself from the wheel
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    python = str(bin_dir / "python")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([python, "-c", "import graph.ontology as o; print(o.ONTOLOGY_FILE)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(site)), where
    exports, store = work / "exports", work / "store"
    run = [python, "-m", "graph"]
    build = subprocess.run(run + ["build", "--seeds", str(ROOT / "seeds"), "--exports", str(exports),
                                  "--store", str(store), "--fresh", "--no-pages"],
                           cwd=work, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    check = subprocess.run(run + ["validate", str(exports / "newsgraph.ttl")], cwd=work, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
