"""Build the static site into dist/, and serve it.

    python build.py                 build dist/
    python build.py serve [--port N]  build, then serve dist/ on http://127.0.0.1:N/ (default 8000)

Every asset gets a content-hashed URL under dist/assets/, so a new deploy never
mixes with a cached old one; the HTML pages and the service worker keep fixed names.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SITE, DIST, MODULES = ROOT / "site", ROOT / "dist", ROOT / "node_modules"
CONTRACT = ROOT / "build" / "contract.js"  # the engine protocol for the page and the worker (import "tmb-contract")
ASSETS = DIST / "assets"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")  # the stdlib is shipped precompiled
STOCK_STDLIB = MODULES / "pyodide" / "python_stdlib.zip"
#: What the browser never runs, left out of its zip: the charts and the report need bokeh; the
#: workbench, its server and the DataFrames need Panel and pandas.
BROWSER_SKIP = ("tmb_core/present/bokeh/", "tmb_core/present/workbench/", "tmb_core/present/frames.py",
                "tmb_core/app/explore.py")
PAGES = ("index.html", "kb.html", "safer.html")
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'none'")
FAVICON = "data:,"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def emit(name: str, data: bytes) -> str:
    """Write an asset under a content-hashed name; return its URL relative to dist/."""
    stem, dot, ext = name.partition(".")
    path = ASSETS / f"{stem}.{digest(data)}{dot}{ext}"
    path.write_bytes(data)
    return f"assets/{path.name}"


def npm_install() -> None:
    stamp = MODULES / ".tmb-lock"
    lock = (ROOT / "package-lock.json").read_bytes()
    if stamp.exists() and stamp.read_text() == digest(lock):
        return
    # npm's chatter goes to stderr: a benchmark's stdout must stay pure JSON.
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, stdout=sys.stderr)
    stamp.write_text(digest(lock))


def contract_module() -> str:
    """tmb_core's engine protocol (ops, filters, periods) as the JavaScript module `tmb-contract`."""
    from tmb_core.app.protocol import contract

    return f"export const CONTRACT = {json.dumps(contract(), indent=1)};\n"


def write_contract() -> None:
    CONTRACT.parent.mkdir(exist_ok=True)
    CONTRACT.write_text(contract_module(), encoding="utf-8")


def esbuild(entry: Path, out: Path, *extra: str) -> bytes:
    subprocess.run([str(MODULES / ".bin" / "esbuild"), str(entry), "--bundle", "--format=esm",
                    "--platform=browser", "--target=es2022", "--minify", "--log-level=warning",
                    f"--alias:tmb-contract={CONTRACT}", f"--outfile={out}", *extra], cwd=ROOT, check=True)
    data = out.read_bytes()
    out.unlink()
    return data


def pyodide() -> str:
    """The Pyodide core files in one directory named by their joint hash."""
    source = MODULES / "pyodide"
    joint = digest(b"".join((source / f).read_bytes() for f in PYODIDE_FILES))
    target = ASSETS / f"pyodide-{joint}"
    target.mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    return f"assets/{target.name}/"


def worker() -> str:
    """The engine worker, split by esbuild: the entry starts Python, the DuckDB chunk is imported
    dynamically. esbuild names both by content hash; returns the entry's URL."""
    meta = ASSETS / "worker.meta.json"
    subprocess.run([str(MODULES / ".bin" / "esbuild"), str(SITE / "engine" / "worker.js"), "--bundle", "--format=esm",
                    "--splitting", "--platform=browser", "--target=es2022", "--minify", "--log-level=warning",
                    f"--outdir={ASSETS}", "--entry-names=engine.[hash]", "--chunk-names=engine-[name].[hash]",
                    f"--metafile={meta}", f"--alias:pyodide-loader={MODULES / 'pyodide' / 'pyodide.mjs'}",
                    f"--alias:tmb-contract={CONTRACT}",
                    "--external:node:*", "--external:ws"], cwd=ROOT, check=True)
    outputs = json.loads(meta.read_text())["outputs"]
    meta.unlink()
    entry = next(path for path, out in outputs.items() if out.get("entryPoint"))
    return f"assets/{Path(entry).name}"


def core_zip() -> bytes:
    """tmb_core's sources as a zip that the worker unpacks into Pyodide's file system."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((ROOT / "tmb_core").rglob("*")):
            parts = path.relative_to(ROOT).parts
            skip = path.relative_to(ROOT).as_posix().startswith(BROWSER_SKIP)
            if path.suffix in (".py", ".csv") and not skip and "__pycache__" not in parts:
                info = zipfile.ZipInfo(str(path.relative_to(ROOT)), date_time=(2020, 1, 1, 0, 0, 0))
                zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def precompiled() -> tuple[str, str]:
    """The stdlib and tmb_core zips with their start-up modules as .pyc (tools/precompile.mjs),
    made by Pyodide's own Python under Node; cached in node_modules/ by the inputs' hash."""
    core = core_zip()
    script = ROOT / "tools" / "precompile.mjs"
    key = digest(STOCK_STDLIB.read_bytes() + core + script.read_bytes())
    cache = MODULES / ".tmb-cache" / key
    outputs = (cache / "stdlib.zip", cache / "tmb_core.zip")
    if not all(p.exists() for p in outputs):
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "core-src.zip").write_bytes(core)
        subprocess.run(["node", str(script), str(STOCK_STDLIB), str(cache / "core-src.zip"), *map(str, outputs)],
                       cwd=ROOT, check=True, stdout=sys.stderr)
    return emit("stdlib.zip", outputs[0].read_bytes()), emit("tmb_core.zip", outputs[1].read_bytes())


def charts() -> tuple[str, str]:
    """Chart templates written by the same bokeh wheel whose BokehJS is shipped."""
    import bokeh
    from bokeh.embed import json_item

    from tmb_core.present import chartdata
    from tmb_core.present.bokeh.charts import dashboard_charts

    items = {name: json_item(fig, name) for name, fig in dashboard_charts().items()}
    contract = {"sources": {k: list(v) for k, v in chartdata.SOURCES.items()}, "ranges": chartdata.RANGES}
    data = json.dumps({"bokeh": bokeh.__version__, "charts": items, "contract": contract}).encode()
    js = Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"
    return emit("charts.json", data), emit("bokeh.min.js", js.read_bytes())


#: A date field, typed day first whatever the browser's language (a date input shows the
#: browser's own order): site/app/days.js reads and writes it.
DAY_INPUT = 'type="text" class="day" placeholder="dd/mm/yyyy" autocomplete="off" size="10"'


def filter_controls() -> str:
    """The dashboard's filter controls, one per `model.FILTER_FIELDS` (index.html {{filters}})."""
    from html import escape

    from tmb_core.model import FILTER_FIELDS, PRESUMED_LOST_DAYS, PRESUMED_LOST_MAX_DAYS

    controls = []
    for f in FILTER_FIELDS:
        label, name = escape(f.label), escape(f.name)
        if f.kind == "date":
            controls.append(f'<label>{label} <input {DAY_INPUT} name="{name}"></label>')
        elif f.kind == "choice":
            controls.append(f'<label>{label} <select name="{name}"></select></label>')
        else:
            controls.append(f'<label title="{escape(f.help)}">{label} <input type="number" name="{name}" min="0" '
                            f'max="{PRESUMED_LOST_MAX_DAYS}" value="{PRESUMED_LOST_DAYS}" inputmode="numeric"> days</label>')
    return "\n      ".join(controls)


def margin_rows() -> str:
    """The knowledge base's table of typical margins (kb.html {{margins}}), from tmb_core's one table."""
    from html import escape

    from tmb_core.figures import margins

    def pct(x: float) -> str:
        return f"{100 * x:.2f}".rstrip("0").rstrip(".") + "%"

    rows = []
    for m in (*margins.FIXED, *margins.TOTE, margins.SPORTSBET):
        spread = pct(m.margin) if m.low == m.high else f"{pct(m.low)} to {pct(m.high)}"
        rows.append(f"<tr><td>{escape(m.market)}</td><td>{pct(m.margin)}</td><td>{spread}</td>"
                    f"<td>{escape(m.basis)}</td><td>{escape(m.source)}</td></tr>")
    return "\n".join(rows)


def sample_view() -> str:
    """The sample's dashboard as the engine draws it (tmb_core/app/prepared.py), for the page
    to show at once on "Try it with sample data"."""
    from tmb_core.app.prepared import sample_view_json

    return emit("sample-view.json", sample_view_json())


def pages(urls: dict[str, str]) -> None:
    config = json.dumps({key: urls[key] for key in ("pyodide", "stdlib", "duckdb", "core", "worker", "charts", "bokeh", "sample")})
    values = {**urls, "csp": CSP, "favicon": FAVICON, "config": config.replace('"', "&quot;"),
              "filters": filter_controls(), "margins": margin_rows(), "day_input": DAY_INPUT}
    for name in PAGES:
        text = (SITE / name).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        (DIST / name).write_text(text, encoding="utf-8")


def service_worker(urls: list[str]) -> None:
    files = sorted({*urls, *PAGES, "./"})
    version = digest(json.dumps(files).encode())
    text = (SITE / "sw.js").read_text(encoding="utf-8")
    text = text.replace("__VERSION__", version).replace("__FILES__", json.dumps(files))
    (DIST / "sw.js").write_text(text, encoding="utf-8")


def build() -> Path:
    npm_install()
    if DIST.exists():
        shutil.rmtree(DIST)
    ASSETS.mkdir(parents=True)
    write_contract()
    urls = {"pyodide": pyodide(), "worker": worker(),
            "duckdb": emit("duckdb-eh.wasm", (MODULES / "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm").read_bytes()),
            "css": emit("style.css", (SITE / "style.css").read_bytes()),
            "app": emit("app.js", esbuild(SITE / "app" / "main.js", ASSETS / "app.tmp.js"))}
    urls["stdlib"], urls["core"] = precompiled()
    urls["charts"], urls["bokeh"] = charts()
    urls["sample"] = sample_view()
    pages(urls)
    assets = [f"assets/{p.relative_to(ASSETS).as_posix()}" for p in ASSETS.rglob("*") if p.is_file()]
    service_worker(assets)
    (DIST / ".nojekyll").write_text("")
    return DIST


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=("build", "serve"), default="build")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = parser.parse_args(argv)
    out = build()
    print(f"built {out}")
    if args.command == "serve":
        from serve import serve

        serve(out, args.port)


if __name__ == "__main__":
    sys.exit(main())
