"""Two periods side by side: the headline figures of each, the change between them, and each
period's running total of net profit, day by day from its first day.

A period is a date range (inclusive days) laid over the other filters (sport, competition, ...),
which apply to both; the filters' own dates give way to the period's. The figures are the
headline's (`Ledger.headline` with the period as its dates), never defined again here, so they
equal `summary --json --from FROM --to TO`.

The presets count from the reference day: the day of the filters' `as_of`, else of the latest
stored transaction (never the wall clock: a punter's export may be weeks old). "This month" runs
from the first of that day's month to that day, "this year" from the first of January; the
period it is set against is the whole of last month, the same month last year, or last year.
"""
from __future__ import annotations

import datetime as dt

#: The figures compared, as `Ledger.headline` names them.
FIGURES = ("net_profit", "turnover", "roi", "bets", "deposits", "withdrawals")
#: Preset name -> how the page and the CLI call it.
PRESETS = {
    "month_vs_last_month": "This month against last month",
    "month_vs_last_year": "This month against the same month last year",
    "year_vs_last_year": "This year against last year",
}

Range = tuple[dt.date, dt.date]


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def _month_before(day: dt.date) -> dt.date:
    """The first day of the month before `day`'s."""
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def preset_ranges(preset: str, reference: dt.date) -> tuple[Range, Range]:
    """The two periods of `preset` (a key of PRESETS) counted from `reference`: (this, that)."""
    if preset == "year_vs_last_year":
        last_year = reference.year - 1
        return (reference.replace(month=1, day=1), reference), (dt.date(last_year, 1, 1), dt.date(last_year, 12, 31))
    this = (reference.replace(day=1), reference)
    if preset == "month_vs_last_month":
        start = _month_before(reference)
    elif preset == "month_vs_last_year":
        start = dt.date(reference.year - 1, reference.month, 1)
    else:
        raise ValueError(f"no preset {preset!r}: the presets are {list(PRESETS)}")
    return this, (start, _month_end(start))


def imported(span: Range, stored: Range | None) -> str:
    """How much of a period the stored transactions cover: "all", "part" or "none". A period
    not all covered has no change: its zeros would read as a fall (or a rise) in betting."""
    if stored is None or span[1] < stored[0] or span[0] > stored[1]:
        return "none"
    return "all" if stored[0] <= span[0] and span[1] <= stored[1] else "part"


def period(headline: dict, series: dict, span: Range, stored: Range | None) -> dict:
    """One period's figures (from `Ledger.headline` under its dates) and its running total:
    `day` counts the days since its first (0 is the first day), `cumulative` is the net profit
    at the end of that day; only days with a bet placed are listed. `stored` is the first and
    last day stored (`imported`)."""
    start = span[0]
    days = [(dt.date.fromisoformat(p) - start).days for p in series["period"]]
    return {"from": start.isoformat(), "to": span[1].isoformat(), "days": (span[1] - start).days + 1,
            "imported": imported(span, stored),
            **{k: headline[k] for k in FIGURES},
            "series": {"day": days, "date": list(series["period"]), "cumulative": list(series["cumulative"])}}


def change(a: dict, b: dict) -> dict:
    """What each figure of `a` is more (negative: less) than `b`'s: dollars to the cent, return on
    turnover in its own units (0.05 is five points), None where either has none, and for every
    figure when either period is not all imported."""
    out = {}
    whole = a["imported"] == b["imported"] == "all"
    for key in FIGURES:
        x, y = a[key], b[key]
        if x is None or y is None or not whole:
            out[key] = None
        elif key == "bets":
            out[key] = x - y
        else:
            out[key] = round(x - y, 6 if key == "roi" else 2)
    return out
