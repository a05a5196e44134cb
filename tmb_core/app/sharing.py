"""A client's share opened beside what is stored: the site's "shared by a client" mode.

A coach drops the share a client made (store/share.py) on the same site. It is read, like an
export, into a database of its own (`Connection.fresh`: in memory, never saved), and while it
is open every op that reads figures (`Op.reads`) is answered from it; the stored rows, and
every op that changes them, stay as they were. Nothing of the share is kept on the device
unless the coach asks (`keep_share`), and then only where nothing else is stored (a share is
never mixed with other rows) and only an exact share (a scaled one holds no real sums).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import SHARE_SCALED
from ..present.export import issues_csv
from ..read.split import first_line, share_of
from .protocol import BadRequest

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["OpenShare", "share_of", "open_share", "close_share", "keep_share", "CannotKeep"]


@dataclass(frozen=True)
class OpenShare:
    """The share an engine's rows were read from: its file's name and bytes (kept, to be
    stored if asked), and whether its amounts are scaled."""

    name: str
    data: bytes
    scaled: bool


class CannotKeep(ValueError):
    """The open share cannot be stored on this device; the message says why."""


def open_share(engine: Engine, name: str, data: bytes, progress=None) -> dict:
    """Read the share into an engine of its own and open it in place of any open one; its
    import answer, with its problem rows as CSV (`issues_csv`: its upload id is the share's own
    database's, so `issues_csv`, which asks the stored upload log, cannot find them). One none
    of whose rows could be read (its answer says why) is not opened, and leaves the open one open;
    nor is one that is no export at all (a column cut out in a spreadsheet: the reader says why)."""
    layout = first_line(data)
    if layout is not None and layout.shared is None:
        raise BadRequest(f"{name} is not a TrackMyBets share: import_file imports it")
    scaled = layout is not None and layout.shared == SHARE_SCALED
    opened = type(engine)(engine.ledger.conn.fresh(), OpenShare(name, data, scaled))
    try:
        answer = opened.import_answer(name, data, progress)
    except Exception:
        opened.ledger.conn.close()   # (its database in the worker is detached, not left behind)
        raise
    if answer["issues"]:
        answer["issues_csv"] = issues_csv(opened.ledger.issues(answer["upload_id"]))
    if "error" in answer or not answer["inserted"]:
        opened.ledger.conn.close()
        return answer
    close_share(engine)
    engine.share = opened
    return answer


def close_share(engine: Engine) -> None:
    """Close the open share, if any, and free its database."""
    if engine.share is not None:
        engine.share.ledger.conn.close()
        engine.share = None


def keep_share(engine: Engine) -> dict:
    """Store the open share's rows as this device's; its import answer. The share stays open
    (the same figures) until closed: should saving fail, the stored rows go back to none."""
    if engine.share is None:
        raise BadRequest("keep_share: no share is open")
    share = engine.share.from_share
    if share.scaled:
        raise CannotKeep("This share's amounts are scaled, so its sums are not the account's: it can be "
                         "looked at, not kept. Ask for an exact share to keep one.")
    if engine.ledger.transaction_count():
        raise CannotKeep("This browser keeps other betting data already, and a share is never mixed with "
                         "other data. To keep the share, first delete what is stored here.")
    return engine.import_answer(share.name, share.data)
