"""The citation engine: Pandoc `[@key]` citations → numbered, linked, previewable Vancouver references.

Pure modules (no MkDocs): `syntax` (parser), `numbering`, `bibfile` (load and validate the .bib),
`latex`, `style` (pybtex style plugin), `render`, `bibliography` (global page), `export` (cite this
page), `engine` (one page in, one page out). `hooks/citations_hook.py` adapts them to MkDocs.
"""

from atlas.citations.bibfile import Bibliography, Diagnostic, load_bibliography
from atlas.citations.syntax import cited_keys

__all__ = ["Bibliography", "Diagnostic", "cited_keys", "load_bibliography"]
