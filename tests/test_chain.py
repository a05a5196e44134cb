"""The balance chain: the set-based reading of each minute finds the same breaks as walking
the chain row by row (chain.walk), whatever order, gaps and blanks the rows come in."""
from helpers import export, row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmb_core import Ledger
from tmb_core.store import chain

PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Small amounts that often cancel out: balances repeat within a minute, the hard case.
amounts = st.sampled_from([-1000, -500, 0, 500, 1000, 2500])


def _rows(steps: list[tuple[int, int, str]], opening: int = 10_000) -> list[list[str]]:
    """One Adjustment per step (minute, amount in cents, what happens to it)."""
    out, balance = [], opening
    for n, (minute, cents, fate) in enumerate(steps):
        balance += cents
        if fate == "lost":   # the row is missing from the export: its amount is still in the balance
            continue
        shown = {"kept": f"{balance / 100:.2f}", "blank": "", "wrong": f"{(balance + 700) / 100:.2f}"}[fate]
        out.append(row(f"01/05/2026 10:{minute:02d}", "Adjustment", str(1000 + n), f"{cents / 100:.2f}", shown))
    return out


step = st.tuples(st.integers(0, 9), amounts,
                 st.sampled_from(["kept"] * 8 + ["lost", "blank", "wrong"]))


def _ledger(rows: list[list[str]]) -> Ledger:
    ledger = Ledger.in_memory()
    ledger.import_file("chain.csv", export(rows))
    return ledger


@PROPERTY
@given(st.lists(step, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_minutes_read_in_sql_break_where_the_walk_breaks(steps, rnd):
    steps.sort(key=lambda s: s[0])
    rows = _rows(steps)
    rnd.shuffle(rows)          # the file's order within a minute is not the true order
    rows.sort(key=lambda r: r[0])
    ledger = _ledger(rows)
    assert chain.gaps(ledger.conn) == chain.walk(ledger.conn)


def test_a_minute_that_returns_to_its_balance_in_file_order_reversed_makes_no_gap():
    # 10:01 holds +10 then -10 (back to 100.00), listed the other way round: read on its own
    # the minute would start at 110.00; walked from 10:00's closing it starts at 100.00.
    rows = [row("01/05/2026 10:00", "Adjustment", "1", "100.00", "100.00"),
            row("01/05/2026 10:01", "Adjustment", "3", "-10.00", "100.00"),
            row("01/05/2026 10:01", "Adjustment", "2", "10.00", "110.00"),
            row("01/05/2026 10:02", "Adjustment", "4", "5.00", "105.00")]
    ledger = _ledger(rows)
    assert chain.gaps(ledger.conn) == chain.walk(ledger.conn) == []


def test_a_missing_row_is_one_gap_with_its_amount():
    steps = [(0, 1000, "kept"), (1, -500, "kept"), (2, 2500, "lost"), (3, 500, "kept")]
    [gap] = chain.gaps(_ledger(_rows(steps)).conn)
    assert (gap.after, gap.before, gap.missing) == ("2026-05-01T10:01:00", "2026-05-01T10:03:00", 25.0)


def test_a_first_export_of_one_minute_newest_first_leaves_no_false_gap():
    """A first export of one minute (a deposit staked at once) shows its order by neither its
    times nor its balances (they read both ways): read newest first, as Sportsbet writes, the
    whole account imported after it has no gap. (The same written oldest first is still open.)"""
    from tmb_core import sample

    records = sample.generate_records(30, seed=86)
    assert records[0]["Time (AEST)"] == records[1]["Time (AEST)"] != records[2]["Time (AEST)"]
    whole = sample.to_csv(records).encode()
    ledger = Ledger.in_memory()
    ledger.import_file("first_minute.csv", sample.to_csv(records[:2], newest_first=True).encode())
    ledger.import_file("all.csv", whole)
    alone = Ledger.in_memory()
    alone.import_file("all.csv", whole)
    assert ledger.headline() == alone.headline() and ledger.headline()["balance_gaps"] == 0
