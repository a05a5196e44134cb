"""The workbench's page: the filters beside the figures, the charts, the breakdowns and the
bets, all redrawn from the ledger in one go when a filter or the period changes."""
from __future__ import annotations

import html
import json

import panel as pn

from ...figures.ledger import Ledger
from ...model import BadFilter, Filters
from .. import chartdata, frames
from ..bokeh import charts
from ..bokeh.charts import BREAKDOWN_TITLES
from ..html import CARDS_CSS, cards, signals
from ..html import files as files_html
from ..signals import with_words
from ..text import plural, span, truth_lines
from .filterbar import FilterBar
from .tables import BetsTable, best_table, breakdown_table, show

PERIODS = {"Day": "day", "Week": "week", "Month": "month"}
_CSS = CARDS_CSS + """
.answer h2{font-size:1.1rem;margin:.8rem 0 .4rem}.answer ul{margin:.3rem 0;padding-left:1.2rem}
.issues{font-size:.85rem;color:#6b4b00}.filters-shown{color:#555;font-size:.9rem}
.problem{background:#fff3cd;border:1px solid #ffe69c;color:#664d03;border-radius:6px;padding:.6rem .9rem}
"""

#: On a phone the filters come first, above the figures, and the page scrolls as one.
_PHONE_CSS = """
@media (max-width: 700px) {
  #content { flex-direction: column; flex-wrap: nowrap; overflow-y: auto; }
  #content #sidebar.sidenav { width: 100% !important; max-width: 100% !important; max-height: none; height: auto !important;
                              overflow: visible; flex: none; border-right: none; }
  #content #sidebar .nav { width: 100% !important; }
  #main { max-height: none !important; overflow: visible; flex: none; width: 100%; }
}
"""


class _HTML(pn.pane.HTML):
    """Panel's HTML pane, less one thing its new text sends: its stylesheets. Panel 1.9 works
    them out again on each new text, as links to its CDN, so a notebook cell (which Panel drew
    with them inline, `pn.extension(inline=True)`) fetched them from another origin at the
    first change of a filter. They never change here, so the page keeps those it has."""

    def _update(self, ref, model) -> None:
        props = self._get_properties(model.document)
        props.pop("stylesheets", None)
        model.update(**props)


def _html(**kw) -> pn.pane.HTML:
    return _HTML("", stylesheets=[_CSS], sizing_mode="stretch_width", **kw)


class Workbench:
    """One person's view of a ledger: the widgets and panes, and `refresh()` that fills them."""

    def __init__(self, ledger: Ledger, reports: list[dict] | None = None):
        self.ledger = ledger
        span = ledger.span()
        self.filterbar = FilterBar(self.refresh)
        self.period = pn.widgets.RadioButtonGroup(
            label="Period", options=PERIODS, value=chartdata.fitting_period(span["first"], span["last"]),
            color="light")
        self.period.param.watch(lambda _: self.redraw_period(), "value")
        self.charts = charts.dashboard_charts()
        self.problem = _html(visible=False)   # HTML, not Panel's Alert: that reads Markdown and HTML
        self.files = _html(css_classes=["files"])
        self.files.object = files_html(reports) if reports else ""
        self.answer = _html(css_classes=["answer"])
        self.signals = _html(css_classes=["signals"])
        self.compared = _html(css_classes=["compared"])
        self.breakdowns = {d: breakdown_table(d, _tab(title)) for d, title in BREAKDOWN_TITLES.items()}
        self.best, self.worst = best_table(), best_table()
        self.bets = BetsTable()
        self.shown: Filters | None = None   # the filters the panes show now
        self.refresh()

    def refresh(self) -> None:
        """Read the filters and redraw everything for them, as one change of the page; a filter
        that cannot be read is said above the figures, which stay as they were."""
        try:
            f = self.filterbar.read()
        except BadFilter as why:
            said = html.escape(f"{why} The figures below are still those of the filters before.")
            self.problem.object = f'<p class="problem" role="alert">{said}</p>'
            self.problem.visible = True
            return
        with pn.io.hold():
            self.problem.visible = False
            self._fill(f, self.period.value)
            self.shown = f

    def redraw_period(self) -> None:
        """A new period redraws the charts over time only, for the filters shown: every other
        figure is the same in any period."""
        if self.shown is None:
            return self.refresh()
        found = self.ledger.series(self.shown, self.period.value)
        with pn.io.hold():
            charts.fill(self.charts, chartdata.over_time(found, self.period.value))

    def _fill(self, f: Filters, period: str) -> None:
        ledger = self.ledger
        data = ledger.dashboard(f, period)
        head = data["headline"]
        insights = ledger.insights(f, head)
        found = ledger.compare_preset(f, "month_vs_last_month") if head["transactions"] else None
        charts.fill(self.charts, {**chartdata.all_sources(data, period), **chartdata.pattern_sources(insights),
                                  **(chartdata.compare(found) if found else {})})
        self.answer.object = _answer(head, insights, f)
        self.compared.object = _periods(found)
        self.signals.object = signals(with_words(ledger.signals(f)))
        for dimension, table in self.breakdowns.items():
            table.value = frames.breakdown_frame(data["breakdowns"][dimension], dimension).reset_index()
        bets = frames.bets(ledger, f)
        show(self.best, bets.loc[data["best"]["bet_id"]].reset_index())
        show(self.worst, bets.loc[data["worst"]["bet_id"]].reset_index())
        self.bets.show(bets.iloc[::-1].reset_index())   # the latest first, as on the site
        self.filterbar.offer(ledger.choices(), ledger.narrowed_choices(f))

    def _chart(self, name: str, **kw) -> pn.pane.Bokeh:
        return pn.pane.Bokeh(self.charts[name], sizing_mode="stretch_width", **kw)

    def sidebar(self) -> list:
        return [pn.pane.Markdown("### Filters"), self.filterbar.panel()]

    def main(self) -> list:
        tabs = pn.Tabs(*((_tab(title),
                          pn.Column(self._chart(f"breakdown_{d}"), self.breakdowns[d], sizing_mode="stretch_width"))
                         for d, title in BREAKDOWN_TITLES.items()), sizing_mode="stretch_width", dynamic=False)
        grid = pn.FlexBox(*(self._chart(n, min_width=340) for n in chartdata.PATTERN_SOURCES),
                          flex_wrap="wrap", sizing_mode="stretch_width")
        return [
            self.problem, self.answer, self.files,
            pn.pane.Markdown("## Profit and loss"), self.period, self._chart("pnl"),
            pn.pane.Markdown("## Where it went"), tabs,
            pn.pane.Markdown("## This month against last month"), self.compared, self._chart("compare"),
            pn.pane.Markdown("## When and how you bet"), grid,
            pn.pane.Markdown("## Deposits and withdrawals"), self._chart("cash"),
            pn.pane.Markdown("## Best bets"), self.best, pn.pane.Markdown("## Worst bets"), self.worst,
            pn.pane.Markdown("## Every bet shown"), self.bets.panel(),
            pn.pane.Markdown("## Patterns worth knowing about"), self.signals,
        ]

    def layout(self) -> pn.Row:
        """The workbench as one layout (a notebook's cell)."""
        side = pn.Column(*self.sidebar(), width=260)
        return pn.Row(side, pn.Column(*self.main(), sizing_mode="stretch_width"), sizing_mode="stretch_width")

    def page(self) -> pn.template.BootstrapTemplate:
        """The workbench as a page of its own, the filters in a sidebar that folds on a phone."""
        return pn.template.BootstrapTemplate(title="TrackMyBets workbench", sidebar=self.sidebar(),
                                             main=self.main(), sidebar_width=280, raw_css=[_PHONE_CSS])


def _tab(title: str) -> str:
    """"Profit by team or player" -> "Team or player"."""
    return title.removeprefix("Profit by ").capitalize()


def _answer(head: dict, insights: dict, f: Filters) -> str:
    shown = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in f.as_json().items() if k != "presumed_lost_days")
    if not head["transactions"]:
        return (f'<p class="filters-shown" data-filters="{_attr(f)}">Nothing is stored yet. In your Sportsbet '
                "account open Transactions, download them as CSV, and give that file to the workbench: "
                "<code>python -m tmb_core explore export.csv</code> (add <code>--db FILE</code> to keep it).</p>")
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in truth_lines(insights, head))
    return (f'<p class="filters-shown" data-filters="{_attr(f)}">{html.escape(shown) or "Every bet stored"}; '
            f'{plural(head["bets"], "bet")}.</p><div class="cards">{cards(head)}</div>'
            f"<h2>How often you lose</h2><ul>{lines}</ul>")


def _periods(found: dict | None) -> str:
    """Which line of the comparison is which period (`Ledger.compare_preset`)."""
    if found is None:
        return ""
    a, b = span(found["a"]), span(found["b"])
    return (f"<p>Solid line: {a}, the month of the latest stored transaction, up to that day. "
            f"Dashed line: {b}, the month before.</p>")


def _attr(f: Filters) -> str:
    return html.escape(json.dumps(f.as_json(), sort_keys=True), quote=True)
