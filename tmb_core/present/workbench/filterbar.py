"""The workbench's filters as Panel widgets, one per `model.FILTER_FIELDS`, read back into
`Filters` by the model's own rules (`Filters.from_json`), so a date is typed as on the site
(day first) and a bad one gets the model's message."""
from __future__ import annotations

import contextlib

import panel as pn

from ...model import CHOICES, FILTER_FIELDS, PRESUMED_LOST_DAYS, PRESUMED_LOST_MAX_DAYS, Filters

#: The label of a choice that leaves its filter off.
ANY = "Any"
#: The groups of a choice's list: the filter off; the values some bet under the other filters
#: has; the stored values none has.
EVERY, LEFT, NONE_LEFT = "Every bet", "With bets under the other filters", "No bets under the other filters"


#: Each widget's least width: one a row in the sidebar, two a row on a phone, where the filters
#: stand above the figures.
_SIZE = {"sizing_mode": "stretch_width", "min_width": 150, "styles": {"flex": "1 1 160px"}}


def _widget(field):
    if field.kind == "date":
        return pn.widgets.TextInput(label=field.label, placeholder="dd/mm/yyyy", **_SIZE)
    if field.kind == "days":
        return pn.widgets.IntInput(label=f"{field.label} (days)", value=PRESUMED_LOST_DAYS, start=0,
                                   end=PRESUMED_LOST_MAX_DAYS, **_SIZE)
    return pn.widgets.Select(label=field.label, groups={EVERY: {ANY: ""}}, value="", **_SIZE)


class FilterBar:
    """The filter widgets, keyed by their `Filters` field, and a button that clears them.
    `changed()` is called once for each change a person makes, however many widgets it moves."""

    def __init__(self, changed):
        self.widgets = {f.name: _widget(f) for f in FILTER_FIELDS}
        self._changed = changed
        self._quiet = False
        for w in self.widgets.values():
            w.param.watch(self._heard, "value")
        self.clear = pn.widgets.Button(label="Clear filters", color="light", **_SIZE)
        self.clear.on_click(lambda _: self.reset())

    def values(self) -> dict:
        """The widgets' values in the page's form of filters (`Filters.from_json`)."""
        return {name: w.value for name, w in self.widgets.items()}

    def read(self) -> Filters:
        """The filters the widgets hold; BadFilter (its message for the punter) when one
        cannot be read or the set could only mislead (`Filters.check`)."""
        return Filters.from_json(self.values()).check()

    def offer(self, stored: dict, left: dict) -> None:
        """Each choice widget lists every stored value (`Ledger.choices`) in two groups: those
        left under the other filters (`Ledger.narrowed_choices`), then the others (NONE_LEFT).
        A value is never taken off a list nor renamed (and not disabled, which Panel refuses as
        a value alike): a choice made from a list narrowed since it was drawn is still one the
        widget takes, so the figures always follow what it shows."""
        with self._silent():
            for name in CHOICES:
                w = self.widgets[name]
                values = list(stored.get(name) or [])
                if w.value and w.value not in values:
                    values.insert(0, w.value)
                here = set(left.get(name) or []) | {w.value}
                groups = {EVERY: {ANY: ""}, LEFT: {v: v for v in values if v in here},
                          NONE_LEFT: {v: v for v in values if v not in here}}
                groups = {g: items for g, items in groups.items() if items}
                if w.groups != groups:   # sent only when changed: a market list can run to thousands
                    w.groups = groups

    def reset(self) -> None:
        """Every filter back to its default, as one change."""
        with self._silent():
            for f in FILTER_FIELDS:
                self.widgets[f.name].value = PRESUMED_LOST_DAYS if f.kind == "days" else ""
        self._changed()

    def _heard(self, _event) -> None:
        if not self._quiet:
            self._changed()

    @contextlib.contextmanager
    def _silent(self):
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def panel(self) -> pn.Column:
        return pn.FlexBox(*self.widgets.values(), self.clear, flex_wrap="wrap", sizing_mode="stretch_width")
