"""What bench_site.py measures against: a fresh build of the site copied to a temporary
directory with the bench pages added (bench/pages/: a bare loadPyodide() page and a bare
DuckDB-WASM read_csv page, built from the same files as dist/), the site's server
counting its responses, the sample exports, and the gzip sizes of what was served.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).resolve().parent / "pages"
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
import serve  # noqa: E402
from tmb_core.sample import generate_csv  # noqa: E402

WORKER_ARGS = (f"--alias:pyodide-loader={build.MODULES / 'pyodide' / 'pyodide.mjs'}",
               "--external:node:*", "--external:ws")


def site_copy(tmp: Path) -> tuple[Path, dict]:
    """Build dist/ afresh, copy it under tmp, add bench/ pages; return the copy and its asset URLs."""
    dist = build.build()
    root = tmp / "site"
    shutil.copytree(dist, root)
    urls = asset_urls(root)
    # The references use Pyodide's own stdlib zip; the site ships a precompiled one instead.
    shutil.copy2(build.STOCK_STDLIB, root / urls["pyodide"] / build.STOCK_STDLIB.name)
    bench = root / "bench"
    bench.mkdir()
    for name in ("pyodide.html", "duckdb.html"):
        text = (PAGES / name).read_text(encoding="utf-8")
        text = text.replace("{{pyodide}}", f"../{urls['pyodide']}").replace("{{duckdb}}", f"../{urls['duckdb']}")
        (bench / name).write_text(text, encoding="utf-8")
    for name in ("pyodide-page.js", "duckdb-page.js"):
        shutil.copy2(PAGES / name, bench / name)
    for name in ("pyodide-worker.js", "duckdb-worker.js"):
        (bench / name).write_bytes(build.esbuild(PAGES / name, tmp / f"{name}.tmp", *WORKER_ARGS))
    return root, urls


def asset_urls(root: Path) -> dict:
    """The site's Pyodide directory and DuckDB wasm, as URLs relative to the site root."""
    pyodide = next((root / "assets").glob("pyodide-*"))
    duckdb = next((root / "assets").glob("duckdb-eh.*.wasm"))
    return {"pyodide": f"assets/{pyodide.name}/", "duckdb": f"assets/{duckdb.name}"}


def start_server(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The site's server (same CSP and cache headers), noting every response in `served` as
    (path, status, body bytes)."""
    return serve.serve_in_background(root, serve.CountingHandler)


def sample_files(tmp: Path, sizes: list[int], seed: int) -> dict[int, Path]:
    """One generated export per size, written once and reused by every run."""
    files = {}
    for rows in sizes:
        path = tmp / f"export-{rows}.csv"
        path.write_bytes(generate_csv(rows, seed=seed).encode())
        files[rows] = path
    return files


def url_path(root: Path, url: str) -> Path:
    """The file under root that a same-origin URL was served from."""
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0].split("#")[0]
    if path.endswith("/"):
        path += "index.html"
    return root / path.lstrip("/")


@functools.lru_cache(maxsize=None)
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def reference_bytes(root: Path, urls: dict) -> dict:
    """gzip sizes of the Pyodide core files (its own stdlib zip) and the DuckDB eh wasm (B6's reference)."""
    names = [*build.PYODIDE_FILES, build.STOCK_STDLIB.name]
    files = [root / urls["pyodide"] / name for name in names] + [root / urls["duckdb"]]
    return {f.relative_to(root).as_posix(): gzip_size(f) for f in files}
