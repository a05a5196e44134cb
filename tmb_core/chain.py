"""The balance chain: previous Balance + Amount = Balance, in true order.

Rows are only known to the minute, so the chain is checked a minute at a time:
within a minute the rows can be in any order, and the minute as a whole must
start where the previous minute ended. A break means rows are missing between
two exports (or an amount is wrong); the size of the break is what is missing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .db import Connection


@dataclass(frozen=True, slots=True)
class Gap:
    after: str | None   # ISO time of the last row before the break
    before: str         # ISO time of the first row after it
    missing: float      # dollars that moved through the missing rows (signed)

    def as_dict(self) -> dict:
        return {"after": self.after, "before": self.before, "missing": self.missing}


def _minutes(conn: Connection):
    cols = conn.query("""
      SELECT strftime(time, '%Y-%m-%dT%H:%M:%S') AS t, amount_cents, balance_cents
      FROM transactions ORDER BY time, rank, length(tx_id), tx_id""")
    group: list[tuple[int, int | None]] = []
    current = None
    for t, amount, balance in zip(cols["t"], cols["amount_cents"], cols["balance_cents"]):
        if t != current and group:
            yield current, group
            group = []
        current = t
        group.append((int(amount), None if balance is None else int(balance)))
    if group:
        yield current, group


def _single(counter: Counter) -> int | None:
    items = [k for k, n in counter.items() if n > 0]
    return items[0] if len(items) == 1 and counter[items[0]] == 1 else None


def gaps(conn: Connection) -> list[Gap]:
    """Breaks in the balance chain over every stored row, oldest first."""
    found: list[Gap] = []
    end = None          # balance after the previous minute, when known
    previous = None
    for minute, group in _minutes(conn):
        if any(b is None for _, b in group):
            end, previous = None, minute   # the chain cannot be followed through this minute
            continue
        before = Counter(b - a for a, b in group)
        after = Counter(b for _, b in group)
        start = _single(before - after)
        if start is None:
            start = group[0][1] - group[0][0]
        if end is not None and before[end] == 0:
            found.append(Gap(previous, minute, (start - end) / 100))
        elif end is not None:
            start = end
        closing = start + sum(a for a, _ in group)
        if after[closing] == 0:
            last = _single(after - before)
            actual = last if last is not None else group[-1][1]
            found.append(Gap(minute, minute, (actual - closing) / 100))
            closing = actual
        end, previous = closing, minute
    return found


def opening_and_closing(conn: Connection) -> tuple[float | None, float | None]:
    """Balance before the first stored row and after the last (None when unknown).

    Read like the chain: within the first (last) minute the rows may be stored in any
    order, so the opening is the one balance-before that no row of that minute ends
    with (the closing, the one balance-after that no row of it starts from).
    """
    cols = conn.query("""
      WITH b AS (SELECT * FROM transactions WHERE balance_cents IS NOT NULL)
      SELECT time = (SELECT min(time) FROM b) AS first, time = (SELECT max(time) FROM b) AS last,
             amount_cents, balance_cents
      FROM b WHERE time = (SELECT min(time) FROM b) OR time = (SELECT max(time) FROM b)
      ORDER BY time, rank, length(tx_id), tx_id""")
    rows = list(zip(cols["first"], cols["last"], cols["amount_cents"], cols["balance_cents"]))
    if not rows:
        return None, None
    first = [(int(a), int(b)) for f, _, a, b in rows if f]
    last = [(int(a), int(b)) for _, l, a, b in rows if l]
    starts, ends = Counter(b - a for a, b in first), Counter(b for _, b in first)
    opening = _single(starts - ends)
    starts, ends = Counter(b - a for a, b in last), Counter(b for _, b in last)
    closing = _single(ends - starts)
    opening = first[0][1] - first[0][0] if opening is None else opening
    closing = last[-1][1] if closing is None else closing
    return opening / 100, closing / 100
