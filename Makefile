# editio — two commands set everything up on a fresh machine:
#   make edition   venv + install + convert seeds -> tei/ + validate + build web and PDF into build/
#   make test      everything tests need (Debian packages too) + the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EDITIO := $(BIN)/editio
CACHE  := .cache

EDITION_DEBS := texlive-xetex texlive-humanities texlive-fonts-recommended fonts-linuxlibertine fonts-dejavu-core fonts-wqy-microhei poppler-utils
TEST_DEBS    := $(EDITION_DEBS) jing libxml2-utils chromium

.PHONY: check-tei edition test fuzz-long venv sysdeps-edition sysdeps-test test-deps map-data convert validate build web print bench clean

$(BIN)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[web,serve,test,dask]'
	touch $@

venv: $(BIN)/.installed

sysdeps-edition:
	tools/sysdeps.sh $(EDITION_DEBS)

sysdeps-test:
	tools/sysdeps.sh $(TEST_DEBS)

convert: venv
	$(EDITIO) convert --edition edition.toml

validate: venv
	$(EDITIO) validate tei/

# coastlines and borders for the map (world-atlas from npm; the map is built without them, with a warning)
map-data:
	tools/map-data.sh

# print first, then web: the site links the PDF of the same build
build: venv sysdeps-edition map-data
	$(EDITIO) build --out build/

web: venv map-data
	$(EDITIO) build --web --out build/

print: venv sysdeps-edition
	$(EDITIO) build --print --out build/

edition: venv sysdeps-edition convert validate build

# Extra test-only set-up (tei_all schema, axe-core, ...): see the test-deps recipe.
test-deps: venv sysdeps-test
	tools/test-deps.sh

# tei/ must be exactly what the converter writes from seeds/ and the editorial data (checked before
# `edition` would rewrite it).
check-tei: venv
	$(EDITIO) convert --edition edition.toml --check

test: check-tei edition test-deps
	$(BIN)/python -m pytest -q

# The fuzz suite and the kill tests at length: FUZZ_EXAMPLES cases per property (default 2000),
# EDITIO_KILLS kills of a build (default 24).  `make test` runs both bounded, in about a minute.
fuzz-long: venv
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q tests/fuzz tests/test_outdir.py --hypothesis-show-statistics

clean:
	rm -rf build $(CACHE)
