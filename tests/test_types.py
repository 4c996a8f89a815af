"""The type check and the layering contracts run with the suite: mypy over `newsread.core` and
`newsread.tui` is clean, and the import-linter contracts in pyproject.toml are kept. Both tools are
in the test extras; a missing tool fails these tests rather than skipping them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"


def package_tree(base: Path) -> Path:
    """A folder of links that spells the packages as `[tool.setuptools] package-dir` maps them
    (`newsread/core` -> `core/`): mypy finds packages by folder and cannot follow the editable
    install's import hook."""
    mapping = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    for package, folder in mapping.items():
        link = base.joinpath(*package.split("."))
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / folder, target_is_directory=True)
    return base


def test_mypy_is_clean(tmp_path: Path) -> None:
    tree = package_tree(tmp_path / "tree")
    command = [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT), "--cache-dir", str(tmp_path / "cache")]
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports), "--config", str(PYPROJECT), "--no-cache"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
