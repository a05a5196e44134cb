"""The legs JSON is read item by item in SQL (figures/patterns.all_legs_sql, which the prices'
cost reads too) as json.loads reads it, on texts that hold the JSON's own punctuation."""
import json

import duckdb

from tmb_core.figures import patterns
from tmb_core.sql import lit

NAMES = ["Head To Head", 'Say "Line", then ],[ more', "Total \\ Points", 'Win", "x', "Über, Ünter"]


def test_legs_are_read_item_by_item_as_json_reads_them():
    for n in range(1, 6):
        legs = [[None if i == 0 else f'Event {i}, "{NAMES[i % 5]}"', None if i == 2 else NAMES[(i + n) % 5],
                 "Sel", 1.5, None, "Win", NAMES[(i + 2) % 5], None] for i in range(n + 1)]
        text = json.dumps(legs, ensure_ascii=False, separators=(",", ":"))  # as understand/sql_infer.py writes it
        items = f"regexp_extract_all({lit(text)}, {lit(patterns._ITEM)})"
        got = duckdb.sql(f"""SELECT {patterns._json_text('item')} FROM
            (SELECT unnest({items}) AS item, generate_subscripts({items}, 1) AS i) ORDER BY i""").fetchall()
        flat = [v for leg in legs for v in leg]
        assert len(got) == len(flat)   # no item split, none lost
        for (text_read,), value in zip(got, flat):
            if not isinstance(value, float):   # strings unescaped; null is Unknown
                assert text_read == ("Unknown" if value is None else value)
