"""A static file server for dist/ on localhost, with the site's Content-Security-Policy
sent as a header (a worker takes its CSP from its own response header only).

Used by `python build.py serve` and by the browser tests (port 0 = a free port).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from build import CSP

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".csv": "text/csv"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        hashed = self.path.startswith("/assets/")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        super().end_headers()

    def log_message(self, *args):  # quiet: the tests and the terminal stay readable
        pass


def server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    httpd.handle_error = lambda *a: None  # a browser closing mid-download is not an error here
    return httpd


def serve(root: Path, port: int = 8000) -> None:
    httpd = server(root, port)
    print(f"TrackMyBets is at http://127.0.0.1:{httpd.server_address[1]}/  (Ctrl+C to stop)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


def serve_in_background(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = server(root, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
