"""The safer-gambling signals, as SQL over what is stored: each one only when the rows show it,
with its evidence (dates, amounts, counts) and the filters that show the bets behind it.

The thresholds, and the words saying how each signal is computed and why it matters, are
`figures/thresholds.py`'s. The cash signals (chasing, withdrawals that came back, money put in)
follow the filters' dates only, as every cash figure does; the bet signals (rising stakes,
late-night betting, the low-risk limits) follow every filter. Windows of months end on the
filters' To date, else on the day of the latest stored transaction (never the wall clock's).
"""
from __future__ import annotations

import datetime as dt

from ..model import Filters
from ..sql import Connection, count, lit, money, rows, total
from . import thresholds as t
from .filtering import cash_sql

ISO_TIME, ISO_DAY = "'%Y-%m-%dT%H:%M:%S'", "'%Y-%m-%d'"


def signals(conn: Connection, f: Filters, source: str, end: dt.date | None) -> dict:
    """Every signal present for the filters `f` (`source`: their filtered bets, with `bet_time`,
    `stake_cents` and `profit_cents`), the windows ending on `end` (None: nothing stored), with
    the support services and the thresholds."""
    found = []
    if end is not None:
        for compute in (chasing, reversed_withdrawals, rising_stakes, late_night, low_risk_limits, net_cash):
            signal = compute(conn, f, source, end)
            if signal:
                found.append(signal)
    return {"signals": found, "support": [dict(s) for s in t.SUPPORT], "thresholds": t.thresholds(),
            "reference": end and end.isoformat()}


def months_back(day: dt.date, months: int) -> dt.date:
    """`day` less whole months, on the last day of a shorter month (as DuckDB's intervals do)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    first = dt.date(year, month + 1, 1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=min(day.day, last.day))


def span_filters(f: Filters, first: str, last: str, bets: bool) -> dict:
    """The page's filters that show the bets of the days `first` to `last` (ISO): with the
    other filters of `f` for a bet signal (`bets`), else the days alone, as cash follows only them."""
    base = f.as_json() if bets else {"presumed_lost_days": f.presumed_lost_days}
    return {**base, "date_from": first[:10], "date_to": last[:10]}


def _signal(signal_id: str, evidence: dict, filters: dict | None) -> dict:
    return {**t.described(signal_id), "evidence": evidence, "filters": filters}


def _cents(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _dollars(expr: str) -> str:
    """Cents to dollars, NULL staying NULL (`money` makes it 0)."""
    return f"CAST({expr} AS DOUBLE) / 100"


def _chasing_sql(f: Filters) -> str:
    """Every deposit in the dates with why it counts as chasing (NULLs when it does not)."""
    near = round(t.NEAR_ZERO * 100)
    return f"""
      WITH c AS (SELECT time, tx_id, kind, amount_cents, balance_cents,
                        row_number() OVER (ORDER BY time, rank, tx_id) AS n
                 FROM transactions WHERE balance_cents IS NOT NULL),
      a AS (SELECT *, max(CASE WHEN balance_cents > {near} THEN n END)
                        OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS above FROM c),
      fell AS (SELECT d.tx_id, s.time AS fell_at, d.balance_cents - d.amount_cents AS before_cents
               FROM a d JOIN c s ON s.n = coalesce(d.above, 0) + 1
               WHERE d.kind = 'deposit' AND s.n < d.n AND s.kind = 'stake'
                 AND d.time <= s.time + INTERVAL '{int(t.CHASE_HOURS)} hours'),
      days AS (SELECT CAST(bet_time AS DATE) AS day, sum(profit_cents) AS profit FROM bet_base
               GROUP BY 1 HAVING sum(profit_cents) < 0)
      SELECT d.time, d.tx_id, d.amount_cents, fell.fell_at, fell.before_cents, days.day AS losing_day, -days.profit AS day_loss
      FROM ({cash_sql(f)}) d LEFT JOIN fell USING (tx_id)
        LEFT JOIN days ON days.day = CAST(d.time AS DATE) - 1
      WHERE d.category = 'deposit'"""


def chasing(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """Deposits within CHASE_HOURS after a stake took the balance to NEAR_ZERO or less, or on
    the day after a day whose bets (all of them) lost money: how many of the deposits, their
    total, and the latest LISTED, newest first."""
    got = rows(conn.query(f"""
      WITH d AS ({_chasing_sql(f)}), o AS (SELECT * FROM d WHERE fell_at IS NOT NULL OR losing_day IS NOT NULL)
      SELECT strftime(time, {ISO_TIME}) AS time, {_dollars('amount_cents')} AS amount,
             strftime(fell_at, {ISO_TIME}) AS fell_at, {_dollars('before_cents')} AS balance_before,
             strftime(losing_day, {ISO_DAY}) AS losing_day, {_dollars('day_loss')} AS day_loss,
             strftime(least(fell_at, CAST(losing_day AS TIMESTAMP)), {ISO_DAY}) AS since,
             strftime(min(least(fell_at, CAST(losing_day AS TIMESTAMP))) OVER (), {ISO_DAY}) AS first,
             CAST(count(*) OVER () AS INTEGER) AS occasions, {money('sum(amount_cents) OVER ()')} AS total,
             CAST(count(fell_at) OVER () AS INTEGER) AS near_zero,
             CAST(count(losing_day) OVER () AS INTEGER) AS after_losing_day,
             (SELECT {count()} FROM d) AS deposits, (SELECT {money(total('amount_cents'))} FROM d) AS deposited
      FROM o ORDER BY o.time DESC, tx_id DESC LIMIT {t.LISTED}"""))
    if not got:
        return None
    head = got[0]
    listed = [{**{k: r[k] for k in ("time", "amount", "fell_at", "balance_before", "losing_day", "day_loss")},
               "filters": span_filters(f, r["since"], r["time"], bets=False)} for r in got]
    evidence = {k: head[k] for k in ("occasions", "near_zero", "after_losing_day", "deposits")}
    evidence.update(amount=_cents(head["total"]), deposited=_cents(head["deposited"]), listed=listed)
    return _signal("chasing", evidence, span_filters(f, head["first"], head["time"], bets=False))


def reversed_withdrawals(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """Every Returned Withdrawal row in the dates: how many, their total, the latest LISTED."""
    got = rows(conn.query(f"""
      SELECT strftime(time, {ISO_TIME}) AS time, {_dollars('amount_cents')} AS amount,
             CAST(count(*) OVER () AS INTEGER) AS occasions, {money('sum(amount_cents) OVER ()')} AS total,
             strftime(min(time) OVER (), {ISO_TIME}) AS first
      FROM ({cash_sql(f)}) WHERE category = 'returned_withdrawal' ORDER BY time DESC, tx_id LIMIT {t.LISTED}"""))
    if not got:
        return None
    listed = [{"time": r["time"], "amount": r["amount"], "filters": span_filters(f, r["time"], r["time"], bets=False)}
              for r in got]
    evidence = {"occasions": got[0]["occasions"], "amount": _cents(got[0]["total"]), "listed": listed}
    return _signal("reversed_withdrawals", evidence, span_filters(f, got[0]["first"], got[0]["time"], bets=False))


def _stakes(conn: Connection, source: str, start: dt.date, stop: dt.date) -> dict:
    """Cash bets placed from `start` to before `stop`: how many, staked, the average stake."""
    got = rows(conn.query(f"""SELECT {count()} AS bets, {money(total('stake_cents'))} AS staked FROM {source}
      WHERE stake_cents > 0 AND bet_time >= {lit(start)} AND bet_time < {lit(stop)}"""))[0]
    average = _cents(got["staked"] / got["bets"]) if got["bets"] else None
    return {"from": start.isoformat(), "to": (stop - dt.timedelta(days=1)).isoformat(), "bets": got["bets"],
            "staked": _cents(got["staked"]), "average": average}


def rising_stakes(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """The average cash stake of the last RECENT_MONTHS months against the EARLIER_MONTHS before."""
    stop = end + dt.timedelta(days=1)
    middle = months_back(stop, t.RECENT_MONTHS)
    recent = _stakes(conn, source, middle, stop)
    earlier = _stakes(conn, source, months_back(stop, t.RECENT_MONTHS + t.EARLIER_MONTHS), middle)
    if min(recent["bets"], earlier["bets"]) < t.STAKE_MIN_BETS or not earlier["average"]:
        return None
    ratio = recent["staked"] / recent["bets"] / (earlier["staked"] / earlier["bets"])
    if ratio < t.RISE_RATIO:
        return None
    evidence = {"recent": recent, "earlier": earlier, "ratio": round(ratio, 4)}
    return _signal("rising_stakes", evidence, span_filters(f, recent["from"], recent["to"], bets=True))


def night_sql(column: str = "bet_time") -> str:
    """SQL: whether `column` falls in the night's hours (NIGHT_FROM to before NIGHT_TO)."""
    join = "AND" if t.NIGHT_FROM < t.NIGHT_TO else "OR"
    return f"(hour({column}) >= {int(t.NIGHT_FROM)} {join} hour({column}) < {int(t.NIGHT_TO)})"


def late_night(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """The share of the filtered bets placed in the night's hours, with the latest LISTED nights."""
    night = night_sql()
    head = rows(conn.query(f"""SELECT {count()} AS bets, {count(night)} AS night_bets,
        CAST(count(DISTINCT CAST(bet_time AS DATE)) FILTER (WHERE {night}) AS INTEGER) AS nights,
        {money(total('stake_cents') + f' FILTER (WHERE {night})')} AS staked,
        {money(total('profit_cents') + f' FILTER (WHERE {night})')} AS net_profit FROM {source}"""))[0]
    share = head["night_bets"] / head["bets"] if head["bets"] else 0.0
    if head["night_bets"] < t.NIGHT_MIN_BETS or share < t.NIGHT_SHARE:
        return None
    listed = rows(conn.query(f"""SELECT strftime(CAST(bet_time AS DATE), {ISO_DAY}) AS day, {count()} AS bets,
        {money(total('stake_cents'))} AS staked, {money(total('profit_cents'))} AS net_profit
        FROM {source} WHERE {night} GROUP BY 1 ORDER BY 1 DESC LIMIT {t.LISTED}"""))
    for r in listed:
        r.update(staked=_cents(r["staked"]), net_profit=_cents(r["net_profit"]),
                 filters=span_filters(f, r["day"], r["day"], bets=True))
    evidence = {**head, "share": round(share, 6), "staked": _cents(head["staked"]),
                "net_profit": _cents(head["net_profit"]), "listed": listed}
    return _signal("late_night", evidence, None)


def low_risk_limits(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """Days with a bet placed and what the bets lost in the LIMIT_MONTHS months to `end`, against
    the low-risk limits; `covered_from`, the first of those days the stored rows (and the From
    filter) cover."""
    stop = end + dt.timedelta(days=1)
    start = months_back(stop, t.LIMIT_MONTHS)
    got = rows(conn.query(f"""SELECT {count()} AS bets,
        CAST(count(DISTINCT CAST(bet_time AS DATE)) AS INTEGER) AS days,
        {money(total('stake_cents'))} AS staked, {money(total('profit_cents'))} AS net_profit,
        (SELECT strftime(min(time), {ISO_DAY}) FROM transactions) AS first
        FROM {source} WHERE bet_time >= {lit(start)} AND bet_time < {lit(stop)}"""))[0]
    lost = _cents(max(0.0, -got["net_profit"]))
    over_days, over_spend = got["days"] > t.LIMIT_DAYS, lost > t.LIMIT_SPEND
    if not (over_days or over_spend):
        return None
    covered = max(d for d in (start, f.date_from, got["first"] and dt.date.fromisoformat(got["first"])) if d)
    evidence = {"from": start.isoformat(), "to": end.isoformat(), "covered_from": covered.isoformat(),
                "days": got["days"], "bets": got["bets"], "staked": _cents(got["staked"]), "lost": lost,
                "limit_days": t.LIMIT_DAYS, "limit_spend": t.LIMIT_SPEND,
                "over_days": over_days, "over_spend": over_spend}
    return _signal("low_risk_limits", evidence, span_filters(f, covered.isoformat(), end.isoformat(), bets=True))


def net_cash(conn: Connection, f: Filters, source: str, end: dt.date) -> dict | None:
    """Deposits less withdrawals plus withdrawals that came back, month by month in the dates,
    with the running total; present when more went in than came out."""
    kinds = "('deposit', 'withdrawal', 'returned_withdrawal')"
    months = rows(conn.query(f"""
      SELECT strftime(month, {ISO_DAY}) AS month, {money('deposits')} AS deposits,
             {money('0 - withdrawals')} AS withdrawals, {money('returned')} AS returned_withdrawals,
             {money('net')} AS net, {money('sum(net) OVER (ORDER BY month ROWS UNBOUNDED PRECEDING)')} AS cumulative
      FROM (SELECT date_trunc('month', time) AS month,
                   {total('amount_cents')} FILTER (WHERE category = 'deposit') AS deposits,
                   {total('amount_cents')} FILTER (WHERE category = 'withdrawal') AS withdrawals,
                   {total('amount_cents')} FILTER (WHERE category = 'returned_withdrawal') AS returned,
                   {total('amount_cents')} AS net
            FROM ({cash_sql(f)}) WHERE category IN {kinds} GROUP BY 1)
      ORDER BY 1"""))
    if not months or months[-1]["cumulative"] <= 0:
        return None
    for m in months:
        last = (dt.date.fromisoformat(m["month"]) + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        m["filters"] = span_filters(f, m["month"], last.isoformat(), bets=False)
    sums = {k: _cents(sum(m[k] for m in months)) for k in ("deposits", "withdrawals", "returned_withdrawals")}
    evidence = {**sums, "net": months[-1]["cumulative"], "months_in": sum(m["net"] > 0 for m in months),
                "months": months}
    return _signal("net_cash", evidence, span_filters(f, months[0]["month"], end.isoformat(), bets=False))
