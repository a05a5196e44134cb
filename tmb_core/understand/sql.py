"""The Summary understood in DuckDB, set-based: the same answers as
`details.details` (through `details.derived`) for every row of a table at once.

Work is done once per distinct Summary (and per distinct line inside them); the
flags and the month only pick among a Summary's answers at the end. Python does
only the lookups of distinct side and track names (see sql_reference.py).

Known differences from the Python reference, all on odd text only:
* Unicode classes follow DuckDB's RE2 tables (`\\p{L}\\p{N}_` for `\\w`, `\\p{Nd}`
  for `\\d`), which may differ from Python's for characters new in a Unicode version;
* `str.lower` vs DuckDB `lower` in the player-prefix test (`Jimmy Butler - Rebounds`):
  they differ on 'İ' and on a Greek capital sigma at the end of a word;
* RE2's case-insensitive matching folds a few non-ASCII letters differently from
  Python's `re.I` (e.g. the dotless 'ı' against 'i' in '(Wın)').
Prices and runner numbers in non-ASCII digits, which DuckDB cannot cast, are read
by Python's float()/int() (only those distinct texts).
"""
from __future__ import annotations

import time

from ..sql import lit, scalar
from .reference import AFLW_FROM_MONTH, MIXED
from .sql_infer import (
    combined_sql,
    context_sql,
    event_facts_sql,
    events_sql,
    inferred_sql,
    leg_summary_sql,
    legs_json_sql,
)
from .sql_lines import ascii_sql, classified_sql, facts_sql, legs_sql, lines_sql
from .sql_reference import KEYWORDS, ensure_keywords, keyword_pattern, load_lookups

_P = "tmb_u_"
_KIND = """CASE WHEN flag_multiple THEN 'multi' WHEN flag_exotic THEN 'exotic'
    WHEN flag_pool THEN 'pool' WHEN flag_single THEN 'single' ELSE 'unknown' END"""
_TABLES = ("rows", "sum", "line", "fact", "cls", "leg", "ctx", "legsum", "ev", "side", "track",
           "evfact", "pairs", "inf", "legjson", "comb")


def understand(conn, source: str, target: str, timings: dict | None = None) -> None:
    """Create (or replace) TEMP table `target`: key + schema.DERIVED for every row of `source`
    (key, summary, flag_single, flag_multiple, flag_exotic, flag_pool, month)."""
    ensure_keywords(conn)
    for name, sql in _line_steps(source):
        _run(conn, name, sql, timings)
    ascii = _facts(conn, timings)
    _drop(conn, "sum")
    _run(conn, "cls", classified_sql(_P + "line", _P + "fact"), timings)
    _numbers(conn)
    _lookups(conn)
    for name, sql in _steps(ascii):
        _run(conn, name, sql, timings)
    _run(conn, target, _final_sql(), timings, prefix="")
    _drop(conn, *_TABLES)


#: Tables no later step reads, by the step that read them last: dropped at once, so the
#: memory they held serves the next steps (DuckDB-WASM grows its heap slowly).
_DONE_AFTER = {"cls": ("line",), "ctx": ("cls",), "evfact": ("fact", "side", "track"),
               "inf": ("evfact",), "legjson": ("leg", "pairs"), "comb": ("inf",)}


def _run(conn, name: str, sql: str, timings: dict | None, prefix: str = _P) -> None:
    start = time.perf_counter()
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {prefix}{name} AS {sql}")
    _drop(conn, *_DONE_AFTER.get(name, ()))
    if timings is not None:
        timings[name] = time.perf_counter() - start


def _drop(conn, *names: str) -> None:
    for name in names:
        conn.execute(f"DROP TABLE IF EXISTS {_P}{name}")


def _line_steps(source: str) -> list[tuple[str, str]]:
    t = {n: _P + n for n in _TABLES}
    return [
        ("sum", f"""SELECT row_number() OVER () AS sid, summary
                      FROM (SELECT DISTINCT coalesce(summary, '') AS summary FROM {source})"""),
        ("rows", f"""SELECT r.key, s.sid, {_KIND} AS kind, coalesce(month >= {AFLW_FROM_MONTH}, false) AS late
                     FROM {source} r JOIN {t['sum']} s ON s.summary = coalesce(r.summary, '')"""),
        ("line", lines_sql(t["sum"])),
    ]


def _facts(conn, timings: dict | None) -> bool:
    """The facts of every distinct line, ASCII lines first (cheap patterns), the others
    after them when a Summary is not all ASCII. Return True when every Summary (so every
    line) is all ASCII."""
    _run(conn, "fact", facts_sql(_P + "line", keyword_pattern(), KEYWORDS, ascii=True), timings)
    start = time.perf_counter()
    odd = scalar(conn.query(f"SELECT count(*) AS n FROM {_P}sum WHERE NOT {ascii_sql('summary')}"))
    if odd:
        first = scalar(conn.query(f"SELECT count(*) AS n FROM {_P}fact"))
        conn.execute(f"""INSERT INTO {_P}fact BY NAME
            {facts_sql(_P + "line", keyword_pattern(), KEYWORDS, ascii=False, first_lid=first)}""")
    if timings is not None:
        timings["fact_odd"] = time.perf_counter() - start
    return not odd


def _steps(ascii: bool) -> list[tuple[str, str]]:
    """The steps after the lines are classified (`ascii`: every line is all ASCII)."""
    t = {n: _P + n for n in _TABLES}
    return [
        ("leg", legs_sql(t["cls"], t["fact"])),
        ("ev", events_sql(t["leg"], t["cls"], t["fact"])),
        ("ctx", context_sql(t["cls"], t["fact"], ascii)),
        ("legsum", leg_summary_sql(t["leg"])),
        ("pairs", f"SELECT DISTINCT sid, late FROM {t['rows']}"),
        ("evfact", event_facts_sql(t["ev"], t["fact"], t["side"], t["track"])),
        ("inf", inferred_sql(t["ev"], t["evfact"], t["ctx"], t["pairs"])),
        ("legjson", legs_json_sql(t["leg"], t["ev"], t["inf"], t["pairs"])),
        ("comb", combined_sql(t["inf"])),
    ]


def _numbers(conn) -> None:
    """Prices and runner numbers in non-ASCII digits (DuckDB casts ASCII only) read by Python."""
    odd = conn.query(f"""
        SELECT DISTINCT price_text, runner_text FROM {_P}fact
        WHERE is_sel AND (price IS NULL OR (runner IS NULL AND runner_text IS NOT NULL))""")
    if not odd["price_text"]:
        return
    prices = " ".join(f"WHEN {lit(t)} THEN {lit(float(t))}" for t in set(odd["price_text"]))
    runners = " ".join(f"WHEN {lit(t)} THEN {lit(int(t))}" for t in set(odd["runner_text"]) if t)
    conn.execute(f"""UPDATE {_P}fact SET price = coalesce(price, CASE price_text {prices} END),
        runner = coalesce(runner, CASE runner_text {runners or "WHEN NULL THEN NULL"} END) WHERE is_sel""")


def _lookups(conn) -> None:
    """Sides and tracks of the event lines, looked up in Python (few distinct names)."""
    names = conn.query(f"""
        SELECT DISTINCT f.side_a AS side, f.side_b AS side_b, coalesce(f.track, f.pool_track) AS track
        FROM {_P}fact f WHERE f.lid IN (SELECT lid FROM {_P}cls WHERE k = 'ev')""")
    sides = sorted({s for s in names["side"] + names["side_b"] if s is not None})
    tracks = sorted({t for t in names["track"] if t is not None})
    load_lookups(conn, sides, tracks, _P + "side", _P + "track")


def _final_sql() -> str:
    t = {n: _P + n for n in _TABLES}
    return f"""
        WITH e AS (SELECT sid, count(*) AS n_events, min(event) AS event FROM {t['ev']} GROUP BY sid),
        j AS (
          SELECT r.key, r.kind, e.n_events, e.event, c.* EXCLUDE (sid), l.* EXCLUDE (sid), b.sport, b.competition, b.teams,
            coalesce(l.n_legs, 0) AS legs_n, lj.legs
          FROM {t['rows']} r LEFT JOIN e ON e.sid = r.sid LEFT JOIN {t['ctx']} c ON c.sid = r.sid
          LEFT JOIN {t['legsum']} l ON l.sid = r.sid
          LEFT JOIN {t['legjson']} lj ON lj.sid = r.sid AND lj.late = r.late
          LEFT JOIN {t['comb']} b ON b.sid = r.sid AND b.late = r.late)
        SELECT key, {_bet_kind()} AS bet_kind, {_bet_type()} AS bet_type,
          CASE WHEN n_events = 1 THEN event END AS event,
          CASE WHEN leg_market IS NULL THEN first_market WHEN leg_market = leg_market_max THEN leg_market
               ELSE {lit(MIXED)} END AS market,
          CASE WHEN legs_n = 1 THEN selection ELSE runners END AS selection,
          CASE WHEN legs_n = 1 THEN price END AS price,
          CASE WHEN legs_n = 1 THEN runner END AS runner,
          CASE WHEN legs_n = 1 THEN component END AS component,
          legs, coalesce(sport, 'Unknown') AS sport, coalesce(competition, 'Unknown') AS competition,
          teams
        FROM j"""


def _bet_kind() -> str:
    return """CASE
      WHEN (coalesce(same_race, false) OR coalesce(same_game, false)) AND kind IN ('multi', 'unknown') THEN 'multi'
      WHEN kind = 'unknown' AND exotic IS NOT NULL THEN 'exotic'
      WHEN kind = 'unknown' AND coalesce(multi, false) THEN 'multi'
      ELSE kind END"""


def _bet_type() -> str:
    return """CASE
      WHEN coalesce(same_race, false) AND kind IN ('multi', 'unknown') THEN 'Same Race Multi'
      WHEN coalesce(same_game, false) AND kind IN ('multi', 'unknown') THEN 'Same Game Multi'
      WHEN kind IN ('exotic', 'pool', 'unknown') AND exotic IS NOT NULL THEN exotic
      WHEN kind = 'pool' THEN 'Tote'
      WHEN kind = 'exotic' THEN 'Exotic'
      WHEN kind = 'multi' OR (kind = 'unknown' AND coalesce(multi, false)) THEN 'Multi'
      WHEN kind IN ('single', 'unknown') AND coalesce(each_way, false) THEN 'Each Way'
      WHEN kind IN ('single', 'unknown') AND coalesce(place, false) THEN 'Place'
      WHEN kind IN ('single', 'unknown') THEN 'Single'
      ELSE 'Unknown' END"""
