"""A built page's handout as the hook hands it to the scheduler, prepared here or in a worker.

Preparing a handout (finding the `<article>` in the built page, cleaning it, drawing the QR code) is
pure Python and takes about as long as building the page did. When nothing can come from the cache (a
cold or disabled cache), the hook hands the whole page to a worker process (`PageHandout`), which
prepares and renders it, so the build itself goes on with the next page. When the cache may hold the
PDF, the hook prepares the `HandoutJob` itself (`PageHandout.prepared`): the cache is asked by the
article's content, and a cached handout then needs no worker at all.

Either way the result is the same PDF: `render_page` is `prepared` followed by `render_handout`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from atlas.handouts.clean import ArticleNotFound, CleanOptions, clean_article, extract_article, image_resolver
from atlas.handouts.qr import cached_qr_svg
from atlas.handouts.render import (
    BookletJob,
    HandoutJob,
    Rendered,
    failed_render,
    render_booklet,
    render_handout,
    reuse_booklet,
    reuse_handout,
    scheduler,
)
from atlas.handouts.schedule import Renderer, Scheduler
from atlas.handouts.source import ArticleFacts

LAYOUT_HINT = "the handout needs Material's page layout (check overrides/)"


@dataclass(frozen=True)
class PageHandout:
    """One built page and everything needed to make its handout; `facts.qr_svg` may be left empty
    (it is drawn from `facts.url` where the handout is prepared)."""

    page: str  # the source file, for messages: `docs/leucine.md`
    html: str  # the whole built page
    id_prefix: str
    strip: tuple[str, ...]
    online_only_note: str
    page_dir: str  # the built page's folder and the site's top folder, for the article's images
    site_root: str
    facts: ArticleFacts
    disclaimer: str
    output: Path
    template: str
    cache: Path | None = None

    def prepared(self) -> HandoutJob:
        """The handout job; ArticleNotFound when the page has no article."""
        article = extract_article(self.html)
        options = CleanOptions(
            id_prefix=self.id_prefix,
            strip=self.strip,
            online_only_note=self.online_only_note,
            resolve_image=image_resolver(self.page_dir, self.site_root),
        )
        return HandoutJob(
            page=self.page,
            html=clean_article(article, options),
            facts=with_qr(self.facts, self.cache),
            disclaimer=self.disclaimer,
            output=self.output,
            template=self.template,
            cache=self.cache,
            root=Path(self.site_root),
        )


def with_qr(facts: ArticleFacts, cache: Path | None) -> ArticleFacts:
    return facts if facts.qr_svg else dataclasses.replace(facts, qr_svg=cached_qr_svg(facts.url, cache))


def render_page(job: PageHandout | HandoutJob) -> Rendered:
    """Prepare (if not yet done) and render one handout; any failure comes back naming the page."""
    if isinstance(job, HandoutJob):
        return render_handout(job)
    try:
        prepared = job.prepared()
    except ArticleNotFound as problem:
        job.output.unlink(missing_ok=True)
        return Rendered(job.page, job.output, 0.0, "", f"{problem}; {LAYOUT_HINT}")
    return render_handout(prepared)


def reuse_page(job: PageHandout | HandoutJob) -> Rendered | None:
    """A prepared handout from the cache; a page still to be prepared is not looked up."""
    return reuse_handout(job) if isinstance(job, HandoutJob) else None


def render_page_booklet(
    job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]], pages: Sequence[str] = ()
) -> Rendered:
    """`render_booklet`, with the QR codes of articles prepared in a worker drawn here."""
    return render_booklet(job, [(with_qr(facts, job.cache), body) for facts, body in articles], pages)


def reuse_page_booklet(
    job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]], pages: Sequence[str] = ()
) -> Rendered | None:
    if not all(facts.qr_svg for facts, _body in articles):  # prepared in workers: not cached before
        return None
    return reuse_booklet(job, articles, pages)


RENDERER = Renderer(
    handout=render_page,
    booklet=render_page_booklet,
    failed=failed_render,
    reuse_handout=reuse_page,
    reuse_booklet=reuse_page_booklet,
)


def page_scheduler(workers: int) -> Scheduler:
    """The build's scheduler: `workers` processes (one: everything in this process, no pool)."""
    return scheduler(workers, RENDERER)
