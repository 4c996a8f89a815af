"""Corrections on the command line (issue 17): ``newsread corrections`` (``--json``, ``--jsonl``: the
corrections export, ``--orphaned``) on a library the real ``newsread add`` made of a real story, a
quote's speaker corrected, the story analysed again (``add --reanalyse``) and then deleted."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.corrections import correct_speaker
from newsread.core.store.library import Library

STORY = Path("/work/shared/corpus/plain") / "aeb_bbc-com_70cb2d5bca.txt"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_a_correction_survives_reanalysis_is_exported_and_orphaned_with_its_article(tmp_path: Path) -> None:
    db = str(tmp_path / "library.db")
    assert _run("--db", db, "add", str(STORY)).exit_code == 0
    with Library.open(db) as lib:
        quote = lib.analysis(1).quotes[0]  # type: ignore[union-attr]
        correct_speaker(lib, 1, quote, "Jane Roe", "person")
    result = _run("--db", db, "add", "--reanalyse", str(STORY))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in _run("--db", db, "corrections", "--jsonl").output.splitlines()]
    assert len(lines) == 1
    [line] = lines
    assert line["fields"] == {"speaker": "Jane Roe", "speaker_kind": "person", "was": quote.speaker}
    assert not line["orphaned"] and line["url"] == str(STORY)
    assert line["selectors"][0]["type"] == "TextQuoteSelector" and line["selectors"][0]["exact"] == quote.text
    assert line["selectors"][1] == {"type": "TextPositionSelector", "start": quote.start, "end": quote.end}
    assert _run("--db", db, "corrections", "--orphaned", "--json").output.strip() == "[]"
    assert _run("--db", db, "rm", "1").exit_code == 0
    [orphan] = json.loads(_run("--db", db, "corrections", "--orphaned", "--json").output)
    assert orphan["orphaned"] and orphan["article_id"] is None and orphan["fields"]["speaker"] == "Jane Roe"
    assert _run("--db", db, "corrections").output.startswith(f"orphaned · speaker: {quote.speaker} → Jane Roe")
