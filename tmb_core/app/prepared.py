"""A dashboard view as the page keeps it, and the sample's, prepared when the site is built.

The page shows a view before the engine has started (site/app/lastview.js): the last one the
punter saw, kept with their data, or, for "Try it with sample data", the sample's own, which
build.py writes as an asset from `sample_view`. The engine's answers make it up, so the
dashboard the engine draws once it is up has the same figures (the same code on the same rows).
"""
from __future__ import annotations

import json

from ..model import SAMPLE_ROWS, SAMPLE_SEED
from ..present.chartdata import fitting_period
from .engine import Engine
from .protocol import BETS_PAGE


def view(engine: Engine, filters: dict, period: str) -> dict:
    """The dashboard of `filters` and `period` as the page keeps it: its two answers, the first
    page of the bets table (sorted as it opens) and the safer-gambling signals."""
    bets = {"search": "", "sort": "placed", "descending": True}
    return {"filters": filters, "period": period, "period_chosen": False,
            "dashboard": engine.op_dashboard(filters, period, known=None),
            "tables": engine.op_dashboard_tables(filters, period),
            "signals": engine.op_signals(filters),
            "bets": {**bets, "data": engine.op_bets(filters, **bets, limit=BETS_PAGE)}}


def sample_view() -> dict:
    """The view the page opens on the sample data with: unfiltered, by the fitting period."""
    from ..sql import DuckDBConnection

    engine = Engine(DuckDBConnection())
    engine.op_import_sample(SAMPLE_ROWS, SAMPLE_SEED)
    span = engine.ledger.span()
    return view(engine, {}, fitting_period(span["first"], span["last"]))


def sample_view_json() -> bytes:
    return json.dumps(sample_view(), allow_nan=False, separators=(",", ":")).encode()
