"""The engine protocol: what the site's worker asks tmb_core, and what it answers.

One request is a dict `{"op": NAME, "args": {...}}`; one answer is either
`{"ok": True, "data": ...}` or `{"ok": False, "error": {"code", "message"}}`.
Everything in both is JSON-ready (the worker passes file bytes beside the
request, not inside it). The same class runs on CPython in the tests and in
Pyodide in the browser; only the `Connection` differs.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from typing import Callable

from ..figures import metrics
from ..figures.ledger import Ledger
from ..model import PRESUMED_LOST_DAYS, Filters
from ..present import chartdata, export
from ..sql import Connection, rows
from ..store import snapshot, staging
from ..store.upsert import import_file

#: op name -> the argument names it takes. The worker's script checks its calls against this.
OPS = {
    "status": (),
    "import_file": ("name",),
    "import_sample": ("rows", "seed"),
    "dashboard": ("filters", "period", "known"),
    "dashboard_tables": ("filters", "period"),
    "bets": ("filters", "search", "sort", "descending", "limit", "offset"),
    "bets_csv": ("filters", "search", "sort", "descending"),
    "issues_csv": ("upload_id",),
    "uploads": (),
    "delete_all": (),
    "snapshot_plan": (),
    "restore": ("files", "saved", "code", "derived"),
    "derived_state": ("kept",),
    "warm_up": ("step",),
}
_FILTER_TEXT = ("sport", "competition", "team", "market", "bet_kind", "bet_type", "status")
#: Rows of the made-up export that op_warm_up reads: enough for the browser to optimise
#: DuckDB-WASM's import code (fewer left the next import slower), little enough to take ~1 s.
WARM_UP_ROWS = 600
#: How many dashboard views the engine remembers (a punter flicks back and forth between a few).
VIEWS_KEPT = 16
#: What the dashboard op answers of a view (dashboard_tables answers the rest).
CHART_PARTS = ("summary", "sources", "swings")
#: The breakdown rows a view keeps: the charts' top by turnover, the tables' lowest by profit.
KEEP = (chartdata.TOP, chartdata.TABLE_ROWS)


class BadRequest(ValueError):
    """A request that does not follow the protocol (a bug in the page, not the user's data)."""


def filters_from(args: dict | None) -> Filters:
    """Filters from their JSON form (ISO dates, empty strings meaning 'any')."""
    args = args or {}

    def day(key):
        value = args.get(key)
        try:
            return dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            raise BadRequest(f"{key} must be a date like 2026-11-24, not {value!r}") from None

    days = args.get("presumed_lost_days")
    return Filters(
        date_from=day("date_from"), date_to=day("date_to"),
        presumed_lost_days=PRESUMED_LOST_DAYS if days in (None, "") else max(0, int(days)),
        **{k: (args.get(k) or None) for k in _FILTER_TEXT},
    )


class Engine:
    """Answers protocol requests over one ledger."""

    def __init__(self, conn: Connection):
        self.ledger = Ledger(conn)
        self.conn = conn
        self._views: OrderedDict[tuple, dict] = OrderedDict()

    def handle(self, request: dict, data: bytes | None = None,
               progress: Callable[[int, int], None] | None = None) -> dict:
        op = request.get("op")
        args = request.get("args") or {}
        try:
            if op not in OPS:
                raise BadRequest(f"unknown operation {op!r}")
            unknown = set(args) - set(OPS[op])
            if unknown:
                raise BadRequest(f"{op} does not take {sorted(unknown)}")
            method = getattr(self, f"op_{op}")
            if op.startswith("import_"):
                args = {**args, "progress": progress}
            result = method(data=data, **args) if op == "import_file" else method(**args)
            return {"ok": True, "data": result}
        except BadRequest as why:
            return {"ok": False, "error": {"code": "bad_request", "message": str(why)}}
        except Exception as why:  # noqa: BLE001 - the page shows it; nothing may be lost silently
            return {"ok": False, "error": {"code": type(why).__name__, "message": str(why)}}

    def op_status(self) -> dict:
        return {"transactions": self.ledger.transaction_count(), "ops": {k: list(v) for k, v in OPS.items()}}

    def op_import_file(self, name: str, data: bytes | None, progress=None) -> dict:
        if data is None:
            raise BadRequest("import_file needs the file's bytes")
        self.ledger.forget_derived()
        report, read = import_file(self.conn, name, bytes(data), progress=progress)
        upload = rows(self.conn.query("SELECT max(upload_id) AS id FROM uploads"))[0]["id"]
        return {**report.as_dict(), "upload_id": upload, "rows_total": read.rows_total, **self.ledger.span()}

    def op_import_sample(self, rows: int = 3000, seed: int = 0, progress=None) -> dict:
        """Import a generated export: the site's "try it with sample data"."""
        from ..sample import generate_csv

        rows = max(1, min(int(rows), 200_000))
        return self.op_import_file("sample-export.csv", generate_csv(rows, seed=int(seed)).encode(), progress)

    def op_warm_up(self, step: int = 0) -> dict:
        """One step of staging.warm_up over a small made-up export (made for its first step,
        the one that reads it); `next` is the step to ask for next, or None when done."""
        from ..sample import generate_csv

        step = int(step)
        data = generate_csv(WARM_UP_ROWS, seed=0).encode() if step == 0 else None
        return {"next": staging.warm_up(self.conn, step, data)}

    def op_dashboard(self, filters: dict | None = None, period: str = "day", known: int | None = None) -> dict:
        """The dashboard's cards and charts. `stored` names the stored rows' version: the filter
        choices (`facets`) and the upload log come only when it differs from the `known` one.

        The page draws every chart of this answer in one frame and only then asks for
        dashboard_tables: on two cores, drawing while the engine worked slowed both."""
        view = self._view(filters_from(filters), period)
        out = {**{k: view[k] for k in CHART_PARTS}, "stored": self.ledger.version}
        if known != self.ledger.version:
            out.update(facets=self.ledger.facets(), uploads=self.op_uploads())
        return out

    def op_dashboard_tables(self, filters: dict | None = None, period: str = "day") -> dict:
        """The dashboard's tables: the best and worst bets, and each breakdown's rows."""
        f = filters_from(filters)
        view = self._view(f, period)
        if "best" not in view:
            view["best"], view["worst"] = self.ledger.best_and_worst(f)
        return {k: view[k] for k in ("best", "worst", "breakdowns")}

    def _view(self, f: Filters, period: str) -> dict:
        """One dashboard view, remembered until the stored rows change: its cards, charts and
        breakdowns at once, its best and worst bets when first asked for (op_dashboard_tables)."""
        if period not in metrics.PERIODS:
            raise BadRequest(f"period must be one of {metrics.PERIODS}")
        key = (self.ledger.version, f, period)
        view = self._views.setdefault(key, {})
        self._views.move_to_end(key)
        if len(self._views) > VIEWS_KEPT:
            self._views.popitem(last=False)
        if "summary" not in view:
            data = self.ledger.dashboard(f, period, keep=KEEP, best=False)
            view.update(summary=data["summary"], swings=data["swings"], sources=chartdata.all_sources(data, period),
                        breakdowns={d: chartdata.losses_first(t) for d, t in data["breakdowns"].items()})
        return view

    def _bet_table(self, filters, search, sort, descending, limit, offset):
        return metrics.bet_table(self.conn, filters_from(filters), search or "", sort or "placed",
                                 bool(descending), limit, int(offset or 0))

    def op_bets(self, filters=None, search="", sort="placed", descending=True, limit=50, offset=0) -> dict:
        table, total = self._bet_table(filters, search, sort, descending, min(int(limit or 50), 500), offset)
        return {"rows": rows(table), "total": total}

    def op_bets_csv(self, filters=None, search="", sort="placed", descending=True) -> str:
        table, _ = self._bet_table(filters, search, sort, descending, None, 0)
        return export.bets_csv(table)

    def op_issues_csv(self, upload_id=None) -> str:
        return export.issues_csv(self.conn, None if upload_id is None else int(upload_id))

    def op_uploads(self) -> list[dict]:
        return rows(self.conn.query("""
            SELECT upload_id, name, strftime(imported_at, '%Y-%m-%dT%H:%M:%S') AS imported_at, rows_total,
                   inserted, updated, unchanged, rejected, error
            FROM uploads ORDER BY upload_id"""))

    def op_delete_all(self) -> dict:
        self.ledger.delete_all()
        return {"transactions": 0}

    def op_snapshot_plan(self) -> dict:
        """What the worker copies out for the durable store (tmb_core.store.snapshot.plan)."""
        return snapshot.plan()

    def op_restore(self, files: dict[str, str] | None = None, saved: list[str] | None = None,
                   code: str | None = None, derived: dict | None = None) -> dict:
        """Rebuild the database from the durable store: tables from CSV `files` the worker registered
        (the old format) or `saved` Arrow tables it loads when asked (tmb_core.store.snapshot.load).

        Saved bets, and the `derived` values derived_state gave for the same snapshot, are used
        only when the same tmb_core code made them; else they are derived again."""
        self.ledger.delete_all()
        bets_kept = snapshot.load(self.conn, files or {}, list(saved or ()), code)
        self.ledger.forget_derived()
        views = snapshot.adopt(self.ledger, derived)
        for period, view in (views or {}).items():
            self._views[(self.ledger.version, Filters(), period)] = view
        span = rows(self.conn.query("""SELECT strftime(min(time), '%Y-%m-%d') AS first,
            strftime(max(time), '%Y-%m-%d') AS last FROM transactions"""))[0]
        return {"transactions": self.ledger.transaction_count(), "derived_adopted": views is not None,
                "bets_kept": bets_kept, **span}

    def op_derived_state(self, kept: list[str] | None = None) -> dict | None:
        """The slow-to-derive values about the stored rows, for the durable store (JSON); None
        when the worker `kept` them already with an unfiltered view for every period drawn
        (whole: its tables too)."""
        views = {period: view for (version, f, period), view in self._views.items()
                 if version == self.ledger.version and f == Filters() and {"summary", "best"} <= set(view)}
        if kept is not None and set(views) <= set(kept):
            return None
        return snapshot.derived_state(self.ledger, views)


def handle_json(engine: Engine, request: str, data: bytes | None = None, progress=None) -> str:
    """The worker's entry point: a JSON request in, a JSON answer out."""
    try:
        parsed = json.loads(request)
    except ValueError as why:
        return json.dumps({"ok": False, "error": {"code": "bad_request", "message": f"not JSON: {why}"}})
    return json.dumps(engine.handle(parsed, data, progress), allow_nan=False)
