"""Docs that run, and the contracts between Python and the page checked from the Python side."""
import re
import subprocess
import sys
from pathlib import Path

from tmb_core import Ledger
from tmb_core.cli import parser
from tmb_core.engine import OPS

ROOT = Path(__file__).resolve().parents[1]
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
            assert name in OPS[op], f"{op} does not take {name}"


def test_every_card_the_page_shows_is_a_summary_figure():
    cards = re.findall(r'\["(\w+)", "[^"]+", "(?:money|pct)', (ROOT / "site/app/dashboard.js").read_text())
    assert len(cards) == 9
    summary = Ledger.in_memory().summary()
    assert set(cards) <= set(summary)


def test_pages_workflow_builds_with_build_py():
    workflow = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "python build.py" in workflow and "path: dist" in workflow
