"""The safer-gambling signals in plain words: what each one found, as one or two sentences made
from its evidence (`found`), which the engine sends with the signals and the CLI prints. The
words say what the rows show, never what the person is.
"""
from __future__ import annotations

from ..figures import thresholds as t
from .text import day, dollars, plural


def _when(iso: str) -> str:
    """03/11/2025 at 16:34 (a time), or 03/11/2025 (a day)."""
    return f"{day(iso)} at {iso[11:16]}" if len(iso) > 10 else day(iso)


def _chasing(e: dict) -> str:
    latest = e["listed"][0]
    parts = []
    if e["near_zero"]:
        parts.append(f"{e['near_zero']:,} within {t.CHASE_HOURS} hours of the balance falling to "
                     f"{dollars(t.NEAR_ZERO)} or less")
    if e["after_losing_day"]:
        parts.append(f"{e['after_losing_day']:,} on the day after a day your bets lost money")
    both = " (some deposits were both)" if e["near_zero"] + e["after_losing_day"] > e["occasions"] else ""
    return (f"{e['occasions']:,} of your {plural(e['deposits'], 'deposit')} ({dollars(e['amount'])} in all) came "
            f"soon after losing: {' and '.join(parts)}{both}. The latest: {dollars(latest['amount'])} on "
            f"{_when(latest['time'])}.")


def _reversed(e: dict) -> str:
    latest = e["listed"][0]
    if e["occasions"] == 1:
        return f"1 withdrawal came back into the account: {dollars(latest['amount'])} on {_when(latest['time'])}."
    return (f"{plural(e['occasions'], 'withdrawal')} came back into the account, {dollars(e['amount'])} in all; "
            f"the latest, {dollars(latest['amount'])}, on {_when(latest['time'])}.")


def _rising(e: dict) -> str:
    r, b = e["recent"], e["earlier"]
    return (f"Your average stake was {dollars(r['average'])} over the last {t.RECENT_MONTHS} months "
            f"({day(r['from'])} to {day(r['to'])}, {plural(r['bets'], 'bet')}), against {dollars(b['average'])} "
            f"in the {t.EARLIER_MONTHS} months before ({plural(b['bets'], 'bet')}): {e['ratio']:.1f} times as much.")


def _night(e: dict) -> str:
    return (f"{e['night_bets']:,} of your {plural(e['bets'], 'bet')} ({e['share']:.0%}) were placed between "
            f"{t.clock(t.NIGHT_FROM)} and {t.clock(t.NIGHT_TO)}, on {plural(e['nights'], 'night')}, with "
            f"{dollars(e['staked'])} staked; the latest on {day(e['listed'][0]['day'])}.")


def _limits(e: dict) -> str:
    out = (f"In the {t.LIMIT_MONTHS} months to {day(e['to'])} you bet on {plural(e['days'], 'day')} and your bets "
           f"{'lost ' + dollars(e['lost']) if e['lost'] else 'did not lose money'}. The low-risk limits for sports "
           f"betting are about {t.LIMIT_DAYS} times and ${t.LIMIT_SPEND:,.0f} a year: context, not a diagnosis.")
    if e["covered_from"] != e["from"]:
        out += f" Your figures start on {day(e['covered_from'])}, part way into those months."
    return out


def _net_cash(e: dict) -> str:
    months = len(e["months"])
    back = dollars(e["withdrawals"] - e["returned_withdrawals"])
    return (f"Over {plural(months, 'month')}, {dollars(e['deposits'])} went in and {back} came out (withdrawals "
            f"less those that came back): {dollars(e['net'])} more in than out. More went in than came out in "
            f"{e['months_in']:,} of the {plural(months, 'month')}.")


FOUND = {"chasing": _chasing, "reversed_withdrawals": _reversed, "rising_stakes": _rising,
         "late_night": _night, "low_risk_limits": _limits, "net_cash": _net_cash}


def with_words(answer: dict) -> dict:
    """`Ledger.signals`' answer with each signal's `found`: what it found, in words."""
    return {**answer, "signals": [{**s, "found": FOUND[s["id"]](s["evidence"])} for s in answer["signals"]]}


#: What is said when no signal shows: never a clean bill.
NONE_FOUND = ("None of the patterns TrackMyBets looks for shows in these bets and dates. "
              "These checks cannot see everything: if your betting worries you, the support below is there.")


def signal_lines(answer: dict) -> list[str]:
    """The signals (`with_words`) and where to get help, as the CLI's summary prints them."""
    out = []
    for s in answer["signals"]:
        source = s["source"]["name"] + (f", {s['source']['url']}" if s["source"]["url"] else "")
        out += [s["title"], f"  {s['found']}", f"  How: {s['how']}", f"  Why: {s['why']} ({source})"]
    if not answer["signals"]:
        out.append(NONE_FOUND)
    out.append("Support, whenever you want it:")
    for h in answer["support"]:
        reach = ", ".join(x for x in (h["phone"], h["url"]) if x)
        out.append(f"  {h['name']}: {reach}. {h['what']}")
    return out
