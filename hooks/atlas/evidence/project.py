"""The evidence records of a whole project, read from mkdocs.yml without MkDocs (for `make evidence`
and `make evidence-stamp`). The build gets the same facts through `hooks/evidence_hook.py`, with the
same pure functions, so the table, the stamp and the build always agree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atlas.citations.bibfile import Bibliography, load_bibliographies
from atlas.evidence.coverage import PageCoverage, Place, check_page
from atlas.evidence.records import Evidence, KeyChecker, load_folder
from atlas.evidence.sentences import CitedSentence, page_sentences
from atlas.evidence.settings import Settings, read_settings
from atlas.translations.naming import is_source
from atlas.translations.project import Project, load_config, read_project


@dataclass(frozen=True)
class EvidenceProject:
    project: Project
    settings: Settings
    bib: Bibliography
    evidence: Evidence
    abbreviations: tuple[str, ...]

    def shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.project.root).as_posix()
        except ValueError:
            return str(path)

    @property
    def folder(self) -> Path:
        return self.project.root / self.settings.folder

    def source_pages(self) -> list[str]:
        docs = self.project.docs_dir
        return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                      if is_source(p.relative_to(docs).as_posix(), self.project.locales))

    def sentences(self, page: str) -> list[CitedSentence]:
        text = (self.project.docs_dir / page).read_text(encoding="utf-8-sig")
        return page_sentences(text, self.abbreviations)

    def coverage(self, page: str) -> PageCoverage:
        place = Place(page, self.shown(self.project.docs_dir / page), self.shown(self.folder))
        return check_page(place, self.sentences(page), self.evidence, lambda key: key in self.bib)


def read_evidence_project(config_file: Path) -> EvidenceProject:
    project = read_project(config_file)
    atlas = (load_config(config_file).get("extra") or {}).get("atlas") or {}
    settings = read_settings(atlas.get("evidence"))
    bib = load_bibliographies((atlas.get("citations") or {}).get("bib", "references.bib"), project.root)
    abbreviations = ((atlas.get("readability") or {}).get("abbreviations") or {}).get(project.default) or []
    docs = project.docs_dir
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
             if is_source(p.relative_to(docs).as_posix(), project.locales)}
    partial = EvidenceProject(project, settings, bib, Evidence(), tuple(abbreviations))
    evidence = load_folder(partial.folder, KeyChecker(bib.canonical, bib.closest), partial.shown,
                           max_words=settings.max_quote_words, default_lang=settings.quote_language,
                           known_pages=pages, translation=lambda page: not is_source(page, project.locales))
    return EvidenceProject(project, settings, bib, evidence, tuple(abbreviations))
