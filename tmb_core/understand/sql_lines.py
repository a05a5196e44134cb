"""SQL text that reads Summary lines the way `summary.parse_summary` does, set-based.

Lines are first normalised (`" ".join(raw.split())`), so inside a line the only
whitespace left is a single ASCII space; the patterns are in sql_patterns.py.
Facts are read in two passes, ASCII lines with `ascii_only` patterns (cheap in RE2) and,
when there are any, the other lines with the Unicode ones.
"""
from __future__ import annotations

from ..sql import lit
from .reference import _CODE_WORDS, _DISTANCE, _DISTANCES
from .sql_patterns import (
    CODE_WORDS,
    CRICKET,
    EXOTIC_ANY,
    LINE_BREAKS,
    MULTI,
    ODD_BREAKS,
    PARTIAL,
    POOL_HEADING,
    RACE,
    RACE_REST,
    RUNNER,
    RUNNERS,
    SAME_GAME,
    SAME_RACE,
    SIDES,
    SIDES_GUARD,
    SPACES,
    TAIL,
    UNTIDY,
    WOMEN,
    WORDS,
    exotic_rank,
    patterns_for,
)

_COMPONENT = """CASE lower(comp) WHEN 'win' THEN 'Win' WHEN 'place' THEN 'Place'
    WHEN 'each way' THEN 'Each Way' WHEN 'eachway' THEN 'Each Way' WHEN 'ew' THEN 'Each Way' END"""


def lines_sql(summaries: str) -> str:
    """One row per Summary line as written: (sid, i, raw). Most Summaries break only at \\n."""
    return f"""
        SELECT sid, unnest(parts) AS raw, generate_subscripts(parts, 1) AS i FROM (
          SELECT sid, CASE WHEN regexp_matches(summary, {lit(ODD_BREAKS)})
                           THEN regexp_split_to_array(summary, {lit(LINE_BREAKS)})
                           ELSE string_split(summary, chr(10)) END AS parts
          FROM {summaries})"""


def ascii_sql(text: str) -> str:
    """SQL: `text` is all ASCII (as many bytes as characters)."""
    return f"strlen({text}) = length({text})"


def _selection_sql(lines: str, ascii: bool) -> str:
    """Distinct lines (raw and normalised) that are (or are not) all ASCII, with their
    selection parts (sel is '' when not a selection)."""
    rx = patterns_for(ascii)
    return f"""
        WITH r AS (SELECT DISTINCT raw FROM {lines} WHERE ({ascii_sql('raw')}) = {ascii}),
        d AS (SELECT raw, CASE WHEN regexp_matches(raw, {lit(UNTIDY)})
                               THEN trim(regexp_replace(raw, {lit(SPACES)}, ' ', 'g')) ELSE trim(raw) END AS line
              FROM r),
        a AS (SELECT raw, line, CASE WHEN contains(line, '@') THEN split_part(line, '@', -1) END AS tail FROM d),
        b AS (SELECT raw, line, left(line, length(line) - length(tail) - 1) AS before,
                regexp_extract(tail, {lit(rx(TAIL))}, ['price', 'comp']) AS t
              FROM a WHERE regexp_matches(tail, {lit(rx(TAIL))})),
        c AS (SELECT *, CASE WHEN regexp_matches(before, {lit(rx(RUNNER))})
                             THEN regexp_extract(before, {lit(rx(RUNNER))}, 1) ELSE '' END AS runner FROM b),
        m AS (SELECT raw, runner, t.price, t.comp,
                rtrim(CASE WHEN runner = '' THEN before ELSE ltrim(substr(before, length(runner) + 2)) END) AS sel
              FROM c)
        SELECT d.raw, d.line, coalesce(m.sel, '') <> '' AS is_sel, m.runner, m.sel, m.price, m.comp
        FROM d LEFT JOIN m ON m.raw = d.raw"""


def _race_sql(rx) -> str:
    """_RACE's (track, numbered): its lazy track ends at the first " - " the rest fits,
    almost always the first one, so the whole pattern runs only when that one does not fit."""
    rest = "substr(line, instr(line, ' - ') + 3)"
    fast = f"regexp_matches({rest}, {lit(rx(RACE_REST))})"
    full = f"regexp_extract(line, {lit(rx(RACE))}, ['track', 'race'])"
    return f"""
        CASE WHEN NOT contains(line, ' - ') THEN NULL
             WHEN {fast} THEN {{'track': left(line, instr(line, ' - ') - 1), 'race': starts_with({rest}, 'R')}}
             WHEN regexp_matches(line, {lit(rx(RACE))}) THEN {{'track': {full}.track, 'race': {full}.race <> ''}}
        END"""


def _distances_sql(rx) -> str:
    """SQL: the distances in metres of a line, words of their own such as "(450m)" (reference.race_clues)."""
    return f"""CASE WHEN regexp_matches(line, '[0-9][0-9][0-9]') THEN list_transform(
        list_filter(regexp_extract_all(line, {lit(rx(WORDS))}), w -> regexp_full_match(w, {lit(_DISTANCE.pattern)})),
        w -> CAST(left(w, -1) AS INTEGER)) ELSE []::INTEGER[] END"""


def _race_clues(rx) -> str:
    """SQL: reference.race_clues' four clues as columns clue_1 .. clue_4, from the line's words and
    its distances (`metres`)."""
    out = []
    for i, ((codes, _), words) in enumerate(zip(_CODE_WORDS, CODE_WORDS), 1):
        ranges = [f"len(list_filter(metres, m -> m BETWEEN {low} AND {high})) > 0"
                  for low, high, left in _DISTANCES if left == codes]
        out.append(" OR ".join([f"regexp_matches(line, {lit(rx(words))})", *ranges]) + f" AS clue_{i}")
    return ",\n          ".join(out)


def _other_sql(keyword_pattern: str, keywords: str, ascii: bool) -> str:
    """Facts of lines that are not selections: event shape, runners and every hint."""
    rx = patterns_for(ascii)
    return f"""
        SELECT raw, line, false AS is_sel, r.track <> '' AS is_race,
          CASE WHEN r.track <> '' THEN trim(r.track) END AS track, coalesce(r.race, false) AS numbered,
          CASE WHEN trim(v.a) <> '' AND trim(v.b) <> '' THEN trim(v.a) END AS side_a,
          CASE WHEN trim(v.a) <> '' AND trim(v.b) <> '' THEN trim(v.b) END AS side_b,
          CASE WHEN suffix(line, ')') AND regexp_matches(line, {lit(rx(RUNNERS))})
               THEN regexp_replace(regexp_extract(line, {lit(rx(RUNNERS))}, 1), '\\s*,\\s*', ', ', 'g') END AS runners,
          (SELECT kw FROM {keywords} kw
           WHERE kw.low = lower(regexp_extract(line, {lit(rx(keyword_pattern))}, 1))) AS kw,
          regexp_matches(line, {lit(rx(CRICKET))}) AS cricket,
          regexp_matches(line, {lit(rx(WOMEN))}) AS women,
          {_race_clues(rx)},
          CASE WHEN coalesce(r.track, '') = '' AND contains(line, ' - ')
                AND regexp_matches(line, {lit(rx(POOL_HEADING))})
               THEN trim(regexp_extract(line, {lit(rx(POOL_HEADING))}, 1)) END AS pool_track,
          regexp_matches(line, {lit(rx(MULTI))}) AS multi,
          regexp_matches(line, {lit(rx(SAME_RACE))}) AS same_race,
          regexp_matches(line, {lit(rx(SAME_GAME))}) AS same_game,
          CASE WHEN regexp_matches(line, {lit(rx(EXOTIC_ANY))}) THEN {exotic_rank('line', ascii)} END AS exotic,
          regexp_matches(line, {lit(rx(PARTIAL))}) AS partial
        FROM (SELECT raw, line, {_race_sql(rx)} AS r, {_distances_sql(rx)} AS metres,
                CASE WHEN regexp_matches(line, {lit(rx(SIDES_GUARD))})
                     THEN regexp_extract(line, {lit(rx(SIDES))}, ['a', 'b']) END AS v
              FROM s WHERE NOT is_sel AND line <> '')"""


def facts_sql(lines: str, keyword_pattern: str, keywords: str, ascii: bool, first_lid: int = 0) -> str:
    """What each distinct line that is (or is not) all ASCII is, keyed by its raw text and
    numbered lid from first_lid + 1: blank, a selection, or else its event / market facts."""
    return f"""
        WITH s AS ({_selection_sql(lines, ascii)})
        SELECT CAST(row_number() OVER () + {first_lid} AS INTEGER) AS lid, * FROM (
        SELECT raw, line, true AS is_sel, sel AS selection, TRY_CAST(price AS DOUBLE) AS price,
          TRY_CAST(nullif(runner, '') AS INTEGER) AS runner, {_COMPONENT} AS component,
          price AS price_text, nullif(runner, '') AS runner_text
        FROM s WHERE is_sel
        UNION ALL BY NAME
        SELECT raw, line, false AS is_sel FROM s WHERE line = ''
        UNION ALL BY NAME
        SELECT * EXCLUDE (kw), kw.sport AS kw_sport, kw.competition AS kw_comp
        FROM ({_other_sql(keyword_pattern, keywords, ascii)}))"""


def classified_sql(lines: str, facts: str) -> str:
    """Each non-blank line as sel (a leg), ev (an event) or mk (a market): parse_summary's state machine.

    `fresh` holds on the first line and after a blank line or a leg; the first line that is
    neither is always an event (`event is None`), later ones only when fresh and event-shaped.
    """
    return f"""
        WITH a AS (
          SELECT l.sid, l.i, f.lid, CASE WHEN f.line = '' THEN 0 WHEN f.is_sel THEN 1 ELSE 2 END AS c,
            f.is_race OR f.side_a IS NOT NULL AS is_event
          FROM {lines} l JOIN {facts} f ON f.raw = l.raw),
        b AS (
          SELECT *, coalesce(lag(c) OVER (PARTITION BY sid ORDER BY i) < 2, true) AS fresh,
            min(CASE WHEN c = 2 THEN i END) OVER (PARTITION BY sid ORDER BY i
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_ns
          FROM a)
        SELECT sid, i, lid,
          CASE WHEN c = 1 THEN 'sel' WHEN i = first_ns OR (fresh AND is_event) THEN 'ev' ELSE 'mk' END AS k
        FROM b WHERE c > 0"""


def _latest(kind: str) -> str:
    """Window: (line number << 32) + lid of the latest line of this kind so far (one pass, no self-join)."""
    return f"max(CASE WHEN k = '{kind}' THEN i::BIGINT * 4294967296 + lid END) OVER w"


def legs_sql(classified: str, facts: str) -> str:
    """One row per leg: (sid, n, event, market, selection, price, runner, component), as summary._leg."""
    return f"""
        WITH w AS (
          SELECT sid, i, k, lid, {_latest('ev')} AS ev, {_latest('mk')} AS mk,
            CAST(count(*) FILTER (WHERE k = 'sel') OVER w AS INTEGER) AS n
          FROM {classified}
          WINDOW w AS (PARTITION BY sid ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
        m AS (
          SELECT sid, n, lid, CAST(ev % 4294967296 AS INTEGER) AS ev_lid,
            CASE WHEN mk > coalesce(ev, 0) THEN CAST(mk % 4294967296 AS INTEGER) END AS mk_lid
          FROM w WHERE k = 'sel'),
        p AS (SELECT m.sid, m.n, fe.line AS event, fm.line AS market0, f.selection, f.price, f.runner, f.component,
                instr(fm.line, ' - ') AS dash
              FROM m JOIN {facts} f ON f.lid = m.lid LEFT JOIN {facts} fe ON fe.lid = m.ev_lid
              LEFT JOIN {facts} fm ON fm.lid = m.mk_lid)
        SELECT sid, n, event,
          CASE WHEN dash > 0 AND starts_with(lower(selection), lower(trim(left(market0, dash - 1))))
               THEN trim(substr(market0, dash + 3)) ELSE market0 END AS market,
          selection, price, runner, component
        FROM p"""
