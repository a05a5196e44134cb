"""Browser tests: the built site (dist/) served on a free localhost port, driven in a real
Chromium by Playwright. Each test gets a fresh browser context (empty IndexedDB)."""
import sys

import pytest
from browserkit import CHROMIUM_ARGS, NO_CHROMIUM, ROOT, Watch, open_site, system_chromium


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site():
    sys.path.insert(0, str(ROOT))
    import build
    from serve import serve_in_background

    httpd, url = serve_in_background(build.build())
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = system_chromium()
    if executable is None:
        pytest.fail(NO_CHROMIUM, pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.watch = Watch(ctx, site)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site):
    p = open_site(context, site)
    yield p
    context.watch.assert_clean()
