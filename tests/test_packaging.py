"""The wheel must carry every package and data file: an editable install would hide a missing one."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_python_package_folder_is_listed() -> None:
    config = _config()
    listed = set(config["packages"])
    found = set()
    for name, folder in config["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join([name, *rel.parts]))
    assert found == listed


def test_styles_and_seeds_are_package_data() -> None:
    data = _config()["package-data"]
    assert "styles/*.tcss" in data["newsread.tui"]
    assert list((ROOT / "seeds").glob("*.txt")), "the bundled sample article is missing"
    assert "*.txt" in data["newsread.seeds"]
