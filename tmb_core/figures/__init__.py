"""Layer 4, figures: the stored tables -> every number the punter sees, for one set of filters.

In: the tables of `store`. `filtering` turns a `model.Filters` into SQL; `metrics` computes the
headline figures, series, breakdowns, swings and bet tables; `ledger.Ledger` is the one front
door (import, figures, restore, deletion) and the owner of every cache.
Out: plain dicts and column dicts of numbers and text, rounded to cents where they are money.
"""
