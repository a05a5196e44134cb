"""`python -m tmb_core explore`: the workbench (`present/workbench`) served on this machine only.

The server listens on 127.0.0.1 and takes websocket connections from its own address only, so
no other site open in the browser can reach the punter's data through it; Panel's and Bokeh's
scripts come from the server itself (no CDN), so nothing is fetched from elsewhere either.
"""
from __future__ import annotations

import socket
import sys
from pathlib import Path

from ..figures.ledger import Ledger
from ..sql import DuckDBConnection

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on now (the system's choice)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def open_ledger(db: Path | None) -> Ledger:
    """The ledger in a DuckDB file kept between runs (`--db`), or in memory."""
    return Ledger(DuckDBConnection(str(db))) if db else Ledger.in_memory()


def serve(ledger: Ledger, reports: list[dict], port: int | None = None, show: bool = True) -> None:
    """Serve the workbench until interrupted: one workbench per browser tab, over the one ledger
    (the server runs one request at a time, so they never query it at once)."""
    try:
        import panel as pn
    except ImportError:
        sys.exit("The workbench needs Panel and pandas: pip install 'tmb_core[explore]'")
    from ..present.workbench import Workbench

    port = port or free_port()
    url = f"http://{HOST}:{port}/"
    print(f"The workbench is at {url} (Ctrl+C stops it)", flush=True)
    pn.serve({"/": lambda: Workbench(ledger, reports).page()}, port=port, address=HOST, show=show,
             websocket_origin=[f"{HOST}:{port}", f"localhost:{port}"], title="TrackMyBets workbench",
             threaded=False, verbose=False)
