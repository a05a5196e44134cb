"""Layer 2, understanding: a bet's Summary text and flags -> what the bet is.

In: distinct (Summary, flags, month) rows. Out: bet kind and type, event, market, selection,
price, legs, sport, competition and teams (`store.schema.DERIVED`). `sql` does it in DuckDB for
every import (`sql_lines`, `sql_infer`, `sql_patterns`, `sql_reference`); `details` is the
readable Python reference the tests hold the SQL to, Summary by Summary (`summary` splits the
text, `bet_types` names the bet, `reference` and `data/*.csv` know teams, tracks and keywords).
"""
