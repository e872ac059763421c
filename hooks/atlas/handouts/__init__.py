"""PDF handouts: each article's final HTML, cleaned, converted to Typst by pandoc, compiled to A4 PDF.

Pure package (no MkDocs imports); `hooks/handouts_hook.py` feeds it pages and writes the results.
"""
