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


class CountingHandler(Handler):
    """The same, noting every response it sends as (path, status, body bytes) in its server's
    `served` list: the browser tests and the benchmark count what a visit downloads here."""

    def send_response(self, code, message=None):
        self.sent = [self.path.split("?")[0], int(code), 0]
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self.sent[2] = int(value)
        super().send_header(keyword, value)

    def end_headers(self):
        self.server.served.append(tuple(self.sent))
        super().end_headers()


def server(root: Path, port: int = 0, handler: type = Handler) -> http.server.ThreadingHTTPServer:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    httpd.served = []
    httpd.handle_error = lambda *a: None  # a browser closing mid-download is not an error here
    return httpd


def serve(root: Path, port: int = 8000) -> None:
    httpd = server(root, port)
    print(f"TrackMyBets is at http://127.0.0.1:{httpd.server_address[1]}/  (Ctrl+C to stop)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


def serve_in_background(root: Path, handler: type = Handler) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = server(root, 0, handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
