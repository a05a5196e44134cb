"""The simulated punter: a seeded profile and the loop that turns its activity
into export rows, oldest first.

Each step is either a queued result coming due (a bet's win, void or cash out,
or a returned withdrawal) or a new activity: mostly a bet, sometimes a cash
movement. The punter deposits whenever the balance cannot cover the next stake.
"""
from __future__ import annotations

import datetime as _dt
import heapq
import random

from .account import Account
from .bets import BetMaker
from .clock import Calendar, Pace
from .competitions import SINGLE_COMPS
from .events import win_or_place
from .names import ADJUSTMENTS, DEPOSIT_METHODS, MATES_GROUPS
from .prices import F_CASH, F_SINGLE, P_RACE, RTP_RACE_WIN
from .settle import outcomes

_BONUS_AMOUNTS = (500, 1000, 1000, 2000, 2000, 2500, 5000)


class Punter(BetMaker):
    """Writes exactly `rows` records for one punter, from `rng`, starting at `start`."""

    def __init__(self, rng: random.Random, rows: int, start: _dt.datetime):
        unit = rng.choice((500, 1000, 1000, 2000, 2000, 2500, 5000))  # typical stake, cents
        super().__init__(rng, Calendar(_dt.date(start.year, start.month, start.day)), unit)
        self.rows = rows
        self.m0 = start.hour * 60 + start.minute
        methods = rng.sample(DEPOSIT_METHODS, 2)
        self.deposit_summaries = (f"Deposit - {methods[0]}",) * 3 + (f"Deposit - {methods[1]}",)
        acct = f"{int(self.r() * 9000) + 1000}"
        self.withdraw_summary = f"Withdrawal - Bank Account ****{acct}"
        self.returned_summary = f"Returned Withdrawal - Bank Account ****{acct}"
        self.group = rng.choice(MATES_GROUPS)
        self.pace = Pace(self.r, rows)
        self.withdraw_above = max(15_000, 12 * unit)  # balance (cents) that tempts a withdrawal
        self.queue: list[tuple] = []  # (minute, seq, Type, Summary, Bet Id, cents, flags), a heap
        self.seq = 0

    # -- the main loop --------------------------------------------------------
    def run(self) -> list[dict]:
        rows = self.rows
        if rows == 0:
            return []
        m = self._open_account()
        records = self.account.records
        queue, r, next_time = self.queue, self.r, self.pace.next_time
        tail = min(3, rows // 10)  # the last rows are always new stakes: the file ends with open bets
        while len(records) < rows:
            remaining = rows - len(records)
            if remaining <= tail:
                self.place_bet(m, remaining)
            elif queue and queue[0][0] <= m:
                self._write_due()
                continue
            else:
                u = r()
                if u < 0.06:
                    self._other_activity(u, m, remaining)
                else:
                    self.place_bet(m, remaining)
            m = next_time(m)
        return records

    def _open_account(self) -> int:
        """Set up the account and write its opening deposit; returns that deposit's minute."""
        r = self.r
        self.account = Account(r, self.calendar, 45_000_000_000 + int(r() * 4_000_000_000), self.m0)
        self.emit = self.account.emit
        self.bid = 1_600_000_000 + int(r() * 400_000_000)
        self.last_bet_m = self.m0
        m = self.pace.first(self.m0)
        self.deposit(m, 0)
        return m

    def _write_due(self) -> None:
        """Write the earliest queued row (at the latest row's minute if it is due earlier)."""
        t, _, typ, summary, bet_id, cents, flags = heapq.heappop(self.queue)
        last = self.account.last_m
        self.emit(t if t > last else last, typ, summary, bet_id, cents, flags)

    def _queue(self, t: int, typ: str, summary: str, bet_id: str, cents: int, flags: tuple) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (t, self.seq, typ, summary, bet_id, cents, flags))

    def _other_activity(self, u: float, m: int, remaining: int) -> None:
        """What a draw `u` below 0.06 at minute `m` means: a bonus bet, a cash movement,
        or (when the balance does not call for a deposit or a withdrawal) a bet after all."""
        bal = self.account.balance
        if u < 0.012:
            self._bonus_bet(m)
        elif u < 0.0155:
            self._adjustment(m, bal)
        elif u < 0.0195:
            self._bet_with_mates(m, bal)
        elif u < 0.0295 and bal < 10 * self.unit:
            self.deposit(m, 0)  # topping up before a session
        elif u < 0.06 and bal >= self.withdraw_above:
            self._withdraw(m, bal)
        else:
            self.place_bet(m, remaining)

    # -- bets -------------------------------------------------------------------
    def _new_bet_id(self, m: int) -> str:
        """The next Bet Id: they rise with every bet, faster as time passes."""
        self.bid += 1 + int(self.r() * 800) + (m - self.last_bet_m) * 300
        self.last_bet_m = m
        return str(self.bid)

    def place_bet(self, m: int, remaining: int) -> None:
        """Write a new bet's stake row(s), after a deposit if the balance is short, and queue
        its result rows. When the rows left cannot hold all that, only the deposit is written."""
        ticket = self.new_ticket(m)
        s, each_way = ticket.stake, ticket.each_way
        cash = 2 * s if each_way else s
        bal = self.account.balance
        if (2 if each_way else 1) + (bal < cash) > remaining:
            self.deposit(m, cash)
            return
        if bal < cash:
            self.deposit(m, cash - bal)
        bet_id = self._new_bet_id(m)
        summary, flags = ticket.summary, ticket.flags
        self.emit(m, "Bet Stake", summary, bet_id, -s, flags)
        if each_way:
            self.emit(m, "Bet Stake", summary, bet_id, -s, flags)
        for t, typ, cents in outcomes(ticket, m, self.r):
            self._queue(t, typ, summary, bet_id, cents, flags)

    def _bonus_bet(self, m: int) -> None:
        """A bet placed with promo credit: no stake row, and only a win shows (winnings only)."""
        r = self.r
        bet_id = self._new_bet_id(m)
        b = _BONUS_AMOUNTS[int(r() * 7)]
        if r() < 0.5:
            tj = m + 5 + int(r() * 60)
            event, _, num, name = self.race_runner(tj)
            p, ps = P_RACE[int(r() * 2048)]
            summary, q, ts = win_or_place(event, num, name, ps), RTP_RACE_WIN * 100 / p, tj + 3 + int(r() * 4)
        else:
            summary, p, rtp = self.sport_single(SINGLE_COMPS[int(r() * len(SINGLE_COMPS))])
            q, ts = rtp * 100 / p, m + 60 + int(r() * 2000)
        if r() < q:
            self._queue(ts, "Win", summary, bet_id, b * (p - 100) // 100, F_SINGLE)

    # -- cash -------------------------------------------------------------------
    def deposit(self, m: int, need: int) -> None:
        """A deposit of a round amount, at least `need` cents."""
        r = self.r
        amount = max(2000, self.unit * (2, 5, 5, 10, 10, 20)[int(r() * 6)])
        amount = (amount // 1000) * 1000 if amount < 10_000 else (amount // 5000) * 5000
        if amount < need:
            amount = ((need + 4999) // 5000) * 5000
        self.emit(m, "Deposit", self.deposit_summaries[int(r() * 4)], "", amount, F_CASH)

    def _withdraw(self, m: int, bal: int) -> None:
        """Take out part of a healthy balance; now and then the bank sends it back days later."""
        r = self.r
        amount = int(bal * (0.4 + 0.5 * r()) / 1000) * 1000
        self.emit(m, "Withdrawal", self.withdraw_summary, "", -amount, F_CASH)
        if r() < 0.15:
            back = m + 1440 + int(r() * 5 * 1440)
            self._queue(back, "Returned Withdrawal", self.returned_summary, "", amount, F_CASH)

    def _adjustment(self, m: int, bal: int) -> None:
        r = self.r
        cents = 50 + int(r() * 2450)
        if r() < 0.3 and bal >= cents:
            cents = -cents
        self.emit(m, "Manual Adjustment", ADJUSTMENTS[int(r() * len(ADJUSTMENTS))], "", cents, F_CASH)

    def _bet_with_mates(self, m: int, bal: int) -> None:
        r = self.r
        if r() < 0.5 and bal >= 2000:
            cents = -min(bal, (1000, 2000, 2500, 5000)[int(r() * 4)])
            summary = f"Bet With Mates - Contribution to {self.group}"
        else:
            cents = 500 + int(r() * 15000)
            summary = f"Bet With Mates - Payout from {self.group}"
        self.emit(m, "Bet with Mates", summary, "", cents, F_CASH)
