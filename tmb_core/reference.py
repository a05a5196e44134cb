"""Sport, competition and teams inferred from reference data shipped in the package.

The rule throughout: say "Unknown" rather than guess wrong. A name is trusted
only when it points at one competition, or when both sides of an event agree.
"""
from __future__ import annotations

import csv
import functools
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import UNKNOWN
from .summary import race, sides

RACING_SPORTS = {"thoroughbred": "Horse Racing", "harness": "Harness Racing",
                 "greyhound": "Greyhound Racing"}
RACING = "Racing"          # a race whose code (horses, harness, dogs) is not certain
MIXED = "Multiple"         # a multi across different sports or competitions

_CODE_HINTS = (
    ("greyhound", re.compile(r"\b\d{3}m\b|\bgrade\s*\d|\bgreyhound|\bdogs?\b", re.I)),
    ("harness", re.compile(r"\bpace\b|\bpacers?\b|\btrot(?:ters?)?\b|\bmobile\b|\bstanding start\b|\bharness\b", re.I)),
    ("thoroughbred", re.compile(r"\bhcp\b|\bhandicap\b|\bplate\b|\bbm\s?\d|\bbenchmark\b|\bstakes\b|\bguineas\b|\bcup\b|\bmdn\b|\bmaiden\b", re.I)),
)
_CRICKET_HINTS = re.compile(
    r"\b(?:test|odi|t20|twenty20|batter|batsman|bowler|wickets?|innings|runs|sixes|top bat)\b", re.I)
_WOMEN = re.compile(r"\baflw\b|\bwomen\b|\(w\)", re.I)
_NATIONAL = "International"


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
    data = resources.files("tmb_core").joinpath("data", name).read_text("utf-8")
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


def _race(event: str, text: str) -> Inference | None:
    parsed = race(event)
    if not parsed:
        return None
    track, number, _ = parsed
    options = _venue(track)
    codes = {code for code, _ in options}
    venue = min(name for _, name in options) if options else UNKNOWN
    if len(codes) > 1:
        hinted = [code for code, rx in _CODE_HINTS if code in codes and rx.search(text)]
        codes = {hinted[0]} if len(hinted) == 1 else codes
    if len(codes) == 1:
        return Inference(RACING_SPORTS[codes.pop()], venue)
    if options or number is not None:
        return Inference(RACING, venue)
    return None


def _match(event: str, text: str, when: dt.datetime | None) -> Inference:
    pair = sides(event)
    if not pair:
        return Inference()
    found = [lookup(side) for side in pair]
    teams = tuple(_canonical(f, side) for f, side in zip(found, pair))
    known = [f for f in found if f]
    if not known:
        return Inference(UNKNOWN, UNKNOWN, teams)
    sports = set.intersection(*({e.sport for e in f} for f in known))
    if len(sports) != 1:
        return Inference(UNKNOWN, UNKNOWN, teams)
    sport = sports.pop()
    comps = set.intersection(*({e.competition for e in f if e.sport == sport} for f in known))
    comp = comps.pop() if len(comps) == 1 and len(known) == 2 else UNKNOWN
    national = any(e.competition == _NATIONAL for f in known for e in f)
    if national and not _CRICKET_HINTS.search(text):
        return Inference(UNKNOWN, UNKNOWN, teams)
    if sport == "Australian Rules" and comp == "AFL":
        comp = "AFLW" if _WOMEN.search(text) or (when and when.month >= 10) else "AFL"
    return Inference(sport, comp, teams)


def _canonical(found: frozenset[Entity], side: str) -> str:
    names = {e.name for e in found}
    return names.pop() if len(names) == 1 else side


def _keyword(text: str) -> Inference | None:
    pattern, meaning = _keywords()
    found = pattern.search(text)
    return meaning.get(norm(found.group(0))) if found else None


def infer_event(event: str, text: str, when: dt.datetime | None = None) -> Inference:
    """Sport, competition and teams of one event line, using the Summary's text as context.

    Context is read only when it can change the answer: racing-code words for a
    venue shared by two codes, cricket words for national teams, women's words
    for AFL clubs, and competition keywords for anything that is not a race.
    """
    raced = _race(event, text)
    if raced:
        return raced
    matched = _match(event, text, when)
    if matched.sport not in (UNKNOWN, *_KEYWORD_SPORTS()):
        return matched
    hint = _keyword(text)
    if hint and matched.sport in (UNKNOWN, hint.sport):
        comp = hint.competition if hint.competition != UNKNOWN else matched.competition
        return Inference(hint.sport, comp, matched.teams)
    return matched


@cache
def _KEYWORD_SPORTS() -> frozenset[str]:
    return frozenset(i.sport for i in _keywords()[1].values())


def combine(parts: list[Inference]) -> Inference:
    """One answer for a bet over several events (a multi)."""
    if not parts:
        return Inference()
    teams = tuple(dict.fromkeys(t for p in parts for t in p.teams))
    sports = {p.sport for p in parts}
    if len(sports) == 1:
        comps = {p.competition for p in parts}
        comp = comps.pop() if len(comps) == 1 else (UNKNOWN if UNKNOWN in comps else MIXED)
        return Inference(sports.pop(), comp, teams)
    if UNKNOWN in sports:
        return Inference(UNKNOWN, UNKNOWN, teams)
    return Inference(MIXED, MIXED, teams)
