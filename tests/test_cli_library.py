"""The library commands through click: JSON shapes, clear errors, exit codes, jsonl progress."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli

DATA = Path(__file__).parent / "data" / "sources"


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_queries_as_json(seed_library: Path) -> None:
    db = str(seed_library)
    rows = json.loads(_run("--db", db, "ls", "--json").output)
    assert rows[0]["id"] == 1 and rows[0]["quotes"] > 0 and rows[0]["site"] == "thehill.com"
    assert json.loads(_run("--db", db, "ls", "--json", "--bookmarked").output) == []
    shown = json.loads(_run("--db", db, "show", "1", "--json").output)
    assert set(shown) == {
        *("text", "title", "published", "path", "entities", "speakers", "quotes", "figures", "model", "sentences"),
        "summary_only",  # None: the full text
    }
    assert shown["summary_only"] is None and rows[0]["summary_only"] is None
    assert all(shown["text"][q["start"] : q["end"]] == q["text"] for q in shown["quotes"])
    hits = json.loads(_run("--db", db, "search", 'Blinken (OR "', "--json").output)
    assert [h["id"] for h in hits] == [1]
    speakers = json.loads(_run("--db", db, "speakers", "--json").output)
    name = speakers[0]["name"]
    last = name.split()[-1].lower()
    quotes = json.loads(_run("--db", db, "quotes", "--speaker", last, "--json").output)
    assert quotes and all(q["speaker"] == name for q in quotes if q["speaker"] != name) is True
    assert any(q["speaker"] == name for q in quotes)
    assert isinstance(json.loads(_run("--db", db, "orgs", "--json").output), list)
    for cmd in (["ls"], ["show", "1"], ["search", "hamas"], ["quotes"], ["speakers"], ["orgs"]):
        result = _run("--db", db, *cmd)
        assert result.exit_code == 0 and result.output.strip()


def test_missing_article_is_one_clear_error(seed_library: Path, capsys) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", "from newsread.core.cli import main; main()", "--db", str(seed_library), "show", "999"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "newsread: no article with id 999 (see `newsread ls`)"


def test_add_jsonl_progress_and_failures(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(
        cli,
        ["--db", db, "add", "--progress", "jsonl", str(DATA / "seed.txt"), str(tmp_path / "bin.txt"), "-"],
        input='Pasted headline\nThe minister said: "We will act," on Monday.\n',
    )
    assert result.exit_code == 1
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0] == {"event": "start", "total": 3}
    items = [e for e in events if e["event"] == "item"]
    assert {e["status"] for e in items} == {"added", "failed"}
    assert set(items[0]) == {"event", "done", "total", "status", "id", "title", "source", "reason", "summary"}
    assert events[-1] == {"event": "done", "added": 2, "duplicates": 0, "updated": 0, "failed": 1, "summaries": 0}
    assert "binary file" in result.stderr
    assert "Traceback" not in result.output
    plain = _run("--db", db, "add", "--progress", "plain", str(DATA / "seed.txt"))
    assert plain.exit_code == 0 and "added 0, duplicates 1, updated 0, failed 0" in plain.output


def test_add_without_sources_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "add"])
    assert result.exit_code == 2 and "at least one SOURCE" in result.output


def test_quotes_by_kind_and_reported_counts(seed_library: Path, seed_analysis) -> None:
    """`quotes --kind` on the seed's real analysis: each kind alone, all of them by default; the
    speakers, orgs and show listings count reported statements apart from quotes."""
    db = str(seed_library)
    every = json.loads(_run("--db", db, "quotes", "--json").output)
    assert json.loads(_run("--db", db, "quotes", "--kind", "all", "--json").output) == every
    assert [q["kind"] for q in every] == [q.kind for q in seed_analysis.quotes]
    for kind in ("direct", "partial", "continuation", "indirect"):
        rows = json.loads(_run("--db", db, "quotes", "--kind", kind, "--json").output)
        assert rows == [q for q in every if q["kind"] == kind]
    reported = [q for q in every if q["kind"] == "indirect"]
    assert len(reported) == sum(q.is_reported for q in seed_analysis.quotes) == 6
    inside = [q for q in every if q["statement"] is not None]
    assert [(q["kind"], q["speaker"]) for q in inside] == [("partial", "Shira Efron")]
    assert inside[0]["statement"] == seed_analysis.text[inside[0]["statement_start"] : inside[0]["statement_end"]]
    speakers = {s["name"]: s for s in json.loads(_run("--db", db, "speakers", "--json").output)}
    assert (speakers["Shira Efron"]["quotes"], speakers["Shira Efron"]["reported"]) == (4, 1)
    assert (speakers["United States"]["quotes"], speakers["United States"]["reported"]) == (0, 3)
    assert all("reported" in o for o in json.loads(_run("--db", db, "orgs", "--json").output))
    (row,) = json.loads(_run("--db", db, "ls", "--json").output)
    assert row["quotes"] == len(every) - len(reported) == 17  # quotations only
    wide = {"COLUMNS": "200"}
    table = CliRunner().invoke(cli, ["--db", db, "speakers"], env=wide).output
    assert "reported" in table.splitlines()[1]
    shown = CliRunner().invoke(cli, ["--db", db, "show", "1"], env=wide).output
    assert "17 quotes, 6 reported," in shown
    listed = CliRunner().invoke(cli, ["--db", db, "quotes", "--kind", "indirect"], env=wide).output
    assert "the April pressure campaign demonstrated the power of U.S. leverage" in listed
    assert listed.count(" indirect ") == 6


def test_an_unknown_quote_kind_is_one_usage_line(seed_library: Path) -> None:
    import subprocess
    import sys

    main = [sys.executable, "-c", "from newsread.core.cli import main; main()"]
    proc = subprocess.run(
        [*main, "--db", str(seed_library), "quotes", "--kind", "reported"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("newsread: Invalid value for '--kind': 'reported' is not one of ")
