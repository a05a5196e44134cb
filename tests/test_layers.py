"""tmb_core's folders are layers in the order the data flows; no layer imports one above it.

Every import of every module is read (with `ast`, lazy imports inside functions too) and
checked against LAYERS. The top-level modules (`model`, `sql`) are the base every layer may
use; `sample` stands beside the layers and uses the base only.
"""
import ast
from pathlib import Path

import pytest

import tmb_core

PACKAGE = Path(tmb_core.__file__).parent
#: Each layer in data-flow order; a module may import its own layer, the base and lower layers.
LAYERS = ("read", "understand", "store", "figures", "present", "app")
BASE = ("model", "sql")
SIDE = ("sample",)


def layer_of(module: str) -> str:
    """'tmb_core.store.bets' -> 'store'; the package's own __init__ is the facade ('')."""
    parts = module.split(".")[1:]
    if not parts or parts == ["__main__"]:
        return ""
    return "base" if parts[0] in BASE else parts[0]


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every tmb_core import in one file; `from X import y` names
    X.y when y is a module of X, else X."""
    package = ["tmb_core", *path.relative_to(PACKAGE).with_suffix("").parts[:-1]]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("tmb_core")]
        if not isinstance(node, ast.ImportFrom):
            continue
        base = package[: len(package) - node.level + 1] if node.level else []
        target = [*base, *(node.module.split(".") if node.module else [])]
        if target[0] != "tmb_core":
            continue
        folder = PACKAGE.joinpath(*target[1:])
        for alias in node.names:
            is_module = (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir()
            found.append((node.lineno, ".".join([*target, alias.name] if is_module else target)))
    return found


def allowed(importer: str, imported: str) -> bool:
    if importer == "" or imported in ("", "base") or importer == imported:
        return True
    if importer in SIDE or imported in SIDE:
        return imported in SIDE and importer == "app"   # the engine and the CLI make sample data
    if importer == "base":
        return False
    return LAYERS.index(imported) < LAYERS.index(importer)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(["tmb_core", *(parts[:-1] if parts[-1] == "__init__" else parts)])


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_folder_is_a_known_layer_with_a_docstring_saying_what_enters_and_leaves():
    folders = {p.parent for p in MODULES if p.parent != PACKAGE}
    top = {f.relative_to(PACKAGE).parts[0] for f in folders}
    assert top == {*LAYERS, *SIDE}
    assert {p.stem for p in PACKAGE.glob("*.py")} == {*BASE, "__init__", "__main__"}
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
        assert doc and "In:" in doc and "Out:" in doc, f"{layer}/__init__.py must say what enters and what leaves"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_layer_imports_a_layer_above_it(path):
    importer = layer_of(module_name(path))
    wrong = [(line, target) for line, target in imports(path) if not allowed(importer, layer_of(target))]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({importer or 'facade'}) imports above its layer: {wrong}"


@pytest.mark.parametrize("importer, imported, ok", [
    ("store", "read", True), ("read", "store", False), ("figures", "figures", True), ("base", "read", False),
    ("app", "sample", True), ("read", "sample", False), ("sample", "base", True), ("sample", "store", False),
])
def test_the_rule_itself(importer, imported, ok):
    assert allowed(importer, imported) is ok


def test_the_checker_sees_relative_and_lazy_imports(tmp_path, monkeypatch):
    fake = tmp_path / "tmb_core"
    (fake / "read").mkdir(parents=True)
    (fake / "store").mkdir()
    (fake / "store" / "__init__.py").write_text("")
    bad = fake / "read" / "bad.py"
    bad.write_text("from ..model import Issue\n\ndef f():\n    from ..store import bets\n    from ..store.chain import gaps\n")
    (fake / "store" / "chain.py").write_text("")
    (fake / "store" / "bets.py").write_text("")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    found = imports(bad)
    assert (1, "tmb_core.model") in found and (4, "tmb_core.store.bets") in found and (5, "tmb_core.store.chain") in found
    assert not all(allowed("read", layer_of(t)) for _, t in found)
