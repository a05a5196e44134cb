"""The Python `re` patterns of summary.py, bet_types.py and reference.py in RE2, DuckDB's engine.

Each rule exists once, as its Python pattern; `re2` makes the RE2 form from it. RE2 has no
lookarounds and its `\\b`, `\\w`, `\\d`, `\\s` are ASCII-only, where Python's are
Unicode-aware. So `\\b` becomes a consumed boundary character (`B_BEFORE` / `B_AFTER`,
enough wherever only "is there a match" or a group inside is read), and the classes are
spelled with Unicode properties. Lines are normalised before they are matched, so `\\s`
inside a line only ever meets an ASCII space. Three patterns that read several groups of
one line (TAIL and RUNNER for a selection, RACE) are written here by hand, in a shape RE2
can run; the tests hold them to the Python ones.

RE2 compiles and runs those Unicode classes slowly (a few ms each to compile, slower
matching, markedly so in DuckDB-WASM), so text known to be ASCII is matched with
`ascii_only` patterns: the same classes over ASCII, where they mean the same.
"""
from __future__ import annotations

import re

from ..sql import lit
from . import bet_types, reference, summary

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


def re2(pattern: re.Pattern) -> str:
    """The RE2 form of a Python pattern: `\\d` and `\\w` as Unicode classes, named groups
    plain, and `\\b` as a consumed boundary character. A `\\b` may stand only at the start
    or the end of a top-level alternative (a ValueError says where else it stands)."""
    source, out, i = pattern.pattern, [], 0
    depth, in_class, alternative_start = 0, False, True
    while i < len(source):
        c = source[i]
        if c == "\\":
            escape = source[i:i + 2]
            i += 2
            if escape in (r"\W", r"\D", r"\S", r"\B"):
                raise ValueError(f"{pattern.pattern!r}: {escape} has no RE2 form here")
            if escape == r"\b":
                if alternative_start and out and out[-1] == "^":
                    pass   # the start of the text is a boundary before the word character that follows
                elif alternative_start:
                    out.append(B_BEFORE)
                elif depth == 0 and (i == len(source) or source[i] in "|$"):
                    out.append(B_AFTER)
                else:
                    raise ValueError(f"{pattern.pattern!r}: \\b at {i - 2} is not at an alternative's edge")
            elif escape == r"\d":
                out.append(DIGIT)
            elif escape == r"\w":
                out.append(WORD if in_class else f"[{WORD}]")
            else:
                out.append(escape)
            alternative_start = False
            continue
        if source.startswith("(?P<", i):
            out.append("(")
            i = source.index(">", i) + 1
            depth += 1
            continue
        if source.startswith(("(?=", "(?!", "(?<"), i):
            raise ValueError(f"{pattern.pattern!r}: RE2 has no lookarounds")
        if in_class:
            in_class = c != "]"
        else:
            in_class = c == "["
            depth += (c == "(") - (c == ")")
        out.append(c)
        alternative_start = not in_class and depth == 0 and c in "|^"
        i += 1
    return ("(?i)" if pattern.flags & re.IGNORECASE else "") + "".join(out)


# summary._SELECTION, read in two parts: its `@` is the line's last one (price and component
# hold none), so the text after it must be the price and component, the text before it
# an optional runner number and the selection.
TAIL = (rf"(?i)^\s*\$?({DIGIT}{{1,5}}(?:\.{DIGIT}{{1,3}})?)\s*(?:\((win|place|each\s*way|ew)\))?$")
RUNNER = rf"^({DIGIT}{{1,2}})\."
# summary._RACE, whose \b after the race number RE2 spells as "a non-word character, or the end"
RACE = rf"^(.+?)\s+-\s+(?:R({DIGIT}{{1,2}})(?:[^{WORD}].*)?|{DIGIT}{{1,2}}:{DIGIT}{{2}})$"
RACE_REST = rf"^(?:R{DIGIT}{{1,2}}(?:[^{WORD}].*)?|{DIGIT}{{1,2}}:{DIGIT}{{2}})$"
SIDES_GUARD = re2(summary._SIDES)
SIDES = SIDES_GUARD.replace("(?i)", "(?i)^(.*?)", 1) + "(.*)$"
RUNNERS = re2(summary._RUNNERS)
MULTI = re2(bet_types._MULTI)
CODE_WORDS = tuple(re2(words) for _, words in reference._CODE_WORDS)
POOL_HEADING = re2(reference._POOL_HEADING)
WORDS = re2(re.compile(r"\w+"))
CRICKET = re2(reference._CRICKET_HINTS)
WOMEN = re2(reference._WOMEN)

# bet_types._SAME_RACE, _SAME_GAME, _EXOTIC_RES: matched per line. A match could also run
# across the line break of the joined text only where a line ends with the start of a
# phrase; such Summaries (PARTIAL) are matched on their joined text instead.
SAME_RACE = re2(bet_types._SAME_RACE)
SAME_GAME = re2(bet_types._SAME_GAME)
EXOTICS = tuple((name, re2(pattern)) for name, pattern in bet_types._EXOTIC_RES)
EXOTIC_ANY = re2(re.compile(rf"\b(?:{'|'.join(pat for _, pat in bet_types.EXOTICS)})\b", re.I))
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
