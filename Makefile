# Two commands for a fresh machine:  make serve   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-dev serve build check test clean

$(BIN)/mkdocs: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/pytest: requirements-dev.txt $(BIN)/mkdocs
	$(BIN)/pip install -q -r requirements-dev.txt
	-command -v npm >/dev/null && npm ci --ignore-scripts --no-audit --no-fund --silent  # vnu.jar for the HTML check
	touch $@

setup: $(BIN)/mkdocs

setup-dev: $(BIN)/pytest

serve: setup  ## preview at http://127.0.0.1:8000, rebuilding on every data change
	$(BIN)/mkdocs serve

build: setup  ## the public site into site/
	$(BIN)/mkdocs build --strict

check: setup  ## check all data without building
	$(BIN)/python hooks/check.py

test: setup-dev  ## data checks, then every test
	$(BIN)/python hooks/check.py
	$(BIN)/pytest -q

clean:
	rm -rf site .cache
