"""The core is an installed package: no module edits the import path, and features talk through their
public names only (`from atlas.citations import load_bibliography`, never another feature's `_helper`)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("hooks", "scripts", "bench", "tests")


def python_files() -> Iterator[Path]:
    for folder in CODE_DIRS:
        yield from sorted((ROOT / folder).rglob("*.py"))


def feature_of(module: str) -> str:
    """`atlas.citations.style` -> `atlas.citations`; `atlas.glossary_extension` -> `atlas.glossary`
    (a feature's extension module is part of the feature)."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else ""
    return f"atlas.{name.removesuffix('_extension')}"


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT / "hooks").with_suffix("")
    return ".".join(part for part in relative.parts if part != "__init__")


def private_imports(tree: ast.AST, importer: str) -> Iterator[str]:
    """`from atlas.x import _y` and `import atlas.x._y` where atlas.x is not the importer's own feature."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("atlas"):
            targets = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names if alias.name.startswith("atlas")]
        else:
            continue
        for target in targets:
            private = any(part.startswith("_") and not part.startswith("__") for part in target.split("."))
            if private and feature_of(target) != feature_of(importer):
                yield f"line {node.lineno}: {target}"


def _is_sys_path(node: ast.AST) -> bool:
    target = node.value if isinstance(node, ast.Subscript) else node
    return (isinstance(target, ast.Attribute) and target.attr == "path"
            and isinstance(target.value, ast.Name) and target.value.id == "sys")


def path_edits(tree: ast.AST) -> Iterator[str]:
    """Any change of `sys.path` (a call of one of its methods, an assignment) and `site.addsitedir`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if _is_sys_path(node.func.value) or node.func.attr == "addsitedir":
                yield f"line {node.lineno}: {ast.unparse(node.func)}"
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_is_sys_path(target) for target in targets):
                yield f"line {node.lineno}: assignment to sys.path"


@pytest.mark.parametrize("path", list(python_files()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_edits_the_import_path(path: Path) -> None:
    edits = list(path_edits(ast.parse(path.read_text(encoding="utf-8"))))
    assert edits == [], f"{path.relative_to(ROOT)} edits the import path: {edits} (atlas is installed)"


def test_no_module_imports_another_features_private_name() -> None:
    found = []
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        importer = module_name(path) if "atlas" in path.parts else "adapter"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)} {hit}" for hit in private_imports(tree, importer)]
    assert found == []


def test_the_checker_sees_a_private_import_across_features() -> None:
    tree = ast.parse("from atlas.handouts.render import _pool\nfrom atlas.citations.style import _x\n")
    assert list(private_imports(tree, "atlas.citations.engine")) == ["line 1: atlas.handouts.render._pool"]


def test_the_checker_sees_a_path_edit() -> None:
    tree = ast.parse("import sys\nsys.path.insert(0, 'hooks')\nsys.path[:0] = ['x']\nprint(sys.path)\n")
    assert sorted(path_edits(tree)) == ["line 2: sys.path.insert", "line 3: assignment to sys.path"]


def test_atlas_is_imported_from_the_installed_package_outside_the_project(tmp_path: Path) -> None:
    """The hooks, scripts and PDF workers find `atlas` wherever they run, not because hooks/ is the cwd."""
    done = subprocess.run([sys.executable, "-c", "import atlas, site_context; print(atlas.__file__)"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == ROOT / "hooks" / "atlas" / "__init__.py"
