# Amino Atlas: the two README commands (`make site`, `make test`) and contributor helpers.
# Works on a fresh machine with only Python 3.11+, make and git: everything else is pip-installed into .venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

# Material prints an end-of-life banner about MkDocs 2.0; this is the switch it documents.
export NO_MKDOCS_2_WARNING := 1
# Bytecode of the hooks is kept (not recompiled from source on every build and `make serve` reload:
# ~0.1-0.2 s each), in one git-ignored folder rather than in __pycache__ folders or the shared .venv.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.PHONY: help setup site serve serve-pdf test clean lint translations restamp diagrams readability reviews

help:
	@echo "make site   build the whole site (HTML and PDFs) with --strict into site/"
	@echo "make test   run the whole test suite"
	@echo "make serve  live preview on http://127.0.0.1:8000 (without PDF handouts: make serve-pdf has them)"
	@echo "make lint   actionlint, ruff, mypy, references.bib, YAML and Markdown checks (runs all, fails if any fails)"
	@echo "make translations           status of every page x language: present, up to date, citations"
	@echo "make restamp PAGE=docs/x.en.md  record that a translation matches its source again"
	@echo "make readability            words per sentence, longest sentences, score per article (ARGS=--all, --check)"
	@echo "make reviews                pages due for a content review (ARGS=--all, --today YYYY-MM-DD, --check)"
	@echo "make diagrams  render new or changed mermaid blocks to docs/assets/diagrams/*.svg (commit them)"
	@echo "make properdocs  build with ProperDocs (the fallback for MkDocs 1.x) and compare with the MkDocs build"

# The project's own core, `atlas` (hooks/atlas), is installed editable from where it lives: no sys.path
# edits anywhere. --no-deps --no-build-isolation: nothing is downloaded for it (the venv's setuptools builds it).
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# Node tools of the browser and validity tests (axe-core, vnu-jar, lighthouse), pinned in package-lock.json,
# re-installed only when the lock changes. --ignore-scripts: vnu-jar's postinstall would download a Java
# runtime; the system one (apt: default-jre-headless) is used instead.
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs npm for the browser tests: install Node.js" \
	  "(Debian: apt-get install nodejs npm chromium default-jre-headless), or run bash .ci/run once" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# ProperDocs, the drop-in fallback for MkDocs 1.x, in a venv of its own without the mkdocs package
# (installed --no-deps from requirements-properdocs.txt), so its build proves the site needs no MkDocs.
PD_VENV  ?= .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-$(shell cat requirements-properdocs.txt pyproject.toml | cksum | cut -d' ' -f1)
$(PD_STAMP): requirements-properdocs.txt pyproject.toml
	@test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@rm -f $(PD_VENV)/.installed-*
	@touch $@

setup: $(STAMP)

site: $(STAMP)
	ATLAS_HANDOUTS=1 $(BIN)/python scripts/build_site.py --strict --site-dir site

# Handouts slow down every live reload; ATLAS_HANDOUTS=1 make serve (or make serve-pdf) includes them.
serve: $(STAMP)
	ATLAS_HANDOUTS=$${ATLAS_HANDOUTS:-0} $(BIN)/mkdocs serve --livereload

serve-pdf: $(STAMP)
	ATLAS_HANDOUTS=1 $(BIN)/mkdocs serve --livereload

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# Every check runs even when an earlier one fails, so one run shows every problem.
PYTHON_DIRS := $(wildcard hooks tests bench scripts)  # bench/ may be absent in a fresh clone
MARKDOWN_FILES := docs README.md $(wildcard CONTRIBUTING.md) $(wildcard bench/README.md) $(wildcard .github/*.md)
MARKDOWN_SNIPPETS := $(wildcard includes/*.md)  # abbreviation lines, no heading of their own (md041)
lint: $(STAMP)
	@status=0; \
	echo "== actionlint: GitHub workflows"; $(BIN)/actionlint -no-color && echo "ok" || status=1; \
	echo "== ruff: Python code"; $(BIN)/ruff check $(PYTHON_DIRS) || status=1; \
	echo "== mypy: the core (strict) and the hook adapters"; \
	{ $(BIN)/mypy --strict -p atlas && $(BIN)/mypy hooks/*.py; } || status=1; \
	echo "== references.bib"; $(BIN)/python scripts/lint_bib.py references.bib --docs docs || status=1; \
	echo "== yamllint: YAML files"; $(BIN)/yamllint --strict -c .yamllint.yml . && echo "ok" || status=1; \
	echo "== pymarkdown: Markdown files"; \
	$(BIN)/pymarkdown --strict-config --config .pymarkdown.json scan -r $(MARKDOWN_FILES) && echo "ok" || status=1; \
	$(if $(MARKDOWN_SNIPPETS),$(BIN)/pymarkdown --strict-config --config .pymarkdown.json -d md041 \
	  scan $(MARKDOWN_SNIPPETS) && echo "ok (includes)" || status=1;) \
	exit $$status

# Both builds --strict with every PDF, into a scratch folder; identical apart from the generator tag.
# SOURCE_DATE_EPOCH (the last commit's time) gives both builds' PDFs the same creation date.
.PHONY: properdocs
properdocs: $(STAMP) $(PD_STAMP)
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	export SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} && \
	echo "== ProperDocs build" && ATLAS_HANDOUTS=1 $(PD_VENV)/bin/properdocs build --strict -q -d "$$out/properdocs" && \
	echo "== MkDocs build" && ATLAS_HANDOUTS=1 $(BIN)/mkdocs build --strict -q -d "$$out/mkdocs" && \
	echo "== compare" && $(BIN)/python scripts/compare_sites.py "$$out/mkdocs" "$$out/properdocs"

translations: $(STAMP)
	$(BIN)/python scripts/translations.py status

restamp: $(STAMP)
	@test -n "$(PAGE)" || { echo "usage: make restamp PAGE=docs/<page>.<locale>.md" >&2; exit 2; }
	$(BIN)/python scripts/translations.py stamp $(PAGE)

# Plain language: words per sentence, the longest sentences, long words and a score, per article and language.
readability: $(STAMP)
	$(BIN)/python scripts/readability.py docs $(ARGS)

# Content reviews: pages whose next_review is near or past, and articles without valid review dates.
reviews: $(STAMP)
	$(BIN)/python scripts/reviews.py docs $(ARGS)

# Readers get pre-rendered SVG; this is the only place Mermaid runs (headless Chromium).
diagrams: $(STAMP)
	$(BIN)/python scripts/render_diagrams.py --prune

clean:
	rm -rf site .site-build-* .pytest_cache $(PD_VENV)
