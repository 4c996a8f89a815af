"""Figures' qualifiers and ranges on the command line: ``show`` reads them out ("more than 100
protesters", "200–300 trucks") with the article's words made inert, ``show --json`` carries them,
and ``add --analyses`` checks them as it checks ``value`` and takes only kinds of ``FIGURE_KINDS``.
Through the real CLI, on real SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.cli.common import figure_reading
from newsread.core.model import FIGURE_KINDS, Analysis, Figure
from newsread.core.store.library import Library
from support.figures import figures_analysis


def _run(*args: str, input: str | None = None):
    """The CLI with a console wide enough that no table cell wraps."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False, env={"COLUMNS": "200"})


def test_show_reads_out_qualifiers_and_ranges(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    with Library.open(db) as lib:
        lib.add_analysis(figures_analysis(), url="https://x.test/port")
    result = _run("--db", db, "show", "1")
    assert result.exit_code == 0, result.output
    out = result.output
    for reading in (
        "more than 100 protesters",
        "200–300 trucks",
        "nearly 24 workers",
        "$2.1 million wages",
        "about half of schools",
        "2024-04-29",
    ):
        assert reading in out, reading
    shown = json.loads(_run("--db", db, "show", "1", "--json").output)
    assert shown["figures"] == figures_analysis().to_dict()["figures"]
    assert {"qualifier", "low", "high"} <= set(shown["figures"][0])


def test_show_prints_a_figures_hostile_words_inert(tmp_path: Path) -> None:
    text = "Title\n\nAbout 40 \x1b[2Jtrucks came."
    start = text.index("About")
    end = text.index(" came")
    analysis = Analysis(
        text=text,
        title="Title",
        figures=[Figure(start, end, text[start:end], 40.0, object="\x1b[2Jtrucks", qualifier="about\u202e")],
    )
    db = str(tmp_path / "l.db")
    with Library.open(db) as lib:
        lib.add_analysis(analysis, url="https://x.test/t")
    result = _run("--db", db, "show", "1")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "␛[2Jtrucks" in result.output


@pytest.mark.parametrize(
    ("fields", "reading"),
    [
        ({"value": 100.0, "qualifier": "more than", "object": "protesters"}, "more than 100 protesters"),
        ({"value": 200.0, "low": 200.0, "high": 300.0, "object": "trucks"}, "200–300 trucks"),
        ({"value": None, "low": 1.0, "high": 7.0, "unit": "day", "kind": "duration"}, "1–7 days"),
        ({"value": None, "low": 5.0, "qualifier": "at least", "object": "cars"}, "at least 5 cars"),
        ({"value": 30.0, "unit": "percent", "kind": "percent", "qualifier": "about"}, "about 30%"),
        ({"value": 5.0, "unit": "USD", "kind": "money", "per": "share"}, "$5 per share"),
        ({"value": 12.0, "unit": "pieces", "object": "eggs"}, "12 eggs"),  # a count's unit is not said
        ({"value": 6.0, "unit": "week", "object": "weeks", "kind": "duration"}, "6 weeks"),
        ({"value": 2.5, "unit": "hour", "object": "meeting", "kind": "duration"}, "2.5-hour meeting"),
        ({"value": None, "kind": "date", "date": "2024-10-22"}, "2024-10-22"),
        ({"value": None, "kind": "date"}, "Tuesday"),
        ({"value": 0.125, "kind": "fraction"}, "0.125"),
    ],
)
def test_figure_reading(fields: dict[str, object], reading: str) -> None:
    value = fields.pop("value")
    f = Figure(0, 7, "Tuesday", value, **fields)  # type: ignore[arg-type]
    assert figure_reading(f) == reading


# -- add --analyses: qualifier, low and high are checked as value is; the kind is one of FIGURE_KINDS --


def _line(**figure_fields: object) -> str:
    data = figures_analysis().to_dict()
    data["figures"] = [data["figures"][0] | figure_fields]
    return json.dumps(data)


def test_add_analyses_stores_qualifiers_and_ranges_and_renames_an_old_ratio(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    data = figures_analysis().to_dict()
    for f in data["figures"]:  # JSON integers, as another program may write them
        for key in ("value", "low", "high"):
            if isinstance(f[key], float) and f[key].is_integer():
                f[key] = int(f[key])
    data["figures"][-1]["kind"] = "ratio"  # an older newsread's name for a fraction
    result = _run("--db", db, "add", "--progress", "plain", "--analyses", "-", input=json.dumps(data) + "\n")
    assert result.exit_code == 0, result.output
    with Library.open(db) as lib:
        stored = lib.analysis(1)
    assert stored is not None
    assert stored.figures == figures_analysis().figures


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"kind": "headcount"}, "figures[0].kind 'headcount' is not one of " + ", ".join(FIGURE_KINDS)),
        ({"qualifier": 3}, "figures[0].qualifier is not a string or null"),
        ({"low": "200"}, "figures[0].low is not an integer or a number or null"),
        ({"high": 10**400}, "figures[0].high is not a finite number"),
        ({"high": True}, "figures[0].high is not an integer or a number or null"),
    ],
)
def test_add_analyses_refuses_a_bad_figure_in_one_line(tmp_path: Path, fields: dict[str, object], reason: str) -> None:
    db = str(tmp_path / "l.db")
    result = _run("--db", db, "add", "--progress", "plain", "--analyses", "-", input=_line(**fields) + "\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsread: -:1: bad analysis: {reason}"]


def test_the_analyze_summary_reads_out_qualifiers_ranges_and_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    """``newsread analyze``'s summary for a person, on a hand-made analysis (the real analysis of
    figures is being changed): each figure's words, what they read as, and its kind."""
    from newsread.core.cli.analyze import _summary

    _summary(figures_analysis())
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    start = lines.index("Figures")
    assert lines[start + 1 :] == [
        "More than 100 protesters: more than 100 protesters (count)",
        "Monday → 2024-04-29",
        "between 200 and 300 trucks: 200–300 trucks (count)",
        "Nearly two dozen workers: nearly 24 workers (count)",
        "$2.1 million in wages: $2.1 million wages (money)",
        "about half of the county's schools: about half of schools (fraction)",
    ]
