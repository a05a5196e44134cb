"""The data behind every chart: metric results turned into the columns of the
charts' named data sources. No bokeh here, so the browser engine (Pyodide) and
the CLI report produce exactly the same columns; `bokeh/charts.py` draws them.
"""
from __future__ import annotations

import datetime as dt
import math

from .text import day, plural

GAIN, LOSS = "#1a7f37", "#c0362c"
TOP = 12
#: How many rows of each breakdown the page's tables list (where you lose most first).
TABLE_ROWS = 200
_DAY_MS = 86_400_000
#: The period the profit chart opens with, until the punter picks one, by the days the data
#: spans: more than 730 by month, more than 120 by week, else by day (daily bars over years are
#: unreadable, and slow to draw). The page follows the same rule (the contract's "fitting").
FITTING = ((730, "month"), (120, "week"))
_WIDTH = {"day": 0.8 * _DAY_MS, "week": 5.6 * _DAY_MS, "month": 24 * _DAY_MS}

#: The headline cards, in order: (summary key, title, format, help). Formats: "money", "pct";
#: a trailing "±" means signed and coloured by gain or loss; "cash": money moved in or out of the
#: account, said in words ("$2,500 put in"), never signed or coloured like a gain or a loss.
CARDS = (
    ("net_profit", "Net profit", "money±", "Returns minus stakes over every bet shown, unsettled stakes included."),
    ("staked", "Turnover", "money", "Cash staked (bonus bets cost no cash)."),
    ("roi", "Return on turnover", "pct±", "Net profit as a share of turnover."),
    ("strike_rate", "Strike rate", "pct", "Settled bets that returned more than their stake."),
    ("deposits", "Deposits", "money", "Cash you put in."),
    ("withdrawals", "Withdrawals", "money", "Cash you took out."),
    ("net_cash_in", "Deposits less withdrawals", "cash",
     "Money put into the account, less money taken out (returned withdrawals added back): not money made."),
    ("unsettled_exposure", "Unsettled exposure", "money", "Stakes on bets with no result yet."),
    ("bonus_returns", "Bonus-funded returns", "money", "Won with bonus bets, not with your cash."),
)

#: The rows of a comparison of two periods (figures/compare.py), in order: (its key in
#: `Ledger.compare`, title, format). Formats as CARDS's, and "count"; the change of a "±" row is
#: coloured by gain or loss (a bigger loss is red), the others' are not (more turnover is no gain).
COMPARED = (
    ("net_profit", "Net profit", "money±"),
    ("turnover", "Turnover", "money"),
    ("roi", "Return on turnover", "pct±"),
    ("bets", "Bets", "count"),
    ("deposits", "Deposits", "money"),
    ("withdrawals", "Withdrawals", "money"),
)
#: The comparison chart's sources: each period's running total (`compare` fills them).
COMPARE_SOURCES = ("compare_a", "compare_b")

#: source name -> its columns; the one contract between Python and the front end.
SOURCES: dict[str, tuple[str, ...]] = {
    "pnl": ("x", "width", "profit", "cumulative", "color", "label", "bets", "staked"),
    "swing": ("x", "y", "label"),
    "cash": ("x_in", "x_out", "width", "deposits", "withdrawals", "label"),
    **{f"breakdown_{d}": ("key", "name", "profit", "staked", "bets", "roi", "strike_rate", "color", "label")
       for d in ("sport", "competition", "team", "market", "bet_type")},
    **{name: ("x", "y", "label") for name in COMPARE_SOURCES},
}
#: The charts of the patterns (`pattern_sources`), filled from the insights with the tables.
PATTERN_SOURCES: dict[str, tuple[str, ...]] = {
    **{f"heatmap_{v}": ("weekday", "hour", "bets", "net_profit", "shade", "label") for v in ("bets", "profit")},
    "price_bands": ("band", "profit", "staked", "bets", "color", "label"),
    "by_legs": ("legs", "profit", "staked", "bets", "color", "label"),
}
SOURCES.update(PATTERN_SOURCES)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOURS = tuple(f"{h:02d}" for h in range(24))
#: source name -> the name of the factor range whose factors follow the source's `key` column.
RANGES = {name: f"{name}_range" for name in SOURCES if name.startswith("breakdown_")}


def fitting_period(first: str | None, last: str | None) -> str:
    """The period the profit chart opens with for data from `first` to `last` (ISO), per FITTING."""
    if not first or not last:
        return "day"
    days = (dt.date.fromisoformat(last[:10]) - dt.date.fromisoformat(first[:10])).days
    return next((period for limit, period in FITTING if days > limit), "day")


def epoch_ms(iso: str) -> float:
    """Local wall-clock ISO date/time as milliseconds, the unit of Bokeh's datetime axes."""
    when = dt.datetime.fromisoformat(iso)
    return (when - dt.datetime(1970, 1, 1)).total_seconds() * 1000


def signed(value: float) -> str:
    text = f"${abs(value):,.2f}"
    return ("\u2212" if value < 0 else "+" if value > 0 else "") + text


def _colours(values: list[float]) -> list[str]:
    """Red for a loss, green for a gain; the bar's direction from zero and the signed
    label say the same, so colour is never the only cue."""
    return [LOSS if v < 0 else GAIN for v in values]


#: How a bar's label names its period, before the period's first day.
_PERIOD_NAME = {"day": "", "week": "Week of ", "month": "Month from "}


def pnl(series: dict, period: str) -> dict:
    profit = series["profit"]
    color = _colours(profit)
    return {
        "x": [epoch_ms(p) + (_WIDTH[period] / 2 if period != "day" else 0) for p in series["period"]],
        "width": [_WIDTH[period]] * len(profit),
        "profit": profit, "cumulative": series["cumulative"], "color": color,
        "label": [f"{_PERIOD_NAME[period]}{day(p)}: {signed(v)} on {plural(n, 'bet')}"
                  for p, v, n in zip(series["period"], profit, series["bets"])],
        "bets": series["bets"], "staked": series["staked"],
    }


def swing(swings: dict) -> dict:
    """Markers where the largest drawdown and run-up start and end: at the bet and the running
    total where each does (between the cumulative line's points, which close each period)."""
    out = {"x": [], "y": [], "label": []}
    for name, title, levels in (("drawdown", "Largest drawdown", ("high", "low")),
                                ("run_up", "Largest run-up", ("low", "high"))):
        found = swings.get(name)
        if not found or not found["amount"]:
            continue
        for edge, level in zip(("start", "finish"), levels):
            out["x"].append(epoch_ms(found[edge]))
            out["y"].append(found[level])
            out["label"].append(f"{title} {edge}: {found[edge][:10]}, running total {signed(found[level])}")
    return out


def cash(series: dict, period: str) -> dict:
    """Deposits and withdrawals side by side in each period."""
    width = _WIDTH[period] * 0.45
    middle = [epoch_ms(p) + _WIDTH[period] / 2 for p in series["period"]]
    return {
        "x_in": [m - width / 2 for m in middle], "x_out": [m + width / 2 for m in middle],
        "width": [width] * len(middle),
        "deposits": series["deposits"], "withdrawals": series["withdrawals"],
        "label": [f"{_PERIOD_NAME[period]}{day(p)}: in ${d:,.2f}, out ${w:,.2f}"
                  for p, d, w in zip(series["period"], series["deposits"], series["withdrawals"])],
    }


def breakdown(table: dict, top: int = TOP) -> dict:
    """The `top` rows by turnover, largest at the top of the chart."""
    shown = list(range(min(top, len(table["key"]))))[::-1]
    profit = [table["profit"][i] for i in shown]
    color = _colours(profit)
    roi = [table["roi"][i] for i in shown]
    names = [str(table["key"][i]) for i in shown]
    # `key` is the category on the axis (the site cuts long ones to fit the label column),
    # `name` the whole name, for the tooltip.
    return {
        "key": names, "name": list(names), "profit": profit,
        "staked": [table["staked"][i] for i in shown], "bets": [table["bets"][i] for i in shown],
        "roi": roi, "strike_rate": [table["strike_rate"][i] for i in shown],
        "color": color,
        "label": [f"{signed(p)} on ${s:,.2f} staked" + (f" ({r * 100:+.1f}%)" if r is not None else "")
                  for p, s, r in zip(profit, [table["staked"][i] for i in shown], roi)],
    }


def losses_first(table: dict, limit: int = TABLE_ROWS) -> dict:
    """The `limit` rows of a breakdown with the lowest profit, lowest first (ties keep the
    breakdown's order): what the page's breakdown tables list."""
    lowest = sorted(range(len(table["key"])), key=lambda i: table["profit"][i])[:limit]
    return {name: [values[i] for i in lowest] for name, values in table.items()}


def _period_name(p: dict) -> str:
    return f"{day(p['from'])} to {day(p['to'])}"


def compare(found: dict) -> dict[str, dict]:
    """The running totals of a `Ledger.compare` result (`a` and `b`), drawn from the start of
    each period: x is the day of the period (1 is its first), y the net profit at the end of it;
    a period starts at $0 on day 0, before its first day."""
    out = {}
    for key, name in zip("ab", COMPARE_SOURCES):
        period = found[key]
        series = period["series"]
        days = [0] + [d + 1 for d in series["day"]]
        totals = [0.0] + list(series["cumulative"])
        dates = [None] + list(series["date"])
        title = _period_name(period)
        out[name] = {
            "x": days, "y": totals,
            "label": [f"{title}, start: $0.00" if d is None else f"{day(d)} (day {x}): {signed(y)} so far"
                      for x, y, d in zip(days, totals, dates)],
        }
    return out


def over_time(dashboard: dict, period: str) -> dict[str, dict]:
    """The sources a change of period changes (`Ledger.series`, or a whole dashboard's)."""
    return {"pnl": pnl(dashboard["series"], period),
            "cash": cash(dashboard["cash"], "month" if period == "day" else period)}


def all_sources(dashboard: dict, period: str) -> dict[str, dict]:
    """Every chart source's columns from one `Ledger.dashboard` result (the comparison's aside)."""
    out = {**over_time(dashboard, period), "swing": swing(dashboard["swings"])}
    for name in SOURCES:
        if name.startswith("breakdown_"):
            out[name] = breakdown(dashboard["breakdowns"][name.removeprefix("breakdown_")])
    return out


def _return_text(profit: float, staked: float) -> str:
    back = f", ${100 + 100 * profit / staked:,.2f} back per $100" if staked else ""
    return f"{signed(profit)} on ${staked:,.2f} staked{back}"


#: The shade of an hour without bets on the profit heatmap: below the scale, so drawn blank
#: (a number, not null: BokehJS would read null as 0, an even hour).
NO_BETS = -2


def heatmap(cells: list[dict], value: str) -> dict:
    """The week's 7 x 24 hours (insights.weekday_hour) coloured by `value`: "bets" shades from
    0 to the busiest hour (1); "net_profit" from the largest loss (-1) through 0 to the largest
    gain (1) on a square-root scale (one big win would otherwise leave every other hour looking
    even), an hour without bets NO_BETS (below every shade: drawn blank)."""
    values = [c[value] for c in cells]
    top = max((abs(v) for v in values), default=0) or 1
    def scaled(v: float) -> float:
        return v / top if value == "bets" else math.copysign(math.sqrt(abs(v) / top), v)
    shade = [scaled(v) if c["bets"] or value == "bets" else NO_BETS for v, c in zip(values, cells)]
    return {
        "weekday": [WEEKDAYS[c["weekday"]] for c in cells], "hour": [c["hour"] for c in cells],
        "bets": [c["bets"] for c in cells], "net_profit": [c["net_profit"] for c in cells], "shade": shade,
        "label": [f"{WEEKDAYS[c['weekday']]} {HOURS[c['hour']]}:00-{HOURS[c['hour']]}:59: {plural(c['bets'], 'bet')}, "
                  f"{signed(c['net_profit'])}" for c in cells],
    }


def _bars(rows: list[dict], key: str, names: list) -> dict:
    profit = [r["net_profit"] for r in rows]
    return {key: names, "profit": profit, "staked": [r["staked"] for r in rows], "bets": [r["bets"] for r in rows],
            "color": _colours(profit),
            "label": [f"{plural(r['bets'], 'bet')}: {_return_text(r['net_profit'], r['staked'])}" for r in rows]}


def pattern_sources(insights: dict) -> dict[str, dict]:
    """Every pattern chart's columns from one `Ledger.insights` result."""
    return {
        "heatmap_bets": heatmap(insights["weekday_hour"], "bets"),
        "heatmap_profit": heatmap(insights["weekday_hour"], "net_profit"),
        "price_bands": _bars(insights["price_bands"], "band", [b["band"] for b in insights["price_bands"]]),
        "by_legs": _bars(insights["by_legs"], "legs", [r["legs"] for r in insights["by_legs"]]),
    }
