"""Answers that arrive after the punter has changed something: the engine's answer to the question
asked before never overwrites what was typed since, and every figure shown is for the question
asked, whatever the form holds meanwhile. Each race is made certain, not hoped for: the value is
changed and the question asked in one page.evaluate."""
import datetime as dt

from browserkit import cli_summary, kpis, wait_dashboard, wait_imports
from test_compare_site import iso

from tmb_core import sample
from tmb_core.model import PRESUMED_LOST_DAYS

def imported(page, tmp_path):
    export = tmp_path / "export.csv"   # September 2024 to about April 2025
    export.write_text(sample.to_csv(sample.generate_records(3000, seed=7, start=dt.datetime(2024, 9, 1))))
    page.set_input_files("#file-input", [str(export)])
    wait_imports(page, 1)
    wait_dashboard(page)
    wait_drawn(page, {}, preset="month_vs_last_month")   # (the last of a dashboard's answers)
    return export


def wait_drawn(page, filters, **asked):
    """Until the dashboard asked with these filters (the presumed-lost days at their default unless
    among them) is drawn to its end: its comparison, asked last, is the one asked with `asked`."""
    asked["filters"] = {"presumed_lost_days": PRESUMED_LOST_DAYS, **filters}
    page.wait_for_function("""(asked) => {
        const box = document.getElementById('compare');
        if (box.dataset.state || !box.dataset.shown) return false;
        const shown = JSON.parse(box.dataset.shown);
        const key = (x) => JSON.stringify(Object.entries(x ?? {}).sort());
        return Object.entries(asked).every(([k, v]) => k === 'filters' ? key(shown[k]) === key(v)
            : JSON.stringify(shown[k] ?? null) === JSON.stringify(v));
    }""", arg=asked, timeout=60_000)


def bets_total(page) -> str:
    return page.locator("#bets-pager [role=status]").text_content().strip()


def test_a_date_typed_while_the_dashboard_is_coming_changes_none_of_its_figures(page, tmp_path):
    export = imported(page, tmp_path)
    assert "with these filters" not in page.locator("#answer").text_content()

    # Asked: the presumed-lost days (which filter no bet); typed meanwhile, not left: a first day.
    page.evaluate("""() => {
        const field = (name) => document.querySelector(`#filters [name=${name}]`);
        field('presumed_lost_days').value = '5';
        field('presumed_lost_days').dispatchEvent(new Event('change', {bubbles: true}));
        field('date_from').value = '01/02/2025';
        field('date_from').dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    wait_drawn(page, {"presumed_lost_days": 5}, preset="month_vs_last_month")
    whole = cli_summary(export, args=("--presumed-lost-days", "5"))
    shown = kpis(page)
    assert shown["bets"] == whole["bets"]
    assert "with these filters" not in page.locator("#answer").text_content(), "the unfiltered answer was called filtered"
    assert shown.get("reconciliation.closing_balance") == whole["reconciliation"]["closing_balance"], \
        "the unfiltered answer lost its balance"
    assert bets_total(page).endswith(f"of {whole['bets']:,} bets"), "the bets table is not the dashboard's"
    assert page.input_value("#filters [name=date_from]") == "01/02/2025"

    # Once the field is left, the date counts everywhere.
    page.dispatch_event("#filters [name=date_from]", "change")
    wait_drawn(page, {"presumed_lost_days": 5, "date_from": "2025-02-01"}, preset="month_vs_last_month")
    since = cli_summary(export, args=("--presumed-lost-days", "5", "--from", "2025-02-01"))
    assert since["bets"] < whole["bets"]
    assert kpis(page)["bets"] == since["bets"]
    assert "with these filters" in page.locator("#answer").text_content()
    assert bets_total(page).endswith(f"of {since['bets']:,} bets")


def test_a_compared_date_typed_while_the_dashboard_is_coming_stays_as_typed(page, tmp_path):
    imported(page, tmp_path)
    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    # Typed in a picker, not left; then a filter changed: the dashboard asks the preset's periods again.
    page.evaluate("""(sport) => {
        const picker = document.querySelector('#compare-form input[name=a_from]');
        picker.value = '15/01/2025';
        picker.dispatchEvent(new Event('input', {bubbles: true}));
        const select = document.querySelector('#filters select[name=sport]');
        select.value = sport;
        select.dispatchEvent(new Event('change', {bubbles: true}));
    }""", sport)
    wait_drawn(page, {"sport": sport}, preset="month_vs_last_month")
    assert page.input_value("#compare-form input[name=a_from]") == "15/01/2025", "a date being typed was overwritten"
    a_to = page.input_value("#compare-form input[name=a_to]")
    page.dispatch_event("#compare-form input[name=a_from]", "change")   # left: the periods are the punter's
    b = [page.input_value(f"#compare-form input[name={n}]") for n in ("b_from", "b_to")]
    wait_drawn(page, {"sport": sport}, a=["2025-01-15", iso(a_to)], b=[iso(d) for d in b])
