"""What a handout or booklet render is given and what it gives back (no pandoc, no Typst here).

`atlas.handouts.schedule` orders these jobs and `atlas.handouts.render` runs them; both import this
module, neither imports the other's internals, so the modules form no import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from atlas.handouts.source import ArticleFacts, BookletCover

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_TEMPLATE = PACKAGE_DIR / "template.typ"

__all__ = ["DEFAULT_TEMPLATE", "BookletJob", "HandoutFailed", "HandoutJob", "Problem", "Rendered",
           "failed_render"]


@dataclass(frozen=True)
class HandoutJob:
    """Everything one article's handout needs, collected while the site is built."""

    page: str  # the source file, for messages: `docs/leucine.md`
    html: str  # the cleaned article HTML (image paths relative to `root`: `/assets/figure.svg`)
    facts: ArticleFacts
    disclaimer: str
    output: Path
    template: str
    cache: Path | None = None  # folder of earlier results by content (None: always render)
    root: Path | None = None   # the build folder: Typst reads files only below it (None: the output's folder)


@dataclass(frozen=True)
class BookletJob:
    cover: BookletCover
    output: Path
    template: str
    cache: Path | None = None
    root: Path | None = None


def typst_root(job: HandoutJob | BookletJob) -> Path:
    """The folder Typst may read images from: the build folder, never the whole file system (made if
    it is not there yet: the handout is written into it)."""
    root = (job.root or job.output.parent).resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root


@dataclass(frozen=True)
class Problem:
    """A Typst error or warning: its message and hints, and where in the Typst source it is (0: unknown)."""

    message: str
    line: int = 0
    excerpt: str = ""

    def describe(self, where: str = "") -> str:
        place = f" ({where})" if where else ""
        near = f", near \u201c{self.excerpt}\u201d" if self.excerpt else ""
        return f"{self.message}{near}{place}"


@dataclass(frozen=True)
class Rendered:
    """The outcome of one render: `error` is None on success; `notes` are for the info log (a cached
    result that did not check out and was rendered again), `warnings` fail --strict."""

    page: str
    output: Path
    seconds: float
    typst_body: str = ""
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)


class HandoutFailed(RuntimeError):
    """A handout could not be rendered; the message names the page."""


def failed_render(job: HandoutJob | BookletJob, reason: str) -> Rendered:
    """The result of a job whose worker never answered: no file is left at its output."""
    job.output.unlink(missing_ok=True)
    page = getattr(job, "page", "") or job.output.name  # a booklet is named by its file
    return Rendered(page, job.output, 0.0, "", reason)
