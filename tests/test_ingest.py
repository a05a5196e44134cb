"""Splitting files into cells: DuckDB's reader and the Python fallback agree, and row
numbers stay the spreadsheet's whichever one splits the file."""
import csv
import datetime as dt
import io

import pytest
from helpers import DATA, HEADER, export, row
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
    assert ("separator inside a cell" if fault == "shift" else "cut short") in issue.message


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


UNCLOSED = ("Type,Time (AEST),Summary,Transaction Id,Bet Id,Amount,Balance,Single,Multiple,Exotic,Pool\n"
            "Deposit,01/03/2026 10:00,Deposit,1001,,100.00,100.00,false,false,false,false\n"
            'Bet Stake,01/03/2026 11:00,"Team A v B (said ""hi""),1002,5001,-10.00,90.00,true,false,false,false\n'
            'Win,01/03/2026 12:00,"Team C v D",1003,5002,30.00,120.00,true,false,false,false\n'
            "Deposit,01/03/2026 13:00,Deposit,1004,,50.00,170.00,false,false,false,false\n")


@pytest.mark.parametrize("variant", ["duckdb", "crlf empty line", "cr only", "utf-16"])
def test_an_unclosed_quote_never_gives_a_row_the_cells_of_others(variant):
    """Whatever splits the file: the swallowing row is left out and says so; the stake is not
    stored with the Win's amount, and the rows it could not swallow are kept."""
    text = {"duckdb": UNCLOSED, "crlf empty line": UNCLOSED.replace("\n", "\r\n").replace("\r\nDeposit,01/03/2026 13",
            "\r\n\r\nDeposit,01/03/2026 13"), "cr only": UNCLOSED.replace("\n", "\r"), "utf-16": UNCLOSED}[variant]
    data = text.encode("utf-16") if variant == "utf-16" else text.encode()
    ledger = Ledger.in_memory()
    report = ledger.import_file("unclosed.csv", data)
    assert any("never closes" in i.message for i in report.issues if i.severity is Severity.ROW)
    stored = ledger.conn.query("SELECT tx_id, amount_cents FROM transactions ORDER BY tx_id")
    assert stored == {"tx_id": ["1001", "1004"], "amount_cents": [10000, 5000]}


def test_a_mac_tab_file_with_cr_line_ends_imports():
    data = (b"Time (AEST)\tType\tSummary\tTransaction Id\tBet Id\tAmount\tBalance\r"
            b"01/03/2026 10:00\tDeposit\tDeposit, card\t1001\t\t100.00\t100.00\r")
    report = Ledger.in_memory().import_file("mac.txt", data)
    assert (report.error, report.inserted) == (None, 1)


@pytest.mark.parametrize("cells", [("31/12/9999 24:00", "100.00"), ("01/03/2026 10:00", "99999999999999999")],
                         ids=["a day past the last", "seventeen digits"])
def test_values_past_what_can_be_stored_leave_their_row_out_instead_of_raising(cells):
    when, amount = cells
    report = Ledger.in_memory().import_file("x.csv", export([row(when, "Deposit", "1", amount, "")]))
    assert report.rejected == 1 and report.inserted == 0


def test_a_line_of_many_huge_unknown_cells_is_read_without_raising():
    """85 unknown columns of 25,000 characters: a 2.1 MB line, past what DuckDB reads of one.
    The columns are ignored; the row is kept."""
    header = ",".join([*HEADER, *(f"x{i}" for i in range(85))])
    line = "01/03/2026 10:00,Deposit,Deposit,1,,100.00,100.00,false,false,false,false," + ",".join(["y" * 25_000] * 85)
    data = f"{header}\n\n{line}\n".encode()      # the empty line: Python splits it
    report = Ledger.in_memory().import_file("wide.csv", data)
    assert (report.error, report.rejected, report.inserted) == (None, 0, 1)


def test_the_time_column_is_time_aest_even_after_a_date_column():
    data = b"Date,Time (AEST),Type,Transaction Id,Amount\n05/03/2026,01/03/2026 10:00,Deposit,1001,100.00\n"
    ledger = Ledger.in_memory()
    ledger.import_file("dated.csv", data)
    assert ledger.conn.query("SELECT time FROM transactions")["time"] == [dt.datetime(2026, 3, 1, 10, 0)]


def test_an_export_without_the_flag_columns_is_completed_by_one_with_them_in_either_order():
    full = (DATA / "good/all_kinds.csv").read_text()
    out = io.StringIO()
    csv.writer(out).writerows(r[:7] for r in csv.reader(io.StringIO(full)))
    results = []
    for order in ((full, out.getvalue()), (out.getvalue(), full)):
        ledger = Ledger.in_memory()
        reports = [ledger.import_file(f"f{i}.csv", text.encode()) for i, text in enumerate(order)]
        assert all(r.rejected == 0 for r in reports)
        results.append(ledger.headline())
    assert results[0] == results[1]
