"""Upserting by Transaction Id: idempotent, order-independent, conflicts reported."""
import itertools

from helpers import export, row

from tmb_core.model import Severity

SUMMARY = "Arsenal v Nottm Forest\n Win-Draw-Win\nArsenal @ 2.00 (Win)"
ROWS = [
    row("01/03/2026 09:00", "Deposit", "1", "100.00", "100.00"),
    row("01/03/2026 10:00", "Bet Stake", "2", "-10.00", "90.00", "B1", SUMMARY),
    row("02/03/2026 10:00", "Win", "3", "20.00", "110.00", "B1", SUMMARY),
    row("03/03/2026 10:00", "Bet Stake", "4", "-5.00", "105.00", "B2", SUMMARY),
    row("04/03/2026 10:00", "Withdrawal", "5", "-50.00", "55.00"),
]


def test_importing_twice_changes_nothing(ledger):
    first = ledger.import_file("a.csv", export(ROWS))
    before = ledger.headline()
    again = ledger.import_file("a.csv", export(ROWS))
    assert (first.inserted, again.inserted, again.unchanged, again.updated) == (5, 0, 5, 0)
    assert ledger.headline() == before


def test_settlement_in_a_later_export_completes_the_bet(ledger):
    ledger.import_file("early.csv", export(ROWS[:2]))
    assert ledger.headline()["unsettled_exposure"] == 10.0
    ledger.import_file("late.csv", export(ROWS[2:]))
    bets = {b["bet_id"]: b for b in ledger.bets()}
    assert (bets["B1"]["stake"], bets["B1"]["returned"], bets["B1"]["status"]) == (10.0, 20.0, "won")


def test_overlapping_exports_in_any_order_give_the_same_result():
    from tmb_core import Ledger

    parts = [export(ROWS[:3]), export(ROWS[1:4], newest_first=True), export(ROWS[3:])]
    results = []
    for order in itertools.permutations(range(3)):
        ledger = Ledger.in_memory()
        for i in order:
            ledger.import_file(f"part{i}.csv", parts[i])
        s = ledger.headline()
        results.append((s["transactions"], s["net_profit"], s["deposits"], s["withdrawals"],
                        s["balance_gaps"], tuple(sorted((b["bet_id"], b["profit"]) for b in ledger.bets()))))
    assert len(set(results)) == 1
    assert results[0][:5] == (5, 5.0, 100.0, 50.0, 0)


def test_same_id_with_different_amount_is_a_conflict_and_the_stored_row_stays(ledger):
    ledger.import_file("a.csv", export(ROWS))
    edited = [r[:] for r in ROWS]
    edited[2][5] = "200.00"
    report = ledger.import_file("edited.csv", export(edited))
    assert (report.inserted, report.unchanged, report.rejected) == (0, 4, 1)
    [issue] = [i for i in report.issues if i.severity is Severity.ROW]
    assert issue.row == 4 and issue.value == "3" and "already stored" in issue.message
    assert "a.csv" in issue.message
    assert ledger.headline()["net_profit"] == 5.0


def test_a_later_export_fills_in_a_missing_balance_as_an_update(ledger):
    thin = [r[:] for r in ROWS]
    thin[1][6] = ""
    ledger.import_file("thin.csv", export(thin))
    report = ledger.import_file("full.csv", export(ROWS))
    assert (report.updated, report.unchanged, report.rejected) == (1, 4, 0)
    assert ledger.headline()["balance_gaps"] == 0


def test_a_rejected_file_stores_nothing_and_keeps_what_was_stored(ledger):
    ledger.import_file("a.csv", export(ROWS))
    report = ledger.import_file("notes.csv", b"Date,Description,Amount\n01/01/2026,coffee,5\n")
    assert report.error and ledger.transaction_count() == 5
    uploads = ledger.conn.query("SELECT name, error FROM uploads ORDER BY upload_id")
    assert uploads["name"] == ["a.csv", "notes.csv"] and uploads["error"][1] == report.error


def test_good_rows_of_a_partly_bad_file_are_kept_and_bad_ones_listed(ledger):
    bad = [r[:] for r in ROWS]
    bad[3][5] = "five dollars"
    report = ledger.import_file("partly.csv", export(bad))
    assert (report.inserted, report.rejected) == (4, 1)
    issue = report.issues[0]
    assert (issue.file, issue.row, issue.column, issue.value) == ("partly.csv", 5, "Amount", "five dollars")
    assert "left out" in issue.message
    stored = ledger.conn.query("SELECT row, message FROM issues")
    assert stored["row"] == [5]


def test_duplicate_row_inside_one_file_counts_once(ledger):
    report = ledger.import_file("dup.csv", export(ROWS + [ROWS[0]]))
    assert report.inserted == 5 and report.rejected == 0
    assert any(i.severity is Severity.WARNING and i.row == 7 for i in report.issues)


def test_delete_all_empties_everything(ledger):
    ledger.import_file("a.csv", export(ROWS))
    ledger.delete_all()
    assert ledger.transaction_count() == 0 and ledger.headline()["bets"] == 0
    assert ledger.conn.query("SELECT count(*) AS n FROM uploads")["n"] == [0]
