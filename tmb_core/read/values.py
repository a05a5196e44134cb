"""Parsing single cell values of an export: money, times, flags, ids.

Each parser returns the value or raises `BadValue` with a message for the
punter; the reader turns that into an `Issue`. Nothing is ever guessed to zero.
"""
from __future__ import annotations

import datetime as dt
import re


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, in plain words."""


_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE][+-]?\d+")
#: What to do about a file a spreadsheet or an editor has changed (the messages end with it).
AGAIN = "download the export again from Sportsbet and import it without opening or editing it first"
_PLAIN_MONEY = re.compile(r"-?\d+(?:\.\d{1,2})?")
_MONEY = re.compile(r"(?P<sign>[-+]?)\$?(?P<sign2>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def parse_money(text: str, what: str = "amount") -> int:
    """Read an amount as whole cents: `-5`, `1.36`, `$1,234.50`, `(5.00)`, `−5`; `what` names
    the column in messages."""
    s = text.strip()
    if _PLAIN_MONEY.fullmatch(s) and len(s.lstrip("-").partition(".")[0]) <= _MOST_DIGITS:
        return _plain_cents(s)
    s = s.translate(_MINUS_SIGNS).replace(" ", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.upper().endswith("CR"):
        s = s[:-2]
    elif s.upper().endswith("DR"):
        negative, s = not negative, s[:-2]
    m = _MONEY.fullmatch(s)
    if not s:
        raise BadValue(f"the {what} is empty")
    if _SCIENTIFIC.fullmatch(s.lstrip("-+")):
        raise BadValue(f"the {what} '{text.strip()}' was turned into scientific notation by a spreadsheet, "
                       f"so its exact value may be lost: {AGAIN}")
    if not m or (m["sign"] and m["sign2"]):
        raise BadValue(f"'{text.strip()}' is not an amount of money")
    if len(m["int"].replace(",", "")) > _MOST_DIGITS:
        raise BadValue(f"'{text.strip()[:40]}' is far more money than any account holds")
    cents = int(m["int"].replace(",", "")) * 100 + int((m["frac"] or "0").ljust(2, "0"))
    if "-" in (m["sign"], m["sign2"]):
        negative = not negative
    return -cents if negative else cents


#: The most digits before the point an amount may have (the SQL path reads the same: cells.py).
_MOST_DIGITS = 13


def _plain_cents(s: str) -> int:
    negative = s.startswith("-")
    whole, _, frac = s.lstrip("-").partition(".")
    cents = int(whole) * 100 + int(frac.ljust(2, "0") or "0")
    return -cents if negative else cents


_TIME = re.compile(
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})"
    r"(?:[ T,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
)


_FAST_TIME = re.compile(r"(\d\d)/(\d\d)/(\d{4}) ([01]\d|2[0-3]):([0-5]\d)")


def parse_time(text: str) -> dt.datetime:
    """Read a local wall-clock time, day first (`24/11/2026 24:05` is 25 Nov 00:05)."""
    fast = _FAST_TIME.fullmatch(text)
    if fast:
        d, m, y, hh, mm = fast.groups()
        try:
            return dt.datetime(int(y), int(m), int(d), int(hh), int(mm))
        except ValueError:
            pass
    s = text.strip()
    m = _TIME.fullmatch(s) or _ISO.fullmatch(s)
    if not m:
        if not s:
            raise BadValue("the time is empty")
        raise BadValue(f"'{s}' is not a date and time like 24/11/2026 19:05")
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 2000
    hour, minute = int(m["H"] or 0), int(m["M"] or 0)
    second = int(m["S"] or 0)
    ampm = m.groupdict().get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise BadValue(f"'{s}' has an hour of {hour} with AM/PM")
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    extra_day = hour == 24 and minute < 60 and second < 60
    if extra_day:
        hour = 0
    try:
        when = dt.datetime(year, int(m["m"]), int(m["d"]), hour, minute, second)
        return when + dt.timedelta(days=1) if extra_day else when
    except (ValueError, OverflowError):
        raise BadValue(f"'{s}' is not a real date and time (day/month/year)") from None


_TRUE = frozenset({"true", "yes", "y", "1", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "f", ""})


_FLAG_WORDS = {"true": True, "false": False, "TRUE": True, "FALSE": False, "": False}


def parse_flag(text: str) -> bool | None:
    """Read a true/false flag; an empty cell is false. Raises on anything else."""
    known = _FLAG_WORDS.get(text)
    if known is not None:
        return known
    s = text.strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise BadValue(f"'{text.strip()}' is not true or false")




def parse_id(text: str, what: str) -> str:
    """Read an id as an opaque string, refusing ones a spreadsheet has mangled."""
    s = text.strip()
    if _SCIENTIFIC.fullmatch(s):
        raise BadValue(f"the {what} '{s}' was turned into scientific notation by a spreadsheet, "
                       f"so its last digits are lost: {AGAIN}")
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    return s
