"""New bets: what the punter backs, for how much, and when it will be decided.

`BetMaker.new_ticket` picks a kind of bet, weighted as a typical punter's mix,
and fills in a `Ticket`; `settle.outcomes` decides how the ticket ends.
"""
from __future__ import annotations

import math
from bisect import bisect_right

from .competitions import FUTURE_COMPS, PROP_COMPS, SGM_COMPS, SINGLE_COMPS
from .events import Events, win_or_place
from .names import EXOTICS, POOLS
from .prices import (
    F_EXOTIC,
    F_MULTI,
    F_POOL,
    F_SINGLE,
    P_RACE,
    P_SRM,
    RTP_EXOTIC,
    RTP_LEG,
    RTP_POOL,
    RTP_RACE_PLACE,
    RTP_RACE_WIN,
    RTP_SGM,
    RTP_SRM,
    place_price,
    pstr,
)


class Ticket:
    """A bet as placed: its Summary, price (hundredths), expected return per dollar
    (`rtp`), stake in cents (per part for Each Way, which stakes twice), minutes until
    it is decided, the row flags, and how it may end (voided, cashed out)."""

    __slots__ = ("summary", "price", "rtp", "stake", "delay", "flags", "cashout_ok", "void_p", "each_way")

    def __init__(self, summary, price, rtp, stake, delay, flags, cashout_ok=True, void_p=0.012,
                 each_way=False):
        self.summary = summary
        self.price = price
        self.rtp = rtp
        self.stake = stake
        self.delay = delay
        self.flags = flags
        self.cashout_ok = cashout_ok
        self.void_p = void_p
        self.each_way = each_way


def _tote_price(r, lo: float, hi: float) -> int:
    """A dividend (hundredths per dollar) spread evenly on a log scale from lo to hi."""
    return int(math.exp(math.log(lo) + r() * math.log(hi / lo)) * 100)


class BetMaker(Events):
    """Bet kinds for a punter whose typical stake is `unit` cents."""

    def __init__(self, rng, calendar, unit: int):
        super().__init__(rng, calendar)
        self.unit = unit

    def stake(self, scale: float) -> int:
        """Cents staked: a multiple of the unit (times `scale`), now and then an odd amount."""
        r = self.r
        if r() < 0.04:  # odd "bet to win" amounts
            return max(100, int(r() * self.unit * 3 * scale))
        mult = (0.5, 1, 1, 1, 1, 1.5, 2, 2, 3, 5, 10)[int(r() * 11)]
        return max(100, int(self.unit * mult * scale / 100 + 0.5) * 100)

    def new_ticket(self, m: int) -> Ticket:
        """A new bet placed at minute `m`, its kind drawn from the punter's mix."""
        return _KINDS[bisect_right(_SHARES, self.r())](self, m)

    def _race_soon(self, m: int) -> tuple[int, str, int, int]:
        """(start minute, event line, code, field size) of a race within two hours of `m`."""
        r = self.r
        tj = m + 2 + int(r() * r() * 120)
        return (tj,) + self.race_event(tj)

    def racing_single(self, m: int) -> Ticket:
        r = self.r
        tj, event, code, field = self._race_soon(m)
        num, name = self.runner(code, field)
        p, ps = P_RACE[int(r() * 2048)]
        v = r()
        s = self.stake(1.0)
        delay = tj - m + 2 + int(r() * 5)
        how, rtp, each_way = "Win", RTP_RACE_WIN, False
        if v < 0.74 or field < 8:
            pass
        elif v < 0.87:
            p = place_price(p)
            ps, how, rtp = pstr(p), "Place", RTP_RACE_PLACE
        else:
            how, each_way = "Each Way", True
            s = max(100, (s // 200) * 100)
        return Ticket(win_or_place(event, num, name, ps, how), p, rtp, s, delay, F_SINGLE,
                      cashout_ok=False, void_p=0.02, each_way=each_way)  # voids: scratchings

    def team_single(self, m: int) -> Ticket:
        r = self.r
        summary, p, rtp = self.sport_single(SINGLE_COMPS[int(r() * len(SINGLE_COMPS))])
        s = self.stake(1.0)
        return Ticket(summary, p, rtp, s, 60 + int(r() * r() * 4000) + 120, F_SINGLE)

    def player_prop(self, m: int) -> Ticket:
        r = self.r
        summary, p, rtp = self.player_single(PROP_COMPS[int(r() * len(PROP_COMPS))])
        s = self.stake(0.5)
        return Ticket(summary, p, rtp, s, 60 + int(r() * r() * 3000) + 150, F_SINGLE)

    def futures_bet(self, m: int) -> Ticket:
        r = self.r
        summary, p, rtp = self.future_single(FUTURE_COMPS[int(r() * len(FUTURE_COMPS))], m)
        s = self.stake(1.0)
        return Ticket(summary, p, rtp, s, 14 * 1440 + int(r() * 180 * 1440), F_SINGLE)

    def multi(self, m: int) -> Ticket:
        r = self.r
        k = (2, 2, 3, 3, 3, 4, 4, 5, 6)[int(r() * 9)]
        blocks, price, rtp = [], 1.0, 1.0
        for _ in range(k):
            text, leg_price = self.multi_leg()
            blocks.append(text)
            price *= leg_price / 100
            rtp *= RTP_LEG
        p = int(price * 100 + 0.5)
        layout = r()
        if layout < 0.6:
            summary = "\n\n".join(blocks)
        elif layout < 0.85:
            summary = f"{k} Leg Multi @ {pstr(p)}\n\n" + "\n\n".join(blocks)
        else:
            summary = "\n".join(blocks)
        s = self.stake(0.4)
        return Ticket(summary, p, rtp, s, 90 + int(r() * 4 * 1440), F_MULTI, void_p=0.008)

    def same_game_multi(self, m: int) -> Ticket:
        r = self.r
        comp = SGM_COMPS[int(r() * len(SGM_COMPS))]
        lines, p = self.sgm_legs(comp, 2 + int(r() * 4))
        s = self.stake(0.4)
        return Ticket("\n".join(lines), p, RTP_SGM, s, 60 + int(r() * r() * 3000) + 150, F_MULTI)

    def same_race_multi(self, m: int) -> Ticket:
        r = self.r
        tj, event, code, field = self._race_soon(m)
        legs = ("To Win", "Top 2", "Top 3", "Top 4", "Top 4")
        picked = self.rng.sample(range(1, max(field, 5) + 1), 2 + int(r() * 3))
        lines = [event, " Same Race Multi"]
        for i, num in enumerate(picked):
            lines.append(f"{num}. {self.runner(code, field)[1]} {legs[min(i + int(r() * 2), 4)]}")
        p = P_SRM[int(r() * 2048)][0]
        s = self.stake(0.4)
        return Ticket("\n".join(lines), p, RTP_SRM, s, tj - m + 3 + int(r() * 5), F_MULTI,
                      cashout_ok=False, void_p=0.01)

    def exotic(self, m: int) -> Ticket:
        r = self.r
        tj, event, code, field = self._race_soon(m)
        label, k, boxed, lo, hi = EXOTICS[int(r() * len(EXOTICS))]
        nums = self.rng.sample(range(1, max(field, k) + 1), k)
        if boxed:
            nums.sort()
        summary = f"{event}\n  {label} ({', '.join(map(str, nums))})"
        p = _tote_price(r, lo, hi)
        s = (100, 200, 300, 500, 500, 1000, 1000, 1200, 2000)[int(r() * 9)]
        return Ticket(summary, p, RTP_EXOTIC, s, tj - m + 3 + int(r() * 5), F_EXOTIC,
                      cashout_ok=False, void_p=0.005)

    def tote_pool(self, m: int) -> Ticket:
        r = self.r
        label, k, lo, hi = POOLS[int(r() * len(POOLS))]
        event, code, field = self.race_event(m + 30)
        sample = self.rng.sample
        legs = " / ".join(", ".join(map(str, sorted(sample(range(1, field + 1), 1 + int(r() * 3)))))
                          for _ in range(k))
        heading = f"{event.partition(' - ')[0]} - {label}" if r() < 0.5 else event
        p = _tote_price(r, lo, hi)
        s = (1000, 1500, 2000, 2000, 3000, 5000)[int(r() * 6)]
        return Ticket(f"{heading}\n  {label} ({legs})", p, RTP_POOL, s, 60 + int(r() * 180), F_POOL,
                      cashout_ok=False, void_p=0.003)


# The punter's mix: a draw below _SHARES[0] is a racing single, then up to _SHARES[1] a team single...
_SHARES = (0.36, 0.58, 0.66, 0.675, 0.795, 0.885, 0.915, 0.98)
_KINDS = (BetMaker.racing_single, BetMaker.team_single, BetMaker.player_prop, BetMaker.futures_bet,
          BetMaker.multi, BetMaker.same_game_multi, BetMaker.same_race_multi, BetMaker.exotic,
          BetMaker.tote_pool)
