"""Sport, competition and teams inferred from reference data shipped in the package.

The rule throughout: say "Unknown" rather than guess wrong. A name is trusted
only when it points at one competition, or when both sides of an event agree; a
name several teams go by ("Melbourne") only when its opponent settles which. A
race's code is the one its venue and its own words and distance leave.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import UNKNOWN
from .bet_types import EXOTICS
from .summary import race, sides

RACING_SPORTS = {"thoroughbred": "Horse Racing", "harness": "Harness Racing",
                 "greyhound": "Greyhound Racing"}
RACING = "Racing"          # a race whose code (horses, harness, dogs) is not certain
MIXED = "Multiple"         # a multi's market when its legs are in different markets
MIXED_SPORTS = "Mixed sports"              # a multi whose legs are (known to be) in different sports
MIXED_COMPETITIONS = "Mixed competitions"  # ... or in different competitions

#: Words of a race line that only some racing codes use: (the codes they leave, pattern). A word
#: all three codes use (Maiden, Cup, Stakes) says nothing and is not here.
_CODE_WORDS = (
    (frozenset({"greyhound"}), re.compile(r"\bgrade\s*\d|\bgreyhound|\bdogs?\b", re.I)),
    (frozenset({"harness"}),
     re.compile(r"\bpace\b|\bpacers?\b|\btrot(?:ters?)?\b|\bmobile\b|\bstanding start\b|\bharness\b", re.I)),
    (frozenset({"thoroughbred"}), re.compile(r"\bbm\s?\d|\bbenchmark\b|\bplate\b", re.I)),
    (frozenset({"thoroughbred", "harness"}), re.compile(r"\bhcp\b|\bhandicap\b", re.I)),
)
#: A race's distance in metres, as a word of its own ("(450m)", "1200m"), and the codes that
#: run it: greyhounds 200-749 m, thoroughbreds from 800 m, harness from 1,600 m.
_DISTANCE = re.compile(r"[0-9]{3,4}[mM]")
_DISTANCES = ((200, 749, frozenset({"greyhound"})), (800, 1599, frozenset({"thoroughbred"})),
              (1600, 9999, frozenset({"thoroughbred", "harness"})))
#: A tote pool's heading: a track and the pool, no race number ("Randwick - Quaddie").
_POOL_HEADING = re.compile(
    rf"^(?P<track>.+?)\s+-\s+(?:tote\s+)?(?:{'|'.join(pat for _, pat in EXOTICS)})$", re.I)
_CRICKET_HINTS = re.compile(
    r"\b(?:test|odi|t20|twenty20|batter|batsman|bowler|wickets?|innings|runs|sixes|top bat)\b", re.I)
_WOMEN = re.compile(r"\baflw\b|\bwomen\b|\(w\)", re.I)
_NATIONAL = "International"
#: AFL clubs' matches from this month on are AFLW's (its season starts as the men's ends), as
#: are any that name women; the SQL understanding reads the same rule (`sql.py`, `sql_infer.py`).
AFLW_FROM_MONTH = 10
AFL = ("Australian Rules", "AFL")
AFLW = "AFLW"


@dataclass(frozen=True, slots=True)
class Entity:
    sport: str
    competition: str
    name: str


@dataclass(frozen=True, slots=True)
class Inference:
    sport: str = UNKNOWN
    competition: str = UNKNOWN
    teams: tuple[str, ...] = ()


def norm(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces: the key every lookup uses."""
    return " ".join(re.sub(r"[^\w&]+", " ", text.casefold()).split())


def _rows(name: str) -> list[dict]:
    data = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


@cache
def _names() -> dict[str, frozenset[Entity]]:
    found: dict[str, set[Entity]] = {}
    for file in ("teams.csv", "players.csv"):
        for row in _rows(file):
            entity = Entity(row["sport"], row["competition"], row["name"])
            for alias in [row["name"], *row["aliases"].split("|")]:
                if alias.strip():
                    found.setdefault(norm(alias), set()).add(entity)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def _shared() -> dict[str, frozenset[Entity]]:
    """Names several teams go by ("Melbourne", "Newcastle"): what each can mean."""
    teams = {norm(e.name): e for found in _names().values() for e in found}
    found = {norm(row["name"]): frozenset(teams[norm(t)] for t in row["teams"].split("|") if norm(t) in teams)
             for row in _rows("shared_names.csv")}
    return {name: options for name, options in found.items() if options}


@functools.lru_cache(maxsize=50_000)
def shared(name: str) -> frozenset[Entity]:
    """What a side's name can mean when it is, exactly, a name several teams go by (and
    `lookup` finds nothing in it): trusted only as its opponent settles it (`_settle`)."""
    return frozenset() if lookup(name) else _shared().get(norm(name), frozenset())


@cache
def _tracks() -> dict[str, frozenset[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for row in _rows("tracks.csv"):
        for alias in [row["track"], *row["aliases"].split("|")]:
            if alias.strip():
                found.setdefault(norm(alias), set()).add((row["code"], row["track"]))
    return {k: frozenset(v) for k, v in found.items()}


@cache
def _keywords() -> tuple[re.Pattern, dict[str, Inference]]:
    """One pattern matching any keyword phrase (longest first), and what each phrase means."""
    rows = sorted(_rows("keywords.csv"), key=lambda r: -len(r["pattern"].strip()))
    meaning = {norm(r["pattern"]): Inference(r["sport"], r["competition"] or UNKNOWN) for r in rows}
    alternatives = "|".join(re.escape(r["pattern"].strip()) for r in rows)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I), meaning


@functools.lru_cache(maxsize=50_000)
def lookup(name: str) -> frozenset[Entity]:
    """Entities a side's name can mean: an exact alias, else the longest alias inside it."""
    names = _names()
    key = norm(name)
    if key in names:
        return names[key]
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            hit = names.get(" ".join(words[start:start + size]))
            if hit:
                return hit
    return frozenset()


@functools.lru_cache(maxsize=50_000)
def _venue(track: str) -> frozenset[tuple[str, str]]:
    return _tracks().get(norm(track), frozenset())


@functools.lru_cache(maxsize=50_000)
def _race_facts(event: str) -> tuple[frozenset[str], str, bool] | None:
    """(racing codes the line leaves, venue, has a race number) for a race line or a tote
    pool's heading, else None. The codes are the venue's that the line's words and
    distances leave (`race_clues`)."""
    parsed = race(event)
    if parsed:
        track, numbered = parsed[0], parsed[1] is not None
    else:
        pool = _POOL_HEADING.match(event)
        if not pool:
            return None
        track, numbered = pool["track"].strip(), False
    options = _venue(track)
    venue = min(name for _, name in options) if options else UNKNOWN
    return race_codes(frozenset(code for code, _ in options), race_clues(event)), venue, numbered


def race_clues(line: str) -> tuple[bool, bool, bool, bool]:
    """Which codes a race line's words and distances leave, as four clues: only greyhounds,
    only harness, only thoroughbreds, not greyhounds."""
    left = [codes for codes, rx in _CODE_WORDS if rx.search(line)]
    for word in re.findall(r"\w+", line):
        if _DISTANCE.fullmatch(word):
            metres = int(word[:-1])
            left += [codes for low, high, codes in _DISTANCES if low <= metres <= high]
    return tuple(any(codes == clue for codes in left) for clue, _ in _CODE_WORDS)


def race_codes(codes: frozenset[str], clues: tuple[bool, ...]) -> frozenset[str]:
    """The codes of a venue that every clue leaves."""
    for (clue, _), found in zip(_CODE_WORDS, clues):
        if found:
            codes = codes & clue
    return codes


@functools.lru_cache(maxsize=100_000)
def _line_facts(line: str) -> tuple[Inference | None, bool, bool]:
    """What one Summary line hints at: a competition keyword, cricket, a women's
    competition. Cached per line: lines repeat across bets."""
    pattern, meaning = _keywords()
    found = pattern.search(line)
    return (meaning.get(norm(found.group(0))) if found else None,
            bool(_CRICKET_HINTS.search(line)), bool(_WOMEN.search(line)))


@dataclass(frozen=True, slots=True)
class Context:
    """The hints of a whole Summary (its event and market lines)."""

    keyword: Inference | None = None
    cricket: bool = False
    women: bool = False

    @classmethod
    def of(cls, lines) -> Context:
        facts = [_line_facts(line) for line in lines]
        return cls(next((f[0] for f in facts if f[0]), None), any(f[1] for f in facts),
                   any(f[2] for f in facts))


def _race(event: str) -> Inference | None:
    """A race, or a tote pool at a known track: the code when the venue and the line's
    clues leave one, else "Racing"; the venue is the competition."""
    facts = _race_facts(event)
    if facts is None:
        return None
    codes, venue, numbered = facts
    if len(codes) == 1:
        return Inference(RACING_SPORTS[next(iter(codes))], venue)
    if venue != UNKNOWN or numbered:
        return Inference(RACING, venue)
    return None


@functools.lru_cache(maxsize=50_000)
def _match_facts(event: str) -> tuple[Inference, bool]:
    """What the two sides of an event say on their own, and whether a side is a national team."""
    pair = sides(event)
    if not pair:
        return Inference(), False
    found = _settle([lookup(side) for side in pair], [shared(side) for side in pair])
    teams = tuple(_canonical(f, side) for f, side in zip(found, pair))
    known = [f for f in found if f]
    if not known:
        return Inference(UNKNOWN, UNKNOWN, teams), False
    national = any(e.competition == _NATIONAL for f in known for e in f)
    sports = set.intersection(*({e.sport for e in f} for f in known))
    if len(sports) != 1:
        return Inference(UNKNOWN, UNKNOWN, teams), national
    sport = sports.pop()
    comps = set.intersection(*({e.competition for e in f if e.sport == sport} for f in known))
    comp = comps.pop() if len(comps) == 1 and len(known) == 2 else UNKNOWN
    return Inference(sport, comp, teams), national


def _settle(found: list[frozenset[Entity]], names: list[frozenset[Entity]]) -> list[frozenset[Entity]]:
    """A side named by a name several teams go by is the one of them in its opponent's
    competition, when the opponent (not such a name) is in one competition with one of them."""
    settled = list(found)
    for mine, theirs in ((0, 1), (1, 0)):
        if names[mine] and found[theirs]:
            pairs = {(e.sport, e.competition) for e in found[theirs]}
            kept = frozenset(e for e in names[mine] if (e.sport, e.competition) in pairs)
            if len({(e.sport, e.competition) for e in kept}) == 1:
                settled[mine] = kept
    return settled


def _match(event: str, context: Context, when: dt.datetime | None) -> Inference:
    found, national = _match_facts(event)
    if national and not context.cricket:
        return Inference(UNKNOWN, UNKNOWN, found.teams)
    if (found.sport, found.competition) == AFL and ((when and when.month >= AFLW_FROM_MONTH) or context.women):
        return Inference(found.sport, AFLW, found.teams)
    return found


def _canonical(found: frozenset[Entity], side: str) -> str:
    names = {e.name for e in found}
    return names.pop() if len(names) == 1 else side


def infer_event(event: str, context: Context | str, when: dt.datetime | None = None) -> Inference:
    """Sport, competition and teams of one event line, using the Summary's lines as context.

    What the event line says alone is cached (a race's code is read from its own
    line: its venue, words and distance); the context is read only where it can
    change the answer: cricket words for national teams, women's words for AFL
    clubs, and competition keywords for anything that is not a race.
    """
    if isinstance(context, str):
        context = Context.of(context.splitlines())
    raced = _race(event)
    if raced:
        return raced
    matched = _match(event, context, when)
    hint = context.keyword
    if hint and matched.sport in (UNKNOWN, hint.sport):
        comp = hint.competition if hint.competition != UNKNOWN else matched.competition
        return Inference(hint.sport, comp, matched.teams)
    return matched


def combine(parts: list[Inference]) -> Inference:
    """One answer for a bet over several events (a multi)."""
    if not parts:
        return Inference()
    teams = tuple(dict.fromkeys(t for p in parts for t in p.teams))
    sports = {p.sport for p in parts}
    if RACING in sports and len(sports) == 2 and (sports - {RACING}) <= set(RACING_SPORTS.values()):
        sports = {RACING}   # a race of uncertain code may be of the other legs' code: not said to be mixed
    if len(sports) == 1:
        comps = {p.competition for p in parts}
        comp = comps.pop() if len(comps) == 1 else (UNKNOWN if UNKNOWN in comps else MIXED_COMPETITIONS)
        return Inference(sports.pop(), comp, teams)
    if UNKNOWN in sports:   # a leg of unknown sport may be of the others' sport: not said to be mixed
        return Inference(UNKNOWN, UNKNOWN, teams)
    return Inference(MIXED_SPORTS, MIXED_COMPETITIONS, teams)
