"""The account's rows: each money movement becomes one export record, with the
running balance and a rising transaction id."""
from __future__ import annotations

from .clock import HHMM, Calendar
from .prices import money


class Account:
    """Writes records in time order. `balance` is in cents and starts at 0; `last_m`
    is the minute of the latest row (or the start, before the first)."""

    __slots__ = ("records", "balance", "tid", "last_m", "_r", "_dates", "_date_text")

    def __init__(self, r, calendar: Calendar, first_tid: int, m0: int):
        self.records: list[dict] = []
        self.balance = 0
        self.tid = first_tid
        self.last_m = m0
        self._r = r
        self._dates = calendar.texts  # filled in by calendar.text as days are reached
        self._date_text = calendar.text

    def emit(self, m: int, typ: str, summary: str, bet_id: str, cents: int, flags: tuple) -> None:
        """Append the row of `cents` moving at minute `m` (never earlier than `last_m`)."""
        bal = self.balance = self.balance + cents
        # Ids rise with every row, faster as time passes (other customers' rows in between).
        tid = self.tid = self.tid + 1 + int(self._r() * 1200) + (m - self.last_m) * 2400
        self.last_m = m
        day = m // 1440
        dates = self._dates
        ds = dates[day] if day < len(dates) else self._date_text(day)
        self.records.append({
            "Time (AEST)": f"{ds} {HHMM[m % 1440]}",
            "Type": typ,
            "Summary": summary,
            "Transaction Id": str(tid),
            "Bet Id": bet_id,
            "Amount": money(cents),
            "Balance": money(bal),
            "Single": flags[0],
            "Multiple": flags[1],
            "Exotic": flags[2],
            "Pool": flags[3],
        })
