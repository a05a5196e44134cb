"""What the prices the punter took were expected to cost them (`insights.expected_loss`), from the
typical margins of figures/margins.py, in SQL over the filtered bets.

Per bet, of its cash stake:
- a fixed-odds bet whose market has margin m was fairly worth stake / (1 + m), so it was expected
  to cost stake x (1 - 1 / (1 + m));
- a multi compounds the margin of each leg the Summary names, by the leg's own market and sport
  (patterns.all_legs_sql, the one reading of the legs, once per change of the stored rows): stake x (1 - 1 / prod(1 + m_leg)); a
  multi whose Summary lists no legs one by one counts as one leg (a Same Race Multi's "Top 4"
  selections are legs when listed);
- an exotic or pool bet (paid from a tote pool) was expected to cost stake x the pool's takeout.
A void bet cost nothing (its stake came back), and neither did a bonus-funded bet (its stake was
not the punter's cash: the same rule as `net_profit`). Unsettled bets count, as in `net_profit`;
luck is read over the settled ones only.
"""
from __future__ import annotations

from ..sql import Connection, lit, money
from . import margins
from .metrics import SETTLED


def fixed_factor(market: str, sport: str) -> str:
    """SQL for 1 + the margin of a fixed-odds market, from its name and the bet's sport: a racing
    sport's markets are races'; else the first kind whose words the name holds; else "other"."""
    by = margins.by_kind()
    racing = ", ".join(lit(s) for s in margins.RACING_NAMES)
    cases = [f"WHEN {sport} IN ({racing}) THEN {1 + by['racing_win'].margin}"]
    for kind, words in margins.MARKET_WORDS.items():
        held = " OR ".join(f"contains(lower({market}), {lit(w)})" for w in words)
        cases.append(f"WHEN {held} THEN {1 + by[kind].margin}")
    return f"CASE {' '.join(cases)} ELSE {1 + by['other'].margin} END"


def takeout(bet_type: str) -> str:
    """SQL for the takeout of the tote pool of an exotic or pool bet's type."""
    by = margins.by_kind()
    cases = " ".join(f"WHEN {lit(t)} THEN {by[k].margin}" for t, k in margins.TOTE_TYPES.items())
    return f"CASE {bet_type} {cases} ELSE {by['tote_other'].margin} END"


def expected_loss(conn: Connection, source: str, legs: str) -> dict:
    """The expected cost of the prices of the cash bets in `source` that were not void: `total`
    dollars, `per_100` of their stakes, the `bets` it counts, and `luck`: what those of them that
    are settled made less what their prices made expected (an open bet has had no luck yet, and a
    bonus bet cost no cash: neither is luck). `legs` is their multis' legs (patterns.materialise_legs)."""
    got = conn.query(f"""
        WITH multi AS (
          SELECT bet_id, product({fixed_factor('market', 'sport')}) AS factor
          FROM {legs} GROUP BY bet_id),
        cost AS (
          SELECT s.stake_cents, s.profit_cents, {SETTLED} AS settled,
                 s.stake_cents * CASE WHEN s.bet_kind IN ('exotic', 'pool') THEN {takeout('s.bet_type')}
                 ELSE 1 - 1 / coalesce(m.factor, {fixed_factor('s.market', 's.sport')}) END AS cents
          FROM {source} s LEFT JOIN multi m USING (bet_id) WHERE s.stake_cents > 0 AND s.status <> 'void')
        SELECT {money('sum(cents)')} AS total, CAST(count(*) AS INTEGER) AS bets,
               {money('sum(stake_cents)')} AS staked,
               {money('sum(profit_cents + cents) FILTER (WHERE settled)')} AS luck FROM cost""")
    total, bets, staked, luck = (got[k][0] for k in ("total", "bets", "staked", "luck"))
    return {"total": round(total or 0.0, 2), "per_100": round(100 * total / staked, 2) if staked else None,
            "luck": round(luck or 0.0, 2), "bets": bets}


def average_punter(staked: float, net_profit: float) -> dict:
    """What Sportsbet's margin on all it takes would have cost the punter's turnover."""
    m = margins.SPORTSBET
    return {"margin": m.margin, "low": m.low, "high": m.high, "source": m.source,
            "loss": round(staked * m.margin, 2), "your_loss": round(0.0 - net_profit, 2) + 0.0}
