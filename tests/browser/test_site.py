"""The site in a real Chromium: sample data, imports, figures equal to the CLI's, persistence,
deletion, two tabs, inert hostile text, phone and desktop screenshots, no other-origin requests."""
import csv
import io
import json

from browserkit import (
    ARTIFACTS,
    ENGINE_TIMEOUT,
    cli_summary,
    gappy_export,
    kpis,
    open_site,
    shot,
    wait_dashboard,
    wait_imports,
    wait_offline_copy,
)
from PIL import Image

from tmb_core import sample

DATA = ARTIFACTS.parent / "tests" / "data"
CARD_KEYS = ("net_profit", "staked", "roi", "strike_rate", "deposits", "withdrawals", "net_cash_in",
             "unsettled_exposure", "bonus_returns")


def coloured_pixels(path, rgb, tolerance=40):
    data = Image.open(path).convert("RGB").tobytes()
    r0, g0, b0 = rgb
    return sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3])
               if abs(r - r0) <= tolerance and abs(g - g0) <= tolerance and abs(b - b0) <= tolerance)


def assert_chart_drawn(page, selector, name):
    path = ARTIFACTS / f"{name}.png"
    page.locator(selector).screenshot(path=str(path))
    loss, gain = coloured_pixels(path, (0xC0, 0x36, 0x2C)), coloured_pixels(path, (0x1A, 0x7F, 0x37))
    assert loss + gain > 200, f"{selector} looks blank ({loss} loss and {gain} gain pixels)"


def same_figures(page, expected):
    """Every figure the page shows (data-kpi: the cards, the bets and presumed losses under them,
    the balance's jumps, the cash text) equals the one `summary --json` gives under that name
    ("reconciliation.balance_change": a nested one)."""
    shown = kpis(page)
    assert set(CARD_KEYS) <= set(shown)
    assert ("balance_gaps" in shown) == bool(expected["balance_gaps"]), "the balance's jumps are shown exactly when any"
    if expected["bets"]:   # how often the punter loses: the truth section's figures, all of them
        assert {"insights.months_lost", "insights.days_lost", "insights.return_per_100", "insights.average_punter.loss",
                "insights.expected_loss.total", "insights.expected_loss.per_100", "insights.expected_loss.luck"} <= set(shown)
    for key, value in shown.items():
        if key.startswith("guess."):
            continue   # the guess beside the truth (its own figures: test_guess_site)
        want = expected
        for part in key.split("."):
            want = want[part]
        assert value == want, f"{key}: page {value} vs CLI {want}"


def import_files(page, *paths):
    before = page.locator("#imports .import").count()
    page.set_input_files("#file-input", [str(p) for p in paths])
    wait_imports(page, before + len(paths))


def test_sample_data_matches_the_cli_and_draws_every_chart(page, context, tmp_path):
    page.click("#sample")
    wait_dashboard(page)
    exported = tmp_path / "sample-export.csv"
    exported.write_text(sample.generate_csv(3000, seed=7))
    same_figures(page, cli_summary(exported))
    for name in ("pnl", "breakdown_sport", "breakdown_bet_type"):
        assert_chart_drawn(page, f"#chart-{name}", f"chart-{name}")
    shot(page, "dashboard-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    assert_chart_drawn(page, "#chart-pnl", "chart-pnl-phone")
    shot(page, "dashboard-phone")


def test_several_exports_overlap_and_bad_rows(page, tmp_path):
    records = sample.generate_records(1500, seed=11)
    first, second = tmp_path / "export-jan.csv", tmp_path / "export-feb.csv"
    first.write_text(sample.to_csv(records[:900]))
    second.write_text(sample.to_csv(records[600:]))
    gappy = gappy_export(tmp_path / "export-jun.csv")   # rows missing: the balance jumps
    bad = DATA / "bad" / "partly_bad.csv"
    import_files(page, gappy, first, second, bad)
    wait_dashboard(page)
    reports = page.locator("#imports .import")
    text = {i: reports.nth(i).text_content() for i in range(3)}
    assert "600 new" in text[1] and "300 already stored" in text[1]          # the overlapping pair
    left_out = [str(n) for n in json.loads(bad.with_name(bad.name + ".expected.json").read_text())["import"]["rejected_rows"]]
    assert f"{len(left_out)} rejected" in text[0] and "left out" in text[0]  # newest first: the bad file
    for row in left_out:
        assert reports.nth(0).locator(f"tr.row td:first-child:text-is('{row}')").count() == 1
    with page.expect_download() as caught:
        reports.nth(0).locator("button:has-text('Download these rows')").click()
    rows = list(csv.DictReader(io.StringIO(caught.value.path().read_text())))
    assert [r["Row"] for r in rows if r["Kept?"] == "left out"] == left_out
    expected = cli_summary(gappy, first, second, bad)
    assert expected["balance_gaps"] > 0
    same_figures(page, expected)


def test_a_file_that_is_not_an_export_changes_nothing(page):
    import_files(page, DATA / "good" / "basic.csv")
    wait_dashboard(page)
    before = kpis(page)
    import_files(page, DATA / "bad" / "export.json")
    report = page.locator("#imports .import").first
    assert "Not imported" in report.text_content() and "JSON" in report.text_content()
    page.wait_for_timeout(500)   # the dashboard is drawn again after any import: wait for all of it
    wait_dashboard(page)
    assert kpis(page) == before


def test_filters_match_the_cli(page):
    import_files(page, DATA / "good" / "all_kinds.csv")
    wait_dashboard(page)
    sports = page.locator("details[data-dimension=sport]")
    sports.locator("summary").click()
    first = sports.locator("tbody tr").first.locator("td")
    assert first.nth(0).text_content() == "Rugby League" and first.nth(3).text_content() == "\u2212$50.00"
    page.select_option("#filters select[name=sport]", "Horse Racing")
    horses = cli_summary(DATA / "good" / "all_kinds.csv", args=("--sport", "Horse Racing"))
    page.wait_for_function(f"() => document.querySelector('[data-kpi=staked]').dataset.value === '{horses['staked']:g}'")
    same_figures(page, horses)
    # the open table follows the filter; a closed one is filled when opened
    page.wait_for_function("() => document.querySelector('details[data-dimension=sport] tbody').rows.length === 1")
    assert sports.locator("tbody tr td").first.text_content() == "Horse Racing"
    competitions = page.locator("details[data-dimension=competition]")
    competitions.locator("summary").click()
    competitions.locator("tbody tr").first.wait_for()
    shown = competitions.locator("tbody tr td:first-child").all_text_contents()
    expected = cli_summary(DATA / "good" / "all_kinds.csv", args=("--sport", "Horse Racing"))["bets"]
    assert shown and sum(int(n) for n in competitions.locator("tbody tr td:nth-child(2)").all_text_contents()) == expected
    page.fill("#filters input[name=presumed_lost_days]", "0")
    page.locator("#filters input[name=presumed_lost_days]").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('[data-kpi=unsettled_exposure]').dataset.value === '0'")


def test_reload_keeps_the_data_and_delete_all_empties_it(page):
    import_files(page, DATA / "good" / "all_kinds.csv")
    wait_dashboard(page)
    before = kpis(page)
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    assert kpis(page) == before
    page.click("#delete-all")
    page.click("#confirm-delete button[value=delete]")
    page.wait_for_function("() => document.getElementById('dashboard').hidden")
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    page.wait_for_timeout(1000)
    assert page.locator("#dashboard").is_hidden()


def shown(page):
    """Everything derived that the dashboard shows: figures, gap notices, filter choices."""
    return {"kpis": kpis(page), "notices": page.locator("#notices").inner_text(),
            "options": page.locator("#filters select option").all_inner_texts()}


def engine_timings(page):
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    return worker.evaluate("() => self.tmbTimings")


def test_a_reopen_reuses_the_kept_derived_values_and_shows_the_same(page, tmp_path):
    exported = tmp_path / "gappy.csv"
    exported.write_text(sample.generate_csv(1500, seed=5))
    import_files(page, exported)
    wait_dashboard(page)
    before = shown(page)
    for _ in range(100):   # kept right after the first dashboard's answer
        if "derived_saved" in engine_timings(page):
            break
        page.wait_for_timeout(100)
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    assert engine_timings(page)["derived_adopted"] is True
    assert shown(page) == before


def test_two_tabs_share_the_data_without_losing_any(context, site):
    a = open_site(context, site)
    b = open_site(context, site)
    import_files(a, DATA / "good" / "basic.csv")
    wait_dashboard(b)                        # the other tab was told and reloaded
    import_files(b, DATA / "good" / "all_kinds.csv")
    a.wait_for_function("() => document.querySelector('[data-kpi=deposits]').dataset.value === '320'")
    expected = cli_summary(DATA / "good" / "basic.csv", DATA / "good" / "all_kinds.csv")
    same_figures(a, expected)
    c = open_site(context, site)
    wait_dashboard(c)
    same_figures(c, expected)
    context.watch.assert_clean()


def test_text_from_files_is_inert(page, tmp_path):
    hostile = ('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> v =HYPERLINK("http://x")\n'
               ' <b>Market</b>\n=1+1 @ 2.00 (Win)')
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Time (AEST)", "Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance"])
        w.writerow(["01/01/2026 10:00", "Deposit", "Deposit", "1", "", "50.00", "50.00"])
        w.writerow(["01/01/2026 10:05", "Bet Stake", hostile, "2", "77", "-5.00", "45.00"])
        w.writerow(["01/01/2026 11:00", "Win", hostile, "3", "77", "10.00", "55.00"])
    import_files(page, path)
    wait_dashboard(page)
    page.locator("#bets button.expand").first.click()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("main img").count() == 0 and page.locator("main b").count() == 0
    assert "<script>window.__pwned=2</script>" in page.locator("#bets pre.raw").first.text_content()
    with page.expect_download() as caught:
        page.click("#bets-export")
    cells = [c for r in csv.reader(io.StringIO(caught.value.path().read_text())) for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'<img") or c.startswith("'=") for c in cells) or any("<img" in c for c in cells)


def test_a_browser_without_webassembly_gets_a_clear_message(context, site):
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(site)
    message = page.locator("#fatal")
    message.wait_for(state="visible")
    assert "WebAssembly" in message.text_content() and "current version" in message.text_content()


def test_the_site_works_offline_after_the_first_visit(page, context):
    wait_offline_copy(page)
    page.click("#sample")
    wait_dashboard(page)
    before = kpis(page)
    context.set_offline(True)
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    assert kpis(page) == before
    context.set_offline(False)


CHANGING_CHARTS = ("pnl", "breakdown_sport", "breakdown_competition", "breakdown_team", "breakdown_market",
                   "breakdown_bet_type")


def chart_pixels(page, names, tag):
    out = {}
    for name in names:
        path = ARTIFACTS / f"filter-{tag}-{name}.png"
        page.locator(f"#chart-{name}").screenshot(path=str(path))
        out[name] = Image.open(path).convert("RGB").tobytes()
    return out


def test_a_filter_change_redraws_every_chart_it_changes(page):
    """The charts' skipped style work (site/app/charts.js) must not skip a redraw: each chart
    whose data a sport filter changes looks different after it, and none is blank."""
    page.click("#sample")
    wait_dashboard(page)
    page.wait_for_timeout(300)
    before = chart_pixels(page, CHANGING_CHARTS, "all")
    staked = kpis(page)["staked"]
    sport = page.eval_on_selector_all("#filters [name=sport] option", "os => os.map(o => o.value).filter(Boolean)")[0]
    page.select_option("#filters select[name=sport]", sport)
    page.wait_for_function(f"() => Number(document.querySelector('[data-kpi=staked]').dataset.value) !== {staked}")
    page.wait_for_timeout(300)
    after = chart_pixels(page, CHANGING_CHARTS, "one-sport")
    for name in CHANGING_CHARTS:
        assert after[name] != before[name], f"{name} was not redrawn for {sport}"
        assert_chart_drawn(page, f"#chart-{name}", f"filter-drawn-{name}")


def test_the_bokehjs_internals_the_charts_patch_are_where_they_expect_them(page):
    """site/app/charts.js speeds up repaints by reaching into BokehJS internals; a BokehJS that
    moved them would draw, but slowly and silently. It says what it found on <html>."""
    page.wait_for_function("() => document.documentElement.dataset.bokehPatches")
    assert page.evaluate("() => document.documentElement.dataset.bokehPatches") == "applied"


# Each breakdown's category labels as drawn, with the width of its label column and of what
# its left axis needs (measured by BokehJS itself), and the source's names.
BREAKDOWN_AXES = """() => Bokeh.documents.flatMap((doc) => doc.roots())
  .filter((plot) => plot.name?.startsWith("breakdown_")).map((plot) => {
    const view = Bokeh.index.get(plot);
    const axis = view.renderer_views.get(plot.left[0]);
    const data = plot.renderers[0].data_source.data;
    return { plot: plot.name, column: plot.min_border_left, needs: axis.layout._content_size().width,
             labels: [...data.key], names: [...data.name] };
  })"""


def test_category_names_are_cut_to_their_column_and_named_in_full_for_the_tooltip(page):
    """Long names end in "…" so every label fits the chart's label column (on a phone too):
    the layout then never depends on the data. The tooltip's `name` keeps the whole name."""
    page.click("#sample")
    wait_dashboard(page)
    cut = 0
    for width in (1280, 390, 1280):   # and back: the labels are cut again for each column
        page.set_viewport_size({"width": width, "height": 844})
        page.wait_for_timeout(600)
        axes = page.evaluate(BREAKDOWN_AXES)
        assert len(axes) == 5 and all(a["labels"] for a in axes)
        for a in axes:
            assert a["needs"] <= a["column"], f"{a['plot']} at {width}px: labels need {a['needs']}px of {a['column']}"
            assert len(set(a["labels"])) == len(a["labels"])
            for label, name in zip(a["labels"], a["names"]):
                shown = label.replace("\u200b", "")
                assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (label, name)
                cut += shown != name
            if width == 1280:
                assert a["column"] > 100
    assert cut, "no name was long enough to be cut: the test shows nothing"


def test_an_idle_first_visit_warms_the_engine_up_and_stores_nothing(page, tmp_path):
    """With nothing stored and nothing asked, the worker reads a made-up export and throws it
    away (tmb_core/store/staging.py warm_up); a file dropped afterwards is imported as usual."""
    for _ in range(200):
        if "warmed_up" in engine_timings(page):
            break
        page.wait_for_timeout(100)
    assert "warmed_up" in engine_timings(page) and "warm_up_stopped" not in engine_timings(page)
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    counts = worker.evaluate("(sql) => self.tmbQuery(sql)", "SELECT (SELECT count(*) FROM transactions) AS t, "
                             "(SELECT count(*) FROM uploads) AS u, (SELECT count(*) FROM bet_base) AS b")
    assert counts == {"t": [0], "u": [0], "b": [0]}
    assert page.locator("#dashboard").is_hidden()
    exported = tmp_path / "after-warm-up.csv"
    exported.write_text(sample.generate_csv(1500, seed=9))
    import_files(page, exported)
    wait_dashboard(page)
    same_figures(page, cli_summary(exported))


def test_a_file_dropped_during_the_warm_up_is_imported_as_usual(page, tmp_path):
    for _ in range(200):
        if "warm_up_started" in engine_timings(page):
            break
        page.wait_for_timeout(20)
    exported = tmp_path / "during-warm-up.csv"
    exported.write_text(sample.generate_csv(1500, seed=4))
    import_files(page, exported)
    wait_dashboard(page)
    same_figures(page, cli_summary(exported))
    timings = engine_timings(page)
    assert "warm_up_started" in timings and "warm_up_failed" not in timings


# A request sent to the engine worker as the page sends them; resolves to the worker's answer.
ASK_WORKER = """(request) => new Promise((resolve) => {
    const post = self.postMessage;
    self.postMessage = (message) => {
        if (message.id !== request.id || message.type !== "answer") return post(message);
        self.postMessage = post;
        resolve(message);
    };
    self.onmessage({ data: request });
})"""


def test_the_worker_holds_every_request_to_the_protocol(page):
    """The worker checks each request against tmb_core's contract (built into it by build.py)
    before Python sees it; every request of every browser test passed it (a bad one logs an
    error on the page, which the tests' watch fails on)."""
    engine = next(w for w in page.workers if "/assets/engine." in w.url)
    good = engine.evaluate(ASK_WORKER, {"id": 90001, "op": "status", "args": {}})
    assert good["ok"] is True and good["data"]["transactions"] == 0 and isinstance(good["data"]["stored"], int)
    for n, (op, args, says) in enumerate([
            ("dashboard", {"filters": {"colour": "red"}}, "unknown filter 'colour'"),
            ("dashboard", {"period": "fortnight"}, "period must be period"),
            ("bets", {"limit": "ten"}, "limit must be integer"),
            ("nope", {}, "unknown operation 'nope'"),
            ("status", {"verbose": True}, "status does not take 'verbose'")]):
        bad = engine.evaluate(ASK_WORKER, {"id": 90002 + n, "op": op, "args": args})
        assert bad["ok"] is False and bad["error"]["code"] == "bad_request", bad
        assert says in bad["error"]["message"], bad["error"]["message"]
