"""The command line against hostile input and hostile outputs (issue 11 items 1, 15, 19, 22, 26).

1. Escape sequences in articles, feeds and stored analyses never reach the terminal: every listing
   shows them as control pictures, JSON escapes the controls json.dumps leaves raw (same values),
   exports are exact in a file or a pipe and inert on a terminal.
15. Ids, limits and offsets beyond SQLite's integers are one usage line, not an OverflowError.
19. ``add`` with a model that is not an installed spaCy pipeline is one line, also with workers,
    and leaves the library as it was.
22. A full disk under stdout is one line; a reader that closed the pipe ends the run silently.
26. A search query may start with "-".

Real files, real SQLite libraries, the real spaCy model and the real ``newsread`` process (on a
pipe, a pseudo-terminal, /dev/full, a closed pipe).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.notes import Notes
from newsread.core.store.library import Library
from support.hostile_cli import (
    ATTACK,
    ATTACK_ARTICLE,
    C1_CSI,
    TITLE_SHOWN,
    analyses_line,
    cli_env,
    closed_pipe_run,
    file_bytes,
    full_disk_run,
    newsread,
    newsread_on_a_terminal,
    obeyed_controls,
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed &#27;]0;CHANNEL&#7;</title><link>https://news.invalid/</link>
<item><title>RSS &#27;]0;RSSPWN&#7; title</title><link>https://news.invalid/rss</link>
<description>&lt;p&gt;“We will not stop &#27;[2J now,” said Maria Lopez, the mayor.&lt;/p&gt;</description>
<pubDate>Tue, 01 Oct 2024 10:00:00 GMT</pubDate></item></channel></rss>
"""
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Feed \x1b]0;JSONFEED\x07",
    "items": [
        {
            "id": "1",
            "url": "https://news.invalid/json",
            "title": "JSON \x1b]0;JSONPWN\x07 title",
            "content_text": f"“We are ready {C1_CSI}2J to talk,” said Maria Lopez, the mayor of Springfield.",
            "date_published": "2024-10-01T10:00:00Z",
        }
    ],
}
SPEAKER = "Ann \x1b]0;SPEAKER\x07Lee"
ORGANISATION = f"Acme {C1_CSI}2J Corp"
ELSEWHERE = f"Made elsewhere\n\n“We are done,” said {SPEAKER}, the head of {ORGANISATION}, on Monday.\n"
NOTE = "check \x1b]0;NOTE\x07 this"
BIG = str(2**64)
SQLITE_MAX = str(2**63 - 1)
WIDE = {"COLUMNS": "300"}


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real library holding the issue's attack (a .txt), an RSS and a JSON feed item, an analysis
    made elsewhere with escapes in speaker, role and organisation, and a note carrying escapes —
    all added by the real ``newsread add``."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "attack.txt").write_text(ATTACK_ARTICLE, encoding="utf-8")
    (folder / "feed.xml").write_text(RSS, encoding="utf-8")
    (folder / "feed.json").write_text(json.dumps(JSON_FEED), encoding="utf-8")
    (folder / "made.jsonl").write_text(
        analyses_line(ELSEWHERE, title="Elsewhere \x1b]0;ELSE\x07", speaker=SPEAKER, organisation=ORGANISATION,
                      role="head \x1b[2J"),
        encoding="utf-8",
    )  # fmt: skip
    db = folder / "library.db"
    for args in (
        ["add", "--no-fetch", "--progress", "plain", str(folder / "attack.txt"), str(folder / "feed.xml"),
         str(folder / "feed.json")],
        ["add", "--progress", "plain", "--analyses", str(folder / "made.jsonl")],
    ):  # fmt: skip
        added = newsread("--db", str(db), *args)
        assert added.returncode == 0, added.stderr
        assert not obeyed_controls(added.stdout + added.stderr)
    with Library.open(db) as lib:
        Notes(lib).add(1, 0, len("Evil \x1b]0;PWNED\x07\x1b[2J title"), body=NOTE)
    return db


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), env=WIDE, catch_exceptions=False)


# -- 1: escape sequences ------------------------------------------------------------------------

LISTINGS = [
    (["ls"], [TITLE_SHOWN, "RSS \u241b]0;RSSPWN\u2407 title", "JSON \u241b]0;JSONPWN\u2407 title"]),
    (["show", "1"], [TITLE_SHOWN, "“We will talk \u241b]0;QUOTED\u2407\u241b[2J again,”"]),
    (["show", "4"], ["Ann \u241b]0;SPEAKER\u2407Lee", "Acme \ufffd2J Corp", "head \u241b[2J"]),
    (["search", "talk"], [TITLE_SHOWN]),
    (["quotes"], ["“We will talk \u241b]0;QUOTED\u2407\u241b[2J again,”", "Ann \u241b]0;SPEAKER\u2407Lee"]),
    (["speakers"], ["Ann \u241b]0;SPEAKER\u2407Lee", "Acme \ufffd2J Corp"]),
    (["orgs"], ["Acme \ufffd2J Corp"]),
]

LISTING_IDS = [" ".join(args) for args, _ in LISTINGS]


@pytest.mark.parametrize(("args", "shown"), LISTINGS, ids=LISTING_IDS)
def test_every_listing_shows_the_attack_as_characters(hostile_library: Path, args: list[str], shown: list[str]) -> None:
    result = _run("--db", str(hostile_library), *args)
    assert result.exit_code == 0, result.output
    assert obeyed_controls(result.output) == []
    for text in shown:
        assert text in result.output, text


@pytest.mark.parametrize(("args", "shown"), LISTINGS, ids=LISTING_IDS)
def test_every_listing_on_a_terminal_obeys_nothing(hostile_library: Path, args: list[str], shown: list[str]) -> None:
    status, output = newsread_on_a_terminal("--db", str(hostile_library), *args)
    assert status == 0, output
    assert obeyed_controls(output, terminal=True) == []
    assert shown[0] in output


JSON_OUTPUTS = [
    ["ls", "--json"],
    ["show", "3", "--json"],
    ["show", "4", "--json"],
    ["quotes", "--json"],
    ["speakers", "--json"],
    ["orgs", "--json"],
    ["search", "ready", "--json"],
    ["export", "quotes", "--format", "json"],
    ["export", "notes", "--format", "json"],
    ["export", "notes", "--format", "w3c"],
]


@pytest.mark.parametrize("args", JSON_OUTPUTS, ids=" ".join)
def test_json_escapes_every_control_and_keeps_the_values(hostile_library: Path, args: list[str]) -> None:
    """json.dumps escapes C0 but leaves C1 (the one-character CSI) raw; it is escaped too."""
    result = _run("--db", str(hostile_library), *args)
    assert result.exit_code == 0, result.output
    assert obeyed_controls(result.output) == []
    json.loads(result.output)
    assert "\\u001b" in result.output or "\\u009b" in result.output


def test_json_keeps_a_c1_control_as_its_escape(hostile_library: Path) -> None:
    listed = _run("--db", str(hostile_library), "speakers", "--json").output
    assert "Acme \\u009b2J Corp" in listed
    assert {s["name"]: s["organisation"] for s in json.loads(listed)}[SPEAKER] == ORGANISATION


def test_add_progress_as_json_lines_escapes_c1(tmp_path: Path) -> None:
    line = analyses_line(ELSEWHERE, title=f"T {C1_CSI}2J", speaker=SPEAKER, organisation=ORGANISATION, role="r")
    (tmp_path / "made.jsonl").write_text(line, encoding="utf-8")
    result = newsread(
        "--db", str(tmp_path / "l.db"), "add", "--progress", "jsonl", "--analyses", str(tmp_path / "made.jsonl")
    )
    assert result.returncode == 0, result.stderr
    assert obeyed_controls(result.stdout) == []
    events = [json.loads(event) for event in result.stdout.splitlines()]
    assert f"T {C1_CSI}2J" in [e.get("title") for e in events]


def test_add_on_a_terminal_shows_its_bar_and_report_inert(tmp_path: Path) -> None:
    article = tmp_path / "e.txt"
    article.write_text(ATTACK, encoding="utf-8")
    missing = tmp_path / "gone \x1b]0;GONE\x07.txt"
    status, output = newsread_on_a_terminal("--db", str(tmp_path / "e.db"), "add", str(article), str(missing))
    assert status == 1
    assert obeyed_controls(output, terminal=True) == []
    assert "gone \u241b]0;GONE\u2407.txt" in output and "added 1, duplicates 0, updated 0, failed 1" in output


def test_add_on_a_pipe_prints_plain_inert_lines(tmp_path: Path) -> None:
    article = tmp_path / "e.txt"
    article.write_text(ATTACK, encoding="utf-8")
    result = newsread("--db", str(tmp_path / "e.db"), "add", str(article))
    assert result.returncode == 0, result.stderr
    assert obeyed_controls(result.stdout + result.stderr) == []
    assert f"added #1 {TITLE_SHOWN}" in result.stdout


EXPORTS = [
    ["export", "quotes", "--format", "md"],
    ["export", "quotes", "--format", "csv"],
    ["export", "notes", "--format", "md"],
    ["export", "notes", "--format", "csv"],
]


@pytest.mark.parametrize("args", EXPORTS, ids=" ".join)
def test_an_export_on_a_terminal_is_inert_with_plain_line_ends(hostile_library: Path, args: list[str]) -> None:
    status, output = newsread_on_a_terminal("--db", str(hostile_library), *args)
    assert status == 0, output
    assert obeyed_controls(output, terminal=True) == []
    assert "\u240d" not in output  # CSV's CRLF is a line end, not a control picture
    assert "\u241b]0;" in output


@pytest.mark.parametrize("args", EXPORTS, ids=" ".join)
def test_an_export_to_a_file_or_a_pipe_keeps_the_exact_text(
    hostile_library: Path, tmp_path: Path, args: list[str]
) -> None:
    piped = newsread("--db", str(hostile_library), *args)
    assert piped.returncode == 0, piped.stderr
    target = tmp_path / "export.out"
    written = newsread("--db", str(hostile_library), *args, "-o", str(target))
    assert written.returncode == 0, written.stderr
    exact = target.read_bytes().decode("utf-8")  # as written: CSV keeps its CRLF
    assert piped.stdout == exact.replace("\r\n", "\n")  # the pipe is read in text mode
    assert "\x1b]0;" in exact


def test_a_json_export_on_a_terminal_keeps_its_values(hostile_library: Path) -> None:
    """On a terminal JSON is escaped, not rewritten: a C1 control stays the same value."""
    status, output = newsread_on_a_terminal("--db", str(hostile_library), "export", "quotes", "--format", "json")
    assert status == 0, output
    assert obeyed_controls(output, terminal=True) == []
    texts = [q["text"] for q in json.loads(output)]
    assert f"“We are ready {C1_CSI}2J to talk,”" in texts


# -- 15: numbers beyond SQLite ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", BIG],
        ["show", BIG, "--json"],
        ["ls", "--limit", BIG],
        ["ls", "--offset", BIG],
        ["quotes", "--article", BIG],
        ["quotes", "--limit", BIG],
        ["quotes", "--offset", BIG],
        ["export", "quotes", "--article", BIG],
        ["export", "notes", "--article", BIG],
        ["speakers", "--limit", BIG],
        ["orgs", "--limit", BIG],
        ["search", "talks", "--limit", BIG],
    ],
    ids=" ".join,
)
def test_a_number_beyond_sqlite_is_one_usage_line(hostile_library: Path, args: list[str]) -> None:
    result = newsread("--db", str(hostile_library), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("newsread: Invalid value for ")
    assert f"{BIG} is not in the range" in result.stderr and "--help`)" in result.stderr


def test_the_largest_sqlite_id_is_simply_not_found(hostile_library: Path) -> None:
    for args in (
        ["show", SQLITE_MAX],
        ["quotes", "--article", SQLITE_MAX],
        ["export", "quotes", "--article", SQLITE_MAX],
    ):
        result = newsread("--db", str(hostile_library), *args)
        assert result.returncode == 1
        assert result.stderr == f"newsread: no article with id {SQLITE_MAX} (see `newsread ls`)\n"
    assert newsread("--db", str(hostile_library), "ls", "--limit", SQLITE_MAX, "--offset", SQLITE_MAX).returncode == 0


# -- 19: a model that is not there --------------------------------------------------------------


@pytest.fixture
def small_library(tmp_path: Path) -> Path:
    """A real library with one stored analysis (no model needed to make it)."""
    made = tmp_path / "made.jsonl"
    made.write_text(analyses_line(ELSEWHERE, title="t", speaker=SPEAKER, organisation=ORGANISATION, role="r"), "utf-8")
    db = tmp_path / "library.db"
    assert newsread("--db", str(db), "add", "--analyses", str(made)).returncode == 0
    return db


MISSING_MODEL = "newsread: spaCy model 'xx_no_such_pipeline' is not installed (pass --model NAME)\n"


def _two_articles(folder: Path) -> list[str]:
    paths = []
    for n in (1, 2):
        path = folder / f"a{n}.txt"
        path.write_text(f"Story {n}\n\n“We will talk,” said Ann Lee, the mayor, on day {n}.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("where", ["--model", "NEWSREAD_MODEL", "config"])
def test_add_with_workers_and_a_missing_model_is_one_line_and_changes_nothing(
    small_library: Path, tmp_path: Path, where: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('model = "xx_no_such_pipeline"\n', encoding="utf-8")
    args = ["--model", "xx_no_such_pipeline"] if where == "--model" else []
    env = cli_env(**({"NEWSREAD_MODEL": "xx_no_such_pipeline"} if where == "NEWSREAD_MODEL" else {}))
    env["NEWSREAD_CONFIG"] = str(config if where == "config" else tmp_path / "none.toml")
    before = file_bytes(small_library)
    result = newsread("--db", str(small_library), "add", *args, "--jobs", "2", *_two_articles(tmp_path), env=env)
    assert (result.returncode, result.stderr, result.stdout) == (1, MISSING_MODEL, "")
    assert file_bytes(small_library) == before


def test_add_with_a_package_that_is_no_pipeline_is_one_line(small_library: Path, tmp_path: Path) -> None:
    """numpy is installed (spaCy needs it) but is no pipeline: spaCy fails with a TypeError of its own."""
    before = file_bytes(small_library)
    for jobs in ("1", "2"):
        result = newsread(
            "--db", str(small_library), "add", "--model", "numpy", "--jobs", jobs, *_two_articles(tmp_path)
        )
        assert result.returncode == 1
        assert result.stderr.startswith("newsread: 'numpy' is not a spaCy pipeline (")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert file_bytes(small_library) == before


def test_analyze_with_a_package_that_is_no_pipeline_is_one_line(tmp_path: Path) -> None:
    result = newsread("analyze", "--model", "numpy", *_two_articles(tmp_path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("newsread: 'numpy' is not a spaCy pipeline (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- 22: a full disk, a closed pipe -------------------------------------------------------------

WRITERS = [
    ["ls"],
    ["ls", "--json"],
    ["show", "1"],
    ["quotes"],
    ["search", "talk"],
    ["export", "quotes", "--format", "md"],
    ["export", "notes", "--format", "json"],
]


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_full_disk_under_stdout_is_one_line(hostile_library: Path, args: list[str]) -> None:
    result = full_disk_run("--db", str(hostile_library), *args)
    assert result.returncode == 1
    assert result.stderr == "newsread: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_closed_pipe_ends_the_run_silently(hostile_library: Path, args: list[str]) -> None:
    result = closed_pipe_run("--db", str(hostile_library), *args)
    assert result.returncode == 1
    assert result.stderr == ""


def test_add_reporting_to_a_closed_pipe_is_silent(tmp_path: Path) -> None:
    article = tmp_path / "e.txt"
    article.write_text(ATTACK, encoding="utf-8")
    result = closed_pipe_run("--db", str(tmp_path / "e.db"), "add", "--progress", "plain", str(article))
    assert result.returncode == 1
    assert result.stderr == ""


# -- 26: a query that starts with "-" -----------------------------------------------------------


@pytest.fixture
def searchable(tmp_path: Path) -> Path:
    """A real library with two articles about talks, one of them about hostages."""
    db = tmp_path / "library.db"
    lines = [
        analyses_line(
            f"Talks {n}\n\n“We are done,” said {SPEAKER}, the head of {ORGANISATION}, {extra}.\n",
            title=f"Talks {n}",
            speaker=SPEAKER,
            organisation=ORGANISATION,
            role="r",
            path=f"talks-{n}.txt",
        )
        for n, extra in ((1, "after the ceasefire talks"), (2, "after the hostage and ceasefire talks"))
    ]
    (tmp_path / "made.jsonl").write_text("".join(lines), encoding="utf-8")
    assert newsread("--db", str(db), "add", "--analyses", str(tmp_path / "made.jsonl")).returncode == 0
    return db


def _ids(output: str) -> list[int]:
    return sorted(hit["id"] for hit in json.loads(output))


def test_a_query_may_start_with_a_dash(searchable: Path) -> None:
    result = newsread("search", "-hostage", "ceasefire", "--db", str(searchable), "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert _ids(result.stdout) == [1]


def test_options_still_work_before_between_and_after_dashed_words(searchable: Path) -> None:
    db = str(searchable)
    for args in (
        ["--db", db, "--json", "--limit", "5", "-hostage", "ceasefire"],
        ["-hostage", "--db", db, "ceasefire", "--json"],
        ["--db=" + db, "-hostage ceasefire", "--limit=5", "--json"],
        ["--db", db, "--json", "--", "-hostage", "ceasefire"],
    ):
        result = newsread("search", *args)
        assert (result.returncode, result.stderr) == (0, ""), args
        assert _ids(result.stdout) == [1], args
    both = newsread("search", "ceasefire", "talks", "--db", db, "--json")
    assert _ids(both.stdout) == [1, 2]


def test_a_query_of_exclusions_only_finds_nothing_without_an_error(searchable: Path) -> None:
    result = newsread("search", "-hostage", "--db", str(searchable), "--json")
    assert (result.returncode, result.stderr, json.loads(result.stdout)) == (0, "", [])


def test_a_misspelt_option_is_still_an_error(searchable: Path) -> None:
    result = newsread("search", "--jsno", "talks", "--db", str(searchable))
    assert result.returncode == 2
    assert result.stderr.startswith("newsread: No such option '--jsno'") and result.stderr.count("\n") == 1


def test_an_option_without_its_value_is_still_an_error(searchable: Path) -> None:
    for args in (["talks", "--db", str(searchable), "--limit"], ["-hostage", "talks", "--db"]):
        result = newsread("search", *args)
        assert result.returncode == 2
        option = args[-1]
        assert result.stderr == f"newsread: Option '{option}' requires an argument (see `newsread search --help`)\n"


def test_a_query_cut_to_its_first_words_says_so(searchable: Path) -> None:
    from newsread.core.store.library import MAX_QUERY_TERMS

    words = ["ceasefire"] * MAX_QUERY_TERMS + [f"zzz{i}" for i in range(2000)]
    result = newsread("search", *words, "--db", str(searchable), "--json")
    assert result.returncode == 0
    assert _ids(result.stdout) == [1, 2]  # the words past the limit were not searched
    assert result.stderr == f"newsread: searched for the query's first {MAX_QUERY_TERMS} words only\n"
    short = newsread("search", "ceasefire", "--db", str(searchable), "--json")
    assert short.stderr == ""
