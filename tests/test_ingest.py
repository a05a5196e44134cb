"""Splitting files into cells: DuckDB's reader and the Python fallback agree, and row
numbers stay the spreadsheet's whichever one splits the file."""
import datetime as dt

import pytest
from helpers import export, row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmb_core import Ledger, sample
from tmb_core.model import Severity
from tmb_core.read import cells, split

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
    assert not split._has_empty_lines(export(ROWS))


def test_an_empty_line_between_rows_keeps_spreadsheet_row_numbers():
    data = export(ROWS).replace(b"\r\n01/03/2026 10:00", b"\r\n\r\n01/03/2026 10:00")
    assert split._has_empty_lines(data)
    report = Ledger.in_memory().import_file("gap.csv", data)
    assert report.inserted == 2
    assert [(i.row, i.column) for i in report.issues if i.severity is Severity.ROW] == [(5, "Amount")]


def test_trailing_empty_lines_are_not_rows():
    data = export(ROWS) + b"\r\n\r\n"
    assert not split._has_empty_lines(data)
    report = Ledger.in_memory().import_file("tail.csv", data)
    assert report.inserted == 2 and [i.row for i in report.issues] == [4]


@pytest.mark.parametrize("seed", [3, 11])
def test_duckdb_and_python_splitting_store_the_same_rows(seed, monkeypatch):
    data = sample.generate_csv(3000, seed=seed).encode()
    by_duckdb = Ledger.in_memory()
    by_duckdb.import_file("s.csv", data)
    monkeypatch.setattr(split, "_duckdb_split", lambda *args: False)
    by_python = Ledger.in_memory()
    by_python.import_file("s.csv", data)
    assert by_python.transaction_count() == 3000
    assert _stored(by_duckdb) == _stored(by_python)


money = st.integers(-10**9, 10**9).map(lambda c: f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}")
plain_row = st.tuples(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.sampled_from(["Bet Stake", "Win", "Deposit", "Withdrawal", "Void", "Manual Adjustment", "Odd Thing"]),
    money, st.one_of(st.just(""), money), st.sampled_from(["", "B7", "123"]),
    st.lists(st.sampled_from(["true", "false", "TRUE", "FALSE", ""]), min_size=4, max_size=4),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(plain_row, min_size=1, max_size=30))
def test_sql_conversion_of_plain_cells_agrees_with_the_python_parsers(monkeypatch, rows):
    records = [[when.strftime("%d/%m/%Y %H:%M"), kind, "Summary text", str(1000 + i), bet, amount, balance, *flags]
               for i, (when, kind, amount, balance, bet, flags) in enumerate(rows)]
    data = export(records)
    in_sql = Ledger.in_memory()
    in_sql.import_file("plain.csv", data)
    read_in_python = cells._parse_odd

    def every_row_odd(conn, name):
        conn.execute(f"UPDATE {cells.CELLS} SET plain = false")
        return read_in_python(conn, name)

    monkeypatch.setattr(cells, "_parse_odd", every_row_odd)
    in_python = Ledger.in_memory()
    in_python.import_file("plain.csv", data)
    monkeypatch.undo()
    assert _stored(in_sql) == _stored(in_python)


@pytest.mark.parametrize("untidy", [
    MULTI.replace("\n", "\r\n"),                       # Windows line ends inside the cell
    MULTI.replace("\n", " \n").replace("\n\n", "\n \u00a0\n") + "  ",   # blanks before line ends and after
    "\n\n" + MULTI.replace("\n", "\r"),                # old Mac line ends, empty lines first
])
def test_a_summary_written_untidily_reads_like_the_tidy_one(untidy):
    def stored(summary):
        rows = [row("01/03/2026 10:00", "Bet Stake", "2", "-10.00", "90.00", "B1", summary,
                    ("false", "true", "false", "false"))]
        ledger = Ledger.in_memory()
        ledger.import_file("x.csv", export(rows))
        return ledger.conn.query("SELECT * EXCLUDE (upload_id) FROM transactions")

    tidy = stored(MULTI)
    assert tidy["summary"] == [MULTI] and tidy["legs"][0].count("Head To Head") == 2
    assert stored(untidy) == tidy


@pytest.mark.parametrize("blank_line", [False, True], ids=["duckdb splits", "python splits"])
@pytest.mark.parametrize("fault", ["shift", "cut"])
def test_both_splitters_report_a_row_whose_fields_do_not_fit_the_header(blank_line, fault):
    bad = row("01/03/2026 11:00", "Deposit", "4", "1,100.00", "1200.00")
    text = export([*ROWS[:2], bad]).decode()
    if fault == "shift":
        text = text.replace('"1,100.00"', "1,100.00")
    else:
        text = text.replace(",1200.00,false,false,false,false", "")
    if blank_line:
        text = text.replace("\r\n01/03/2026 10:00", "\r\n\r\n01/03/2026 10:00")
    report = Ledger.in_memory().import_file("shape.csv", text.encode())
    [issue] = [i for i in report.issues if i.severity is Severity.ROW]
    assert issue.row == (5 if blank_line else 4) and report.inserted == 2
    assert ("comma inside a cell" if fault == "shift" else "cut short") in issue.message


@pytest.mark.parametrize("blank_line", [False, True], ids=["duckdb splits", "python splits"])
def test_a_huge_cell_leaves_only_its_row_out(blank_line):
    """A 2.2 MB Summary is past DuckDB's longest line and Python's csv field limit: the row is
    listed with the reason, the others are kept, nothing is raised."""
    huge = row("01/03/2026 11:00", "Bet Stake", "4", "-5.00", "85.00", "B2", "x" * 2_200_000)
    data = export([ROWS[0], huge, ROWS[1]])
    if blank_line:
        data = data.replace(b"\r\n01/03/2026 10:00", b"\r\n\r\n01/03/2026 10:00")
    report = Ledger.in_memory().import_file("huge.csv", data)
    [issue] = [i for i in report.issues if i.severity is Severity.ROW]
    assert (issue.row, issue.column, report.inserted) == (3, "Summary", 2)
    assert "far longer than any in an export" in issue.message and len(issue.value) < 100


def test_an_amount_a_spreadsheet_wrote_in_scientific_notation_gets_the_spreadsheet_hint():
    data = export([row("01/03/2026 09:00", "Deposit", "1", "1.23E+03", "100.00")])
    [issue] = Ledger.in_memory().import_file("sci.csv", data).issues
    assert issue.column == "Amount" and "scientific notation by a spreadsheet" in issue.message
