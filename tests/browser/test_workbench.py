"""The workbench (`python -m tmb_core explore`) served for real on a free port, on generated
exports, driven in Chromium: its figures under filters equal `summary --json` with the same
filters, its download equals the filtered bets, and nothing is fetched from another origin."""
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
from browserkit import ROOT, Watch, cli_summary, shot

from tmb_core import Filters, Ledger
from tmb_core.app.explore import free_port
from tmb_core.present.chartdata import CARDS
from tmb_core.present.workbench.filterbar import LEFT, NONE_LEFT

KPIS = [key for key, *_ in CARDS]
#: The filters the page marks when none is set (`Filters.as_json`: the presumed-lost days are always set).
UNFILTERED = {"presumed_lost_days": 3}
PANEL_CDN = "https://cdn.holoviz.org/panel/"


def start(*args) -> tuple[subprocess.Popen, str]:
    """`explore` with these arguments on a free port, once it answers; its URL. Its output goes
    to a file (a pipe nobody reads fills up with a long import report and stops the server)."""
    port = free_port()
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([sys.executable, "-m", "tmb_core", "explore", *map(str, args), "--port", str(port),
                             "--no-browser"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"explore stopped: {log.read()}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("explore never answered")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbench")
    files = []
    for rows, seed in ((2500, 21), (1200, 22)):
        path = folder / f"export_{seed}.csv"
        subprocess.run([sys.executable, "-m", "tmb_core", "sample", "--rows", str(rows), "--seed", str(seed),
                        "-o", str(path)], check=True, cwd=ROOT, capture_output=True)
        files.append(path)
    return files


@pytest.fixture(scope="module")
def served(exports):
    proc, url = start(*exports)
    yield url
    stop(proc)


@pytest.fixture
def bench(browser, served):
    """A page of the workbench in a fresh context, watched for other-origin requests and errors."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.watch = Watch(ctx, served)
    page = ctx.watch.page(ctx.new_page())
    page.goto(served)
    wait_filters(page, UNFILTERED)
    yield page
    ctx.watch.assert_clean()
    ctx.close()


def wait_filters(page, shown: dict) -> None:
    """Until the figures shown are those of these filters (the page marks them on its answer)."""
    want = json.dumps(shown, sort_keys=True)
    page.locator(f"[data-filters='{want}']").wait_for(timeout=60_000)


def cards(page) -> dict:
    return {key: page.locator(f'[data-kpi="{key}"]').get_attribute("data-value") for key in KPIS}


def expected(summary: dict) -> dict:
    return {key: str(summary[key]) for key in KPIS}


def choose(page, label: str, value: str) -> None:
    page.get_by_role("combobox", name=label).select_option(value)


def type_date(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Enter")


def test_figures_under_filters_equal_the_cli(bench, exports):
    assert cards(bench) == expected(cli_summary(*exports))
    options = bench.get_by_role("combobox", name="Sport").locator("option").all_inner_texts()
    assert options[0] == "Any" and len(options) > 3
    sport = options[2]
    choose(bench, "Sport", sport)
    wait_filters(bench, {"sport": sport, "presumed_lost_days": 3})
    assert cards(bench) == expected(cli_summary(*exports, args=("--sport", sport)))
    # each other choice narrows to the sport's bets: the sport's competitions come first, the
    # others in a group of their own, still listed
    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    stored, left = ledger.choices()["competition"], ledger.narrowed_choices(Filters(sport=sport))["competition"]
    competition = bench.get_by_role("combobox", name="Competition")
    assert competition.locator(f"optgroup[label='{LEFT}'] option").all_inner_texts() == left
    rest = competition.locator(f"optgroup[label='{NONE_LEFT}'] option").all_inner_texts()
    assert rest == [c for c in stored if c not in left] and rest
    type_date(bench, "From", "01/03/2025")
    wait_filters(bench, {"sport": sport, "date_from": "2025-03-01", "presumed_lost_days": 3})
    assert cards(bench) == expected(cli_summary(*exports, args=("--sport", sport, "--from", "2025-03-01")))


def test_a_choice_with_no_bets_left_is_taken(bench, exports):
    """A stored value no bet under the other filters has (listed apart; a quick punter on a big
    export may choose it from a list drawn before the server narrowed it) is taken, and the
    figures follow it: no bets."""
    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    sports = ledger.choices()["sport"]
    choose(bench, "Sport", sports[0])
    wait_filters(bench, {"sport": sports[0], "presumed_lost_days": 3})
    other = next(c for c in ledger.choices()["competition"]
                 if c not in ledger.narrowed_choices(Filters(sport=sports[0]))["competition"])
    choose(bench, "Competition", other)
    wait_filters(bench, {"sport": sports[0], "competition": other, "presumed_lost_days": 3})
    assert cards(bench) == expected(cli_summary(*exports, args=("--sport", sports[0], "--competition", other)))


def test_presumed_lost_days_follow_the_cli(bench, exports):
    label = bench.locator("label", has_text="Presumed lost after (days)")
    box = bench.locator(".bk-input-group", has=label).locator("input.bk-input")
    box.fill("30")
    box.press("Enter")
    wait_filters(bench, {"presumed_lost_days": 30})
    assert cards(bench) == expected(cli_summary(*exports, args=("--presumed-lost-days", "30")))


def test_a_bad_filter_is_said_and_changes_no_figure(bench, exports):
    before = cards(bench)
    type_date(bench, "To", "31/02/2025")
    bench.get_by_text("To must be a date written day/month/year, like 24/11/2026, not '31/02/2025'").wait_for()
    assert cards(bench) == before
    type_date(bench, "From", "01/06/2025")
    type_date(bench, "To", "01/05/2025")
    said = bench.get_by_text("The From date (01/06/2025) is after the To date (01/05/2025)")
    said.wait_for()
    assert cards(bench) == before
    bench.get_by_role("button", name="Clear filters").click()
    wait_filters(bench, UNFILTERED)
    said.wait_for(state="hidden")
    assert cards(bench) == expected(cli_summary(*exports))


def test_the_download_holds_the_filtered_bets(bench, exports):
    choose(bench, "Bet kind", "multi")
    wait_filters(bench, {"bet_kind": "multi", "presumed_lost_days": 3})
    with bench.expect_download() as got:
        bench.get_by_role("button", name="Download these bets (CSV)").click()
    text = got.value.path().read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text)))
    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    bets = ledger.bets(Filters(bet_kind="multi"))
    assert sorted(r["bet_id"] for r in table) == sorted(str(b["bet_id"]) for b in bets)
    assert round(sum(float(r["profit"]) for r in table), 2) == cli_summary(*exports, args=("--bet-kind", "multi"))["net_profit"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_and_draws_its_charts(browser, served, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    ctx.watch = Watch(ctx, served)
    page = ctx.watch.page(ctx.new_page())
    page.goto(served)
    wait_filters(page, UNFILTERED)
    page.wait_for_timeout(1000)
    canvases = page.locator("canvas")
    assert canvases.count() >= 9
    main = page.locator("#main")
    assert main.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the page scrolls sideways"
    shot(page, f"workbench_{width}")
    ctx.watch.assert_clean()
    ctx.close()


def test_a_kept_database_opens_again(browser, exports, tmp_path):
    db = tmp_path / "bets.duckdb"
    proc, _ = start(exports[0], "--db", db)
    stop(proc)
    proc, url = start("--db", db)
    try:
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(url)
        wait_filters(page, UNFILTERED)
        assert cards(page) == expected(cli_summary(exports[0]))
        ctx.close()
    finally:
        stop(proc)


def test_the_notebook_layout_shows_the_same_figures(browser, exports, tmp_path):
    """`tmb_core.explore(ledger)` is a Panel layout; saved as a page (as a notebook's cell shows
    it, without a server) it holds the ledger's figures and draws its charts. A page saved by
    Panel links its stylesheets from Panel's CDN (no script, no data; a notebook's cell has them
    inline: tests/test_workbench_notebook.py): nothing else may come from elsewhere."""
    import tmb_core

    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    layout = tmb_core.explore(ledger)
    page_file = tmp_path / "cell.html"
    layout.save(str(page_file), resources="inline")
    ctx = browser.new_context()
    ctx.watch = Watch(ctx, page_file.as_uri())
    page = ctx.watch.page(ctx.new_page())
    page.goto(page_file.as_uri())
    wait_filters(page, UNFILTERED)
    assert cards(page) == expected(cli_summary(*exports))
    page.locator("canvas").first.wait_for()
    assert page.locator("canvas").count() >= 9
    assert all(e.startswith("Failed to load resource") for e in ctx.watch.errors)   # those stylesheets, offline
    assert all(url.startswith(PANEL_CDN) and url.split("?")[0].endswith(".css") for url in ctx.watch.foreign)
    ctx.close()


def test_the_download_follows_the_tables_own_filter(bench, exports):
    """A column filter typed in the bets table narrows what the download holds, every column kept."""
    choose(bench, "Sport", "Horse Racing")
    wait_filters(bench, {"sport": "Horse Racing", "presumed_lost_days": 3})
    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    bets = ledger.bets(Filters(sport="Horse Racing"))
    track = max({b["competition"] for b in bets}, key=lambda c: sum(b["competition"] == c for b in bets))
    header = bench.locator(".tabulator-col[tabulator-field='competition'] input").last
    header.fill(track)
    header.press("Enter")
    want = sorted(str(b["bet_id"]) for b in bets if track.lower() in b["competition"].lower())   # "like"
    for _ in range(50):   # the table takes the column filter on the server a moment later
        with bench.expect_download() as got:
            bench.get_by_role("button", name="Download these bets (CSV)").click()
        table = list(csv.DictReader(io.StringIO(got.value.path().read_text(encoding="utf-8"))))
        if len(table) == len(want):
            break
        bench.wait_for_timeout(200)
    assert sorted(r["bet_id"] for r in table) == want
    assert {"settled", "summary", "legs", "row_count"} <= set(table[0])


def handshake(url: str, origin: str) -> int:
    """The status a websocket opening of the workbench's /ws gets from this origin."""
    import base64
    import os
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(url)
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {where.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n").encode())
        return int(sock.recv(1024).split(b" ")[1])


def test_other_sites_cannot_reach_the_data(served):
    """The websocket that carries the figures refuses a page of another origin."""
    assert handshake(served, "http://evil.example") == 403
    assert handshake(served, "http://localhost.evil.example") == 403
    assert handshake(served, served.rstrip("/")) == 101


def test_a_typed_filter_is_never_read_as_html(bench):
    """What the punter types is said back as text: the message of a bad date is not Markdown
    nor HTML (an image tag that ran a script there would run whatever a pasted text held)."""
    dialogs = []
    bench.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    typed = "<img src=x onerror=alert(1)>**x**"
    type_date(bench, "From", typed)
    bench.get_by_text(f"From must be a date written day/month/year, like 24/11/2026, not '{typed}'").wait_for()
    bench.wait_for_timeout(500)
    assert dialogs == []
    assert bench.locator("img[src='x'], strong").count() == 0


def drawn(page, name: str, column: str) -> list:
    """A column of a chart's named source, as the browser holds it."""
    return page.evaluate(f"() => Array.from(Bokeh.documents[0].get_model_by_name('{name}').data.{column})")


def test_a_new_period_redraws_the_filtered_figures_over_time(bench, exports):
    """The period redraws profit and cash per period for the filters shown, and leaves every
    other figure as it was."""
    choose(bench, "Sport", "Horse Racing")
    wait_filters(bench, {"sport": "Horse Racing", "presumed_lost_days": 3})
    before = cards(bench)
    ledger = Ledger.in_memory()
    for path in exports:
        ledger.import_file(path.name, path.read_bytes())
    for period in ("Month", "Day", "Week"):
        bench.get_by_role("button", name=period, exact=True).click()
        want = ledger.dashboard(Filters(sport="Horse Racing"), period.lower())
        for _ in range(100):
            if drawn(bench, "pnl", "profit") == want["series"]["profit"]:
                break
            bench.wait_for_timeout(100)
        assert drawn(bench, "pnl", "profit") == want["series"]["profit"]
        assert drawn(bench, "cash", "deposits") == want["cash"]["deposits"]
        assert cards(bench) == before
