"""TrackMyBets core: read Sportsbet transaction exports and tell the truth about them.

Runs unchanged on CPython and in Pyodide (standard library only). The database
is handed in through `tmb_core.sql.Connection`; on CPython `Ledger.in_memory()`
uses the `duckdb` package.

    >>> from tmb_core import Ledger
    >>> ledger = Ledger.in_memory()
    >>> report = ledger.import_file("export.csv", open("export.csv", "rb").read())  # doctest: +SKIP
    >>> ledger.headline()["net_profit"]  # doctest: +SKIP
"""
from .figures.ledger import Ledger
from .model import Filters, ImportReport, Issue, ReadResult

__all__ = ["Filters", "ImportReport", "Issue", "Ledger", "ReadResult"]
__version__ = "0.1.0"
