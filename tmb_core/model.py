"""The domain nouns of TrackMyBets, as immutable records.

Every other module speaks in these terms. Bad user data is never raised:
it travels as `Issue` records next to the good data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class TxKind(StrEnum):
    """What a transaction row does to the account (docs/domain.md, "Transaction kinds")."""

    STAKE = "stake"
    WIN = "win"
    LOSE = "lose"
    VOID = "void"
    CASH_OUT = "cash_out"
    BONUS_STAKE = "bonus_stake"
    REFUND = "refund"
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"
    RETURNED_WITHDRAWAL = "returned_withdrawal"
    ADJUSTMENT = "adjustment"
    TRANSFER = "transfer"
    BONUS = "bonus"
    OTHER = "other"


#: Kinds that belong to a bet when they carry a Bet Id.
BET_KINDS = frozenset({
    TxKind.STAKE, TxKind.WIN, TxKind.LOSE, TxKind.VOID, TxKind.CASH_OUT,
    TxKind.BONUS_STAKE, TxKind.REFUND,
})

#: Kinds that settle a bet (a bet with none of these has no result yet).
RESULT_KINDS = frozenset({
    TxKind.WIN, TxKind.LOSE, TxKind.VOID, TxKind.CASH_OUT, TxKind.REFUND,
})


class BetKind(StrEnum):
    """The export's own bet-kind flags."""

    SINGLE = "single"
    MULTI = "multi"
    EXOTIC = "exotic"
    POOL = "pool"
    UNKNOWN = "unknown"


class Status(StrEnum):
    """Where a bet stands, derived over every stored row."""

    WON = "won"
    LOST = "lost"
    VOID = "void"
    CASHED_OUT = "cashed_out"
    UNSETTLED = "unsettled"
    PRESUMED_LOST = "presumed_lost"


class Severity(StrEnum):
    """How much of the input an issue costs."""

    WARNING = "warning"  # the row is kept, a value was doubtful
    ROW = "row"          # the row is rejected, the rest of the file is kept
    FILE = "file"        # the whole file is rejected, nothing is stored


UNKNOWN = "Unknown"
#: The name the made-up punter's export is imported under (the site's "try it with sample data",
#: the CLI's `sample -o`): the upload log marks its uploads, and the site keeps them apart.
SAMPLE_NAME = "sample-export.csv"
#: The rows and seed of the site's sample data: the page asks the engine for this export, and
#: build.py prepares its dashboard (tmb_core/app/prepared.py) so the page can show it at once.
SAMPLE_ROWS = 3000
SAMPLE_SEED = 7
#: Days after which a bet with no result row counts as presumed lost, unless the user says otherwise.
PRESUMED_LOST_DAYS = 3
#: The most days the punter may choose (ten years); more is taken as this many.
PRESUMED_LOST_MAX_DAYS = 3650
#: What a TrackMyBets share (store/share.py) holds: the account's own amounts, or amounts
#: scaled so that the turnover is 100 (store/scale.py).
SHARE_EXACT, SHARE_SCALED = "exact", "scaled"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a user's file, phrased for the punter."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: Severity = Severity.ROW

    def as_dict(self) -> dict:
        return {
            "file": self.file, "row": self.row, "column": self.column,
            "value": self.value, "message": self.message,
            "severity": str(self.severity),
        }


@dataclass(frozen=True, slots=True)
class Leg:
    """One selection of a bet, as far as the Summary text tells it."""

    event: str | None = None
    market: str | None = None
    selection: str | None = None
    price: float | None = None
    runner: int | None = None
    component: str | None = None


@dataclass(frozen=True, slots=True)
class Details:
    """What the Summary and the flags say about the bet a row belongs to."""

    bet_kind: BetKind = BetKind.UNKNOWN
    bet_type: str = UNKNOWN
    headline: Leg = Leg()        # the bet as one line: its event, market, selection, price ...
    legs: tuple[Leg, ...] = ()   # every selection the Summary lists
    sport: str = UNKNOWN
    competition: str = UNKNOWN
    teams: tuple[str, ...] = ()
    leg_labels: tuple[tuple[str | None, str | None], ...] = ()   # each leg's event's sport and competition


@dataclass(frozen=True, slots=True)
class ReadResult:
    """A file read into the staging table (store/staging.py): its row count and the issues found.

    `error` is set when the file is rejected whole; then nothing is staged.
    """

    name: str
    issues: tuple[Issue, ...]
    rows_total: int = 0
    error: str | None = None
    sha256: str = ""
    time_zone: str = "AEST"  # the zone the time header names; times are kept as written
    shared: str | None = None  # a TrackMyBets share: SHARE_EXACT or SHARE_SCALED; None for an export


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import did to the store."""

    name: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    issues: tuple[Issue, ...] = ()
    error: str | None = None
    upload_id: int | None = None  # its line in the upload log
    rows_total: int = 0           # data rows the file held
    shared: str | None = None     # the file is a TrackMyBets share: SHARE_EXACT or SHARE_SCALED

    def as_dict(self) -> dict:
        """The report as the CLI prints it (`upload_id` and `rows_total` are the engine's);
        a share says so: `shared` is `{"scaled": bool}` (the site's "shared by a client" mode)."""
        out = {
            "name": self.name, "inserted": self.inserted, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": self.rejected,
            "issues": [i.as_dict() for i in self.issues],
        }
        if self.error is not None:
            out["error"] = self.error
        if self.shared is not None:
            out["shared"] = {"scaled": self.shared == SHARE_SCALED}
        return out


@dataclass(frozen=True, slots=True)
class FilterField:
    """One filter, as every side shows it: its `Filters` field, its label on the page, its
    kind ("date"; "choice": one of the stored values; "days"), the CLI's option and a help text."""

    name: str
    label: str
    kind: str
    option: str
    help: str = ""


#: Every filter, in the order the page and the CLI show them: the ONE list from which the
#: `Filters` record, the CLI's options, the engine's checks and the page's controls follow.
FILTER_FIELDS = (
    FilterField("date_from", "From", "date", "--from", "first day, YYYY-MM-DD (the page: day/month/year)"),
    FilterField("date_to", "To", "date", "--to", "last day, YYYY-MM-DD (the page: day/month/year)"),
    FilterField("sport", "Sport", "choice", "--sport"),
    FilterField("competition", "Competition", "choice", "--competition"),
    FilterField("team", "Team or player", "choice", "--team"),
    FilterField("market", "Market", "choice", "--market"),
    FilterField("bet_kind", "Bet kind", "choice", "--bet-kind"),
    FilterField("bet_type", "Bet type", "choice", "--bet-type"),
    FilterField("status", "Status", "choice", "--status"),
    FilterField("presumed_lost_days", "Presumed lost after", "days", "--presumed-lost-days",
                "A bet with no result row after this many days counts as lost"),
)
#: The filters that pick one of the stored values; the figures break bets down by them too.
CHOICES = tuple(f.name for f in FILTER_FIELDS if f.kind == "choice")
#: The bet kinds a bet's flags can name (UNKNOWN aside): the headline's profit by kind.
NAMED_BET_KINDS = tuple(k.value for k in BetKind if k is not BetKind.UNKNOWN)


@dataclass(frozen=True, slots=True)
class Filters:
    """One set of filters, applied the same way by every metric (its fields: FILTER_FIELDS).

    Dates are inclusive local dates. Bet filters (sport ... status) narrow the
    bets; cash movements follow the date range only. `as_of` is no filter of the
    page's: the cut-off for presumed losses, by default the latest stored transaction.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sport: str | None = None
    competition: str | None = None
    team: str | None = None
    market: str | None = None
    bet_kind: str | None = None
    bet_type: str | None = None
    status: str | None = None
    presumed_lost_days: int = PRESUMED_LOST_DAYS
    as_of: dt.datetime | None = None  # default: the latest stored transaction

    def problems(self) -> list[tuple[str, str]]:
        """(filter, message) for each filter that could only mislead: a From date after the
        To date (no day in both), a number of days below 0 or above PRESUMED_LOST_MAX_DAYS."""
        out = []
        if self.date_from and self.date_to and self.date_from > self.date_to:
            out.append(("date_from", f"The From date ({self.date_from:%d/%m/%Y}) is after the To date "
                                     f"({self.date_to:%d/%m/%Y}), so no day is in both: swap them or clear one."))
        days = self.presumed_lost_days
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= PRESUMED_LOST_MAX_DAYS:
            out.append(("presumed_lost_days", "Presumed lost after must be a whole number of days from 0 to "
                                              f"{PRESUMED_LOST_MAX_DAYS:,} (ten years), not {days!r}."))
        return out

    def check(self) -> Filters:
        """These filters, or BadFilter naming the first problem."""
        found = self.problems()
        if found:
            raise BadFilter(*found[0])
        return self

    @classmethod
    def from_json(cls, values: dict) -> Filters:
        """Filters from the page's form of them (FILTER_FIELDS by name: ISO dates, empty text
        meaning 'any'); a value that cannot be read is a BadFilter. Unknown names are the
        caller's to refuse."""
        fields = {f.name: f for f in FILTER_FIELDS}
        read = {name: _filter_value(fields[name], value) for name, value in values.items()
                if name in fields and value not in (None, "")}
        read.setdefault("presumed_lost_days", PRESUMED_LOST_DAYS)
        return cls(**read)

    def as_json(self) -> dict:
        """These filters in the page's form (`from_json` reads it back), those that are set."""
        out = {}
        for f in FILTER_FIELDS:
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.isoformat() if f.kind == "date" else value
        return out


def _filter_value(field: FilterField, value):
    try:
        if field.kind == "date":
            return _day(value)
        return int(value) if field.kind == "days" else str(value)
    except (TypeError, ValueError):
        example = "a date written day/month/year, like 24/11/2026" if field.kind == "date" else "a whole number of days"
        raise BadFilter(field.name, f"{field.label} must be {example}, not {value!r}.") from None


def _day(text: str) -> dt.date:
    """A date as the page sends it (ISO) or as a punter types it, day first (24/11/2026)."""
    if "/" not in text:
        return dt.date.fromisoformat(text)
    day, month, year = text.split("/")
    if len(year) != 4:   # a year half typed is no year
        raise ValueError(text)
    return dt.date(int(year), int(month), int(day))


class BadFilter(ValueError):
    """Filters that cannot give a true figure; `field` names the filter, the message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
