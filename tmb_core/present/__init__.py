"""Layer 5, presenting: figures -> what a person reads.

In: the figures of `figures.Ledger`. `chartdata` is the chart contract with the page (column
sources, ranges, headline cards); `export` writes CSV (formula cells made inert); `text` prints
the CLI's summary; `frames` gives the figures as pandas DataFrames (CPython with pandas);
`bokeh/` (CPython only, never shipped to the browser) defines the charts and writes the
standalone HTML report.
Out: chart sources, CSV text, plain text, DataFrames, Bokeh figures and HTML.
"""
