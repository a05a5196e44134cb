"""Time for the sample generator: minutes since the start day's midnight, the date
text of each day, and the pace of the punter's activity (sessions and nights off).
"""
from __future__ import annotations

import datetime as _dt
import math

HHMM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))  # minute of day -> "hh:mm"


def span_minutes(rows: int) -> float:
    """Target wall-clock span before nights off stretch it (to ~3-4 months for 1,000 rows,
    ~5-6 years for 100,000, ~20 years for 1,000,000)."""
    return 1.8 * max(rows, 1) ** 0.582 * 1440


class Calendar:
    """The "dd/mm/yyyy" text of each day since `day0`, made as first asked for."""

    __slots__ = ("day0", "texts")

    def __init__(self, day0: _dt.date):
        self.day0 = day0
        self.texts: list[str] = []  # index: days since day0

    def text(self, day: int) -> str:
        texts = self.texts
        while len(texts) <= day:
            d = self.day0 + _dt.timedelta(days=len(texts))
            texts.append(f"{d.day:02d}/{d.month:02d}/{d.year:04d}")
        return texts[day]


def _in_the_night(t: int) -> bool:
    return 60 <= t % 1440 < 480  # 1am to 8am


class Pace:
    """When the punter acts next: bursts of activity in sessions, with gaps between them."""

    __slots__ = ("r", "p_session", "in_session", "session_gap")

    def __init__(self, r, rows: int):
        self.r = r
        # Mean minutes between new activities (bets and cash movements), from the target span.
        per_activity = span_minutes(rows) / max(rows, 1) * 1.3
        heavy = per_activity < 20  # heavier punters chain more bets per session
        self.p_session = 0.88 if heavy else 0.7
        self.in_session = 2.0 if heavy else 3.0
        gap = (per_activity - self.p_session * self.in_session) / (1 - self.p_session) - 30.0
        self.session_gap = max(5.0, gap)

    def _morning(self, t: int) -> int:
        """A time a little after 8am on the day of `t`, a night-time minute."""
        return t + 480 - t % 1440 + int(self.r() * 300)

    def first(self, m0: int) -> int:
        """The minute of the first activity: within two hours of `m0`, or the next morning."""
        m = m0 + int(self.r() * 120)
        return self._morning(m) if _in_the_night(m) else m

    def next_time(self, m: int) -> int:
        r = self.r
        if r() < self.p_session:  # same session: same minute or a few minutes later
            return m + int(-self.in_session * math.log(1.0 - r()))
        t = m + 30 + int(-self.session_gap * math.log(1.0 - r()))
        if _in_the_night(t) and r() < 0.92:  # asleep: resume in the morning
            t = self._morning(t)
        return t
