"""The balance chain: previous Balance + Amount = Balance, in true order.

Rows are only known to the minute, so the chain is checked a minute at a time:
within a minute the rows can be in any order, and the minute as a whole must
start where the previous minute ended. A break means rows are missing between
two exports (or an amount is wrong); the size of the break is what is missing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..sql import Connection


@dataclass(frozen=True, slots=True)
class Gap:
    after: str | None   # ISO time of the last row before the break
    before: str         # ISO time of the first row after it
    missing: float      # dollars that moved through the missing rows (signed)

    def as_dict(self) -> dict:
        return {"after": self.after, "before": self.before, "missing": self.missing}


# Each minute read on its own, set-based: the balance it starts from (`s0`: the one
# balance-before that no row of the minute ends with, else its first row's), where its rows
# take it (`raw` = s0 + their amounts) and, when no row ends there, where they end instead
# (`actual`). `prev_end` is the previous minute's closing read the same way (None after a
# minute with a blank balance) and `nb_end` how many of this minute's rows start from it.
_MINUTES_SQL = """
WITH r AS (
  SELECT time AS m, amount_cents AS a, balance_cents AS b, {'rank': rank, 'n': length(tx_id), 'id': tx_id} AS o
  FROM transactions),
v AS (
  SELECT m, v, CAST(sum(nb) AS BIGINT) AS nb, CAST(sum(na) AS BIGINT) AS na FROM (
    SELECT m, b - a AS v, 1 AS nb, 0 AS na FROM r WHERE b IS NOT NULL
    UNION ALL SELECT m, b, 0, 1 FROM r WHERE b IS NOT NULL) GROUP BY m, v),
d AS (
  SELECT m, CASE WHEN sum(greatest(nb - na, 0)) = 1 THEN max(v) FILTER (WHERE nb > na) END AS s1,
            CASE WHEN sum(greatest(na - nb, 0)) = 1 THEN max(v) FILTER (WHERE na > nb) END AS e1
  FROM v GROUP BY m),
g AS (
  SELECT m, bool_or(b IS NULL) AS open, CAST(sum(a) AS BIGINT) AS total,
         arg_min(b - a, o) AS f, arg_max(b, o) AS l
  FROM r GROUP BY m),
o AS (
  SELECT g.m, g.open, coalesce(d.s1, g.f) AS s0, coalesce(d.s1, g.f) + g.total AS raw,
         coalesce(d.e1, g.l) AS actual
  FROM g LEFT JOIN d USING (m)),
c AS (
  SELECT o.*, coalesce(v.na, 0) > 0 AS ends_right,
         CASE WHEN coalesce(v.na, 0) > 0 THEN raw ELSE actual END AS close
  FROM o LEFT JOIN v ON v.m = o.m AND v.v = o.raw),
p AS (
  SELECT *, lag(m) OVER w AS prev_m, CASE WHEN NOT lag(open) OVER w THEN lag(close) OVER w END AS prev_end
  FROM c WINDOW w AS (ORDER BY m))
SELECT strftime(p.m, '%Y-%m-%dT%H:%M:%S') AS m, strftime(p.prev_m, '%Y-%m-%dT%H:%M:%S') AS prev_m,
       p.s0, p.raw, p.actual, p.ends_right, p.prev_end, coalesce(v.nb, 0) AS nb_end
FROM p LEFT JOIN v ON v.m = p.m AND v.v = p.prev_end
WHERE NOT p.open AND (NOT p.ends_right OR (p.prev_end IS NOT NULL AND p.prev_end <> p.s0))
ORDER BY p.m
"""


def gaps(conn: Connection) -> list[Gap]:
    """Breaks in the balance chain over every stored row, oldest first.

    Minutes are read on their own in SQL. That is exact unless a minute's rows also start
    from the balance the previous minute ended on while its own start is another: then the
    chain is walked row by row (`walk`), as rows shuffled within a minute can require."""
    cols = conn.query(_MINUTES_SQL)
    found: list[Gap] = []
    names = ("m", "prev_m", "s0", "raw", "actual", "ends_right", "prev_end", "nb_end")
    for m, prev_m, s0, raw, actual, ends_right, prev_end, nb_end in zip(*(cols[n] for n in names)):
        if prev_end is not None and prev_end != s0:
            if nb_end:
                return walk(conn)
            found.append(Gap(prev_m, m, (int(s0) - int(prev_end)) / 100))
        if not ends_right:
            found.append(Gap(m, m, (int(actual) - int(raw)) / 100))
    return found


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


def walk(conn: Connection) -> list[Gap]:
    """The breaks found by following the chain row by row, minute after minute (the reference)."""
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
