"""Summary parsing and sport inference on the shapes docs/domain.md describes."""
import datetime as dt

import pytest

from tmb_core.model import UNKNOWN, BetKind
from tmb_core.understand import reference
from tmb_core.understand.details import details
from tmb_core.understand.summary import parse_summary

SINGLE = (True, False, False, False)
MULTI = (False, True, False, False)
EXOTIC = (False, False, True, False)
POOL = (False, False, False, True)
MARCH = dt.datetime(2026, 3, 14, 19, 0)


def test_sport_single():
    d = details("Arsenal v Nottm Forest\n Win-Draw-Win\nArsenal @ 1.36 (Win)", SINGLE, MARCH)
    assert (d.headline.event, d.headline.market, d.headline.selection, d.headline.price, d.headline.component) == (
        "Arsenal v Nottm Forest", "Win-Draw-Win", "Arsenal", 1.36, "Win")
    assert (d.sport, d.competition, d.bet_type) == ("Soccer", "EPL", "Single")
    assert "Arsenal" in d.teams and len(d.teams) == 2


def test_player_market_is_named_without_the_player():
    d = details("Miami Heat At New York Knicks\n Jimmy Butler - Rebounds\n Jimmy Butler Over (6.5) @ 1.74 (Win)",
                SINGLE, MARCH)
    assert d.headline.market == "Rebounds" and d.headline.selection == "Jimmy Butler Over (6.5)" and d.headline.price == 1.74
    assert (d.sport, d.competition) == ("Basketball", "NBA")


def test_racing_each_way_with_runner_number():
    d = details("Flemington - R7 Lexus Melbourne Cup\n Win or Place\n2. Buckaroo @ 12.00 (Each Way)", SINGLE, MARCH)
    assert (d.headline.runner, d.headline.selection, d.headline.price, d.headline.component, d.bet_type) == (2, "Buckaroo", 12.0, "Each Way", "Each Way")
    assert (d.sport, d.competition) == ("Horse Racing", "Flemington")
    assert d.teams == ()


def test_exotic_keeps_runner_numbers_and_type():
    d = details("Sale - R1 Ladbrokes Sale Cup\n  Fixed Odds Boxed Trifecta (2, 3, 4)", EXOTIC, MARCH)
    assert (d.bet_kind, d.bet_type, d.headline.selection) == (BetKind.EXOTIC, "Trifecta", "2, 3, 4")


def test_first_four_is_not_read_as_a_quinella_or_multi():
    d = details("Randwick - R3\n First 4 (1, 2, 3, 4)", EXOTIC, MARCH)
    assert d.bet_type == "First 4"


@pytest.mark.parametrize("text, expected", [
    ("Brisbane Lions v Gold Coast SUNS\n Same Game Multi", "Same Game Multi"),
    ("Flemington - R7 Lexus Melbourne Cup\n Same Race Multi\n2. Buckaroo Top 4 @ 1.80", "Same Race Multi"),
])
def test_same_game_and_same_race_multis_are_their_own_types(text, expected):
    assert details(text, MULTI, MARCH).bet_type == expected


def test_a_team_called_multi_is_not_a_multi():
    d = details("Multi Stars FC v Arsenal\n Win-Draw-Win\nArsenal @ 1.50 (Win)", SINGLE, MARCH)
    assert d.bet_kind is BetKind.SINGLE and d.bet_type == "Single"


def test_pool_bet_gets_tote_type():
    assert details("Randwick - R8 Quaddie\n Quaddie", POOL, MARCH).bet_type == "Quaddie"
    assert details("Randwick - R8\n Win", POOL, MARCH).bet_type == "Tote"


def test_multi_legs_across_events():
    text = ("Richmond v Carlton\n Head to Head\nRichmond @ 1.80 (Win)\n\n"
            "Melbourne Storm v Penrith Panthers\n Head to Head\nPenrith Panthers @ 2.10 (Win)")
    d = details(text, MULTI, MARCH)
    assert len(d.legs) == 2 and [leg.price for leg in d.legs] == [1.8, 2.1]
    assert [leg.event for leg in d.legs] == ["Richmond v Carlton", "Melbourne Storm v Penrith Panthers"]
    assert (d.sport, d.competition) == ("Mixed sports", "Mixed competitions") and d.headline.event is None and d.headline.price is None


def test_unfamiliar_text_never_fails_and_says_unknown():
    d = details("Something odd happened here\n\n@@@ ((", SINGLE, MARCH)
    assert d.sport == UNKNOWN and d.competition == UNKNOWN


def test_racing_with_time_instead_of_race_number():
    p = parse_summary("The Meadows - 19:42\n Win\n4. Fast Dog @ 3.50 (Win)")
    assert p.events == ("The Meadows - 19:42",) and p.legs[0].runner == 4


def test_greyhound_hint_decides_a_shared_venue():
    d = details("Albion Park - R4 Grade 5 (331m)\n Win\n1. Zippy @ 3.00 (Win)", SINGLE, MARCH)
    assert d.sport == "Greyhound Racing"
    harness = details("Albion Park - R2 Pace Mobile\n Win\n1. Trotter @ 3.00 (Win)", SINGLE, MARCH)
    assert harness.sport == "Harness Racing"


def test_unknown_track_with_race_number_is_racing_not_a_guess():
    d = details("Nowhere Downs - R3\n Win\n1. Horse @ 3.00 (Win)", SINGLE, MARCH)
    assert d.sport == "Racing" and d.competition == UNKNOWN


def test_country_names_need_cricket_words():
    assert details("Australia v India\n Match Result\nAustralia @ 1.80 (Win)", SINGLE, MARCH).sport == UNKNOWN
    test = details("Australia v India\n Test Match Result\nAustralia @ 1.80 (Win)", SINGLE, MARCH)
    assert (test.sport, test.competition) == ("Cricket", "International")


def test_aflw_by_keyword_or_season():
    text = "Richmond v Carlton\n Head to Head\nRichmond @ 1.80 (Win)"
    assert details(text, SINGLE, MARCH).competition == "AFL"
    assert details(text, SINGLE, dt.datetime(2026, 10, 20)).competition == "AFLW"
    assert details("AFLW Round 3\nRichmond v Carlton\n Head to Head\nRichmond @ 1.80 (Win)", SINGLE, MARCH).competition == "AFLW"


def test_teams_from_different_sports_give_unknown():
    d = details("Brisbane Lions v Sydney FC\n Head to Head\nBrisbane Lions @ 1.80 (Win)", SINGLE, MARCH)
    assert d.sport == UNKNOWN


def test_a_multi_in_one_sport_over_two_competitions_says_so():
    text = ("Arsenal v Chelsea\n Win-Draw-Win\nArsenal @ 1.80 (Win)\n\n"
            "Sydney FC v Melbourne Victory\n Win-Draw-Win\nSydney FC @ 2.10 (Win)")
    d = details(text, MULTI, MARCH)
    assert (d.sport, d.competition) == ("Soccer", "Mixed competitions")


# --- Every bet in its place: the whole Summary settles what one name cannot ---------------------

@pytest.mark.parametrize("text, sport, competition", [
    ("Randwick - Quaddie\n  Tote Quaddie (1, 2 / 3 / 4, 7 / 5)", "Horse Racing", "Randwick"),
    ("Randwick - Early Quaddie\n  Early Quaddie (1 / 3 / 4 / 5)", "Horse Racing", "Randwick"),
    ("The Meadows - Big 6\n  Big 6 (1 / 2 / 3 / 4 / 5 / 6)", "Greyhound Racing", "The Meadows"),
    ("Menangle - Running Double\n  Running Double (2 / 5)", "Harness Racing", "Menangle"),
    ("Ballarat - Quaddie\n  Quaddie (1 / 3 / 4 / 5)", "Racing", "Ballarat"),   # three codes race there
    ("Nowhere Downs - Quaddie\n  Quaddie (1 / 3 / 4 / 5)", UNKNOWN, UNKNOWN),   # a track we do not know
])
def test_a_tote_pool_takes_its_track_s_code(text, sport, competition):
    d = details(text, POOL, MARCH)
    assert (d.sport, d.competition) == (sport, competition) and d.bet_kind is BetKind.POOL


@pytest.mark.parametrize("event, sport, competition, teams", [
    ("Melbourne v Western Bulldogs", "Australian Rules", "AFL", ("Melbourne Demons", "Western Bulldogs")),
    ("Western Bulldogs v Melbourne", "Australian Rules", "AFL", ("Western Bulldogs", "Melbourne Demons")),
    ("Wolves v Aston Villa", "Soccer", "EPL", ("Wolverhampton Wanderers", "Aston Villa")),
    ("Brighton v Newcastle", "Soccer", "EPL", ("Brighton & Hove Albion", "Newcastle United")),
    ("Melbourne v Sydney FC", "Soccer", "A-League", ("Melbourne", "Sydney FC")),   # City or Victory: the name stays
    ("Melbourne v Newcastle", UNKNOWN, UNKNOWN, ("Melbourne", "Newcastle")),      # both names are shared
    ("Melbourne v Sydney", UNKNOWN, UNKNOWN, ("Melbourne", "Sydney")),
    ("Wolves v Catalans Dragons", UNKNOWN, UNKNOWN, ("Wolves", "Catalans Dragons")),   # no known opponent
    ("Melbourne v Los Angeles Lakers", "Basketball", UNKNOWN, ("Melbourne", "Los Angeles Lakers")),  # none in the NBA
])
def test_a_name_several_teams_go_by_is_settled_by_its_opponent(event, sport, competition, teams):
    d = details(f"{event}\n Head To Head\nX @ 1.90 (Win)", SINGLE, MARCH)
    assert (d.sport, d.competition, d.teams) == (sport, competition, teams)


def test_a_settled_afl_name_follows_the_aflw_season():
    d = details("Melbourne v Western Bulldogs\n Head To Head\nMelbourne @ 1.90 (Win)", SINGLE, dt.datetime(2026, 10, 4))
    assert (d.sport, d.competition) == ("Australian Rules", "AFLW")


@pytest.mark.parametrize("event, sport", [
    ("Ballarat - R5 Maiden (450m)", "Greyhound Racing"),        # a dogs' distance
    ("Ballarat - R2 Maiden Plate (1200m)", "Horse Racing"),     # a gallops' distance, and Plate
    ("Ballarat - R2 Maiden (1000m)", "Horse Racing"),
    ("Ballarat - R7 Hygain Pace (2200m)", "Harness Racing"),    # a pace, over a distance dogs never run
    ("Ballarat - R3 BM64 Handicap", "Horse Racing"),
    ("Ballarat - R5 Maiden", "Racing"),                         # every code runs maidens
    ("Ballarat - R5 Cup", "Racing"),
    ("Ballarat - R2 Maiden (1710m)", "Racing"),                 # gallops or harness
    ("Ballarat - R2 Handicap", "Racing"),
    ("Ballarat - R5 Maiden (770m)", "Racing"),                  # no code runs it
    ("Ballarat - R7 Pace (1200m)", "Racing"),                   # the words and the distance disagree
    ("Ballarat - R7 Grade 5 (1200m)", "Racing"),
    ("Flemington - R7 Grade 5 (450m)", "Racing"),               # not a code the track holds
    ("Flemington - R3 Maiden (1200m)", "Horse Racing"),
    ("Albion Park - R4 Maiden (331m)", "Greyhound Racing"),
    ("Albion Park - R4 Handicap (1660m)", "Harness Racing"),    # the track has no gallops
])
def test_a_race_s_distance_and_words_decide_among_the_track_s_codes(event, sport):
    d = details(f"{event}\n Win or Place\n1. Runner @ 3.00 (Win)", SINGLE, MARCH)
    assert d.sport == sport and d.competition == event.partition(" - ")[0]


def test_a_race_s_code_is_read_from_its_own_line_only():
    text = ("Ballarat - R5 Maiden\n Win or Place\n1. Runner @ 3.00 (Win)\n\n"
            "Flemington - R7 Benchmark 78 Handicap (1200m)\n Win or Place\n2. Horse @ 4.00 (Win)")
    context = reference.Context.of(text.splitlines())
    # the other leg's Benchmark and 1200 m say nothing of the Ballarat race
    assert reference.infer_event("Ballarat - R5 Maiden", context, MARCH).sport == "Racing"
    assert reference.infer_event("Flemington - R7 Benchmark 78 Handicap (1200m)", context, MARCH).sport == "Horse Racing"


def test_every_shared_name_lists_teams_we_know():
    for name, found in reference._shared().items():
        assert len(found) >= 1 and reference.lookup(name) == frozenset(), name


def test_a_multi_of_races_one_of_uncertain_code_is_racing_not_mixed():
    """A leg at a track of several codes whose race says nothing of its code is "Racing": beside
    horse races it may be one too, so the multi is Racing, never "Mixed sports"; beside a match it
    is mixed for sure."""
    from tmb_core.understand.reference import MIXED_SPORTS, RACING, Inference, combine

    horse, unsure = Inference("Horse Racing", "Randwick"), Inference(RACING, "Ballarat")
    assert combine([horse, unsure]).sport == RACING
    assert combine([horse, unsure, Inference("Greyhound Racing", "Sandown Park")]).sport == MIXED_SPORTS
    assert combine([unsure, Inference("Australian Rules", "AFL")]).sport == MIXED_SPORTS


def test_a_summary_of_a_horse_race_and_a_race_of_uncertain_code_is_racing():
    d = details("2 Leg Multi @ 3.29\n\nRandwick - R1 Schweppes Benchmark 70 Handicap\n Win or Place\n8. Rocking Knight @ 1.91 (Win)"
                "\n\nBallarat - R5 Maiden\n Win or Place\n7. Buckaroo @ 1.72 (Win)", MULTI, MARCH)
    assert (d.sport, d.competition) == (reference.RACING, reference.MIXED_COMPETITIONS)
