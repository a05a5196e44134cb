"""Prices, money text and the constants that set each bet kind's long-run return.

Prices are decimal odds on a bookmaker-like ladder, held as integer hundredths
together with their text. The tables are drawn once, from a fixed seed, at import;
the generator then picks entries from them with its own random numbers.
"""
from __future__ import annotations

import math
import random

# (price below which, ladder step in hundredths); from 30.00 up the ladder goes in fives.
_LADDER = ((2, 1), (3, 2), (4, 5), (6, 10), (10, 20), (20, 50), (30, 100))


def snap(x: float) -> int:
    """Hundredths of the nearest price on the ladder (at most 100.00)."""
    for below, step in _LADDER:
        if x < below:
            return step * round(x * 100 / step)
    return min(10000, 500 * round(x / 5) + 100)


def pstr(p: int) -> str:
    """Price text for hundredths: 250 -> "2.50"."""
    return f"{p // 100}.{p % 100:02d}"


def price_table(rng: random.Random, median: float, sigma: float, lo: float, hi: float, n: int = 2048):
    """`n` (hundredths, text) prices, log-normal around `median`, clipped to [lo, hi]."""
    out = []
    for _ in range(n):
        x = min(hi, max(lo, rng.lognormvariate(math.log(median), sigma)))
        p = min(int(hi * 100), max(int(lo * 100), snap(x)))
        out.append((p, pstr(p)))
    return tuple(out)


# Every table holds 2048 entries: pick one with `TABLE[int(r() * 2048)]`.
# The order below fixes what each table holds; do not reorder.
_PRNG = random.Random(20250101)
P_SPORT = price_table(_PRNG, 1.95, 0.42, 1.20, 15.0)
P_PROP = price_table(_PRNG, 1.88, 0.22, 1.40, 6.0)
P_SCORER = price_table(_PRNG, 2.9, 0.45, 1.50, 15.0)
P_LEG = price_table(_PRNG, 1.55, 0.25, 1.20, 4.0)
P_RACE = price_table(_PRNG, 6.0, 0.85, 1.40, 100.0)
P_FUTURE = price_table(_PRNG, 9.0, 0.75, 2.0, 51.0)
P_SRM = price_table(_PRNG, 11.0, 0.6, 2.5, 100.0)
P_DRAW = price_table(_PRNG, 3.6, 0.08, 3.0, 4.6)
del _PRNG


def place_price(win: int) -> int:
    """Place price (hundredths) for a win price: a quarter of the win odds, to 5 cents."""
    return max(101, 100 + 5 * round((win - 100) / 20))


_CENTS = tuple(f"{c:02d}" for c in range(100))  # "00" to "99": faster than a format spec


def money(c: int) -> str:
    """Dollars text for cents, with a minus sign when negative: -1205 -> "-12.05"."""
    if c < 0:
        c = -c
        return f"-{c // 100}.{_CENTS[c % 100]}"
    return f"{c // 100}.{_CENTS[c % 100]}"


# The Single, Multiple, Exotic and Pool columns of a row.
F_SINGLE = ("true", "false", "false", "false")
F_MULTI = ("false", "true", "false", "false")
F_EXOTIC = ("false", "false", "true", "false")
F_POOL = ("false", "false", "false", "true")
F_CASH = ("false", "false", "false", "false")

# Expected return per dollar of stake when a bet settles normally (before voids and cash outs).
RTP_SPORT = 0.945
RTP_PROP = 0.91
RTP_RACE_WIN = 0.895
RTP_RACE_PLACE = 0.87
RTP_LEG = 0.94
RTP_SGM = 0.80
RTP_SRM = 0.76
RTP_EXOTIC = 0.80
RTP_POOL = 0.78
RTP_FUTURE = 0.84
