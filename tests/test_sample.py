"""Tests for tmb_core.sample: the synthetic Sportsbet export generator."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter, defaultdict

import pytest

from tmb_core.sample import HEADERS, generate_csv, generate_records, to_csv

EXPECTED_HEADERS = (
    "Time (AEST)", "Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance",
    "Single", "Multiple", "Exotic", "Pool",
)
BET_TYPES = {"Bet Stake", "Win", "Lose", "Void", "Cashed Out", "Partial Cash Out"}
CASH_TYPES = {"Deposit", "Withdrawal", "Returned Withdrawal", "Manual Adjustment", "Bet with Mates"}
ALL_TYPES = BET_TYPES | CASH_TYPES
FLAGS = ("Single", "Multiple", "Exotic", "Pool")

TIME_RE = re.compile(r"^(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})$")
MONEY_RE = re.compile(r"^-?\d+\.\d{2}$")
SELECTION_RE = re.compile(r"@ (\d+\.\d{2}) \((Win|Place|Each Way)\)$")
RACE_EVENT_RE = re.compile(r"^.+ - (R\d{1,2} .+|\d{2}:\d{2})$")


def cents(text: str) -> int:
    assert MONEY_RE.match(text), text
    neg = text.startswith("-")
    whole, frac = text.lstrip("-").split(".")
    value = int(whole) * 100 + int(frac)
    return -value if neg else value


def when(text: str) -> dt.datetime:
    m = TIME_RE.match(text)
    assert m, text
    d, mo, y, h, mi = map(int, m.groups())
    return dt.datetime(y, mo, d, h, mi)


def price_of(line: str) -> int:
    """Hundredths of the price on a selection line."""
    m = SELECTION_RE.search(line)
    assert m, line
    whole, frac = m.group(1).split(".")
    return int(whole) * 100 + int(frac)


def by_bet(records):
    bets = defaultdict(list)
    for rec in records:
        if rec["Bet Id"]:
            bets[rec["Bet Id"]].append(rec)
    return bets


@pytest.fixture(scope="module")
def r5k():
    return generate_records(5000, seed=0)


@pytest.fixture(scope="module")
def r20k():
    return generate_records(20000, seed=0)


# ---------------------------------------------------------------- basics

def test_deterministic_by_seed():
    a = generate_records(3000, seed=42)
    b = generate_records(3000, seed=42)
    c = generate_records(3000, seed=43)
    assert a == b
    assert a != c
    assert generate_csv(500, seed=9) == generate_csv(500, seed=9)


@pytest.mark.parametrize("rows", [0, 1, 2, 3, 4, 5, 10, 11, 57, 999, 1000, 4321])
def test_exact_row_count(rows):
    records = generate_records(rows, seed=rows)
    assert len(records) == rows
    text = to_csv(records)
    assert len(list(csv.DictReader(io.StringIO(text)))) == rows


def test_invalid_rows():
    with pytest.raises(ValueError):
        generate_records(-1)
    with pytest.raises(TypeError):
        generate_records(10.0)


def test_header_and_keys(r5k):
    assert HEADERS == EXPECTED_HEADERS
    text = to_csv(r5k[:5])
    assert text.startswith(",".join(EXPECTED_HEADERS) + "\r\n")
    for rec in r5k:
        assert tuple(rec) == EXPECTED_HEADERS
        assert all(isinstance(v, str) for v in rec.values())


def test_value_formats(r5k):
    for rec in r5k:
        assert TIME_RE.match(rec["Time (AEST)"]), rec
        assert MONEY_RE.match(rec["Amount"]), rec
        assert MONEY_RE.match(rec["Balance"]), rec
        assert re.fullmatch(r"\d{11,12}", rec["Transaction Id"]), rec
        assert rec["Bet Id"] == "" or re.fullmatch(r"\d+", rec["Bet Id"]), rec
        assert rec["Type"] in ALL_TYPES, rec
        for f in FLAGS:
            assert rec[f] in ("true", "false")
        assert rec["Summary"].strip(), rec


# ---------------------------------------------------------------- time

def test_time_never_goes_backwards_and_minutes_are_shared(r20k):
    times = [when(r["Time (AEST)"]) for r in r20k]
    assert all(a <= b for a, b in zip(times, times[1:]))
    shared = sum(1 for a, b in zip(times, times[1:]) if a == b)
    assert shared > 100  # several rows often share a minute


def test_default_start_and_span():
    small = generate_records(1000, seed=3)
    first, last = when(small[0]["Time (AEST)"]), when(small[-1]["Time (AEST)"])
    assert first >= dt.datetime(2025, 1, 1) and first.date() == dt.date(2025, 1, 1)
    assert 30 <= (last - first).days <= 200  # a few months
    big = generate_records(100_000, seed=3)
    span = when(big[-1]["Time (AEST)"]) - when(big[0]["Time (AEST)"])
    assert 2 * 365 <= span.days <= 12 * 365  # years


def test_custom_start():
    start = dt.datetime(2023, 6, 30, 22, 15)
    records = generate_records(800, seed=5, start=start)
    times = [when(r["Time (AEST)"]) for r in records]
    assert min(times) >= start
    assert times[0] < start + dt.timedelta(days=2)
    assert records != generate_records(800, seed=5)


def test_mostly_awake_hours(r20k):
    hours = Counter(when(r["Time (AEST)"]).hour for r in r20k if r["Type"] == "Bet Stake")
    night = sum(hours[h] for h in range(2, 7))
    assert night < 0.05 * sum(hours.values())


# ---------------------------------------------------------------- money

@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_balance_chain_holds_and_never_negative(seed):
    records = generate_records(6000, seed=seed)
    balance = 0
    for rec in records:
        balance += cents(rec["Amount"])
        assert cents(rec["Balance"]) == balance, rec
        assert balance >= 0, rec
    assert records[0]["Type"] == "Deposit"


def test_ids_unique_and_increasing(r20k):
    ids = [int(r["Transaction Id"]) for r in r20k]
    assert all(a < b for a, b in zip(ids, ids[1:]))
    assert len(set(r["Transaction Id"] for r in r20k)) == len(r20k)
    # Bet Ids are allocated in placement order: stakes carry increasing Bet Ids.
    stake_ids = []
    for r in r20k:
        if r["Type"] == "Bet Stake" and (not stake_ids or stake_ids[-1] != int(r["Bet Id"])):
            stake_ids.append(int(r["Bet Id"]))
    assert all(a < b for a, b in zip(stake_ids, stake_ids[1:]))


def test_signs_by_type(r20k):
    for rec in r20k:
        a = cents(rec["Amount"])
        t = rec["Type"]
        if t in ("Bet Stake", "Withdrawal"):
            assert a < 0, rec
        elif t in ("Win", "Void", "Cashed Out", "Partial Cash Out", "Deposit", "Returned Withdrawal"):
            assert a > 0, rec
        elif t == "Lose":
            assert rec["Amount"] == "0.00"
        else:
            assert a != 0, rec


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_type_appears_in_5000_rows(seed):
    types = Counter(r["Type"] for r in generate_records(5000, seed=seed))
    assert set(types) == ALL_TYPES, set(ALL_TYPES) - set(types)
    # realistic proportions
    n = 5000
    assert 0.55 < types["Bet Stake"] / n < 0.80
    assert 0.12 < types["Win"] / n < 0.28
    assert 0.02 < types["Deposit"] / n < 0.10
    for rare in ("Returned Withdrawal", "Manual Adjustment", "Bet with Mates", "Lose", "Partial Cash Out"):
        assert types[rare] / n < 0.015, rare


def test_cash_rows_and_bet_rows(r20k):
    for rec in r20k:
        flags = [rec[f] for f in FLAGS]
        if rec["Type"] in CASH_TYPES:
            assert rec["Bet Id"] == ""
            assert flags == ["false"] * 4
        else:
            assert rec["Bet Id"] != ""
            assert flags.count("true") == 1, rec
            assert flags.count("false") == 3, rec


def test_returned_withdrawals_match_earlier_withdrawals(r20k):
    withdrawn = Counter()
    seen = 0
    for rec in r20k:
        if rec["Type"] == "Withdrawal":
            withdrawn[-cents(rec["Amount"])] += 1
        elif rec["Type"] == "Returned Withdrawal":
            amount = cents(rec["Amount"])
            assert withdrawn[amount] > 0, rec
            withdrawn[amount] -= 1
            seen += 1
    assert seen > 0


# ---------------------------------------------------------------- bets

def test_rows_of_a_bet_agree(r20k):
    stakes_seen = set()
    for bet_id, rows in by_bet(r20k).items():
        assert len({r["Summary"] for r in rows}) == 1
        assert len({tuple(r[f] for f in FLAGS) for r in rows}) == 1
        if rows[0]["Type"] == "Bet Stake":
            stakes_seen.add(bet_id)
        else:  # no stake row at all: a bonus bet, settled only by a Win
            assert all(r["Type"] == "Win" for r in rows), rows
        types = [r["Type"] for r in rows]
        n_stakes = types.count("Bet Stake")
        assert types[:n_stakes] == ["Bet Stake"] * n_stakes  # stakes come first
        finals = [t for t in types if t in ("Win", "Lose", "Void", "Cashed Out")]
        assert len(finals) <= 1, rows
        if finals:
            assert types[-1] == finals[0]  # nothing after the final result
    assert stakes_seen


def test_each_way_bets_have_two_stakes(r20k):
    bets = by_bet(r20k)
    each_way = [rows for rows in bets.values() if rows[0]["Summary"].endswith("(Each Way)")]
    assert len(each_way) >= 20
    for rows in each_way:
        stakes = [r for r in rows if r["Type"] == "Bet Stake"]
        assert len(stakes) == 2
        assert stakes[0]["Time (AEST)"] == stakes[1]["Time (AEST)"]
        assert stakes[0]["Amount"] == stakes[1]["Amount"]
        assert stakes[0]["Single"] == "true"
    # no other bet has two stake rows
    for rows in bets.values():
        if not rows[0]["Summary"].endswith("(Each Way)"):
            assert sum(r["Type"] == "Bet Stake" for r in rows) <= 1


def test_bonus_bet_wins_without_stakes(r20k):
    bonus = [rows for rows in by_bet(r20k).values() if all(r["Type"] == "Win" for r in rows)]
    assert len(bonus) >= 5
    for rows in bonus:
        assert len(rows) == 1
        win = rows[0]
        assert win["Single"] == "true"
        price = price_of(win["Summary"].splitlines()[-1])
        paid = cents(win["Amount"])
        # Winnings only: bonus stake x (price - 1), for a round bonus-bet amount.
        assert (paid * 100) % (price - 100) == 0, win
        assert paid * 100 // (price - 100) in (500, 1000, 2000, 2500, 5000), win


def test_bonus_example_shape():
    # A $20 bonus bet at $10.00 pays $180.00: the generator's rule, stake x (price - 1).
    records = generate_records(20000, seed=11)
    for rows in by_bet(records).values():
        if all(r["Type"] == "Win" for r in rows):
            price = price_of(rows[0]["Summary"].splitlines()[-1])
            assert cents(rows[0]["Amount"]) < 5000 * price // 100  # never includes a stake


def test_single_wins_pay_stake_times_price(r20k):
    checked = 0
    for rows in by_bet(r20k).values():
        types = [r["Type"] for r in rows]
        if types != ["Bet Stake", "Win"] or rows[0]["Single"] != "true":
            continue
        last = rows[0]["Summary"].splitlines()[-1]
        if last.endswith("(Each Way)"):
            continue
        stake = -cents(rows[0]["Amount"])
        assert cents(rows[1]["Amount"]) == (stake * price_of(last) + 50) // 100, rows
        checked += 1
    assert checked > 500


def test_multi_with_header_pays_stake_times_price(r20k):
    checked = 0
    for rows in by_bet(r20k).values():
        m = re.match(r"^(\d) Leg Multi @ (\d+)\.(\d{2})$", rows[0]["Summary"].splitlines()[0])
        if not m or [r["Type"] for r in rows] != ["Bet Stake", "Win"]:
            continue
        price = int(m.group(2)) * 100 + int(m.group(3))
        stake = -cents(rows[0]["Amount"])
        assert cents(rows[1]["Amount"]) == (stake * price + 50) // 100
        checked += 1
    assert checked > 3


def test_voids_refund_the_stake(r20k):
    voids = 0
    for rows in by_bet(r20k).values():
        if rows[-1]["Type"] == "Void":
            stake = -sum(cents(r["Amount"]) for r in rows if r["Type"] == "Bet Stake")
            assert cents(rows[-1]["Amount"]) == stake
            voids += 1
    assert voids > 20


def test_partial_cash_outs(r20k):
    bets = by_bet(r20k)
    partial = [rows for rows in bets.values() if any(r["Type"] == "Partial Cash Out" for r in rows)]
    assert partial
    followed = [rows for rows in partial if rows[-1]["Type"] in ("Win", "Cashed Out")]
    assert followed  # a partial cash out, then a Win or a Cashed Out for the rest
    for rows in partial:
        assert rows[0]["Type"] == "Bet Stake"
        assert rows[0]["Single"] == "true" or rows[0]["Multiple"] == "true"


def test_most_losses_have_no_row(r20k):
    bets = by_bet(r20k)
    lose_rows = sum(1 for r in r20k if r["Type"] == "Lose")
    stake_only = sum(1 for rows in bets.values() if {r["Type"] for r in rows} == {"Bet Stake"})
    assert lose_rows > 0
    assert stake_only > 20 * lose_rows


def test_open_bets_at_the_end():
    records = generate_records(3000, seed=8)
    bets = by_bet(records)
    tail = records[-3:]
    open_stakes = [r for r in tail if r["Type"] == "Bet Stake"
                   and {x["Type"] for x in bets[r["Bet Id"]]} == {"Bet Stake"}]
    assert open_stakes
    assert all(r["Type"] in ("Bet Stake", "Deposit") for r in tail)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_punter_loses_a_realistic_share(seed):
    records = generate_records(20000, seed=seed)
    staked = {r["Bet Id"] for r in records if r["Type"] == "Bet Stake"}
    turnover = -sum(cents(r["Amount"]) for r in records if r["Type"] == "Bet Stake")
    profit = sum(cents(r["Amount"]) for r in records if r["Type"] in BET_TYPES and r["Bet Id"] in staked)
    assert profit < 0
    assert -0.25 * turnover <= profit <= -0.03 * turnover, profit / turnover
    # Bonus-bet winnings do not turn the punter into a winner.
    everything = sum(cents(r["Amount"]) for r in records if r["Type"] in BET_TYPES)
    assert everything < 0


def test_cross_check_cash_flow(r20k):
    """Net punting + deposits - withdrawals (+ other cash rows) = closing - opening balance."""
    total = sum(cents(r["Amount"]) for r in r20k)
    opening = cents(r20k[0]["Balance"]) - cents(r20k[0]["Amount"])
    assert opening == 0
    assert total == cents(r20k[-1]["Balance"]) - opening


# ---------------------------------------------------------------- summaries

def test_summary_shapes(r20k):
    summaries = [r["Summary"] for r in r20k if r["Type"] == "Bet Stake"]
    lines_of = [s.split("\n") for s in summaries]

    # Racing single: event / " Win or Place" / "N. Runner @ 12.00 (Win|Place|Each Way)"
    racing = [ls for ls in lines_of if len(ls) == 3 and ls[1] == " Win or Place"]
    assert len(racing) > 1000
    for ls in racing:
        assert RACE_EVENT_RE.match(ls[0]), ls
        assert re.fullmatch(r"\d{1,2}\. [^\n]+ @ \d+\.\d{2} \((Win|Place|Each Way)\)", ls[2]), ls
    comps = Counter(SELECTION_RE.search(ls[2]).group(2) for ls in racing)
    assert comps["Win"] > comps["Place"] > 0 and comps["Each Way"] > 0
    assert any(re.fullmatch(r".+ - \d{2}:\d{2}", ls[0]) for ls in racing)  # "Track - HH:MM"
    assert any(re.fullmatch(r".+ - R\d{1,2} .+ \(\d{3}m\)", ls[0]) for ls in racing)  # greyhounds

    # Sport single: "A v B" / " Market" / "Selection @ 1.36 (Win)"
    assert any(re.fullmatch(r".+ v .+", ls[0]) and ls[1] == " Win-Draw-Win" and SELECTION_RE.search(ls[2])
               for ls in lines_of if len(ls) == 3)
    # Player market: "A At B" / " Player - Market" / " Player Over (6.5) @ 1.74 (Win)"
    props = [ls for ls in lines_of if len(ls) == 3 and " - " in ls[1] and ls[2].startswith(" ")]
    assert props
    for ls in props:
        player = ls[1].strip().split(" - ")[0]
        assert re.fullmatch(re.escape(" " + player) + r" (Over|Under) \(\d+\.5\) @ \d+\.\d{2} \(Win\)", ls[2]), ls
    assert any(" At " in ls[0] for ls in props)

    text = "\n".join(summaries)
    for needle in ("Collingwood", "Penrith Panthers", "Man City", "Sydney FC", "Sydney Sixers",
                   "Boston Celtics", "Kansas City Chiefs", "Flemington", "Menangle", "The Meadows",
                   "Ellerslie"):
        assert needle in text, needle
    assert "Jannik Sinner" in text or "Carlos Alcaraz" in text
    assert "Aryna Sabalenka" in text or "Iga Swiatek" in text


def test_bet_kinds_and_flags(r20k):
    first = {}
    for r in r20k:
        if r["Type"] == "Bet Stake":
            first.setdefault(r["Bet Id"], r)
    kinds = Counter()
    for r in first.values():
        s = r["Summary"]
        lines = s.split("\n")
        if r["Exotic"] == "true":
            assert re.fullmatch(r"  .*(Trifecta|Quinella|Exacta|First 4) \(\d{1,2}(, \d{1,2})+\)", lines[1]), s
            assert RACE_EVENT_RE.match(lines[0]), s
            kinds["exotic"] += 1
        elif r["Pool"] == "true":
            assert re.search(r"(Quaddie|Big 6|Double) \(", s), s
            kinds["pool"] += 1
        elif r["Multiple"] == "true":
            if lines[1] == " Same Game Multi":
                assert re.search(r" (v|At) ", lines[0]), s
                assert len(lines) >= 4 and all(re.search(r" @ \d+\.\d{2}$", x) for x in lines[2:]), s
                kinds["sgm"] += 1
            elif lines[1] == " Same Race Multi":
                assert RACE_EVENT_RE.match(lines[0]) and len(lines) >= 4, s
                kinds["srm"] += 1
            else:
                legs = [x for x in lines if SELECTION_RE.search(x)]
                assert len(legs) >= 2, s
                kinds["multi_blank" if "\n\n" in s else "multi_tight"] += 1
        else:
            assert r["Single"] == "true"
            assert SELECTION_RE.search(lines[-1]), s
            kinds["single"] += 1
    for k in ("exotic", "pool", "sgm", "srm", "multi_blank", "multi_tight", "single"):
        assert kinds[k] > 0, k
    assert any("Quaddie" in r["Summary"] for r in first.values())
    assert any("Fixed Odds Boxed Trifecta" in r["Summary"] for r in first.values())
    assert any("First 4" in r["Summary"] for r in first.values())


def test_prices(r20k):
    sport, racing = [], []
    for r in r20k:
        if r["Type"] != "Bet Stake" or r["Single"] != "true":
            continue
        lines = r["Summary"].split("\n")
        p = price_of(lines[-1])
        assert 101 <= p <= 10000
        (racing if RACE_EVENT_RE.match(lines[0]) else sport).append(p)
    assert sport and racing
    assert sum(120 <= p <= 1500 for p in sport) / len(sport) > 0.9
    assert max(sport) <= 5100
    assert max(racing) > 2000


# ---------------------------------------------------------------- CSV

def test_csv_round_trip_both_orders(r5k):
    for newest_first in (True, False):
        text = to_csv(r5k, newest_first=newest_first)
        back = list(csv.DictReader(io.StringIO(text, newline="")))
        expected = list(reversed(r5k)) if newest_first else r5k
        assert back == expected


def test_newest_first_reverses():
    records = generate_records(300, seed=4)
    newest = list(csv.DictReader(io.StringIO(to_csv(records))))
    oldest = list(csv.DictReader(io.StringIO(to_csv(records, newest_first=False))))
    assert newest == oldest[::-1]
    assert newest[0]["Transaction Id"] == records[-1]["Transaction Id"]
    assert generate_csv(300, seed=4) == to_csv(records)
    assert generate_csv(300, seed=4, newest_first=False) == to_csv(records, newest_first=False)


def test_csv_line_endings_and_quoting(r5k):
    text = to_csv(r5k)
    assert text.endswith("\r\n")
    # Every record line ends with CRLF; line breaks inside Summary are quoted.
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    physical_crlf = text.count("\r\n")
    assert physical_crlf == len(r5k) + 1
    assert '"' in text and "\n" in text.replace("\r\n", "")
    multi_line = [r for r in r5k if "\n" in r["Summary"]]
    assert multi_line
    sample = next(r for r in multi_line)
    assert f'"{sample["Summary"]}"' in text
