"""When the punter bets and which legs their multis hold, as SQL over the filtered bets
(`summary --json`'s `insights`: `weekday_hour`, `legs_by_sport`, `legs_by_competition`).

A bet belongs to the weekday and hour it was placed in, on the export's own clock (AEST as
stored, never shifted), with the profit `net_profit` gives it. A multi's legs are read from its
legs JSON (understand/sql_infer.py: each leg `[event, market, selection, price, runner,
component, sport, competition]`) with string functions: DuckDB-WASM must not load the json
extension.
"""
from __future__ import annotations

from ..model import UNKNOWN
from ..sql import Connection, count, lit, money, rows, total
from .metrics import SETTLED

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Items of one leg in the legs JSON, and the places of its market, sport and competition (1-based).
LEG_ITEMS, LEG_MARKET, LEG_SPORT, LEG_COMPETITION = 8, 2, 7, 8
#: One item of the legs JSON: a string (its escapes included), null, or a number.
_ITEM = r'"(?:[^"\\]|\\.)*"|null|-?[0-9][0-9.eE+-]*'
#: The selection of a first "leg" that is the multi's header line ("2 Leg Multi @ 3.29"), no leg
#: (insights.HEADER_LEG, which leg_count leaves out too).
_HEADER = r'^"[0-9]+ Leg Multi"$'
#: The scratch tables of every stored multi's legs (`stored_legs`) and of the filtered ones' (`materialise_legs`).
ALL_LEGS, LEGS = "tmb_all_legs", "tmb_legs"


def weekday_hour(conn: Connection, source: str) -> list[dict]:
    """Bets, stakes and profit for each of the week's 7 x 24 hours (Monday 0 to Sunday 6, hour 0
    to 23), every hour listed, Monday's first."""
    got = rows(conn.query(f"""SELECT CAST(isodow(bet_time) - 1 AS INTEGER) AS weekday,
        CAST(hour(bet_time) AS INTEGER) AS hour, {count()} AS bets,
        {money(total('stake_cents'))} AS staked, {money(total('profit_cents'))} AS net_profit
        FROM {source} GROUP BY ALL"""))
    found = {(r["weekday"], r["hour"]): r for r in got}
    empty = {"bets": 0, "staked": 0.0, "net_profit": 0.0}
    return [{"weekday": d, "hour": h, **{k: _cents(v) for k, v in _figures(found.get((d, h), empty)).items()}}
            for d in range(7) for h in range(24)]


def _figures(row: dict) -> dict:
    return {k: row[k] for k in ("bets", "staked", "net_profit")}


def _cents(value):
    return round(value, 2) if isinstance(value, float) else value


def _json_text(item: str) -> str:
    """SQL: a JSON item of the legs as text (a string unquoted and unescaped; null as Unknown)."""
    inner = f"{item}[2:-2]"
    plain = f"replace(replace(replace({inner}, '\\\\', chr(1)), '\\\"', '\"'), chr(1), '\\')"
    return f"CASE WHEN {item} = 'null' THEN {lit(UNKNOWN)} ELSE {plain} END"


def all_legs_sql() -> str:
    """SQL: one row per leg of every stored multi (bet_base): bet_id, leg number, market, sport,
    competition. A leg without an event or market, or whose event's sport is not known, has
    Unknown there. The one reading of the legs JSON, for the legs view and the prices' cost
    (price.py); it changes only with the stored rows (`Ledger` fills ALL_LEGS once per change)."""
    return f"""
        WITH m AS (
          SELECT bet_id, regexp_extract_all(legs, {lit(_ITEM)}) AS items
          FROM bet_base WHERE bet_kind = 'multi' AND legs IS NOT NULL),
        l AS (SELECT bet_id, unnest(range(0, len(items) // {LEG_ITEMS})) AS leg, items FROM m)
        SELECT bet_id, leg,
          {_json_text(f'items[leg * {LEG_ITEMS} + {LEG_MARKET}]')} AS market,
          {_json_text(f'items[leg * {LEG_ITEMS} + {LEG_SPORT}]')} AS sport,
          {_json_text(f'items[leg * {LEG_ITEMS} + {LEG_COMPETITION}]')} AS competition
        FROM l WHERE NOT (leg = 0 AND items[1] = 'null' AND items[2] = 'null'
                          AND regexp_matches(items[3], {lit(_HEADER)}))"""


def stored_legs(conn: Connection) -> str:
    """Every stored multi's legs (`all_legs_sql`) into a scratch table, whose name it returns;
    the caller fills it again only when the stored rows change."""
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {ALL_LEGS} AS {all_legs_sql()}")
    return ALL_LEGS


def materialise_legs(conn: Connection, source: str, stored: str) -> str:
    """The legs of the filtered multis `source`, from the `stored` legs (`stored_legs`), with
    whether each multi won or lost (settled and returned more or less than its stake), into a
    scratch table whose name it returns. Each call replaces the last one's."""
    conn.execute(f"""CREATE OR REPLACE TEMP TABLE {LEGS} AS
        SELECT l.*, {SETTLED} AND s.return_cents > s.stake_cents AS won,
               {SETTLED} AND s.return_cents < s.stake_cents AS lost
        FROM {stored} l JOIN {source} s USING (bet_id) WHERE s.bet_kind = 'multi'""")
    return LEGS


def legs_by(conn: Connection, legs: str, keys: tuple[str, ...]) -> list[dict]:
    """The filtered multis' `legs` (`materialise_legs`) counted by `keys` ("sport", or "sport" and
    "competition"): how many legs, in how many multis, of which how many won and lost; most legs first."""
    names = ", ".join(keys)
    got = rows(conn.query(f"""SELECT {names}, {count()} AS legs, count(DISTINCT bet_id) AS multis,
        count(DISTINCT bet_id) FILTER (WHERE won) AS multis_won,
        count(DISTINCT bet_id) FILTER (WHERE lost) AS multis_lost
        FROM {legs} GROUP BY {names} ORDER BY legs DESC, {names}"""))
    return [{**r, **{k: int(r[k]) for k in ("multis", "multis_won", "multis_lost")}} for r in got]


def patterns(conn: Connection, source: str, legs: str) -> dict:
    """Every figure of this module for the filtered bets `source` and their `legs`."""
    return {"weekday_hour": weekday_hour(conn, source),
            "legs_by_sport": legs_by(conn, legs, ("sport",)),
            "legs_by_competition": legs_by(conn, legs, ("sport", "competition"))}
