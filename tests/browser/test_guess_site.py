"""Guess first, in the real site: a punter's own first dashboard asks before it shows, with the
figures laid out but unseen; the guess is set beside the CLI's truth, kept across a reload,
asked again from a button, never asked of the sample, and deleted with the data."""
from browserkit import ENGINE_TIMEOUT, cli_summary, kpis, shot, wait_dashboard, wait_imports

from tmb_core import sample

UNSEEN = "getComputedStyle(document.getElementById('{}')).visibility === 'hidden'"


def own_export(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(sample.generate_csv(1500, seed=3))
    return path


def test_the_first_dashboard_asks_first_then_sets_the_guess_beside_the_cli_truth(page, tmp_path):
    path = own_export(tmp_path)
    page.set_input_files("#file-input", str(path))
    wait_imports(page, 1)
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_visible()
    for hidden in ("cards", "truth", "filters"):
        assert page.evaluate(UNSEEN.format(hidden)), f"#{hidden} is seen before the guess"
    assert page.evaluate("document.getElementById('chart-pnl').offsetWidth") > 300, "the charts keep their size"
    assert "01/01/2025" in page.locator("#guess-period").text_content()

    page.fill("#guess-amount", "1,200")
    page.select_option("#guess-wins", "6")
    page.click("#guess-show")
    page.wait_for_selector("#guess-reveal:not([hidden])", timeout=ENGINE_TIMEOUT)
    assert page.locator("#guess").is_hidden() and not page.evaluate(UNSEEN.format("cards"))
    truth = cli_summary(path)
    shown = kpis(page)
    assert shown["guess.net_profit"] == -1200
    assert shown["guess.truth.net_profit"] == truth["net_profit"] == shown["net_profit"]
    assert shown["guess.difference"] == round(truth["net_profit"] + 1200, 2)
    words = page.locator("#guess-reveal").inner_text()
    net = truth["net_profit"]
    assert f"you are ${int(abs(net) + 0.5):,} {'up' if net > 0 else 'down'}." in words
    assert f"{round(10 * truth['strike_rate'], 1):g} in 10 of your settled bets did" in words
    shot(page, "guess-revealed")

    page.reload()
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_hidden(), "a punter who guessed is not asked again on a reload"
    assert kpis(page)["guess.net_profit"] == -1200

    page.click("#guess-again")
    assert page.locator("#guess").is_visible() and page.evaluate(UNSEEN.format("cards"))
    page.click("#guess-skip")   # a later skip changes nothing
    assert page.locator("#guess").is_hidden() and kpis(page)["guess.net_profit"] == -1200


def test_an_amount_that_is_no_amount_is_refused_beside_the_question(page, tmp_path):
    page.set_input_files("#file-input", str(own_export(tmp_path)))
    wait_dashboard(page, guess=True)
    page.fill("#guess-amount", "lots")
    page.click("#guess-show")
    assert "Type an amount in dollars" in page.locator("#guess-problem").text_content()
    assert page.locator("#guess").is_visible() and page.evaluate(UNSEEN.format("cards"))


def test_a_skip_is_kept_the_sample_never_asks_and_deleting_asks_again(page, tmp_path):
    page.click("#sample")
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_hidden() and not page.evaluate(UNSEEN.format("cards"))
    page.click("#sample-leave")
    page.click("#confirm-delete button[value=delete]")
    page.wait_for_function("() => document.getElementById('dashboard').hidden")

    page.set_input_files("#file-input", str(own_export(tmp_path)))
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_visible()
    page.click("#guess-skip")
    page.wait_for_function("() => !('guessing' in document.getElementById('dashboard').dataset)")
    assert page.locator("#guess-reveal").is_hidden() and "guess.net_profit" not in kpis(page)
    page.reload()
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_hidden(), "a skip is kept: not asked again unasked"

    page.click("#delete-all")
    page.click("#confirm-delete button[value=delete]")
    page.wait_for_function("() => document.getElementById('dashboard').hidden")
    page.set_input_files("#file-input", str(own_export(tmp_path)))
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_visible(), "the guesses were deleted with the data"
