"""Helpers for the browser tests: watching a page, waiting for the engine, comparing with the CLI."""
import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ENGINE_TIMEOUT = 180_000
#: Where a system Chromium may be; Playwright's own browser builds are never used (nor downloaded).
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
NO_CHROMIUM = ("no system Chromium for the browser tests: install Debian's with "
               "`apt-get install chromium` (./dev test does), or set CHROMIUM=/path/to/chromium")


def system_chromium() -> str | None:
    """The system Chromium to drive: $CHROMIUM if set (and present), else Debian's."""
    chosen = os.environ.get("CHROMIUM")
    for path in (chosen,) if chosen else CHROMIUM_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return None


class Watch:
    """What a context's pages did that a test must check: console errors, other-origin requests."""

    def __init__(self, context, origin):
        self.errors, self.foreign = [], []
        self.origin = origin
        context.on("request", self._request)

    def _request(self, request):
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.foreign.append(request.url)

    def page(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def assert_clean(self):
        assert self.foreign == [], f"requests to other origins: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


def open_site(context, site):
    page = context.watch.page(context.new_page())
    page.goto(site)
    wait_engine(page)
    return page


def wait_engine(page):
    page.wait_for_function("() => document.body.dataset.engine === 'ready' || !document.getElementById('fatal').hidden",
                           timeout=ENGINE_TIMEOUT)
    assert page.locator("#fatal").is_hidden(), page.locator("#fatal").text_content()


def offline_files() -> list[str]:
    """The files the built service worker keeps offline (dist/sw.js's list), as server paths."""
    text = (ROOT / "dist" / "sw.js").read_text(encoding="utf-8")
    files = json.loads(re.search(r"const FILES = (\[.*?\]);", text).group(1))
    return sorted("/" + f.removeprefix("./") for f in files)


# How many files this build's cache holds (wait_for_function does not wait for a promise).
CACHED = """async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('trackmybets-'));
    return names.length === 1 ? (await (await caches.open(names[0])).keys()).length : 0;
}"""


def wait_offline_copy(page):
    """Wait until the service worker's cache holds every file of the build."""
    count, deadline = len(offline_files()), time.monotonic() + ENGINE_TIMEOUT / 1000
    while page.evaluate(CACHED) < count:
        assert time.monotonic() < deadline, f"the offline copy has {page.evaluate(CACHED)} of {count} files"
        page.wait_for_timeout(250)


def kpis(page) -> dict:
    """Every figure the page marks with data-kpi, by name; a figure shown twice (a card and
    the text beside it) must say the same both times."""
    found = {}
    pairs = page.locator("[data-kpi]").evaluate_all(
        "els => els.map(e => [e.dataset.kpi, e.dataset.value === '' ? null : Number(e.dataset.value)])")
    for key, value in pairs:
        assert found.setdefault(key, value) == value, f"{key} is shown as {found[key]} and as {value}"
    return found


# An import is answered (and drawn) before it is saved on the device: a reload before the
# save is done would lose it, so the helpers below also wait for every save to finish.
SAVED = "!document.querySelector('#imports .import[data-save=saving]')"
# Resolves once the engine has kept the dashboard shown now (its filters and period) beside the
# rows stored now (site/engine/durable.js saveView): the
# browser tests and bench/ wait for it before a reload that should find it.
VIEW_KEPT = """() => new Promise((done) => {
  const form = document.getElementById('filters');
  const want = JSON.stringify([
    Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== '')
      .map(([k, v]) => [k, k === 'presumed_lost_days' ? Number(v) : v])),
    document.querySelector('#period input:checked').value]);
  const open = indexedDB.open('trackmybets', 1);
  const look = () => {
    const store = open.result.transaction('snapshot').objectStore('snapshot');
    const meta = store.get('meta'), kept = store.get('view');
    kept.onsuccess = () => {
      const view = kept.result?.version === meta.result?.version ? kept.result.view : null;
      if (view && JSON.stringify([view.filters, view.period]) === want) done(true);
      else setTimeout(look, 50);
    };
  };
  open.onsuccess = look;
})"""


# The dashboard shown is the engine's own (lastview.js).
LIVE = "document.getElementById('dashboard').dataset.view === 'live'"
# The truth section's lines (how often you lose) come with the tables, after the cards.
TRUTH = "document.getElementById('truth').dataset.state !== 'loading'"


def wait_dashboard(page, guess: bool = False):
    """Wait until the engine has drawn the dashboard (not only a view kept from before or the
    sample's prepared one: site/app/lastview.js) and it is saved. The punter's own first dashboard
    asks for a guess first (site/app/guess.js): it is skipped unless `guess`, when it is left open."""
    page.wait_for_function("() => !document.getElementById('dashboard').hidden && document.querySelector('[data-kpi]')"
                           f" && {LIVE} && {SAVED} && {TRUTH}", timeout=ENGINE_TIMEOUT)
    if not guess and page.locator("#guess").is_visible():
        page.click("#guess-skip")
        page.wait_for_function(f"() => !('guessing' in document.getElementById('dashboard').dataset) && {SAVED}",
                               timeout=ENGINE_TIMEOUT)


def wait_imports(page, count):
    page.wait_for_function(f"() => document.querySelectorAll('#imports .import .report:not(:empty)').length >= {count}"
                           f" && {SAVED}", timeout=ENGINE_TIMEOUT)


def cli_summary(*files, args=()):
    done = subprocess.run([sys.executable, "-m", "tmb_core", "summary", *map(str, files), "--json", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    return json.loads(done.stdout)


def cli_figures(summary: dict, names) -> dict:
    """The figures of `summary --json` a page marks with these data-kpi names (a nested one by
    its path, "insights.months_lost"); the guess's are the page's own."""
    out = {}
    for name in names:
        if not name.startswith("guess."):
            value = summary
            for part in name.split("."):
                value = value[part]
            out[name] = value
    return out


MATCH = "Melbourne Storm v Penrith Panthers\n Head to Head\nMelbourne Storm @ 1.90 (Win)"
#: A short account, oldest first, with three rows missing from its export (None): a deposit
#: between two days, and two deposits of one busy minute. That minute's rows come back to
#: where the day before ended (its missing first deposit is staked at once), so the chain is
#: walked row by row there (tmb_core/store/chain.py `walk`): two jumps in all. The page counted
#: one more while the worker's bridge misread DuckDB's HUGEINT counts as 32-bit words (issue 12).
GAPPY = (
    ("01/06/2027 09:00", "Deposit", "Deposit - Google Pay", "77001", "", "100.00", "100.00"),
    ("01/06/2027 09:10", "Bet Stake", MATCH, "77002", "88001", "-20.00", "80.00"),
    None,  # 01/06/2027 12:00, a deposit of 50.00: 130.00
    ("02/06/2027 10:00", "Bet Stake", MATCH, "77004", "88002", "-30.00", "100.00"),
    None,  # 03/06/2027 20:15, a deposit of 50.00: 150.00
    ("03/06/2027 20:15", "Bet Stake", MATCH, "77011", "88003", "-50.00", "100.00"),
    ("03/06/2027 20:15", "Bet Stake", MATCH, "77012", "88004", "-25.00", "75.00"),
    None,  # 03/06/2027 20:15, a deposit of 40.00: 115.00
    ("03/06/2027 20:15", "Bet Stake", MATCH, "77014", "88005", "-15.00", "100.00"),
    ("04/06/2027 09:00", "Win", MATCH, "77020", "88003", "95.00", "195.00"),
)


def gappy_export(path: Path) -> Path:
    """Write GAPPY to `path` as Sportsbet exports it (newest first) and return the path."""
    from tmb_core.sample import HEADERS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in reversed([r for r in GAPPY if r]):
        writer.writerow([*row, *(("true", "false", "false", "false") if row[4] else ("false",) * 4)])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
