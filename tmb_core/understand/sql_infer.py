"""SQL text for what a Summary says as a whole: its context (reference.Context), bet-type
facts (bet_types.bet_type), sport / competition / teams of each event (reference.infer_event)
and of the bet (reference.combine).
"""
from __future__ import annotations

from ..model import UNKNOWN
from ..sql import lit
from .reference import _CODE_WORDS, AFL, AFLW, MIXED_COMPETITIONS, MIXED_SPORTS, RACING, RACING_SPORTS
from .sql_patterns import SAME_GAME, SAME_RACE, exotic_name, exotic_rank, patterns_for

U = lit(UNKNOWN)


def context_sql(classified: str, facts: str, ascii: bool) -> str:
    """Per Summary: Context.of(events + markets), bet_type's facts, first market, runners
    (`ascii`: every line is all ASCII)."""
    rx = patterns_for(ascii)
    order = "CASE c.k WHEN 'ev' THEN 0 ELSE 1 END * 1000000 + c.i"
    return f"""
        WITH x AS (
          SELECT c.sid, c.i, c.k, c.lid, f.kw_sport, f.kw_comp, f.cricket, f.women,
            f.multi, f.same_race, f.same_game, f.exotic, f.partial, f.runners, {order} AS o
          FROM {classified} c JOIN {facts} f ON f.lid = c.lid
          WHERE c.k IN ('ev', 'mk')),
        g AS (
          SELECT sid,
            arg_min(kw_sport, o) FILTER (WHERE kw_sport IS NOT NULL) AS kw_sport,
            arg_min(kw_comp, o) FILTER (WHERE kw_sport IS NOT NULL) AS kw_comp,
            bool_or(cricket) AS cricket, bool_or(women) AS women, bool_or(multi) AS multi,
            bool_or(same_race) AS same_race, bool_or(same_game) AS same_game, min(exotic) AS exotic,
            bool_or(partial) AS partial,
            arg_min(lid, i) FILTER (WHERE k = 'mk') AS first_market,
            arg_max(runners, i) FILTER (WHERE k = 'mk' AND runners IS NOT NULL) AS runners
          FROM x GROUP BY sid),
        joined AS (
          SELECT c.sid, string_agg(f.line, chr(10) ORDER BY {order}) AS text
          FROM {classified} c JOIN {facts} f ON f.lid = c.lid
          WHERE c.k IN ('ev', 'mk') AND c.sid IN (SELECT sid FROM g WHERE partial) GROUP BY c.sid)
        SELECT g.* EXCLUDE (same_race, same_game, exotic, partial, first_market), fm.line AS first_market,
          CASE WHEN g.partial THEN regexp_matches(text, {lit(rx(SAME_RACE))}) ELSE g.same_race END AS same_race,
          CASE WHEN g.partial THEN regexp_matches(text, {lit(rx(SAME_GAME))}) ELSE g.same_game END AS same_game,
          {exotic_name(f"CASE WHEN g.partial THEN {exotic_rank('text', ascii)} ELSE g.exotic END")} AS exotic
        FROM g LEFT JOIN joined USING (sid) LEFT JOIN {facts} fm ON fm.lid = g.first_market"""


def sorted_join(order: str, value: str, sep: str) -> str:
    """SQL aggregate: `value`s joined by `sep` in `order` (faster than an ordered string_agg)."""
    return (f"array_to_string(list_transform(list_sort(list({{'o': {order}, 'v': {value}}})), x -> x.v), "
            f"{lit(sep)})")


def json_text(column: str) -> str:
    """SQL: `column` as a JSON string (or null), built by hand: DuckDB-WASM has no JSON
    extension (its json_array() traps). Control characters, rare in a Summary line, take
    the slow path, character by character: each one as \\u and its four hex digits. (One
    replace per control character made an expression so long that DuckDB took longer to
    plan the statement than to run it.)"""
    plain = rf"""replace(replace({column}, '\', '\\'), '"', '\"')"""
    slow = (f"array_to_string(list_transform(string_split({plain}, ''), "
            rf"c -> CASE WHEN ord(c) < 32 THEN printf('\u%04x', ord(c)) ELSE c END), '')")
    return (f"""CASE WHEN {column} IS NULL THEN 'null' """
            rf"""WHEN regexp_matches({column}, '[\x00-\x1f]') THEN '"' || {slow} || '"' """
            f"""ELSE '"' || {plain} || '"' END""")


def json_number(column: str) -> str:
    return f"coalesce(CAST({column} AS VARCHAR), 'null')"


_LEG_TEXTS = ("event", "market", "selection", "component", "sport", "competition")


def _leg_json() -> str:
    """SQL: one leg as a JSON array (details._legs_json). Texts with nothing to escape (no quote,
    backslash or control character: nearly all) are quoted as they are; the others take json_text."""
    def item(text) -> str:
        parts = [text("event"), text("market"), text("selection"), json_number("price"),
                 json_number("runner"), text("component"), text("sport"), text("competition")]
        return "concat('[', " + ", ',', ".join(parts) + ", ']')"
    plain = item(lambda column: f"""coalesce('"' || {column} || '"', 'null')""")
    return (rf"""CASE WHEN regexp_matches(concat({', '.join(_LEG_TEXTS)}), '[\x00-\x1f"\\]') """
            f"THEN {item(json_text)} ELSE {plain} END")


def leg_summary_sql(legs: str) -> str:
    """Per Summary: leg count, leg markets, components, the one leg."""
    return f"""
        WITH g AS (
          SELECT sid, count(*) AS n_legs,
            min(market) FILTER (WHERE market <> '') AS leg_market,
            max(market) FILTER (WHERE market <> '') AS leg_market_max,
            coalesce(bool_or(component = 'Each Way'), false) AS each_way,
            coalesce(min(component) = 'Place' AND max(component) = 'Place', false) AS place,
            min(selection) AS selection, min(price) AS price, min(runner) AS runner, min(component) AS component
          FROM {legs} GROUP BY sid)
        SELECT * FROM g"""


def legs_json_sql(legs: str, events: str, inferred: str, pairs: str) -> str:
    """Per (Summary, late in the year) with a second leg: the legs as JSON (details._legs_json),
    each with the sport and competition inferred for its event (null without an event)."""
    return f"""
        WITH x AS (
          SELECT l.*, p.late, i.sport, i.competition
          FROM {legs} l JOIN {pairs} p ON p.sid = l.sid
          LEFT JOIN {events} e ON e.sid = l.sid AND e.event = l.event
          LEFT JOIN {inferred} i ON i.sid = l.sid AND i.late = p.late AND i.o = e.o
          WHERE l.sid IN (SELECT sid FROM {legs} WHERE n = 2))
        SELECT sid, late, '[' || {sorted_join('n', _leg_json(), ',')} || ']' AS legs FROM x GROUP BY sid, late"""


def events_sql(legs: str, classified: str, facts: str) -> str:
    """Per Summary, its distinct events in understand's order (leg events, then event lines)."""
    return f"""
        SELECT sid, event, min(o) AS o FROM (
          SELECT sid, event, n AS o FROM {legs} WHERE event IS NOT NULL
          UNION ALL SELECT c.sid, f.line, 1000000 + c.i FROM {classified} c JOIN {facts} f ON f.lid = c.lid
          WHERE c.k = 'ev')
        GROUP BY sid, event"""


def _clue_filter(codes: str) -> str:
    """SQL: reference.race_codes, the `codes` every clue (clue_1 .. clue_4) leaves."""
    tests = [f"NOT coalesce(clue_{i}, false) OR x IN ({', '.join(lit(code) for code in sorted(left))})"
             for i, (left, _) in enumerate(_CODE_WORDS, 1)]
    return f"list_filter({codes}, x -> ({') AND ('.join(tests)}))"


def _settled(me: str, them: str) -> str:
    """SQL: the candidates (sport, competition, name) of side `me` after reference._settle: a
    shared name's, those in its (not shared) opponent's one competition; NULL when unsettled."""
    kept = f"list_filter({me}.scn, x -> list_contains({them}.sc, split_part(x, chr(31), 1) || chr(31) || split_part(x, chr(31), 2)))"
    pairs = f"list_distinct(list_transform({kept}, x -> split_part(x, chr(31), 1) || chr(31) || split_part(x, chr(31), 2)))"
    return f"""CASE WHEN NOT {me}.shared THEN {me}.scn
              WHEN {them}.side IS NOT NULL AND NOT {them}.shared AND len({pairs}) = 1 THEN {kept} END"""


def event_facts_sql(events: str, facts: str, sides: str, tracks: str) -> str:
    """Per distinct event line: race codes and venue (_race_facts) and what its sides say (_match_facts)."""
    return f"""
        WITH ev AS (SELECT DISTINCT event FROM {events}),
        tr AS (SELECT track, list(DISTINCT code) AS codes, min(name) AS venue FROM {tracks} GROUP BY track),
        sd AS (SELECT side, list(DISTINCT sport || chr(31) || competition || chr(31) || name) AS scn,
                 list(DISTINCT sport || chr(31) || competition) AS sc, bool_or(shared) AS shared,
                 bool_or(competition = 'International') AS national
               FROM {sides} GROUP BY side),
        f AS (SELECT DISTINCT ON (line) * FROM {facts} WHERE line IN (SELECT event FROM ev)),
        k AS (
          SELECT ev.event, f.*, tr.codes AS venue_codes, tr.venue,
            {_settled('a', 'b')} AS ka, {_settled('b', 'a')} AS kb, a.national AS nat_a, b.national AS nat_b
          FROM ev JOIN f ON f.line = ev.event LEFT JOIN tr ON tr.track = coalesce(f.track, f.pool_track)
          LEFT JOIN sd a ON a.side = f.side_a LEFT JOIN sd b ON b.side = f.side_b),
        e AS (
          SELECT *, list_distinct(list_transform(ka, x -> split_part(x, chr(31), 1))) AS sa,
            list_distinct(list_transform(kb, x -> split_part(x, chr(31), 1))) AS sb,
            list_distinct(list_transform(ka, x -> split_part(x, chr(31), 1) || chr(31) || split_part(x, chr(31), 2))) AS ca,
            list_distinct(list_transform(kb, x -> split_part(x, chr(31), 1) || chr(31) || split_part(x, chr(31), 2))) AS cb,
            list_distinct(list_transform(ka, x -> split_part(x, chr(31), 3))) AS na,
            list_distinct(list_transform(kb, x -> split_part(x, chr(31), 3))) AS nb
          FROM k),
        j AS (
          SELECT event, is_race, numbered, pool_track, venue_codes IS NOT NULL AS at_venue,
            {_clue_filter('coalesce(venue_codes, [])')} AS codes, coalesce(venue, {U}) AS venue,
            side_a, side_b, na, nb, ca, cb,
            CASE WHEN sa IS NOT NULL AND sb IS NOT NULL THEN list_intersect(sa, sb)
                 ELSE coalesce(sa, sb, []) END AS sports,
            (ka IS NOT NULL AND coalesce(nat_a, false)) OR (kb IS NOT NULL AND coalesce(nat_b, false)) AS national
          FROM e),
        s AS (SELECT *, CASE WHEN len(sports) = 1 THEN sports[1] ELSE {U} END AS sport FROM j)
        SELECT event, coalesce(is_race AND (at_venue OR numbered), false) OR (pool_track IS NOT NULL AND at_venue) AS raced,
          codes, venue,
          CASE WHEN side_a IS NULL THEN []::VARCHAR[] ELSE [CASE WHEN len(na) = 1 THEN na[1] ELSE side_a END,
                                                       CASE WHEN len(nb) = 1 THEN nb[1] ELSE side_b END] END AS teams,
          sport, national,
          CASE WHEN sport <> {U} AND ca IS NOT NULL AND cb IS NOT NULL
                AND len(list_filter(list_intersect(ca, cb), x -> starts_with(x, sport || chr(31)))) = 1
               THEN split_part(list_filter(list_intersect(ca, cb), x -> starts_with(x, sport || chr(31)))[1],
                               chr(31), 2)
               ELSE {U} END AS comp
        FROM s"""


def _racing_sport(code: str) -> str:
    whens = " ".join(f"WHEN {lit(c)} THEN {lit(s)}" for c, s in RACING_SPORTS.items())
    return f"CASE {code} {whens} END"


def inferred_sql(events: str, event_facts: str, context: str, pairs: str) -> str:
    """Per (Summary, late in the year, event): reference.infer_event."""
    return f"""
        WITH x AS (
          SELECT e.sid, p.late, e.o, f.*, c.kw_sport, c.kw_comp, coalesce(c.cricket, false) AS cricket,
            coalesce(c.women, false) AS women
          FROM {events} e JOIN {pairs} p ON p.sid = e.sid JOIN {event_facts} f ON f.event = e.event
          LEFT JOIN {context} c ON c.sid = e.sid),
        m AS (
          SELECT *,
            CASE WHEN national AND NOT cricket THEN {U} ELSE sport END AS m_sport,
            CASE WHEN national AND NOT cricket THEN {U}
                 WHEN sport = {lit(AFL[0])} AND comp = {lit(AFL[1])} AND (late OR women) THEN {lit(AFLW)}
                 ELSE comp END AS m_comp
          FROM x),
        h AS (SELECT *, kw_sport IS NOT NULL AND m_sport IN ({U}, kw_sport) AS hint FROM m)
        SELECT sid, late, o,
          CASE WHEN raced THEN (CASE WHEN len(codes) = 1 THEN {_racing_sport('codes[1]')} ELSE {lit(RACING)} END)
               WHEN hint THEN kw_sport ELSE m_sport END AS sport,
          CASE WHEN raced THEN venue WHEN hint AND kw_comp <> {U} THEN kw_comp ELSE m_comp END AS competition,
          CASE WHEN raced THEN []::VARCHAR[] ELSE teams END AS teams
        FROM h"""


def combined_sql(inferred: str) -> str:
    """Per (Summary, late): reference.combine over its events."""
    codes = ", ".join(lit(code) for code in sorted(RACING_SPORTS.values()))
    return f"""
        WITH t AS (
          SELECT sid, late, team, min(o * 4 + pos) AS o FROM (
            SELECT sid, late, o, unnest(teams) AS team, generate_subscripts(teams, 1) AS pos FROM {inferred})
          GROUP BY ALL),
        tt AS (SELECT sid, late, {sorted_join('o', 'team', '|')} AS teams FROM t GROUP BY sid, late),
        a AS (
          SELECT sid, late, count(DISTINCT sport) AS ns, min(sport) AS sport, bool_or(sport = {U}) AS unknown_sport,
            bool_or(sport = {lit(RACING)}) AND min(sport) FILTER (WHERE sport <> {lit(RACING)}) IN ({codes}) AS one_race,
            count(DISTINCT competition) AS nc, min(competition) AS comp, bool_or(competition = {U}) AS unknown_comp
          FROM {inferred} GROUP BY sid, late),
        g AS (  -- a race of uncertain code beside races of one code: not said to be mixed (reference.combine)
          SELECT * REPLACE (CASE WHEN ns = 2 AND one_race THEN 1 ELSE ns END AS ns,
                            CASE WHEN ns = 2 AND one_race THEN {lit(RACING)} ELSE sport END AS sport)
          FROM a)
        SELECT g.sid, g.late,
          CASE WHEN ns = 1 THEN sport WHEN unknown_sport THEN {U} ELSE {lit(MIXED_SPORTS)} END AS sport,
          CASE WHEN ns = 1 THEN (CASE WHEN nc = 1 THEN comp WHEN unknown_comp THEN {U} ELSE {lit(MIXED_COMPETITIONS)} END)
               WHEN unknown_sport THEN {U} ELSE {lit(MIXED_COMPETITIONS)} END AS competition,
          tt.teams
        FROM g LEFT JOIN tt ON tt.sid = g.sid AND tt.late = g.late"""
