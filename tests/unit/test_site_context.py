"""The one build state (hooks/site_context.py): nesting detected one way, the language of each build, a
page's source read once per run, and caches by content swept when the next run (a serve rebuild) starts:
what the last run used is kept, the rest dropped."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import site_context
from atlas.citations import bibfile


def config(building: bool, current: str | None, atlas: dict | None = None) -> SimpleNamespace:
    languages = [SimpleNamespace(locale="nl", default=True, name="Nederlands"),
                 SimpleNamespace(locale="en", default=False, name="English")]
    i18n = SimpleNamespace(building=building, current_language=current,
                           config=SimpleNamespace(languages=languages))
    return SimpleNamespace(plugins={"i18n": i18n}, extra={"atlas": atlas if atlas is not None else {}},
                           theme={"language": "nl"})


def test_a_nested_build_is_static_i18ns_and_the_outer_build_is_the_default_language() -> None:
    assert not site_context.is_nested_build(config(False, "nl"))
    assert site_context.is_nested_build(config(True, "en"))
    assert site_context.build_language(config(True, "en")) == "en"
    # after the nested builds, static-i18n leaves the last language set: the outer build is still nl's
    assert site_context.build_language(config(False, "en")) == "nl"


def test_a_page_source_is_read_once_per_run(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("\ufeff# One\n", encoding="utf-8")
    site_context.check_settings(config(False, "nl", {}))  # a run starts
    assert site_context.page_source(page) == "# One\n"
    assert site_context.page_source(page, keep_bom=True) == "\ufeff# One\n"
    page.write_text("# Two\n", encoding="utf-8")
    assert site_context.page_source(page) == "# One\n"  # the same run: read once
    site_context.check_settings(config(False, "nl", {}))  # the next run (a new configuration)
    assert site_context.page_source(page) == "# Two\n"


def test_a_cache_by_content_keeps_what_the_last_run_used_and_drops_the_rest() -> None:
    atlas: dict = {}
    site_context.check_settings(config(False, "nl", atlas))
    bibfile.SCANS[("x.bib", "old")] = object()  # type: ignore[assignment]
    site_context.check_settings(config(True, "en", atlas))
    assert ("x.bib", "old") in bibfile.SCANS  # a nested language build: the same run
    site_context.check_settings(config(False, "nl", {}))  # the next run (a serve rebuild)
    assert ("x.bib", "old") in bibfile.SCANS  # used by the run before: an unchanged .bib is not scanned again
    bibfile.SCANS[("x.bib", "new")] = object()  # type: ignore[assignment]  # the .bib was edited
    site_context.check_settings(config(False, "nl", {}))
    assert list(bibfile.SCANS) == [("x.bib", "new")]  # the old scan, unused for a whole run, is gone
    site_context.check_settings(config(False, "nl", {}))
    assert bibfile.SCANS == {}


def test_every_feature_gets_the_bibliography_from_one_scan_named_as_contributors_know_it(
        tmp_path: Path, monkeypatch) -> None:
    """The citations, evidence and risk-group hooks each ask for the bibliography: one scan per file."""
    (tmp_path / "references.bib").write_text("@article{a1,\n  title = {T},\n  author = {Doe, J.},\n"
                                             "  journal = {J}, year = {2020}\n}\n", encoding="utf-8")
    scans: list[str] = []
    real_run = bibfile._Scanner.run

    def counting_run(self: bibfile._Scanner) -> bibfile.Bibliography:
        scans.append(self.bib.path)
        return real_run(self)

    monkeypatch.setattr(bibfile._Scanner, "run", counting_run)
    atlas = {"citations": {"bib": "references.bib"}}
    settings = config(False, "nl", atlas)
    settings.config_file_path = str(tmp_path / "mkdocs.yml")
    site_context.check_settings(settings)  # a run starts
    asked = [site_context.bibliography(settings) for _ in ("citations", "evidence", "risks")]
    assert scans == ["references.bib"]
    assert all("a1" in bib for bib in asked)


def test_a_hook_run_anew_at_every_serve_rebuild_keeps_its_cache_and_registers_it_once(tmp_path: Path) -> None:
    """MkDocs executes each hook file again at every configuration load (every `mkdocs serve` rebuild)."""
    hook = tmp_path / "counting_hook.py"
    hook.write_text("from atlas.run_cache import RunCache\nfrom site_context import kept_cache\n"
                    "memo = kept_cache('test.counting', RunCache, RunCache.sweep)\n", encoding="utf-8")
    registered = len(site_context._run_caches)
    caches = []
    for _ in range(3):  # three configuration loads, as MkDocs's Hooks option does them
        spec = importlib.util.spec_from_file_location("counting_hook", hook)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["counting_hook"] = module
        spec.loader.exec_module(module)
        caches.append(module.memo)
        site_context.check_settings(config(False, "nl", {}))  # the run of that load starts
        module.memo["page.md"] = "worked out once"
    assert caches[0] is caches[1] is caches[2]
    assert len(site_context._run_caches) == registered + 1
    assert caches[2]["page.md"] == "worked out once"
