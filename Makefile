# `make run` and `make test` do everything on a fresh machine: venv, pinned dependencies (spaCy model included), then the job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
VENDOR := src/wirewatch/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed-stamp
SHARED ?= ../shared

.PHONY: setup run test bench lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	# One resolver call for every pin, so spaCy, numpy and the model agree (see requirements.lock).
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The web UI's browser libraries (Leaflet, a Natural Earth base map) come from npm at build time, pinned by
# web/package-lock.json, and are served by wirewatch itself: no CDN, no tile server, the map works offline.
$(VENDOR_STAMP): web/package.json web/package-lock.json
	rm -rf build/web && mkdir -p build/web $(VENDOR)
	cp web/package.json web/package-lock.json build/web/
	cd build/web && npm ci --no-audit --no-fund --silent
	cp build/web/node_modules/leaflet/dist/leaflet.js build/web/node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp build/web/node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	cp build/web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp build/web/node_modules/topojson-client/LICENSE $(VENDOR)/LICENSE.topojson-client
	cp build/web/node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp build/web/node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE.world-atlas
	touch $@

setup: $(STAMP) $(VENDOR_STAMP)

run: setup
	$(BIN)/wirewatch extract samples --format text
	# Keep the samples in the store (./wirewatch.db, SQLite) so the web UI has something to show.
	$(BIN)/wirewatch ingest samples --db wirewatch.db
	@echo "Open the UI: $(BIN)/wirewatch serve --db wirewatch.db  then browse http://127.0.0.1:8000/"

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/clean_speed.py

# Re-pin after changing dependencies in pyproject.toml: resolve in a fresh venv, keep the spaCy pin bench/ chose.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet "spacy==3.7.5" "numpy<2" -e ".[dev]"
	{ sed -n '1,2p' requirements.lock; .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^wirewatch'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache $(VENDOR)
