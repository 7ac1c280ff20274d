# earmark: `make run` builds output/ from source/, `make test` runs ruff + pytest with the
# EPUB validators (EPUBCheck via Java, DAISY Ace via Node + Chromium).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VENV_STAMP := $(VENV)/.earmark-installed
TEST_STAMP := $(VENV)/.earmark-test-installed
ACE_DIR := tools/ace
ACE := $(ACE_DIR)/node_modules/.bin/ace-puppeteer
ACE_STAMP := $(ACE_DIR)/node_modules/.earmark-installed
AXE_DIR := tools/axe
AXE_STAMP := $(AXE_DIR)/node_modules/.earmark-installed
CHROMIUM ?= /usr/bin/chromium
APT_PACKAGES := default-jre-headless chromium fonts-dejavu-core util-linux mount
PYTEST_ARGS ?=

.PHONY: run test venv tools system-deps bench clean distclean

run: $(VENV_STAMP)
	$(VENV)/bin/earmark build source/ -o output/

test: system-deps $(TEST_STAMP) tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	@echo "$(VENV)/bin/pytest $(PYTEST_ARGS)"
	@rc=0; $(VENV)/bin/pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit 5)" >&2; fi; \
	exit $$rc

venv: $(VENV_STAMP)

# `make run` installs what building needs; `make test` adds the test extra on top.
$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): $(VENV_STAMP)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

tools: $(ACE_STAMP) $(AXE_STAMP)

# npm ci wipes node_modules, so the stamp inside it also goes when the install is removed.
$(ACE_STAMP): $(ACE_DIR)/package.json $(ACE_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js >= 20 with npm" >&2; exit 1; }
	cd $(ACE_DIR) && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
		npm ci --ignore-scripts --no-audit --no-fund
	test -x $(ACE)
	touch $@

# axe-core for the web edition's browser tests (tests/test_web_browser.py injects axe.min.js).
$(AXE_STAMP): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js >= 20 with npm" >&2; exit 1; }
	cd $(AXE_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	test -f $(AXE_DIR)/node_modules/axe-core/axe.min.js
	touch $@

system-deps:
	@if command -v java >/dev/null && [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
		set -x; apt-get update && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	else \
		echo "Missing java and/or $(CHROMIUM). Install them with:" >&2; \
		echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(APT_PACKAGES)" >&2; \
		exit 1; \
	fi
	@command -v node >/dev/null || { echo "node not found: install Node.js >= 20 with npm" >&2; exit 1; }

bench: $(TEST_STAMP)
	$(VENV)/bin/python benchmarks/run.py

clean:
	find output -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf build dist .pytest_cache .ruff_cache .earmark-cache *.egg-info
	find . -path ./$(VENV) -prune -o -path ./$(ACE_DIR)/node_modules -prune -o -path ./$(AXE_DIR)/node_modules -prune \
		-o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(ACE_DIR)/node_modules $(AXE_DIR)/node_modules
