"""How a bet ends: the result rows a ticket will get, and when.

Most losing bets get no result row at all (as on the real site); a few get a
``Lose`` row for 0.00. Some bets are voided, and some are cashed out, in full or
in parts, before they are decided.
"""
from __future__ import annotations

from .bets import Ticket
from .prices import RTP_RACE_PLACE, place_price

Outcome = tuple[int, str, int]  # (minute, row Type, cents paid back)


def cash_value(r, s: int, p: int, rtp: float) -> int:
    """Cash out offer: the bet's expected worth with a spread, less the bookmaker's cut."""
    x = rtp * 0.92 * (0.15 + 1.7 * r())
    return max(1, min(int(s * x + 0.5), s * p * 95 // 10000))


def _ridden_out(r, s: int, p: int, rtp: float, ts: int) -> list[Outcome]:
    """A bet of `s` cents at price `p` left to run: a win, sometimes a 0.00 loss, else nothing."""
    if r() < rtp * 100 / p:
        return [(ts, "Win", (s * p + 50) // 100)]
    if r() < 0.015:
        return [(ts, "Lose", 0)]
    return []


def outcomes(t: Ticket, m: int, r) -> list[Outcome]:
    """The result rows of `t`, placed at minute `m`, in the order they are to be queued."""
    ts = m + max(1, t.delay)
    v = r()
    if v < t.void_p:
        return [(ts, "Void", 2 * t.stake if t.each_way else t.stake)]
    if t.each_way:
        return _each_way(r, t, ts)
    if t.cashout_ok and v < t.void_p + 0.065:
        return _cashed_out(r, t, m, ts)
    return _ridden_out(r, t.stake, t.price, t.rtp, ts)


def _each_way(r, t: Ticket, ts: int) -> list[Outcome]:
    """Win and place halves: both paid when the runner wins, the place half when it places."""
    s, p = t.stake, t.price
    pp = place_price(p)
    q_win = t.rtp * 100 / p
    q_place = max(q_win, RTP_RACE_PLACE * 100 / pp)
    w = r()
    if w < q_win:
        return [(ts, "Win", (s * p + 50) // 100 + (s * pp + 50) // 100)]
    if w < q_place:
        return [(ts, "Win", (s * pp + 50) // 100)]
    if r() < 0.015:
        return [(ts, "Lose", 0)]
    return []


def _cashed_out(r, t: Ticket, m: int, ts: int) -> list[Outcome]:
    """Cashed out at some point before the end: all at once, or in one or two parts first."""
    s, p, rtp = t.stake, t.price, t.rtp
    tc = m + 1 + int(r() * (ts - m - 1))
    if r() >= 0.3:
        return [(tc, "Cashed Out", cash_value(r, s, p, rtp))]
    part = s * (25, 50, 50, 75)[int(r() * 4)] // 100
    events = [(tc, "Partial Cash Out", cash_value(r, part, p, rtp))]
    rest = s - part
    tc2 = tc + int(r() * (ts - tc))
    w = r()
    if w < 0.12:
        part2 = rest // 2
        events.append((tc2, "Partial Cash Out", cash_value(r, part2, p, rtp)))
        rest -= part2
        w = r()
    if w < 0.3:
        t_last = tc2 + int(r() * (ts - tc2))
        events.append((t_last, "Cashed Out", cash_value(r, rest, p, rtp)))
        return events
    return events + _ridden_out(r, rest, p, rtp, ts)
