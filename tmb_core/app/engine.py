"""The engine: answers the site's worker over the engine protocol (`protocol.OPS`).

The same class runs on CPython in the tests and in Pyodide in the browser; only the
`Connection` differs. It is a thin layer over `figures.Ledger`, the one front door: it checks
each request against the protocol, turns its JSON into records, and remembers the dashboard
views drawn until the stored rows change.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from typing import Callable

from ..figures.compare import PRESETS
from ..figures.ledger import Ledger
from ..model import FILTER_FIELDS, SAMPLE_NAME, SAMPLE_ROWS, SAMPLE_SEED, BadFilter, Filters
from ..present import chartdata, export, printable, text
from ..present.signals import with_words
from ..sql import Connection, rows
from . import sharing
from .protocol import OPS, BadRequest, check_request
from .sharing import OpenShare

#: Rows of the made-up export that op_warm_up reads: enough for the browser to optimise
#: DuckDB-WASM's import code (fewer left the next import slower), little enough to take ~1 s.
WARM_UP_ROWS = 600
#: How many dashboard views the engine remembers (a punter flicks back and forth between a few).
VIEWS_REMEMBERED = 16
#: What the dashboard op answers of a view (dashboard_tables answers the rest, with the values
#: each choice filter can take under the others).
CHART_PARTS = ("headline", "sources", "swings")
TABLE_PARTS = ("best", "worst", "breakdowns", "insights", "patterns", "choices")
#: The breakdown rows a view holds: the charts' top by turnover, the tables' lowest by profit.
BREAKDOWN_ROWS = (chartdata.TOP, chartdata.TABLE_ROWS)


def filters_from(args: dict | None) -> Filters:
    """Filters from their JSON form (ISO dates, empty strings meaning 'any'); an unknown
    filter is a BadRequest, never ignored; a value that cannot be read, or filters that could
    only mislead (`Filters.problems`), a BadFilter the page shows beside the filter."""
    args = args or {}
    unknown = sorted(set(args) - {f.name for f in FILTER_FIELDS})
    if unknown:
        raise BadRequest(f"unknown filters {unknown}: the filters are {[f.name for f in FILTER_FIELDS]}")
    return Filters.from_json(args).check()


def _span(span, field: str) -> tuple[dt.date, dt.date]:
    """A period [from, to] of ISO dates; the BadFilter of one that runs backwards names
    `field` ("a" or "b"), the period to put right."""
    if not isinstance(span, list) or len(span) != 2:
        raise BadRequest(f"a period is [from, to], not {span!r}")
    read = Filters.from_json(dict(zip(("date_from", "date_to"), span)))   # a BadFilter if a date cannot be read
    days = [read.date_from, read.date_to]
    if None in days:
        raise BadRequest(f"a period has a first and a last day, not {span!r}")
    if days[0] > days[1]:
        raise BadFilter(field, f"A period runs from {days[0]:%d/%m/%Y} to {days[1]:%d/%m/%Y}: "
                               "its first day is after its last. Swap them.")
    return days[0], days[1]


class Engine:
    """Answers protocol requests over one ledger."""

    def __init__(self, conn: Connection, from_share: OpenShare | None = None):
        self.ledger = Ledger(conn)
        self._views: OrderedDict[tuple, dict] = OrderedDict()
        self.from_share = from_share   # this engine's rows were read from a client's share (sharing.py)
        self.share: Engine | None = None   # a client's share opened beside the stored rows

    def handle(self, request: dict, data: bytes | None = None,
               progress: Callable[[int, int], None] | None = None) -> dict:
        op = request.get("op")
        args = request.get("args") or {}
        try:
            check_request(op, args)
            spec = OPS[op]
            if spec.reads and self.share is not None:
                return self.share.handle(request, data, progress)
            extra = {"progress": progress} if spec.progress else {}
            if spec.data:
                extra["data"] = data
            result = getattr(self, f"op_{op}")(**args, **extra)
            return {"ok": True, "data": result}
        except BadRequest as why:
            return {"ok": False, "error": {"code": "bad_request", "message": str(why)}}
        except BadFilter as why:
            return {"ok": False, "error": {"code": "bad_filter", "message": str(why), "field": why.field}}
        except Exception as why:  # noqa: BLE001 - the page shows it; nothing may be lost silently
            return {"ok": False, "error": {"code": type(why).__name__, "message": str(why)}}

    def op_status(self) -> dict:
        """How many transactions are stored, the version of the stored rows (the dashboard's
        `stored`: a view drawn from another version is no longer theirs), and whether a
        client's share is open (the dashboard is then the share's)."""
        return {"transactions": self.ledger.transaction_count(), "stored": self.ledger.version,
                "share_open": self.share is not None}

    def op_import_file(self, name: str, data: bytes | None, progress=None) -> dict:
        if data is None:
            raise BadRequest("import_file needs the file's bytes")
        if sharing.share_of(bytes(data)):
            raise BadRequest(f"{name} is a TrackMyBets share: open_share opens it, import_file never stores it")
        return self.import_answer(name, bytes(data), progress)

    def import_answer(self, name: str, data: bytes, progress=None) -> dict:
        report = self.ledger.import_file(name, data, progress=progress)
        return {**report.as_dict(), "upload_id": report.upload_id, "rows_total": report.rows_total,
                **self.ledger.span()}

    def op_import_sample(self, rows: int = SAMPLE_ROWS, seed: int = SAMPLE_SEED, progress=None) -> dict:
        """Import a generated export: the site's "try it with sample data"."""
        from ..sample import generate_csv

        rows = max(1, min(int(rows), 200_000))
        return self.op_import_file(SAMPLE_NAME, generate_csv(rows, seed=int(seed)).encode(), progress)

    def op_open_share(self, name: str, data: bytes | None, progress=None) -> dict:
        """Open a client's share beside the stored rows (sharing.py); answered as an import."""
        if data is None:
            raise BadRequest("open_share needs the file's bytes")
        return sharing.open_share(self, name, bytes(data), progress)

    def op_close_share(self) -> dict:
        """Close the client's share open, if any: the stored rows are the dashboard's again."""
        sharing.close_share(self)
        return self.op_status()

    def op_keep_share(self) -> dict:
        """Store the open client's share (exact, and only where nothing is stored) as this device's rows."""
        return sharing.keep_share(self)

    def op_share(self, scale: bool = False) -> str:
        """Every row of this engine as a share for a coach (`Ledger.share`); `scale`: amounts
        scaled so that the turnover is 100 (a share of a scaled share says it is scaled)."""
        return self.ledger.share(scale, scaled=bool(self.from_share and self.from_share.scaled))

    def op_warm_up(self, step: int = 0) -> dict:
        """One step of staging.warm_up over a small made-up export (made for its first step,
        the one that reads it); `next` is the step to ask for next, or None when done."""
        from ..sample import generate_csv

        step = int(step)
        data = generate_csv(WARM_UP_ROWS, seed=0).encode() if step == 0 else None
        return {"next": self.ledger.warm_up(step, data)}

    def op_dashboard(self, filters: dict | None = None, period: str = "day", known: int | None = None) -> dict:
        """The dashboard's cards and charts. `stored` names the stored rows' version: the filter
        choices (`choices`) and the upload log come only when it differs from the `known` one.

        The page draws every chart of this answer in one frame and only then asks for
        dashboard_tables: on two cores, drawing while the engine worked slowed both."""
        view = self._view(filters_from(filters), period)
        out = {**{k: view[k] for k in CHART_PARTS}, "stored": self.ledger.version}
        if known != self.ledger.version:
            out.update(choices=self.ledger.choices(), uploads=self.op_uploads(), guess=self._guess())
        return out

    def op_guess(self, filters: dict | None = None, net_profit: float | None = None,
                 wins_of_10: int | None = None) -> dict:
        """Keep what the punter guesses of the figures of `filters` before seeing them (both None:
        skipped), and answer the guess beside the truth."""
        self.ledger.guess(filters_from(filters), net_profit, wins_of_10)
        return {"guess": self._guess()}

    def _guess(self) -> dict | None:
        """The latest guess beside the truth (`Ledger.guess_reveal`), with its words; None when never asked."""
        reveal = self.ledger.guess_reveal()
        return reveal and {**reveal, "lines": text.guess_lines(reveal)}

    def op_dashboard_tables(self, filters: dict | None = None, period: str = "day") -> dict:
        """The dashboard's tables: the best and worst bets, each breakdown's rows, and the
        insights (how often the punter loses) and the pattern charts' columns drawn from them
        (chartdata.PATTERN_SOURCES), which the page draws once the dashboard's charts are painted."""
        f = filters_from(filters)
        view = self._view(f, period)
        if "best" not in view:
            view["best"], view["worst"] = self.ledger.best_and_worst(f)
        if "insights" not in view:
            view["insights"] = self.ledger.insights(f, view["headline"])
        if "patterns" not in view:
            view["patterns"] = chartdata.pattern_sources(view["insights"])
        if "choices" not in view:
            view["choices"] = self.ledger.narrowed_choices(f)
        return {k: view[k] for k in TABLE_PARTS}

    def op_signals(self, filters: dict | None = None) -> dict:
        """The safer-gambling signals present under the filters (`Ledger.signals`), each with what
        it found in words (`present/signals.py`), the support services and the thresholds."""
        return with_words(self.ledger.signals(filters_from(filters)))

    def op_printable_summary(self, filters: dict | None = None, period: str = "day", made: str = "") -> dict:
        """The summary to keep of the filtered view (`present/printable.py`): its page to print
        (or save as PDF) and its figures as CSV, made on the punter's own date `made`."""
        doc = printable.printable(self.ledger, filters_from(filters), period, dt.date.fromisoformat(made))
        return {"html": printable.to_html(doc), "csv": printable.to_csv(doc)}

    def _view(self, f: Filters, period: str) -> dict:
        """One dashboard view, remembered until the stored rows change: its cards, charts and
        breakdowns at once, its best and worst bets when first asked for (op_dashboard_tables)."""
        key = (self.ledger.version, f, period)
        view = self._views.setdefault(key, {})
        self._views.move_to_end(key)
        if len(self._views) > VIEWS_REMEMBERED:
            self._views.popitem(last=False)
        if "headline" not in view:
            data = self.ledger.dashboard(f, period, limit=BREAKDOWN_ROWS, best=False)
            view.update(headline=data["headline"], swings=data["swings"], sources=chartdata.all_sources(data, period),
                        breakdowns={d: chartdata.losses_first(t) for d, t in data["breakdowns"].items()})
        return view

    def op_compare(self, filters: dict | None = None, preset: str | None = None,
                   a: list | None = None, b: list | None = None) -> dict:
        """Two periods side by side (`Ledger.compare`): a preset (`compare.PRESETS`), or the
        periods `a` and `b`, each [from, to] as ISO dates; the filters' dates give way to them."""
        f = filters_from(filters)
        if preset is not None:
            if preset not in PRESETS or a is not None or b is not None:
                raise BadRequest(f"compare takes a preset of {list(PRESETS)} or the periods a and b, not both")
            found = self.ledger.compare_preset(f, preset)
        else:
            found = self.ledger.compare(f, _span(a, "a"), _span(b, "b"))
        return {**found, "sources": chartdata.compare(found)}

    def _bet_table(self, filters, search, sort, descending, limit, offset):
        return self.ledger.bet_table(filters_from(filters), search or "", sort or "placed",
                                     bool(descending), limit, int(offset or 0))

    def op_bets(self, filters=None, search="", sort="placed", descending=True, limit=50, offset=0) -> dict:
        table, total = self._bet_table(filters, search, sort, descending, min(int(limit or 50), 500), offset)
        return {"rows": rows(table), "total": total}

    def op_bets_csv(self, filters=None, search="", sort="placed", descending=True) -> str:
        table, _ = self._bet_table(filters, search, sort, descending, None, 0)
        return export.bets_csv(table)

    def op_backup(self) -> str:
        """Everything stored as the text of one backup file (the page may lock it, site/app/backup.js)."""
        return self.ledger.backup()

    def op_issues_csv(self, upload_id=None) -> str:
        return export.issues_csv(self.ledger.issues(upload_id))

    def op_uploads(self) -> list[dict]:
        return self.ledger.uploads()

    def op_delete_all(self) -> dict:
        self.ledger.delete_all()
        return {"transactions": 0}

    def op_snapshot_plan(self) -> dict:
        """What the worker copies out for the durable store (tmb_core.store.snapshot.plan)."""
        return self.ledger.snapshot_plan()

    def op_restore(self, files: dict[str, str] | None = None, saved: list[str] | None = None,
                   code: str | None = None, derived: dict | None = None, progress=None) -> dict:
        """Rebuild the database from the durable store: tables from CSV `files` the worker registered
        (the old format) or `saved` Arrow tables it loads when asked (tmb_core.store.snapshot.load).

        Saved bets, and the `derived` values derived_state gave for the same snapshot, are used
        only when the same tmb_core code made them; else they are derived again."""
        done = self.ledger.restore(files or {}, list(saved or ()), code, progress)
        views = self.ledger.adopt_derived_state(derived)
        for period, view in (views or {}).items():
            self._views[(self.ledger.version, Filters(), period)] = view
        days = {k: v and v[:10] for k, v in self.ledger.span().items()}
        return {"transactions": self.ledger.transaction_count(), "derived_adopted": views is not None, **done, **days}

    def op_derived_state(self, saved: list[str] | None = None) -> dict | None:
        """The slow-to-derive values about the stored rows, for the durable store (JSON); None
        when the worker `saved` them already with an unfiltered view for every period drawn
        (whole: its tables too)."""
        views = {period: view for (version, f, period), view in self._views.items()
                 if version == self.ledger.version and f == Filters() and {"headline", "best"} <= set(view)}
        if saved is not None and set(views) <= set(saved):
            return None
        return self.ledger.derived_state(views)


def handle_json(engine: Engine, request: str, data: bytes | None = None, progress=None) -> str:
    """The worker's entry point: a JSON request in, a JSON answer out."""
    try:
        parsed = json.loads(request)
    except ValueError as why:
        return json.dumps({"ok": False, "error": {"code": "bad_request", "message": f"not JSON: {why}"}})
    return json.dumps(engine.handle(parsed, data, progress), allow_nan=False)
