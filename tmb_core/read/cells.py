"""From the raw cells of `tmb_cells` (filled by split.py) to checked, typed rows, in SQL.

Cells in the plain formats Sportsbet writes are converted here in bulk. A row with any cell
outside them goes to `reader.parse_row` (one by one, in Python), which reads the unusual
formats and words every problem; the values it gives come back in one bulk insert. Then,
still in SQL: repeated Transaction Ids within the file, and the order of rows within a minute.
"""
from __future__ import annotations

from ..model import Issue, Severity
from ..sql import Connection, lit, load_rows, rows, scalar
from .columns import COLUMNS, LONGEST_CELL, LONGEST_SUMMARY, SWALLOWED, parse_row
from .kinds import EXPECTED_SIGN, TYPES

CELLS, PARSED, CHECKED = "tmb_cells", "tmb_parsed", "tmb_checked"
_FIXED = "tmb_fixed"
_FLAGS = ("single", "multiple", "exotic", "pool")
_MONEY = r"-?\d{1,13}(\.\d{1,2})?"
_FLAG_WORDS = "('', 'true', 'false', 'TRUE', 'FALSE')"


def kind_sql(column: str) -> str:
    """A row's transaction kind from its (cleaned) Type text in `column`: `kinds.TYPES`."""
    cases = " ".join(f"WHEN {lit(text)} THEN {lit(kind.value)}" for text, kind in TYPES.items())
    return f"CASE lower({column}) {cases} ELSE 'other' END"


def _sign_clash(kind: str, cents: str) -> str:
    minus = ", ".join(lit(k.value) for k, sign in EXPECTED_SIGN.items() if sign < 0)
    plus = ", ".join(lit(k.value) for k, sign in EXPECTED_SIGN.items() if sign > 0)
    return f"(({kind} IN ({minus}) AND {cents} > 0) OR ({kind} IN ({plus}) AND {cents} < 0))"


def _plain(column: str, pattern: str, empty_ok: bool = False) -> str:
    test = f"regexp_full_match({column}, '{pattern}')"
    return f"({column} IS NULL OR {column} = '' OR {test})" if empty_ok else f"coalesce({test}, false)"


_CENTS = "CAST(round(TRY_CAST({0} AS DECIMAL(16, 2)) * 100) AS BIGINT)"

# Line ends made \n, blanks before a line end and at the very end dropped, leading empty lines
# dropped; most Summaries need none of it, which one search (the guard) tells.
_TIDY = (r"regexp_replace(regexp_replace(regexp_replace(regexp_replace(summary, "
         r"'\r\n?', chr(10), 'g'), '[ \t\f\v\x{00A0}]+\n', chr(10), 'g'), '[\s\x{00A0}]+$', ''), '^\n+', '')")
_UNTIDY = r"'[\r\x{00A0}]|[ \t\f\v]\n|\s$|^\n'"
_CLEAN_SUMMARY = f"nullif(CASE WHEN regexp_matches(summary, {_UNTIDY}) THEN {_TIDY} ELSE summary END, '')"


def cells_sql(raw: str) -> str:
    """Every row of the `raw` query with its cleaned Type and Summary, its kind, whether all its
    cells are plain, and the values of plain cells (split.py fills `tmb_cells` with it)."""
    plain = " AND ".join([
        "shape = 0", f"length(type_text) <= {LONGEST_CELL}", r"NOT regexp_matches(coalesce(type, ''), '[\r\n]')",
        f"coalesce(length(summary) <= {LONGEST_SUMMARY} AND NOT regexp_matches(summary, {lit(SWALLOWED)}), true)",
        r"coalesce(regexp_full_match(time, '\d\d/\d\d/\d{4} ([01]\d|2[0-3]):[0-5]\d'), false)",
        "time_value IS NOT NULL", "type_text <> ''",
        _plain("amount", _MONEY), _plain("balance", _MONEY, True),
        _plain("tx_id", r"\d{1,30}"), _plain("bet_id", r"\d{1,30}", True),
        *(f"({f} IS NULL OR {f} IN {_FLAG_WORDS})" for f in _FLAGS),
        # a plain amount of the unexpected sign goes to Python too: it words the warning
        f"NOT coalesce({_sign_clash('kind', 'amount_value')}, false)",
    ])
    return f"""
        WITH r AS ({raw}),
        t AS (SELECT *, trim(regexp_replace(coalesce(type, ''), '[\\s\\x{{00A0}}]+', ' ', 'g')) AS type_text,
                     try_strptime(time, '%d/%m/%Y %H:%M') AS time_value,
                     {_CENTS.format('amount')} AS amount_value,
                     {_CENTS.format("nullif(balance, '')")} AS balance_value
              FROM r),
        k AS (SELECT *, {kind_sql('type_text')} AS kind FROM t)
        SELECT *, {_CLEAN_SUMMARY} AS summary_text, {plain} AS plain FROM k"""


def parse_cells(conn: Connection, name: str) -> list[Issue]:
    """Make `tmb_parsed` the typed rows of `tmb_cells`; return the issues found."""
    issues = _parse_odd(conn, name)
    # A flag column the file lacks is NULL (unknown: a later export may tell); an empty cell is false.
    flag = ", ".join(f"CASE WHEN {f} IS NOT NULL THEN lower({f}) = 'true' END AS flag_{f}" for f in _FLAGS)
    conn.execute(f"""CREATE OR REPLACE TEMP VIEW {PARSED} AS
        SELECT file_row, time_value AS time, type_text AS type, kind, amount_value AS amount_cents,
               balance_value AS balance_cents, tx_id, nullif(bet_id, '') AS bet_id, summary_text AS summary, {flag}
        FROM {CELLS} WHERE plain
        UNION ALL
        SELECT f.file_row, f.time, c.type_text, c.kind, f.amount_cents, f.balance_cents, f.tx_id, f.bet_id,
               c.summary_text, {', '.join(f'f.flag_{x}' for x in _FLAGS)}
        FROM {_FIXED} f JOIN {CELLS} c USING (file_row)""")
    return issues


_FIXED_COLUMNS = {"file_row": "INTEGER", "time": "TIMESTAMP", "amount_cents": "BIGINT",
                  "balance_cents": "BIGINT", "tx_id": "VARCHAR", "bet_id": "VARCHAR",
                  **{f"flag_{f}": "BOOLEAN" for f in _FLAGS}}


def _parse_odd(conn: Connection, name: str) -> list[Issue]:
    """Rows with a cell in an unusual format: read by Python, stored in `tmb_fixed`."""
    odd = rows(conn.query(f"SELECT file_row, shape, {', '.join(COLUMNS)} FROM {CELLS} WHERE NOT plain ORDER BY file_row"))
    issues: list[Issue] = []
    fixed = []
    for row in odd:
        values = parse_row(name, row["file_row"], row, issues)
        if values is not None:
            when, amount, balance, tx_id, bet_id, flags = values
            fixed.append([row["file_row"], when.isoformat(" "), amount, balance, tx_id, bet_id,
                          *(None if f is None else str(f).lower() for f in flags)])
    load_rows(conn, f"CREATE OR REPLACE TEMP TABLE {_FIXED} AS", _FIXED_COLUMNS, fixed)
    return issues


def summary_hash(alias: str = "") -> str:
    """A hash of what a row's understanding depends on (Summary, flags, month): staging joins
    rows to their Summary's understanding on it."""
    a = alias
    return f"hash({a}summary, {a}flag_single, {a}flag_multiple, {a}flag_exotic, {a}flag_pool, month({a}time))"


_SAME = ("time", "type", "amount_cents", "balance_cents", "bet_id", "summary",
         *(f"flag_{f}" for f in _FLAGS))


def one_per_id(conn: Connection, name: str) -> list[Issue]:
    """Fill `tmb_checked`: one row per Transaction Id (its first in the file), ranked within its minute."""
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {CHECKED} AS {_ranked_sql()}")
    repeats = _repeats(conn) if (scalar(conn.query(f"SELECT max(copies) AS n FROM {CHECKED}")) or 0) > 1 else []
    for drop in (f"VIEW {PARSED}", f"TABLE {_FIXED}", f"TABLE {CELLS}"):
        conn.execute(f"DROP {drop}")
    return [_repeat_issue(name, r) for r in repeats]


def _repeats(conn: Connection) -> list[dict]:
    """The later rows of a Transaction Id the file repeats, each compared with its first row."""
    same = " AND ".join(f"p.{c} IS NOT DISTINCT FROM f.{c}" for c in _SAME)
    return rows(conn.query(f"""
        SELECT p.file_row, p.tx_id, f.file_row AS first_row, {same} AS same
        FROM {PARSED} p JOIN {CHECKED} f ON f.tx_id = p.tx_id
        WHERE f.copies > 1 AND p.file_row <> f.file_row ORDER BY p.file_row"""))


def _repeat_issue(name: str, r: dict) -> Issue:
    if r["same"]:
        return Issue(name, r["file_row"], "Transaction Id", r["tx_id"],
                     f"repeats row {r['first_row']} exactly; it is counted once", Severity.WARNING)
    return Issue(name, r["file_row"], "Transaction Id", r["tx_id"],
                 f"the same Transaction Id as row {r['first_row']} but with different details; "
                 f"row {r['first_row']} is kept and this row is left out", Severity.ROW)


def _ranked_sql() -> str:
    """Rows numbered within each run of one minute, in true (oldest first) order: exports may
    be newest first, which shows as the first row being later than the last. A file whose first
    and last rows share their minute shows its order only in its balances (each row's Balance
    is the one before it plus its Amount): read forwards or backwards, whichever more of its
    neighbouring rows follow; newest first, as Sportsbet writes, when they cannot tell (a
    deposit staked at once reads both ways). The numbering works on the narrow (file_row,
    tx_id, time, amount, balance); the whole rows join it at the end."""
    return f"""
        WITH p AS (SELECT file_row, tx_id, time, amount_cents AS a, balance_cents AS b FROM {PARSED}),
        f AS (SELECT min(file_row) AS file_row, CAST(count(*) AS BIGINT) AS copies FROM p GROUP BY tx_id),
        k AS (SELECT p.file_row, p.time, p.a, p.b, f.copies FROM p JOIN f USING (file_row)),
        n AS (SELECT *, lead(a) OVER (ORDER BY file_row) AS next_a, lead(b) OVER (ORDER BY file_row) AS next_b FROM k),
        ends AS (SELECT arg_min(time, file_row) AS first_time, arg_max(time, file_row) AS last_time,
                        count(*) FILTER (WHERE next_b = b + next_a) AS forwards,
                        count(*) FILTER (WHERE b = next_b + a) AS backwards FROM n),
        o AS (SELECT k.file_row, k.time, k.copies,
                     CASE WHEN ends.first_time > ends.last_time
                            OR (ends.first_time = ends.last_time AND ends.backwards >= ends.forwards)
                          THEN -file_row ELSE file_row END AS pos
              FROM k, ends),
        runs AS (SELECT *, row_number() OVER (ORDER BY pos) - row_number() OVER (PARTITION BY time ORDER BY pos)
                   AS run FROM o),
        r AS (SELECT file_row, copies,
                     CAST(row_number() OVER (PARTITION BY time, run ORDER BY pos) - 1 AS INTEGER) AS rank
              FROM runs)
        SELECT x.*, r.copies, r.rank, {summary_hash('x.')} AS h
        FROM {PARSED} x JOIN r USING (file_row)"""
