"""A client's share opened beside what is stored (tmb_core/app/sharing.py, the site's "shared by
a client" mode), on CPython: while it is open every op that reads figures answers as an engine
holding only the share would, the stored rows stay as they were, nothing of the share is stored
unless asked, and then never mixed with other rows."""
import csv
import io

import pytest
from helpers import DATA

from tmb_core import sample
from tmb_core.app import protocol
from tmb_core.app.engine import Engine
from tmb_core.app.protocol import OPS
from tmb_core.sql import DuckDBConnection

ASKS = {"dashboard": {"period": "week"}, "dashboard_tables": {"period": "month"},
        "signals": {}, "bets": {"sort": "profit", "limit": 20}, "bets_csv": {}, "uploads": {},
        "compare": {"preset": "year_vs_last_year"},
        "printable_summary": {"period": "month", "made": "2026-12-03"}, "share": {"scale": False}}


def ok(answer):
    assert answer["ok"], answer
    return answer["data"]


def engine_of(data: bytes, name: str = "own.csv") -> Engine:
    e = Engine(DuckDBConnection())
    ok(e.handle({"op": "import_file", "args": {"name": name}}, data))
    return e


def share_of(data: bytes, scale: bool = False) -> bytes:
    return ok(engine_of(data).handle({"op": "share", "args": {"scale": scale}})).encode()


def answers(e: Engine) -> dict:
    """What each op that reads figures answers (the upload log's times left out: its own clock)."""
    out = {op: ok(e.handle({"op": op, "args": args})) for op, args in ASKS.items()}
    for upload in out["uploads"] + out["dashboard"]["uploads"]:
        upload.pop("imported_at")
    return out


OWN = sample.generate_csv(900, seed=71).encode()
CLIENT = sample.generate_csv(1100, seed=72).encode()


def test_every_op_that_reads_figures_is_marked_and_none_that_changes_them():
    reads = {op for op, spec in OPS.items() if spec.reads}
    assert reads == set(ASKS)
    assert not any(OPS[op].changes for op in reads)


def test_while_a_share_is_open_the_figures_are_the_shares_and_the_stored_ones_come_back_unchanged():
    shared = share_of(CLIENT)
    e = engine_of(OWN)
    before, version = answers(e), ok(e.handle({"op": "status"}))["stored"]
    opened = ok(e.handle({"op": "open_share", "args": {"name": "client.csv"}}, shared))
    assert opened["inserted"] == 1100 and opened["shared"] == {"scaled": False}
    assert ok(e.handle({"op": "status"})) == {"transactions": 900, "stored": version, "share_open": True}
    alone = Engine(DuckDBConnection())
    ok(alone.handle({"op": "open_share", "args": {"name": "client.csv"}}, shared))
    assert answers(e) == answers(alone)
    assert answers(e)["dashboard"]["headline"] == answers(engine_of(CLIENT, "client.csv"))["dashboard"]["headline"]
    closed = ok(e.handle({"op": "close_share"}))
    assert closed["transactions"] == 900 and not closed["share_open"]
    assert answers(e) == before


def test_a_share_is_never_imported_and_an_export_never_opened_as_a_share():
    e = engine_of(OWN)
    refused = e.handle({"op": "import_file", "args": {"name": "client.csv"}}, share_of(CLIENT))
    assert refused["error"]["code"] == "bad_request" and "open_share" in refused["error"]["message"]
    refused = e.handle({"op": "open_share", "args": {"name": "own.csv"}}, CLIENT)
    assert refused["error"]["code"] == "bad_request" and "import_file" in refused["error"]["message"]
    assert ok(e.handle({"op": "status"}))["transactions"] == 900
    assert not ok(e.handle({"op": "status"}))["share_open"]


def test_a_share_that_is_no_export_any_more_is_answered_by_the_reader_and_not_opened():
    """A share whose Transaction Id column was cut out in a spreadsheet: its first line still
    carries the mark (the page sends it to open_share), and the reader says what it lacks."""
    e = engine_of(OWN)
    rows = [line.split(",") for line in share_of(CLIENT).decode().split("\r\n")]
    cut = "\r\n".join(",".join(cells[:3] + cells[4:]) for cells in rows).encode()
    answer = ok(e.handle({"op": "open_share", "args": {"name": "cut.csv"}}, cut))
    assert "'Transaction Id'" in answer["error"] and answer["inserted"] == 0
    assert protocol.answer_problems("open_share", answer) == []
    assert not ok(e.handle({"op": "status"}))["share_open"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_share_saved_again_without_its_empty_last_cells_is_read_whole(encoding):
    """A spreadsheet leaves out a row's empty cells at its end (Excel does, past its first rows):
    every row of a share then lacks the mark's field, which holds nothing, and is read whole."""
    shared = share_of(CLIENT)
    rows = list(csv.reader(io.StringIO(shared.decode(), newline="")))
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(r if i < 17 else r[:-1] for i, r in enumerate(rows))
    whole, cut = Engine(DuckDBConnection()), Engine(DuckDBConnection())
    ok(whole.handle({"op": "open_share", "args": {"name": "client.csv"}}, shared))
    opened = ok(cut.handle({"op": "open_share", "args": {"name": "client.csv"}}, text.getvalue().encode(encoding)))
    assert opened["inserted"] == 1100 and opened["rejected"] == 0
    assert answers(cut) == answers(whole)
    short = text.getvalue().replace(",false,false\r\n", ",false\r\n", 1)   # a row cut short still is
    assert ok(cut.handle({"op": "open_share", "args": {"name": "client.csv"}}, short.encode(encoding)))["rejected"] == 1


def test_a_share_none_of_whose_rows_reads_is_not_opened_and_leaves_the_open_one_open():
    e = engine_of(OWN)
    ok(e.handle({"op": "open_share", "args": {"name": "client.csv"}}, share_of(CLIENT)))
    header = share_of(CLIENT).split(b"\r\n", 1)[0]
    broken = header + b"\r\nnot a time,Bet Stake,,1,2,lots,,true,false,false,false,\r\n"
    answer = ok(e.handle({"op": "open_share", "args": {"name": "broken.csv"}}, broken))
    assert answer["inserted"] == 0 and answer["rejected"] == 1 and answer["issues"]
    assert [u["name"] for u in ok(e.handle({"op": "uploads"}))] == ["client.csv"]


def test_a_shares_problem_rows_come_with_it_and_the_stored_files_problem_rows_stay_theirs():
    partly_bad = (DATA / "bad" / "partly_bad.csv").read_bytes()
    e = Engine(DuckDBConnection())
    upload = ok(e.handle({"op": "import_file", "args": {"name": "partly_bad.csv"}}, partly_bad))["upload_id"]
    own = ok(e.handle({"op": "issues_csv", "args": {"upload_id": upload}}))
    head, first, rest = share_of(CLIENT).split(b"\r\n", 2)
    cells = first.split(b",")
    cells[5] = b"lots"   # the Amount
    opened = ok(e.handle({"op": "open_share", "args": {"name": "client.csv"}}, b"\r\n".join([head, b",".join(cells), rest])))
    assert opened["rejected"] == 1 and protocol.answer_problems("open_share", opened) == []
    assert "client.csv,2,Amount,lots," in opened["issues_csv"] and "partly_bad" not in opened["issues_csv"]
    assert ok(e.handle({"op": "issues_csv", "args": {"upload_id": upload}})) == own, "the import list's own file"
    assert "partly_bad.csv" in own and "client.csv" not in own


def test_a_share_is_kept_only_exact_and_only_where_nothing_is_stored():
    e = engine_of(OWN)
    ok(e.handle({"op": "open_share", "args": {"name": "client.csv"}}, share_of(CLIENT)))
    refused = e.handle({"op": "keep_share"})
    assert refused["error"]["code"] == "CannotKeep" and "never mixed" in refused["error"]["message"]

    empty = Engine(DuckDBConnection())
    ok(empty.handle({"op": "open_share", "args": {"name": "scaled.csv"}}, share_of(CLIENT, scale=True)))
    refused = empty.handle({"op": "keep_share"})
    assert refused["error"]["code"] == "CannotKeep" and "scaled" in refused["error"]["message"]
    assert ok(empty.handle({"op": "status"}))["transactions"] == 0

    ok(empty.handle({"op": "open_share", "args": {"name": "client.csv"}}, share_of(CLIENT)))
    shown = answers(empty)
    kept = ok(empty.handle({"op": "keep_share"}))
    assert kept["inserted"] == 1100 and protocol.answer_problems("keep_share", kept) == []
    assert ok(empty.handle({"op": "status"}))["transactions"] == 1100
    ok(empty.handle({"op": "close_share"}))
    after = answers(empty)
    assert after["dashboard"]["headline"] == shown["dashboard"]["headline"]
    assert after["share"] == shown["share"], "the stored rows are the share's: the same share again"


@pytest.mark.parametrize("scale", [False, True], ids=["exact", "scaled"])
def test_a_share_of_an_open_share_says_whether_its_amounts_are_scaled(scale):
    e = Engine(DuckDBConnection())
    ok(e.handle({"op": "open_share", "args": {"name": "client.csv"}}, share_of(CLIENT, scale)))
    again = ok(e.handle({"op": "share", "args": {"scale": False}}))
    assert again.split("\r\n", 1)[0].endswith("(amounts scaled: turnover 100)" if scale else "TrackMyBets share")


def test_the_reference_exports_are_no_shares():
    e = Engine(DuckDBConnection())
    for path in sorted((DATA / "good").glob("*.csv")):
        assert "shared" not in ok(e.handle({"op": "import_file", "args": {"name": path.name}}, path.read_bytes()))
