"""From a row's Summary and flags to what the bet is: kind, type, event, market,
selection, price, legs, sport, competition and teams.
"""
from __future__ import annotations

import datetime as dt
import json

from ..model import Details, Leg
from . import reference
from .bet_types import bet_type, flag_kind
from .summary import parse_summary

_CACHE: dict[tuple, Details] = {}
_CACHE_LIMIT = 250_000


def details(summary: str, flags: tuple, when: dt.datetime | None = None) -> Details:
    """Everything the Summary and flags tell about a row's bet (cached: a bet's rows repeat it)."""
    key = (summary, flags, when.month if when else None)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[key] = _details(summary, flags, when)
    return found


def _details(summary: str, flags: tuple, when: dt.datetime | None) -> Details:
    parsed = parse_summary(summary)
    legs = parsed.legs
    kind, kind_type = bet_type(
        flag_kind(flags), [*parsed.events, *parsed.markets],
        [leg.component for leg in legs if leg.component],
    )
    events = list(dict.fromkeys([*(leg.event for leg in legs if leg.event), *parsed.events]))
    context = reference.Context.of([*parsed.events, *parsed.markets])
    each = {e: reference.infer_event(e, context, when) for e in events}
    inferred = reference.combine(list(each.values()))
    labels = tuple((each[leg.event].sport, each[leg.event].competition) if leg.event else (None, None) for leg in legs)
    one = legs[0] if len(legs) == 1 else None
    headline = Leg(
        event=events[0] if len(events) == 1 else None,
        market=_market(legs, parsed.markets),
        selection=one.selection if one else parsed.runners,
        price=one.price if one else None,
        runner=one.runner if one else None,
        component=one.component if one else None,
    )
    return Details(kind, kind_type, headline, legs, inferred.sport, inferred.competition, inferred.teams, labels)


def _market(legs, markets) -> str | None:
    leg_markets = {leg.market for leg in legs if leg.market}
    if len(leg_markets) == 1:
        return leg_markets.pop()
    if len(leg_markets) > 1:
        return reference.MIXED
    return markets[0] if markets else None


def derived(d: Details) -> list:
    """The stored columns (`schema.DERIVED`) of a row, from its Details."""
    h = d.headline
    return [d.bet_kind.value, d.bet_type, h.event, h.market, h.selection, h.price, h.runner,
            h.component, _legs_json(d), d.sport, d.competition, "|".join(d.teams) or None]


def _legs_json(d: Details) -> str | None:
    """The legs as JSON, for bets of more than one leg (a single's leg is its own columns): each
    leg's event, market, selection, price, runner, component, and the sport and competition of
    its event (null for a leg without an event)."""
    if len(d.legs) < 2:
        return None
    return json.dumps([[leg.event, leg.market, leg.selection, leg.price, leg.runner, leg.component, *label]
                       for leg, label in zip(d.legs, d.leg_labels)], ensure_ascii=False)

