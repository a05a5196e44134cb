"""Every file in tests/data/ is a test case: its .expected.json says what importing it must give.

The expected figures were worked out by hand from the files, not by running tmb_core.
"""
import json
from pathlib import Path

import pytest

from tmb_core import Ledger
from tmb_core.model import Severity

DATA = Path(__file__).parent / "data"
CASES = sorted(p for p in DATA.glob("*/*") if not p.name.endswith(".expected.json"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_name(path.name + ".expected.json").read_text())


def test_every_reference_file_has_expectations():
    assert CASES, "no reference files found"
    for path in CASES:
        assert path.with_name(path.name + ".expected.json").exists(), f"{path} has no .expected.json"


def _subset(actual: dict, expected: dict, where: str):
    for key, want in expected.items():
        got = actual[key]
        if isinstance(want, dict):
            _subset(got, want, f"{where}.{key}")
        elif isinstance(want, float):
            assert got == pytest.approx(want, abs=0.005), f"{where}.{key}"
        else:
            assert got == want, f"{where}.{key}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reference_file(path: Path):
    expected = _expected(path)
    ledger = Ledger.in_memory()
    report = ledger.import_file(path.name, path.read_bytes())
    want = expected.get("import", {})
    if "error_contains" in want:
        assert report.error and want["error_contains"].lower() in report.error.lower()
        assert report.inserted == 0 and ledger.transaction_count() == 0
        assert report.issues and report.issues[0].severity is Severity.FILE
        return
    assert report.error is None, report.error
    if "inserted" in want:
        assert report.inserted == want["inserted"]
    if "rejected" in want:
        assert report.rejected == want["rejected"]
        rows = sorted({i.row for i in report.issues if i.severity is Severity.ROW})
        assert rows == want["rejected_rows"]
        assert all(i.message and i.file == path.name for i in report.issues)
    if "warning_rows" in want:
        assert sorted({i.row for i in report.issues if i.severity is Severity.WARNING}) == want["warning_rows"]
    _subset(ledger.headline(), expected.get("summary", {}), "summary")
    bets = {b["bet_id"]: b for b in ledger.bets()}
    for bet_id, fields in expected.get("bets", {}).items():
        _subset(bets[bet_id], fields, f"bet {bet_id}")
