"""SQL text that reads Summary lines the way `summary.parse_summary` does, set-based.

Python's `re` patterns are rewritten for RE2 (DuckDB's engine): no `\\b` or
lookarounds, and `\\w`, `\\d`, `\\s` spelled as Unicode classes where Python's
are Unicode-aware. Lines are first normalised (`" ".join(raw.split())`), so
inside a line the only whitespace left is a single ASCII space.
"""
from __future__ import annotations

from .bets import lit

#: Python's `\\w` (str.isalnum() or "_"), as the inside of an RE2 class.
WORD = r"\p{L}\p{N}_"
#: A position where Python's `\\b` holds before / after a word character.
B_BEFORE = rf"(?:^|[^{WORD}])"
B_AFTER = rf"(?:[^{WORD}]|$)"
#: Python's `\\d` (str.isdecimal()).
DIGIT = r"\p{Nd}"
#: The characters str.splitlines() breaks at, and those str.split() treats as whitespace.
LINE_BREAKS = r"[\n\r\x{0b}\x{0c}\x{1c}-\x{1e}\x{85}\x{2028}\x{2029}]"
SPACES = (r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
          r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+")

# summary._SELECTION, _RACE, _SIDES, _RUNNERS
SELECTION = (rf"(?i)^(?:({DIGIT}{{1,2}})\.\s*)?(.*?)\s*@\s*\$?({DIGIT}{{1,5}}(?:\.{DIGIT}{{1,3}})?)"
             r"\s*(?:\((win|place|each\s*way|ew)\))?$")
RACE = rf"^(.+?)\s+-\s+(?:R({DIGIT}{{1,2}})(?:[^{WORD}].*)?|{DIGIT}{{1,2}}:{DIGIT}{{2}})$"
SIDES = r"(?i)^(.*?)\s+(?:v|vs\.?|at|@)\s+(.*)$"
RUNNERS = rf"\(({DIGIT}{{1,2}}(?:\s*,\s*{DIGIT}{{1,2}})*)\)\s*$"
# kinds._MULTI (matched at the start of each event or market line)
MULTI = rf"(?i)^(?:{DIGIT}+\s*leg\s+)?(?:multi|multibet|parlay){B_AFTER}"
# reference._CODE_HINTS, _CRICKET_HINTS, _WOMEN
GREYHOUND = (rf"(?i){B_BEFORE}{DIGIT}{{3}}m{B_AFTER}|{B_BEFORE}grade\s*{DIGIT}"
             rf"|{B_BEFORE}greyhound|{B_BEFORE}dogs?{B_AFTER}")
HARNESS = (rf"(?i){B_BEFORE}(?:pace|pacers?|trot(?:ters?)?|mobile|standing start|harness){B_AFTER}")
THOROUGHBRED = (rf"(?i){B_BEFORE}(?:hcp|handicap|plate|benchmark|stakes|guineas|cup|mdn|maiden){B_AFTER}"
                rf"|{B_BEFORE}bm\s?{DIGIT}")
CRICKET = (rf"(?i){B_BEFORE}(?:test|odi|t20|twenty20|batter|batsman|bowler|wickets?|innings|runs"
           rf"|sixes|top bat){B_AFTER}")
WOMEN = rf"(?i){B_BEFORE}(?:aflw|women){B_AFTER}|\(w\)"

_COMPONENT = """CASE lower(m.comp) WHEN 'win' THEN 'Win' WHEN 'place' THEN 'Place'
    WHEN 'each way' THEN 'Each Way' WHEN 'eachway' THEN 'Each Way' WHEN 'ew' THEN 'Each Way' END"""


def lines_sql(summaries: str) -> str:
    """One row per Summary line: (sid, i, line) with the line normalised."""
    return f"""
        SELECT sid, i, trim(regexp_replace(raw, {lit(SPACES)}, ' ', 'g')) AS line FROM (
          SELECT sid, unnest(parts) AS raw, generate_subscripts(parts, 1) AS i
          FROM (SELECT sid, regexp_split_to_array(summary, {lit(LINE_BREAKS)}) AS parts FROM {summaries}))"""


def facts_sql(lines: str, keyword_pattern: str) -> str:
    """What each distinct non-blank line is: a selection, or else its event / market facts."""
    return f"""
        WITH d AS (SELECT DISTINCT line FROM {lines} WHERE line <> ''),
        s AS (SELECT line, regexp_extract(line, {lit(SELECTION)}, ['runner', 'sel', 'price', 'comp']) AS m FROM d),
        n AS (SELECT line, m, m.sel <> '' AS is_sel,
                CASE WHEN m.sel = '' THEN regexp_extract(line, {lit(RACE)}, ['track', 'race']) END AS r,
                CASE WHEN m.sel = '' THEN regexp_extract(line, {lit(SIDES)}, ['a', 'b']) END AS v
              FROM s)
        SELECT line, is_sel,
          CASE WHEN is_sel THEN trim(m.sel) END AS selection,
          CASE WHEN is_sel THEN CAST(m.price AS DOUBLE) END AS price,
          CASE WHEN is_sel AND m.runner <> '' THEN CAST(m.runner AS INTEGER) END AS runner,
          CASE WHEN is_sel THEN {_COMPONENT} END AS component,
          NOT is_sel AND r.track <> '' AS is_race,
          CASE WHEN r.track <> '' THEN trim(r.track) END AS track,
          r.race <> '' AS numbered,
          CASE WHEN trim(v.a) <> '' AND trim(v.b) <> '' THEN trim(v.a) END AS side_a,
          CASE WHEN trim(v.a) <> '' AND trim(v.b) <> '' THEN trim(v.b) END AS side_b,
          CASE WHEN NOT is_sel THEN nullif(regexp_replace(regexp_extract(line, {lit(RUNNERS)}, 1),
                                                          '\\s*,\\s*', ', ', 'g'), '') END AS runners,
          CASE WHEN NOT is_sel THEN nullif(regexp_extract(line, {lit(keyword_pattern)}, 1), '') END AS keyword,
          NOT is_sel AND regexp_matches(line, {lit(CRICKET)}) AS cricket,
          NOT is_sel AND regexp_matches(line, {lit(WOMEN)}) AS women,
          NOT is_sel AND regexp_matches(line, {lit(GREYHOUND)}) AS greyhound,
          NOT is_sel AND regexp_matches(line, {lit(HARNESS)}) AS harness,
          NOT is_sel AND regexp_matches(line, {lit(THOROUGHBRED)}) AS thoroughbred,
          NOT is_sel AND regexp_matches(line, {lit(MULTI)}) AS multi
        FROM n"""


def classified_sql(lines: str, facts: str) -> str:
    """Each line as blank, sel (a leg), ev (an event) or mk (a market): parse_summary's state machine.

    `fresh` holds on the first line and after a blank line or a leg; the first line that is
    neither is always an event (`event is None`), later ones only when fresh and event-shaped.
    """
    return f"""
        WITH a AS (
          SELECT l.sid, l.i, l.line, f.* EXCLUDE (line),
            CASE WHEN l.line = '' THEN 'blank' WHEN f.is_sel THEN 'sel' ELSE 'ns' END AS c
          FROM {lines} l LEFT JOIN {facts} f ON f.line = l.line),
        b AS (
          SELECT *, coalesce(lag(c) OVER (PARTITION BY sid ORDER BY i) IN ('blank', 'sel'), true) AS fresh,
            min(i) FILTER (WHERE c = 'ns') OVER (PARTITION BY sid) AS first_ns
          FROM a)
        SELECT * EXCLUDE (c, fresh, first_ns),
          CASE WHEN c <> 'ns' THEN c
               WHEN i = first_ns OR (fresh AND (is_race OR side_a IS NOT NULL)) THEN 'ev'
               ELSE 'mk' END AS k
        FROM b"""


def legs_sql(classified: str) -> str:
    """One row per leg: (sid, n, event, market, selection, price, runner, component), as summary._leg."""
    return f"""
        WITH w AS (
          SELECT sid, i, k, selection, price, runner, component,
            last_value(CASE WHEN k = 'ev' THEN line END IGNORE NULLS) OVER w AS event,
            max(CASE WHEN k = 'ev' THEN i END) OVER w AS ev_i,
            last_value(CASE WHEN k = 'mk' THEN line END IGNORE NULLS) OVER w AS mk,
            max(CASE WHEN k = 'mk' THEN i END) OVER w AS mk_i
          FROM {classified}
          WINDOW w AS (PARTITION BY sid ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
        m AS (
          SELECT *, CASE WHEN mk_i > coalesce(ev_i, 0) THEN mk END AS market0 FROM w WHERE k = 'sel'),
        p AS (SELECT *, instr(market0, ' - ') AS dash FROM m)
        SELECT sid, CAST(row_number() OVER (PARTITION BY sid ORDER BY i) AS INTEGER) AS n, event,
          CASE WHEN dash > 0 AND starts_with(lower(selection), lower(trim(left(market0, dash - 1))))
               THEN trim(substr(market0, dash + 3)) ELSE market0 END AS market,
          selection, price, runner, component
        FROM p"""
