"""Serve a built site on localhost the way GitHub Pages serves it, for browser tests and bench_reader.

The site lives under the path of `site_url` (e.g. `/amino-atlas/`), because the 404 page links its
assets with that absolute path; unknown paths get `404.html` with status 404; with `compress=True`
text responses are gzip-encoded like on the real host, so page weights and Lighthouse see real transfer
sizes.
"""

from __future__ import annotations

import gzip
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


def site_path_prefix(mkdocs_yml: Path) -> str:
    """The path part of `site_url` in mkdocs.yml, e.g. `/amino-atlas/` (`/` when unset)."""
    match = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text(encoding="utf-8"), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


SentLog = list[tuple[str, int]]  # (request path, body bytes sent)


def _handler_class(
    root: Path, prefix: str, compress: bool, sent: SentLog | None
) -> type[http.server.BaseHTTPRequestHandler]:
    class SiteHandler(http.server.BaseHTTPRequestHandler):
        """GET/HEAD of static files under `prefix`, GitHub-Pages style."""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def _resolve(self) -> Path | None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return None
            target = (root / path[len(prefix):]).resolve()
            if root not in target.parents and target != root:
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

        def _serve(self, send_body: bool) -> None:
            path = urlsplit(self.path).path
            target = self._resolve()
            status = 200
            if target is None and path.startswith(prefix) and not path.endswith("/") \
                    and (root / unquote(path[len(prefix):])).is_dir():
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            if target is None:
                status, target = 404, root / "404.html"
            body = target.read_bytes() if target.is_file() else b"not found"
            self.send_response(status)
            self.send_header("Content-Type", _content_type(target))
            accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if compress and accepts_gzip and target.suffix in COMPRESSIBLE:
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
            self.end_headers()
            if send_body:
                self.wfile.write(body)
                if sent is not None:
                    sent.append((path, len(body)))

    return SiteHandler


def _content_type(path: Path) -> str:
    types = {
        ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8", ".json": "application/json",
        ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
        ".pdf": "application/pdf", ".woff2": "font/woff2", ".ico": "image/x-icon",
        ".txt": "text/plain; charset=utf-8", ".webp": "image/webp", ".jpg": "image/jpeg",
    }
    return types.get(path.suffix, "application/octet-stream")


@contextmanager
def serve_site(
    root: Path, prefix: str = "/", compress: bool = False, sent: SentLog | None = None
) -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:<free port><prefix> in a daemon thread; yields that URL.

    With `sent`, every response body's size (as sent, so gzip-compressed when `compress`) is appended
    to it: the server's count includes what a browser's own bookkeeping misses (web worker scripts).
    """
    handler = _handler_class(root.resolve(), prefix, compress, sent)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
