"""Synthetic Sportsbet transaction exports: realistic, seeded, any size.

Used by tests, benchmarks and the site's "try it with sample data" button.
Standard library only (it also runs in Pyodide).

    generate_records(rows, seed=0, start=None) -> list[dict]   oldest first
    to_csv(records, newest_first=True) -> str                  export text, CRLF
    generate_csv(rows, seed=0, newest_first=True) -> str       both in one

The simulated punter:

* bets on racing (thoroughbreds, harness, greyhounds; Win, Place and Each Way),
  sport singles and player markets, multis, Same Game Multis, Same Race Multis,
  exotics and tote pools (Quaddie and friends), plus the odd futures bet;
* deposits whenever the balance cannot cover the next stake (so the balance never
  goes below zero), withdraws sometimes when well ahead, and has rare returned
  withdrawals, manual adjustments and Bet with Mates transfers;
* loses about 11% of cash turnover in the long run, i.e. returns ~89% of cash
  stakes (bookmaker margins, worse on multis, exotics and tote pools);
* gets no result row for most losing bets (as on the real site), a ``Lose`` row
  with ``0.00`` for a few, and sometimes a bonus-bet ``Win`` that pays winnings
  only, with no stake row at all.

Every figure is in integer cents, so ``previous Balance + Amount = Balance``
holds exactly on every row (the opening balance before the first row is 0.00).
The last few rows are always new stakes, so the file ends with open bets.
Times are local wall-clock text (the export's "AEST" column); no time zone is
applied, and nothing happens before ``start``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import heapq
import io
import math
import random

__all__ = ["HEADERS", "generate_records", "to_csv", "generate_csv"]

HEADERS: tuple[str, ...] = (
    "Time (AEST)", "Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance",
    "Single", "Multiple", "Exotic", "Pool",
)

_DEFAULT_START = _dt.datetime(2025, 1, 1, 0, 0)

# --------------------------------------------------------------------------
# Reference data (real teams, players and tracks; compact on purpose).
# Team lines are "Team: Player, Player"; NFL players carry a role
# (/P passing, /U rushing, /R receiving).
# --------------------------------------------------------------------------

_AFL = """\
Adelaide Crows: Jordan Dawson, Izak Rankine
Brisbane Lions: Lachie Neale, Charlie Cameron
Carlton: Patrick Cripps, Charlie Curnow
Collingwood: Nick Daicos, Jordan De Goey
Essendon: Zach Merrett, Kyle Langford
Fremantle: Caleb Serong, Andrew Brayshaw
Geelong Cats: Jeremy Cameron, Tom Stewart
Gold Coast SUNS: Noah Anderson, Matt Rowell
GWS GIANTS: Tom Green, Jesse Hogan
Hawthorn: Jai Newcombe, Dylan Moore
Melbourne: Christian Petracca, Clayton Oliver
North Melbourne: Harry Sheezel, Nick Larkey
Port Adelaide: Zak Butters, Connor Rozee
Richmond: Tim Taranto, Jacob Hopper
St Kilda: Jack Sinclair, Max King
Sydney Swans: Isaac Heeney, Errol Gulden
West Coast Eagles: Harley Reid, Jake Waterman
Western Bulldogs: Marcus Bontempelli, Aaron Naughton"""

_NRL = """\
Brisbane Broncos: Reece Walsh, Payne Haas
Canberra Raiders: Jamal Fogarty, Xavier Savage
Canterbury Bulldogs: Stephen Crichton, Viliame Kikau
Cronulla Sharks: Nicho Hynes, Ronaldo Mulitalo
Dolphins: Hamiso Tabuai-Fidow, Isaiya Katoa
Gold Coast Titans: Jayden Campbell, AJ Brimson
Manly Sea Eagles: Tom Trbojevic, Daly Cherry-Evans
Melbourne Storm: Ryan Papenhuyzen, Harry Grant
Newcastle Knights: Kalyn Ponga, Greg Marzhew
New Zealand Warriors: Shaun Johnson, Dallin Watene-Zelezniak
North Queensland Cowboys: Scott Drinkwater, Tom Dearden
Parramatta Eels: Mitchell Moses, Dylan Brown
Penrith Panthers: Nathan Cleary, Dylan Edwards
South Sydney Rabbitohs: Latrell Mitchell, Cody Walker
St George Illawarra Dragons: Tyrell Sloan, Damien Cook
Sydney Roosters: James Tedesco, Dominic Young
Wests Tigers: Jarome Luai, Api Koroisau"""

_NBA = """\
Boston Celtics: Jayson Tatum, Jaylen Brown
Cleveland Cavaliers: Donovan Mitchell, Evan Mobley
Dallas Mavericks: Kyrie Irving, Klay Thompson
Denver Nuggets: Nikola Jokic, Jamal Murray
Golden State Warriors: Stephen Curry, Draymond Green
Houston Rockets: Alperen Sengun, Jalen Green
Indiana Pacers: Tyrese Haliburton, Pascal Siakam
Los Angeles Lakers: LeBron James, Austin Reaves
Miami Heat: Bam Adebayo, Tyler Herro
Milwaukee Bucks: Giannis Antetokounmpo, Damian Lillard
Minnesota Timberwolves: Anthony Edwards, Rudy Gobert
New York Knicks: Jalen Brunson, Karl-Anthony Towns
Oklahoma City Thunder: Shai Gilgeous-Alexander, Jalen Williams
Orlando Magic: Paolo Banchero, Franz Wagner
Philadelphia 76ers: Joel Embiid, Tyrese Maxey
Phoenix Suns: Kevin Durant, Devin Booker
San Antonio Spurs: Victor Wembanyama, Devin Vassell"""

_NFL = """\
Baltimore Ravens: Lamar Jackson/P, Derrick Henry/U
Buffalo Bills: Josh Allen/P, James Cook/U
Cincinnati Bengals: Joe Burrow/P, Ja'Marr Chase/R
Dallas Cowboys: Dak Prescott/P, CeeDee Lamb/R
Detroit Lions: Jared Goff/P, Amon-Ra St. Brown/R
Green Bay Packers: Jordan Love/P, Josh Jacobs/U
Houston Texans: C.J. Stroud/P, Nico Collins/R
Kansas City Chiefs: Patrick Mahomes/P, Travis Kelce/R
Los Angeles Rams: Matthew Stafford/P, Puka Nacua/R
Miami Dolphins: Tua Tagovailoa/P, Tyreek Hill/R
Minnesota Vikings: Justin Jefferson/R, Aaron Jones/U
Philadelphia Eagles: Jalen Hurts/P, Saquon Barkley/U
San Francisco 49ers: Brock Purdy/P, Christian McCaffrey/U"""

_EPL = """\
Arsenal: Bukayo Saka, Kai Havertz
Aston Villa: Ollie Watkins, Morgan Rogers
Bournemouth: Antoine Semenyo, Justin Kluivert
Brentford: Bryan Mbeumo, Yoane Wissa
Brighton: Danny Welbeck, Kaoru Mitoma
Chelsea: Cole Palmer, Nicolas Jackson
Crystal Palace: Jean-Philippe Mateta, Eberechi Eze
Everton: Dominic Calvert-Lewin, Iliman Ndiaye
Fulham: Raul Jimenez, Alex Iwobi
Ipswich Town: Liam Delap, Leif Davis
Leicester City: Jamie Vardy, Stephy Mavididi
Liverpool: Mohamed Salah, Luis Diaz
Man City: Erling Haaland, Phil Foden
Man Utd: Bruno Fernandes, Rasmus Hojlund
Newcastle: Alexander Isak, Anthony Gordon
Nottm Forest: Chris Wood, Anthony Elanga
Southampton: Cameron Archer, Tyler Dibling
Tottenham: Son Heung-min, Dominic Solanke
West Ham: Jarrod Bowen, Mohammed Kudus
Wolves: Matheus Cunha, Jorgen Strand Larsen"""

_ALM = """\
Adelaide United
Auckland FC
Brisbane Roar
Central Coast Mariners
Macarthur FC
Melbourne City
Melbourne Victory
Newcastle Jets
Perth Glory
Sydney FC
Wellington Phoenix
Western Sydney Wanderers
Western United"""

_BBL = """\
Adelaide Strikers: Matt Short, Alex Carey
Brisbane Heat: Colin Munro, Nathan McSweeney
Hobart Hurricanes: Mitchell Owen, Ben McDermott
Melbourne Renegades: Jake Fraser-McGurk, Tim Seifert
Melbourne Stars: Glenn Maxwell, Marcus Stoinis
Perth Scorchers: Cooper Connolly, Ashton Turner
Sydney Sixers: Steve Smith, Josh Philippe
Sydney Thunder: David Warner, Cameron Bancroft"""

_ATP = ("Jannik Sinner, Carlos Alcaraz, Novak Djokovic, Alexander Zverev, Daniil Medvedev, "
        "Taylor Fritz, Alex de Minaur, Casper Ruud, Holger Rune, Stefanos Tsitsipas, Jack Draper, "
        "Tommy Paul, Ben Shelton, Grigor Dimitrov, Andrey Rublev, Lorenzo Musetti, Jordan Thompson, "
        "Alexei Popyrin, Nick Kyrgios, Thanasi Kokkinakis")
_WTA = ("Aryna Sabalenka, Iga Swiatek, Coco Gauff, Elena Rybakina, Jessica Pegula, Qinwen Zheng, "
        "Jasmine Paolini, Mirra Andreeva, Madison Keys, Emma Navarro, Paula Badosa, Daria Kasatkina, "
        "Ajla Tomljanovic, Kimberly Birrell, Naomi Osaka, Ons Jabeur")

# Thoroughbred tracks (AU and NZ); harness tracks; greyhound tracks with two race distances.
_GALLOPS = ("Flemington, Randwick, Rosehill Gardens, Caulfield, Moonee Valley, Eagle Farm, Doomben, "
            "Morphettville, Ascot, Belmont, Sandown Hillside, Warwick Farm, Canterbury, Gold Coast, "
            "Sunshine Coast, Sale, Ballarat, Bendigo, Geelong, Pakenham, Cranbourne, Kembla Grange, "
            "Newcastle, Hawkesbury, Scone, Wagga, Launceston, Ipswich, Mornington, Kilmore, "
            "Ellerslie, Trentham, Riccarton Park, Te Rapa, Otaki")
_HARNESS = ("Menangle, Melton, Albion Park, Gloucester Park, Globe Derby, Addington, Alexandra Park, "
            "Bathurst, Redcliffe, Bendigo, Ballarat, Shepparton, Penrith, Cambridge")
_DOGS = """\
The Meadows: 515, 600
Sandown Park: 515, 595
Wentworth Park: 520, 720
Angle Park: 515, 731
Cannington: 520, 715
Healesville: 350, 350
Warragul: 400, 460
Richmond: 400, 535
The Gardens: 515, 600
Albion Park: 520, 600
Ipswich: 431, 520
Mandurah: 490, 585
Horsham: 410, 485
Shepparton: 385, 450
Sale: 440, 520
Ballarat: 450, 545
Bendigo: 425, 500
Geelong: 460, 520
Dapto: 520, 600
Goulburn: 340, 520
Gosford: 388, 515
Maitland: 450, 520
Capalaba: 331, 520
Murray Bridge: 342, 530
Hobart: 461, 515
Launceston: 410, 515
Manukau: 295, 520"""

_GALLOP_SPONSORS = ("Ladbrokes", "Sportsbet", "TAB", "Neds", "bet365", "PlayUp", "Schweppes", "Inglis",
                    "Aquis", "Magic Millions", "Pointsbet", "Hyland Race Colours", "Carlton Draught")
_GALLOP_CLASSES = ("Maiden Plate", "Class 1 Handicap", "Benchmark 58 Handicap", "BM64 Handicap",
                   "Benchmark 70 Handicap", "Benchmark 78 Handicap", "3YO Handicap", "Fillies & Mares Handicap",
                   "Rating 72 Handicap", "2YO Maiden", "Open Handicap", "Listed Stakes", "Plate",
                   "Class 3 Handicap", "Maiden Handicap", "3YO Maiden Plate")
_FEATURES = (("Flemington", 7, "Lexus Melbourne Cup"), ("Moonee Valley", 9, "Ladbrokes Cox Plate"),
             ("Randwick", 7, "TAB Everest"), ("Caulfield", 9, "Caulfield Cup"),
             ("Rosehill Gardens", 7, "Golden Slipper"), ("Randwick", 8, "Doncaster Mile"),
             ("Eagle Farm", 8, "Stradbroke Handicap"), ("Flemington", 8, "VRC Sprint Classic"),
             ("Ellerslie", 8, "Auckland Cup"), ("Morphettville", 7, "Adelaide Cup"))
_HARNESS_NAMES = ("Hygain", "Garrards", "Alabar", "Aldebaran Park", "Empire Stallions", "TAB",
                  "Schweppes", "Woodlands Stud", "Haras Des Trotteurs", "Sky Racing")
_HARNESS_KINDS = ("Pace", "Pace", "Pace", "Mobile Pace", "Trot", "Stand Trot", "Maiden Pace")
_HARNESS_DISTANCES = (1609, 1720, 2060, 2138, 2240, 2540, 2650)
_DOG_GRADES = ("Grade 5", "Grade 5", "Grade 6", "Grade 7", "Maiden", "Free For All", "Mixed 4/5",
               "Mixed 6/7", "Restricted Win", "Masters", "Novice", "Tier 3 - Grade 5", "5th Grade Heat")

_HORSE_A = ("Golden, Royal, Silent, Midnight, Lucky, Star, Wild, Brave, Grand, Little, Mighty, Secret, "
            "Rapid, Crimson, Silver, Dancing, Rocking, Flying, Lunar, Sunny, Bold, Shadow, Iron, Sweet, "
            "Super, Magic, Hidden, Ocean, Desert, Northern, Mister, Lady, Captain, Saint, Prince")
_HORSE_B = ("Ruler, Storm, Legend, Echo, Spirit, Whisper, Dancer, Arrow, Command, Empire, Belle, Dream, "
            "Thunder, Fortune, Charm, Rebel, Ranger, Flame, Tide, Warrior, Jewel, Express, Harbour, Glory, "
            "Mist, Knight, Quest, Affair, Tempo, Verse, Gambit, Sovereign, Outlaw, Rose, Boy")
_HORSE_REAL = ("Buckaroo, Via Sistina, Pride Of Jenni, Mr Brightside, Imperatriz, Vauban, Knight's Choice, "
               "Zardozi, Ceolwulf, Private Life, Bella Nipotina, Growing Empire, Lazzago, Militarize")
_DOG_A = ("Zipping, Fernando, Aston, Kooringa, Jarvie, Hara's, Bull, Mepunga, Sweet, Lala, Wow, "
          "Tiggerlong, Orson, Koblenz, Tornado, Lektra, Slick, Black, Sunset, Dyna, Bella, Up Comes")
_DOG_B = ("Garth, Bale, Dash, Rocket, Rosie, Bomber, Flash, Blaze, Tiger, Jet, Rebel, Sonic, Boom, "
          "Comet, Storm, Ace, Zoom, Bruiser, Lady, Mick, Harvey, Molly")

_DEPOSIT_METHODS = ("Visa Debit", "Mastercard Debit", "PayID", "Apple Pay", "Google Pay", "BPAY")
_MATES_GROUPS = ("Friday Arvo Punt", "The Syndicate", "Footy Trip Fund", "Boys Multi Club", "Cup Day Crew",
                 "Saturday Quaddie")
_ADJUSTMENTS = ("Manual Adjustment - Resettlement", "Manual Adjustment - Goodwill Credit",
                "Manual Adjustment - Dead Heat Correction", "Manual Adjustment - Dividend Correction",
                "Manual Adjustment - Correction")
_EXOTICS = (  # label, runners picked, boxed?, tote return multiplier range
    ("Fixed Odds Boxed Trifecta", 3, True, 4.0, 180.0),
    ("Boxed Trifecta", 4, True, 2.0, 90.0),
    ("Trifecta", 3, False, 20.0, 600.0),
    ("Fixed Odds Quinella", 2, True, 4.0, 60.0),
    ("Quinella", 2, True, 4.0, 60.0),
    ("Boxed Quinella", 3, True, 2.0, 30.0),
    ("Exacta", 2, False, 6.0, 120.0),
    ("Boxed Exacta", 3, True, 2.0, 40.0),
    ("First 4", 4, False, 50.0, 900.0),
    ("Boxed First 4", 5, True, 3.0, 120.0),
)
_POOLS = (("Quaddie", 4, 8.0, 400.0), ("Early Quaddie", 4, 8.0, 400.0), ("Big 6", 6, 20.0, 900.0),
          ("Daily Double", 2, 4.0, 80.0), ("Running Double", 2, 4.0, 80.0))


def _names(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


def _teams(text: str) -> tuple[tuple[str, ...], dict[str, tuple[tuple[str, str], ...]]]:
    teams, players = [], {}
    for line in text.splitlines():
        team, _, rest = line.partition(":")
        teams.append(team.strip())
        entries = []
        for p in _names(rest):
            name, _, role = p.partition("/")
            entries.append((name, role))
        players[team.strip()] = tuple(entries)
    return tuple(teams), players


class _Comp:
    """A sport competition: teams, players and the markets offered on it."""

    __slots__ = ("name", "teams", "players", "sep", "soccer", "line", "total", "props", "sgm", "future")

    def __init__(self, name, text, sep=" v ", soccer=False, line=None, total=None, props=(), sgm=(),
                 future=None):
        self.name = name
        if ":" in text:
            self.teams, self.players = _teams(text)
        else:
            self.teams = _names(text.replace("\n", ","))
            self.players = {}
        self.sep = sep
        self.soccer = soccer
        self.line = line        # (lo, hi) half-point handicap range, or None
        self.total = total      # (market, lo, hi), or None
        self.props = props      # (role, market, lo, hi); lo None: a "scorer" market
        self.sgm = sgm          # (role, template with {p} and {n}, lo, hi)
        self.future = future    # (event template with {y}, market)


_COMPS = (
    _Comp("AFL", _AFL, line=(1, 40), total=("Total Match Points", 140, 190),
          props=(("", "Disposals", 15, 32), ("", "Goals", 0, 2), ("", "Marks", 3, 9)),
          sgm=(("", "{p} {n}+ Disposals", 15, 30), ("", "{p} {n}+ Goals", 1, 3)),
          future=("AFL Premiership {y}", "Premiership Winner")),
    _Comp("NRL", _NRL, line=(1, 24), total=("Total Match Points", 32, 50),
          props=(("", "Anytime Tryscorer", None, None), ("", "Run Metres", 90, 180)),
          sgm=(("", "{p} Anytime Tryscorer", 0, 0), ("", "{p} {n}+ Run Metres", 80, 160)),
          future=("NRL Premiership {y}", "Premiership Winner")),
    _Comp("NBA", _NBA, sep=" At ", line=(1, 14), total=("Total Points", 205, 240),
          props=(("", "Points", 12, 32), ("", "Rebounds", 3, 12), ("", "Assists", 2, 10),
                 ("", "Threes Made", 1, 4)),
          sgm=(("", "{p} {n}+ Points", 10, 30), ("", "{p} {n}+ Rebounds", 4, 12), ("", "{p} {n}+ Assists", 3, 10)),
          future=("NBA Championship {y}", "Championship Winner")),
    _Comp("NFL", _NFL, sep=" At ", line=(1, 10), total=("Total Points", 38, 54),
          props=(("P", "Passing Yards", 199, 289), ("U", "Rushing Yards", 39, 99), ("R", "Receiving Yards", 39, 89),
                 ("", "Anytime Touchdown Scorer", None, None)),
          sgm=(("P", "{p} {n}+ Passing Yards", 175, 275), ("U", "{p} {n}+ Rushing Yards", 40, 90),
               ("R", "{p} {n}+ Receiving Yards", 40, 90), ("", "{p} Anytime Touchdown", 0, 0))),
    _Comp("EPL", _EPL, soccer=True, total=("Total Goals Over/Under", 1, 3),
          props=(("", "Anytime Goalscorer", None, None), ("", "Shots On Target", 0, 2)),
          sgm=(("", "{p} Anytime Goalscorer", 0, 0), ("", "{p} {n}+ Shots On Target", 1, 2)),
          future=("English Premier League {y}", "Outright Winner")),
    _Comp("A-League", _ALM, soccer=True, total=("Total Goals Over/Under", 1, 3)),
    _Comp("BBL", _BBL, total=("Total Match Sixes", 9, 18),
          props=(("", "Runs", 14, 34), ("", "Top Team Batter", None, None)),
          sgm=(("", "{p} {n}+ Runs", 15, 40),)),
    _Comp("ATP", _ATP, total=("Total Games", 20, 38)),
    _Comp("WTA", _WTA, total=("Total Games", 18, 24)),
)
_COMP_WEIGHTS = {"AFL": 24, "NRL": 18, "NBA": 12, "NFL": 6, "EPL": 14, "A-League": 6, "BBL": 6, "ATP": 8, "WTA": 6}
_SINGLE_COMPS = tuple(c for c in _COMPS for _ in range(_COMP_WEIGHTS[c.name]))
_PROP_COMPS = tuple(c for c in _SINGLE_COMPS if c.props)
_SGM_COMPS = tuple(c for c in _SINGLE_COMPS if c.sgm)
_FUTURE_COMPS = tuple(c for c in _SINGLE_COMPS if c.future)

_GALLOP_TRACKS = _names(_GALLOPS)
_HARNESS_TRACKS = _names(_HARNESS)
_DOG_TRACKS = tuple((t, tuple(int(d) for d in _names(ds))) for t, _, ds in
                    (line.partition(":") for line in _DOGS.splitlines()))
_HORSES = tuple(f"{a} {b}" for a in _names(_HORSE_A) for b in _names(_HORSE_B)) + _names(_HORSE_REAL) * 8
_DOGS_NAMES = tuple(f"{a} {b}" for a in _names(_DOG_A) for b in _names(_DOG_B))

_HHMM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))


# --------------------------------------------------------------------------
# Prices: decimal odds on a realistic ladder, held as integer hundredths with
# their text.  Tables are sampled once with a fixed seed, then picked from.
# --------------------------------------------------------------------------

def _snap(x: float) -> int:
    """Hundredths of the nearest price on a bookmaker-like ladder."""
    if x < 2:
        step = 1
    elif x < 3:
        step = 2
    elif x < 4:
        step = 5
    elif x < 6:
        step = 10
    elif x < 10:
        step = 20
    elif x < 20:
        step = 50
    elif x < 30:
        step = 100
    else:
        return min(10000, 500 * round(x / 5) + 100)
    return step * round(x * 100 / step)


def _price_table(rng: random.Random, median: float, sigma: float, lo: float, hi: float, n: int = 2048):
    out = []
    for _ in range(n):
        x = min(hi, max(lo, rng.lognormvariate(math.log(median), sigma)))
        p = min(int(hi * 100), max(int(lo * 100), _snap(x)))
        out.append((p, f"{p // 100}.{p % 100:02d}"))
    return tuple(out)


_PRNG = random.Random(20250101)
_P_SPORT = _price_table(_PRNG, 1.95, 0.42, 1.20, 15.0)
_P_PROP = _price_table(_PRNG, 1.88, 0.22, 1.40, 6.0)
_P_SCORER = _price_table(_PRNG, 2.9, 0.45, 1.50, 15.0)
_P_LEG = _price_table(_PRNG, 1.55, 0.25, 1.20, 4.0)
_P_RACE = _price_table(_PRNG, 6.0, 0.85, 1.40, 100.0)
_P_FUTURE = _price_table(_PRNG, 9.0, 0.75, 2.0, 51.0)
_P_SRM = _price_table(_PRNG, 11.0, 0.6, 2.5, 100.0)
_P_DRAW = tuple(x for x in _price_table(_PRNG, 3.6, 0.08, 3.0, 4.6))
del _PRNG


def _place_price(win: int) -> int:
    """Place price (hundredths) for a win price: a quarter of the win odds, to 5 cents."""
    return max(101, 100 + 5 * round((win - 100) / 20))


def _money(c: int) -> str:
    if c < 0:
        c = -c
        return f"-{c // 100}.{c % 100:02d}"
    return f"{c // 100}.{c % 100:02d}"


def _pstr(p: int) -> str:
    return f"{p // 100}.{p % 100:02d}"


_F_SINGLE = ("true", "false", "false", "false")
_F_MULTI = ("false", "true", "false", "false")
_F_EXOTIC = ("false", "false", "true", "false")
_F_POOL = ("false", "false", "false", "true")
_F_CASH = ("false", "false", "false", "false")

# Expected return per dollar of stake when a bet settles normally (before voids and cash outs).
_RTP_SPORT = 0.945
_RTP_PROP = 0.91
_RTP_RACE_WIN = 0.895
_RTP_RACE_PLACE = 0.87
_RTP_LEG = 0.94
_RTP_SGM = 0.80
_RTP_SRM = 0.76
_RTP_EXOTIC = 0.80
_RTP_POOL = 0.78
_RTP_FUTURE = 0.84


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------

def _span_minutes(rows: int) -> float:
    """Target wall-clock span before nights off stretch it (to ~3-4 months for 1,000 rows,
    ~5-6 years for 100,000, ~20 years for 1,000,000)."""
    return 1.8 * max(rows, 1) ** 0.582 * 1440


def generate_records(rows: int, seed: int = 0, start: _dt.datetime | None = None) -> list[dict]:
    """Exactly `rows` export records, oldest first; the same seed gives the same records.

    Each record is a dict keyed by the export's column headers (`HEADERS`), every value
    a string as the CSV holds it. `start` (default 2025-01-01 00:00) is a wall-clock time;
    no row is earlier than it.
    """
    if isinstance(rows, bool) or not isinstance(rows, int):
        raise TypeError("rows must be an int")
    if rows < 0:
        raise ValueError("rows must be >= 0")
    if start is None:
        start = _DEFAULT_START
    elif not isinstance(start, _dt.datetime):
        if isinstance(start, _dt.date):
            start = _dt.datetime(start.year, start.month, start.day)
        else:
            raise TypeError("start must be a datetime")
    rng = random.Random(seed)
    return _Generator(rng, rows, start).run()


class _Generator:
    def __init__(self, rng: random.Random, rows: int, start: _dt.datetime):
        self.rng = rng
        self.rows = rows
        self.day0 = _dt.date(start.year, start.month, start.day)
        self.m0 = start.hour * 60 + start.minute
        # Punter profile.
        r = rng.random
        self.unit = rng.choice((500, 1000, 1000, 2000, 2000, 2500, 5000))  # typical stake, cents
        methods = rng.sample(_DEPOSIT_METHODS, 2)
        self.deposit_summaries = (f"Deposit - {methods[0]}",) * 3 + (f"Deposit - {methods[1]}",)
        acct = f"{int(r() * 9000) + 1000}"
        self.withdraw_summary = f"Withdrawal - Bank Account ****{acct}"
        self.returned_summary = f"Returned Withdrawal - Bank Account ****{acct}"
        self.group = rng.choice(_MATES_GROUPS)
        # Mean minutes between new activities (bets and cash movements), from the target span.
        per_row = _span_minutes(rows) / max(rows, 1)
        per_activity = per_row * 1.3
        # Heavier punters chain more bets per session.
        heavy = per_activity < 20
        self.p_session = 0.88 if heavy else 0.7
        self.in_session = 2.0 if heavy else 3.0
        self.session_gap = max(5.0, (per_activity - self.p_session * self.in_session) / (1 - self.p_session) - 30.0)

    # -- time ---------------------------------------------------------------
    def next_time(self, m: int) -> int:
        r = self.rng.random
        if r() < self.p_session:  # same session: same minute or a few minutes later
            return m + int(-self.in_session * math.log(1.0 - r()))
        t = m + 30 + int(-self.session_gap * math.log(1.0 - r()))
        mod = t % 1440
        if 60 <= mod < 480 and r() < 0.92:  # asleep 1am-8am: resume in the morning
            t += 480 - mod + int(r() * 300)
        return t

    # -- stakes -------------------------------------------------------------
    def stake(self, scale: float) -> int:
        r = self.rng.random
        if r() < 0.04:  # odd "bet to win" amounts
            return max(100, int(r() * self.unit * 3 * scale))
        mult = (0.5, 1, 1, 1, 1, 1.5, 2, 2, 3, 5, 10)[int(r() * 11)]
        return max(100, int(self.unit * mult * scale / 100 + 0.5) * 100)

    # -- summaries ----------------------------------------------------------
    def race_event(self, tj: int) -> tuple[str, int, int]:
        """(event line, code, field size); code 0 gallops, 1 harness, 2 greyhounds."""
        rng = self.rng
        r = rng.random
        u = r()
        rn = 1 + int(r() * 10)
        hhmm = r() < 0.15
        if u < 0.55:
            if r() < 0.02:
                track, rn, name = rng.choice(_FEATURES)
                return f"{track} - R{rn} {name}", 0, 14
            track = rng.choice(_GALLOP_TRACKS)
            field = 6 + int(r() * 11)
            if hhmm:
                return f"{track} - {_HHMM[tj % 1440]}", 0, field
            if r() < 0.06:
                return f"{track} - R{rn} {rng.choice(_GALLOP_SPONSORS)} {track} Cup", 0, field
            return f"{track} - R{rn} {rng.choice(_GALLOP_SPONSORS)} {rng.choice(_GALLOP_CLASSES)}", 0, field
        if u < 0.70:
            track = rng.choice(_HARNESS_TRACKS)
            field = 6 + int(r() * 7)
            if hhmm:
                return f"{track} - {_HHMM[tj % 1440]}", 1, field
            name = f"{rng.choice(_HARNESS_NAMES)} {rng.choice(_HARNESS_KINDS)}"
            if r() < 0.3:
                name += f" ({rng.choice(_HARNESS_DISTANCES)}m)"
            return f"{track} - R{rn} {name}", 1, field
        track, dists = rng.choice(_DOG_TRACKS)
        if hhmm:
            return f"{track} - {_HHMM[tj % 1440]}", 2, 8
        return f"{track} - R{rn} {rng.choice(_DOG_GRADES)} ({dists[int(r() * 2)]}m)", 2, 8

    def runner(self, code: int, field: int) -> tuple[int, str]:
        rng = self.rng
        return 1 + int(rng.random() * field), rng.choice(_DOGS_NAMES if code == 2 else _HORSES)

    def fixture(self, comp: _Comp) -> tuple[str, str, str]:
        teams = comp.teams
        n = len(teams)
        r = self.rng.random
        i = int(r() * n)
        j = int(r() * (n - 1))
        if j >= i:
            j += 1
        a, b = teams[i], teams[j]
        return f"{a}{comp.sep}{b}", a, b

    def sport_single(self, comp: _Comp) -> tuple[str, int, float]:
        """(summary, price, rtp) of a team-market single."""
        r = self.rng.random
        event, a, b = self.fixture(comp)
        side = a if r() < 0.5 else b
        u = r()
        if comp.soccer:
            if u < 0.6:
                if r() < 0.2:
                    p, ps = _P_DRAW[int(r() * 2048)]
                    return f"{event}\n Win-Draw-Win\nDraw @ {ps} (Win)", p, _RTP_SPORT
                p, ps = _P_SPORT[int(r() * 2048)]
                return f"{event}\n Win-Draw-Win\n{side} @ {ps} (Win)", p, _RTP_SPORT
            if u < 0.8:
                p, ps = _P_PROP[int(r() * 2048)]
                return f"{event}\n Both Teams To Score\n{'Yes' if r() < 0.6 else 'No'} @ {ps} (Win)", p, _RTP_SPORT
        elif u < 0.6 or comp.line is None and u < 0.8:
            p, ps = _P_SPORT[int(r() * 2048)]
            return f"{event}\n Head To Head\n{side} @ {ps} (Win)", p, _RTP_SPORT
        elif u < 0.8 and comp.line:
            lo, hi = comp.line
            n = lo + int(r() * (hi - lo))
            p, ps = _P_PROP[int(r() * 2048)]
            sign = "-" if r() < 0.5 else "+"
            return f"{event}\n Line\n{side} {sign}{n}.5 @ {ps} (Win)", p, _RTP_SPORT
        market, lo, hi = comp.total
        n = lo + int(r() * (hi - lo + 1))
        p, ps = _P_PROP[int(r() * 2048)]
        ou = "Over" if r() < 0.6 else "Under"
        return f"{event}\n {market}\n{ou} ({n}.5) @ {ps} (Win)", p, _RTP_SPORT

    def player_single(self, comp: _Comp) -> tuple[str, int, float]:
        r = self.rng.random
        event, a, b = self.fixture(comp)
        players = comp.players[a] + comp.players[b]
        role, market, lo, hi = comp.props[int(r() * len(comp.props))]
        if role:
            cands = [p for p, rl in players if rl == role] or [players[0][0]]
        else:
            cands = [p for p, _ in players]
        player = cands[int(r() * len(cands))]
        if lo is None:
            p, ps = _P_SCORER[int(r() * 2048)]
            return f"{event}\n {market}\n{player} @ {ps} (Win)", p, _RTP_PROP
        n = lo + int(r() * (hi - lo + 1))
        p, ps = _P_PROP[int(r() * 2048)]
        ou = "Over" if r() < 0.7 else "Under"
        return f"{event}\n {player} - {market}\n {player} {ou} ({n}.5) @ {ps} (Win)", p, _RTP_PROP

    def future_single(self, comp: _Comp, m: int) -> tuple[str, int, float]:
        r = self.rng.random
        year = self.date_text(m // 1440)[-4:]
        template, market = comp.future
        team = comp.teams[int(r() * len(comp.teams))]
        p, ps = _P_FUTURE[int(r() * 2048)]
        return f"{template.format(y=year)}\n {market}\n{team} @ {ps} (Win)", p, _RTP_FUTURE

    def multi_leg(self) -> tuple[str, int]:
        r = self.rng.random
        p, ps = _P_LEG[int(r() * 2048)]
        if r() < 0.25:
            event, code, field = self.race_event(int(r() * 1440))
            num, name = self.runner(code, field)
            return f"{event}\n Win or Place\n{num}. {name} @ {ps} (Win)", p
        comp = _SINGLE_COMPS[int(r() * len(_SINGLE_COMPS))]
        event, a, b = self.fixture(comp)
        side = a if r() < 0.6 else b
        market = "Win-Draw-Win" if comp.soccer else "Head To Head"
        return f"{event}\n {market}\n{side} @ {ps} (Win)", p

    def sgm_legs(self, comp: _Comp, n: int) -> tuple[list[str], int]:
        r = self.rng.random
        event, a, b = self.fixture(comp)
        players = comp.players[a] + comp.players[b]
        lines = [f"{event}", " Same Game Multi"]
        price = 1.0
        used = set()
        if r() < 0.75:
            p, ps = _P_LEG[int(r() * 2048)]
            lines.append(f"{a if r() < 0.6 else b} To Win @ {ps}")
            price *= p / 100
        for _ in range(3 * n):
            if len(lines) >= n + 2:
                break
            role, template, lo, hi = comp.sgm[int(r() * len(comp.sgm))]
            cands = [p for p, rl in players if (not role or rl == role) and p not in used]
            if not cands:
                continue
            player = cands[int(r() * len(cands))]
            used.add(player)
            k = lo + int(r() * (hi - lo + 1))
            if lo >= 10:
                k = 5 * (k // 5) or lo
            p, ps = _P_LEG[int(r() * 2048)]
            lines.append(f"{template.format(p=player, n=k)} @ {ps}")
            price *= p / 100
        return lines, max(120, int(price * 100 + 0.5))

    # -- dates --------------------------------------------------------------
    def date_text(self, day: int) -> str:
        dates = self.dates
        while len(dates) <= day:
            d = self.day0 + _dt.timedelta(days=len(dates))
            dates.append(f"{d.day:02d}/{d.month:02d}/{d.year:04d}")
        return dates[day]

    # -- the main loop --------------------------------------------------------
    def run(self) -> list[dict]:
        rows = self.rows
        r = self.rng.random
        out: list[dict] = []
        if rows == 0:
            return out
        append = out.append
        self.dates = []
        dates = self.dates
        date_text = self.date_text
        hhmm = _HHMM
        money = _money
        heap: list = []
        self.heap = heap
        push = heapq.heappush
        pop = heapq.heappop
        seq = 0
        bal = 0
        tid = 45_000_000_000 + int(r() * 4_000_000_000)
        bid = 1_600_000_000 + int(r() * 400_000_000)
        last_m = self.m0
        last_bet_m = self.m0
        n = 0
        tail = min(3, rows // 10)
        unit = self.unit
        money_summary = self.deposit_summaries
        wthresh = max(15_000, 12 * unit)

        def emit(m, typ, summary, bet_id, cents, flags):
            nonlocal bal, tid, last_m, n
            bal += cents
            tid += 1 + int(r() * 1200) + (m - last_m) * 2400
            last_m = m
            day = m // 1440
            ds = dates[day] if day < len(dates) else date_text(day)
            append({
                "Time (AEST)": f"{ds} {hhmm[m % 1440]}",
                "Type": typ,
                "Summary": summary,
                "Transaction Id": str(tid),
                "Bet Id": bet_id,
                "Amount": money(cents),
                "Balance": money(bal),
                "Single": flags[0],
                "Multiple": flags[1],
                "Exotic": flags[2],
                "Pool": flags[3],
            })
            n += 1

        def deposit_for(m, need):
            opts = (2, 5, 5, 10, 10, 20)
            amount = max(2000, unit * opts[int(r() * 6)])
            amount = (amount // 1000) * 1000 if amount < 10_000 else (amount // 5000) * 5000
            if amount < need:
                amount = ((need + 4999) // 5000) * 5000
            emit(m, "Deposit", money_summary[int(r() * 4)], "", amount, _F_CASH)

        m = self.m0 + int(r() * 120)
        if 60 <= m % 1440 < 480:
            m += 480 - m % 1440 + int(r() * 300)
        # The account opens with a deposit.
        deposit_for(m, 0)
        while n < rows:
            remaining = rows - n
            if heap and heap[0][0] <= m and remaining > tail:
                ev = pop(heap)
                emit(ev[0] if ev[0] > last_m else last_m, ev[2], ev[3], ev[4], ev[5], ev[6])
                continue
            u = r() if remaining > tail else 1.0
            if u < 0.012:
                # Bonus bet: placed with promo credit, so no stake row. Only a win shows.
                bid += 1 + int(r() * 800) + (m - last_bet_m) * 300
                last_bet_m = m
                b = (500, 1000, 1000, 2000, 2000, 2500, 5000)[int(r() * 7)]
                if r() < 0.5:
                    tj = m + 5 + int(r() * 60)
                    event, code, field = self.race_event(tj)
                    num, name = self.runner(code, field)
                    p, ps = _P_RACE[int(r() * 2048)]
                    summary = f"{event}\n Win or Place\n{num}. {name} @ {ps} (Win)"
                    q, ts = _RTP_RACE_WIN * 100 / p, tj + 3 + int(r() * 4)
                else:
                    summary, p, q = self.sport_single(_SINGLE_COMPS[int(r() * len(_SINGLE_COMPS))])
                    q, ts = q * 100 / p, m + 60 + int(r() * 2000)
                if r() < q:
                    seq += 1
                    push(heap, (ts, seq, "Win", summary, str(bid), b * (p - 100) // 100, _F_SINGLE))
            elif u < 0.0155:
                amt = 50 + int(r() * 2450)
                if r() < 0.3 and bal >= amt:
                    amt = -amt
                emit(m, "Manual Adjustment", _ADJUSTMENTS[int(r() * len(_ADJUSTMENTS))], "", amt, _F_CASH)
            elif u < 0.0195:
                if r() < 0.5 and bal >= 2000:
                    amt = -min(bal, (1000, 2000, 2500, 5000)[int(r() * 4)])
                    emit(m, "Bet with Mates", f"Bet With Mates - Contribution to {self.group}", "", amt, _F_CASH)
                else:
                    amt = 500 + int(r() * 15000)
                    emit(m, "Bet with Mates", f"Bet With Mates - Payout from {self.group}", "", amt, _F_CASH)
            elif u < 0.0295 and bal < 10 * unit:
                deposit_for(m, 0)  # topping up before a session
            elif u < 0.06 and bal >= wthresh:
                amt = int(bal * (0.4 + 0.5 * r()) / 1000) * 1000
                emit(m, "Withdrawal", self.withdraw_summary, "", -amt, _F_CASH)
                if r() < 0.15:
                    seq += 1
                    push(heap, (m + 1440 + int(r() * 5 * 1440), seq, "Returned Withdrawal", self.returned_summary,
                                "", amt, _F_CASH))
            else:
                seq, placed = self.place_bet(m, remaining, emit, deposit_for, bal, push, seq, bid, last_bet_m)
                if placed:
                    bid = self.bid
                    last_bet_m = m
            m = self.next_time(m)
        return out

    def place_bet(self, m, remaining, emit, deposit_for, bal, push, seq, bid, last_bet_m):
        """Write the stake row(s) of a new bet and schedule its result rows.

        Returns (heap sequence number, placed); placed is False when only a deposit fitted
        in the rows left.
        """
        heap = self.heap
        rng = self.rng
        r = rng.random
        u = r()
        each_way = False
        cashout_ok = True
        void_p = 0.012
        if u < 0.36:  # racing single
            tj = m + 2 + int(r() * r() * 120)
            event, code, field = self.race_event(tj)
            num, name = self.runner(code, field)
            p, ps = _P_RACE[int(r() * 2048)]
            v = r()
            s = self.stake(1.0)
            delay = tj - m + 2 + int(r() * 5)
            cashout_ok = False
            void_p = 0.02  # scratchings
            flags = _F_SINGLE
            if v < 0.74 or field < 8:
                summary, rtp = f"{event}\n Win or Place\n{num}. {name} @ {ps} (Win)", _RTP_RACE_WIN
            elif v < 0.87:
                p = _place_price(p)
                summary, rtp = f"{event}\n Win or Place\n{num}. {name} @ {_pstr(p)} (Place)", _RTP_RACE_PLACE
            else:
                each_way = True
                s = max(100, (s // 200) * 100)
                summary, rtp = f"{event}\n Win or Place\n{num}. {name} @ {ps} (Each Way)", _RTP_RACE_WIN
        elif u < 0.58:
            summary, p, rtp = self.sport_single(_SINGLE_COMPS[int(r() * len(_SINGLE_COMPS))])
            s = self.stake(1.0)
            delay = 60 + int(r() * r() * 4000) + 120
            flags = _F_SINGLE
        elif u < 0.66:
            summary, p, rtp = self.player_single(_PROP_COMPS[int(r() * len(_PROP_COMPS))])
            s = self.stake(0.5)
            delay = 60 + int(r() * r() * 3000) + 150
            flags = _F_SINGLE
        elif u < 0.675:
            summary, p, rtp = self.future_single(_FUTURE_COMPS[int(r() * len(_FUTURE_COMPS))], m)
            s = self.stake(1.0)
            delay = 14 * 1440 + int(r() * 180 * 1440)
            flags = _F_SINGLE
        elif u < 0.795:  # ordinary multi
            k = (2, 2, 3, 3, 3, 4, 4, 5, 6)[int(r() * 9)]
            blocks, price, rtp = [], 1.0, 1.0
            for _ in range(k):
                text, lp = self.multi_leg()
                blocks.append(text)
                price *= lp / 100
                rtp *= _RTP_LEG
            p = int(price * 100 + 0.5)
            layout = r()
            if layout < 0.6:
                summary = "\n\n".join(blocks)
            elif layout < 0.85:
                summary = f"{k} Leg Multi @ {_pstr(p)}\n\n" + "\n\n".join(blocks)
            else:
                summary = "\n".join(blocks)
            s = self.stake(0.4)
            delay = 90 + int(r() * 4 * 1440)
            flags = _F_MULTI
            void_p = 0.008
        elif u < 0.885:  # same game multi
            comp = _SGM_COMPS[int(r() * len(_SGM_COMPS))]
            lines, p = self.sgm_legs(comp, 2 + int(r() * 4))
            summary, rtp = "\n".join(lines), _RTP_SGM
            s = self.stake(0.4)
            delay = 60 + int(r() * r() * 3000) + 150
            flags = _F_MULTI
        elif u < 0.915:  # same race multi
            tj = m + 2 + int(r() * r() * 120)
            event, code, field = self.race_event(tj)
            legs = ["To Win", "Top 2", "Top 3", "Top 4", "Top 4"]
            picked = rng.sample(range(1, max(field, 5) + 1), 2 + int(r() * 3))
            lines = [event, " Same Race Multi"]
            for i, num in enumerate(picked):
                lines.append(f"{num}. {self.runner(code, field)[1]} {legs[min(i + int(r() * 2), 4)]}")
            summary = "\n".join(lines)
            p, _ = _P_SRM[int(r() * 2048)]
            rtp = _RTP_SRM
            s = self.stake(0.4)
            delay = tj - m + 3 + int(r() * 5)
            flags = _F_MULTI
            cashout_ok = False
            void_p = 0.01
        elif u < 0.98:  # exotic
            tj = m + 2 + int(r() * r() * 120)
            event, code, field = self.race_event(tj)
            label, k, boxed, lo, hi = _EXOTICS[int(r() * len(_EXOTICS))]
            nums = rng.sample(range(1, max(field, k) + 1), k)
            if boxed:
                nums.sort()
            summary = f"{event}\n  {label} ({', '.join(map(str, nums))})"
            x = math.exp(math.log(lo) + r() * math.log(hi / lo))
            p, rtp = int(x * 100), _RTP_EXOTIC
            s = (100, 200, 300, 500, 500, 1000, 1000, 1200, 2000)[int(r() * 9)]
            delay = tj - m + 3 + int(r() * 5)
            flags = _F_EXOTIC
            cashout_ok = False
            void_p = 0.005
        else:  # tote pool
            label, k, lo, hi = _POOLS[int(r() * len(_POOLS))]
            event, code, field = self.race_event(m + 30)
            track = event.partition(" - ")[0]
            legs = " / ".join(", ".join(map(str, sorted(rng.sample(range(1, field + 1), 1 + int(r() * 3)))))
                              for _ in range(k))
            if r() < 0.5:
                summary = f"{track} - {label}\n  {label} ({legs})"
            else:
                summary = f"{event}\n  {label} ({legs})"
            x = math.exp(math.log(lo) + r() * math.log(hi / lo))
            p, rtp = int(x * 100), _RTP_POOL
            s = (1000, 1500, 2000, 2000, 3000, 5000)[int(r() * 6)]
            delay = 60 + int(r() * 180)
            flags = _F_POOL
            cashout_ok = False
            void_p = 0.003

        cash = 2 * s if each_way else s
        need_rows = (2 if each_way else 1) + (1 if bal < cash else 0)
        if need_rows > remaining:
            deposit_for(m, cash)
            return seq, False
        if bal < cash:
            deposit_for(m, cash - bal)
        bid += 1 + int(r() * 800) + (m - last_bet_m) * 300
        self.bid = bid
        bet_id = str(bid)
        emit(m, "Bet Stake", summary, bet_id, -s, flags)
        if each_way:
            emit(m, "Bet Stake", summary, bet_id, -s, flags)

        ts = m + max(1, delay)
        events = []
        v = r()
        if v < void_p:
            events.append((ts, "Void", cash))
        elif each_way:
            pp = _place_price(p)
            q_win = rtp * 100 / p
            q_place = max(q_win, _RTP_RACE_PLACE * 100 / pp)
            w = r()
            if w < q_win:
                events.append((ts, "Win", (s * p + 50) // 100 + (s * pp + 50) // 100))
            elif w < q_place:
                events.append((ts, "Win", (s * pp + 50) // 100))
            elif r() < 0.015:
                events.append((ts, "Lose", 0))
        elif cashout_ok and v < void_p + 0.065:
            # Cashed out at some point before the end; value around the bet's fair worth less a cut.
            tc = m + 1 + int(r() * (ts - m - 1))
            if r() < 0.3:
                part = s * (25, 50, 50, 75)[int(r() * 4)] // 100
                events.append((tc, "Partial Cash Out", self.cash_value(part, p, rtp)))
                rest = s - part
                tc2 = tc + int(r() * (ts - tc))
                w = r()
                if w < 0.12:
                    part2 = rest // 2
                    events.append((tc2, "Partial Cash Out", self.cash_value(part2, p, rtp)))
                    rest -= part2
                    w = r()
                if w < 0.3:
                    events.append((tc2 + int(r() * (ts - tc2)), "Cashed Out", self.cash_value(rest, p, rtp)))
                elif r() < rtp * 100 / p:
                    events.append((ts, "Win", (rest * p + 50) // 100))
                elif r() < 0.015:
                    events.append((ts, "Lose", 0))
            else:
                events.append((tc, "Cashed Out", self.cash_value(s, p, rtp)))
        elif r() < rtp * 100 / p:
            events.append((ts, "Win", (s * p + 50) // 100))
        elif r() < 0.015:
            events.append((ts, "Lose", 0))
        for t, typ, amt in events:
            seq += 1
            push(heap, (t, seq, typ, summary, bet_id, amt, flags))
        return seq, True

    def cash_value(self, s: int, p: int, rtp: float) -> int:
        """Cash out offer: the bet's expected worth with a spread, less the bookmaker's cut."""
        x = rtp * 0.92 * (0.15 + 1.7 * self.rng.random())
        return max(1, min(int(s * x + 0.5), s * p * 95 // 10000))


# --------------------------------------------------------------------------
# CSV text
# --------------------------------------------------------------------------

def to_csv(records: list[dict], newest_first: bool = True) -> str:
    """The export text: header row, CRLF line endings, fields quoted where needed.

    `records` are in chronological order (as from `generate_records`); with
    `newest_first` (the download's usual order) they are written in reverse.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADERS)
    seq = reversed(records) if newest_first else records
    w.writerows([rec[h] for h in HEADERS] for rec in seq)
    return buf.getvalue()


def generate_csv(rows: int, seed: int = 0, newest_first: bool = True) -> str:
    """`to_csv(generate_records(rows, seed), newest_first)`."""
    return to_csv(generate_records(rows, seed), newest_first)
