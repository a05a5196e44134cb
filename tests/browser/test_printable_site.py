"""The summary to keep (site/app/printable.js, tmb_core/present/printable.py): the page's printed
summary and its CSV are the bytes `report --summary` writes; its figures are `summary --json`'s;
printed by Chromium it takes one or two pages, on A4 and on Letter."""
import re
import subprocess
import sys
from pathlib import Path

from browserkit import ROOT, cli_summary, kpis, wait_dashboard

from tmb_core import sample

FRAME = "() => document.getElementById('summary-frame')?.contentDocument?.querySelector('[data-kpi]')"


def cli_printable(export: Path, out: Path, *args) -> tuple[str, str]:
    subprocess.run([sys.executable, "-m", "tmb_core", "report", str(export), "-o", str(out), "--summary", *args],
                   check=True, cwd=ROOT, capture_output=True, timeout=300)
    return out.read_text(encoding="utf-8"), out.with_suffix(".csv").read_text(encoding="utf-8")


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def imported(context, site, export: Path, rows: int, seed: int):
    """A page with a made-up export of `rows` imported (its guess skipped)."""
    export.write_text(sample.generate_csv(rows, seed=seed))
    page = context.watch.page(context.new_page())
    page.goto(site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page)
    return page


def printed_summary(page) -> str:
    page.click("#summary-print")
    page.wait_for_function(FRAME)
    return page.evaluate("() => document.getElementById('summary-frame').srcdoc")


def test_the_summary_to_keep_is_the_clis_and_prints_on_two_pages_at_most(context, site, tmp_path):
    export = tmp_path / "own.csv"
    page = imported(context, site, export, 3000, 41)
    html, table = cli_printable(export, tmp_path / "cli.html")

    with page.expect_download() as download:
        page.click("#summary-csv")
    assert Path(download.value.path()).read_text(encoding="utf-8") == table
    assert printed_summary(page) == html

    printed = context.new_page()
    printed.set_content(html)
    expected = cli_summary(export)
    assert kpis(printed) == {key: expected[key] for key in kpis(printed)} and len(kpis(printed)) == 9
    shown = printed.locator("[data-signal]").evaluate_all("els => els.map(e => e.dataset.signal)")
    assert shown == [s["id"] for s in expected["signals"]["signals"]]
    for paper in ("A4", "Letter"):
        assert 1 <= pages(printed.pdf(format=paper)) <= 2, paper
    context.watch.assert_clean()


def test_a_filtered_summary_says_its_filters_and_has_their_figures(context, site, tmp_path):
    export = tmp_path / "own.csv"
    page = imported(context, site, export, 1500, 42)
    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    page.select_option("#filters select[name=sport]", sport)
    wait_dashboard(page)
    html = printed_summary(page)
    assert html == cli_printable(export, tmp_path / "cli.html", "--sport", sport)[0]
    assert f"Sport: {sport}" in html
    context.watch.assert_clean()
