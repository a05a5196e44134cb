"""The data-minded punter's workbench: the dashboard as a Panel app over a `Ledger`, in Python.

The same figures as the site and the CLI (`Ledger.dashboard`, `insights`, `signals`), the same
Bokeh charts (`present/bokeh/charts.py`, filled by `chartdata` as the report fills them), and
the filtered bets as a pandas table that sorts, filters and downloads. Needs the `explore`
extra (Panel and pandas); `python -m tmb_core explore` serves it, `tmb_core.explore` returns it
for a notebook.
"""
from __future__ import annotations

from .layout import Workbench

__all__ = ["Workbench", "explore"]


def explore(ledger, reports: list[dict] | None = None):
    """The workbench over `ledger` as a Panel layout that shows inline in Jupyter (after
    `pn.extension("tabulator")`, which this calls). `reports`: the files' import reports, listed."""
    import panel as pn

    pn.extension("tabulator", inline=True)
    return Workbench(ledger, reports).layout()
