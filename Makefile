# Borderwatch: `make demo` and `make test` are the two commands a new user needs.
# Both create or update .venv themselves from requirements.lock (pinned, reproducible).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
export BORDERWATCH_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: help venv demo test lint typecheck contracts pytest browser bench lock fmt clean serve

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(UV) pip sync -q --python $(BIN)/python requirements.lock
	@$(UV) pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP) ## create or update .venv from the lock file

demo: $(STAMP) ## generate data, run the whole pipeline on the embedded store, show where to look
	@$(BIN)/borderwatch demo
	@if [ -t 0 ] && [ -z "$$CI" ]; then \
		$(BIN)/borderwatch serve --demo; \
	else \
		echo "web interface: $(BIN)/borderwatch serve --demo   (http://127.0.0.1:8000/ui/)"; \
	fi

test: $(STAMP) lint typecheck contracts pytest ## set up and run every check and test

lint: $(STAMP)
	@$(BIN)/ruff check src tests benchmarks
	@$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	@$(BIN)/mypy

contracts: $(STAMP)
	@$(BIN)/lint-imports

pytest: $(STAMP) browser
	@$(BIN)/pytest -n 2 --dist loadgroup

# The browser tests drive Debian's Chromium with Playwright (Playwright's own download fails
# here). Installed when missing and the machine lets us (root and apt-get); otherwise those
# tests skip and say why (and fail under CI=true).
browser: ## install Debian's Chromium for the browser tests when it is missing
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium for the browser tests (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "warning: could not install chromium; browser tests will say so"; \
	fi

bench: $(STAMP) ## run the benchmarks and rewrite docs/benchmarks.md
	@$(BIN)/python -m benchmarks

lock: ## re-resolve requirements.lock from pyproject.toml
	@test -x $(UV) || $(MAKE) venv
	@$(UV) pip compile -q pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

fmt: $(STAMP)
	@$(BIN)/ruff format src tests benchmarks
	@$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) borderwatch-data .pytest_cache .mypy_cache .ruff_cache
