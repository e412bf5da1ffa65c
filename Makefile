# `make run` and `make test` do everything on a fresh machine: venv, pinned dependencies (spaCy model included), then the job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: setup run test bench lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	# One resolver call for every pin, so spaCy, numpy and the model agree (see requirements.lock).
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/wirewatch extract samples --format text

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
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
