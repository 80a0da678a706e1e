# GreenDesign: two commands set everything up on a fresh machine.
#   make run   - create .venv, install, open the app on the bundled demo product
#   make test  - same set-up, then the whole test suite (Qt offscreen)
# Also: make bench, make fuzz, make lint, make screenshot, make clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := resources/demo/electric_kettle.gdproj
DEBS   := $(shell grep -v '^\s*\#' packaging/debian-packages.txt 2>/dev/null)
# The ready-built inventory unpacked on first run (see greendesign/inventory/template.py)
TEMPLATE := build/greendesign-inventory-template.zip
LCA_DATA := $(shell find lca_data -name '*.csv' 2>/dev/null)

.PHONY: run test bench fuzz lint screenshot screenshots sysdeps clean inventory

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "GreenDesign needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Qt's xcb platform needs a few X11 libraries that slim Debian/Ubuntu images lack.
# Installed when missing and apt-get can be used (root); otherwise the list is printed.
sysdeps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing system libraries for Qt:$$missing"; \
		(apt-get install -y -qq $$missing >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $$missing >/dev/null)) || \
		echo "warning: could not install$$missing; the window may not open"; \
	else \
		echo "Qt needs these system packages; install them with your package manager:$$missing"; \
	fi

$(TEMPLATE): $(STAMP) $(LCA_DATA)
	$(BIN)/python -m greendesign.inventory.template --force

inventory: $(TEMPLATE)

run: $(STAMP) sysdeps $(TEMPLATE)
	$(BIN)/greendesign $(DEMO)

test: $(STAMP)
	$(BIN)/ruff check greendesign ui tests bench
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP) $(TEMPLATE)
	$(BIN)/python -m bench

fuzz: $(STAMP)
	GREENDESIGN_FUZZ_EXAMPLES=5000 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests -k fuzz

screenshot: $(STAMP) sysdeps
	@command -v xvfb-run >/dev/null || apt-get install -y -qq xvfb xauth >/dev/null || \
		(echo "make screenshot needs xvfb-run: apt-get install xvfb xauth" && exit 1)
	mkdir -p screenshots
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/greendesign $(DEMO) --screenshot screenshots/main_window.png --no-setup

# every page of every demo product, in English and Chinese, into screenshots/
screenshots: $(STAMP) sysdeps $(TEMPLATE)
	@command -v xvfb-run >/dev/null || apt-get install -y -qq xvfb xauth >/dev/null || \
		(echo "make screenshots needs xvfb-run: apt-get install xvfb xauth" && exit 1)
	mkdir -p screenshots
	for demo in resources/demo/*.gdproj; do for lang in en zh_CN; do \
		GREENDESIGN_HOME=build/screenshot-home xvfb-run -a -s "-screen 0 1600x1000x24" \
		$(BIN)/greendesign $$demo --lang $$lang --screenshot-pages screenshots || exit 1; \
	done; done

lint: $(STAMP)
	$(BIN)/ruff check greendesign ui tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
