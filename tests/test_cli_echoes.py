"""One quote across sources on the command line (issue 17): ``newsread echoes QUOTE_ID`` and
``newsread echoes --article ID``, with ``--json``, on a library the real ``newsread add`` made of two
real stories quoting the same statement of Taylor Swift's record label (BBC and Fox News)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli

PLAIN = Path("/work/shared/corpus/plain")
BBC, FOX = "aeb_bbc-com_70cb2d5bca.txt", "aeb_foxnews-com_eb62ac8425.txt"
SAID = "at no point did we say taylor could not perform"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("echoes") / "library.db"
    for name, day in ((FOX, "2019-11-16"), (BBC, "2019-11-15")):  # the later story is added first
        result = _run("--db", str(db), "add", "--published", day, str(PLAIN / name))
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(tmp_path: Path, _template: Path) -> str:
    path = tmp_path / "library.db"
    shutil.copy(_template, path)
    return str(path)


def _label_quote(db: str, article_id: int) -> dict:
    quotes = json.loads(_run("--db", db, "quotes", "--json").output)
    return next(q for q in quotes if q["article_id"] == article_id and SAID in q["text"].casefold().replace("’", "'"))


def test_echoes_lists_the_sources_earliest_first(db: str) -> None:
    fox_quote = _label_quote(db, 1)
    result = _run("--db", db, "echoes", str(fox_quote["id"]), "--json")
    assert result.exit_code == 0, result.output
    echoes = json.loads(result.output)
    assert echoes["matched"] and echoes["articles"] == 2
    assert [s["article_id"] for s in echoes["sources"]] == [2, 1]  # the BBC's, a day earlier, first
    assert echoes["first"]["date"] == "2019-11-15" and echoes["first"]["quote_id"] == _label_quote(db, 2)["id"]
    assert {"site", "title", "url", "start", "end", "text", "speaker"} <= set(echoes["first"])
    text = _run("--db", db, "echoes", str(fox_quote["id"])).output
    assert text.startswith("first reported by 2019-11-15")


def test_echoes_of_an_article_counts_its_quotes_found_elsewhere(db: str) -> None:
    result = _run("--db", db, "echoes", "--article", "2", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found and all(f["other_articles"] == 1 for f in found)
    assert _label_quote(db, 2)["id"] in {f["quote_id"] for f in found}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["echoes"], "give a QUOTE_ID or --article ID"),
        (["echoes", "1", "--article", "1"], "give a QUOTE_ID or --article ID"),
        (["echoes", "99999"], "no quote 99999 in the library"),
        (["echoes", "--article", "99"], "no article 99 in the library"),
    ],
)
def test_bad_input_is_one_line(db: str, args: list[str], message: str) -> None:
    command = [sys.executable, "-c", "from newsread.core.cli import main; main()", "--db", db, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and message in result.stderr and not result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
