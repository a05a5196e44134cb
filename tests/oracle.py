"""An independent implementation of the headline figures in pandas, for differential tests.

It reads the export with pandas and follows docs/domain.md directly; it shares no code
with tmb_core except the per-row sport/competition labels, which it is handed.
"""
from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd

BET_TYPES = {"Bet Stake": "stake", "Win": "win", "Lose": "lose", "Void": "void",
             "Cashed Out": "cash_out", "Partial Cash Out": "cash_out", "Cash Out": "cash_out"}


def load(texts: list[str]) -> pd.DataFrame:
    frames = [pd.read_csv(io.StringIO(t), dtype=str, keep_default_na=False) for t in texts]
    df = pd.concat(frames).drop_duplicates("Transaction Id")
    df["cents"] = (df["Amount"].astype(float) * 100).round().astype(np.int64)
    df["time"] = pd.to_datetime(df["Time (AEST)"], format="%d/%m/%Y %H:%M")
    df["kind"] = df["Type"].map(BET_TYPES).fillna("cash")
    return df


def bets(df: pd.DataFrame, days: int = 3) -> pd.DataFrame:
    rows = df[(df["Bet Id"] != "") & (df["kind"] != "cash")].copy()
    rows["stake"] = np.where((rows["kind"] == "stake") & (rows["cents"] < 0), -rows["cents"], 0)
    for kind in ("win", "cash_out", "lose", "void"):
        rows[kind] = rows["kind"] == kind
    g = rows.groupby("Bet Id")
    out = g[["stake", "cents", "win", "cash_out", "lose", "void"]].agg(
        {"stake": "sum", "cents": "sum", "win": "any", "cash_out": "any", "lose": "any", "void": "any"})
    out = out.rename(columns={"cents": "profit"})
    staked_at = rows[rows["kind"] == "stake"].groupby("Bet Id")["time"].min()
    out["time"] = staked_at.reindex(out.index).fillna(g["time"].min())
    out["returned"] = out["profit"] + out["stake"]
    out["has_result"] = out[["win", "cash_out", "lose", "void"]].any(axis=1)
    as_of = df["time"].max()
    out["status"] = np.select(
        [out["win"], out["cash_out"], out["lose"], out["void"], out["time"] < as_of - pd.Timedelta(days=days)],
        ["won", "cashed_out", "lost", "void", "presumed_lost"], "unsettled")
    flags = rows.sort_values("time", kind="stable").groupby("Bet Id")[["Single", "Multiple", "Exotic", "Pool"]].first()
    flags = flags.reindex(out.index)
    out["kind"] = np.select([flags["Multiple"] == "true", flags["Exotic"] == "true", flags["Pool"] == "true",
                             flags["Single"] == "true"], ["multi", "exotic", "pool", "single"], "unknown")
    return out


def headline(df: pd.DataFrame, days: int = 3) -> dict:
    b = bets(df, days)
    cash = df[~df["Transaction Id"].isin(
        df[(df["Bet Id"].isin(b.index)) & (df["kind"] != "cash")]["Transaction Id"])]
    settled = ~b["status"].isin(["unsettled", "void"])
    return {
        "bets": len(b),
        "staked": b["stake"].sum() / 100,
        "returned": b["returned"].sum() / 100,
        "net_profit": b["profit"].sum() / 100,
        "settled_net_profit": b.loc[b["has_result"], "profit"].sum() / 100,
        "unsettled_bets": int((b["status"] == "unsettled").sum()),
        "unsettled_exposure": b.loc[b["status"] == "unsettled", "stake"].sum() / 100,
        "bonus_returns": b.loc[b["stake"] == 0, "returned"].sum() / 100,
        "strike_rate": (settled & (b["returned"] > b["stake"])).sum() / settled.sum(),
        "deposits": cash.loc[cash["Type"] == "Deposit", "cents"].sum() / 100,
        "withdrawals": -cash.loc[cash["Type"] == "Withdrawal", "cents"].sum() / 100,
        "returned_withdrawals": cash.loc[cash["Type"] == "Returned Withdrawal", "cents"].sum() / 100,
        "profit_by_kind": {k: b.loc[b["kind"] == k, "profit"].sum() / 100 for k in ("single", "multi", "exotic", "pool")},
    }


def monthly_profit(df: pd.DataFrame) -> dict[str, float]:
    b = bets(df)
    by = b.groupby(b["time"].dt.to_period("M"))["profit"].sum() / 100
    return {p.start_time.strftime("%Y-%m-%d"): v for p, v in by.items()}


def breakdown(df: pd.DataFrame, labels: pd.DataFrame, column: str) -> dict[str, tuple[int, float, float]]:
    """Bets, staked and profit per value of a per-row label (e.g. sport), taken from the stake row."""
    b = bets(df)
    rows = df[(df["Bet Id"].isin(b.index)) & (df["kind"] != "cash")].merge(labels, on="Transaction Id")
    rows["order"] = (rows["kind"] != "stake").astype(int)
    first = rows.sort_values(["order", "time"]).groupby("Bet Id")[column].first()
    b[column] = first
    g = b.groupby(column)
    return {k: (int(len(v)), v["stake"].sum() / 100, v["profit"].sum() / 100) for k, v in g}


def insights(df: pd.DataFrame, labels: pd.DataFrame) -> dict:
    """How often the punter loses, written from the domain notes; `labels` gives each bet's
    price and number of legs (indexed by Bet Id), as tmb_core read them from the Summary."""
    b = bets(df).join(labels)
    out = {}
    for name, freq in (("days", "D"), ("weeks", "W-SUN"), ("months", "M")):
        per = b.groupby(b["time"].dt.to_period(freq))["profit"].sum()
        out[name], out[f"{name}_lost"] = len(per), int((per < 0).sum())
    settled = b[~b["status"].isin(["unsettled", "void"])]
    out["settled_lost_share"] = (settled["returned"] < settled["stake"]).mean() if len(settled) else None
    out["net_profit_without_bonus"] = b.loc[b["stake"] > 0, "profit"].sum() / 100
    singles = b[(b["kind"] == "single") & b["price"].notna()]
    edges = [-np.inf, 1.5, 2.0, 3.0, 5.0, 10.0, np.inf]
    band = pd.cut(singles["price"], edges, right=False, labels=False)
    out["price_bands"] = [(int((band == i).sum()), singles.loc[band == i, "stake"].sum() / 100,
                           singles.loc[band == i, "profit"].sum() / 100) for i in range(6)]
    multis = b[b["kind"] == "multi"].groupby("legs")
    out["by_legs"] = [(int(k), len(v), v["stake"].sum() / 100, v["profit"].sum() / 100) for k, v in multis]
    order = settled.reset_index().sort_values(["time", "Bet Id"])
    out["longest_losing_run"] = _longest(order, order["profit"] < 0)
    out["longest_winning_run"] = _longest(order, order["profit"] > 0)
    return out


def _longest(order: pd.DataFrame, hit: pd.Series):
    best, start, length = None, None, 0
    for i, (is_hit, when) in enumerate(zip(hit, order["time"])):
        if is_hit:
            start = when if length == 0 else start
            length += 1
            if best is None or length > best[0]:
                best = (length, start.strftime("%Y-%m-%d"), when.strftime("%Y-%m-%d"))
        else:
            length = 0
    return None if best is None else {"bets": best[0], "from": best[1], "to": best[2]}


def expected_loss(df: pd.DataFrame, labels: pd.DataFrame, table) -> dict:
    """What the prices were expected to cost, written from figures/price.py's docstring: `total`
    dollars, the cash `staked` it is counted on, and `luck` (the settled ones' profit plus their
    cost); `labels` gives each bet's bet_type, sport, market and legs JSON (indexed by Bet Id), as
    tmb_core read them from the Summary, `table` is tmb_core.figures.margins (the data, not the SQL)."""
    b = bets(df).join(labels)
    b = b[(b["stake"] > 0) & (b["status"] != "void")]
    rate = {m.kind: m.margin for m in (*table.FIXED, *table.TOTE)}

    def factor(market, sport):
        if sport in table.RACING_NAMES:
            return 1 + rate["racing_win"]
        name = market.lower() if isinstance(market, str) else ""
        kind = next((k for k, words in table.MARKET_WORDS.items() if any(w in name for w in words)), "other")
        return 1 + rate[kind]

    def cost(bet) -> float:
        if bet["kind"] in ("exotic", "pool"):
            return rate[table.TOTE_TYPES.get(bet["bet_type"], "tote_other")]
        legs = real_legs(bet["legs"]) if bet["kind"] == "multi" else []
        together = float(np.prod([factor(leg[1], leg[6]) for leg in legs])) if legs else factor(
            bet["market"], bet["sport"])
        return 1 - 1 / together

    cents = pd.Series([row["stake"] * cost(row) for _, row in b.iterrows()], index=b.index, dtype=float)
    settled = ~b["status"].isin(["unsettled", "void"])
    return {"total": cents.sum() / 100, "staked": b["stake"].sum() / 100,
            "luck": (b.loc[settled, "profit"].sum() + cents[settled].sum()) / 100}


WEEKDAYS = 7


def weekday_hour(df: pd.DataFrame) -> list[tuple[int, int, int, float, float]]:
    """(weekday Monday 0, hour, bets, staked, net profit) for every hour of the week, zeros included."""
    b = bets(df)
    g = b.groupby([b["time"].dt.day_of_week, b["time"].dt.hour])
    found = {k: (len(v), v["stake"].sum() / 100, v["profit"].sum() / 100) for k, v in g}
    return [(d, h, *found.get((d, h), (0, 0.0, 0.0))) for d in range(WEEKDAYS) for h in range(24)]


def real_legs(legs_json) -> list[list]:
    """A multi's legs from its legs JSON (read with Python's json), less a first "leg" that is the
    Summary's header line ("2 Leg Multi @ 3.29": no event, no market)."""
    if not isinstance(legs_json, str):
        return []
    legs = json.loads(legs_json)
    if legs and legs[0][0] is None and legs[0][1] is None and re.fullmatch(r"\d+ Leg Multi", legs[0][2] or ""):
        legs = legs[1:]
    return legs


def legs_by(df: pd.DataFrame, legs: pd.Series, keys: tuple[str, ...]) -> dict[tuple, tuple[int, int, int, int]]:
    """The multis' legs by their sport (and competition): legs, multis, multis won, multis lost.
    `legs` is each bet's legs JSON, indexed by Bet Id; a leg of no known sport is Unknown."""
    b = bets(df)
    b = b[b["kind"] == "multi"].join(legs.rename("legs_json"), how="inner")
    settled = ~b["status"].isin(["unsettled", "void"])
    out: dict[tuple, list] = {}
    for bet_id, row in b.iterrows():
        labels = [tuple(leg[6 + i] or "Unknown" for i in range(len(keys))) for leg in real_legs(row["legs_json"])]
        for label in labels:
            out.setdefault(label, [0, set(), set(), set()])[0] += 1
        for label in set(labels):
            got = out[label]
            got[1].add(bet_id)
            if settled[bet_id] and row["returned"] > row["stake"]:
                got[2].add(bet_id)
            if settled[bet_id] and row["returned"] < row["stake"]:
                got[3].add(bet_id)
    return {k: (v[0], len(v[1]), len(v[2]), len(v[3])) for k, v in out.items()}


# -- the safer-gambling signals, written from tmb_core/figures/thresholds.py's sentences ----------
# Each function takes the rows `load` read (oldest first: the file order is the true order), the
# thresholds module `t` (the data, not the SQL) and, where the signal has one, the last day of its
# windows; it returns the signal's evidence with every occasion (not only the latest listed), or
# None when the signal is not present.


def _in_dates(times: pd.Series, date_from=None, date_to=None) -> pd.Series:
    keep = pd.Series(True, index=times.index)
    if date_from is not None:
        keep &= times.dt.date >= date_from
    if date_to is not None:
        keep &= times.dt.date <= date_to
    return keep


def _money(cents) -> float:
    return round(float(cents) / 100, 2)


def chasing(df: pd.DataFrame, t, date_from=None, date_to=None) -> dict | None:
    """Deposits within t.CHASE_HOURS after a stake took the balance to t.NEAR_ZERO or less (and it
    stayed there), or on the day after a day whose bets lost money; newest first."""
    rows = df.reset_index(drop=True)
    with_balance = rows[rows["Balance"] != ""].copy()
    with_balance["bal"] = (with_balance["Balance"].astype(float) * 100).round().astype(np.int64)
    near, fall, found = round(t.NEAR_ZERO * 100), None, {}
    for i, r in with_balance.iterrows():
        if r["Type"] == "Deposit" and fall is not None and with_balance.loc[fall, "Type"] == "Bet Stake" \
                and r["time"] <= with_balance.loc[fall, "time"] + pd.Timedelta(hours=t.CHASE_HOURS):
            found[i] = (with_balance.loc[fall, "time"], r["bal"] - r["cents"])
        if r["bal"] > near:
            fall = None                         # the next row at or under the line is where it fell
        elif fall is None:
            fall = i
    b = bets(df)
    by_day = b.groupby(b["time"].dt.date)["profit"].sum()
    lost = by_day[by_day < 0]
    deposits = rows[(rows["Type"] == "Deposit") & _in_dates(rows["time"], date_from, date_to)]
    occasions = []
    for i, r in deposits.iterrows():
        day_before = (r["time"] - pd.Timedelta(days=1)).date()
        fell = found.get(i)
        if fell is None and day_before not in lost.index:
            continue
        occasions.append({"time": r["time"].strftime("%Y-%m-%dT%H:%M:%S"), "amount": _money(r["cents"]),
                          "fell_at": fell and fell[0].strftime("%Y-%m-%dT%H:%M:%S"),
                          "balance_before": fell and _money(fell[1]),
                          "losing_day": day_before.isoformat() if day_before in lost.index else None,
                          "day_loss": _money(-lost[day_before]) if day_before in lost.index else None})
    if not occasions:
        return None
    return {"occasions": len(occasions), "near_zero": sum(o["fell_at"] is not None for o in occasions),
            "after_losing_day": sum(o["losing_day"] is not None for o in occasions), "deposits": len(deposits),
            "amount": _money(sum(round(o["amount"] * 100) for o in occasions)),
            "deposited": _money(deposits["cents"].sum()), "listed": occasions[::-1]}


def reversed_withdrawals(df: pd.DataFrame, date_from=None, date_to=None) -> dict | None:
    back = df[(df["Type"] == "Returned Withdrawal") & _in_dates(df["time"], date_from, date_to)]
    if back.empty:
        return None
    listed = [{"time": w.strftime("%Y-%m-%dT%H:%M:%S"), "amount": _money(c)} for w, c in zip(back["time"], back["cents"])]
    return {"occasions": len(back), "amount": _money(back["cents"].sum()), "listed": listed[::-1]}


def _window(b: pd.DataFrame, start, stop) -> pd.DataFrame:
    return b[(b["time"] >= pd.Timestamp(start)) & (b["time"] < pd.Timestamp(stop))]


def rising_stakes(b: pd.DataFrame, t, end) -> dict | None:
    """`b`: the filtered bets (`bets`); `end`: the last day of the windows."""
    stop = pd.Timestamp(end) + pd.Timedelta(days=1)
    middle = stop - pd.DateOffset(months=t.RECENT_MONTHS)
    start = stop - pd.DateOffset(months=t.RECENT_MONTHS + t.EARLIER_MONTHS)
    cash = b[b["stake"] > 0]
    parts = {}
    for name, (lo, hi) in (("recent", (middle, stop)), ("earlier", (start, middle))):
        w = _window(cash, lo, hi)
        parts[name] = {"from": lo.date().isoformat(), "to": (hi - pd.Timedelta(days=1)).date().isoformat(),
                       "bets": len(w), "staked": _money(w["stake"].sum()),
                       "average": _money(w["stake"].sum() / len(w)) if len(w) else None}
    r, e = parts["recent"], parts["earlier"]
    if min(r["bets"], e["bets"]) < t.STAKE_MIN_BETS:
        return None
    ratio = (r["staked"] / r["bets"]) / (e["staked"] / e["bets"])
    return {**parts, "ratio": round(ratio, 4)} if ratio >= t.RISE_RATIO else None


def late_night(b: pd.DataFrame, t) -> dict | None:
    hours = b["time"].dt.hour
    night = b[(hours >= t.NIGHT_FROM) & (hours < t.NIGHT_TO)]
    share = len(night) / len(b) if len(b) else 0.0
    if len(night) < t.NIGHT_MIN_BETS or share < t.NIGHT_SHARE:
        return None
    by_day = night.groupby(night["time"].dt.date)
    listed = [{"day": d.isoformat(), "bets": len(g), "staked": _money(g["stake"].sum()),
               "net_profit": _money(g["profit"].sum())} for d, g in by_day]
    return {"bets": len(b), "night_bets": len(night), "nights": len(listed), "staked": _money(night["stake"].sum()),
            "net_profit": _money(night["profit"].sum()), "share": round(share, 6), "listed": listed[::-1]}


def low_risk_limits(b: pd.DataFrame, t, end, first_day, date_from=None) -> dict | None:
    stop = pd.Timestamp(end) + pd.Timedelta(days=1)
    start = stop - pd.DateOffset(months=t.LIMIT_MONTHS)
    w = _window(b, start, stop)
    days, lost = w["time"].dt.date.nunique(), max(0.0, _money(-w["profit"].sum()))
    if days <= t.LIMIT_DAYS and lost <= t.LIMIT_SPEND:
        return None
    covered = max(d for d in (start.date(), first_day, date_from) if d is not None)
    return {"from": start.date().isoformat(), "to": pd.Timestamp(end).date().isoformat(),
            "covered_from": covered.isoformat(), "days": days, "bets": len(w), "staked": _money(w["stake"].sum()),
            "lost": lost, "limit_days": t.LIMIT_DAYS, "limit_spend": t.LIMIT_SPEND,
            "over_days": days > t.LIMIT_DAYS, "over_spend": lost > t.LIMIT_SPEND}


def net_cash(df: pd.DataFrame, date_from=None, date_to=None) -> dict | None:
    cash = df[df["Type"].isin(["Deposit", "Withdrawal", "Returned Withdrawal"]) & _in_dates(df["time"], date_from, date_to)]
    if cash.empty:
        return None
    months, running = [], 0
    for month, g in cash.groupby(cash["time"].dt.to_period("M")):
        of = {k: g.loc[g["Type"] == k, "cents"].sum() for k in ("Deposit", "Withdrawal", "Returned Withdrawal")}
        running += g["cents"].sum()
        months.append({"month": month.start_time.date().isoformat(), "deposits": _money(of["Deposit"]),
                       "withdrawals": _money(-of["Withdrawal"]), "returned_withdrawals": _money(of["Returned Withdrawal"]),
                       "net": _money(g["cents"].sum()), "cumulative": _money(running)})
    if running <= 0:
        return None
    return {"deposits": _money(cash.loc[cash["Type"] == "Deposit", "cents"].sum()),
            "withdrawals": _money(-cash.loc[cash["Type"] == "Withdrawal", "cents"].sum()),
            "returned_withdrawals": _money(cash.loc[cash["Type"] == "Returned Withdrawal", "cents"].sum()),
            "net": _money(running), "months_in": sum(m["net"] > 0 for m in months), "months": months}
