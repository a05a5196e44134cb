"""Browser tests: the built site (dist/) served on a free localhost port, driven in a real
Chromium by Playwright. Each test gets a fresh browser context (empty IndexedDB)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ENGINE_TIMEOUT = 180_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site():
    sys.path.insert(0, str(ROOT))
    import build
    from serve import serve_in_background

    dist = build.build()
    httpd, url = serve_in_background(dist)
    yield url
    httpd.shutdown()


def _chromium() -> str | None:
    for path in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if path and Path(path).exists():
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        executable = _chromium()
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS) if executable \
            else p.chromium.launch(args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that a test must be able to check: console errors, other-origin requests."""

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


@pytest.fixture
def context(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.watch = Watch(ctx, site)
    yield ctx
    ctx.close()


def open_site(context, site):
    page = context.watch.page(context.new_page())
    page.goto(site)
    page.wait_for_function("() => document.body.dataset.engine === 'ready' || !document.getElementById('fatal').hidden",
                           timeout=ENGINE_TIMEOUT)
    assert page.locator("#fatal").is_hidden(), page.locator("#fatal").text_content()
    return page


@pytest.fixture
def page(context, site):
    p = open_site(context, site)
    yield p
    context.watch.assert_clean()


def kpis(page) -> dict:
    return page.locator("[data-kpi]").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.kpi, e.dataset.value === '' ? null : Number(e.dataset.value)]))")


def wait_dashboard(page, bets_at_least=1):
    page.wait_for_function("() => !document.getElementById('dashboard').hidden && document.querySelector('[data-kpi]')",
                           timeout=ENGINE_TIMEOUT)


def wait_imports(page, count):
    page.wait_for_function(f"() => document.querySelectorAll('#imports .import .report:not(:empty)').length >= {count}",
                           timeout=ENGINE_TIMEOUT)


def cli_summary(*files, args=()):
    done = subprocess.run([sys.executable, "-m", "tmb_core", "summary", *map(str, files), "--json", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    return json.loads(done.stdout)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
