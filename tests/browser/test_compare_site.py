"""Compare periods on the real site: the presets and two periods picked in the date pickers, under
a filter of the dashboard, show the figures the CLI gives for the same periods (`summary --json`
with each period as --from/--to, and `compare --json`), the chart of the two running totals is
drawn, and the section fits a phone."""
import datetime as dt
import json
import subprocess
import sys

from browserkit import ARTIFACTS, ROOT, shot, wait_dashboard, wait_imports
from test_site import coloured_pixels

from tmb_core import sample
from tmb_core.figures.compare import FIGURES
from tmb_core.model import PRESUMED_LOST_DAYS

PERIOD, AGAINST = (0x1F, 0x4E, 0x99), (0x8A, 0x8F, 0x98)   # tmb_core/present/bokeh/charts.py COMPARE_LINES


def cli(*args):
    done = subprocess.run([sys.executable, "-m", "tmb_core", *map(str, args), "--json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def shown(page) -> dict:
    """The comparison's figures as the page marks them: {"a": {...}, "b": {...}, "change": {...}}."""
    pairs = page.locator("[data-compare]").evaluate_all(
        "els => els.map(e => [e.dataset.compare, e.dataset.value === '' ? null : Number(e.dataset.value)])")
    out = {"a": {}, "b": {}, "change": {}}
    for key, value in pairs:
        side, name = key.split(".")
        out[side][name] = value
    return out


def wait_compare(page, filters, **asked):
    """Until the comparison shown is the one asked with these arguments (preset, a, b) under the
    dashboard's `filters` (the presumed-lost days always among them, at their default unless given)."""
    asked["filters"] = {"presumed_lost_days": PRESUMED_LOST_DAYS, **filters}
    page.wait_for_function("""(asked) => {
        const box = document.getElementById('compare');
        if (box.dataset.state || !box.dataset.shown) return false;
        const shown = JSON.parse(box.dataset.shown);
        const same = (x, y) => JSON.stringify(Object.entries(x ?? {}).sort()) === JSON.stringify(Object.entries(y ?? {}).sort());
        return Object.entries(asked).every(([k, v]) => k === 'filters' ? same(shown[k], v)
            : JSON.stringify(shown[k] ?? null) === JSON.stringify(v));
    }""", arg=asked, timeout=60_000)


def iso(day_first: str) -> str:
    """A date field's day/month/year (the page's, whatever the browser's language) as the CLI takes it."""
    day, month, year = day_first.split("/")
    return f"{year}-{month}-{day}"


def same_as_summary(page, export, *options):
    """Each period shown equals `summary --json` run with its dates (and `options`); the change is
    the first less the second."""
    figures = shown(page)
    pickers = {name: iso(page.input_value(f"#compare-form input[name={name}]")) for name in ("a_from", "a_to", "b_from", "b_to")}
    for side in ("a", "b"):
        summary = cli("summary", export, "--from", pickers[f"{side}_from"], "--to", pickers[f"{side}_to"], *options)
        assert figures[side] == {k: summary[k] for k in FIGURES}, side
    whole = cli("compare", export, "--a", f"{pickers['a_from']}..{pickers['a_to']}",
                "--b", f"{pickers['b_from']}..{pickers['b_to']}", *options)["change"]
    assert figures["change"] == whole   # null throughout unless both periods are all imported
    if whole["net_profit"] is not None:
        assert figures["change"]["net_profit"] == round(figures["a"]["net_profit"] - figures["b"]["net_profit"], 2)
    return figures, pickers


def assert_both_lines_drawn(page, name):
    path = ARTIFACTS / f"{name}.png"
    page.locator("#chart-compare").screenshot(path=str(path))
    period, against = coloured_pixels(path, PERIOD, 30), coloured_pixels(path, AGAINST, 20)
    assert period > 100 and against > 100, f"the comparison chart looks blank ({period} and {against} pixels)"


def test_periods_compared_on_the_page_equal_the_cli(page, tmp_path):
    export = tmp_path / "export.csv"   # September 2024 to about April 2025: this year and last both hold bets
    export.write_text(sample.to_csv(sample.generate_records(3000, seed=7, start=dt.datetime(2024, 9, 1))))
    page.set_input_files("#file-input", [str(export)])
    wait_imports(page, 1)
    wait_dashboard(page)
    wait_compare(page, {}, preset="month_vs_last_month")
    figures, pickers = same_as_summary(page, export)
    last = cli("summary", export)["last"][:10]
    assert pickers["a_to"] == last and pickers["a_from"] == last[:8] + "01", "this month is the latest transaction's"
    assert dt.date.fromisoformat(last).strftime("%d/%m/%Y") in page.locator("#compare-note").text_content()
    assert_both_lines_drawn(page, "compare-month")

    # A filter of the dashboard applies to both periods; another preset.
    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    page.select_option("#filters select[name=sport]", sport)
    page.check("#compare-form input[value=year_vs_last_year]")
    wait_compare(page, {"sport": sport}, preset="year_vs_last_year")
    figures = shown(page)
    expected = cli("compare", export, "--this-year-vs-last", "--sport", sport)
    for side in ("a", "b", "change"):
        assert figures[side] == {k: expected[side][k] for k in FIGURES}, side
    assert figures["a"]["bets"] and figures["b"]["bets"]
    assert set(figures["change"].values()) == {None}, "2024 is imported from September only: no change"
    assert "only part of these days is imported" in page.locator("#compare-note").text_content()
    same_as_summary(page, export, "--sport", sport)
    assert_both_lines_drawn(page, "compare-year")

    # Two periods picked by hand: a date changed makes the periods the punter's own.
    page.select_option("#filters select[name=sport]", "")
    wait_compare(page, {}, preset="year_vs_last_year")
    for name, value in (("a_from", "01/12/2024"), ("a_to", "15/01/2025"), ("b_from", "10/09/2024"), ("b_to", "31/10/2024")):
        page.fill(f"#compare-form input[name={name}]", value)
        page.keyboard.press("Tab")   # a typed date counts once the field is left
    wait_compare(page, {}, a=["2024-12-01", "2025-01-15"], b=["2024-09-10", "2024-10-31"])
    assert page.locator("#compare-form input[name=preset]:checked").get_attribute("value") == "custom"
    figures, _ = same_as_summary(page, export)
    assert figures["a"]["bets"] and figures["b"]["bets"]
    assert_both_lines_drawn(page, "compare-custom")
    shot(page, "compare-desktop")

    # A period that runs backwards is refused in words, and no figure is left shown as its.
    page.fill("#compare-form input[name=b_from]", "30/11/2024")
    page.keyboard.press("Tab")
    page.locator("#compare-problem").wait_for()
    assert "first day is after its last" in page.locator("#compare-problem").text_content()
    assert page.locator("#compare-result").is_hidden()
    page.fill("#compare-form input[name=b_from]", "10/09/2024")
    page.keyboard.press("Tab")
    wait_compare(page, {}, a=["2024-12-01", "2025-01-15"], b=["2024-09-10", "2024-10-31"])

    # A date typed while the answer to the one before is coming stays as typed, and counts once left.
    page.evaluate("""() => {
        const field = (name) => document.querySelector(`#compare-form input[name=${name}]`);
        field('a_from').value = '02/12/2024';
        field('a_from').dispatchEvent(new Event('change', {bubbles: true}));   // asked: its answer is on its way
        field('a_to').value = '16/01/2025';                                     // and this typed meanwhile
        field('a_to').dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    page.wait_for_function("() => !document.getElementById('compare').dataset.state")
    assert page.input_value("#compare-form input[name=a_to]") == "16/01/2025", "a date being typed was overwritten"
    page.dispatch_event("#compare-form input[name=a_to]", "change")
    wait_compare(page, {}, a=["2024-12-02", "2025-01-16"], b=["2024-09-10", "2024-10-31"])
    same_as_summary(page, export)

    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    table = page.evaluate("() => { const t = document.getElementById('compare-table'); "
                          "return [t.scrollWidth, t.parentElement.clientWidth]; }")
    assert table[0] <= table[1], f"the comparison's table scrolls sideways on a phone ({table})"
    assert_both_lines_drawn(page, "compare-phone")
    page.locator("#compare").screenshot(path=str(ARTIFACTS / "compare-phone.png"))
