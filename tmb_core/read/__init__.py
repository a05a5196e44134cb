"""Layer 1, reading: an export's bytes -> checked, typed rows in the temp table `tmb_checked`.

In: a file's bytes. `textfile` tells an export from anything else and decodes it; `columns`
maps its headers; `split` has DuckDB's `read_csv` split it into cells (`tmb_cells`); `cells`
checks and converts them in SQL, sending only unusual cells to the Python parsers of `values`,
which word each problem; `kinds` maps the Type text to a transaction kind.
Out: `tmb_checked` (one row per Transaction Id, ranked within its minute) and `Issue` records;
never an exception for bad user data (`textfile.NotAnExport` rejects a whole file).
"""
