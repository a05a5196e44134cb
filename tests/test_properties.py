"""Hypothesis properties: the reader never crashes, money is conserved, order does not matter."""
import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmb_core import Ledger, sample
from tmb_core.model import Severity
from tmb_core.read.values import parse_money

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "Time (AEST),Type,Summary,Transaction Id,Bet Id,Amount,Balance,Single,Multiple,Exotic,Pool\r\n"


@FAST
@given(st.binary(max_size=2000))
def test_reader_never_crashes_on_arbitrary_bytes(data):
    ledger = Ledger.in_memory()
    report = ledger.import_file("junk.bin", data)
    assert (report.error is None) or (ledger.transaction_count() == 0 and report.issues)
    assert all(i.message for i in report.issues)


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@FAST
@given(st.lists(st.lists(cell, min_size=0, max_size=13), max_size=20))
def test_reader_never_crashes_on_arbitrary_rows_under_a_real_header(records):
    out = io.StringIO()
    csv.writer(out).writerows(records)
    ledger = Ledger.in_memory()
    report = ledger.import_file("rows.csv", (HEADER + out.getvalue()).encode("utf-8"))
    if report.error:  # only possible when every row is blank
        assert "no transactions" in report.error
        assert not any(any(c.replace("\x00", "").strip() for c in r) for r in records)
        return
    rejected = {i.row for i in report.issues if i.severity is Severity.ROW}
    kept = set(ledger.conn.query("SELECT file_row FROM transactions")["file_row"])
    assert not rejected & kept
    assert report.inserted == len(kept)


@FAST
@given(st.integers(-10**11, 10**11), st.sampled_from(["plain", "dollar", "comma", "paren", "unicode"]))
def test_money_round_trips_through_every_format(cents, style):
    whole, frac = divmod(abs(cents), 100)
    body = {"plain": f"{whole}.{frac:02d}", "dollar": f"${whole}.{frac:02d}",
            "comma": f"${whole:,}.{frac:02d}", "paren": f"{whole:,}.{frac:02d}",
            "unicode": f"{whole}.{frac:02d}"}[style]
    if cents < 0:
        body = {"paren": f"({body})", "unicode": "\u2212" + body}.get(style, "-" + body)
    assert parse_money(body) == cents


@settings(max_examples=15, deadline=None)
@given(st.integers(20, 1500), st.integers(0, 10**6))
def test_money_is_conserved(rows, seed):
    text = sample.generate_csv(rows, seed=seed)
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", text.encode())
    total = sum(round(float(r["Amount"]) * 100) for r in csv.DictReader(io.StringIO(text))) / 100
    s = ledger.headline()
    explained = (s["net_profit"] + s["deposits"] - s["withdrawals"] + s["returned_withdrawals"]
                 + s["transfers"] + s["adjustments"] + s["bonus_credits"] + s["other_amounts"])
    assert abs(explained - total) < 0.005
    assert s["reconciliation"]["difference"] == 0.0 and s["balance_gaps"] == 0


@settings(max_examples=12, deadline=None)
@given(st.integers(30, 800), st.integers(0, 10**6), st.data())
def test_import_order_and_reimport_do_not_change_results(rows, seed, data):
    records = sample.generate_records(rows, seed=seed)
    cuts = sorted(data.draw(st.lists(st.integers(0, rows), min_size=2, max_size=2)))
    overlap = data.draw(st.integers(0, 20))
    parts = [records[:cuts[0] + overlap], records[max(cuts[0] - overlap, 0):cuts[1] + overlap],
             records[max(cuts[1] - overlap, 0):]]
    texts = [sample.to_csv(p, newest_first=data.draw(st.booleans())).encode() for p in parts]
    order = data.draw(st.permutations(range(3)))
    whole = Ledger.in_memory()
    whole.import_file("all.csv", sample.to_csv(records).encode())
    pieces = Ledger.in_memory()
    for i in [*order, order[0]]:
        pieces.import_file(f"p{i}.csv", texts[i])
    a, b = whole.headline(), pieces.headline()
    assert a == b
    assert sorted(map(str, whole.bets())) == sorted(map(str, pieces.bets()))


def _faulty(record: list[str], fault: str, at: int, cut: int) -> list[str]:
    """One record with its fields shifted (a cell split in two, as an unquoted comma splits it)
    or cut short (its last fields missing)."""
    if fault == "shift":
        j = at % len(record)
        text = record[j]
        return [*record[:j], text[:cut % (len(text) + 1)], text[cut % (len(text) + 1):], *record[j + 1:]]
    return record[:1 + cut % (len(record) - 1)]


def _written(header: list[str], records: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(records)
    return out.getvalue().encode()


@settings(max_examples=25, deadline=None)
@given(st.integers(20, 300), st.integers(0, 10**6), st.sampled_from(["shift", "cut"]), st.data())
def test_a_row_shifted_or_cut_is_reported_and_changes_no_other_figure(rows, seed, fault, data):
    """A row whose fields do not line up with the header is left out and listed, and the
    figures are those of the same export without that row: nothing of it leaks into them."""
    header, *records = list(csv.reader(io.StringIO(sample.generate_csv(rows, seed=seed))))
    i = data.draw(st.integers(0, len(records) - 1))
    bad = _faulty(records[i], fault, data.draw(st.integers(0, 50)), data.draw(st.integers(0, 50)))
    faulty, without = Ledger.in_memory(), Ledger.in_memory()
    report = faulty.import_file("faulty.csv", _written(header, [*records[:i], bad, *records[i + 1:]]))
    without.import_file("without.csv", _written(header, records[:i] + records[i + 1:]))
    assert i + 2 in {issue.row for issue in report.issues if issue.severity is Severity.ROW}
    assert report.inserted == len(records) - 1
    assert faulty.headline() == without.headline()
    assert sorted(map(str, faulty.bets())) == sorted(map(str, without.bets()))


@settings(max_examples=12, deadline=None)
@given(st.integers(20, 1500), st.integers(0, 10**6))
def test_the_insights_partition_the_bets(rows, seed):
    """The price bands hold every single fixed-odds bet once, the legs every multi with legs;
    no more periods lost than periods, no more periods than days with a bet; runs fit within
    the settled bets."""
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(rows, seed=seed).encode())
    got = ledger.insights()
    singles = ledger.conn.query("""SELECT count(*) AS n, coalesce(sum(profit_cents), 0) AS p FROM bet_base
                                   WHERE bet_kind = 'single' AND price IS NOT NULL""")
    assert sum(b["bets"] for b in got["price_bands"]) == singles["n"][0]
    assert abs(sum(b["net_profit"] for b in got["price_bands"]) * 100 - singles["p"][0]) < 1
    multis = ledger.conn.query("SELECT count(*) AS n FROM bet_base WHERE bet_kind = 'multi' AND legs IS NOT NULL")
    assert sum(b["bets"] for b in got["by_legs"]) == multis["n"][0]
    head = ledger.headline()
    assert max(got["weeks"], got["months"]) <= got["days"] <= head["bets"]   # a week may span two months
    for name in ("days", "weeks", "months"):
        assert 0 <= got[f"{name}_lost"] <= got[name]
    for run in ("longest_losing_run", "longest_winning_run"):
        assert got[run] is None or 1 <= got[run]["bets"] <= head["settled_bets"]
