# Two commands: `make run` serves the demo blog, `make test` checks everything.
# Both bootstrap their own tools: uv (from PyPI, in .tools/) and .venv (from uv.lock).

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test lint typecheck format bench clean setup

run: $(VENV)/.synced
	$(BIN)/inkwell serve

test: $(VENV)/.synced node_modules/.installed lint typecheck
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.synced
	$(BIN)/mypy

format: $(VENV)/.synced
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

setup: $(VENV)/.synced

bench: $(VENV)/.synced
	$(BIN)/python bench/run.py

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# Browser-test tools (axe-core, the Nu HTML checker) from the npm registry, when npm is here.
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser tests will be skipped"; fi

clean:
	rm -rf .tools $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
