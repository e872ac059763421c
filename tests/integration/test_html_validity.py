"""The Nu HTML checker (vnu-jar, pinned in package.json) finds no error of ours in the built HTML.

Material for MkDocs itself writes a few constructs the checker rejects; those are filtered below,
one by one, each recognised by its message *and* by the Material markup it appears in, so the same
mistake in our own templates or content still fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.site import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Upstream:
    """A known Material-generated error: its message pattern and the Material markup it sits in."""

    message: re.Pattern[str]
    markup: re.Pattern[str]
    why: str


MATERIAL_UPSTREAM = [
    Upstream(
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        "base.html writes autocomplete=off on its drawer/search checkbox toggles (Firefox keeps their "
        "state otherwise); the attribute is not allowed on checkboxes.",
    ),
    Upstream(
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex'),
        "partials/nav-item.html writes tabindex=\"\" on section labels when navigation.sections is on.",
    ),
    Upstream(
        re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non"),
        re.compile(r'<label class="md-nav__title" for="__toc"'),
        "partials/toc.html labels the hidden (display:none) __toc toggle for its mobile drawer.",
    ),
]


def is_material_upstream(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(known.message.search(text) and known.markup.search(extract) for known in MATERIAL_UPSTREAM)


def run_vnu(files: list[Path]) -> list[dict]:
    assert shutil.which("java"), "java is missing: install a JRE (`apt-get install default-jre-headless`)"
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make test` (it runs `npm ci --ignore-scripts`)"
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    # vnu writes its JSON report to stderr; exit status 1 only means "errors found"
    assert done.returncode in (0, 1), f"vnu failed to run:\n{done.stderr[-2000:]}"
    return json.loads(done.stderr)["messages"]


@pytest.fixture(scope="module")
def vnu_messages(built_site: BuiltSite) -> list[dict]:
    """One vnu run over every built page of both languages."""
    files = built_site.html_files()
    assert any("/en/" in f.as_posix() for f in files), "expected English pages in the build"
    return run_vnu(files)


def where(message: dict, site: BuiltSite) -> str:
    path = Path(message.get("url", "").removeprefix("file:"))
    shown = path.relative_to(site.root) if path.is_relative_to(site.root) else path
    return f"{shown}:{message.get('lastLine', '?')}"


def test_built_html_has_no_validity_error_of_ours(vnu_messages: list[dict], built_site: BuiltSite) -> None:
    ours = [m for m in vnu_messages if m.get("type") == "error" and not is_material_upstream(m)]
    report = [
        f"{where(m, built_site)}: {m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in ours
    ]
    assert not ours, f"{len(ours)} HTML validity errors from our templates or content:\n" + "\n".join(report)


def test_every_upstream_filter_still_matches_something(vnu_messages: list[dict]) -> None:
    """A filter that no longer matches (Material fixed it, or we override that partial) must go."""
    unused = [
        known.why for known in MATERIAL_UPSTREAM
        if not any(known.message.search(m.get("message", "")) and known.markup.search(m.get("extract", ""))
                   for m in vnu_messages)
    ]
    assert not unused, "remove these Material filters, nothing matches them any more:\n" + "\n".join(unused)
