"""MkDocs hook: a Content-Security-Policy meta tag on every HTML file the build writes (atlas.csp).

Thin adapter: the policy and the hashes of the inline scripts come from the pure module, computed from
the finished HTML of each page and template (the 404 page), so theme and template changes need no update
here. It runs after every other hook has changed the output.
"""

from __future__ import annotations

from atlas.csp import with_csp
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-1000)  # last: the hashes must be of the scripts as they are written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_csp(output)


@event_priority(1000)  # first: the translations hook keeps and copies the 404 page as it gets it
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme templates rendered as files of their own (404.html); sitemap.xml and the like stay as is."""
    return with_csp(output_content) if template_name.endswith(".html") else output_content
