"""The bet kind the export's flags state, refined by the Summary's lines into a bet type
(Single, Each Way, Multi, Same Game Multi, Trifecta ...): docs/domain.md, "Bet kinds and types".
"""
from __future__ import annotations

import re

from ..model import BetKind


def flag_kind(flags: tuple[bool | None, bool | None, bool | None, bool | None]) -> BetKind:
    """The bet kind the export's Single/Multiple/Exotic/Pool flags state."""
    single, multiple, exotic, pool = flags
    if multiple:
        return BetKind.MULTI
    if exotic:
        return BetKind.EXOTIC
    if pool:
        return BetKind.POOL
    if single:
        return BetKind.SINGLE
    return BetKind.UNKNOWN


# Order matters: the first match wins, longer names before the shorter they contain.
EXOTICS = (
    ("Early Quaddie", r"early\s+quaddie"),
    ("Quaddie", r"quaddie|quadrella"),
    ("Big 6", r"big\s*6|big\s+six"),
    ("Super 6", r"super\s*6"),
    ("First 4", r"first\s*(?:4|four)"),
    ("Trifecta", r"trifecta"),
    ("Exacta", r"exacta"),
    ("Quinella", r"quinella"),
    ("Duet", r"duet"),
    ("Running Double", r"running\s+double"),
    ("Daily Double", r"daily\s+double"),
    ("Treble", r"treble"),
)
_EXOTIC_RES = tuple((name, re.compile(rf"\b(?:{pat})\b", re.I)) for name, pat in EXOTICS)
_SAME_RACE = re.compile(r"\bsame\s+race\s+multi\b", re.I)
_SAME_GAME = re.compile(r"\bsame\s+game\s+multi\b|\bsgm\b", re.I)
_MULTI = re.compile(r"^(?:\d+\s*leg\s+)?(?:multi|multibet|parlay)\b", re.I)


def bet_type(kind: BetKind, market_lines: list[str], components: list[str]) -> tuple[BetKind, str]:
    """Refine the flag kind with the Summary's market lines and bet components.

    `market_lines` are the Summary lines that are not selections (events, markets).
    Returns (kind, type): kind stays the flags' word where they gave one.
    """
    text = "\n".join(market_lines)
    if _SAME_RACE.search(text) and kind in (BetKind.MULTI, BetKind.UNKNOWN):
        return BetKind.MULTI, "Same Race Multi"
    if _SAME_GAME.search(text) and kind in (BetKind.MULTI, BetKind.UNKNOWN):
        return BetKind.MULTI, "Same Game Multi"
    if kind in (BetKind.EXOTIC, BetKind.POOL, BetKind.UNKNOWN):
        for name, pattern in _EXOTIC_RES:
            if pattern.search(text):
                return (BetKind.EXOTIC if kind is BetKind.UNKNOWN else kind), name
        if kind is BetKind.POOL:
            return kind, "Tote"
        if kind is BetKind.EXOTIC:
            return kind, "Exotic"
    if kind is BetKind.MULTI or (kind is BetKind.UNKNOWN and any(_MULTI.match(t) for t in market_lines)):
        return BetKind.MULTI, "Multi"
    if kind in (BetKind.SINGLE, BetKind.UNKNOWN):
        comps = {c.lower() for c in components}
        if "each way" in comps:
            return kind, "Each Way"
        if comps == {"place"}:
            return kind, "Place"
        return kind, "Single"
    return kind, "Unknown"
