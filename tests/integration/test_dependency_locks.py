"""The requirement locks (security review M5, CVE-2026-73295): split by use, every pin hashed, installed with
--require-hashes, and no pin at a version with a known advisory this project has met."""

import re
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ("requirements-site.txt", "requirements.txt", "requirements-properdocs.txt")
TEST_AND_LINT_TOOLS = ("pytest", "playwright", "ruff", "hypothesis", "yamllint", "zizmor", "pip-audit")


def _pins(lock: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a pip-compile lock (a pin line, then its `--hash=` continuation lines)."""
    pins, current = {}, None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==([^ \\;]+)", line):
            current = match[1].lower()
            pins[current] = (match[2], [])
        elif (found := re.search(r"--hash=sha256:([0-9a-f]{64})", line)) and current:
            pins[current][1].append(found[1])
    return pins


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_of_every_lock_carries_hashes(lock):
    pins = _pins(lock)
    assert len(pins) > 20
    assert [name for name, (_version, hashes) in pins.items() if not hashes] == []


@pytest.mark.parametrize("lock", LOCKS)
def test_material_is_at_a_release_without_the_search_suggest_xss(lock):
    assert Version(_pins(lock)["mkdocs-material"][0]) >= Version("9.7.7")  # CVE-2026-73295 fixed in 9.7.7


# Advisories found for pins of this project, and the first release without them: a pin below fails here.
KNOWN_ADVISORIES = {
    "mkdocs-material": ("9.7.7", "CVE-2026-73295 / GHSA-xvg9-69gf-fjrf, DOM XSS through search.suggest"),
    "setuptools": ("83.0.0", "CVE-2026-59890 / GHSA-h35f-9h28-mq5c, MANIFEST.in exclusion bypass in sdists"),
}


@pytest.mark.parametrize("lock", ["requirements-site.txt", "requirements.txt"])
def test_no_pin_is_below_a_release_that_fixed_a_known_advisory(lock):
    pins = _pins(lock)
    below = {name: (pins[name][0], why) for name, (fixed, why) in KNOWN_ADVISORIES.items()
             if name in pins and Version(pins[name][0]) < Version(fixed)}
    assert below == {}


def test_textstat_is_gone_so_setuptools_can_move():
    """textstat 0.7.3 imported pkg_resources (setuptools < 82 only); the score is atlas.readability's now."""
    assert "textstat" not in _pins("requirements.txt")


def test_the_site_lock_holds_no_test_or_lint_tool_and_the_full_lock_agrees_with_it():
    site, full = _pins("requirements-site.txt"), _pins("requirements.txt")
    assert [tool for tool in TEST_AND_LINT_TOOLS if tool in site] == []
    assert all(tool in full for tool in TEST_AND_LINT_TOOLS)
    assert {name: pin[0] for name, pin in site.items() if full[name][0] != pin[0]} == {}


def test_properdocs_lock_leaves_out_mkdocs_itself():
    assert "properdocs" in _pins("requirements-properdocs.txt")
    assert "mkdocs" not in _pins("requirements-properdocs.txt")


def test_every_install_in_the_makefile_requires_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -r " in line]
    assert len(installs) >= 3
    assert [line for line in installs if "--require-hashes" not in line] == []


def test_make_lock_and_make_audit_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lock:", makefile, re.M) and "--generate-hashes" in makefile
    assert re.search(r"^audit:", makefile, re.M) and "audit_dependencies.py" in makefile
