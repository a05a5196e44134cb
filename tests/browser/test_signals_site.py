"""Patterns worth knowing about (site/app/signals.js): on the page, each safer-gambling signal the
CLI finds under the same filters, in the same words, with its occasions; its "Show these bets"
gives the dashboard the CLI gives under its filters; an export built to hold none shows none, and
the support services are always there. Exports from tests/test_signals.py, built to hold them."""
from browserkit import ENGINE_TIMEOUT, cli_summary, wait_dashboard
from test_signals import patterns, quiet
from test_site import same_figures

# The signals of the dashboard drawn are shown (they are asked for once the section is near the
# screen: `signals_of` scrolls to it).
SHOWN = ("() => !document.getElementById('signals').dataset.state"
         " && document.querySelector('#signals-list :is([data-signal], .signals-none)')")


def signals_of(page):
    page.locator("#signals").scroll_into_view_if_needed()
    page.wait_for_function(SHOWN, timeout=ENGINE_TIMEOUT)


def opened_with(context, site, path, data: bytes):
    path.write_bytes(data)
    page = context.watch.page(context.new_page())
    page.goto(site)
    page.set_input_files("#file-input", str(path))
    wait_dashboard(page)
    signals_of(page)
    return page


def shown(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#signals-list [data-signal]')].map((s) => ({
        id: s.dataset.signal, found: s.querySelector('.found').textContent,
        occasions: s.querySelectorAll('table.occasions tbody tr').length }))""")


def support(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('#signals-support a')].map((a) => a.getAttribute('href'))")


def test_each_signal_is_shown_as_the_cli_finds_it_and_links_its_bets(context, site, tmp_path):
    export = tmp_path / "patterns.csv"
    page = opened_with(context, site, export, patterns())
    expected = cli_summary(export)["signals"]
    assert len(expected["signals"]) >= 5, "the export holds the signals it was built to hold"
    occasions = {"chasing": "listed", "reversed_withdrawals": "listed", "late_night": "listed", "net_cash": "months"}
    assert shown(page) == [{"id": s["id"], "found": s["found"],
                            "occasions": len(s["evidence"][occasions[s["id"]]]) if s["id"] in occasions else 0}
                           for s in expected["signals"]]
    links = {u for h in expected["support"] for u in (h["url"], h["tel"]) if u}
    assert set(support(page)) == links
    assert page.locator("#signals-list [data-signal=chasing] .found").is_visible()

    came_back = next(s for s in expected["signals"] if s["id"] == "reversed_withdrawals")
    page.click("#signals [data-signal=reversed_withdrawals] .found + p button")
    f = came_back["filters"]
    day_first = {k: "/".join(reversed(f[k].split("-"))) for k in ("date_from", "date_to")}   # as the page shows a date
    page.wait_for_function(f"() => document.querySelector('#filters [name=date_from]').value === '{day_first['date_from']}'"
                           f" && document.querySelector('#filters [name=date_to]').value === '{day_first['date_to']}'")
    wait_dashboard(page)
    signals_of(page)
    same_figures(page, cli_summary(export, args=("--from", f["date_from"], "--to", f["date_to"])))
    context.watch.assert_clean()


def test_an_export_that_holds_none_shows_none_and_the_support(context, site, tmp_path):
    export = tmp_path / "quiet.csv"
    page = opened_with(context, site, export, quiet())
    expected = cli_summary(export)["signals"]
    assert expected["signals"] == [] and shown(page) == []
    assert page.locator("#signals .signals-none").is_visible()
    assert set(support(page)) == {u for h in expected["support"] for u in (h["url"], h["tel"]) if u}
    context.watch.assert_clean()
