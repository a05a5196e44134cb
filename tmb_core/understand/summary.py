"""Reading the Summary text of a row (docs/domain.md, "The Summary").

The layout of multis is not documented, so parsing is forgiving: it finds what
it can (events, markets, selections with prices) and never fails a row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Leg

_SELECTION = re.compile(
    r"^(?:(?P<runner>\d{1,2})\.\s*)?(?P<sel>.*?)\s*@\s*\$?(?P<price>\d{1,5}(?:\.\d{1,3})?)"
    r"\s*(?:\((?P<comp>win|place|each\s*way|ew)\))?$",
    re.I,
)
_RACE = re.compile(r"^(?P<track>.+?)\s+-\s+(?:R(?P<race>\d{1,2})\b\s*(?P<name>.*)|(?P<hhmm>\d{1,2}:\d{2}))$")
_SIDES = re.compile(r"\s+(?:v|vs\.?|at|@)\s+", re.I)
_RUNNERS = re.compile(r"\((?P<nums>\d{1,2}(?:\s*,\s*\d{1,2})*)\)\s*$")
_COMPONENT_NAMES = {"win": "Win", "place": "Place", "each way": "Each Way", "eachway": "Each Way", "ew": "Each Way"}


@dataclass(frozen=True, slots=True)
class Parsed:
    events: tuple[str, ...]
    markets: tuple[str, ...]
    legs: tuple[Leg, ...]
    runners: str | None = None  # runner numbers of an exotic, e.g. "2, 3, 4"


def race(event: str) -> tuple[str, int | None, str] | None:
    """(track, race number, race name) when the event is a race line, else None."""
    m = _RACE.match(event)
    if not m:
        return None
    number = int(m["race"]) if m["race"] else None
    return m["track"].strip(), number, (m["name"] or m["hhmm"] or "").strip()


def sides(event: str) -> tuple[str, str] | None:
    """The two sides of 'A v B', 'A vs B', 'A At B' or 'A @ B', else None."""
    parts = _SIDES.split(event, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    return parts[0].strip(), parts[1].strip()


def _is_event(line: str) -> bool:
    return bool(_RACE.match(line) or sides(line))


def parse_summary(text: str) -> Parsed:
    """Split a Summary into events, markets and legs (selection @ price)."""
    events: list[str] = []
    markets: list[str] = []
    legs: list[Leg] = []
    runners = None
    event = market = None
    fresh = True  # the next line starts a new block (first line, after a blank or a leg)
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            fresh = True
            continue
        m = _SELECTION.match(line)
        if m and m["sel"]:
            legs.append(_leg(m, event, market))
            fresh = True
            continue
        if event is None or (fresh and _is_event(line)):
            event, market = line, None
            events.append(line)
        else:
            market = line
            markets.append(market)
            r = _RUNNERS.search(line)
            if r:
                runners = ", ".join(n.strip() for n in r["nums"].split(","))
        fresh = False
    return Parsed(tuple(events), tuple(markets), tuple(legs), runners)


def _leg(m: re.Match, event: str | None, market: str | None) -> Leg:
    comp = m["comp"]
    selection = m["sel"].strip()
    if market and " - " in market:
        player, _, rest = market.partition(" - ")
        if selection.lower().startswith(player.strip().lower()):
            market = rest.strip()
    return Leg(
        event=event,
        market=market,
        selection=selection,
        price=float(m["price"]),
        runner=int(m["runner"]) if m["runner"] else None,
        component=_COMPONENT_NAMES.get(" ".join(comp.lower().split())) if comp else None,
    )
