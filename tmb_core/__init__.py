"""TrackMyBets core: read Sportsbet transaction exports and tell the truth about them.

Runs unchanged on CPython and in Pyodide (standard library only). The database
is handed in through `tmb_core.sql.Connection`; on CPython `Ledger.in_memory()`
uses the `duckdb` package.

    >>> from tmb_core import Ledger
    >>> ledger = Ledger.in_memory()
    >>> report = ledger.import_file("export.csv", open("export.csv", "rb").read())  # doctest: +SKIP
    >>> ledger.headline()["net_profit"]  # doctest: +SKIP

`tmb_core.frames` (`present/frames.py`) gives the figures as pandas DataFrames; it is imported
when first asked for, so importing tmb_core imports neither it nor pandas. `tmb_core.explore(ledger)`
is the workbench (`present/workbench`) as a Panel layout for a notebook (the `explore` extra).
"""
from .figures.ledger import Ledger
from .model import Filters, ImportReport, Issue, ReadResult

__all__ = ["Filters", "ImportReport", "Issue", "Ledger", "ReadResult", "explore", "frames"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """`from tmb_core import frames`: the DataFrames module, imported on first use."""
    if name == "frames":
        from .present import frames

        return frames
    raise AttributeError(f"module 'tmb_core' has no attribute {name!r}")


def explore(ledger: Ledger, reports: list[dict] | None = None):
    """The workbench over `ledger` as a Panel layout that shows inline in Jupyter (Panel and
    pandas: `pip install 'tmb_core[explore]'`); `reports`, the files' import reports, are listed."""
    from .present.workbench import explore as workbench

    return workbench(ledger, reports)
