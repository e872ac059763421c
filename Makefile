# Amino Atlas: the two README commands (`make site`, `make test`) and contributor helpers.
# Works on a fresh machine with only Python 3.11+, make and git: everything else is pip-installed into .venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

# Material prints an end-of-life banner about MkDocs 2.0; this is the switch it documents.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup site serve test clean

help:
	@echo "make site   build the whole site (HTML and PDFs) with --strict into site/"
	@echo "make test   run the whole test suite"
	@echo "make serve  live preview on http://127.0.0.1:8000"

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

site: $(STAMP)
	$(BIN)/python scripts/build_site.py --strict --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-build-* .pytest_cache
