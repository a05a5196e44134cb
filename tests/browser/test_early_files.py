"""Files taken at once (issue 17): the file picker works from the first paint, before the engine
is up; files chosen then are listed and read at once, wait for the engine, and are imported with
the same figures as the CLI's. With the sample stored, they wait until the page knows it, and
the punter is asked before the sample is left (a file kept out is not listed)."""
from browserkit import ENGINE_TIMEOUT, cli_summary, open_site, wait_dashboard, wait_imports
from test_site import same_figures

from tmb_core import sample

NOT_READY = "() => document.body.dataset.engine !== 'ready'"


def early_page(context, site):
    page = context.watch.page(context.new_page())
    page.goto(site, wait_until="domcontentloaded")
    return page


def test_files_chosen_before_the_engine_is_up_are_imported_once_it_is(context, site, tmp_path):
    export = tmp_path / "early.csv"
    export.write_text(sample.generate_csv(1200, seed=12))
    page = early_page(context, site)
    assert page.evaluate(NOT_READY) and page.locator("#file-input").is_enabled()
    page.set_input_files("#file-input", str(export))
    item = page.locator("#imports .import").first
    item.wait_for()
    assert page.evaluate(NOT_READY), "chosen while the engine was still starting"
    assert "early.csv" in item.text_content()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    wait_imports(page, 1)
    wait_dashboard(page)
    assert "Imported" in item.text_content()
    same_figures(page, cli_summary(export))
    context.watch.assert_clean()


def test_files_chosen_early_over_the_stored_sample_ask_to_leave_it_first(context, site, tmp_path):
    page = open_site(context, site)
    page.click("#sample")
    wait_dashboard(page)
    export = tmp_path / "own.csv"
    export.write_text(sample.generate_csv(400, seed=13))
    page.reload(wait_until="domcontentloaded")
    assert page.evaluate(NOT_READY)
    page.set_input_files("#file-input", str(export))
    dialog = page.locator("#confirm-leave-sample")
    dialog.wait_for(state="visible", timeout=ENGINE_TIMEOUT)   # asked once the page knows the sample is stored
    dialog.locator("button[value=cancel]").click()
    page.wait_for_function("() => !document.querySelector('#imports .import')", timeout=ENGINE_TIMEOUT)
    assert page.locator("#sample-banner").is_visible(), "the sample is still what is stored"
    assert "own.csv" not in page.locator("#imports").text_content(), "a file kept out is not listed"
    context.watch.assert_clean()
