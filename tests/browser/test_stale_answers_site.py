"""Answers that arrive after the punter has changed something: the engine's answer to the question
asked before never overwrites what was typed since, and every figure shown is for the question
asked, whatever the form holds meanwhile. Each race is made certain, not hoped for: the value is
changed and the question asked in one page.evaluate, or the punter acts in the very task in which
the engine's real answer reaches the page (the `ANSWERS` hook below)."""
import datetime as dt

from browserkit import cli_summary, kpis, open_site, wait_dashboard, wait_imports
from test_compare_site import iso, wait_compare

from tmb_core import sample

# Each message of the engine's worker is handed to window.onEngineMessage (if set) before the page
# reads it: a test acts there as a punter would in the instant the answer arrives. (The listener
# is added before the page sets its own onmessage, so it runs first; the message is not changed.)
ANSWERS = """(() => {
    const Real = window.Worker;
    window.Worker = function (...args) {
        const worker = new Real(...args);
        worker.addEventListener('message', (event) => window.onEngineMessage?.(event.data));
        return worker;
    };
})()"""


def imported(page, tmp_path):
    export = tmp_path / "export.csv"   # September 2024 to about April 2025
    export.write_text(sample.to_csv(sample.generate_records(3000, seed=7, start=dt.datetime(2024, 9, 1))))
    page.set_input_files("#file-input", [str(export)])
    wait_imports(page, 1)
    wait_dashboard(page)
    wait_compare(page, {}, preset="month_vs_last_month")   # (the last of a dashboard's answers)
    return export


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
    wait_compare(page, {"presumed_lost_days": 5}, preset="month_vs_last_month")
    whole = cli_summary(export, args=("--presumed-lost-days", "5"))
    shown = kpis(page)
    assert shown["bets"] == whole["bets"]
    assert "with these filters" not in page.locator("#answer").text_content(), "the unfiltered answer was called filtered"
    assert shown.get("reconciliation.closing_balance") == whole["reconciliation"]["closing_balance"], \
        "the unfiltered answer lost its balance"
    assert bets_total(page).endswith(f"of {whole['bets']:,} bets"), "the bets table is not the dashboard's"
    assert page.input_value("#filters [name=date_from]") == "01/02/2025"
    # The bets table's next page, asked while the date is still being typed, is the dashboard's too.
    page.locator("#bets-pager button", has_text="Next").click()
    page.wait_for_function("() => document.querySelector('#bets-pager [role=status]').textContent.trim().startsWith('51')")
    assert bets_total(page) == f"51–100 of {whole['bets']:,} bets", "the next page is not the dashboard's"

    # "Next", then a sort before its answer: only the sorted first page is drawn, never the next
    # page's rows under the sort's header and "1–50".
    page.evaluate("""() => {
        window.betsDrawn = 0;
        new MutationObserver(() => { window.betsDrawn += 1; })
            .observe(document.getElementById('bets-pager'), {childList: true});
        [...document.querySelectorAll('#bets-pager button')].find((b) => b.textContent === 'Next').click();
        [...document.querySelectorAll('#bets th button.sort')].find((b) => b.textContent.startsWith('Stake')).click();
    }""")
    page.locator("#bets th[aria-sort=descending]", has_text="Stake").wait_for()
    assert bets_total(page) == f"1–50 of {whole['bets']:,} bets"
    assert page.evaluate("window.betsDrawn") == 1, "an answer to a question asked before was drawn"

    # Once the field is left, the date counts everywhere.
    page.dispatch_event("#filters [name=date_from]", "change")
    wait_compare(page, {"presumed_lost_days": 5, "date_from": "2025-02-01"}, preset="month_vs_last_month")
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
    wait_compare(page, {"sport": sport}, preset="month_vs_last_month")
    assert page.input_value("#compare-form input[name=a_from]") == "15/01/2025", "a date being typed was overwritten"
    a_to = page.input_value("#compare-form input[name=a_to]")
    page.dispatch_event("#compare-form input[name=a_from]", "change")   # left: the periods are the punter's
    b = [page.input_value(f"#compare-form input[name={n}]") for n in ("b_from", "b_to")]
    wait_compare(page, {"sport": sport}, a=["2025-01-15", iso(a_to)], b=[iso(d) for d in b])

    # Typed, put back as it was and left (no change, so nothing asked): it follows the periods again.
    page.evaluate("""() => {
        const picker = document.querySelector('#compare-form input[name=b_to]');
        const was = picker.value;
        for (const value of ['3', was]) {
            picker.value = value;
            picker.dispatchEvent(new Event('input', {bubbles: true}));
        }
        picker.dispatchEvent(new FocusEvent('focusout', {bubbles: true}));
    }""")
    page.check("#compare-form input[value=year_vs_last_year]")
    wait_compare(page, {"sport": sport}, preset="year_vs_last_year")
    assert iso(page.input_value("#compare-form input[name=b_to]")) == "2024-12-31", "a picker left unchanged stopped following"


def test_filters_cleared_as_an_answer_arrives_stay_cleared(context, site, tmp_path):
    context.add_init_script(ANSWERS)
    page = open_site(context, site)
    imported(page, tmp_path)
    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    page.select_option("#filters select[name=sport]", sport)
    wait_compare(page, {"sport": sport}, preset="month_vs_last_month")

    # Another sport asked; "Clear filters" pressed in the instant the last of its dashboard's answers (the
    # tables, which bring the choices narrowed by the other filters) reaches the page.
    other = page.locator("#filters select[name=sport] option").nth(2).get_attribute("value")
    page.evaluate("""(other) => {
        const form = document.getElementById('filters');
        window.onEngineMessage = (message) => {
            if (message.type !== 'answer' || !message.ok || !('breakdowns' in Object(message.data))) return;
            window.onEngineMessage = null;
            form.reset();
        };
        form.elements.sport.value = other;
        form.elements.sport.dispatchEvent(new Event('change', {bubbles: true}));
    }""", other)
    # Until a dashboard after the first sport's is drawn to the end (its comparison shown).
    page.wait_for_function("""(sport) => {
        const box = document.getElementById('compare');
        return !box.dataset.state && JSON.parse(box.dataset.shown).filters.sport !== sport;
    }""", arg=sport, timeout=60_000)
    assert page.input_value("#filters select[name=sport]") == "", "the filters cleared came back"
    wait_compare(page, {}, preset="month_vs_last_month")
    assert kpis(page)["bets"] == cli_summary(tmp_path / "export.csv")["bets"]
    context.watch.assert_clean()
