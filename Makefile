# Amino Atlas: the two README commands (`make site`, `make test`) and contributor helpers.
# Works on a fresh machine with only Python 3.11+, make and git: everything else is pip-installed into .venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two hash-locked sets (make lock): requirements-site.txt builds the site (all the Pages build installs);
# requirements.txt adds the tests and linters. Each stamp names its lock's (and pyproject.toml's) checksum,
# so a new lock reinstalls.
SITE_STAMP := $(VENV)/.installed-site-$(shell cat requirements-site.txt pyproject.toml | cksum | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-dev-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

# Material prints an end-of-life banner about MkDocs 2.0; this is the switch it documents.
export NO_MKDOCS_2_WARNING := 1
# Bytecode of the hooks is kept (not recompiled from source on every build and `make serve` reload:
# ~0.1-0.2 s each), in one git-ignored folder rather than in __pycache__ folders or the shared .venv.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.PHONY: help setup site serve serve-pdf test clean lint translations restamp diagrams readability reviews \
	evidence evidence-stamp

help:
	@echo "make site   build the whole site (HTML and PDFs) with --strict into site/"
	@echo "make test   run the whole test suite"
	@echo "make serve  live preview on http://127.0.0.1:8000 (without PDF handouts: make serve-pdf has them)"
	@echo "make lint   actionlint, zizmor, ruff, mypy, references.bib, YAML and Markdown checks (runs all, fails if any fails)"
	@echo "make translations           status of every page x language: present, up to date, citations"
	@echo "make restamp PAGE=docs/x.en.md  record that a translation matches its source again"
	@echo "make restamp PAGE=docs/x.en.md UNCHANGED=1  record that a source change needs no translation change"
	@echo "make evidence               cited sentences per page: with a current evidence record, stale, missing"
	@echo "make evidence-stamp PAGE=docs/x.md  record that a page's cited sentences were checked against their quotes"
	@echo "make readability            words per sentence, longest sentences, score per article (ARGS=--all, --check)"
	@echo "make reviews                pages due for a content review (ARGS=--all, --today YYYY-MM-DD, --check)"
	@echo "make new-page PAGE=docs/x.md TITLE=\"Dutch title\" TITLE_EN=\"English title\"  start an article in both languages"
	@echo "make check  the quick check before a pull request: lint, unit tests, one strict build (under a minute)"
	@echo "make diagrams  render new or changed mermaid blocks to docs/assets/diagrams/*.svg (commit them)"
	@echo "make lock    regenerate the hash-locked requirement sets from requirements*.in (ARGS=--upgrade-package X)"
	@echo "make audit   known vulnerabilities (pip-audit) of every locked package; needs the network"
	@echo "make properdocs  build with ProperDocs (the fallback for MkDocs 1.x) and compare with the MkDocs build"

# The project's own core, `atlas` (hooks/atlas), is installed editable from where it lives: no sys.path
# edits anywhere. --no-deps --no-build-isolation: nothing is downloaded for it (the venv's setuptools builds it).
$(SITE_STAMP): requirements-site.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes -r requirements-site.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-site-*
	@touch $@

# The full set holds the site set at the same versions (requirements.in: -c requirements-site.txt).
$(STAMP): requirements.txt requirements-site.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-site-*
	@touch $@ $(SITE_STAMP)

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
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps --require-hashes \
	  -r requirements-properdocs.txt
	@# setuptools builds the project's package: the site lock's pin, with its hashes (a venv's own is too old)
	@awk '/^setuptools==/{p=1} p{print} p&&!/\\$$/{exit}' requirements-site.txt > $(PD_VENV)/setuptools.txt
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps --require-hashes \
	  -r $(PD_VENV)/setuptools.txt
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@rm -f $(PD_VENV)/.installed-*
	@touch $@

setup: $(STAMP)

site: $(SITE_STAMP)
	ATLAS_HANDOUTS=1 $(BIN)/python scripts/build_site.py --strict --site-dir site

# Handouts slow down every live reload; ATLAS_HANDOUTS=1 make serve (or make serve-pdf) includes them.
serve: $(SITE_STAMP)
	ATLAS_HANDOUTS=$${ATLAS_HANDOUTS:-0} $(BIN)/mkdocs serve --livereload

serve-pdf: $(SITE_STAMP)
	ATLAS_HANDOUTS=1 $(BIN)/mkdocs serve --livereload

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# Every check runs even when an earlier one fails, so one run shows every problem.
PYTHON_DIRS := $(wildcard hooks tests bench scripts)  # bench/ may be absent in a fresh clone
MARKDOWN_FILES := docs README.md $(wildcard CONTRIBUTING.md) $(wildcard bench/README.md) $(wildcard .github/*.md)
MARKDOWN_SNIPPETS := $(wildcard includes/*.md)  # abbreviation lines, no heading of their own (md041)
# zizmor: permissions, persisted credentials, unpinned actions and container images (pedantic: a tag is not
# a pin), injection (--offline: the same answer with or without network; the online audits need a GitHub
# token). Any finding fails.
ZIZMOR = $(BIN)/zizmor --offline --quiet --no-progress --persona=pedantic .github/
lint: $(STAMP)
	@status=0; \
	echo "== actionlint: GitHub workflows"; $(BIN)/actionlint -no-color && echo "ok" || status=1; \
	echo "== zizmor: GitHub workflows' security"; $(ZIZMOR) && echo "ok" || status=1; \
	echo "== ruff: Python code"; $(BIN)/ruff check $(PYTHON_DIRS) || status=1; \
	echo "== mypy: the core (strict) and the hook adapters"; \
	{ $(BIN)/mypy --strict -p atlas && $(BIN)/mypy hooks/*.py; } || status=1; \
	echo "== references.bib"; $(BIN)/python scripts/lint_bib.py references.bib --docs docs --also includes/risk-groups.yml || status=1; \
	echo "== yamllint: YAML files"; $(BIN)/yamllint --strict -c .yamllint.yml . && echo "ok" || status=1; \
	echo "== pymarkdown: Markdown files"; \
	$(BIN)/pymarkdown --strict-config --config .pymarkdown.json scan -r $(MARKDOWN_FILES) && echo "ok" || status=1; \
	$(if $(MARKDOWN_SNIPPETS),$(BIN)/pymarkdown --strict-config --config .pymarkdown.json -d md041 \
	  scan $(MARKDOWN_SNIPPETS) && echo "ok (includes)" || status=1;) \
	exit $$status

# Both builds --strict with every PDF, into a scratch folder; identical apart from the generator tag.
# SOURCE_DATE_EPOCH (the last commit's time) gives both builds' PDFs the same creation date.
.PHONY: properdocs
properdocs: $(SITE_STAMP) $(PD_STAMP)
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	export SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} && \
	echo "== ProperDocs build" && ATLAS_HANDOUTS=1 $(PD_VENV)/bin/properdocs build --strict -d "$$out/properdocs" && \
	echo "== MkDocs build" && ATLAS_HANDOUTS=1 $(BIN)/mkdocs build --strict -d "$$out/mkdocs" && \
	echo "== compare" && $(BIN)/python scripts/compare_sites.py "$$out/mkdocs" "$$out/properdocs"

translations: $(STAMP)
	$(BIN)/python scripts/translations.py status

restamp: $(STAMP)
	@test -n "$(PAGE)" || { echo "usage: make restamp PAGE=docs/<page>.<locale>.md [UNCHANGED=1]" >&2; exit 2; }
	$(BIN)/python scripts/translations.py stamp $(if $(UNCHANGED),--unchanged )$(PAGE)

# A new article in every language: both files with the front matter and key points an article needs, the
# nav entry and its English title in mkdocs.yml, the English page stamped (scripts/new_page.py).
.PHONY: new-page
new-page: $(STAMP)
	@test -n "$(PAGE)" -a -n "$(TITLE)" -a -n "$(TITLE_EN)" || { echo "usage: make new-page PAGE=docs/<page>.md" \
	  "TITLE=\"Dutch title\" TITLE_EN=\"English title\"" >&2; exit 2; }
	$(BIN)/python scripts/new_page.py "$(PAGE)" --title "$(TITLE)" --translation en="$(TITLE_EN)"

# The quick check before a pull request (CONTRIBUTING.md, "Recipes"): what breaks most often, in under a
# minute; CI adds the integration and browser tests, the PDF and HTML validators and the ProperDocs build.
.PHONY: check
check: $(STAMP)
	@$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -q tests/unit
	@$(MAKE) --no-print-directory site

# Evidence records (evidence/<key>.yml): status per page, and stamping after a person checked the sentences.
evidence: $(STAMP)
	$(BIN)/python scripts/evidence.py status $(ARGS)

evidence-stamp: $(STAMP)
	@test -n "$(PAGE)" || { echo "usage: make evidence-stamp PAGE=docs/<page>.md" >&2; exit 2; }
	$(BIN)/python scripts/evidence.py stamp $(PAGE)

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
	rm -rf site .site-build-* .site.lock .pytest_cache $(PD_VENV)

# ---- dependency locks and audit (issue 22) ----------------------------------------------------------------
# pip-compile writes every pin with the hashes PyPI publishes for it; pins already in a lock are kept
# (ARGS=--upgrade-package X moves one, ARGS=--upgrade all). The local pip configuration (mirrors, find-links)
# is left out so that only PyPI's own hashes go into the locks. ProperDocs' set leaves out MkDocs itself.
LOCK_INDEX ?= https://pypi.org/simple
LOCK_COMPILE = env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" \
  $(BIN)/pip-compile -q --generate-hashes --strip-extras --index-url $(LOCK_INDEX) $(ARGS)
.PHONY: lock audit
lock: $(STAMP)
	$(LOCK_COMPILE) --allow-unsafe --output-file requirements-site.txt requirements-site.in
	$(LOCK_COMPILE) --allow-unsafe --output-file requirements.txt requirements.in
	$(LOCK_COMPILE) --unsafe-package mkdocs --unsafe-package mkdocs-get-deps --unsafe-package mergedeep \
	  --output-file requirements-properdocs.txt requirements-properdocs.in

# Known advisories of every locked package (the same check as the audit workflow). pip-audit reads the pins
# and hashes without installing anything; without network access it says so and fails.
audit: $(STAMP)
	@$(BIN)/python scripts/audit_dependencies.py requirements-site.txt requirements.txt requirements-properdocs.txt
