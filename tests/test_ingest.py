"""Splitting files into cells: DuckDB's reader and the Python fallback agree, and row
numbers stay the spreadsheet's whichever one splits the file."""
import pytest
from helpers import export, row

from tmb_core import Ledger, ingest, sample
from tmb_core.model import Severity

MULTI = "Team A v Team B\n Head To Head\nTeam A @ 1.50 (Win)\n\nTeam C v Team D\n Head To Head\nTeam D @ 2.10 (Win)"
ROWS = [
    row("01/03/2026 09:00", "Deposit", "1", "100.00", "100.00"),
    row("01/03/2026 10:00", "Bet Stake", "2", "-10.00", "90.00", "B1", MULTI, ("false", "true", "false", "false")),
    row("02/03/2026 10:00", "Win", "3", "nonsense", "110.00", "B1", MULTI, ("false", "true", "false", "false")),
]

CONTENT = "SELECT * EXCLUDE (upload_id) FROM transactions ORDER BY tx_id"


def _stored(ledger: Ledger) -> list[tuple]:
    return ledger.conn._con.execute(CONTENT).fetchall()


def test_empty_lines_inside_quotes_keep_duckdb_splitting():
    assert not ingest._has_empty_lines(export(ROWS))


def test_an_empty_line_between_rows_keeps_spreadsheet_row_numbers():
    data = export(ROWS).replace(b"\r\n01/03/2026 10:00", b"\r\n\r\n01/03/2026 10:00")
    assert ingest._has_empty_lines(data)
    report = Ledger.in_memory().import_file("gap.csv", data)
    assert report.inserted == 2
    assert [(i.row, i.column) for i in report.issues if i.severity is Severity.ROW] == [(5, "Amount")]


def test_trailing_empty_lines_are_not_rows():
    data = export(ROWS) + b"\r\n\r\n"
    assert not ingest._has_empty_lines(data)
    report = Ledger.in_memory().import_file("tail.csv", data)
    assert report.inserted == 2 and [i.row for i in report.issues] == [4]


@pytest.mark.parametrize("seed", [3, 11])
def test_duckdb_and_python_splitting_store_the_same_rows(seed, monkeypatch):
    data = sample.generate_csv(3000, seed=seed).encode()
    by_duckdb = Ledger.in_memory()
    by_duckdb.import_file("s.csv", data)
    monkeypatch.setattr(ingest, "_duckdb_split", lambda *args: False)
    by_python = Ledger.in_memory()
    by_python.import_file("s.csv", data)
    assert by_python.transaction_count() == 3000
    assert _stored(by_duckdb) == _stored(by_python)
