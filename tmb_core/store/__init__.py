"""Layer 3, storing: staged rows -> the stored tables, and what is derived from them.

In: `tmb_checked` (read) and the understanding of its Summaries. `staging` joins them into
`tmb_staging`; `upsert` stores it by Transaction Id in one database transaction and logs the
upload and its issues; `bets` derives every bet (`bet_base`) and cash movement (`cash_base`);
`chain` checks the balance chain; `snapshot` says what the browser keeps between visits and
re-derives what an older version understood differently. `schema` defines every table.
Out: the tables `transactions`, `uploads`, `issues`, `bet_base` and `cash_base`.
"""
