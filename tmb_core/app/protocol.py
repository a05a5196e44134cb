"""The engine protocol: the one contract between tmb_core and the site's worker and page.

One request is `{"op": NAME, "args": {...}}` (a file's bytes travel beside it, not in it);
one answer is `{"ok": True, "data": ...}` or `{"ok": False, "error": ERROR}`: a code, a message
for the punter and, for filters that could only mislead ("bad_filter"), the filter to put right.
Each op names its arguments with their types, the shape of its answer, whether it changes
the stored data (then the worker saves it on the device), and whether it hears progress.

`build.py` writes `contract()` as the JavaScript module the worker and the page import
(`tmb-contract`): the worker checks every request against it before Python sees it
(`site/engine/protocol.js`), and `Engine.handle` checks it again here. A type is one of
TYPES, or several joined by "|"; an answer key ending in "?" may be missing.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..figures.metrics import PERIODS
from ..figures.thresholds import SUPPORT
from ..model import FILTER_FIELDS, SAMPLE_ROWS, SAMPLE_SEED
from ..present.chartdata import CARDS, COMPARED, FITTING, TABLE_ROWS, TOP
from ..read.columns import SHARE_HEADER
from ..store.backup import LOCKED

#: The JSON types an argument or answer may have; "filters" is an object of FILTER_FIELDS
#: (text, or a whole number for "days"), "period" one of PERIODS.
TYPES = ("string", "integer", "number", "boolean", "object", "array", "null", "filters", "period")


@dataclass(frozen=True)
class Op:
    """One operation of the protocol."""

    args: dict[str, str]
    answer: dict[str, str] | str
    changes: bool = False    # changes the stored data: saved on the device before it counts
    early: bool = False      # (a change) answered first, saved right after the page's next request
    progress: bool = False   # hears progress while it works
    data: bool = False       # takes a file's bytes beside the request
    reads: bool = False      # reads the figures: answered from a client's share while one is open


#: The one shape of an error answer.
ERROR = {"code": "string", "message": "string", "field?": "string"}

_IMPORTED = {"name": "string", "inserted": "integer", "updated": "integer", "unchanged": "integer",
             "rejected": "integer", "issues": "array", "error?": "string", "upload_id": "integer",
             "rows_total": "integer", "first": "string|null", "last": "string|null", "shared?": "object"}
_BET_QUERY = {"filters": "filters", "search": "string", "sort": "string", "descending": "boolean"}

OPS = {
    "status": Op({}, {"transactions": "integer", "stored": "integer", "share_open": "boolean"}),
    "import_file": Op({"name": "string"}, _IMPORTED, changes=True, early=True, progress=True, data=True),
    "import_sample": Op({"rows": "integer", "seed": "integer"}, _IMPORTED, changes=True, early=True, progress=True),
    "open_share": Op({"name": "string"}, {**_IMPORTED, "issues_csv?": "string"}, progress=True, data=True),
    "close_share": Op({}, {"transactions": "integer", "stored": "integer", "share_open": "boolean"}),
    "keep_share": Op({}, _IMPORTED, changes=True),
    "share": Op({"scale": "boolean"}, "string", reads=True),
    "dashboard": Op({"filters": "filters", "period": "period", "known": "integer|null"},
                    {"headline": "object", "sources": "object", "swings": "object", "stored": "integer",
                     "choices?": "object", "uploads?": "array", "guess?": "object|null"}, reads=True),
    "dashboard_tables": Op({"filters": "filters", "period": "period"},
                           {"best": "object", "worst": "object", "breakdowns": "object", "insights": "object",
                            "patterns": "object", "choices": "object"}, reads=True),
    "signals": Op({"filters": "filters"}, {"signals": "array", "support": "array", "thresholds": "object",
                                           "reference": "string|null"}, reads=True),
    "printable_summary": Op({"filters": "filters", "period": "period", "made": "string"},
                            {"html": "string", "csv": "string"}, reads=True),
    "guess": Op({"filters": "filters", "net_profit": "number|null", "wins_of_10": "integer|null"},
                {"guess": "object"}, changes=True),
    "compare": Op({"filters": "filters", "preset": "string|null", "a": "array|null", "b": "array|null"},
                  {"a": "object", "b": "object", "change": "object", "sources": "object",
                   "preset?": "string", "reference?": "string"}, reads=True),
    "bets": Op({**_BET_QUERY, "limit": "integer", "offset": "integer"}, {"rows": "array", "total": "integer"},
               reads=True),
    "bets_csv": Op(_BET_QUERY, "string", reads=True),
    "backup": Op({}, "string"),
    "issues_csv": Op({"upload_id": "integer|null"}, "string"),
    "uploads": Op({}, "array", reads=True),
    "delete_all": Op({}, {"transactions": "integer"}, changes=True),
    "snapshot_plan": Op({}, {"code": "string", "tables": "object"}),
    "restore": Op({"files": "object", "saved": "array", "code": "string|null", "derived": "object|null"},
                  {"transactions": "integer", "derived_adopted": "boolean", "bets_reused": "boolean",
                   "understood_again": "boolean", "first": "string|null", "last": "string|null"}, progress=True),
    "derived_state": Op({"saved": "array"}, "object|null"),
    "warm_up": Op({"step": "integer"}, {"next": "integer|null"}),
}


#: The rows of the bets table the page shows at a time (and keeps with its last view).
BETS_PAGE = 50


class BadRequest(ValueError):
    """A request that does not follow the protocol (a bug in the page, not the user's data)."""


def _is(value, kind: str) -> bool:
    checks = {
        "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
        "null": lambda v: v is None, "period": lambda v: v in PERIODS,
        "filters": lambda v: isinstance(v, dict) and not filter_problems(v),
    }
    return any(checks[k](value) for k in kind.split("|"))


def filter_problems(filters: dict) -> list[str]:
    """What is wrong with a filters object: unknown keys, values of the wrong type."""
    fields = {f.name: f for f in FILTER_FIELDS}
    wrong = [f"unknown filter {key!r}" for key in filters if key not in fields]
    for key, value in filters.items():
        if key in fields and value is not None and not (
                isinstance(value, str) or (fields[key].kind == "days" and _is(value, "integer"))):
            wrong.append(f"filter {key!r} cannot be {value!r}")
    return wrong


def check_request(op: str, args: dict) -> None:
    """Raise BadRequest unless `op` exists and `args` are its arguments, each of its type."""
    if op not in OPS:
        raise BadRequest(f"unknown operation {op!r}")
    if not isinstance(args, dict):
        raise BadRequest(f"{op}: args must be an object")
    spec = OPS[op].args
    unknown = sorted(set(args) - set(spec))
    if unknown:
        raise BadRequest(f"{op} does not take {unknown}")
    for name, value in args.items():
        if name == "filters" and isinstance(value, dict) and filter_problems(value):
            raise BadRequest(f"{op}: {'; '.join(filter_problems(value))}")
        if value is not None and not _is(value, spec[name]):
            raise BadRequest(f"{op}: {name} must be {spec[name]}, not {value!r}")


def error_problems(error) -> list[str]:
    """Where an error answer differs from ERROR."""
    return _shape_problems("error", ERROR, error)


def answer_problems(op: str, data) -> list[str]:
    """Where an answer differs from the shape OPS gives it (the tests hold every op to it)."""
    shape = OPS[op].answer
    return _shape_problems(op, shape, data)


def _shape_problems(op: str, shape: dict | str, data) -> list[str]:
    if isinstance(shape, str):
        return [] if _is(data, shape) else [f"{op} answered {type(data).__name__}, not {shape}"]
    if not isinstance(data, dict):
        return [f"{op} answered {type(data).__name__}, not an object"]
    wrong = []
    for key, kind in shape.items():
        name = key.rstrip("?")
        if name not in data:
            wrong += [] if key.endswith("?") else [f"{op} answered no {name!r}"]
        elif not _is(data[name], kind):
            wrong.append(f"{op}: {name} is {data[name]!r}, not {kind}")
    extra = set(data) - {k.rstrip("?") for k in shape}
    return wrong + [f"{op} answered keys it does not declare: {sorted(extra)}"] * bool(extra)


def contract() -> dict:
    """The protocol as JSON, for the JavaScript side: ops, filters and periods, and what the page
    needs before the charts have loaded (the headline's cards, the compared rows, the period the
    profit chart opens with, the sample's size, the bets table's page, the support services, and
    the header that marks a client's share, which the page opens rather than imports, and how
    many rows a breakdown's chart and table show)."""
    return {
        "ops": {name: asdict(op) for name, op in OPS.items()},
        "filters": [asdict(f) for f in FILTER_FIELDS],
        "periods": list(PERIODS),
        "types": list(TYPES),
        "error": ERROR,
        "backup": {"locked": LOCKED.decode()},
        "fitting": [list(rule) for rule in FITTING],
        "cards": [list(card) for card in CARDS],
        "compared": [list(row) for row in COMPARED],
        "sample": {"rows": SAMPLE_ROWS, "seed": SAMPLE_SEED},
        "bets_page": BETS_PAGE,
        "support": list(SUPPORT),
        "share": {"mark": SHARE_HEADER},
        "breakdown_top": TOP, "breakdown_rows": TABLE_ROWS,
    }
