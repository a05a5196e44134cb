"""Guess first: what the punter guessed is kept with the data, set beside the truth for the
filters it was made on (the pandas oracle's figures), worded plainly, backed up, and deleted
with everything else."""
import json

import oracle
import pytest

from tmb_core import Ledger, sample
from tmb_core.app.engine import Engine
from tmb_core.model import Filters
from tmb_core.present.text import guess_lines
from tmb_core.sql import DuckDBConnection

TEXT = sample.generate_csv(900, seed=5)


def engine() -> Engine:
    e = Engine(DuckDBConnection())
    e.handle({"op": "import_file", "args": {"name": "a.csv"}}, TEXT.encode())
    return e


def ask(e: Engine, op: str, **args):
    answer = e.handle({"op": op, "args": args})
    assert answer["ok"], answer
    return answer["data"]


def test_a_punter_never_asked_has_no_guess_and_the_dashboard_says_so():
    e = engine()
    assert ask(e, "dashboard", filters={}, period="day", known=None)["guess"] is None


def test_a_guess_is_set_beside_the_oracles_truth_for_the_filters_it_was_made_on():
    e = engine()
    truth = oracle.headline(oracle.load([TEXT]))
    reveal = ask(e, "guess", filters={}, net_profit=-150.0, wins_of_10=6)["guess"]
    assert reveal["net_profit"] == -150.0 and reveal["wins_of_10"] == 6 and not reveal["skipped"]
    assert reveal["truth"]["net_profit"] == pytest.approx(truth["net_profit"], abs=0.005)
    assert reveal["truth"]["wins_of_10"] == round(10 * truth["strike_rate"], 1)
    assert reveal["difference"] == pytest.approx(truth["net_profit"] + 150.0, abs=0.005)
    # the next dashboard (a reload) answers the same reveal
    assert ask(e, "dashboard", filters={"sport": "Soccer"}, period="day", known=None)["guess"] == reveal


def test_the_truth_follows_the_filters_of_the_guess_not_those_shown_now():
    e = engine()
    sport = e.ledger.choices()["sport"][0]
    reveal = ask(e, "guess", filters={"sport": sport}, net_profit=20.0, wins_of_10=None)["guess"]
    span = e.ledger.span()
    assert reveal["filters"] == {"sport": sport, "presumed_lost_days": 3,
                                 "date_from": span["first"][:10], "date_to": span["last"][:10]}
    assert reveal["truth"]["net_profit"] == e.ledger.headline(Filters(sport=sport))["net_profit"]
    assert reveal["truth"]["net_profit"] != e.ledger.headline()["net_profit"]


def test_the_words_set_the_feeling_beside_the_truth():
    reveal = {"net_profit": 0.0, "wins_of_10": 5, "difference": -2880.5,
              "truth": {"net_profit": -2880.5, "wins_of_10": 3.2, "bets": 10}}
    assert guess_lines(reveal) == ["You thought you were about even; you are $2,881 down.",
                                   "That is $2,881 worse than you thought.",
                                   "You thought 5 in 10 of your bets would win; 3.2 in 10 of your settled bets did."]
    up = {**reveal, "net_profit": -100.0, "difference": 220.0, "wins_of_10": None,
          "truth": {"net_profit": 120.0, "wins_of_10": None, "bets": 1}}
    assert guess_lines(up) == ["You thought you were $100 down; you are $120 up.",
                               "That is $220 better than you thought."]


def test_a_skip_is_kept_so_the_page_does_not_ask_again_and_says_nothing():
    e = engine()
    reveal = ask(e, "guess", filters={}, net_profit=None, wins_of_10=None)["guess"]
    assert reveal["skipped"] and reveal["lines"] == [] and reveal["difference"] is None


@pytest.mark.parametrize("args", [{"net_profit": 1e12, "wins_of_10": None}, {"net_profit": None, "wins_of_10": 11},
                                  {"net_profit": None, "wins_of_10": -1}])
def test_a_guess_that_cannot_be_compared_is_refused_and_nothing_is_kept(args):
    e = engine()
    answer = e.handle({"op": "guess", "args": {"filters": {}, **args}})
    assert not answer["ok"] and answer["error"]["code"] == "BadGuess"
    assert e.ledger.guess_reveal() is None


def test_guesses_are_deleted_with_everything_else():
    e = engine()
    ask(e, "guess", filters={}, net_profit=5.0, wins_of_10=5)
    ask(e, "delete_all")
    assert e.ledger.guess_reveal() is None


def test_a_backup_keeps_the_guesses_and_a_restore_does_not_repeat_them():
    source = Ledger.in_memory()
    source.import_file("a.csv", TEXT.encode())
    source.guess(Filters(), -40.0, 3)
    kept = source.guess_reveal()
    restored = Ledger.in_memory()
    for _ in range(2):
        restored.import_file("backup.json", source.backup().encode())
    assert restored.guess_reveal() == kept
    assert restored.conn.query("SELECT count(*) AS n FROM guesses")["n"] == [1]


def test_a_backup_whose_guess_names_filters_this_code_cannot_read_changes_nothing():
    source = Ledger.in_memory()
    source.import_file("a.csv", TEXT.encode())
    source.guess(Filters(), -40.0, 3)
    damaged = json.loads(source.backup())
    damaged["guesses"][0]["filters"] = json.dumps({"date_from": "someday"})
    restored = Ledger.in_memory()
    report = restored.import_file("backup.json", json.dumps(damaged).encode())
    assert report.error and restored.transaction_count() == 0 and restored.guess_reveal() is None


def test_a_guess_is_about_the_days_stored_when_it_was_made_not_those_imported_later():
    """Later results of those days' bets count (the truth of that period); later days do not."""
    import datetime as dt

    records = sample.generate_records(1600, seed=8)
    ledger = Ledger.in_memory()
    ledger.import_file("early.csv", sample.to_csv(records[:800]).encode())
    span = {k: dt.date.fromisoformat(v[:10]) for k, v in ledger.span().items()}
    ledger.guess(Filters(), -100.0, 4)
    ledger.import_file("later.csv", sample.to_csv(records[800:]).encode())
    those_days = ledger.headline(Filters(date_from=span["first"], date_to=span["last"]))
    assert ledger.guess_reveal()["truth"]["net_profit"] == those_days["net_profit"] != ledger.headline()["net_profit"]


def test_a_share_in_ten_rounds_halves_up_and_never_says_all_or_none_unless_so():
    from tmb_core.present.text import in_ten

    assert [in_ten(x) for x in (0, 0.01, 0.25, 0.35, 0.5, 0.95, 0.999, 1)] == [0, 1, 3, 4, 5, 9, 9, 10]
