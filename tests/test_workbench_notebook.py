"""The workbench in a notebook (`tmb_core.explore`) is drawn as Panel draws any notebook cell,
its stylesheets put inline; a change of a filter then redraws parts of it through the kernel.
Nothing that change sends may link a stylesheet on another origin: a notebook offline lost
those styles, and online fetched them from Panel's CDN.

The cell is drawn by Panel's own `_repr_mimebundle_` (as Panel's tests of notebook stylesheets
do), without Jupyter: what it sends afterwards is the change of these Bokeh models."""
import subprocess
import sys

import pytest

pn = pytest.importorskip("panel")

from bokeh.models import ImportedStyleSheet  # noqa: E402
from panel.config import panel_extension  # noqa: E402

from tmb_core import Ledger  # noqa: E402
from tmb_core.present.workbench import Workbench, explore  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("notebook") / "export.csv"
    subprocess.run([sys.executable, "-m", "tmb_core", "sample", "--rows", "600", "--seed", "31", "-o", str(path)],
                   check=True, capture_output=True)
    return path


@pytest.fixture
def cell(export, monkeypatch):
    """A workbench drawn as a notebook's cell shows it; its Bokeh document."""
    ledger = Ledger.in_memory()
    ledger.import_file(export.name, export.read_bytes())
    monkeypatch.setattr(pn.config, "inline", pn.config.inline)   # put back after, whatever explore sets
    explore(ledger)   # the `pn.extension("tabulator", inline=True)` a notebook runs
    monkeypatch.setattr(panel_extension, "_loaded", True)   # as in a kernel, once that cell has shown
    bench = Workbench(ledger)
    layout = bench.layout()
    with pn.config.set(console_output="disable"):   # no IPython here to show the console in
        bundle, _ = layout._repr_mimebundle_()
    assert "text/html" in bundle
    (root, _), = layout._models.values()
    yield bench, root.document
    layout._cleanup(root)


def linked(doc) -> list[tuple[str, str]]:
    """(model, url) of every stylesheet that the page would fetch from another origin."""
    return [(type(m).__name__, s.url) for m in doc.models for s in getattr(m, "stylesheets", None) or []
            if isinstance(s, ImportedStyleSheet) and "://" in s.url]


def test_a_notebook_cell_fetches_no_stylesheet_as_its_filters_change(cell):
    bench, doc = cell
    widgets = bench.filterbar.widgets
    assert linked(doc) == []
    sport = bench.ledger.choices()["sport"][0]
    steps = [(widgets["sport"], sport), (bench.period, "day" if bench.period.value != "day" else "month"),
             (widgets["date_from"], "31/02/2025"), (widgets["date_from"], "")]
    for widget, value in steps:
        widget.value = value
        assert linked(doc) == [], f"after {widget.name} = {value!r}"
    assert bench.problem.visible is False and sport in bench.answer.object   # the steps were all taken
    bench.filterbar.reset()
    assert linked(doc) == []
