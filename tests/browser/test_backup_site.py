"""The backup the punter holds, in a real Chromium: downloaded with and without a passphrase,
restored in a fresh browser with the same figures, a wrong passphrase refused with a message."""
from browserkit import ENGINE_TIMEOUT, SAVED, cli_summary, kpis, open_site, shot, wait_dashboard, wait_imports

from tmb_core import sample

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"


def exports(tmp_path):
    records = sample.generate_records(900, seed=4)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(sample.to_csv(records[:600]))
    second.write_text(sample.to_csv(records[400:]))
    return [first, second, DATA / "bad" / "partly_bad.csv"]


def imported(page, paths):
    before = page.locator("#imports .import").count()
    page.set_input_files("#file-input", [str(p) for p in paths])
    wait_imports(page, before + len(paths))
    wait_dashboard(page)


def backed_up(page, tmp_path, passphrase=None):
    page.click("#backup")
    if passphrase:
        page.check("#backup-lock")
        page.fill("#backup-pass1", passphrase)
        page.fill("#backup-pass2", passphrase + "x")
        page.click("#backup-dialog button[value=backup]")
        assert "differ" in page.locator("#backup-problem").text_content()
        page.fill("#backup-pass2", passphrase)
    with page.expect_download() as caught:
        page.click("#backup-dialog button[value=backup]")
    path = tmp_path / caught.value.suggested_filename
    caught.value.save_as(path)
    return path


def restored_figures(browser, site, path, passphrase=None, wrong=None):
    """Drop the backup in a fresh browser (no stored data); the figures it shows."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    from browserkit import Watch
    context.watch = Watch(context, site)
    page = open_site(context, site)
    page.set_input_files("#file-input", str(path))
    if passphrase:
        dialog = page.locator("#unlock-dialog")
        dialog.wait_for(state="visible")
        page.fill("#unlock-pass", wrong)
        page.click("#unlock-dialog button[value=unlock]")
        problem = page.locator("#unlock-problem")
        problem.wait_for(state="visible", timeout=30_000)
        assert "does not open" in problem.text_content() and "Nothing was restored" in problem.text_content()
        shot(page, "backup-wrong-passphrase")
        page.fill("#unlock-pass", passphrase)
        page.click("#unlock-dialog button[value=unlock]")
    page.wait_for_function(f"() => document.querySelector('#imports .import .report:not(:empty)') && {SAVED}"
                           " && document.querySelector('[data-kpi]')", timeout=ENGINE_TIMEOUT)
    figures, uploads = kpis(page), page.locator("#uploads").text_content()
    context.watch.assert_clean()
    context.close()
    return figures, uploads


def test_a_backup_restores_in_a_fresh_browser_with_the_same_figures(page, browser, site, tmp_path):
    paths = exports(tmp_path)
    imported(page, paths)
    path = backed_up(page, tmp_path)
    assert path.name.endswith(".json") and path.read_text().startswith('{"trackmybets_backup"')
    figures, uploads = restored_figures(browser, site, path)
    cli = cli_summary(*paths)
    for key, value in figures.items():
        if key in cli:
            assert value == cli[key], key
    assert all(p.name in uploads for p in paths)


def test_a_locked_backup_opens_only_with_its_passphrase(page, browser, site, tmp_path):
    paths = exports(tmp_path)
    imported(page, paths)
    path = backed_up(page, tmp_path, passphrase="correct horse battery")
    data = path.read_bytes()
    assert path.name.endswith(".locked") and data.startswith(b"TrackMyBets locked backup")
    assert b"partly_bad" not in data and b"Deposit" not in data          # nothing readable without it
    figures, _ = restored_figures(browser, site, path, passphrase="correct horse battery", wrong="wrong horse")
    cli = cli_summary(*paths)
    assert figures["net_profit"] == cli["net_profit"] and figures["deposits"] == cli["deposits"]


def test_the_page_says_how_much_it_keeps_and_asks_to_keep_it(page):
    imported(page, [DATA / "good" / "basic.csv"])
    page.wait_for_function("() => document.getElementById('storage').textContent.includes('MB')")
    assert "This site keeps" in page.locator("#storage").text_content()
