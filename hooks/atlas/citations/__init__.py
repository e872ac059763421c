"""The citation engine: Pandoc citations → numbered, linked, previewable Vancouver references.

Pure modules (no MkDocs): `syntax` (Pandoc citation syntax; the source-level scanner for tools),
`numbering`, `bibfile` (load and validate the .bib), `latex`, `style` (pybtex style plugin), `render`,
`bibliography` (global page), `export` (cite this page), `engine` (one language's labels and formatted
entries) and `extension`, the Python-Markdown extension that does a page's work in any Python-Markdown
engine. `hooks/citations_hook.py` adds that extension to MkDocs and keeps the site-wide parts.
"""

from atlas.citations.bibfile import Bibliography, Diagnostic, load_bibliography
from atlas.citations.syntax import cited_keys

__all__ = ["Bibliography", "Diagnostic", "cited_keys", "load_bibliography"]
