"""A coach's view of a client (site/app/sharing.js, tmb_core/app/sharing.py): the share the page
downloads is the one `python -m tmb_core share` writes; dropped in a fresh browser it shows the
same figures, marked as a client's share, stored nowhere unless asked, never mixed with what is
stored; "mask details" covers what identifies the account wherever the page shows it."""
import csv
import io
import subprocess
import sys
from pathlib import Path

from browserkit import (
    ENGINE_TIMEOUT,
    LIVE,
    ROOT,
    VIEW_KEPT,
    Watch,
    cli_figures,
    cli_summary,
    kpis,
    open_site,
    wait_dashboard,
    wait_engine,
    wait_imports,
)

from tmb_core import sample

# The dashboard of the share named `name` is drawn (its file is the one listed, the banner says
# whose it is) and its tables are in.
SHARED = ("(name) => document.body.dataset.mode === 'shared' && !document.getElementById('shared-banner').hidden"
          " && document.querySelector('#uploads td .ident')?.textContent === name"
          f" && !document.getElementById('dashboard').hidden && document.querySelector('[data-kpi]') && {LIVE}"
          " && document.getElementById('truth').dataset.state !== 'loading'")
# What is stored is drawn again, its upload log naming `names`.
OWN = ("(names) => document.body.dataset.mode === 'own' && document.getElementById('shared-banner').hidden"
       " && JSON.stringify([...document.querySelectorAll('#uploads td .ident')].map((e) => e.textContent))"
       " === JSON.stringify(names)")


def export_of(tmp_path: Path, name: str, rows: int, seed: int) -> Path:
    path = tmp_path / name
    path.write_text(sample.generate_csv(rows, seed=seed))
    return path


def cli_share(export: Path, out: Path, *args) -> bytes:
    subprocess.run([sys.executable, "-m", "tmb_core", "share", str(export), "-o", str(out), *args],
                   check=True, cwd=ROOT, capture_output=True, timeout=300)
    return out.read_bytes()


def downloaded_share(page, scale: bool) -> bytes:
    page.click("#share-open")
    if scale:
        page.check("#share-scale")
    with page.expect_download() as download:
        page.click("#share-dialog button[value=share]")
    return Path(download.value.path()).read_bytes()


def opened_share(page, path: Path) -> dict:
    page.set_input_files("#file-input", str(path))
    failed = "document.querySelector('#imports li.import.failed strong')?.textContent === name"
    page.wait_for_function(f"(name) => {failed} || ({SHARED})(name)", arg=path.name, timeout=ENGINE_TIMEOUT)
    assert page.evaluate(SHARED, path.name), page.locator("#imports li").first.text_content()
    return kpis(page)


def own_figures(page, *names) -> dict:
    page.wait_for_function(OWN, arg=list(names), timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    return kpis(page)


def test_the_pages_share_is_the_clis_and_a_fresh_browser_shows_its_figures_storing_nothing(browser, site, tmp_path):
    export = export_of(tmp_path, "punter-own-name.csv", 2500, 61)
    punter = browser.new_context(accept_downloads=True)
    page = punter.new_page()
    page.goto(site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page)
    figures = kpis(page)
    exact, scaled = downloaded_share(page, False), downloaded_share(page, True)
    assert exact == cli_share(export, tmp_path / "cli.csv")
    assert scaled == cli_share(export, tmp_path / "cli-scaled.csv", "--scale")
    punter.close()
    (tmp_path / "share.csv").write_bytes(exact)
    (tmp_path / "scaled.csv").write_bytes(scaled)

    coach = browser.new_context(viewport={"width": 1280, "height": 900})
    page = coach.new_page()
    page.goto(site)
    assert opened_share(page, tmp_path / "share.csv") == figures
    assert figures == cli_figures(cli_summary(export), figures) and len(figures) > 15
    assert page.locator("#shared-name").text_content() == "share.csv"
    assert page.locator("#shared-keep").is_visible() and page.locator("#shared-scaled").is_hidden()
    assert page.locator("#guess").is_hidden(), "the client's figures are not the coach's to guess"
    assert page.locator("#delete-all").is_hidden() and page.locator("#backup").is_hidden()
    assert "punter-own-name" not in page.content()

    opened_share(page, tmp_path / "scaled.csv")
    assert page.locator("#shared-scaled").is_visible() and page.locator("#shared-keep").is_hidden()
    page.wait_for_timeout(1500)   # a kept view would have been saved by now
    page.reload()
    wait_engine(page)
    assert page.evaluate("document.body.dataset.opened") == "none", "no view of the share was kept"
    page.wait_for_timeout(500)
    assert page.locator("#dashboard").is_hidden() and page.locator("#sample").is_visible(), "nothing was stored"
    coach.close()


def test_a_share_beside_stored_data_leaves_it_as_it_was_and_is_never_mixed_with_it(context, site, tmp_path):
    own, client = export_of(tmp_path, "own.csv", 1200, 62), export_of(tmp_path, "client.csv", 1500, 63)
    share = tmp_path / "client-share.csv"
    cli_share(client, share)
    page = open_site(context, site)
    page.set_input_files("#file-input", str(own))
    wait_dashboard(page)
    mine = kpis(page)

    theirs = opened_share(page, share)
    assert theirs == cli_figures(cli_summary(client), theirs) and theirs != mine
    page.click("#shared-keep")
    page.wait_for_function("() => !document.getElementById('shared-problem').hidden", timeout=ENGINE_TIMEOUT)
    assert "never mixed" in page.locator("#shared-problem").text_content()
    page.click("#shared-close")
    assert own_figures(page, "own.csv") == mine

    opened_share(page, share)   # the punter's own file closes the share, then is imported
    page.set_input_files("#file-input", str(own))
    assert own_figures(page, "own.csv", "own.csv") == mine
    page.reload()
    wait_engine(page)
    wait_dashboard(page)
    assert kpis(page) == mine and page.locator("body[data-mode=shared]").count() == 0
    context.watch.assert_clean()


def test_a_share_kept_on_an_empty_device_is_stored_with_the_same_figures(context, site, tmp_path):
    client = export_of(tmp_path, "client.csv", 800, 64)
    share = tmp_path / "client-share.csv"
    cli_share(client, share)
    page = open_site(context, site)
    theirs = opened_share(page, share)
    page.click("#shared-keep")
    assert own_figures(page, share.name) == theirs
    assert "kept: its rows are stored on this device" in page.locator("#imports li").first.text_content()
    page.reload()
    wait_engine(page)
    wait_dashboard(page)
    assert kpis(page) == theirs
    context.watch.assert_clean()


# Every element whose own text holds one of `values`, and whether the mask covers it.
COVERED = """(values) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!values.some((v) => node.textContent.includes(v)) || !el.checkVisibility()) continue;
    const ident = el.closest('.ident');
    found.push([node.textContent.trim(), Boolean(ident) && getComputedStyle(ident).color === 'rgba(0, 0, 0, 0)']);
  }
  return found;
}"""


def test_mask_details_covers_file_names_and_bet_ids_wherever_they_are_shown(context, site, tmp_path):
    export = export_of(tmp_path, "jane-citizen-export.csv", 600, 65)
    page = open_site(context, site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page)
    page.locator("#bets button.expand").first.click()
    bet_id = page.locator("#bets tr.detail:not([hidden]) .ident").text_content()
    values = [export.name, bet_id]
    shown = page.evaluate(COVERED, values)
    assert len(shown) >= 3 and not any(covered for _, covered in shown), shown   # the list, the log, the bet

    page.check("#mask")
    shown = page.evaluate(COVERED, values)
    assert len(shown) >= 3 and all(covered for _, covered in shown), shown
    page.reload()
    wait_engine(page)
    wait_dashboard(page)
    assert page.locator("#mask").is_checked(), "the switch stays on for the next visit"
    assert all(covered for _, covered in page.evaluate(COVERED, [export.name]))
    page.set_input_files("#file-input", str(locked_backup(page, tmp_path / "jane-citizen-backup.locked")))
    page.wait_for_function("() => document.getElementById('unlock-dialog').open")
    shown = page.evaluate(COVERED, ["jane-citizen-backup"])   # the unlock dialog, the list
    assert len(shown) == 2 and all(covered for _, covered in shown), shown
    page.click("#unlock-dialog button[value=cancel]")
    context.watch.assert_clean()


def locked_backup(page, path: Path) -> Path:
    page.click("#backup")
    page.check("#backup-lock")
    page.fill("#backup-pass1", "a long passphrase")
    page.fill("#backup-pass2", "a long passphrase")
    with page.expect_download() as download:
        page.click("#backup-dialog button[value=backup]")
    path.write_bytes(Path(download.value.path()).read_bytes())
    return path


# A share saved again by a spreadsheet: its delimiter, quotes, encoding and line ends.
RESAVED = [("semicolons-quoted.csv", ";", csv.QUOTE_ALL, "\r\n", "utf-8-sig"),
           ("semicolons.csv", ";", csv.QUOTE_MINIMAL, "\n", "utf-8"),
           ("unicode-text.txt", "\t", csv.QUOTE_MINIMAL, "\r\n", "utf-16"),
           ("unicode-text-no-mark.txt", "\t", csv.QUOTE_MINIMAL, "\r\n", "utf-16-le")]


def test_a_share_saved_again_by_a_spreadsheet_is_opened_never_imported(context, site, tmp_path):
    share = tmp_path / "share.csv"
    cli_share(export_of(tmp_path, "client.csv", 500, 66), share)
    rows = list(csv.reader(io.StringIO(share.read_text(encoding="utf-8"), newline="")))
    page = open_site(context, site)
    theirs = opened_share(page, share)
    for name, delimiter, quoting, line, encoding in RESAVED:
        text = io.StringIO()
        csv.writer(text, delimiter=delimiter, quoting=quoting, lineterminator=line).writerows(rows)
        (tmp_path / name).write_bytes(text.getvalue().encode(encoding))
        assert opened_share(page, tmp_path / name) == theirs, name
    text = io.StringIO()   # a row's empty cells at its end left out (Excel does, past its first rows)
    csv.writer(text, lineterminator="\r\n").writerows(cells if i < 17 else cells[:-1] for i, cells in enumerate(rows))
    (tmp_path / "excel.csv").write_text(text.getvalue(), encoding="utf-8")
    assert opened_share(page, tmp_path / "excel.csv") == theirs
    text = io.StringIO()   # its Transaction Id column cut out: no export any more, which the reader says
    csv.writer(text, lineterminator="\r\n").writerows(cells[:3] + cells[4:] for cells in rows)
    (tmp_path / "cut.csv").write_text(text.getvalue(), encoding="utf-8")
    page.set_input_files("#file-input", str(tmp_path / "cut.csv"))
    page.wait_for_function("() => document.querySelector('#imports li.import.failed strong')?.textContent === 'cut.csv'",
                           timeout=ENGINE_TIMEOUT)
    assert "no 'Transaction Id' column" in page.locator("#imports li").first.text_content()
    assert page.evaluate(SHARED, "excel.csv"), "the share open stays open"
    context.watch.assert_clean()


def test_a_shares_problem_rows_are_its_own_and_the_stored_files_stay_theirs(context, site, tmp_path):
    head, first, rest = cli_share(export_of(tmp_path, "client.csv", 300, 67), tmp_path / "share.csv").split(b"\r\n", 2)
    cells = first.split(b",")
    cells[5] = b"lots"   # the Amount of its first row
    (tmp_path / "bad-share.csv").write_bytes(b"\r\n".join([head, b",".join(cells), rest]))
    page = open_site(context, site)
    page.set_input_files("#file-input", str(ROOT / "tests" / "data" / "bad" / "partly_bad.csv"))
    wait_imports(page, 1)
    opened_share(page, tmp_path / "bad-share.csv")
    own, share = page.locator("#imports li", has_text="partly_bad.csv"), page.locator("#imports li", has_text="bad-share.csv")
    assert "partly_bad.csv,3,Amount,abc," in problem_rows(page, own)
    assert "bad-share.csv,2,Amount,lots," in problem_rows(page, share)
    page.click("#shared-close")
    page.wait_for_function(OWN, arg=["partly_bad.csv"], timeout=ENGINE_TIMEOUT)
    assert "partly_bad" not in problem_rows(page, share)
    assert "bad-share" not in problem_rows(page, own)
    context.watch.assert_clean()


def problem_rows(page, item) -> str:
    if item.locator("button.unfold").count():   # (an earlier report folds when more files come)
        item.locator("button.unfold").click()
    with page.expect_download() as download:
        item.locator(".issues button").click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def test_a_share_shown_over_the_sample_does_not_let_ones_own_file_mix_with_it(context, site, tmp_path):
    page = open_site(context, site)
    page.click("#sample")
    wait_dashboard(page)
    cli_share(export_of(tmp_path, "client.csv", 300, 68), tmp_path / "share.csv")
    opened_share(page, tmp_path / "share.csv")
    own = export_of(tmp_path, "own.csv", 400, 69)
    page.set_input_files("#file-input", str(own))
    page.wait_for_function("() => document.getElementById('confirm-leave-sample').open", timeout=ENGINE_TIMEOUT)
    page.click("#confirm-leave-sample button[value=leave]")
    assert own_figures(page, "own.csv") == cli_figures(cli_summary(own), kpis(page))
    assert page.locator("#sample-banner").is_hidden()
    context.watch.assert_clean()


def test_the_filters_periods_and_search_chosen_on_the_stored_data_are_not_the_shares(context, site, tmp_path):
    own, client = export_of(tmp_path, "own.csv", 600, 70), export_of(tmp_path, "client.csv", 600, 71)
    page = open_site(context, site)
    page.set_input_files("#file-input", str(own))
    wait_dashboard(page)
    mine = kpis(page)
    page.select_option("#filters select[name=sport]", "Rugby League")
    page.wait_for_function(VIEW_KEPT, timeout=ENGINE_TIMEOUT)
    page.reload()   # the kept view chooses its filters again
    wait_engine(page)
    wait_dashboard(page)
    assert page.locator("#filters select[name=sport]").input_value() == "Rugby League"
    page.check("#compare-form input[value=custom]")
    for name, day in [("a_from", "01/01/2025"), ("a_to", "31/01/2025"), ("b_from", "01/02/2025"), ("b_to", "28/02/2025")]:
        page.fill(f"#compare-form input[name={name}]", day)
    page.fill("#bet-search", "Storm")
    cli_share(client, tmp_path / "share.csv")
    theirs = opened_share(page, tmp_path / "share.csv")
    assert page.locator("#filters select[name=sport]").input_value() == ""
    assert theirs == cli_figures(cli_summary(client), theirs)
    page.wait_for_function("() => document.getElementById('compare').dataset.shown?.includes('preset')"
                           " && document.querySelector('#bets-pager [role=status]')?.textContent.includes(' of ')")
    assert page.locator("#compare-form input[value=month_vs_last_month]").is_checked()
    assert page.locator("#bet-search").input_value() == ""
    assert f"of {theirs['bets']:,} bets" in page.locator("#bets-pager").text_content()
    address = page.url
    page.select_option("#filters select[name=sport]", page.locator("#filters select[name=sport] option").nth(1).get_attribute("value"))
    page.wait_for_function("() => document.getElementById('dashboard').dataset.view === 'live'", timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    assert page.url == address, "the address is the punter's own view's, never a client's share's"
    page.click("#shared-close")
    assert own_figures(page, "own.csv") == mine
    context.watch.assert_clean()


def test_a_share_with_a_long_file_name_fits_a_phone(browser, site, tmp_path):
    narrow = browser.new_context(viewport={"width": 390, "height": 844})
    narrow.watch = Watch(narrow, site)
    page = open_site(narrow, site)
    name = "client_jane_citizen_sportsbet_transactions_2025.csv"
    cli_share(export_of(tmp_path, "client.csv", 200, 72), tmp_path / name)
    opened_share(page, tmp_path / name)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    narrow.watch.assert_clean()
    narrow.close()
