"""Python `re` patterns of summary.py, bet_types.py and reference.py rewritten for RE2, DuckDB's engine.

RE2 has no lookarounds and its `\\b`, `\\w`, `\\d`, `\\s` are ASCII-only, where Python's
are Unicode-aware. So `\\b` becomes a consumed boundary character (`B_BEFORE` /
`B_AFTER`, enough wherever only "is there a match" or a group inside is read), and
the classes are spelled with Unicode properties. Lines are normalised before they are
matched, so `\\s` inside a line only ever meets an ASCII space.

RE2 compiles and runs those Unicode classes slowly (a few ms each to compile, slower
matching, markedly so in DuckDB-WASM), so text known to be ASCII is matched with
`ascii_only` patterns: the same classes over ASCII, where they mean the same.
"""
from __future__ import annotations

from ..sql import lit
from . import bet_types

#: Python's `\\w` (str.isalnum() or "_"), as the inside of an RE2 class.
WORD = r"\p{L}\p{N}_"
#: A position where Python's `\\b` holds before / after a word character.
B_BEFORE = rf"(?:^|[^{WORD}])"
B_AFTER = rf"(?:[^{WORD}]|$)"
#: Python's `\\d` (str.isdecimal()).
DIGIT = r"\p{Nd}"
#: The characters str.splitlines() breaks at, and those str.split() treats as whitespace.
LINE_BREAKS = r"[\n\r\x{0b}\x{0c}\x{1c}-\x{1e}\x{85}\x{2028}\x{2029}]"
ODD_BREAKS = r"[\r\x{0b}\x{0c}\x{1c}-\x{1e}\x{85}\x{2028}\x{2029}]"
#: Whitespace that " ".join(raw.split()) changes: anything but single spaces inside the line.
UNTIDY = (r"  |[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
          r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]")
SPACES = (r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
          r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+")

# summary._SELECTION, read in two parts: its `@` is the line's last one (price and component
# hold none), so the text after it must be the price and component, the text before it
# an optional runner number and the selection.
TAIL = (rf"(?i)^\s*\$?({DIGIT}{{1,5}}(?:\.{DIGIT}{{1,3}})?)\s*(?:\((win|place|each\s*way|ew)\))?$")
RUNNER = rf"^({DIGIT}{{1,2}})\."
# summary._RACE, _SIDES, _RUNNERS
RACE = rf"^(.+?)\s+-\s+(?:R({DIGIT}{{1,2}})(?:[^{WORD}].*)?|{DIGIT}{{1,2}}:{DIGIT}{{2}})$"
RACE_REST = rf"^(?:R{DIGIT}{{1,2}}(?:[^{WORD}].*)?|{DIGIT}{{1,2}}:{DIGIT}{{2}})$"
SIDES = r"(?i)^(.*?)\s+(?:v|vs\.?|at|@)\s+(.*)$"
SIDES_GUARD = r"(?i)\s(?:v|vs\.?|at|@)\s"
RUNNERS = rf"\(({DIGIT}{{1,2}}(?:\s*,\s*{DIGIT}{{1,2}})*)\)\s*$"
# kinds._MULTI (matched at the start of each event or market line)
MULTI = rf"(?i)^(?:{DIGIT}+\s*leg\s+)?(?:multi|multibet|parlay){B_AFTER}"
# reference._CODE_HINTS, _CRICKET_HINTS, _WOMEN
GREYHOUND = (rf"(?i){B_BEFORE}{DIGIT}{{3}}m{B_AFTER}|{B_BEFORE}grade\s*{DIGIT}"
             rf"|{B_BEFORE}greyhound|{B_BEFORE}dogs?{B_AFTER}")
HARNESS = (rf"(?i){B_BEFORE}(?:pace|pacers?|trot(?:ters?)?|mobile|standing start|harness){B_AFTER}")
THOROUGHBRED = (rf"(?i){B_BEFORE}(?:hcp|handicap|plate|benchmark|stakes|guineas|cup|mdn|maiden){B_AFTER}"
                rf"|{B_BEFORE}bm\s?{DIGIT}")
CRICKET = (rf"(?i){B_BEFORE}(?:test|odi|t20|twenty20|batter|batsman|bowler|wickets?|innings|runs"
           rf"|sixes|top bat){B_AFTER}")
WOMEN = rf"(?i){B_BEFORE}(?:aflw|women){B_AFTER}|\(w\)"

# kinds._SAME_RACE, _SAME_GAME, _EXOTIC_RES: matched per line. A match could also run
# across the line break of the joined text only where a line ends with the start of a
# phrase; such Summaries (PARTIAL) are matched on their joined text instead.
SAME_RACE = rf"(?i){B_BEFORE}same\s+race\s+multi{B_AFTER}"
SAME_GAME = rf"(?i){B_BEFORE}(?:same\s+game\s+multi|sgm){B_AFTER}"
EXOTICS = tuple((name, rf"(?i){B_BEFORE}(?:{pat}){B_AFTER}") for name, pat in bet_types.EXOTICS)
EXOTIC_ANY = rf"(?i){B_BEFORE}(?:{'|'.join(pat for _, pat in bet_types.EXOTICS)}){B_AFTER}"
PARTIAL = rf"(?i){B_BEFORE}(?:same(?:\s+race|\s+game)?|early|big|super|first|running|daily)$"


def ascii_only(pattern: str) -> str:
    """`pattern` for ASCII text: RE2's own ASCII `\\w` and `\\d` for WORD and DIGIT
    (on ASCII characters \\p{L}\\p{N}_ is [A-Za-z0-9_] and \\p{Nd} is [0-9])."""
    return pattern.replace(WORD, r"\w").replace(DIGIT, r"\d")


def patterns_for(ascii: bool):
    """The function that readies a pattern for text that is (or may not be) all ASCII."""
    return ascii_only if ascii else (lambda pattern: pattern)


def exotic_rank(text: str, ascii: bool = False) -> str:
    """SQL: the 1-based index in EXOTICS of the first exotic pattern `text` matches, else NULL
    (`ascii`: `text` is known to be ASCII)."""
    rx = patterns_for(ascii)
    whens = " ".join(f"WHEN regexp_matches({text}, {lit(rx(p))}) THEN {i}" for i, (_, p) in enumerate(EXOTICS, 1))
    return f"CASE {whens} END"


def exotic_name(rank: str) -> str:
    """SQL: the exotic's name for a rank from `exotic_rank`."""
    names = ", ".join(lit(n) for n, _ in EXOTICS)
    return f"[{names}][{rank}]"
