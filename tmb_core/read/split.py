"""Reading an export's bytes into DuckDB: Python looks only at the first line (is this an
export? which columns? which delimiter?) and DuckDB's `read_csv` splits the rest into cells.

The result is the temp table `tmb_cells` (cells.py): `file_row` (the spreadsheet row number),
`shape` (how many fields the row has more, or fewer, than the header: not 0 when a comma in an
unquoted cell split it, or the line was cut short), one VARCHAR column per known export column
(`columns.COLUMNS`, NULL where the file lacks it) and what cells.py makes of them, all in one
pass over the file.
Files DuckDB cannot split as written (another encoding, empty lines between rows, broken
quoting) are split by Python's `csv` module and handed over re-written: slower, same result.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace

from ..sql import Connection, csv_source, csv_text, scalar
from . import cells
from .columns import (
    COLUMNS,
    EXTRA_FIELDS,
    HEADER_NAMES,
    LONGEST_CELL,
    LONGEST_SUMMARY,
    REQUIRED,
    delimiter,
    map_headers,
    share_mark,
    time_zone_label,
)
from .textfile import TRY_AGAIN, NotAnExport, decode, describe, sniff

_UPLOAD = "tmb_upload.csv"


@dataclass(frozen=True)
class Layout:
    """What the first line says: the delimiter, the headers and where each known column is;
    and, once the file is split, how many rows it holds (blank ones left out)."""

    delimiter: str
    headers: list[str]
    columns: dict[str, int]
    zone: str
    rows: int = 0
    shared: str | None = None   # a share's mark (columns.share_mark): EXACT, SCALED, or None


def load(conn: Connection, data: bytes) -> Layout:
    """Fill `tmb_cells` from the file's bytes and return its layout with how many rows it holds;
    raise NotAnExport when it cannot be an export."""
    if sniff(data) == "utf-8":
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if b"\x00" in body:
            body = body.replace(b"\x00", b"")
        layout = _layout(body[:65536].decode("utf-8", errors="replace"))
        if not _has_empty_lines(body) and _duckdb_split(conn, body, layout):
            return _checked(conn, layout)
    text = decode(data)[0]
    layout = _layout(text[:65536])
    _python_split(conn, text, layout)
    return _checked(conn, layout)


def first_line(data: bytes) -> Layout | None:
    """What the file's first line says (read from it only), or None when it is not an export's."""
    try:
        return _layout(decode(data[:65536])[0])
    except (NotAnExport, UnicodeDecodeError):
        return None


def share_of(data: bytes) -> str | None:
    """A share's mark (columns.share_mark) when the file's first line is a share's, else None
    (an export, or not an export at all): read from its first line only."""
    layout = first_line(data)
    return layout.shared if layout else None


def _layout(head: str) -> Layout:
    first = re.split(r"\r\n|\r|\n", head, maxsplit=1)[0]
    sep = delimiter(first)
    try:
        headers = next(csv.reader(io.StringIO(first, newline=""), delimiter=sep), [])
    except csv.Error as why:
        raise NotAnExport(f"The file could not be read as CSV ({why}). {TRY_AGAIN}") from None
    if len(headers) > MOST_COLUMNS:
        raise NotAnExport(f"The first line has {len(headers):,} columns, where a Sportsbet export has 11: "
                          f"this is not an export as Sportsbet writes it. {TRY_AGAIN}")
    columns = map_headers(headers)
    missing = [HEADER_NAMES[c] for c in REQUIRED if c not in columns]
    if missing:
        raise NotAnExport(describe(head, headers, missing))
    return Layout(sep, headers, columns, time_zone_label(headers), shared=share_mark(headers))


#: The most columns a file may have (an export has 11; a few more are ignored).
MOST_COLUMNS = 100
_EMPTY_LINE = re.compile(rb"\n\r?\n|\r\r")


def _has_empty_lines(body: bytes) -> bool:
    """Whether an empty line stands between rows (outside quotes) before the end of the file.

    DuckDB skips such lines, which would shift every later row number; Python keeps count.
    """
    end = len(body.rstrip())
    quotes, last = 0, 0
    for found in _EMPTY_LINE.finditer(body, 0, end):
        quotes += body.count(b'"', last, found.start())
        last = found.start()
        if quotes % 2 == 0:
            return True
    return False


def _raw_sql(source: str, layout: Layout, row_number: str, shape: str, extra: int = 0) -> str:
    """The statement that fills `tmb_cells` from the split file (row numbers, the row's shape,
    known columns, blank rows left out) in one pass: cells.py adds its checks and conversions.
    `extra`: the fields past the header's that the source holds (c0 ... on)."""
    picks = ", ".join(
        f"c{layout.columns[key]} AS {key}" if key in layout.columns else f"CAST(NULL AS VARCHAR) AS {key}"
        for key in COLUMNS)
    everything = ", ".join(f"c{i}" for i in range(len(layout.headers) + extra))
    # Blank rows are left out (a field past the header's counts: the row is then the wrong
    # shape); the first cell alone nearly always shows a row is not blank.
    blank = (f"CASE WHEN regexp_full_match(coalesce(c0, ''), '\\s*') "
             f"THEN regexp_full_match(concat({everything}, ''), '\\s*') ELSE false END")
    raw = (f"SELECT * EXCLUDE (blank) FROM (SELECT {row_number} AS file_row, {shape} AS shape, {picks}, "
           f"{blank} AS blank FROM {source}) WHERE NOT blank")
    return f"CREATE OR REPLACE TEMP TABLE {cells.CELLS} AS {cells.cells_sql(raw)}"


def _names(layout: Layout) -> str:
    return ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(layout.headers) + EXTRA_FIELDS))


def _shape_sql(width: int, mark_last: bool = False) -> str:
    """A row's fields beyond the header's (negative: fewer), from DuckDB's split: an empty
    field is '' (the NULL string is one no file can hold) and only a missing one is NULL.
    The count is only made for the rare row whose last two fields do not already show it.
    `mark_last` (_mark_last): a row that lacks only that last field is whole."""
    last, beyond = f"c{width - 1}", f"c{width}"
    count = " + ".join(f"CAST(c{i} IS NOT NULL AS INTEGER)" for i in range(width + EXTRA_FIELDS))
    whole = f"{last} IS NOT NULL AND {beyond} IS NULL"
    if mark_last:
        whole = f"({whole}) OR ({last} IS NULL AND c{width - 2} IS NOT NULL)"
    return f"CASE WHEN {whole} THEN 0 ELSE {count} - {width} END"


def _mark_last(layout: Layout) -> bool:
    """Whether the file is a share whose last column is its mark (store/share.py writes it so).
    Its cells are empty, and a spreadsheet that saves the file again may leave that field out
    of a row (Excel does past its first rows): the row has lost nothing."""
    return layout.shared is not None and len(layout.headers) > 1 and share_mark(layout.headers[-1:]) is not None


def _duckdb_split(conn: Connection, body: bytes, layout: Layout) -> bool:
    """Let DuckDB split the file; False when it cannot (bad UTF-8, broken quoting)."""
    sep = "\\t" if layout.delimiter == "\t" else layout.delimiter
    path = conn.register_bytes(_UPLOAD, body)
    source = (f"read_csv('{path}', header = false, skip = 1, auto_detect = false, delim = '{sep}', "
              f"quote = '\"', escape = '\"', null_padding = true, strict_mode = true, parallel = false, "
              f"nullstr = chr(0), columns = {{{_names(layout)}}})")
    try:
        conn.execute(_raw_sql(source, layout, "CAST(row_number() OVER () + 1 AS INTEGER)",
                              _shape_sql(len(layout.headers), _mark_last(layout)), EXTRA_FIELDS))
        return True
    except Exception:  # noqa: BLE001 - any failure here means: let Python split it
        return False
    finally:
        conn.unregister(_UPLOAD)


def _python_split(conn: Connection, text: str, layout: Layout) -> None:
    """Split with Python's csv module and hand DuckDB a plain re-written copy with row numbers."""
    width = len(layout.headers)
    columns = {"file_row": "INTEGER", "shape": "INTEGER", **{f"c{i}": "VARCHAR" for i in range(width)}}
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))   # a damaged file's huge cell is
    records = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)   # reported, not raised
    next(records, None)
    # A cell longer than a row may hold is refused (columns.parse_row): cut to one past that here,
    # no line reaches DuckDB's limit of 2 MB.
    most = [LONGEST_SUMMARY + 1 if i == layout.columns.get("summary") else LONGEST_CELL + 1 for i in range(width)]
    short = -1 if _mark_last(layout) else 0   # fields a whole row may lack
    kept = ([number, 0 if short <= len(record) - width <= 0 else len(record) - width,
             *(c[:n] for c, n in zip(record, most)), *[""] * (width - len(record))]
            for number, record in enumerate(records, start=2) if any(cell.strip() for cell in record))
    path = conn.register_text(_UPLOAD, csv_text(columns, kept))   # blank records (extra fields too) left out
    try:
        conn.execute(_raw_sql(csv_source(path, columns, keep_empty=True), layout, "file_row", "shape"))
    finally:
        conn.unregister(_UPLOAD)


def _checked(conn: Connection, layout: Layout) -> Layout:
    rows = scalar(conn.query(f"SELECT count(*) AS n FROM {cells.CELLS}"))
    if not rows:
        raise NotAnExport(f"The file has the column headers but no transactions. {TRY_AGAIN}")
    return replace(layout, rows=rows)
