"""Reference data for the SQL understanding: keyword tables built once per connection
from `data/keywords.csv`, and lookups of the (few) distinct team sides and tracks.

Side and track names are looked up with `reference.lookup` / `reference._venue`
themselves: there are only as many distinct ones as teams, players and tracks
a punter bets on (a 100k-row sample has ~150 sides), and the Python lookup is
exactly the rule (casefold, Unicode `\\w`, longest whole-word alias).
"""
from __future__ import annotations

import csv
import functools
import io
import weakref

from ..model import UNKNOWN
from ..sql import csv_source
from . import reference
from .sql_patterns import B_AFTER, B_BEFORE

KEYWORDS = "tmb_ref_keyword"
_RE2_SPECIAL = set("\\.^$|?*+()[]{}")


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in text)


def _keyword_rows() -> list[dict]:
    """keywords.csv longest pattern first, as `reference._keywords` orders its alternatives."""
    return sorted(reference._rows("keywords.csv"), key=lambda r: -len(r["pattern"].strip()))


@functools.cache
def keyword_pattern() -> str:
    """reference._keywords' pattern for RE2: group 1 is the first keyword with no word
    character on either side (the lookarounds become consumed boundary characters)."""
    alternatives = "|".join(_escape(r["pattern"].strip()) for r in _keyword_rows())
    return rf"(?i){B_BEFORE}({alternatives}){B_AFTER}"


@functools.cache
def _keyword_csv() -> str:
    rows = _keyword_rows()
    meaning = {reference.norm(r["pattern"]): (r["sport"], r["competition"] or UNKNOWN) for r in rows}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["low", "sport", "competition"])
    seen = set()
    for r in rows:
        low = r["pattern"].strip().lower()
        if low not in seen:
            seen.add(low)
            writer.writerow([low, *meaning[reference.norm(r["pattern"])]])
    return out.getvalue()


def _load(conn, table: str, columns: dict[str, str], text: str) -> None:
    """CSV text into a temp table (an empty field reads as NULL: the data has none)."""
    name = f"{table}.csv"
    path = conn.register_text(name, text)
    try:
        conn.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {csv_source(path, columns)}")
    finally:
        conn.unregister(name)


#: The connections that hold the keyword table already. Remembered here rather than asked of
#: the database: DuckDB-WASM takes tens of ms to list its tables, at every import.
_HAVE_KEYWORDS: weakref.WeakSet = weakref.WeakSet()


def prepare() -> None:
    """Read the reference data (teams, players, names several teams go by, tracks, keywords)
    now rather than in the first import: the browser's engine calls it while DuckDB starts."""
    reference._names()
    reference._shared()
    reference._tracks()
    _keyword_csv()
    keyword_pattern()


def ensure_keywords(conn) -> None:
    """The keyword meanings as a temp table, created once per connection."""
    if conn not in _HAVE_KEYWORDS:
        _load(conn, KEYWORDS, {"low": "VARCHAR", "sport": "VARCHAR", "competition": "VARCHAR"},
              _keyword_csv())
        _HAVE_KEYWORDS.add(conn)


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def load_lookups(conn, sides: list[str], tracks: list[str], side_table: str, track_table: str) -> None:
    """What each distinct side and track names: one row per (name, entity / track option); a
    side's rows are `shared` when its name is one several teams go by (`reference.shared`)."""
    side_rows = [(s, e.sport, e.competition, e.name, shared) for s in sides
                 for shared, found in ((False, reference.lookup(s)), (True, reference.shared(s))) for e in found]
    track_rows = [(t, code, name) for t in tracks for code, name in reference._venue(t)]
    _load(conn, side_table, {"side": "VARCHAR", "sport": "VARCHAR", "competition": "VARCHAR", "name": "VARCHAR",
                             "shared": "BOOLEAN"}, _csv(["side", "sport", "competition", "name", "shared"], side_rows))
    _load(conn, track_table, {"track": "VARCHAR", "code": "VARCHAR", "name": "VARCHAR"},
          _csv(["track", "code", "name"], track_rows))
