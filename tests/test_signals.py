"""The safer-gambling signals (tmb_core/figures/signals.py) on exports built to hold each one and
one built to hold none: each found with the dates and amounts worked out by hand, and equal to
the independent pandas computation of tests/oracle.py, under no filters and under filters."""
import datetime as dt
import json
import re
import subprocess
import sys

import oracle
import pytest
from helpers import export, row

from tmb_core import Ledger, sample
from tmb_core.app.engine import Engine, filters_from
from tmb_core.figures import thresholds as t
from tmb_core.model import Filters
from tmb_core.present.signals import with_words
from tmb_core.sql import DuckDBConnection

AFL = "Richmond v Carlton\n Head to Head\nRichmond @ 2.00 (Win)"
NRL = "Melbourne Storm v Penrith Panthers\n Head to Head\nPenrith Panthers @ 3.00 (Win)"
T = dt.datetime


class Account:
    """Rows written in time order, each with the balance after it."""

    def __init__(self):
        self.rows, self.balance, self.tx, self.bets = [], 0, 100, 0

    def add(self, when: dt.datetime, kind: str, cents: int, bet: str = "", summary: str = "") -> None:
        self.balance += cents
        self.tx += 1
        self.rows.append(row(f"{when:%d/%m/%Y %H:%M}", kind, str(self.tx), f"{cents / 100:.2f}",
                             f"{self.balance / 100:.2f}", bet, summary))

    def bet(self, when: dt.datetime, stake: int, back: int = 0, summary: str = AFL) -> None:
        """A bet of `stake` cents, paid `back` two hours later (0: lost, no row, as Sportsbet writes it)."""
        self.bets += 1
        self.add(when, "Bet Stake", -stake, f"B{self.bets}", summary)
        if back:
            self.add(when + dt.timedelta(hours=2), "Win", back, f"B{self.bets}", summary)


def patterns() -> bytes:
    """2025: a $10 bet a month, each winning $10; a withdrawal of everything on 20 June and a
    deposit the next day (not chasing: no stake emptied the account, no bet the day before).
    2026: a $25 bet each Monday from 5 January to 23 March, every one lost, every other one at
    night on the NRL (at 01:30, one at 00:05; and one in the day at 05:00, past the night's
    hours), and a bonus bet that paid $15 on 3 March (a bet, but no cash stake); a withdrawal leaves $28 on 15 February, the next stake leaves $3 and a
    deposit follows that evening (chasing: near zero); $100 withdrawn on 20 February comes back on
    the 23rd; a deposit on 10 March, the day after a losing day (chasing), and one on 20 March
    (not: no bet the day before)."""
    a = Account()
    a.add(T(2025, 1, 2, 10), "Deposit", 50_000)
    for month in range(1, 13):
        a.bet(T(2025, month, 10, 14), 1000, 2000)
        if month == 6:
            a.add(T(2025, 6, 20, 10), "Withdrawal", -a.balance)
            a.add(T(2025, 6, 21, 10), "Deposit", 30_000)
    for i in range(12):
        day = T(2026, 1, 5) + dt.timedelta(days=7 * i)
        if i == 6:
            a.add(T(2026, 2, 15, 18), "Withdrawal", -(a.balance - 2800))
        night = i % 2 == 0
        hour, minute = {1: (5, 0), 4: (0, 5)}.get(i, (1, 30) if night else (15, 0))
        a.bet(day.replace(hour=hour, minute=minute), 2500, summary=NRL if night else AFL)
        if i == 8:
            a.add(T(2026, 3, 3, 12), "Win", 1500, "BONUS1", AFL)
        if i == 6:
            a.add(T(2026, 2, 16, 20), "Deposit", 20_000)
            a.add(T(2026, 2, 20, 10), "Withdrawal", -10_000)
            a.add(T(2026, 2, 23, 11), "Returned Withdrawal", 10_000)
        if i == 9:
            a.add(T(2026, 3, 10, 9), "Deposit", 10_000)
        if i == 10:
            a.add(T(2026, 3, 20, 9), "Deposit", 10_000)
    return export(a.rows)


def quiet() -> bytes:
    """Ten $10 bets on ten afternoons, each winning $10, between a deposit and a larger withdrawal."""
    a = Account()
    a.add(T(2026, 1, 2, 10), "Deposit", 20_000)
    for d in range(10):
        a.bet(T(2026, 1, 5 + d, 14), 1000, 2000)
    a.add(T(2026, 1, 20, 10), "Withdrawal", -28_000)
    return export(a.rows)


def made_up(rows: int = 6000, seed: int = 7) -> bytes:
    """The made-up punter's export, oldest first (the oracle takes the file's order as the true one)."""
    return sample.to_csv(sample.generate_records(rows, seed), newest_first=False).encode()


def ledger_of(data: bytes) -> Ledger:
    ledger = Ledger.in_memory()
    ledger.import_file("e.csv", data)
    return ledger


def evidence(answer: dict) -> dict:
    """Each signal's evidence by id, without the filters (the oracle has none)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "filters"}
        return [strip(v) for v in value] if isinstance(value, list) else value
    return {s["id"]: strip(s["evidence"]) for s in answer["signals"]}


def oracle_signals(data: bytes, f: Filters = Filters(), bet_ids=None) -> dict:
    """Every signal by the pandas oracle, for the dates of `f` (and, given, only the bets `bet_ids`)."""
    df = oracle.load([data.decode()])
    end = f.date_to or df["time"].max().date()
    b = oracle.bets(df, f.presumed_lost_days)
    b = b[oracle._in_dates(b["time"], f.date_from, f.date_to)]
    if bet_ids is not None:
        b = b[b.index.isin(bet_ids)]
    found = {"chasing": oracle.chasing(df, t, f.date_from, f.date_to),
             "reversed_withdrawals": oracle.reversed_withdrawals(df, f.date_from, f.date_to),
             "rising_stakes": oracle.rising_stakes(b, t, end),
             "late_night": oracle.late_night(b, t),
             "low_risk_limits": oracle.low_risk_limits(b, t, end, df["time"].min().date(), f.date_from),
             "net_cash": oracle.net_cash(df, f.date_from, f.date_to)}
    for key in ("chasing", "reversed_withdrawals", "late_night"):
        if found[key]:
            found[key]["listed"] = found[key]["listed"][:t.LISTED]
    return {k: v for k, v in found.items() if v is not None}


def test_the_hand_made_export_shows_each_signal_with_the_dates_and_amounts_worked_out_by_hand():
    answer = ledger_of(patterns()).signals()
    found = {s["id"]: s for s in answer["signals"]}
    assert list(found) == ["chasing", "reversed_withdrawals", "rising_stakes", "late_night", "low_risk_limits",
                           "net_cash"]
    assert answer["reference"] == "2026-03-23"
    chase = found["chasing"]["evidence"]
    assert {k: chase[k] for k in ("occasions", "near_zero", "after_losing_day", "deposits", "amount", "deposited")} == {
        "occasions": 2, "near_zero": 1, "after_losing_day": 1, "deposits": 5, "amount": 300.0, "deposited": 1200.0}
    assert chase["listed"] == [
        {"time": "2026-03-10T09:00:00", "amount": 100.0, "fell_at": None, "balance_before": None,
         "losing_day": "2026-03-09", "day_loss": 25.0,
         "filters": {"presumed_lost_days": 3, "date_from": "2026-03-09", "date_to": "2026-03-10"}},
        {"time": "2026-02-16T20:00:00", "amount": 200.0, "fell_at": "2026-02-16T01:30:00", "balance_before": 3.0,
         "losing_day": None, "day_loss": None,
         "filters": {"presumed_lost_days": 3, "date_from": "2026-02-16", "date_to": "2026-02-16"}}]
    assert found["chasing"]["filters"] == {"presumed_lost_days": 3, "date_from": "2026-02-16", "date_to": "2026-03-10"}
    back = found["reversed_withdrawals"]["evidence"]
    assert (back["occasions"], back["amount"], back["listed"][0]["time"]) == (1, 100.0, "2026-02-23T11:00:00")
    assert found["rising_stakes"]["evidence"] == {
        "recent": {"from": "2025-12-24", "to": "2026-03-23", "bets": 12, "staked": 300.0, "average": 25.0},
        "earlier": {"from": "2024-12-24", "to": "2025-12-23", "bets": 12, "staked": 120.0, "average": 10.0},
        "ratio": 2.5}
    assert found["rising_stakes"]["filters"] == {"presumed_lost_days": 3, "date_from": "2025-12-24", "date_to": "2026-03-23"}
    night = found["late_night"]["evidence"]
    assert {k: night[k] for k in ("bets", "night_bets", "nights", "staked", "net_profit", "share")} == {
        "bets": 25, "night_bets": 6, "nights": 6, "staked": 150.0, "net_profit": -150.0, "share": 0.24}
    assert [n["day"] for n in night["listed"]] == ["2026-03-16", "2026-03-02", "2026-02-16", "2026-02-02",
                                                   "2026-01-19", "2026-01-05"]
    assert found["low_risk_limits"]["evidence"] == {
        "from": "2025-03-24", "to": "2026-03-23", "covered_from": "2025-03-24", "days": 22, "bets": 22,
        "staked": 390.0, "lost": 195.0, "limit_days": 14, "limit_spend": 400.0, "over_days": True, "over_spend": False}
    cash = found["net_cash"]["evidence"]
    assert (cash["deposits"], cash["withdrawals"], cash["returned_withdrawals"], cash["net"], cash["months_in"]) == (
        1200.0, 842.0, 100.0, 458.0, 3)
    assert [(m["month"], m["net"], m["cumulative"]) for m in cash["months"]] == [
        ("2025-01-01", 500.0, 500.0), ("2025-06-01", -260.0, 240.0), ("2026-02-01", 18.0, 258.0),
        ("2026-03-01", 200.0, 458.0)]
    assert cash["months"][1]["filters"] == {"presumed_lost_days": 3, "date_from": "2025-06-01", "date_to": "2025-06-30"}


CASES = {"hand-made": patterns, "made-up punter": made_up, "another made-up punter": lambda: made_up(9000, 21),
         "quiet": quiet}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("f", [Filters(), Filters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 10, 31)),
                               Filters(date_from=dt.date(2026, 2, 1))], ids=["all", "2025-03..10", "from 2026-02"])
def test_every_signal_equals_the_pandas_oracle(case, f):
    data = CASES[case]()
    ledger = ledger_of(data)
    assert evidence(ledger.signals(f)) == oracle_signals(data, f)


def test_the_made_up_punter_holds_the_cash_signals_the_hand_made_export_the_others():
    """So that the oracle tests above compare signals that are there, not only their absence."""
    assert set(evidence(ledger_of(made_up()).signals())) >= {"chasing", "reversed_withdrawals", "low_risk_limits",
                                                               "net_cash"}
    assert len(evidence(ledger_of(patterns()).signals())) == 6


def test_an_export_built_to_hold_none_shows_none_and_still_the_support():
    answer = ledger_of(quiet()).signals()
    assert answer["signals"] == [] and answer["reference"] == "2026-01-20"
    assert [s["name"] for s in answer["support"]] == ["Gambling Help Online", "BetStop", "Sportsbet deposit limits"]
    assert Ledger.in_memory().signals()["signals"] == []          # nothing stored: nothing to show


def test_filters_narrow_the_signals():
    data = patterns()
    ledger = ledger_of(data)
    february = evidence(ledger.signals(Filters(date_to=dt.date(2026, 2, 28))))
    assert february["chasing"]["occasions"] == 1 and february["chasing"]["listed"][0]["time"] == "2026-02-16T20:00:00"
    assert "rising_stakes" not in february     # 8 bets in the 3 months to 28 February: too few to say
    sport = {b["bet_id"]: b["sport"] for b in ledger.bets()}
    night_sport = sport["B13"]                  # the first 2026 bet, placed at night on the NRL
    assert night_sport != sport["B14"]
    only_nights = ledger.signals(Filters(sport=night_sport))
    assert evidence(only_nights)["late_night"]["share"] == 1.0
    assert "late_night" not in evidence(ledger.signals(Filters(sport=sport["B14"])))
    ids = [b for b, s in sport.items() if s == night_sport]
    assert evidence(only_nights) == oracle_signals(data, Filters(sport=night_sport), ids)
    assert all(s["filters"] is None or s["filters"].get("sport") in (None, night_sport) for s in only_nights["signals"])


def test_each_signal_says_how_and_why_from_the_one_module_of_thresholds_and_links_its_bets():
    answer = with_words(ledger_of(patterns()).signals(Filters(sport=None)))
    how = {s["id"]: s["how"] for s in answer["signals"]}
    assert f"{t.CHASE_HOURS} hours" in how["chasing"] and f"${t.NEAR_ZERO:.2f}" in how["chasing"]
    assert f"last {t.RECENT_MONTHS} months" in how["rising_stakes"] and f"{t.RISE_RATIO:g} times" in how["rising_stakes"]
    assert f"{t.NIGHT_SHARE:.0%}" in how["late_night"] and "midnight to 5 am" in how["late_night"]
    assert f"{t.LIMIT_DAYS} times" in how["low_risk_limits"] and f"${t.LIMIT_SPEND:,.0f}" in how["low_risk_limits"]
    for s in answer["signals"]:
        assert s["title"] and s["found"] and s["why"].endswith(".") and s["source"]["name"]
        assert s["how"].count(". ") == 0 and s["why"].count(". ") == 0, "one sentence each"
        if s["filters"]:
            filters_from(s["filters"])         # the page can apply them as they are
    assert "Dowling" in next(s["source"]["name"] for s in answer["signals"] if s["id"] == "low_risk_limits")
    assert "$200.00 on 16/02/2026 at 20:00" not in answer["signals"][0]["found"]          # the latest is listed
    assert "$100.00 on 10/03/2026 at 09:00" in answer["signals"][0]["found"]
    assert "2.5 times" in answer["signals"][2]["found"]


WORDS_THAT_LABEL = r"\b(problem gambler|addict|addicted|compulsive|chaser|degenerate|pathological)\b"


def test_no_sentence_labels_the_person():
    texts = []
    for case in (patterns, made_up):
        answer = with_words(ledger_of(case()).signals())
        texts += [s[k] for s in answer["signals"] for k in ("title", "how", "why", "found")]
    texts += [h["what"] for h in t.SUPPORT]
    assert texts and not [x for x in texts if re.search(WORDS_THAT_LABEL, x, re.I)]


def test_the_engine_op_and_the_cli_give_the_same_signals(tmp_path):
    path = tmp_path / "patterns.csv"
    path.write_bytes(patterns())
    engine = Engine(DuckDBConnection())
    engine.handle({"op": "import_file", "args": {"name": path.name}}, path.read_bytes())
    answer = engine.handle({"op": "signals", "args": {"filters": {"date_from": "2025-06-01"}}})
    assert answer["ok"], answer
    expected = with_words(engine.ledger.signals(Filters(date_from=dt.date(2025, 6, 1))))
    assert answer["data"] == json.loads(json.dumps(expected))
    done = subprocess.run([sys.executable, "-m", "tmb_core", "summary", str(path), "--json", "--from", "2025-06-01"],
                          capture_output=True, text=True, timeout=300)
    assert json.loads(done.stdout)["signals"] == answer["data"]
    text = subprocess.run([sys.executable, "-m", "tmb_core", "summary", str(path)], capture_output=True, text=True,
                          timeout=300).stdout
    everything = with_words(engine.ledger.signals())
    assert all(s["found"] in text and s["title"] in text for s in everything["signals"])
    assert "1800 858 858" in text and "betstop.gov.au" in text and "115004973308" in text


def test_months_are_counted_back_as_duckdb_counts_them():
    from tmb_core.figures.signals import months_back

    conn = DuckDBConnection()
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 800, 3)]
    for months in (3, 12, 15):
        sql = " UNION ALL ".join(f"SELECT {n} AS n, strftime(DATE '{d}' - INTERVAL {months} MONTH, '%Y-%m-%d') AS d"
                                 for n, d in enumerate(days))
        theirs = conn.query(sql + " ORDER BY n")["d"]
        assert [months_back(d, months).isoformat() for d in days] == theirs


def test_the_readme_documents_every_signal_and_its_evidence():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    answer = ledger_of(patterns()).signals()
    for s in answer["signals"]:
        line = next((x for x in readme.splitlines() if x.startswith(f"| `{s['id']}` |")), "")
        missing = [k for k in s["evidence"] if f"`{k}`" not in line]
        assert line and not missing, f"README.md does not document {s['id']}: {missing}"
