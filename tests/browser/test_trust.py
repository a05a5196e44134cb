"""No silent wrong number, nothing lost, every failure explained, on the page: damaged rows
listed with the figures of the rest, a mostly refused file never called imported, filters that
could only mislead refused beside the form, the sample kept apart from the punter's own data,
and an import cut off by a closed page named on the next visit."""
import json

from browserkit import (
    ENGINE_TIMEOUT,
    SAVED,
    cli_summary,
    kpis,
    open_site,
    shot,
    wait_dashboard,
    wait_engine,
    wait_imports,
)

from tmb_core import sample

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"


def import_files(page, *paths):
    """Import the files and wait for their reports; the newest report."""
    before = page.locator("#imports .import").count()
    page.set_input_files("#file-input", [str(p) for p in paths])
    wait_imports(page, before + len(paths))
    return page.locator("#imports .import").first


def expected(path):
    return json.loads(path.with_name(path.name + ".expected.json").read_text())["import"]


def test_rows_that_do_not_fit_the_header_are_listed_and_the_rest_match_the_cli(page):
    """Unquoted commas (a Summary, an amount) and rows cut short: each row is left out with its
    reason, the status never says 'Imported.' alone, and every figure is the CLI's."""
    files = [DATA / "bad" / f"{name}.csv" for name in ("unquoted_comma_summary", "unquoted_comma_amount", "cut_short")]
    for path in files:
        report = import_files(page, path)
        want = expected(path)
        total = want["inserted"] + want["rejected"]
        assert f"Imported {want['inserted']} of {total} rows; {want['rejected']} left out" in report.text_content()
        shown = [int(n) for n in report.locator("tr.row td:first-child").all_text_contents()]
        assert shown == want["rejected_rows"]
        messages = " ".join(report.locator("tr.row td:last-child").all_text_contents())
        assert "separator inside a cell" in messages or "cut short" in messages
    wait_dashboard(page)
    cli = cli_summary(*files)
    shown = kpis(page)
    for key in ("net_profit", "deposits", "withdrawals", "staked", "balance_gaps"):
        if key in shown:
            assert shown[key] == cli[key], key
    assert shown["net_profit"] == cli["net_profit"] and shown["deposits"] == cli["deposits"]
    page.set_viewport_size({"width": 390, "height": 844})   # the lists of left-out rows fit a phone
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(page, "left-out-rows-phone")


def test_a_file_with_every_row_refused_says_nothing_was_imported(page, tmp_path):
    header = (DATA / "good" / "basic.csv").read_text().splitlines()[0]
    broken = tmp_path / "all-cut.csv"
    broken.write_text("\n".join([header, *(f"0{d}/10/2026 10:00,Deposit,Deposit,50{d},,10.00" for d in (1, 2, 3))]))
    report = import_files(page, broken)
    assert "Nothing imported: all" in report.text_content() and "Saved" not in report.text_content()
    assert "failed" in report.get_attribute("class")


def test_a_huge_cell_and_a_spreadsheet_amount_are_listed_in_plain_words(page, tmp_path):
    """A 2.2 MB Summary (past DuckDB's longest line: Python splits the file in the browser) and an
    amount in scientific notation: each row is listed with its reason, the others kept."""
    header = (DATA / "good" / "basic.csv").read_text().splitlines()[0]
    flags = ",false,false,false,false"
    path = tmp_path / "damaged.csv"
    path.write_text("\n".join([header, "01/10/2026 10:00,Deposit,Deposit,7101,,100.00,100.00" + flags,
                               f'01/10/2026 10:05,Bet Stake,"{"x" * 2_200_000}",7102,9101,-5.00,95.00' + flags,
                               "01/10/2026 10:06,Deposit,Deposit,7103,,1.23E+03,1325.00" + flags]))
    report = import_files(page, path)
    assert "Imported 1 of 3 rows; 2 left out" in report.text_content()
    messages = report.locator("tr.row td:last-child").all_text_contents()
    assert "far longer than any in an export" in messages[0] and "scientific notation" in messages[1]
    assert all(len(v) < 100 for v in report.locator("tr.row td:nth-child(3)").all_text_contents())


def test_a_binary_file_gets_a_plain_message_without_garbage(page):
    report = import_files(page, DATA / "bad" / "binary.csv")
    message = report.locator(".report .error").text_content()
    assert message.startswith("This is not a text file") and "\ufffd" not in message and len(message) < 400


def test_filters_that_could_only_mislead_hide_the_figures_and_say_why(page):
    import_files(page, DATA / "good" / "all_kinds.csv")
    wait_dashboard(page)
    page.fill("#filters input[name=date_from]", "31/12/2026")   # typed day first, whatever the browser's language
    page.fill("#filters input[name=date_to]", "1/1/2026")
    page.locator("#filters input[name=date_to]").dispatch_event("change")
    problem = page.locator("#filter-problem")
    problem.wait_for(state="visible", timeout=ENGINE_TIMEOUT)
    assert "is after the To date" in problem.text_content()
    assert page.locator("#cards").is_hidden() and page.locator("#chart-pnl").is_hidden()
    assert page.locator("#filters input[name=date_from]").get_attribute("aria-invalid") is not None
    shot(page, "filter-problem")
    page.fill("#filters input[name=date_from]", "31/02/2026")
    page.fill("#filters input[name=date_to]", "")
    page.locator("#filters input[name=date_to]").dispatch_event("change")
    page.wait_for_function("() => document.getElementById('filter-problem').textContent.includes('like 24/11/2026')",
                           timeout=ENGINE_TIMEOUT)
    page.fill("#filters input[name=date_from]", "")
    page.fill("#filters input[name=presumed_lost_days]", "-3")
    page.locator("#filters input[name=presumed_lost_days]").dispatch_event("change")
    page.wait_for_function("() => document.getElementById('filter-problem').textContent.includes('from 0 to')",
                           timeout=ENGINE_TIMEOUT)
    page.fill("#filters input[name=presumed_lost_days]", "3")
    page.locator("#filters input[name=presumed_lost_days]").dispatch_event("change")
    problem.wait_for(state="hidden", timeout=ENGINE_TIMEOUT)
    assert page.locator("#cards").is_visible()
    assert kpis(page)["net_profit"] == cli_summary(DATA / "good" / "all_kinds.csv")["net_profit"]


def test_the_sample_is_a_space_of_its_own_that_a_real_import_leaves_when_asked(page):
    page.click("#sample")
    wait_dashboard(page)
    banner = page.locator("#sample-banner")
    assert banner.is_visible() and "made-up" in banner.text_content()
    assert page.locator("#sample").is_hidden()
    shot(page, "sample-banner")
    own = DATA / "good" / "all_kinds.csv"
    dialog = page.locator("#confirm-leave-sample")
    page.set_input_files("#file-input", str(own))
    dialog.wait_for(state="visible")
    dialog.locator("button[value=cancel]").click()
    page.wait_for_timeout(300)
    assert page.locator("#imports .import").count() == 1 and banner.is_visible()   # nothing added to the sample
    page.set_input_files("#file-input", str(own))
    dialog.wait_for(state="visible")
    dialog.locator("button[value=leave]").click()
    cli = cli_summary(own)
    page.wait_for_function("(deposits) => document.querySelector('#imports .import .report:not(:empty)') && "
                           "document.querySelector('[data-kpi=deposits]')?.dataset.value === String(deposits)"
                           f" && {SAVED}", arg=cli["deposits"], timeout=ENGINE_TIMEOUT)
    assert kpis(page)["net_profit"] == cli["net_profit"] and banner.is_hidden()
    assert page.locator("#imports .import").count() == 1


def test_an_import_cut_off_by_a_reload_is_named_on_the_next_visit(page, context, site, tmp_path):
    big = tmp_path / "big-export.csv"
    big.write_text(sample.generate_csv(150_000, seed=3))
    page.set_input_files("#file-input", str(big))
    page.locator("#imports .import").first.wait_for()
    other = open_site(context, site)          # a second tab while the first still imports: no notice
    page.wait_for_timeout(300)
    assert other.locator("#imports [data-unfinished]").count() == 0
    assert page.locator("#imports .import[data-save=saved]").count() == 0, "the import finished too soon to cut"
    other.close()
    page.reload()
    wait_engine(page)
    notice = page.locator("#imports [data-unfinished]")
    notice.wait_for(timeout=ENGINE_TIMEOUT)
    assert "big-export.csv" in notice.text_content() and "Drop it again" in notice.text_content()
    shot(page, "unfinished-import")
    page.reload()                             # said once
    wait_engine(page)
    page.wait_for_timeout(500)
    assert page.locator("#imports [data-unfinished]").count() == 0


def test_a_finished_import_leaves_no_notice(page):
    import_files(page, DATA / "good" / "basic.csv")
    page.reload()
    wait_engine(page)
    wait_dashboard(page)
    page.wait_for_timeout(500)
    assert page.locator("#imports [data-unfinished]").count() == 0


def test_inside_another_sites_frame_the_page_starts_nothing_and_says_why(context, site):
    """A page framing the site could have a punter drop their exports for that page's purposes."""
    page = context.watch.page(context.new_page())
    page.goto(site + "kb.html")   # a page of the same server stands in for another site's
    page.set_content(f'<iframe src="{site}" width="900" height="600"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator("#fatal").wait_for(state="visible", timeout=ENGINE_TIMEOUT)
    assert "inside another site's page" in frame.locator("#fatal").text_content()
    assert frame.locator("#dropzone").get_attribute("data-state") == "failed"
    page.wait_for_timeout(1000)
    workers = page.frames[1].evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    assert not [w for w in workers if "worker" in w or "pyodide" in w], "no engine was started"
    context.watch.assert_clean()
