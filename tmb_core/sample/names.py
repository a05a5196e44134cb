"""Reference data for the sample generator: real teams, players, tracks and the
stock phrases of the export, kept compact on purpose.

Team lines are "Team: Player, Player"; NFL players carry a role after a slash
(/P passing, /U rushing, /R receiving). Comma lists are split by `split_names`.
"""
from __future__ import annotations

AFL = """\
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

NRL = """\
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

NBA = """\
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

NFL = """\
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

EPL = """\
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

ALM = """\
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

BBL = """\
Adelaide Strikers: Matt Short, Alex Carey
Brisbane Heat: Colin Munro, Nathan McSweeney
Hobart Hurricanes: Mitchell Owen, Ben McDermott
Melbourne Renegades: Jake Fraser-McGurk, Tim Seifert
Melbourne Stars: Glenn Maxwell, Marcus Stoinis
Perth Scorchers: Cooper Connolly, Ashton Turner
Sydney Sixers: Steve Smith, Josh Philippe
Sydney Thunder: David Warner, Cameron Bancroft"""

ATP = ("Jannik Sinner, Carlos Alcaraz, Novak Djokovic, Alexander Zverev, Daniil Medvedev, "
        "Taylor Fritz, Alex de Minaur, Casper Ruud, Holger Rune, Stefanos Tsitsipas, Jack Draper, "
        "Tommy Paul, Ben Shelton, Grigor Dimitrov, Andrey Rublev, Lorenzo Musetti, Jordan Thompson, "
        "Alexei Popyrin, Nick Kyrgios, Thanasi Kokkinakis")
WTA = ("Aryna Sabalenka, Iga Swiatek, Coco Gauff, Elena Rybakina, Jessica Pegula, Qinwen Zheng, "
        "Jasmine Paolini, Mirra Andreeva, Madison Keys, Emma Navarro, Paula Badosa, Daria Kasatkina, "
        "Ajla Tomljanovic, Kimberly Birrell, Naomi Osaka, Ons Jabeur")

# Thoroughbred tracks (AU and NZ); harness tracks; greyhound tracks with two race distances.
GALLOPS = ("Flemington, Randwick, Rosehill Gardens, Caulfield, Moonee Valley, Eagle Farm, Doomben, "
            "Morphettville, Ascot, Belmont, Sandown Hillside, Warwick Farm, Canterbury, Gold Coast, "
            "Sunshine Coast, Sale, Ballarat, Bendigo, Geelong, Pakenham, Cranbourne, Kembla Grange, "
            "Newcastle, Hawkesbury, Scone, Wagga, Launceston, Ipswich, Mornington, Kilmore, "
            "Ellerslie, Trentham, Riccarton Park, Te Rapa, Otaki")
HARNESS = ("Menangle, Melton, Albion Park, Gloucester Park, Globe Derby, Addington, Alexandra Park, "
            "Bathurst, Redcliffe, Bendigo, Ballarat, Shepparton, Penrith, Cambridge")
DOGS = """\
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

GALLOP_SPONSORS = ("Ladbrokes", "Sportsbet", "TAB", "Neds", "bet365", "PlayUp", "Schweppes", "Inglis",
                    "Aquis", "Magic Millions", "Pointsbet", "Hyland Race Colours", "Carlton Draught")
GALLOP_CLASSES = ("Maiden Plate", "Class 1 Handicap", "Benchmark 58 Handicap", "BM64 Handicap",
                   "Benchmark 70 Handicap", "Benchmark 78 Handicap", "3YO Handicap", "Fillies & Mares Handicap",
                   "Rating 72 Handicap", "2YO Maiden", "Open Handicap", "Listed Stakes", "Plate",
                   "Class 3 Handicap", "Maiden Handicap", "3YO Maiden Plate")
FEATURES = (("Flemington", 7, "Lexus Melbourne Cup"), ("Moonee Valley", 9, "Ladbrokes Cox Plate"),
             ("Randwick", 7, "TAB Everest"), ("Caulfield", 9, "Caulfield Cup"),
             ("Rosehill Gardens", 7, "Golden Slipper"), ("Randwick", 8, "Doncaster Mile"),
             ("Eagle Farm", 8, "Stradbroke Handicap"), ("Flemington", 8, "VRC Sprint Classic"),
             ("Ellerslie", 8, "Auckland Cup"), ("Morphettville", 7, "Adelaide Cup"))
HARNESS_NAMES = ("Hygain", "Garrards", "Alabar", "Aldebaran Park", "Empire Stallions", "TAB",
                  "Schweppes", "Woodlands Stud", "Haras Des Trotteurs", "Sky Racing")
HARNESS_KINDS = ("Pace", "Pace", "Pace", "Mobile Pace", "Trot", "Stand Trot", "Maiden Pace")
HARNESS_DISTANCES = (1609, 1720, 2060, 2138, 2240, 2540, 2650)
DOG_GRADES = ("Grade 5", "Grade 5", "Grade 6", "Grade 7", "Maiden", "Free For All", "Mixed 4/5",
               "Mixed 6/7", "Restricted Win", "Masters", "Novice", "Tier 3 - Grade 5", "5th Grade Heat")

HORSE_A = ("Golden, Royal, Silent, Midnight, Lucky, Star, Wild, Brave, Grand, Little, Mighty, Secret, "
            "Rapid, Crimson, Silver, Dancing, Rocking, Flying, Lunar, Sunny, Bold, Shadow, Iron, Sweet, "
            "Super, Magic, Hidden, Ocean, Desert, Northern, Mister, Lady, Captain, Saint, Prince")
HORSE_B = ("Ruler, Storm, Legend, Echo, Spirit, Whisper, Dancer, Arrow, Command, Empire, Belle, Dream, "
            "Thunder, Fortune, Charm, Rebel, Ranger, Flame, Tide, Warrior, Jewel, Express, Harbour, Glory, "
            "Mist, Knight, Quest, Affair, Tempo, Verse, Gambit, Sovereign, Outlaw, Rose, Boy")
HORSE_REAL = ("Buckaroo, Via Sistina, Pride Of Jenni, Mr Brightside, Imperatriz, Vauban, Knight's Choice, "
               "Zardozi, Ceolwulf, Private Life, Bella Nipotina, Growing Empire, Lazzago, Militarize")
DOG_A = ("Zipping, Fernando, Aston, Kooringa, Jarvie, Hara's, Bull, Mepunga, Sweet, Lala, Wow, "
          "Tiggerlong, Orson, Koblenz, Tornado, Lektra, Slick, Black, Sunset, Dyna, Bella, Up Comes")
DOG_B = ("Garth, Bale, Dash, Rocket, Rosie, Bomber, Flash, Blaze, Tiger, Jet, Rebel, Sonic, Boom, "
          "Comet, Storm, Ace, Zoom, Bruiser, Lady, Mick, Harvey, Molly")

DEPOSIT_METHODS = ("Visa Debit", "Mastercard Debit", "PayID", "Apple Pay", "Google Pay", "BPAY")
MATES_GROUPS = ("Friday Arvo Punt", "The Syndicate", "Footy Trip Fund", "Boys Multi Club", "Cup Day Crew",
                 "Saturday Quaddie")
ADJUSTMENTS = ("Manual Adjustment - Resettlement", "Manual Adjustment - Goodwill Credit",
                "Manual Adjustment - Dead Heat Correction", "Manual Adjustment - Dividend Correction",
                "Manual Adjustment - Correction")
EXOTICS = (  # label, runners picked, boxed?, tote return multiplier range
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
POOLS = (("Quaddie", 4, 8.0, 400.0), ("Early Quaddie", 4, 8.0, 400.0), ("Big 6", 6, 20.0, 900.0),
          ("Daily Double", 2, 4.0, 80.0), ("Running Double", 2, 4.0, 80.0))


def split_names(text: str) -> tuple[str, ...]:
    """The non-empty, stripped items of a comma-separated list."""
    return tuple(s.strip() for s in text.split(",") if s.strip())


def parse_teams(text: str) -> tuple[tuple[str, ...], dict[str, tuple[tuple[str, str], ...]]]:
    """Team names in order, and each team's (player, role) pairs, from "Team: Player/role, ..." lines."""
    teams, players = [], {}
    for line in text.splitlines():
        team, _, rest = line.partition(":")
        team = team.strip()
        teams.append(team)
        players[team] = tuple(entry.partition("/")[::2] for entry in split_names(rest))
    return tuple(teams), players


def _dog_tracks(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    pairs = (line.partition(":") for line in text.splitlines())
    return tuple((track, tuple(int(d) for d in split_names(dists))) for track, _, dists in pairs)


def _pairs(first: str, second: str) -> tuple[str, ...]:
    """Every "first second" name made from two comma lists."""
    return tuple(f"{a} {b}" for a in split_names(first) for b in split_names(second))


GALLOP_TRACKS = split_names(GALLOPS)
HARNESS_TRACKS = split_names(HARNESS)
DOG_TRACKS = _dog_tracks(DOGS)
HORSES = _pairs(HORSE_A, HORSE_B) + split_names(HORSE_REAL) * 8
DOG_NAMES = _pairs(DOG_A, DOG_B)
