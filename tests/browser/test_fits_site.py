"""The page fits the person (issue "Fits the hand"): the answer first, above the fold on a phone and
on a desktop, in the CLI's figures; money put in never shown as money made."""
import pytest
from browserkit import ENGINE_TIMEOUT, ROOT, cli_figures, cli_summary, kpis, open_site, wait_dashboard, wait_imports

from tmb_core import sample

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


def own_page(context, site, tmp_path, rows, seed):
    """A page of this context with a made-up export of `rows` imported; the page and the export."""
    export = tmp_path / "own.csv"
    export.write_text(sample.generate_csv(rows, seed=seed))
    page = open_site(context, site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page)
    return page, export


def imported_at(browser, site, tmp_path, width, rows, seed, guess=False):
    """A context of that width, and a page with a made-up export of `rows` dropped; the export."""
    export = tmp_path / "own.csv"
    export.write_text(sample.generate_csv(rows, seed=seed))
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page, guess=guess)
    return context, page, export


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_answer_comes_first_above_the_fold_in_the_clis_figures(browser, site, tmp_path, width):
    context, page, export = imported_at(browser, site, tmp_path, width, 1500, 81, guess=True)
    h = WIDTHS[width][1]
    assert page.locator("#guess").is_visible() and page.locator("#answer").is_hidden(), "no figure before the guess"
    wait_dashboard(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    answer = page.locator("#answer")
    box = answer.bounding_box()
    assert answer.is_visible() and box["y"] + box["height"] <= h, "the whole answer above the fold"
    assert box["y"] < page.locator("#imports").bounding_box()["y"] < page.locator("#filters").bounding_box()["y"]
    figures = kpis(answer)
    summary = cli_summary(export)
    assert set(figures) == {"net_profit", "net_cash_in", "reconciliation.opening_balance",
                            "reconciliation.closing_balance"}
    assert figures == cli_figures(summary, figures)
    text = answer.text_content()
    down = f"${abs(summary['net_profit']):,.0f} down on your bets" if summary["net_profit"] < 0 else None
    assert down and down in text, text
    assert f"you put in ${summary['net_cash_in']:,.0f} more than you took out" in text, text
    card = page.locator("[data-kpi=net_cash_in].card")
    assert "+" not in card.locator(".value").text_content() and "put in" in card.locator(".value").text_content()

    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    page.select_option("#filters select[name=sport]", sport)
    page.wait_for_function("() => document.getElementById('answer').textContent.includes('with these filters')",
                           timeout=ENGINE_TIMEOUT)
    wait_dashboard(page)
    filtered = kpis(page.locator("#answer"))
    assert set(filtered) == {"net_profit", "net_cash_in"}, "the balance is the whole account's: not said of a filter"
    assert filtered == cli_figures(cli_summary(export, args=("--sport", sport)), filtered)
    context.close()


def test_a_view_with_no_bets_says_so_and_still_tells_the_cash(context, site, tmp_path):
    export = tmp_path / "cash.csv"
    rows = ["Time (AEST),Type,Summary,Transaction Id,Bet Id,Amount,Balance,Single,Multiple,Exotic,Pool",
            "02/03/2026 10:00,Deposit,Deposit - Visa,9001,,50.00,50.00,false,false,false,false",
            "03/03/2026 10:00,Withdrawal,Withdrawal - Bank,9002,,-80.00,-30.00,false,false,false,false"]
    export.write_text("\r\n".join(rows) + "\r\n")
    page = open_site(context, site)
    page.set_input_files("#file-input", str(export))
    page.wait_for_function("() => document.getElementById('answer').textContent !== ''", timeout=ENGINE_TIMEOUT)
    text = page.locator("#answer").text_content()
    assert "you placed no bets" in text and "you took out $30 more than you put in" in text, text


# Every bet shown (the best, the worst, a page of every bet) whose profit is not wholly on the screen.
PROFITS_OFF = """() => [...document.querySelectorAll('#best td:last-child, #worst td:last-child, #bets td.col-profit')]
  .filter((td) => td.checkVisibility())
  .filter((td) => { const r = td.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > innerWidth; })
  .map((td) => td.textContent)"""
WIDE = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_nothing_scrolls_sideways_and_every_profit_shows(browser, site, tmp_path, width):
    context, page, _ = imported_at(browser, site, tmp_path, width, 1200, 82)
    assert not page.evaluate(WIDE)
    page.set_input_files("#file-input", str(ROOT / "tests" / "data" / "bad" / "partly_bad.csv"))
    wait_imports(page, 2)
    wait_dashboard(page)
    assert page.locator(".issues tr").count() > 3, "the problem rows are listed"
    assert not page.evaluate(WIDE), "an import report with problem rows fits"
    assert page.locator("#bets td.col-profit").count() == 50 and page.locator("#best td").count() > 0
    assert page.evaluate(PROFITS_OFF) == []
    page.locator("#bets button.expand").first.click()
    assert not page.evaluate(WIDE), "a bet's details fit"
    context.close()


def options(page, name) -> list[str]:
    return page.locator(f"#filters select[name={name}] option").evaluate_all("els => els.slice(1).map(e => e.value)")


def test_filters_narrow_each_other_live_in_the_address_and_clear_with_the_search(context, site, tmp_path):
    from tmb_core import Ledger
    from tmb_core.model import Filters

    export = tmp_path / "own.csv"
    export.write_text(sample.generate_csv(2500, seed=83))
    ledger = Ledger.in_memory()
    ledger.import_file("own.csv", export.read_bytes())
    page = open_site(context, site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page)
    every = {name: options(page, name) for name in ("sport", "competition", "team", "market")}
    assert every["competition"] == ledger.choices()["competition"]

    page.select_option("#filters select[name=sport]", "Soccer")
    page.wait_for_function("() => location.search.includes('sport=Soccer')")
    wait_dashboard(page)
    page.wait_for_function("(n) => document.querySelectorAll('#filters select[name=competition] option').length - 1 < n",
                           arg=len(every["competition"]), timeout=ENGINE_TIMEOUT)
    narrowed = ledger.narrowed_choices(Filters(sport="Soccer"))
    for name in ("sport", "competition", "team", "market"):
        assert options(page, name) == narrowed[name], name
    assert options(page, "sport") == every["sport"], "the sport chosen still offers the others"

    page.check("#period input[value=month]")
    wait_dashboard(page)
    unsearched = page.locator("#bets-pager [role=status]").text_content()
    page.fill("#bet-search", "United")
    page.wait_for_function("() => location.search.includes('q=United') && location.search.includes('period=month')")
    page.wait_for_function("(t) => document.querySelector('#bets-pager [role=status]').textContent !== t",
                           arg=unsearched, timeout=ENGINE_TIMEOUT)   # the search's own bets
    shown = kpis(page)
    address = page.url
    pages_text = page.locator("#bets-pager [role=status]").text_content()

    again = context.new_page()   # the address pasted: the same view
    again.goto(address)
    wait_dashboard(again)
    assert kpis(again) == shown
    assert again.locator("#filters select[name=sport]").input_value() == "Soccer"
    assert again.locator("#period input[value=month]").is_checked()
    assert again.locator("#bet-search").input_value() == "United"
    again.wait_for_function("(t) => document.querySelector('#bets-pager [role=status]').textContent === t",
                            arg=pages_text, timeout=ENGINE_TIMEOUT)
    again.close()

    page.click("#filters button[type=reset]")
    page.wait_for_function("() => !location.search.includes('sport') && !location.search.includes('q=')",
                           timeout=ENGINE_TIMEOUT)
    assert page.locator("#bet-search").input_value() == ""
    wait_dashboard(page)
    page.wait_for_function("(n) => document.querySelectorAll('#filters select[name=competition] option').length - 1 === n",
                           arg=len(every["competition"]), timeout=ENGINE_TIMEOUT)
    context.watch.assert_clean()


# The element holding the focus (inside a chart's shadow DOM too): its tag, size, what it says,
# whether it sits in a chart, and whether it is a chart's event layer.
FOCUSED = """() => {
  let e = document.activeElement;
  while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
  const r = e.getBoundingClientRect();
  let chart = e;
  while (chart && !chart.closest?.('.chart')) chart = chart.getRootNode().host;   // out of each shadow DOM
  return { tag: e.tagName, id: e.id, w: r.width, h: r.height, text: (e.textContent || e.title || '').trim().slice(0, 40),
           events: e.classList.contains('bk-events'), chart: Boolean(chart), best: Boolean(e.closest('.bets-top')),
           visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
}"""


def test_a_keyboard_walk_finds_a_skip_link_no_hidden_stops_and_charts_in_words(context, site, tmp_path):
    page, _ = own_page(context, site, tmp_path, 1500, 84)
    page.reload()   # a fresh page: the walk starts at its top
    wait_dashboard(page)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["text"] == "Skip to your dashboard" and first["visible"], first
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "dashboard"
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["tag"] == "BODY" or stop["id"] == "bet-search":
            break
        stops.append(stop)
    assert page.evaluate("() => document.activeElement.id") == "bet-search", "the walk reaches the bets table"
    hidden = [s for s in stops if not s["visible"] or s["w"] == 0 or s["h"] == 0 or s["events"]]
    assert hidden == [], hidden
    assert not [s for s in stops if s["best"] and s["tag"] == "A"], "the best and worst bets' type links take no stop each"
    assert not [s for s in stops if s["chart"] and s["tag"] != "DIV"], "in a chart, only its toolbar's buttons"
    described = page.locator(".chart[role=figure]").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(described) >= 10 and all(d and len(d) > 20 for d in described), described
    pnl = page.locator("#chart-pnl").get_attribute("aria-label")
    assert pnl.startswith("Profit and loss over time.") and "the lowest" in pnl and "the highest" in pnl, pnl
    context.watch.assert_clean()


def test_files_dropped_anywhere_on_the_page_are_imported(context, site, tmp_path):
    export = tmp_path / "dropped.csv"
    export.write_text(sample.generate_csv(400, seed=85))
    page = open_site(context, site)
    files = page.evaluate_handle("""(text) => { const d = new DataTransfer();
      d.items.add(new File([text], 'dropped.csv', { type: 'text/csv' })); return d; }""", export.read_text())
    page.dispatch_event("footer", "dragenter", {"dataTransfer": files})
    assert page.evaluate("() => document.body.classList.contains('dropping')"), "the page says where files go"
    page.dispatch_event("footer", "drop", {"dataTransfer": files})
    wait_dashboard(page)
    assert not page.evaluate("() => document.body.classList.contains('dropping')")
    assert page.url.startswith(site) and page.locator("#imports .import strong").all_text_contents() == ["dropped.csv"]
    shown = kpis(page)
    assert shown == cli_figures(cli_summary(export), shown)

    page.set_input_files("#file-input", str(ROOT / "tests" / "data" / "bad" / "partly_bad.csv"))
    wait_imports(page, 2)
    first, second = page.locator("#imports .import.folded"), page.locator("#imports .import:not(.folded)")
    assert first.locator("strong").text_content() == "dropped.csv" and first.locator(".report").is_hidden(), \
        "the earlier report folds to its line when more files come"
    assert second.locator(".issues").is_visible(), "the new one's problem rows are shown"
    first.locator("button.unfold").click()
    assert page.locator("#imports .import.folded").count() == 0 and page.locator("#imports .counts").first.is_visible()
    context.watch.assert_clean()


def test_a_breakdown_table_sorts_by_any_column_and_says_what_its_chart_leaves_out(context, site, tmp_path):
    page, _ = own_page(context, site, tmp_path, 3000, 86)
    box = page.locator("details.breakdown[data-dimension=team]")
    assert "the chart shows the 12 with most staked" in box.locator("summary").text_content()
    box.locator("summary").click()
    box.locator("tbody tr").first.wait_for()   # the rows are drawn once it opens
    column = "() => [...document.querySelectorAll('details[data-dimension=team] tbody tr')].map((r) => r.cells[1].textContent)"
    profits = "() => [...document.querySelectorAll('details[data-dimension=team] tbody td:nth-child(4)')].map((td) => td.textContent)"
    first = page.evaluate(profits)
    assert first[0].startswith("\u2212"), "where you lose most first"
    box.locator("th button", has_text="Bets").click()
    bets = [int(n.replace(",", "")) for n in page.evaluate(column)]
    assert bets == sorted(bets, reverse=True) and len(bets) > 12
    assert page.evaluate("() => document.activeElement.textContent").startswith("Bets"), "the focus stays on the button"
    box.locator("th button", has_text="Bets").click()
    assert [int(n.replace(",", "")) for n in page.evaluate(column)] == sorted(bets)
    context.watch.assert_clean()
