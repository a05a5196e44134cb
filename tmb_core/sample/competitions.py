"""Sport competitions: their teams and players, and the markets the punter bets on."""
from __future__ import annotations

from . import names as N


class Comp:
    """A sport competition: teams, players and the markets offered on it."""

    __slots__ = ("name", "teams", "players", "sep", "soccer", "line", "total", "props", "sgm", "future")

    def __init__(self, name, text, sep=" v ", soccer=False, line=None, total=None, props=(), sgm=(),
                 future=None):
        self.name = name
        if ":" in text:
            self.teams, self.players = N.parse_teams(text)
        else:  # a plain list of names (tennis players, or teams without listed players)
            self.teams = N.split_names(text.replace("\n", ","))
            self.players = {}
        self.sep = sep          # between the two teams of a fixture
        self.soccer = soccer    # three-way (Win-Draw-Win) results and Both Teams To Score
        self.line = line        # (lo, hi) half-point handicap range, or None
        self.total = total      # (market, lo, hi), or None
        self.props = props      # (role, market, lo, hi); lo None: a "scorer" market
        self.sgm = sgm          # (role, template with {p} and {n}, lo, hi)
        self.future = future    # (event template with {y}, market)


COMPS = (
    Comp("AFL", N.AFL, line=(1, 40), total=("Total Match Points", 140, 190),
         props=(("", "Disposals", 15, 32), ("", "Goals", 0, 2), ("", "Marks", 3, 9)),
         sgm=(("", "{p} {n}+ Disposals", 15, 30), ("", "{p} {n}+ Goals", 1, 3)),
         future=("AFL Premiership {y}", "Premiership Winner")),
    Comp("NRL", N.NRL, line=(1, 24), total=("Total Match Points", 32, 50),
         props=(("", "Anytime Tryscorer", None, None), ("", "Run Metres", 90, 180)),
         sgm=(("", "{p} Anytime Tryscorer", 0, 0), ("", "{p} {n}+ Run Metres", 80, 160)),
         future=("NRL Premiership {y}", "Premiership Winner")),
    Comp("NBA", N.NBA, sep=" At ", line=(1, 14), total=("Total Points", 205, 240),
         props=(("", "Points", 12, 32), ("", "Rebounds", 3, 12), ("", "Assists", 2, 10),
                ("", "Threes Made", 1, 4)),
         sgm=(("", "{p} {n}+ Points", 10, 30), ("", "{p} {n}+ Rebounds", 4, 12),
              ("", "{p} {n}+ Assists", 3, 10)),
         future=("NBA Championship {y}", "Championship Winner")),
    Comp("NFL", N.NFL, sep=" At ", line=(1, 10), total=("Total Points", 38, 54),
         props=(("P", "Passing Yards", 199, 289), ("U", "Rushing Yards", 39, 99),
                ("R", "Receiving Yards", 39, 89), ("", "Anytime Touchdown Scorer", None, None)),
         sgm=(("P", "{p} {n}+ Passing Yards", 175, 275), ("U", "{p} {n}+ Rushing Yards", 40, 90),
              ("R", "{p} {n}+ Receiving Yards", 40, 90), ("", "{p} Anytime Touchdown", 0, 0))),
    Comp("EPL", N.EPL, soccer=True, total=("Total Goals Over/Under", 1, 3),
         props=(("", "Anytime Goalscorer", None, None), ("", "Shots On Target", 0, 2)),
         sgm=(("", "{p} Anytime Goalscorer", 0, 0), ("", "{p} {n}+ Shots On Target", 1, 2)),
         future=("English Premier League {y}", "Outright Winner")),
    Comp("A-League", N.ALM, soccer=True, total=("Total Goals Over/Under", 1, 3)),
    Comp("BBL", N.BBL, total=("Total Match Sixes", 9, 18),
         props=(("", "Runs", 14, 34), ("", "Top Team Batter", None, None)),
         sgm=(("", "{p} {n}+ Runs", 15, 40),)),
    Comp("ATP", N.ATP, total=("Total Games", 20, 38)),
    Comp("WTA", N.WTA, total=("Total Games", 18, 24)),
)

# How often each competition is picked: a competition appears this many times in the pools below.
WEIGHTS = {"AFL": 24, "NRL": 18, "NBA": 12, "NFL": 6, "EPL": 14, "A-League": 6, "BBL": 6, "ATP": 8, "WTA": 6}
SINGLE_COMPS = tuple(c for c in COMPS for _ in range(WEIGHTS[c.name]))
PROP_COMPS = tuple(c for c in SINGLE_COMPS if c.props)
SGM_COMPS = tuple(c for c in SINGLE_COMPS if c.sgm)
FUTURE_COMPS = tuple(c for c in SINGLE_COMPS if c.future)
