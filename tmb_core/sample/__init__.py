"""Synthetic Sportsbet transaction exports: realistic, seeded, any size.

Used by tests, benchmarks and the site's "try it with sample data" button.
Standard library only (it also runs in Pyodide).

    generate_records(rows, seed=0, start=None) -> list[dict]   oldest first
    to_csv(records, newest_first=True) -> str                  export text, CRLF
    generate_csv(rows, seed=0, newest_first=True) -> str       both in one

The simulated punter:

* bets on racing (thoroughbreds, harness, greyhounds; Win, Place and Each Way),
  sport singles and player markets, multis, Same Game Multis, Same Race Multis,
  exotics and tote pools (Quaddie and friends), plus the odd futures bet;
* deposits whenever the balance cannot cover the next stake (so the balance never
  goes below zero), withdraws sometimes when well ahead, and has rare returned
  withdrawals, manual adjustments and Bet with Mates transfers;
* loses about 11% of cash turnover in the long run, i.e. returns ~89% of cash
  stakes (bookmaker margins, worse on multis, exotics and tote pools);
* gets no result row for most losing bets (as on the real site), a ``Lose`` row
  with ``0.00`` for a few, and sometimes a bonus-bet ``Win`` that pays winnings
  only, with no stake row at all.

Every figure is in integer cents, so ``previous Balance + Amount = Balance``
holds exactly on every row (the opening balance before the first row is 0.00).
The last few rows are always new stakes, so the file ends with open bets.
Times are local wall-clock text (the export's "AEST" column); no time zone is
applied, and nothing happens before ``start``.

Inside the package: `names` (reference data), `competitions`, `prices`, `clock`,
`events` (Summary text), `bets` (new bets), `settle` (their results), `account`
(rows and balance), `punter` (the simulation loop) and `csvtext` (CSV output).
"""
from __future__ import annotations

import datetime as _dt
import random as _random

from .csvtext import HEADERS, to_csv
from .perf import paused_gc as _paused_gc
from .punter import Punter as _Punter

__all__ = ["HEADERS", "generate_records", "to_csv", "generate_csv"]

_DEFAULT_START = _dt.datetime(2025, 1, 1, 0, 0)


def generate_records(rows: int, seed: int = 0, start: _dt.datetime | None = None) -> list[dict]:
    """Exactly `rows` export records, oldest first; the same seed gives the same records.

    Each record is a dict keyed by the export's column headers (`HEADERS`), every value
    a string as the CSV holds it. `start` (default 2025-01-01 00:00) is a wall-clock time;
    no row is earlier than it.
    """
    if isinstance(rows, bool) or not isinstance(rows, int):
        raise TypeError("rows must be an int")
    if rows < 0:
        raise ValueError("rows must be >= 0")
    start = _start_time(start)
    with _paused_gc():  # many small acyclic objects: no need to rescan them
        return _Punter(_random.Random(seed), rows, start).run()


def _start_time(start) -> _dt.datetime:
    """`start` as a datetime: the default when None, midnight for a plain date."""
    if start is None:
        return _DEFAULT_START
    if isinstance(start, _dt.datetime):
        return start
    if isinstance(start, _dt.date):
        return _dt.datetime(start.year, start.month, start.day)
    raise TypeError("start must be a datetime")


def generate_csv(rows: int, seed: int = 0, newest_first: bool = True) -> str:
    """`to_csv(generate_records(rows, seed), newest_first)`."""
    return to_csv(generate_records(rows, seed), newest_first)
