"""A share's amounts scaled so that the turnover is 100 (store/share.py): the patterns
without the sums.

Money is whole cents, so a turnover of 100 has 10,000 of them to share out, and every scaled
amount is rounded. With many bets that is too few: 67,000 bets in 10,000 cents would each be
staked a cent or two and the ROI would come out at -42% for -12%. The turnover is therefore
100, or the first power of ten above it at which the stakes are 5 cents each on average
(more than 2,000 stakes: 1,000; more than 20,000: 10,000 ...); the ROI is then within 0.002
of the account's (measured on generated exports of 1,500 to 100,000 rows).
The amounts are rounded so that what the figures count comes out the same:
- the stakes are shared out by largest remainder: they add up to exactly the turnover;
- every other amount is its share of those, rounded to the cent;
- an amount that was not zero stays a cent at least, of its sign: a stake never becomes a
  bonus bet's nothing, a return never vanishes;
- each bet keeps the sign of its profit (more back than staked, as much, or less): where
  rounding changed it, its returns take the difference, never its stakes;
- the balances are not rounded one by one (each would then jump against the amount beside
  it): each is the one before it plus its scaled amount, in the order the account's rows
  follow each other within their minute; where the account's chain breaks, the share's
  breaks too, by the break scaled (a cent at least).
Sums (ROI, shares of turnover) come out within that rounding.
"""
from __future__ import annotations

from collections import Counter

#: The turnover of a scaled share, in cents, unless there are many stakes (`turnover`).
TURNOVER = 10_000
#: The fewest cents a stake is given on average: more stakes make the turnover ten times larger.
AVERAGE_STAKE = 5


def turnover(stakes: int) -> int:
    """The scaled share's turnover in cents: TURNOVER, or the first power of ten above it that
    gives `stakes` stakes AVERAGE_STAKE cents each on average."""
    cents = TURNOVER
    while stakes * AVERAGE_STAKE > cents:
        cents *= 10
    return cents


def scaled(rows: list[dict]) -> tuple[list[int], list[int | None], int] | None:
    """The scaled amount and balance of each row (`amount_cents`, `balance_cents`, `time`,
    `turnover`: a stake the turnover counts, `bet_id` and `in_bet`: a row its bet adds up),
    in stored order, and the turnover they add up to (cents); None when nothing was staked."""
    total = sum(-r["amount_cents"] for r in rows if r["turnover"])
    if total <= 0:
        return None
    to = turnover(sum(1 for r in rows if r["turnover"]))
    amounts = [_round(r["amount_cents"], total, to, at_least=1) for r in rows]
    _share_stakes(rows, amounts, total, to)
    _keep_profit_signs(rows, amounts)
    return amounts, _balances(rows, amounts, total, to), to


def _round(cents: int, total: int, to: int, at_least: int = 0) -> int:
    """`cents` scaled (to / total), rounded half away from zero; a non-zero amount is
    `at_least` cents of its sign."""
    if not cents:
        return 0
    size = max(at_least, (2 * abs(cents) * to + total) // (2 * total))
    return size if cents > 0 else -size


def _share_stakes(rows: list[dict], amounts: list[int], total: int, to: int) -> None:
    """The stakes the turnover counts, shared out so that they add up to `to` cents."""
    stakes = [i for i, r in enumerate(rows) if r["turnover"]]
    exact = {i: -rows[i]["amount_cents"] * to for i in stakes}
    size = {i: max(1, exact[i] // total) for i in stakes}
    left = to - sum(size.values())
    for i in sorted(stakes, key=lambda i: (-(exact[i] % total), i))[:max(left, 0)]:
        size[i] += 1
    while left < 0 and any(size[i] > 1 for i in stakes):
        for i in sorted((i for i in stakes if size[i] > 1), key=lambda i: (exact[i] % total, i))[:-left]:
            size[i] -= 1
        left = to - sum(size.values())
    for i in stakes:
        amounts[i] = -size[i]


def _sign(n: int) -> int:
    return (n > 0) - (n < 0)


def _keep_profit_signs(rows: list[dict], amounts: list[int]) -> None:
    """Each bet's profit of the sign it had: its returns (the rows not staked) take the change."""
    bets: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r["in_bet"]:
            bets.setdefault(r["bet_id"], []).append(i)
    for rows_of_bet in bets.values():
        was = _sign(sum(rows[i]["amount_cents"] for i in rows_of_bet))
        now = sum(amounts[i] for i in rows_of_bet)
        if _sign(now) == was:
            continue
        returns = sorted((i for i in rows_of_bet if not rows[i]["turnover"]),
                         key=lambda i: (-rows[i]["amount_cents"], i))
        _give(returns, amounts, was - now)


def _give(returns: list[int], amounts: list[int], change: int) -> None:
    """Add `change` cents to the largest return, or take them from the returns, largest
    first, none below 0."""
    if change > 0 and returns:
        amounts[returns[0]] += change
    for i in returns:
        if change >= 0:
            return
        taken = min(-change, max(amounts[i], 0))
        amounts[i] -= taken
        change += taken


def _balances(rows: list[dict], amounts: list[int], total: int, to: int) -> list[int | None]:
    """Each row's scaled balance, following the chain minute by minute (see the top)."""
    out: list[int | None] = [None] * len(rows)
    end = None   # the (account's, scaled) balance the previous minute ended on, when known
    for minute in _minutes(rows):
        if any(rows[i]["balance_cents"] is None for i in minute):
            for i in minute:   # the chain cannot be followed through this minute
                balance = rows[i]["balance_cents"]
                out[i] = None if balance is None else _round(balance, total, to)
            end = None
        else:
            end = _follow(rows, amounts, (total, to), minute, end, out)
    return out


def _minutes(rows: list[dict]):
    group: list[int] = []
    for i, r in enumerate(rows):
        if group and r["time"] != rows[group[0]]["time"]:
            yield group
            group = []
        group.append(i)
    if group:
        yield group


def _follow(rows, amounts, scale, minute, end, out) -> tuple[int, int]:
    """One minute's scaled balances: from the balance the minute starts on, each row that
    starts where the last ended (in stored order), else a break; returns where it ends."""
    before = {i: rows[i]["balance_cents"] - rows[i]["amount_cents"] for i in minute}
    starts = Counter(before.values()) - Counter(rows[i]["balance_cents"] for i in minute)
    start = next(iter(starts)) if len(starts) == 1 and sum(starts.values()) == 1 else before[minute[0]]
    held, shown = end if end is not None else (start, _round(start, *scale))
    left = list(minute)
    while left:
        i = next((j for j in left if before[j] == held), None)
        if i is None:   # a break: the share's is the account's scaled, a cent at least
            i = next((j for j in left if before[j] == start), left[0])
            shown += _round(before[i] - held, *scale, at_least=1)
        left.remove(i)
        held, shown = rows[i]["balance_cents"], shown + amounts[i]
        out[i] = shown
    return held, shown
