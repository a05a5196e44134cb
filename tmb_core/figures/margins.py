"""The bookmaker's typical margin by kind of market, and Sportsbet's margin on all it takes: the one
table behind `expected_loss` (figures/price.py), `summary --json`'s `margin_table` and the knowledge
base's table (build.py fills site/kb.html from it).

A fixed-odds margin is an overround: the prices of a market add up to 1 + m in probability, so a
dollar staked at those prices is fairly worth 1 / (1 + m). A tote pool's is its takeout: the
share of the pool the operator keeps before the dividends are paid. Each figure is typical, not
the one of any given market: every estimate made from them says so.
"""
from __future__ import annotations

from typing import NamedTuple

from ..understand.reference import RACING, RACING_SPORTS

_BETFAIR = "Betfair Australia, Understanding overrounds (an AFL head to head at $1.90 and $1.90 is 105.3%)"
_LINE = "OddsHistory, Line betting explained ($1.91 both ways, about 4.7%, typical of Australian line markets)"
_RACING = ("Wizard Daily Report, 19 December 2023 (five corporate bookmakers' field percentages, "
           "mostly 118-131% half an hour before the jump); Aussieraces, field sizes and percentages, 2010")
_PROPS = "Bookmaker margins and overround explained, hltco.org 2026 (player markets 112-118% at recreational books)"
_TOTE = ("Totalizator Amendment Bill 2008 (Vic), second reading: Tabcorp's rate for each pool, "
         "25% the most any pool may take; TAB help centre: 14.25% to 25% by bet type")


class Margin(NamedTuple):
    """One row of the table: `kind` names it, `market` says it for a punter, `margin` is the figure
    used, `low`-`high` its range, `basis` how the figure was chosen, `source` where it comes from."""
    kind: str
    market: str
    margin: float
    low: float
    high: float
    basis: str
    source: str


#: Fixed-odds markets, in the order a market is matched (figures/price.py `fixed_factor`).
FIXED = (
    Margin("racing_win", "Racing, fixed odds (win, place, each way)", 0.21, 0.18, 0.24,
           "the middle of the range over the field", _RACING),
    Margin("head_to_head", "Head to head (match result)", 0.05, 0.04, 0.06, "typical", _BETFAIR),
    Margin("line", "Line (handicap)", 0.047, 0.04, 0.055, "typical", _LINE),
    Margin("totals", "Totals (over/under)", 0.047, 0.04, 0.055, "as line: also a two-way market at about $1.91",
           _LINE),
    Margin("other", "Any other market (players, outrights, specials, same game multi legs)", 0.15, 0.05, 0.5,
           "the middle of player markets; outrights and first scorers take more", _PROPS),
)
#: Lower-case words of a market's name that place it in a fixed-odds kind (the first kind found wins).
MARKET_WORDS = {
    "racing_win": ("win or place", "same race multi"),
    "head_to_head": ("head to head", "head-to-head", "win-draw-win", "match result", "match betting"),
    "line": ("line", "handicap"),
    "totals": ("total", "over/under"),
}
#: The sports whose every fixed-odds market is a race's.
RACING_NAMES = (*RACING_SPORTS.values(), RACING)

#: Tote pools by the bet type understand/bet_types.py names (the rate of Tabcorp's pool of that type).
TOTE = (
    Margin("tote_win", "Tote win or place (a pool bet of no named type)", 0.145, 0.1425, 0.145,
           "Tabcorp's win rate (place 14.25%)", _TOTE),
    Margin("tote_quinella", "Quinella", 0.1475, 0.1475, 0.1475, "Tabcorp rate", _TOTE),
    Margin("tote_duet", "Duet", 0.145, 0.145, 0.145, "Tabcorp rate", _TOTE),
    Margin("tote_exacta", "Exacta", 0.165, 0.165, 0.165, "Tabcorp rate", _TOTE),
    Margin("tote_double", "Running Double, Daily Double", 0.17, 0.17, 0.17, "Tabcorp rate", _TOTE),
    Margin("tote_quaddie", "Quaddie, Early Quaddie", 0.20, 0.20, 0.20, "Tabcorp rate", _TOTE),
    Margin("tote_trifecta", "Trifecta", 0.21, 0.21, 0.21, "Tabcorp rate", _TOTE),
    Margin("tote_first_4", "First 4", 0.225, 0.225, 0.225, "Tabcorp rate", _TOTE),
    Margin("tote_other", "Any other pool (Big 6, Super 6, Treble ...)", 0.25, 0.1425, 0.25,
           "the most a pool may take: no rate of its own found", _TOTE),
)
#: Which tote row each bet type takes; an exotic or pool bet of any other type takes "tote_other".
TOTE_TYPES = {"Tote": "tote_win", "Quinella": "tote_quinella", "Duet": "tote_duet",
              "Exacta": "tote_exacta", "Running Double": "tote_double", "Daily Double": "tote_double",
              "Quaddie": "tote_quaddie", "Early Quaddie": "tote_quaddie", "Trifecta": "tote_trifecta",
              "First 4": "tote_first_4"}

#: Sportsbet's net revenue as a share of what is staked with it (what the average punter loses).
SPORTSBET = Margin("sportsbet", "Sportsbet, all bets (net revenue margin)", 0.11, 0.107, 0.113,
                   "the middle of the years' figures",
                   "Flutter Entertainment annual reports and industry reports, 2020-2023 (10.7% to 11.3%)")


def by_kind() -> dict[str, Margin]:
    return {m.kind: m for m in (*FIXED, *TOTE)}


def table() -> list[dict]:
    """The table as `summary --json` gives it (`margin_table`): fixed odds, then tote pools."""
    return [m._asdict() for m in (*FIXED, *TOTE)]
