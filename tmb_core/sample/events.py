"""Events and selections, written as the export's Summary text: race meetings,
runners, fixtures and the markets on them.

Every method draws from the generator's random stream; the order of the draws
is part of the output, so a seed always gives the same text.
"""
from __future__ import annotations

from . import names as N
from .clock import HHMM
from .competitions import SINGLE_COMPS, Comp
from .prices import P_DRAW, P_FUTURE, P_LEG, P_PROP, P_SCORER, P_SPORT, RTP_FUTURE, RTP_PROP, RTP_SPORT

GALLOPS, HARNESS, GREYHOUNDS = 0, 1, 2  # race codes


def win_or_place(event: str, num: int, name: str, price: str, how: str = "Win") -> str:
    """A racing single's Summary; `how` is Win, Place or Each Way."""
    return f"{event}\n Win or Place\n{num}. {name} @ {price} ({how})"


def _timed(track: str, tj: int) -> str:
    return f"{track} - {HHMM[tj % 1440]}"  # a race named by its start time


class Events:
    """Summary text drawn from `rng`; `calendar` gives the year of futures markets."""

    def __init__(self, rng, calendar):
        self.rng = rng
        self.r = rng.random
        self.calendar = calendar

    # -- racing ---------------------------------------------------------------
    def race_event(self, tj: int) -> tuple[str, int, int]:
        """(event line, code, field size) of a race starting at minute `tj`."""
        r = self.r
        u = r()
        rn = 1 + int(r() * 10)
        timed = r() < 0.15
        if u < 0.55:
            return self._gallop(tj, rn, timed)
        if u < 0.70:
            return self._harness(tj, rn, timed)
        return self._greyhound(tj, rn, timed)

    def _gallop(self, tj: int, rn: int, timed: bool) -> tuple[str, int, int]:
        rng, r = self.rng, self.r
        if r() < 0.02:
            track, rn, name = rng.choice(N.FEATURES)
            return f"{track} - R{rn} {name}", GALLOPS, 14
        track = rng.choice(N.GALLOP_TRACKS)
        field = 6 + int(r() * 11)
        if timed:
            return _timed(track, tj), GALLOPS, field
        if r() < 0.06:
            return f"{track} - R{rn} {rng.choice(N.GALLOP_SPONSORS)} {track} Cup", GALLOPS, field
        name = f"{rng.choice(N.GALLOP_SPONSORS)} {rng.choice(N.GALLOP_CLASSES)}"
        return f"{track} - R{rn} {name}", GALLOPS, field

    def _harness(self, tj: int, rn: int, timed: bool) -> tuple[str, int, int]:
        rng = self.rng
        track = rng.choice(N.HARNESS_TRACKS)
        field = 6 + int(self.r() * 7)
        if timed:
            return _timed(track, tj), HARNESS, field
        name = f"{rng.choice(N.HARNESS_NAMES)} {rng.choice(N.HARNESS_KINDS)}"
        if self.r() < 0.3:
            name += f" ({rng.choice(N.HARNESS_DISTANCES)}m)"
        return f"{track} - R{rn} {name}", HARNESS, field

    def _greyhound(self, tj: int, rn: int, timed: bool) -> tuple[str, int, int]:
        track, dists = self.rng.choice(N.DOG_TRACKS)
        if timed:
            return _timed(track, tj), GREYHOUNDS, 8
        grade = self.rng.choice(N.DOG_GRADES)
        return f"{track} - R{rn} {grade} ({dists[int(self.r() * 2)]}m)", GREYHOUNDS, 8

    def runner(self, code: int, field: int) -> tuple[int, str]:
        """(saddlecloth number, name) of a runner in a field of `field`."""
        num = 1 + int(self.r() * field)
        return num, self.rng.choice(N.DOG_NAMES if code == GREYHOUNDS else N.HORSES)

    def race_runner(self, tj: int) -> tuple[str, int, int, str]:
        """(event line, field size, number, name): a race and one runner in it."""
        event, code, field = self.race_event(tj)
        num, name = self.runner(code, field)
        return event, field, num, name

    # -- sport ----------------------------------------------------------------
    def fixture(self, comp: Comp) -> tuple[str, str, str]:
        """(event line, home team, away team): two different teams of `comp`."""
        teams = comp.teams
        n = len(teams)
        r = self.r
        i = int(r() * n)
        j = int(r() * (n - 1))
        if j >= i:
            j += 1
        a, b = teams[i], teams[j]
        return f"{a}{comp.sep}{b}", a, b

    def sport_single(self, comp: Comp) -> tuple[str, int, float]:
        """(summary, price, rtp) of a team-market single."""
        r = self.r
        event, a, b = self.fixture(comp)
        side = a if r() < 0.5 else b
        u = r()
        if comp.soccer:
            if u < 0.6:
                return self._three_way(event, side)
            if u < 0.8:
                return self._both_score(event)
        elif u < 0.8:
            if u < 0.6 or comp.line is None:
                p, ps = P_SPORT[int(r() * 2048)]
                return f"{event}\n Head To Head\n{side} @ {ps} (Win)", p, RTP_SPORT
            return self._line(comp, event, side)
        market, lo, hi = comp.total
        n, p, ps, ou = self._over_under(lo, hi, 0.6)
        return f"{event}\n {market}\n{ou} ({n}.5) @ {ps} (Win)", p, RTP_SPORT

    def _three_way(self, event: str, side: str) -> tuple[str, int, float]:
        r = self.r
        pick, table = ("Draw", P_DRAW) if r() < 0.2 else (side, P_SPORT)
        p, ps = table[int(r() * 2048)]
        return f"{event}\n Win-Draw-Win\n{pick} @ {ps} (Win)", p, RTP_SPORT

    def _both_score(self, event: str) -> tuple[str, int, float]:
        r = self.r
        p, ps = P_PROP[int(r() * 2048)]
        return f"{event}\n Both Teams To Score\n{'Yes' if r() < 0.6 else 'No'} @ {ps} (Win)", p, RTP_SPORT

    def _line(self, comp: Comp, event: str, side: str) -> tuple[str, int, float]:
        r = self.r
        lo, hi = comp.line
        n = lo + int(r() * (hi - lo))
        p, ps = P_PROP[int(r() * 2048)]
        sign = "-" if r() < 0.5 else "+"
        return f"{event}\n Line\n{side} {sign}{n}.5 @ {ps} (Win)", p, RTP_SPORT

    def _over_under(self, lo: int, hi: int, p_over: float) -> tuple[int, int, str, str]:
        """(line, price, price text, "Over" or "Under") for a line from lo.5 to hi.5."""
        r = self.r
        n = lo + int(r() * (hi - lo + 1))
        p, ps = P_PROP[int(r() * 2048)]
        return n, p, ps, "Over" if r() < p_over else "Under"

    def player_single(self, comp: Comp) -> tuple[str, int, float]:
        """(summary, price, rtp) of a player market: a scorer, or a stat over or under a line."""
        r = self.r
        event, a, b = self.fixture(comp)
        players = comp.players[a] + comp.players[b]
        role, market, lo, hi = comp.props[int(r() * len(comp.props))]
        if role:
            cands = [p for p, rl in players if rl == role] or [players[0][0]]
        else:
            cands = [p for p, _ in players]
        player = cands[int(r() * len(cands))]
        if lo is None:
            p, ps = P_SCORER[int(r() * 2048)]
            return f"{event}\n {market}\n{player} @ {ps} (Win)", p, RTP_PROP
        n, p, ps, ou = self._over_under(lo, hi, 0.7)
        return f"{event}\n {player} - {market}\n {player} {ou} ({n}.5) @ {ps} (Win)", p, RTP_PROP

    def future_single(self, comp: Comp, m: int) -> tuple[str, int, float]:
        """(summary, price, rtp) of a bet on this year's winner of `comp`."""
        r = self.r
        year = self.calendar.text(m // 1440)[-4:]
        template, market = comp.future
        team = comp.teams[int(r() * len(comp.teams))]
        p, ps = P_FUTURE[int(r() * 2048)]
        return f"{template.format(y=year)}\n {market}\n{team} @ {ps} (Win)", p, RTP_FUTURE

    # -- multis -----------------------------------------------------------------
    def multi_leg(self) -> tuple[str, int]:
        """(summary block, price) of one leg of a multi: a runner to win, or a team."""
        r = self.r
        p, ps = P_LEG[int(r() * 2048)]
        if r() < 0.25:
            event, _, num, name = self.race_runner(int(r() * 1440))
            return win_or_place(event, num, name, ps), p
        comp = SINGLE_COMPS[int(r() * len(SINGLE_COMPS))]
        event, a, b = self.fixture(comp)
        side = a if r() < 0.6 else b
        market = "Win-Draw-Win" if comp.soccer else "Head To Head"
        return f"{event}\n {market}\n{side} @ {ps} (Win)", p

    def sgm_legs(self, comp: Comp, n: int) -> tuple[list[str], int]:
        """(summary lines, price) of a Same Game Multi of up to `n` legs."""
        r = self.r
        event, a, b = self.fixture(comp)
        players = comp.players[a] + comp.players[b]
        lines = [event, " Same Game Multi"]
        price = 1.0
        used: set[str] = set()
        if r() < 0.75:
            p, ps = P_LEG[int(r() * 2048)]
            lines.append(f"{a if r() < 0.6 else b} To Win @ {ps}")
            price *= p / 100
        for _ in range(3 * n):
            if len(lines) >= n + 2:
                break
            leg = self._player_leg(comp, players, used)
            if leg is not None:
                lines.append(leg[0])
                price *= leg[1] / 100
        return lines, max(120, int(price * 100 + 0.5))

    def _player_leg(self, comp: Comp, players, used: set[str]) -> tuple[str, int] | None:
        """A player leg for a Same Game Multi, with a player not in `used` (None if none fits)."""
        r = self.r
        role, template, lo, hi = comp.sgm[int(r() * len(comp.sgm))]
        cands = [p for p, rl in players if (not role or rl == role) and p not in used]
        if not cands:
            return None
        player = cands[int(r() * len(cands))]
        used.add(player)
        k = lo + int(r() * (hi - lo + 1))
        if lo >= 10:
            k = 5 * (k // 5) or lo
        p, ps = P_LEG[int(r() * 2048)]
        return f"{template.format(p=player, n=k)} @ {ps}", p
