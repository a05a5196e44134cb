"""Python started from its memory snapshot (site/engine/pyboot.js) in a real Chromium: a reload
uses the snapshot the first start kept, and shows the figures a plain start shows; a corrupted
snapshot, or one made from other files, gives way to a plain start with the same figures.

The first test is the one that fails when Pyodide's experimental snapshot options
(`_makeSnapshot`, `makeMemorySnapshot`, `_loadSnapshot`) stop working: it asserts that the
snapshot was used."""
import pytest
from browserkit import ENGINE_TIMEOUT, cli_summary, kpis, wait_dashboard, wait_imports
from test_site import same_figures

from tmb_core import sample

# The snapshot's records in the page's IndexedDB: read, or changed by `change` (an arrow function
# body given the record `meta`, the bytes `heap` and the store `store`).
IN_STORE = """async ([change]) => {
    const idb = await new Promise((resolve, reject) => {
        const open = indexedDB.open("trackmybets-python");
        open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error);
    });
    const tx = idb.transaction("snapshot", "readwrite");
    const store = tx.objectStore("snapshot");
    const get = (name) => new Promise((resolve) => { store.get(name).onsuccess = (e) => resolve(e.target.result); });
    const meta = await get("meta"), heap = await get("heap");
    const result = ({ %s })[change](meta, heap, store);
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    idb.close();
    return result;
}"""
CHANGES = """
    read: (meta, heap) => ({ meta, bytes: heap ? heap.byteLength : 0 }),
    bad_magic: (meta, heap, store) => { heap.fill(0, 0, 4); store.put(heap, "heap"); },
    other_build: (meta, heap, store) => { heap.fill(0x5a, 16, 48); store.put(heap, "heap"); },
    no_heap: (meta, heap, store) => { store.delete("heap"); },
    other_files: (meta, heap, store) => { store.put({ ...meta, key: meta.key.replace("tmb_core.", "tmb_core.old-") }, "meta"); },
"""


def in_store(page, change):
    return page.evaluate(IN_STORE % CHANGES, [change])


def timings(page) -> dict:
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    return worker.evaluate("() => self.tmbTimings")


def wait_kept(page):
    """The snapshot is kept once the engine has been idle a moment after its start."""
    for _ in range(600):
        if "python_snapshot_kept" in timings(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no snapshot was kept: {timings(page).get('python_snapshot_error')}")


def reopen(page):
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)


def imported(page, tmp_path, name, seed):
    path = tmp_path / name
    path.write_text(sample.generate_csv(1200, seed=seed))
    before = page.locator("#imports .import").count()
    page.set_input_files("#file-input", str(path))
    wait_imports(page, before + 1)
    wait_dashboard(page)
    return path


def test_a_reload_starts_python_from_its_snapshot_with_the_same_figures(page, tmp_path):
    first = timings(page)
    assert first["boot"] == "plain" and "python_snapshot_made" in first, first.get("python_snapshot_error")
    one = imported(page, tmp_path, "one.csv", seed=3)
    plain = kpis(page)
    wait_kept(page)
    kept = in_store(page, "read")
    assert kept["meta"]["state"] == "kept" and kept["bytes"] == kept["meta"]["bytes"] > 10_000_000
    reopen(page)
    wait_dashboard(page)
    started = timings(page)
    assert started["boot"] == "snapshot", started.get("python_snapshot_error")
    assert "python_snapshot_error" not in started
    assert kpis(page) == plain
    # An import on Python started from the snapshot: tmb_core reads its reference data (cached on
    # first use, so not in the snapshot) from the files unpacked beside it.
    two = imported(page, tmp_path, "two.csv", seed=4)
    same_figures(page, cli_summary(one, two))


@pytest.mark.parametrize("change", ["bad_magic", "other_build", "no_heap"])
def test_a_broken_snapshot_gives_way_to_a_plain_start_with_the_same_figures(page, tmp_path, change):
    one = imported(page, tmp_path, "one.csv", seed=5)
    plain = kpis(page)
    wait_kept(page)
    key = in_store(page, "read")["meta"]["key"]
    in_store(page, change)
    reopen(page)
    wait_dashboard(page)
    started = timings(page)
    assert started["boot"] == "plain" and started["python_snapshot_error"]
    assert "python_snapshot_made" not in started   # one made from the same files would fail the same way
    assert kpis(page) == plain
    assert in_store(page, "read") == {"meta": {"key": key, "state": "failed"}, "bytes": 0}   # thrown away
    reopen(page)
    wait_dashboard(page)
    again = timings(page)
    assert again["boot"] == "plain" and "python_snapshot_error" not in again
    same_figures(page, cli_summary(one))


def test_a_snapshot_of_other_files_is_thrown_away_and_made_again(page, tmp_path):
    wait_kept(page)
    in_store(page, "other_files")
    reopen(page)
    started = timings(page)
    assert started["boot"] == "plain" and "python_snapshot_made" in started
    wait_kept(page)
    kept = in_store(page, "read")
    assert "old-" not in kept["meta"]["key"] and kept["meta"]["state"] == "kept"
    reopen(page)
    assert timings(page)["boot"] == "snapshot"
    # The sample is generated by a module imported only now, from the files unpacked beside the snapshot.
    page.click("#sample")
    wait_dashboard(page)
    exported = tmp_path / "sample-export.csv"
    exported.write_text(sample.generate_csv(3000, seed=7))
    same_figures(page, cli_summary(exported))
