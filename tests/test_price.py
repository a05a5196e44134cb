"""The legs JSON is read leg by leg in SQL (figures/price.py) as json.loads reads it, on texts that
hold the JSON's own punctuation (a text holding `],[null` itself would split a leg, as in
insights.leg_count)."""
import json

import duckdb

from tmb_core.figures import price
from tmb_core.sql import lit

NAMES = ["Head To Head", 'Say "Line", then ],[ more', "Total \\ Points", 'Win", "x', "Über, Ünter"]


def test_legs_are_split_and_their_markets_read_as_json_reads_them():
    for n in range(1, 6):
        legs = [[None if i == 0 else f'Event {i}, "{NAMES[i % 5]}"', None if i == 2 else NAMES[(i + n) % 5],
                 "Sel", 1.5, None, "Win"] for i in range(n + 1)]
        text = json.dumps(legs, ensure_ascii=False, separators=(",", ":"))  # as understand/sql_infer.py writes it
        got = duckdb.sql(f"""SELECT regexp_extract(piece, {lit(price.LEG_RE)}, 2) AS market
            FROM (SELECT unnest({price._SPLIT.replace('b.legs', lit(text))}) AS piece)""").fetchall()
        assert [m for (m,) in got] == ["null" if leg[1] is None else json.dumps(leg[1], ensure_ascii=False)
                                       for leg in legs]
