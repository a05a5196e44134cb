"""Classifying rows: transaction kind from the Type text, and bet kind/type from
the flags refined by the Summary (DOMAIN.md sections 2 and 3).
"""
from __future__ import annotations

import functools
import re

from .model import BetKind, TxKind

TYPES = {
    "bet stake": TxKind.STAKE, "stake": TxKind.STAKE, "bet placed": TxKind.STAKE,
    "win": TxKind.WIN, "bet win": TxKind.WIN, "winnings": TxKind.WIN,
    "lose": TxKind.LOSE, "loss": TxKind.LOSE, "bet lose": TxKind.LOSE, "lost": TxKind.LOSE,
    "void": TxKind.VOID, "bet void": TxKind.VOID, "voided": TxKind.VOID,
    "cashed out": TxKind.CASH_OUT, "cash out": TxKind.CASH_OUT, "cashout": TxKind.CASH_OUT,
    "partial cash out": TxKind.CASH_OUT, "partial cashout": TxKind.CASH_OUT,
    "bonus bet": TxKind.BONUS_STAKE, "refund": TxKind.REFUND,
    "deposit": TxKind.DEPOSIT,
    "withdrawal": TxKind.WITHDRAWAL, "withdraw": TxKind.WITHDRAWAL,
    "returned withdrawal": TxKind.RETURNED_WITHDRAWAL,
    "withdrawal reversal": TxKind.RETURNED_WITHDRAWAL,
    "withdrawal returned": TxKind.RETURNED_WITHDRAWAL,
    "reversed withdrawal": TxKind.RETURNED_WITHDRAWAL,
    "manual adjustment": TxKind.ADJUSTMENT, "adjustment": TxKind.ADJUSTMENT,
    "bet with mates": TxKind.TRANSFER,
    "bonus": TxKind.BONUS,
}

#: Expected sign of each kind's amount: -1, +1, or 0 (either / zero).
EXPECTED_SIGN = {
    TxKind.STAKE: -1, TxKind.WIN: 1, TxKind.VOID: 1, TxKind.CASH_OUT: 1,
    TxKind.DEPOSIT: 1, TxKind.WITHDRAWAL: -1, TxKind.RETURNED_WITHDRAWAL: 1,
}


@functools.lru_cache(maxsize=1024)
def tx_kind(type_text: str) -> TxKind:
    """The kind of a transaction from its Type text; unknown types are OTHER, never dropped."""
    return TYPES.get(" ".join(type_text.lower().split()), TxKind.OTHER)


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
_EXOTICS = (
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
_EXOTIC_RES = tuple((name, re.compile(rf"\b(?:{pat})\b", re.I)) for name, pat in _EXOTICS)
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
