"""Docs that run, and the contracts between Python and the page checked from the Python side."""
import html
import re
import subprocess
import sys
from pathlib import Path

from tmb_core import Ledger
from tmb_core.app.cli import parser
from tmb_core.app.protocol import OPS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # build.py
README = (ROOT / "README.md").read_text()
SITE_JS = "\n".join(p.read_text() for p in (ROOT / "site").rglob("*.js"))


def test_readme_python_example_runs(tmp_path):
    for block in re.findall(r"```python\n(.*?)```", README, re.S):
        done = subprocess.run([sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr


def test_readme_cli_lines_parse():
    lines = re.findall(r"python -m tmb_core (.*?)(?:\s{2,}#.*)?$", README, re.M)
    assert len(lines) >= 4
    for line in lines:
        parser().parse_args(line.split())


def test_readme_has_exactly_the_two_commands_and_ci_runs_the_test_one():
    commands = re.findall(r"```sh\n(\./dev \w+)\n```", README)
    assert commands == ["./dev site", "./dev test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^\./dev test$", ci, re.M)


def test_every_engine_op_the_page_calls_exists_with_its_arguments():
    calls = re.findall(r'request\("(\w+)"(?:,\s*\{([^}]*)\})?', SITE_JS)
    assert calls
    for op, args in calls:
        assert op in OPS, op
        for name in re.findall(r"(\w+)\s*:", args or ""):
            assert name in OPS[op].args, f"{op} does not take {name}"


def test_every_headline_card_is_a_summary_figure_and_reaches_the_page():
    from tmb_core.present.chartdata import CARDS

    summary = Ledger.in_memory().headline()
    assert {key for key, *_ in CARDS} <= set(summary)
    assert all(form in ("money", "money±", "cash", "pct", "pct±") for _, _, form, _ in CARDS)
    from tmb_core.app.protocol import contract

    assert contract()["cards"] == [list(card) for card in CARDS], "the page draws the cards from the protocol's contract"
    assert "CONTRACT.cards" in (ROOT / "site/app/dashboard.js").read_text()


def test_pages_workflow_tests_before_it_builds_and_publishes():
    workflow = (ROOT / ".github/workflows/pages.yml").read_text()
    body = workflow.split("\njobs:\n", 1)[1]
    jobs = {name: text for name, text in re.findall(r"^  (\w+):\n((?:    .*\n|\n)*)", body, re.M)}
    assert list(jobs) == ["test", "build", "deploy"]
    assert re.search(r"run: \./dev test$", jobs["test"], re.M), "the test job must run the README's test command"
    assert "needs: test" in jobs["build"] and "needs: build" in jobs["deploy"]
    assert "python build.py" in jobs["build"] and "path: dist" in jobs["build"]
    assert "requirements-dev.lock" in jobs["build"], "the published build uses the locked versions"


def _pins(text: str) -> dict[str, str]:
    return {name.lower(): version for name, version in re.findall(r'^"?\s*([\w.-]+)==([\w.]+)', text, re.M)}


def test_the_lock_pins_every_package_and_bokeh_is_the_one_the_site_ships():
    import importlib.metadata as meta

    import bokeh

    lock = (ROOT / "requirements-dev.lock").read_text()
    pinned = _pins(lock)
    lines = [line for line in lock.splitlines() if line and not line.startswith("#")]
    assert len(pinned) == len(lines), "every line of the lock is one package at one exact version"
    for dist in ("duckdb", "bokeh", "pytest", "hypothesis", "pandas", "playwright", "setuptools"):
        assert dist in pinned, dist
    assert pinned["bokeh"] == bokeh.__version__, "the environment is not the locked one: run ./dev test"
    extras = (ROOT / "pyproject.toml").read_text()
    assert set(re.findall(r'"bokeh==([\w.]+)"', extras)) == {pinned["bokeh"]}, "pyproject pins the locked bokeh"
    for dist in meta.distributions():
        name = dist.metadata["Name"].lower()
        if name in pinned:
            assert dist.version == pinned[name], f"{name} {dist.version} is installed, the lock says {pinned[name]}"


def test_every_bet_type_tmb_core_names_is_explained_in_the_knowledge_base():
    from tmb_core.understand import bet_types

    produced = {name for name, _ in bet_types.EXOTICS} | {
        "Single", "Multi", "Same Game Multi", "Same Race Multi", "Each Way", "Place", "Tote", "Exotic"}
    links = dict(re.findall(r'"([\w ]+)": "([\w-]+)"', (ROOT / "site/app/format.js").read_text()))
    kb = (ROOT / "site/kb.html").read_text()
    for bet_type in produced:
        assert bet_type in links, f"format.js has no knowledge-base link for {bet_type}"
        assert f'id="{links[bet_type]}"' in kb, f"kb.html has no section #{links[bet_type]}"


def test_knowledge_base_links_every_help_centre_article_domain_lists():
    ids = {"115006804868", "115007369728", "115007369668", "18717098046989", "360001923567", "20111022914061",
           "115007209267", "6808319271181", "115007207707", "5449448570893", "19513195154445", "18424995655053",
           "360050978692", "18429653174797", "360057018732", "18425194851213", "4690326285325", "360000190188"}
    kb = (ROOT / "site/kb.html").read_text()
    linked = set(re.findall(r"helpcentre\.sportsbet\.com\.au/hc/en-us/articles/(\d+)", kb))
    assert ids <= linked, ids - linked
    safer = (ROOT / "site/safer.html").read_text()
    assert "tel:1800858858" in safer and "betstop.gov.au" in safer


def test_one_list_of_filters_makes_the_record_the_cli_the_engine_and_the_page():
    import dataclasses

    import build
    from tmb_core.app.engine import filters_from
    from tmb_core.model import FILTER_FIELDS, Filters

    names = [f.name for f in FILTER_FIELDS]
    assert [f.name for f in dataclasses.fields(Filters) if f.name != "as_of"] == names
    summary = parser()._subparsers._group_actions[0].choices["summary"]
    assert [a.dest for a in summary._actions if a.dest in names] == names
    everything = {"date_from": "2026-01-01", "date_to": "2026-02-01", "presumed_lost_days": 9,
                  **{f.name: f"any {f.name}" for f in FILTER_FIELDS if f.kind == "choice"}}
    assert set(everything) == set(names)
    made = filters_from(everything)
    assert all(getattr(made, n) not in (None, "") for n in names)
    controls = build.filter_controls()
    assert re.findall(r'name="(\w+)"', controls) == names


DOCS = ROOT / "docs"


def test_the_architecture_page_names_every_module_and_folder_of_tmb_core():
    page = (DOCS / "architecture.md").read_text()
    package = ROOT / "tmb_core"
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if path.name in ("__init__.py", "__main__.py") or "sample" in path.parts or "__pycache__" in path.parts:
            continue
        assert relative in page, f"docs/architecture.md does not describe {relative}"
    for folder in ("read/", "understand/", "store/", "figures/", "present/", "app/", "sample/"):
        assert f"`{folder}`" in page, folder
    for name in re.findall(r"`(site/[\w/.-]+\.(?:js|html))`", page):
        assert (ROOT / name).exists(), f"docs/architecture.md names {name}, which does not exist"


def test_the_code_points_at_docs_in_the_repository_and_the_headings_exist():
    headings = {f"docs/{p.name}": set(re.findall(r"^#+ (.+)$", p.read_text(), re.M)) for p in DOCS.glob("*.md")}
    sources = [*(ROOT / "tmb_core").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py"),
               *(ROOT / "site").rglob("*.js")]
    pointed = 0
    for path in sources:
        text = path.read_text()
        assert not re.search(r"\b(DOMAIN|ARCHITECTURE)\.md", text), f"{path} points outside the repository"
        for doc, heading in re.findall(r'(docs/\w+\.md)(?:, "([^"]+)")?', text):
            assert doc in headings, f"{path} points at {doc}, which does not exist"
            assert not heading or heading in headings[doc], f"{path}: {doc} has no heading {heading!r}"
            pointed += 1
    assert pointed >= 5


def test_the_readme_documents_every_insight():
    from tmb_core import sample

    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(200, seed=1).encode())
    readme = (ROOT / "README.md").read_text()
    missing = [key for key in ledger.insights() if f"`{key}`" not in readme]
    assert not missing, f"README.md does not document insights {missing}"


def test_the_knowledge_base_shows_tmb_cores_margin_table_and_every_tote_type_is_a_bet_type():
    import build
    from tmb_core.figures import margins
    from tmb_core.understand import bet_types

    assert "{{margins}}" in (ROOT / "site/kb.html").read_text()
    built = build.margin_rows()
    for m in (*margins.FIXED, *margins.TOTE, margins.SPORTSBET):
        assert f"<td>{html.escape(m.market)}</td>" in built and html.escape(m.source) in built, m.kind
    named = {name for name, _ in bet_types.EXOTICS} | {"Tote"}
    assert set(margins.TOTE_TYPES) <= named
    assert set(margins.TOTE_TYPES.values()) | {"tote_other"} == {m.kind for m in margins.TOTE}
