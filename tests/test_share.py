"""The share a punter gives a coach (store/share.py): read as an export, with the same figures as
its sources, and none of the account's ids, card or bank digits, names or file names, which the
tests look for in the share's bytes, every value of every source file.

Sources: every reference file that imports, and generated exports (overlapping files, a gap
between two of them, deposits and withdrawals naming people, cards and bank accounts)."""
import csv
import functools
import io
import json
import re
import subprocess
import sys

import pytest
from helpers import DATA, export, row

from tmb_core import Ledger, sample
from tmb_core.app import protocol
from tmb_core.app.engine import Engine
from tmb_core.model import BET_KINDS
from tmb_core.present.signals import with_words
from tmb_core.read.columns import delimiter
from tmb_core.read.kinds import tx_kind
from tmb_core.read.textfile import decode
from tmb_core.sql import DuckDBConnection
from tmb_core.store.scale import turnover
from tmb_core.store.share import CannotShare

REFERENCE = sorted(p for p in DATA.glob("*/*") if not p.name.endswith(".expected.json")
                   and Ledger.in_memory().import_file(p.name, p.read_bytes()).error is None)
#: The words of a Deposit's or a Withdrawal's text that say how money moved, not whose it is.
MOVEMENT_WORDS = {"deposit", "withdrawal", "returned", "reversal", "to", "from", "bank", "account", "visa",
                  "mastercard", "debit", "credit", "card", "ending", "payid", "bpay", "apple", "google",
                  "pay", "by", "transfer", "group", "the", "acct", "bsb", "manual", "adjustment", "goodwill",
                  "correction", "resettlement", "dead", "heat", "dividend", "promo", "spin", "wheel", "with", "mates",
                  "bet", "contribution", "payout"}
#: People, cards and bank accounts in the generated exports' cash rows.
NAMED = ("Deposit - PayID from Jordan Whitfield", "Deposit - Visa Debit ending 4821",
         "Withdrawal - Commonwealth Bank BSB 062-914 Acct 10457823 (Priya Ramanathan)",
         "Returned Withdrawal - Acct 10457823 Priya Ramanathan")


def _named(records: list[dict]) -> list[dict]:
    """The records with their deposits and withdrawals naming people, cards and accounts, and
    their group transfers a person's group."""
    out = []
    for n, r in enumerate(records):
        r = dict(r)
        if r["Type"] == "Deposit":
            r["Summary"] = NAMED[n % 2]
        elif r["Type"] in ("Withdrawal", "Returned Withdrawal"):
            r["Summary"] = NAMED[2 if r["Type"] == "Withdrawal" else 3]
        elif r["Type"] == "Bet with Mates":
            r["Summary"] = "Transfer to group: Harriet Osei's Syndicate"
        out.append(r)
    return out


def generated() -> dict[str, list[tuple[str, bytes]]]:
    """Generated sources: one export; two overlapping ones (one newest first); two with the
    rows between them missing (a gap in the balance chain); one naming people and accounts."""
    records = sample.generate_records(1500, seed=5)
    named = _named(sample.generate_records(900, seed=8))
    return {
        "one": [("sample-export.csv", sample.to_csv(records).encode())],
        "overlapping": [("jan_2025.csv", sample.to_csv(records[:900]).encode()),
                        ("feb_2025.csv", sample.to_csv(records[600:], newest_first=True).encode())],
        "gap": [("first_part.csv", sample.to_csv(records[:500]).encode()),
                ("last_part.csv", sample.to_csv(records[700:]).encode())],
        "named": [("jordan_whitfield_sportsbet.csv", sample.to_csv(named).encode())],
    }


GENERATED = generated()
SOURCES = {**{f"reference/{p.parent.name}/{p.name}": [(p.name, p.read_bytes())] for p in REFERENCE},
           **{f"generated/{k}": v for k, v in GENERATED.items()}}


@functools.cache
def stored(source: str) -> Ledger:
    """The ledger of one of SOURCES (kept: the tests only read it)."""
    return ledger_of(SOURCES[source])


def ledger_of(files: list[tuple[str, bytes]]) -> Ledger:
    ledger = Ledger.in_memory()
    for name, data in files:
        assert ledger.import_file(name, data).error is None
    return ledger


def records(data: bytes) -> list[dict]:
    """A source file's rows, as its text says them (header names trimmed and lower-cased)."""
    text = decode(data)[0]
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text.split("\n", 1)[0]))
    header = [h.replace("\ufeff", "").strip().lower() for h in next(reader)]
    return [dict(zip(header, r)) for r in reader]


def secrets(files: list[tuple[str, bytes]]) -> dict[str, set[str]]:
    """Every value a share must not hold: the files' Transaction and Bet Ids, the digit runs and
    the names in their cash rows' text (Deposit, Withdrawal and the other movements that are no
    bet: docs/domain.md), and the file names."""
    found = {"ids": set(), "digits": set(), "names": set(), "files": {name for name, _ in files}}
    for _, data in files:
        for r in records(data):
            found["ids"] |= {v.strip() for k, v in r.items() if k in ("transaction id", "bet id") and v and v.strip()}
            if (r.get("bet id") or "").strip() or tx_kind(" ".join((r.get("type") or "").split())) in BET_KINDS:
                continue
            text = r.get("summary") or ""
            found["digits"] |= set(re.findall(r"\d{3,}", text))
            found["names"] |= names(text)
    return found


def names(text: str) -> set[str]:
    """The names a cash row's text holds: each run of capitalised words that are not
    MOVEMENT_WORDS ("Priya Ramanathan", "The Punters" gives "Punters")."""
    found = set()
    for run in re.findall(r"[A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)*", text):
        phrase = []
        for word in [*run.split(), "to"]:
            if word.lower() in MOVEMENT_WORDS:
                found |= {" ".join(phrase)} if phrase else set()
                phrase = []
            else:
                phrase.append(word)
    return found


def leaks(share: bytes, found: dict[str, set[str]]) -> list[str]:
    """The secrets the share's bytes hold: an id or a digit run as a run of digits of its own
    (and an id of 6 digits or more anywhere), a name as a word, a file name anywhere."""
    text = share.decode("utf-8")
    runs = set(re.findall(r"\d+", text))
    values = found["ids"] | found["digits"]
    within = {run[i:i + n] for n in {len(v) for v in values if len(v) >= 6} for run in runs for i in range(len(run) - n + 1)}
    out = [v for v in values if v in runs or v in within or (not v.isdigit() and f",{v}," in text)]
    out += [n for n in found["names"] if re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)]
    out += [f for f in found["files"] if f in text or f.rsplit(".", 1)[0] in text]
    return out


def figures(ledger: Ledger) -> dict:
    """What `summary --json` prints but the files: the headline, the insights, the signals."""
    headline = ledger.headline()
    return {**headline, "insights": ledger.insights(None, headline), "signals": with_words(ledger.signals())}


def shared(ledger: Ledger, scale: bool = False) -> tuple[bytes, Ledger]:
    data = ledger.share(scale=scale).encode("utf-8")
    again = Ledger.in_memory()
    report = again.import_file("shared.csv", data)
    assert (report.error, report.rejected, report.issues) == (None, 0, ())
    assert report.as_dict()["shared"] == {"scaled": scale}
    return data, again


def test_the_secrets_are_found_in_the_sources():
    """The scan looks for something: the reference files' and the named export's card digits,
    bank accounts and names are there to find."""
    named = secrets(GENERATED["named"])
    assert {"Jordan Whitfield", "Priya Ramanathan", "Harriet Osei's Syndicate"} <= named["names"]
    assert {"4821", "062", "914", "10457823"} <= named["digits"]
    assert "1234" in secrets(SOURCES["reference/good/all_kinds.csv"])["digits"]
    assert len(secrets(GENERATED["one"])["ids"]) > 2000
    source = b"".join(data for _, data in GENERATED["named"])
    assert set(leaks(source, named)) >= {"Jordan Whitfield", "Priya Ramanathan", "4821", "10457823"}
    assert "Saturday Quaddie" in secrets(GENERATED["one"])["names"]


@pytest.mark.parametrize("scale", [False, True], ids=["exact", "scaled"])
@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_a_share_holds_no_id_digits_name_or_file_name_of_its_sources(source, scale):
    files = SOURCES[source]
    ledger = stored(source)
    if scale and not ledger.headline()["staked"]:   # nothing to scale: the scaled test says so
        return
    data, _ = shared(ledger, scale)
    assert leaks(data, secrets(files)) == []


@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_a_share_has_every_figure_of_its_sources(source):
    ledger = stored(source)
    _, again = shared(ledger)
    assert figures(again) == figures(ledger)
    assert again.gaps() == ledger.gaps() and again.transaction_count() == ledger.transaction_count()
    # bet by bet too: the new Bet Ids are in the order of the old ones
    old, new = ledger.bets(), again.bets()
    renamed = dict(zip(sorted(b["bet_id"] for b in old), sorted(b["bet_id"] for b in new)))
    assert sorted(new, key=lambda b: b["bet_id"]) == sorted(({**b, "bet_id": renamed[b["bet_id"]]} for b in old),
                                                            key=lambda b: b["bet_id"])
    assert not set(renamed) & set(renamed.values())


def by_key(columns: dict) -> dict:
    """A breakdown's columns as {key: row}."""
    return {key: dict(zip(columns, values)) for key, *values in zip(columns["key"], *columns.values())}


COUNTS = ("bets", "settled_bets", "winning_bets", "unsettled_bets", "presumed_lost_bets", "bonus_bets",
          "cash_bets", "transactions", "balance_gaps", "first", "last", "strike_rate")


@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_a_scaled_share_has_a_turnover_of_100_and_the_same_patterns(source):
    ledger = stored(source)
    if not ledger.headline()["staked"]:
        with pytest.raises(CannotShare, match="Nothing was staked"):
            ledger.share(scale=True)
        return
    _, again = shared(ledger, scale=True)
    was, now = ledger.dashboard(), again.dashboard()
    assert now["headline"]["staked"] == 100.0
    assert {k: now["headline"][k] for k in COUNTS} == {k: was["headline"][k] for k in COUNTS}
    # the ROI is the profit's rounding in 10,000 cents away: measured within 0.001 on these sources
    assert now["headline"]["roi"] == pytest.approx(was["headline"]["roi"], abs=0.002)
    turnover = was["headline"]["staked"]
    for dimension, columns in was["breakdowns"].items():   # (in order of turnover: near ties may swap)
        rows = by_key(columns)
        scaled_rows = by_key(now["breakdowns"][dimension])
        assert {k: (r["bets"], r["strike_rate"]) for k, r in scaled_rows.items()} == {
            k: (r["bets"], r["strike_rate"]) for k, r in rows.items()}, dimension
        for key, source in rows.items():   # each bet's stake is within a cent or two of its share (below)
            assert scaled_rows[key]["staked"] / 100 == pytest.approx(source["staked"] / turnover,
                                                                     abs=2 * source["bets"] / 10_000), (dimension, key)
    old, new = sorted(ledger.bets(), key=lambda b: b["bet_id"]), sorted(again.bets(), key=lambda b: b["bet_id"])
    for was_bet, bet in zip(old, new, strict=True):
        assert bet["stake"] == pytest.approx(was_bet["stake"] * 100 / turnover, abs=0.02)
        assert (bet["status"], bet["bonus_funded"], bet["sport"], bet["price"]) == (
            was_bet["status"], was_bet["bonus_funded"], was_bet["sport"], was_bet["price"])
        assert (bet["profit"] > 0, bet["profit"] == 0) == (was_bet["profit"] > 0, was_bet["profit"] == 0)
    # per bet the sign of the profit is kept; a period adds several up (equal here, not by construction)
    for key in ("days_lost", "weeks_lost", "months_lost", "settled_lost_share", "longest_losing_run",
                "longest_winning_run"):
        assert again.insights()[key] == ledger.insights()[key], key


def test_scaling_keeps_the_balance_chain_where_it_holds_and_breaks_it_where_it_breaks():
    ledger = ledger_of(GENERATED["gap"])
    [gap] = ledger.gaps()
    _, again = shared(ledger, scale=True)
    [scaled] = again.gaps()
    assert (scaled.after, scaled.before) == (gap.after, gap.before)
    assert scaled.missing == pytest.approx(gap.missing * 100 / ledger.headline()["staked"], abs=0.01)
    assert again.reconciliation()["difference"] == pytest.approx(scaled.missing, abs=0.005)


def test_scaling_keeps_what_the_figures_count_where_rounding_would_lose_it():
    """A $0.10 stake among $5,000 ones (a thousandth of a cent once scaled), a void, a bet that
    broke even over three rows, one that won a cent, a minute's rows stored in another order than
    they happened (the chain reads a minute's rows in any order), and a minute with a blank balance."""
    w = "A v B\n Win\nA @ 2.00 (Win)"
    rows = [row("01/05/2026 09:00", "Deposit", "71", "20000.00", "20000.00"),
            row("01/05/2026 09:01", "Bet Stake", "72", "-5000.00", "15000.00", "81", w),
            row("01/05/2026 09:02", "Bet Stake", "73", "-0.10", "14999.90", "82", w),
            row("01/05/2026 09:03", "Bet Stake", "74", "-2.50", "14997.40", "83", w),
            row("01/05/2026 09:03", "Bet Stake", "75", "-2.50", "14994.90", "83", w),
            row("01/05/2026 09:03", "Bet Stake", "76", "-3.33", "14991.57", "84", w),
            row("01/05/2026 09:05", "Void", "77", "5000.00", "19991.57", "81", w),
            row("01/05/2026 09:06", "Win", "78", "5.00", "19996.57", "83", w),
            row("01/05/2026 09:07", "Win", "79", "3.34", "19999.91", "84", w),
            row("01/05/2026 09:08", "Bet Stake", "80", "-7000.00", "12999.91", "85", w),
            row("01/05/2026 09:08", "Withdrawal", "86", "-999.91", "", ""),
            row("01/05/2026 09:09", "Win", "87", "14000.00", "26000.00", "85", w)]
    balance = 2600000
    for n, cents in enumerate((1237, 4561, 789, 2345, 9999, 321, 5555, 1234)):   # listed last first
        balance += cents
        rows.insert(12, row("01/05/2026 09:10", "Deposit", str(90 + n), f"{cents / 100:.2f}", f"{balance / 100:.2f}"))
    ledger = ledger_of([("odd.csv", export(rows))])
    assert ledger.conn.query("SELECT tx_id FROM transactions WHERE rank = 0 AND minute(time) = 10")["tx_id"] == ["97"]
    _, again = shared(ledger, scale=True)
    assert again.headline()["staked"] == 100.0 and again.gaps() == [] == ledger.gaps()
    assert [(b["status"], b["bonus_funded"], (b["profit"] > 0) - (b["profit"] < 0)) for b in again.bets()] == [
        (b["status"], b["bonus_funded"], (b["profit"] > 0) - (b["profit"] < 0)) for b in ledger.bets()]
    stakes = sorted(b["stake"] for b in again.bets())
    assert stakes[0] == 0.01 and sum(stakes) == pytest.approx(100.0)


def test_with_more_than_2000_stakes_the_scaled_turnover_is_the_next_power_of_ten():
    """Cents cannot hold the patterns of thousands of stakes in a turnover of 100: 5 cents a
    stake on average at the least, so 1,000 for 2,001 to 20,000 stakes."""
    assert [turnover(n) for n in (1, 2000, 2001, 20_000, 20_001)] == [10_000, 10_000, 100_000, 100_000, 1_000_000]
    ledger = ledger_of([("big.csv", sample.generate_csv(4000, seed=12).encode())])
    data, again = shared(ledger, scale=True)
    assert data.split(b"\r\n", 1)[0].endswith(b",TrackMyBets share (amounts scaled: turnover 1000)")
    was, now = ledger.headline(), again.headline()
    assert now["staked"] == 1000.0 and was["bets"] > 2000
    assert {k: now[k] for k in COUNTS} == {k: was[k] for k in COUNTS}
    assert now["roi"] == pytest.approx(was["roi"], abs=0.002)


def test_ids_are_stable_for_the_same_source_and_unrelated_for_another():
    one = ledger_of(GENERATED["one"]).share()
    assert ledger_of(GENERATED["one"]).share() == one
    ids = {r["transaction id"] for r in records(one.encode())}
    other = ledger_of(GENERATED["overlapping"][:1]).share()   # the same first 900 rows, no more
    assert not ids & {r["transaction id"] for r in records(other.encode())}
    scaled = ledger_of(GENERATED["one"]).share(scale=True)
    assert not ids & {r["transaction id"] for r in records(scaled.encode())}
    assert all(len(i) == 12 and i.isdigit() for i in ids) and len(ids) == 1500


def test_a_share_of_a_share_is_a_share_with_the_same_figures():
    ledger = ledger_of(GENERATED["overlapping"])
    first, again = shared(ledger)
    second, twice = shared(again)
    assert figures(twice) == figures(ledger) and second != first
    scaled, once = shared(ledger, scale=True)
    kept = once.share(scaled=True).encode()
    report = Ledger.in_memory().import_file("kept.csv", kept)
    assert report.as_dict()["shared"] == {"scaled": True}
    rescaled, thrice = shared(once, scale=True)   # a turnover of 100 scaled to 100 is the same
    assert figures(thrice) == figures(once)


@pytest.mark.parametrize("scale", [False, True], ids=["exact", "scaled"])
def test_the_engine_says_a_file_is_a_share_in_its_import_answer(scale):
    """The site's opening of a share (the engine's `open_share` op) answers `shared` in the
    protocol's shape; its import answers nothing of it for an export."""
    data, _ = shared(stored("reference/good/all_kinds.csv"), scale)
    engine = Engine(DuckDBConnection())
    answer = engine.handle({"op": "open_share", "args": {"name": "from_a_client.csv"}}, data)
    assert answer["ok"] and answer["data"]["shared"] == {"scaled": scale}
    assert protocol.answer_problems("open_share", answer["data"]) == []
    export_answer = engine.handle({"op": "import_file", "args": {"name": "b.csv"}}, (DATA / "good/basic.csv").read_bytes())
    assert "shared" not in export_answer["data"]


def test_an_export_is_no_share_and_says_nothing_of_it():
    report = Ledger.in_memory().import_file("basic.csv", (DATA / "good/basic.csv").read_bytes())
    assert report.shared is None and "shared" not in report.as_dict()


def test_nothing_stored_is_nothing_to_share():
    with pytest.raises(CannotShare, match="nothing to share"):
        Ledger.in_memory().share()


def run(*args):
    return subprocess.run([sys.executable, "-m", "tmb_core", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_the_cli_shares_files_and_summary_reads_the_share_as_the_files(tmp_path):
    paths = []
    for name, data in GENERATED["overlapping"]:
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    out = tmp_path / "for_my_coach.csv"
    done = run("share", *paths, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "1500 transactions" in done.stdout
    sources = json.loads(run("summary", *paths, "--json").stdout)
    share = json.loads(run("summary", out, "--json").stdout)
    assert share.pop("files")[0]["shared"] == {"scaled": False}
    sources.pop("files")
    assert share == sources
    scaled = tmp_path / "scaled.csv"
    assert run("share", *paths, "-o", scaled, "--scale").returncode == 0
    text = run("summary", scaled, "--json").stdout
    assert json.loads(text)["turnover"] == 100.0 and json.loads(text)["files"][0]["shared"] == {"scaled": True}
    assert "a share made with TrackMyBets" in run("summary", scaled).stdout
    assert "a share made" not in run("summary", paths[0]).stdout


def test_the_cli_says_why_it_writes_no_share(tmp_path):
    out = tmp_path / "share.csv"
    done = run("share", DATA / "good/basic.csv", DATA / "bad/export.json", "-o", out)
    assert done.returncode == 1 and "export.json: not shared" in done.stderr and "JSON" in done.stderr
    assert "Nothing was written" in done.stderr and not out.exists()
    done = run("share", DATA / "good/basic.csv", "-o", DATA / "good/basic.csv")
    assert done.returncode == 2 and "give the share another name" in done.stderr
    missing = run("share", tmp_path / "nowhere.csv", "-o", out)
    assert missing.returncode == 1 and "cannot open the file" in missing.stderr and not out.exists()
    bad = run("share", DATA / "bad/partly_bad.csv", "-o", out)
    assert bad.returncode == 0 and "rows were left out" in bad.stdout and out.exists()
