"""The backup the punter holds: everything stored comes back exactly in a fresh ledger, merges
by Transaction Id into one that has data, and a damaged or locked file changes nothing."""
import json
import subprocess
import sys

import pytest
from helpers import DATA, export, row

from tmb_core import Ledger, sample
from tmb_core.model import Severity
from tmb_core.store import backup

EVERYTHING = "SELECT * FROM {} ORDER BY ALL"


def filled() -> tuple[Ledger, list[tuple[str, bytes]]]:
    """A ledger with overlapping exports, a partly bad file and a refused one."""
    records = sample.generate_records(1200, seed=21)
    files = [("jan.csv", sample.to_csv(records[:800]).encode()),
             ("feb.csv", sample.to_csv(records[500:], newest_first=True).encode()),
             ("partly_bad.csv", (DATA / "bad/partly_bad.csv").read_bytes()),
             ("export.json", (DATA / "bad/export.json").read_bytes())]
    ledger = Ledger.in_memory()
    for name, data in files:
        ledger.import_file(name, data)
    return ledger, files


def table(ledger: Ledger, name: str, where: str = "TRUE") -> list[tuple]:
    return ledger.conn._con.execute(f"SELECT * FROM {name} WHERE {where} ORDER BY ALL").fetchall()


def test_a_backup_restored_in_a_fresh_ledger_gives_back_everything():
    source, _ = filled()
    restored = Ledger.in_memory()
    report = restored.import_file("backup.json", source.backup().encode())
    assert (report.inserted, report.rejected, report.error) == (source.transaction_count(), 0, None)
    assert table(restored, "transactions") == table(source, "transactions")
    last = report.upload_id
    assert table(restored, "uploads", f"upload_id <> {last}") == table(source, "uploads")
    assert table(restored, "issues", f"upload_id <> {last}") == table(source, "issues")
    assert restored.headline() == source.headline()
    assert sorted(map(str, restored.bets())) == sorted(map(str, source.bets()))


def test_restoring_a_backup_where_it_came_from_changes_nothing_but_the_log():
    ledger, _ = filled()
    before = {t: table(ledger, t) for t in ("transactions", "uploads", "issues")}
    report = ledger.import_file("backup.json", ledger.backup().encode())
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, ledger.transaction_count())
    assert table(ledger, "transactions") == before["transactions"]
    assert table(ledger, "uploads", f"upload_id <> {report.upload_id}") == before["uploads"]
    assert table(ledger, "issues") == before["issues"]


def test_a_backup_merges_by_transaction_id_like_the_files_it_holds():
    """Another device has some of the rows and a file of its own: restoring gives what
    importing every file there would give."""
    source, files = filled()
    other = sample.to_csv(sample.generate_records(300, seed=99)).encode()
    target = Ledger.in_memory()
    target.import_file("mine.csv", other)
    target.import_file(*files[1])
    target.import_file("backup.json", source.backup().encode())
    expected = Ledger.in_memory()
    for name, data in [("mine.csv", other), files[1], *files]:
        expected.import_file(name, data)
    assert target.headline() == expected.headline()
    columns = "tx_id, time, type, amount_cents, balance_cents, bet_id, summary, sport, market, bet_type"
    assert target.conn.query(f"SELECT {columns} FROM transactions ORDER BY tx_id") == \
        expected.conn.query(f"SELECT {columns} FROM transactions ORDER BY tx_id")


def test_a_row_the_backup_holds_with_other_details_is_reported_and_the_stored_one_kept():
    source = Ledger.in_memory()
    source.import_file("a.csv", export([row("01/03/2026 09:00", "Deposit", "1", "100.00", "100.00")]))
    target = Ledger.in_memory()
    target.import_file("b.csv", export([row("01/03/2026 09:00", "Deposit", "1", "50.00", "50.00")]))
    report = target.import_file("backup.json", source.backup().encode())
    assert report.rejected == 1 and "already stored" in report.issues[0].message
    assert target.headline()["deposits"] == 50.0


def _edited(text: str, how: str) -> bytes:
    data = json.loads(text)
    if how == "cut":
        return text[: len(text) // 2].encode()
    if how == "newer":
        data[backup.MARK] = backup.VERSION + 1
    elif how == "columns":
        data["transactions"]["columns"] = data["transactions"]["columns"][1:]
    elif how == "twice":
        data["transactions"]["rows"].append(data["transactions"]["rows"][0])
    elif how == "locked":
        return backup.LOCKED + b" 1\n{}\n\x00\x01"
    return json.dumps(data).encode()


@pytest.mark.parametrize("how, words", [("cut", "damaged"), ("columns", "damaged"), ("twice", "damaged"),
                                        ("newer", "newer TrackMyBets"), ("locked", "passphrase")])
def test_a_backup_that_cannot_be_restored_changes_nothing_and_says_why(how, words):
    source, _ = filled()
    target = Ledger.in_memory()
    target.import_file("mine.csv", export([row("01/03/2026 09:00", "Deposit", "1", "100.00", "100.00")]))
    before = table(target, "transactions")
    report = target.import_file("backup.json", _edited(source.backup(), how))
    assert report.error and words in report.error and report.inserted == 0
    assert report.issues == () or report.issues[0].severity is Severity.FILE
    assert table(target, "transactions") == before


def test_the_cli_writes_a_backup_and_reads_it_as_it_reads_exports(tmp_path):
    _, files = filled()
    paths = []
    for name, data in files[:3]:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    out = tmp_path / "backup.json"
    run = lambda *a: subprocess.run([sys.executable, "-m", "tmb_core", *a], capture_output=True, text=True)  # noqa: E731
    made = run("backup", *paths, "-o", str(out))
    assert made.returncode == 0, made.stderr
    direct = json.loads(run("summary", *paths, "--json").stdout)
    restored = json.loads(run("summary", str(out), "--json").stdout)
    assert {k: v for k, v in restored.items() if k != "files"} == {k: v for k, v in direct.items() if k != "files"}


@pytest.mark.parametrize("change", ["amount null", "time null", "type null", "amount text", "uploads not records",
                                    "flag a number", "row of an unknown upload"])
def test_a_backup_with_a_value_of_the_wrong_kind_is_refused_whole(change):
    """An edited backup could store rows no figure can be made of (a NULL amount, a NULL time):
    every value is checked before anything is stored."""
    source, _ = filled()
    data = json.loads(source.backup())
    first = data["transactions"]["rows"][0]
    columns = data["transactions"]["columns"]
    where = {"amount null": ("amount_cents", None), "time null": ("time", None), "type null": ("type", None),
             "amount text": ("amount_cents", "abc"), "flag a number": ("flag_single", 2),
             "row of an unknown upload": ("upload_id", 999)}
    if change == "uploads not records":
        data["uploads"] = [1]
    else:
        column, value = where[change]
        first[columns.index(column)] = value
    target = Ledger.in_memory()
    report = target.import_file("backup.json", json.dumps(data).encode())
    assert report.error and "damaged or was edited" in report.error and target.transaction_count() == 0


def test_a_backup_an_editor_reformatted_is_still_a_backup():
    source, _ = filled()
    pretty = json.dumps(json.loads(source.backup()), indent=2, sort_keys=True)
    restored = Ledger.in_memory()
    assert restored.import_file("backup.json", pretty.encode()).error is None
    assert restored.headline() == source.headline()
