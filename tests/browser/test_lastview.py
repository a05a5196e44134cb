"""The dashboard before the engine (issue 17): a returning punter sees the dashboard they last
saw, with its filters, before Python and DuckDB have loaded; it is replaced by the engine's own,
and never shown once the rows it was drawn from have changed. "Try it with sample data" shows
the sample's dashboard, prepared when the site was built, at once.

The engine is held back by holding its worker's script (`held_engine`), so that what the page
shows before it is seen for certain, not by luck of timing."""
import json

import pytest
from browserkit import ENGINE_TIMEOUT, LIVE, VIEW_KEPT, cli_summary, kpis, wait_dashboard
from test_signals_site import signals_of
from test_site import same_figures

from tmb_core import sample
from tmb_core.model import SAMPLE_ROWS, SAMPLE_SEED

VIEW = "() => document.getElementById('dashboard').dataset.view"
ENGINE_READY = "() => document.body.dataset.engine === 'ready'"


class HeldEngine:
    """Holds every request for the engine worker's script (and, with `bokeh`, for BokehJS) until
    released."""

    ENGINE, BOKEH = "**/assets/engine.*.js", "**/assets/bokeh.*.js"

    def __init__(self, context, bokeh=False):
        self.context, self.held = context, []
        self.patterns = [self.ENGINE, self.BOKEH] if bokeh else [self.ENGINE]
        for pattern in self.patterns:
            context.route(pattern, self._hold)

    def _hold(self, route):
        self.held.append(route)

    def release(self):
        for route in self.held:
            route.continue_()
        self.held.clear()
        for pattern in self.patterns:
            self.context.unroute(pattern, self._hold)


@pytest.fixture
def context(browser, site):
    """A context whose pages can be seen before the engine starts (no service worker: it would
    answer the worker's script from its cache, past the hold)."""
    from browserkit import Watch

    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    ctx.watch = Watch(ctx, site)
    yield ctx
    ctx.close()


def view_kept(page):
    """Wait until the engine has kept the dashboard shown (worker.js keepView)."""
    page.evaluate(VIEW_KEPT)


def shows(page, kind):
    page.wait_for_function(f"() => document.getElementById('dashboard').dataset.view === '{kind}'", timeout=ENGINE_TIMEOUT)
    assert not page.evaluate(ENGINE_READY), "shown before the engine was up"


def reopened_held(context, page, site, bokeh=False):
    """The page reloaded with its engine (and BokehJS) held: what it shows before them."""
    held = HeldEngine(context, bokeh)
    page.reload(wait_until="domcontentloaded")
    return held


def opened(page, what):
    """Wait until the page has looked for a kept view: `what` it found ("kept" or "none")."""
    page.wait_for_function(f"() => document.body.dataset.opened === '{what}'", timeout=ENGINE_TIMEOUT)


# Once the view of the rows stored now is kept, it is marked as kept by an older tmb_core.
AGED = """() => new Promise((done) => {
  const open = indexedDB.open('trackmybets', 1);
  const age = () => {
    const store = open.result.transaction('snapshot', 'readwrite').objectStore('snapshot');
    const meta = store.get('meta'), kept = store.get('view');
    kept.onsuccess = () => {
      if (kept.result?.version !== meta.result?.version) return setTimeout(age, 50);
      kept.result.view.code = 'older';
      store.put(kept.result, 'view').onsuccess = () => done();
    };
  };
  open.onsuccess = age;
})"""


# Each chart's picture in the kept view, and each chart as BokehJS draws it now (its painted
# layers), as the pixels of a canvas of the picture's size: {chart: [width, height, pixels]}.
PIXELS = """async (what) => {
  const pixels = (image, width, height) => {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    return [width, height, Array.from(ctx.getImageData(0, 0, width, height).data)];
  };
  const found = {};
  for (const target of document.querySelectorAll('.chart')) {
    const name = target.id.replace('chart-', '');
    if (what === 'pictures') {
      const picture = target.querySelector('.chart-picture');
      if (picture) { await picture.decode(); found[name] = pixels(picture, picture.naturalWidth, picture.naturalHeight); }
    } else if (target.offsetWidth) {
      const view = window.Bokeh.index.query_one((v) => v.el === target.lastElementChild);
      const layer = view.canvas_view.compose();
      found[name] = pixels(layer.canvas, layer.canvas.width, layer.canvas.height);
    }
  }
  return found;
}"""


def inked(pixels) -> float:
    """The share of a picture's pixels that are drawn (not transparent, not white)."""
    values = pixels[2]
    drawn = sum(1 for i in range(0, len(values), 4) if values[i + 3] and min(values[i:i + 3]) < 250)
    return drawn / (len(values) // 4)


def held_controls(page):
    return page.locator("#filters select[name=sport]").is_disabled() and page.locator("#bet-search").is_disabled()


def test_the_sample_dashboard_shows_before_the_engine_and_the_engine_draws_the_same(context, site, tmp_path):
    held = HeldEngine(context)
    page = context.watch.page(context.new_page())
    page.goto(site, wait_until="domcontentloaded")
    page.click("#sample")
    shows(page, "prepared")
    prepared = kpis(page)
    assert page.locator("#view-note").is_visible() and held_controls(page)
    assert page.locator("#sample-banner").is_visible()
    assert "Waiting for the engine" in page.locator("#imports .import").first.text_content()
    assert page.locator("#bets tbody tr").count() > 0, "the first page of the bets table is shown too"
    assert page.locator("#signals [data-signal]").count() > 0, "and the sample's patterns worth knowing about"
    signals = page.locator("#signals").inner_text()
    held.release()
    wait_dashboard(page)
    assert kpis(page) == prepared, "the prepared figures are the engine's"
    signals_of(page)
    assert page.locator("#signals").inner_text() == signals
    assert page.locator("#view-note").is_hidden() and not held_controls(page)
    export = tmp_path / "sample.csv"
    export.write_text(sample.generate_csv(SAMPLE_ROWS, seed=SAMPLE_SEED))
    same_figures(page, cli_summary(export))
    view_kept(page)
    # "Delete all my data" deletes the kept view with the rest: nothing is shown on the next open.
    page.click("#delete-all")
    page.click("#confirm-delete button[value=delete]")
    page.wait_for_function("() => document.getElementById('dashboard').hidden")
    held = reopened_held(context, page, site)
    opened(page, "none")
    assert page.locator("#dashboard").is_hidden() and page.locator(".sample-row").is_visible()
    held.release()
    context.watch.assert_clean()


def imported(context, site, export, rows, seed):
    """A page with the punter's own export of `rows` imported, its guess still asked."""
    export.write_text(sample.generate_csv(rows, seed=seed))
    page = context.watch.page(context.new_page())
    page.goto(site)
    page.set_input_files("#file-input", str(export))
    wait_dashboard(page, guess=True)
    return page


def test_a_reopened_page_shows_the_last_dashboard_with_its_filters_until_the_engine_draws_it(context, site, tmp_path):
    export = tmp_path / "own.csv"
    page = imported(context, site, export, 1500, 31)
    page.fill("#guess-amount", "250")
    page.click("#guess-show")
    page.wait_for_function("() => !('guessing' in document.getElementById('dashboard').dataset)")
    page.locator("#signals").scroll_into_view_if_needed()   # its signals are then kept with the view
    sport = page.locator("#filters select[name=sport] option").nth(1).get_attribute("value")
    page.select_option("#filters select[name=sport]", sport)
    page.check("#period input[value=month]")
    wait_dashboard(page)
    page.wait_for_function(f"() => document.querySelector('#filters select[name=sport]').value === {json.dumps(sport)}")
    signals_of(page)
    view_kept(page)
    live = kpis(page)
    charts = page.evaluate(PIXELS, "charts")
    compared = page.locator("#compare-table").inner_text()
    signals = page.locator("#signals").inner_text()

    held = reopened_held(context, page, site, bokeh=True)
    opened(page, "kept")
    shows(page, "kept")
    assert kpis(page) == live, "the kept dashboard is the one last seen"
    assert page.locator("#filters select[name=sport]").input_value() == sport
    assert page.locator("#period input[value=month]").is_checked()
    assert page.locator("#guess-reveal").is_visible(), "the guess beside the truth is kept with it"
    assert page.locator("#guess").is_hidden()
    assert held_controls(page) and page.locator("#view-note").is_visible()
    assert page.locator("#compare-table").inner_text() == compared, "the comparison is kept with it"
    assert page.locator("#signals").inner_text() == signals, "and the patterns worth knowing about"
    pictures = page.evaluate(PIXELS, "pictures")
    assert set(pictures) == set(charts), "every chart seen is shown as it was, before BokehJS"
    assert all(inked(pictures[name]) > 0.01 for name in pictures), "a picture is blank"
    held.release()
    wait_dashboard(page)
    assert kpis(page) == live and page.locator("#filters select[name=sport]").input_value() == sport
    assert page.locator(".chart-picture").count() == 0, "a picture stayed over the engine's charts"
    assert page.evaluate(PIXELS, "charts") == pictures, "the pictures are the charts the engine draws of that view"
    same_figures(page, cli_summary(export, args=("--sport", sport)))
    context.watch.assert_clean()


def test_no_view_is_kept_while_the_guess_hides_the_figures(context, site, tmp_path):
    page = imported(context, site, tmp_path / "own.csv", 600, 32)
    # A search asked after the dashboard is answered after any view the page handed the worker to keep.
    page.locator("#bets tbody tr").first.wait_for(state="attached")
    page.evaluate("() => { const box = document.getElementById('bet-search'); box.value = 'no such bet';"
                  " box.dispatchEvent(new Event('input')); }")
    page.wait_for_function("() => document.querySelector('#bets-pager [role=status]').textContent.trim() === '0 bets'",
                           timeout=ENGINE_TIMEOUT)
    held = reopened_held(context, page, site)
    opened(page, "none")
    assert page.evaluate(VIEW) is None and page.locator("#dashboard").is_hidden(), "figures shown unguessed"
    held.release()
    wait_dashboard(page, guess=True)
    assert page.locator("#guess").is_visible(), "asked again, the figures still unseen"
    context.watch.assert_clean()


def test_a_view_of_rows_since_changed_is_never_shown(context, site, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(sample.generate_csv(900, seed=33))
    second.write_text(sample.generate_csv(700, seed=34))
    page = context.watch.page(context.new_page())
    page.goto(site)
    page.set_input_files("#file-input", str(first))
    wait_dashboard(page)
    view_kept(page)
    alone = kpis(page)

    held = reopened_held(context, page, site)
    shows(page, "kept")
    other = context.watch.page(context.new_page())   # another tab adds rows meanwhile
    held.release()
    other.goto(site)
    other.set_input_files("#file-input", str(second))
    wait_dashboard(other)
    wait_dashboard(page)
    page.wait_for_function(f"() => {LIVE} && Number(document.querySelector('[data-kpi=bets]').dataset.value) "
                           f"!== {alone['bets']}", timeout=ENGINE_TIMEOUT)
    same_figures(page, cli_summary(first, second))

    # An upgrade: a view kept by another tmb_core is not shown either.
    page.evaluate(AGED)
    held = reopened_held(context, page, site)
    opened(page, "none")
    assert page.evaluate(VIEW) is None and page.locator("#dashboard").is_hidden()
    held.release()
    wait_dashboard(page)
    same_figures(page, cli_summary(first, second))
    context.watch.assert_clean()
