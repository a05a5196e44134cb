"""The library's front door: a punter's ledger over one database connection.

The CLI, the HTML report, notebooks and the browser engine all go through this class
(imports, figures, the upload log, the durable store's restore, deletion), so each figure
has exactly one definition and every cache one owner.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from ..model import CHOICES, NAMED_BET_KINDS, BadFilter, Filters, ImportReport
from ..sql import Connection, DuckDBConnection, rows
from ..store import backup, chain, guesses, log, schema, share, snapshot, staging
from ..store.upsert import import_file
from . import compare, insights, metrics, patterns, signals


def _cents(value):
    return None if value is None else round(value, 2)


class Ledger:
    """Stored transactions and everything derived from them."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._gaps: list | None = None
        self._reconciliation: dict | None = None
        self._choices: dict | None = None
        self._stored: dict | None = None
        self._cash: dict = {}  # cash figures by date range (and period): no bet filter applies to them
        self._scratch: tuple | None = None  # (version, filters) of the bets in metrics.SCRATCH
        self._legs: int | None = None  # version of the legs in patterns.ALL_LEGS
        self.version = 1  # of the stored rows: goes up whenever they may have changed
        schema.create(conn)

    @classmethod
    def in_memory(cls) -> Ledger:
        """A fresh ledger in an in-memory DuckDB (CPython, needs the `duckdb` package)."""
        return cls(DuckDBConnection())

    def import_file(self, name: str, data: bytes, imported_at: dt.datetime | None = None,
                    progress=None) -> ImportReport:
        """Read one export (or a backup, `backup()`, merged as an import) and store its rows;
        the report says what changed.

        `progress(done, total, stage)`, if given, hears of each stage of the import."""
        self.forget_derived()
        if backup.is_backup(data):
            return backup.restore(self.conn, name, data, imported_at)[0]
        return import_file(self.conn, name, data, imported_at, progress)[0]

    def backup(self) -> str:
        """Everything stored as the text of one backup file (`store/backup.py`), which
        `import_file` here or on another device merges back."""
        return backup.write(self.conn)

    def share(self, scale: bool = False, scaled: bool = False) -> str:
        """Everything stored as a share for a coach (`store/share.py`): the text of a CSV file
        that reads as an export, with the same figures and none of the account's ids, card or
        bank digits, names or file names. `scale`: amounts scaled so that the turnover is 100;
        `scaled`: the rows came from a scaled share. Raises `share.CannotShare` saying why not."""
        return share.write(self.conn, scale, scaled)

    def warm_up(self, step: int, data: bytes | None = None) -> int | None:
        """One step of reading a made-up export and throwing it away (`staging.warm_up`);
        nothing stored changes. Returns the next step, or None after the last."""
        return staging.warm_up(self.conn, step, data)

    def restore(self, files: dict[str, str], saved: list[str], code: str | None, progress=None) -> dict:
        """Fill this (emptied) ledger from the durable store (`snapshot.load`): rows saved by
        other code are understood again. Says whether the saved bets were reused and the rows understood again."""
        self.delete_all()
        done = snapshot.load(self.conn, files, saved, code, progress)
        self.forget_derived()
        return done

    def snapshot_plan(self) -> dict:
        """What the durable store copies out (`snapshot.plan`)."""
        return snapshot.plan()

    def derived_state(self, views: dict[str, dict]) -> dict:
        """The slow-to-derive values as JSON, tagged with the code that derived them, with the
        unfiltered dashboard `views` ({period: view}) drawn so far: a reopen starts with one of them."""
        return {"code": snapshot.code_tag(), "cache": self.derived_cache(), "views": views}

    def adopt_derived_state(self, state: dict | None) -> dict | None:
        """Take back what derived_state gave for these same stored rows and return its views
        ({period: view}); None when they are not usable (other code, or nothing saved)."""
        if not state or state.get("code") != snapshot.code_tag():
            return None
        self.adopt_derived_cache(state["cache"])
        return dict(state.get("views") or {})

    def uploads(self) -> list[dict]:
        """The upload log, oldest first."""
        return rows(log.uploads(self.conn))

    def issues(self, upload_id: int | None = None):
        """Every issue found in the uploads (or in one), as columns, the rows left out first."""
        return log.issues(self.conn, upload_id)

    def forget_derived(self) -> None:
        """Drop what is cached about the stored rows (after they change)."""
        self._gaps = None
        self._reconciliation = None
        self._choices = None
        self._stored = None
        self._cash = {}
        self.version += 1

    def derived_cache(self) -> dict:
        """What is cached about the stored rows, as JSON (computed now if not yet): the durable
        store keeps it (tmb_core.store.snapshot), so a reopened page need not compute it again."""
        return {"gaps": [g.as_dict() for g in self.gaps()], "reconciliation": self.reconciliation(),
                "choices": self.choices()}

    def adopt_derived_cache(self, cache: dict) -> None:
        """Take back what derived_cache() gave for these same stored rows."""
        self._gaps = [chain.Gap(**g) for g in cache["gaps"]]
        self._reconciliation = dict(cache["reconciliation"])
        self._choices = dict(cache["choices"])

    def choices(self) -> dict:
        """The values each filter can take (they change only with the stored rows)."""
        if self._choices is None:
            self._choices = metrics.choices(self.conn)
        return self._choices

    def narrowed_choices(self, f: Filters) -> dict:
        """The values each choice filter can take under the other filters (`metrics.narrowed_choices`)."""
        if f == Filters():
            return {c: self.choices()[c] for c in CHOICES}
        return metrics.narrowed_choices(self.conn, f)

    def gaps(self) -> list:
        """Breaks in the balance chain (computed once per change of the stored rows)."""
        if self._gaps is None:
            self._gaps = chain.gaps(self.conn)
        return self._gaps

    def delete_all(self) -> None:
        """Forget every stored row, upload and issue."""
        for table in (*schema.STORED, "bet_base", "cash_base"):
            self.conn.execute(f"DELETE FROM {table}")
        self.forget_derived()

    def transaction_count(self) -> int:
        return self._stored_span()["transactions"]

    def span(self) -> dict:
        """When the first and the last stored transaction happened (ISO text, None when empty)."""
        return {k: self._stored_span()[k] for k in ("first", "last")}

    def _stored_span(self) -> dict:
        """How many transactions are stored and when the first and last happened (cached)."""
        if self._stored is None:
            self._stored = rows(self.conn.query("""
                SELECT CAST(count(*) AS INTEGER) AS transactions,
                       strftime(min(time), '%Y-%m-%dT%H:%M:%S') AS first,
                       strftime(max(time), '%Y-%m-%dT%H:%M:%S') AS last,
                       strftime(max(time), '%Y-%m-%d %H:%M:%S.%f') AS latest FROM transactions"""))[0]
        return self._stored

    def _pinned(self, f: Filters) -> Filters:
        """The filters with their default cut-off (the latest stored transaction) written in,
        so that the dashboard's queries do not each look it up again."""
        latest = self._stored_span()["latest"]
        if f.as_of or latest is None:
            return f
        as_of = dt.datetime.fromisoformat(latest)
        return f if as_of.microsecond else dataclasses.replace(f, as_of=as_of)

    def _cash_figures(self, what: str, f: Filters, period: str | None = None):
        """Cash totals or the cash series for the filters' dates (cached until the rows change)."""
        key = (what, f.date_from, f.date_to, period)
        if key not in self._cash:
            self._cash[key] = (metrics.cash_totals(self.conn, f) if what == "totals"
                               else metrics.cash_series(self.conn, f, period))
        return self._cash[key]

    def insights(self, filters: Filters | None = None, headline: dict | None = None) -> dict:
        """How often the punter loses, by period, price band, legs and run (`figures/insights.py`):
        `summary --json`'s `insights`. `headline` is `headline(filters)`, when the caller has it.
        The filters are pinned as the dashboard pins them, so that its filtered bets serve here too."""
        f = self._pinned(filters or Filters())
        return insights.insights(self.conn, f, headline or self.headline(f), self._materialised(f), self._stored_legs())

    def signals(self, filters: Filters | None = None) -> dict:
        """The safer-gambling signals present under the filters (`figures/signals.py`), with the
        support services and the thresholds; windows of months end on the To date, else on the
        day of the latest stored transaction (`reference`)."""
        f = self._pinned(filters or Filters())
        last = self._stored_span()["last"]
        end = f.date_to or (last and dt.date.fromisoformat(last[:10]))
        return signals.signals(self.conn, f, self._materialised(f), end)

    def compare(self, filters: Filters | None, a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> dict:
        """Two periods (inclusive date ranges) under the same other filters, side by side
        (`figures/compare.py`): each one's headline figures and running total, and the change
        from `b` to `a`. The filters' own dates give way to each period's."""
        f = filters or Filters()
        first, last = (v and dt.date.fromisoformat(v[:10]) for v in self.span().values())
        out = {}
        for name, span in (("a", a), ("b", b)):
            within = dataclasses.replace(f, date_from=span[0], date_to=span[1])
            out[name] = compare.period(self.headline(within), metrics.profit_series(self.conn, within, "day"), span,
                                       first and (first, last))
        out["change"] = compare.change(out["a"], out["b"])
        return out

    def compare_preset(self, filters: Filters | None, preset: str) -> dict:
        """`compare` for one of `compare.PRESETS`, counted from the filters' `as_of`, else from the
        latest stored transaction (not the wall clock); `reference` says which day that was."""
        f = filters or Filters()
        latest = self._stored_span()["last"]
        reference = f.as_of.date() if f.as_of else latest and dt.date.fromisoformat(latest[:10])
        if reference is None:
            raise BadFilter("preset", "Nothing is stored yet: there is no month to compare.")
        a, b = compare.preset_ranges(preset, reference)
        return {**self.compare(f, a, b), "preset": preset, "reference": reference.isoformat()}

    def guess(self, filters: Filters, net_profit: float | None, wins_of_10: int | None,
              made_at: dt.datetime | None = None) -> dict:
        """Store what the punter guesses of these filters' figures before seeing them (both None:
        they skipped; `store/guesses.py`) and return the reveal (`guess_reveal`). The guess is
        about the days stored now: an open end of the filters' dates is pinned to them, so that
        later imports do not move the truth it is set beside."""
        span = {k: v and dt.date.fromisoformat(v[:10]) for k, v in self.span().items()}
        pinned = dataclasses.replace(filters, date_from=filters.date_from or span["first"],
                                     date_to=filters.date_to or span["last"])
        guesses.add(self.conn, pinned, net_profit, wins_of_10, made_at)
        return self.guess_reveal()

    def guess_reveal(self) -> dict | None:
        """The latest guess beside the truth for the filters it was made on: `truth` holds the
        net profit and how many of 10 settled bets won (`strike_rate`), `difference` the truth
        less the guessed net profit. None when the punter was never asked."""
        g = guesses.latest(self.conn)
        if g is None:
            return None
        head = self.headline(self._pinned(g["filters"]))
        rate = head["strike_rate"]
        truth = {"net_profit": head["net_profit"], "wins_of_10": None if rate is None else round(10 * rate, 1),
                 "bets": head["bets"]}
        guessed = g["net_profit"]
        return {**g, "filters": g["filters"].as_json(), "skipped": guessed is None and g["wins_of_10"] is None,
                "truth": truth, "difference": None if guessed is None else _cents(truth["net_profit"] - guessed)}

    def headline(self, filters: Filters | None = None, by_kind: dict | None = None,
                source: str | None = None) -> dict:
        """The headline figures, rounded to cents: the CLI's `summary --json` and the site's cards.

        `by_kind` is the bet_kind breakdown for the same filters, when the caller has it already;
        `source` the filtered bets (`metrics.materialise`), when they were computed already.
        """
        f = filters or Filters()
        head = metrics.headline(self.conn, f, source, self._cash_figures("totals", f))
        by_kind = by_kind or metrics.breakdown(self.conn, f, "bet_kind")
        profit_by_kind = {k: 0.0 for k in NAMED_BET_KINDS}
        profit_by_kind.update({k: _cents(p) for k, p in zip(by_kind["key"], by_kind["profit"]) if k in NAMED_BET_KINDS})
        span = self._stored_span()
        gaps = self.gaps()
        out = {k: (_cents(v) if isinstance(v, float) else v) for k, v in head.items()}
        out.update({
            "transactions": span["transactions"],
            "turnover": _cents(head["staked"]),
            "roi": None if head["roi"] is None else round(head["roi"], 6),
            "strike_rate": None if head["strike_rate"] is None else round(head["strike_rate"], 6),
            "profit_by_kind": profit_by_kind,
            "balance_gaps": len(gaps),
            "gaps": [g.as_dict() for g in gaps],
            "first": span["first"],
            "last": span["last"],
            "presumed_lost_days": f.presumed_lost_days,
            # Unfiltered, these are the figures the reconciliation starts from: not queried twice.
            "reconciliation": self.reconciliation(head if f == self._pinned(Filters()) else None),
        })
        return out

    def reconciliation(self, head: dict | None = None) -> dict:
        """Net punting profit plus cash movements against the change in balance (all data).
        `head` is metrics.headline of every bet, when the caller has it already."""
        if self._reconciliation is None:
            self._reconciliation = self._reconcile(head or metrics.headline(self.conn, Filters()))
        return self._reconciliation

    def _reconcile(self, head: dict) -> dict:
        opening, closing = chain.opening_and_closing(self.conn)
        explained = (head["net_profit"] + head["deposits"] - head["withdrawals"]
                     + head["returned_withdrawals"] + head["transfers"] + head["adjustments"]
                     + head["bonus_credits"] + head["other_amounts"])
        change = None if opening is None or closing is None else closing - opening
        return {
            "opening_balance": _cents(opening), "closing_balance": _cents(closing),
            "explained_change": _cents(explained), "balance_change": _cents(change),
            "difference": None if change is None else _cents(change - explained),
        }

    def dashboard(self, filters: Filters | None = None, period: str = "day",
                  limit: tuple[int, int] | None = None, best: bool = True) -> dict:
        """Everything one dashboard view draws, for one set of filters; `limit` limits the
        breakdowns' rows as `metrics.breakdowns` does (it must leave every bet kind). Without
        `best` the best and worst bets are left for `best_and_worst`."""
        f = self._pinned(filters or Filters())
        source = self._materialised(f)
        breakdowns = metrics.breakdowns(self.conn, f, source=source, limit=limit)
        out = {
            "headline": self.headline(f, breakdowns["bet_kind"], source),
            **self.series(f, period),
            "breakdowns": breakdowns,
            "swings": metrics.swings(self.conn, f, source),
        }
        if best:
            out["best"], out["worst"] = self.best_and_worst(f)
        return out

    def series(self, filters: Filters | None = None, period: str = "day") -> dict:
        """The dashboard's figures over time, the only ones a change of period changes: profit
        per period (`series`) and the cash movements (`cash`, by month when the period is a day)."""
        f = self._pinned(filters or Filters())
        return {"series": metrics.profit_series(self.conn, f, period, self._materialised(f)),
                "cash": self._cash_figures("series", f, "month" if period == "day" else period)}

    def best_and_worst(self, filters: Filters | None = None) -> tuple[dict, dict]:
        """The dashboard's best and worst bets (`metrics.best_and_worst`)."""
        f = self._pinned(filters or Filters())
        return metrics.best_and_worst(self.conn, f, source=self._materialised(f))

    def _stored_legs(self) -> str:
        """The scratch table of every stored multi's legs (`patterns.stored_legs`), filled again
        only when the stored rows changed since it was last filled."""
        if self._legs != self.version:
            patterns.stored_legs(self.conn)
            self._legs = self.version
        return patterns.ALL_LEGS

    def _materialised(self, f: Filters) -> str:
        """The scratch table of the filtered bets (`metrics.materialise`), filled again only
        when the filters or the stored rows changed since it was last filled."""
        if self._scratch != (self.version, f):
            metrics.materialise(self.conn, f)
            self._scratch = (self.version, f)
        return metrics.SCRATCH

    def bets(self, filters: Filters | None = None) -> list[dict]:
        """Every filtered bet as a dict (for notebooks and exports)."""
        table, _ = self.bet_table(filters, limit=None)
        return rows(table)

    def bet_table(self, filters: Filters | None = None, search: str = "", sort: str = "placed",
                  descending: bool = True, limit: int | None = 50, offset: int = 0):
        """A page of the filtered bets, searched and sorted, and how many match (`metrics.bet_table`)."""
        return metrics.bet_table(self.conn, filters or Filters(), search, sort, descending, limit, offset)

    def to_pandas(self, filters: Filters | None = None):
        """The filtered bets as a pandas DataFrame of documented dtypes (`tmb_core.frames.bets`,
        CPython with pandas), reached through the package's facade at call time: frames presents."""
        from .. import frames

        return frames.bets(self, filters)
