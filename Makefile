# chitieu: make run | make test | make lint | make bench
# The venv lives in .venv; the project is (re)installed only when pyproject.toml changes.

PYTHON_BOOT = $$(command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV        = .venv
BIN         = $(VENV)/bin
STAMP       = $(VENV)/.installed
HOST        = 127.0.0.1
PORT        = 8000

.PHONY: run test lint bench train install

run: $(STAMP)
	$(BIN)/uvicorn service.app:app --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest
	$(BIN)/ruff check .

lint: $(STAMP)
	$(BIN)/ruff check .

train: $(STAMP)
	$(BIN)/chitieu train targets
	$(BIN)/chitieu train guidance

bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py

install: $(STAMP)

$(BIN)/python:
	$(PYTHON_BOOT) -m venv $(VENV)

$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)
