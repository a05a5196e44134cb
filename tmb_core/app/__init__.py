"""Layer 6, applications: how people and the page reach tmb_core.

In: requests. `engine` answers the site's worker over the engine protocol (`engine.OPS`, one
contract checked on both sides); `wasm` is the browser's `Connection` over DuckDB-WASM; `cli`
is the command line. Each is a thin wrapper over `figures.Ledger`.
Out: JSON answers, printed figures, files.
"""
