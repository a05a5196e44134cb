"""A first visit downloads each file of the build once, counted at the server, and leaves a
complete offline copy: the service worker used to fetch DuckDB's and Pyodide's wasm again after
the page had (a private window's HTTP cache keeps no large file). Both a fresh context (like a
private window) and a real profile on disk are visited."""
import contextlib
import sys
import tempfile
from collections import Counter

import pytest
from browserkit import (
    CHROMIUM_ARGS,
    ENGINE_TIMEOUT,
    ROOT,
    Watch,
    kpis,
    offline_files,
    open_site,
    system_chromium,
    wait_dashboard,
    wait_offline_copy,
)

VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def counted(site):
    """The built dist/ (the `site` fixture builds it) on a server of its own that counts every response."""
    sys.path.insert(0, str(ROOT))
    import serve

    httpd, url = serve.serve_in_background(ROOT / "dist", serve.CountingHandler)
    yield httpd, url
    httpd.shutdown()


@contextlib.contextmanager
def visitor(browser, setup):
    """A fresh context (a private window's memory cache), or a real profile in a new directory."""
    with tempfile.TemporaryDirectory(prefix="tmb-profile-", ignore_cleanup_errors=True) as profile:
        context = (browser.new_context(viewport=VIEWPORT) if setup == "context" else
                   browser.browser_type.launch_persistent_context(
                       profile, executable_path=system_chromium(), args=CHROMIUM_ARGS, viewport=VIEWPORT))
        try:
            yield context
        finally:
            context.close()


def repeated(served) -> dict:
    """Paths the server answered more than once; the browser's own check for a new sw.js aside."""
    counts = Counter(path for path, status, _ in served if not (path == "/sw.js" and status == 304))
    return {path: [s for s in served if s[0] == path] for path, n in counts.items() if n > 1}


@pytest.mark.parametrize("setup", ["context", "profile"])
def test_a_first_visit_downloads_each_file_once_and_works_offline(browser, counted, setup):
    httpd, url = counted
    with visitor(browser, setup) as context:
        context.watch = Watch(context, url)
        page = open_site(context, url)
        wait_offline_copy(page)
        served = list(httpd.served)
        assert repeated(served) == {}
        assert set(offline_files()) <= {path for path, status, _ in served if status == 200}
        context.set_offline(True)
        page.reload()
        page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
        page.click("#sample")
        wait_dashboard(page)
        assert kpis(page)["staked"] > 0
        context.set_offline(False)
        context.watch.assert_clean()
