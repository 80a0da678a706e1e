# GreenDesign: two commands set everything up on a fresh machine.
#   make run   - create .venv, install, open the app on the bundled demo product
#   make test  - same set-up, then the whole test suite (Qt offscreen)
# Also: make bench, make fuzz, make lint, make screenshot, make clean
#   make package          - the one-folder desktop build dist/greendesign/ (PyInstaller): the app
#                           greendesign and the headless greendesign-cli, sharing one set of libraries
#   make package-test     - run that build: CLI setup/assess (totals equal to the venv's) and the
#                           GUI under Xvfb in English and Chinese, with start-up times (builds first
#                           if dist/greendesign is missing)
#   make install-desktop  - menu entry and icons for the venv's app in ~/.local/share (or
#                           $XDG_DATA_HOME; PREFIX=/usr/local puts them in /usr/local/share)
#   make icons            - render resources/icons/*.png again from greendesign.svg
#   make translations     - extract the core's messages and compile its Chinese catalogue

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := resources/demo/electric_kettle.gdproj
DEBS   := $(shell grep -v '^\s*\#' packaging/debian-packages.txt 2>/dev/null)
# The ready-built inventory unpacked on first run (see greendesign/inventory/template.py)
TEMPLATE := build/greendesign-inventory-template.zip
LCA_DATA := $(shell find lca_data -name '*.csv' 2>/dev/null)
# The PyInstaller build (packaging/greendesign.spec) and where desktop files are installed
BUNDLE   := dist/greendesign
ICON_SIZES := 16 32 48 64 128 256
DESKTOP_DATA := $(if $(PREFIX),$(PREFIX)/share,$(or $(XDG_DATA_HOME),$(HOME)/.local/share))

.PHONY: run test bench fuzz lint lock screenshot screenshots sysdeps clean inventory \
	package package-test install-desktop icons translations

# The versions tested together are pinned in requirements.lock (all platforms, made by
# `make lock` from pyproject.toml's ranges); GreenDesign itself is installed on top of them.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "GreenDesign needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Pin again after a change of the ranges in pyproject.toml (needs the network).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra package --universal \
		--python-version 3.11 -o requirements.lock

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

test: $(STAMP) sysdeps
	$(BIN)/ruff check greendesign ui tests bench packaging
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
	$(BIN)/ruff check greendesign ui tests bench packaging
	$(BIN)/lint-imports

# One folder, two programs: dist/greendesign/greendesign and dist/greendesign/greendesign-cli.
# sysdeps first, so PyInstaller finds every library Qt's xcb plugin links to.
package: $(STAMP) sysdeps $(TEMPLATE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/greendesign.spec
	@du -sh $(BUNDLE)

$(BUNDLE)/greendesign-cli:
	$(MAKE) package

# Runs the built folder's programs (packaging/package_test.py: PASS/FAIL lines, timings).
package-test: $(STAMP) sysdeps | $(BUNDLE)/greendesign-cli
	@command -v xvfb-run >/dev/null || apt-get install -y -qq xvfb xauth >/dev/null || \
		(echo "make package-test needs xvfb-run: apt-get install xvfb xauth" && exit 1)
	$(BIN)/python packaging/package_test.py --dist $(BUNDLE) --venv $(VENV)

# The desktop entry (Exec = this venv's greendesign), the icons in the hicolor theme and the
# MIME type of .gdproj files, under $(DESKTOP_DATA).
install-desktop: $(STAMP)
	install -d "$(DESKTOP_DATA)/applications" "$(DESKTOP_DATA)/mime/packages" \
		"$(DESKTOP_DATA)/icons/hicolor/scalable/apps"
	sed -e 's|^Exec=.*|Exec="$(abspath $(BIN))/greendesign" %f|' \
		-e 's|^TryExec=.*|TryExec=$(abspath $(BIN))/greendesign|' \
		packaging/greendesign.desktop > "$(DESKTOP_DATA)/applications/greendesign.desktop"
	for size in $(ICON_SIZES); do \
		install -D -m 644 resources/icons/greendesign-$$size.png \
			"$(DESKTOP_DATA)/icons/hicolor/$${size}x$${size}/apps/greendesign.png" || exit 1; \
	done
	install -m 644 resources/icons/greendesign.svg "$(DESKTOP_DATA)/icons/hicolor/scalable/apps/"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">' \
		'  <mime-type type="application/x-greendesign-project">' \
		'    <comment>GreenDesign project</comment>' \
		'    <comment xml:lang="zh_CN">绿色设计项目</comment>' \
		'    <sub-class-of type="application/json"/>' \
		'    <icon name="greendesign"/>' \
		'    <glob pattern="*.gdproj"/>' \
		'  </mime-type>' '</mime-info>' > "$(DESKTOP_DATA)/mime/packages/greendesign.xml"
	@# the caches desktops read, when their tools are installed
	@if command -v update-mime-database >/dev/null; then \
		update-mime-database "$(DESKTOP_DATA)/mime"; fi
	@if command -v update-desktop-database >/dev/null; then \
		update-desktop-database "$(DESKTOP_DATA)/applications"; fi
	@# (an icon cache only where the theme has one, e.g. PREFIX=/usr: a stale one hides icons)
	@if [ -f "$(DESKTOP_DATA)/icons/hicolor/icon-theme.cache" ] && \
		command -v gtk-update-icon-cache >/dev/null; then \
		gtk-update-icon-cache -q "$(DESKTOP_DATA)/icons/hicolor" || true; fi
	@echo "installed the GreenDesign menu entry and icons under $(DESKTOP_DATA)"

# The core's message catalogues (greendesign/i18n.py): extract the messages, merge them into
# the Chinese .po files (translate the new, empty entries there), compile the .mo files.
translations: $(STAMP)
	$(BIN)/python packaging/translations.py

icons: $(STAMP)
	$(BIN)/python packaging/render_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
