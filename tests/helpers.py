"""Small builders of export files for the tests."""
import csv
import io
from pathlib import Path

DATA = Path(__file__).parent / "data"
HEADER = ["Time (AEST)", "Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance",
          "Single", "Multiple", "Exotic", "Pool"]


def export(rows: list[list[str]], header: list[str] = HEADER, newest_first: bool = False) -> bytes:
    """A small export as bytes, the way Sportsbet writes it (CRLF, quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows[::-1] if newest_first else rows)
    return out.getvalue().encode("utf-8")


def row(time, kind, tx, amount, balance, bet="", summary="", flags=("true", "false", "false", "false")):
    return [time, kind, summary, tx, bet, amount, balance, *(flags if bet else ("false",) * 4)]

