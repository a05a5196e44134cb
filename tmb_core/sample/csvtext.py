"""The export's CSV text: its header row and how records are written."""
from __future__ import annotations

import csv
import io
from operator import itemgetter

HEADERS: tuple[str, ...] = (
    "Time (AEST)", "Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance",
    "Single", "Multiple", "Exotic", "Pool",
)

_fields = itemgetter(*HEADERS)  # a record's values in column order


def to_csv(records: list[dict], newest_first: bool = True) -> str:
    """The export text: header row, CRLF line endings, fields quoted where needed.

    `records` are in chronological order (as from `generate_records`); with
    `newest_first` (the download's usual order) they are written in reverse.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADERS)
    w.writerows(map(_fields, reversed(records) if newest_first else records))
    return buf.getvalue()
