"""The CLI, run as a user runs it: a real process on real files."""
import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "tmb_core", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_summary_json_has_the_documented_keys_and_figures():
    done = run("summary", DATA / "good/all_kinds.csv", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    for key in ("files", "transactions", "bets", "unsettled_bets", "unsettled_exposure", "deposits",
                "withdrawals", "returned_withdrawals", "staked", "returned", "net_profit",
                "settled_net_profit", "bonus_returns", "profit_by_kind", "balance_gaps", "first", "last"):
        assert key in out, key
    assert out["net_profit"] == 135.5 and out["withdrawals"] == 300.0
    assert set(out["profit_by_kind"]) == {"single", "multi", "exotic", "pool"}
    [f] = out["files"]
    assert (f["name"], f["inserted"], f["updated"], f["unchanged"], f["rejected"], f["issues"]) == (
        "all_kinds.csv", 21, 0, 0, 0, [])


def test_a_rejected_file_sets_exit_status_1_and_says_why():
    done = run("summary", DATA / "good/basic.csv", DATA / "bad/export.json", "--json")
    assert done.returncode == 1
    files = json.loads(done.stdout)["files"]
    assert "error" not in files[0] and "JSON" in files[1]["error"]


def test_bad_rows_are_listed_with_row_and_message():
    done = run("summary", DATA / "bad/partly_bad.csv", "--json")
    assert done.returncode == 0
    issues = json.loads(done.stdout)["files"][0]["issues"]
    assert {i["row"] for i in issues} >= {3, 5, 6, 7} and all(i["message"] for i in issues)


def test_filters_on_the_command_line():
    done = run("summary", DATA / "good/all_kinds.csv", "--json", "--sport", "Horse Racing")
    out = json.loads(done.stdout)
    assert out["bets"] == 3 and out["staked"] == 27.0


def test_text_summary_is_readable():
    done = run("summary", DATA / "good/all_kinds.csv")
    assert done.returncode == 0
    assert "Net profit" in done.stdout and "+$135.50" in done.stdout and "all_kinds.csv: 21 new" in done.stdout


def _remote_references(page: str) -> list[str]:
    """src/href attributes of real HTML tags that point at another origin."""
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v for k, v in attrs if k in ("src", "href") and v and re.match(r"(https?:)?//", v))

    Links().feed(page)
    return found


def test_report_is_standalone_html(tmp_path):
    out = tmp_path / "report.html"
    done = run("report", DATA / "good/all_kinds.csv", "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert _remote_references(page) == [], "the report must not load anything from elsewhere"
    assert "Bokeh" in page and 'data-kpi="net_profit"' in page and 'data-value="135.5"' in page


def test_report_escapes_text_from_files(tmp_path):
    evil = tmp_path / "evil.csv"
    evil.write_text("Time (AEST),Type,Summary,Transaction Id,Bet Id,Amount,Balance\n"
                    '01/01/2026 10:00,Bet Stake,"<script>alert(1)</script> v =HYPERLINK(1)\n W\nX @ 2.00 (Win)",1,9,-5.00,0\n'
                    '01/01/2026 11:00,Win,"<script>alert(1)</script> v =HYPERLINK(1)\n W\nX @ 2.00 (Win)",2,9,10.00,10\n')
    out = tmp_path / "r.html"
    assert run("report", evil, "-o", out).returncode == 0
    page = out.read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_sample_command_writes_an_importable_export(tmp_path):
    out = tmp_path / "sample.csv"
    assert run("sample", "--rows", "300", "--seed", "4", "-o", out).returncode == 0
    done = run("summary", out, "--json")
    summary = json.loads(done.stdout)
    assert done.returncode == 0 and summary["transactions"] == 300 and summary["balance_gaps"] == 0


@pytest.mark.parametrize("options, words", [(["--from", "2026-12-01", "--to", "2026-11-01"], "is after the To date"),
                                            (["--presumed-lost-days", "-4"], "from 0 to 3,650")])
def test_filters_that_could_only_mislead_stop_the_cli_with_a_message(options, words):
    done = run("summary", DATA / "good/basic.csv", "--json", *options)
    assert done.returncode == 2 and words in done.stderr and done.stdout == ""


def test_summary_json_carries_the_insights_under_the_same_filters(tmp_path):
    from tmb_core import Ledger, sample
    from tmb_core.model import Filters

    path = tmp_path / "s.csv"
    path.write_text(sample.generate_csv(1500, seed=8))
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", path.read_bytes())
    soccer = Filters(sport="Soccer", date_from=dt.date(2025, 6, 1))
    for options, filters in (([], Filters()), (["--sport", "Soccer", "--from", "2025-06-01"], soccer)):
        done = run("summary", path, "--json", *options)
        assert json.loads(done.stdout)["insights"] == json.loads(json.dumps(ledger.insights(filters)))
    assert ledger.insights(Filters(sport="Soccer")) != ledger.insights()


def test_the_text_summary_and_the_report_say_how_often_you_lose(tmp_path):
    from tmb_core import Ledger
    from tmb_core.present.text import truth_lines

    path = DATA / "good/all_kinds.csv"
    ledger = Ledger.in_memory()
    ledger.import_file(path.name, path.read_bytes())
    lines = truth_lines(ledger.insights(), ledger.headline())
    assert lines and lines[0].startswith("You lost money in")
    text = run("summary", path).stdout
    assert all(line in text for line in lines)
    out = tmp_path / "report.html"
    run("report", path, "-o", out)
    report = out.read_text()
    assert "How often you lose" in report and all(html.escape(line) in report for line in lines)


def test_no_copy_of_an_export_is_left_behind(tmp_path):
    """DuckDB reads an export from a file of its own; the CLI's run (which does not close its
    ledger) leaves no such copy, nor its folder, in the temporary directory."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run([sys.executable, "-m", "tmb_core", "summary", str(DATA / "good/all_kinds.csv")],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stderr
    assert list(scratch.rglob("*")) == []


def test_a_loss_is_written_with_the_minus_sign_as_on_the_site(tmp_path):
    """Money and percentages alike: −$12.00 and −14.2%, never a hyphen, in the text summary."""
    export = tmp_path / "export.csv"
    assert run("sample", "-o", export, "--rows", "800", "--seed", "7").returncode == 0
    figures = json.loads(run("summary", export, "--json").stdout)
    text = run("summary", export).stdout
    assert figures["net_profit"] < 0 and figures["roi"] < 0, "the sample's punter loses, as most do"
    roi = next(line for line in text.splitlines() if "Return on turnover" in line)
    assert roi.split()[-1] == f"\u2212{abs(figures['roi']) * 100:.1f}%"
    assert f"\u2212${abs(figures['net_profit']):,.2f}" in text
    assert not re.search(r"(^|[\s(])-[$\d]", text, re.M), "a hyphen where a minus belongs"
