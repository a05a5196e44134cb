"""How often the punter loses, as SQL over the filtered bets: the figures that set the truth
against the feeling (`summary --json`'s `insights`).

A bet belongs to the day, week (Monday to Sunday) and month it was placed in, with the profit
`net_profit` gives it (a bet with no result yet counts as the loss of its cash stake; a
bonus-funded bet costs nothing). A period counts only when a bet was placed in it.
What the prices were expected to cost, against what happened, is figures/price.py's.
"""
from __future__ import annotations

from ..model import Filters
from ..sql import Connection, count, lit, money, rows, total
from . import margins, price
from .metrics import SETTLED, bets_source
from .patterns import materialise_legs, patterns, stored_legs

#: Bands of the price of single fixed-odds bets: (name, lowest price, price it stays under).
PRICE_BANDS = (("under 1.50", None, 1.5), ("1.50-1.99", 1.5, 2.0), ("2.00-2.99", 2.0, 3.0),
               ("3.00-4.99", 3.0, 5.0), ("5.00-9.99", 5.0, 10.0), ("10.00 and over", 10.0, None))
#: Legs JSON whose first leg is the multi's header line ("2 Leg Multi @ 3.29"), not a selection.
HEADER_LEG = r'^\[\[null,null,"[0-9]+ Leg Multi",'
PERIOD_UNITS = {"days": "day", "weeks": "week", "months": "month"}


def insights(conn: Connection, f: Filters, headline: dict, source: str | None = None,
             legs: str | None = None) -> dict:
    """Every insight for the filters `f`; `headline` is `Ledger.headline(f)` (its returned and
    staked), `source` the filtered bets (`metrics.materialise`) and `legs` every stored multi's
    legs (`patterns.stored_legs`) when they were computed already."""
    source = bets_source(f, source)
    out = {}
    for name, unit in PERIOD_UNITS.items():
        out[name], out[f"{name}_lost"] = _periods(conn, source, unit)
    out["settled_lost_share"] = _settled_lost_share(conn, source)
    staked = headline["staked"]
    out["return_per_100"] = round(100 * headline["returned"] / staked, 2) if staked else None
    out["price_bands"] = _price_bands(conn, source)
    out["by_legs"] = _by_legs(conn, source)
    out["longest_losing_run"] = _longest_run(conn, source, "<")
    out["longest_winning_run"] = _longest_run(conn, source, ">")
    out["net_profit_without_bonus"] = _cents(conn.query(
        f"SELECT {money(total('profit_cents') + ' FILTER (WHERE NOT bonus_funded)')} AS p FROM {source}")["p"][0])
    legs = materialise_legs(conn, source, legs or stored_legs(conn))
    out["expected_loss"] = price.expected_loss(conn, source, legs)
    out["average_punter"] = price.average_punter(staked, headline["net_profit"])
    out["margin_table"] = margins.table()
    out.update(patterns(conn, source, legs))
    return out


def _cents(value: float) -> float:
    return round(value, 2)


def _periods(conn: Connection, source: str, unit: str) -> tuple[int, int]:
    """How many periods of `unit` had a bet placed, and in how many those bets lost money."""
    got = conn.query(f"""SELECT {count()} AS periods, {count('profit < 0')} AS lost
        FROM (SELECT date_trunc('{unit}', bet_time) AS period, sum(profit_cents) AS profit
              FROM {source} GROUP BY period)""")
    return got["periods"][0], got["lost"][0]


def _settled_lost_share(conn: Connection, source: str) -> float | None:
    got = conn.query(f"""SELECT {count(SETTLED)} AS settled,
        {count(f'{SETTLED} AND return_cents < stake_cents')} AS lost FROM {source}""")
    settled = got["settled"][0]
    return round(got["lost"][0] / settled, 6) if settled else None


def _band_sql() -> str:
    cases = " ".join(f"WHEN price < {top} THEN {i}" for i, (_, _, top) in enumerate(PRICE_BANDS) if top)
    return f"CASE {cases} ELSE {len(PRICE_BANDS) - 1} END"


def _price_bands(conn: Connection, source: str) -> list[dict]:
    """Single fixed-odds bets (a single with a price) by the band of their price, every band listed."""
    got = rows(conn.query(f"""SELECT {_band_sql()} AS band, {count()} AS bets,
        {money(total('stake_cents'))} AS staked, {money(total('profit_cents'))} AS net_profit
        FROM {source} WHERE bet_kind = 'single' AND price IS NOT NULL GROUP BY band"""))
    found = {r["band"]: r for r in got}
    return [{"band": name, "bets": found.get(i, {}).get("bets", 0),
             "staked": _cents(found.get(i, {}).get("staked", 0.0)),
             "net_profit": _cents(found.get(i, {}).get("net_profit", 0.0))}
            for i, (name, _, _) in enumerate(PRICE_BANDS)]


def leg_count(column: str = "legs") -> str:
    """How many legs a bet's legs JSON (understand/sql_infer.py: an array of arrays, each leg's
    first item a string or null) holds, without DuckDB's json extension (DuckDB-WASM would fetch
    it from another origin) and without a regular expression (slow over long Summaries): the
    legs after the first each begin `],["` or `],[null`, and inside a JSON string a quote is
    always escaped, so `],["` is never in one. A first "leg" that is the Summary's header ("2 Leg
    Multi @ 3.29": no event, no market; HEADER_LEG) is no leg."""
    def times(text: str) -> str:
        return f"(length({column}) - length(replace({column}, '{text}', ''))) // {len(text)}"
    later = " + ".join(times(start) for start in ('],["', "],[null"))
    header = f"CASE WHEN regexp_matches({column}, {lit(HEADER_LEG)}) THEN 1 ELSE 0 END"
    return f"CASE WHEN {column} = '[]' THEN 0 ELSE CAST(1 + {later} - {header} AS INTEGER) END"


def _by_legs(conn: Connection, source: str) -> list[dict]:
    """Multis by their number of legs (as many as the Summary names), fewest first."""
    got = rows(conn.query(f"""SELECT {leg_count('b.legs')} AS legs, {count()} AS bets,
        {money(total('s.stake_cents'))} AS staked, {money(total('s.profit_cents'))} AS net_profit
        FROM {source} s JOIN bet_base b USING (bet_id)
        WHERE s.bet_kind = 'multi' AND b.legs IS NOT NULL GROUP BY 1 ORDER BY 1"""))
    return [{**r, "staked": _cents(r["staked"]), "net_profit": _cents(r["net_profit"])} for r in got]


def _longest_run(conn: Connection, source: str, sign: str) -> dict | None:
    """The longest run of settled bets in the order they were placed that each lost (`sign` "<")
    or won (">") money, and the days it ran from and to; the earliest when runs tie. A void bet
    is not settled, so it neither breaks nor lengthens a run; a bet that broke even breaks it."""
    got = rows(conn.query(f"""
        WITH s AS (SELECT bet_time, bet_id, profit_cents {sign} 0 AS hit,
                          row_number() OVER (ORDER BY bet_time, bet_id) AS n
                   FROM {source} WHERE {SETTLED}),
        r AS (SELECT *, n - row_number() OVER (PARTITION BY hit ORDER BY n) AS run FROM s WHERE hit)
        SELECT {count()} AS bets, strftime(min(bet_time), '%Y-%m-%d') AS "from",
               strftime(max(bet_time), '%Y-%m-%d') AS "to", min(n) AS first
        FROM r GROUP BY run ORDER BY bets DESC, first LIMIT 1"""))
    return {k: v for k, v in got[0].items() if k != "first"} if got else None
