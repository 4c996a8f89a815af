"""The source desk on the command line (issue 17): ``newsread person NAME`` and ``newsread figures
--object TEXT``, with ``--json``, on a real SQLite library that the real ``newsread add`` made of
real articles: three stories of South Dakota's anti-meth campaign quoting Kristi Noem, and three
more counting people."""

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
NOEM = ["aeb_nj-com_3f65af7b6b.txt", "aeb_thehill-com_156770d676.txt", "aeb_usatoday-com_776a1c0467.txt"]
PEOPLE = ["aeb_rt-com_4a44ab3e4c.txt", "aeb_express-co-uk_ba4dfe2d3e.txt"]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def _newsread(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a child process: how a failure reaches the terminal."""
    command = [sys.executable, "-c", "from newsread.core.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def _desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("desk") / "library.db"
    days = ["2019-11-18", "2019-11-19", "2019-11-20", "2019-11-21", "2019-11-22"]
    for name, day in zip(NOEM + PEOPLE, days, strict=True):
        result = _run("--db", str(db), "add", "--published", day, str(PLAIN / name))
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(tmp_path: Path, _desk_template: Path) -> str:
    path = tmp_path / "library.db"
    shutil.copy(_desk_template, path)
    return str(path)


def test_person_json_is_the_page(db: str) -> None:
    result = _run("--db", db, "person", "Kristi", "Noem", "--json")
    assert result.exit_code == 0, result.output
    page = json.loads(result.output)
    assert (page["name"], page["kind"], page["articles"]) == ("Kristi Noem", "person", 3)
    rows = page["statements"]
    assert len(rows) == page["matching"] == page["quotes"] + page["reported"] > 3
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True) and set(dates) == {"2019-11-18", "2019-11-19", "2019-11-20"}
    assert {"article_id", "title", "site", "date", "text", "kind", "role", "organisation"} <= set(rows[0])
    assert any(r["role"] and "governor" in r["role"].casefold() for r in rows)
    assert any("governor" in (role["role"] or "").casefold() for role in page["roles"])


def test_person_by_surname_and_filters(db: str) -> None:
    full = json.loads(_run("--db", db, "person", "Kristi Noem", "--json").output)
    bare = json.loads(_run("--db", db, "person", "noem", "--json").output)
    assert bare == full
    reported = json.loads(_run("--db", db, "person", "Kristi Noem", "--kind", "indirect", "--json").output)
    assert reported["matching"] == full["reported"] and {r["kind"] for r in reported["statements"]} <= {"indirect"}
    meth = json.loads(_run("--db", db, "person", "Kristi Noem", "--text", "meth", "--json").output)
    assert 0 < meth["matching"] < full["matching"]
    assert all("meth" in r["text"].casefold() for r in meth["statements"])
    page = json.loads(_run("--db", db, "person", "Kristi Noem", "--limit", "2", "--offset", "1", "--json").output)
    assert page["statements"] == full["statements"][1:3]


def test_person_prints_the_page(db: str) -> None:
    result = _run("--db", db, "person", "Kristi Noem")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Kristi Noem (person)"
    assert "3 articles" in result.output and "2019-11-20" in result.output


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("Nobody Atall", "no one called “Nobody Atall” is quoted in the library (see `newsread speakers`)"),
        ("people", "“people” is an anonymous source's description, not a person or organisation: it has no page"),
    ],
)
def test_no_page_is_one_line_and_a_failure(db: str, name: str, says: str) -> None:
    proc = _newsread("--db", db, "person", name)
    assert proc.returncode == 1
    assert proc.stderr.startswith("newsread: " + says) and proc.stderr.count("\n") == 1
    assert proc.stdout == ""


def test_figures_by_object_json(db: str) -> None:
    result = _run("--db", db, "figures", "--object", "The People", "--json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    assert groups[0]["label"] == "people" and groups[0]["kind"] == "count"
    sightings = groups[0]["sightings"]
    assert groups[0]["articles"] >= 3 and groups[0]["complete"]
    assert [s["date"] for s in sightings] == sorted((s["date"] for s in sightings), reverse=True)
    assert "964,000 people" in [s["reading"] for s in sightings]
    for s in sightings:
        assert s["text"] in s["sentence"] or s["sentence"].startswith("…")


def test_figures_prints_groups_and_says_when_none(db: str) -> None:
    result = _run("--db", db, "figures", "--object", "people", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "people · count · 2 figures in" in result.output and "(the newest 2 figures read)" in result.output
    none = _run("--db", db, "figures", "--object", "aid trucks")
    assert none.exit_code == 0 and "no figures count “aid trucks”" in none.output
    bad = _newsread("--db", db, "figures", "--object", "the")
    assert bad.returncode == 1 and bad.stderr == "newsread: give what the figures count, e.g. --object 'aid trucks'\n"


def test_hostile_words_print_inert(tmp_path: Path) -> None:
    from newsread.core.model import Analysis, Figure, Quote, Speaker
    from newsread.core.store.library import Library

    text = "T\n\n“Go \x1b[2Jnow,” said Ann Lee. About 35 \x1b]0;x\x07trucks a day came."
    q_start = text.index("“")
    q_end = text.index(" said")
    f_start = text.index("35")
    analysis = Analysis(
        text=text,
        title="T\x1b[31m",
        speakers=[Speaker("Ann Lee", [], role="chief\u202e", quotes=1)],
        quotes=[Quote(q_start, q_end, text[q_start:q_end], "Ann Lee", "said")],
        figures=[Figure(f_start, f_start + 2, "35", 35.0, object="\x1b]0;x\x07trucks", per="day")],
    )
    db = str(tmp_path / "h.db")
    with Library.open(db) as lib:
        lib.add_analysis(analysis, url="https://x.test/h", site="x.test\x1b[2J")
    for args in (("person", "Ann Lee"), ("figures", "--object", "\x1b]0;x\x07trucks")):
        result = _run("--db", db, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\u202e" not in result.output and "\x07" not in result.output
        assert "␛" in result.output
    page = json.loads(_run("--db", db, "person", "Ann Lee", "--json").output)
    assert page["statements"][0]["text"] == text[q_start:q_end]  # exact in JSON (escaped)


def test_person_of_one_name_and_two_kinds_asks_which(tmp_path: Path) -> None:
    from newsread.core.model import Analysis, Quote, Speaker
    from newsread.core.store.library import Library

    db = tmp_path / "k.db"
    with Library.open(db) as lib:
        for n, kind in enumerate(("organisation", "person")):
            text = f"Apple {n}\n\n“Fine,” said Apple."
            quote = Quote(text.index("“"), text.index(" said"), "“Fine,”", "Apple", "said", speaker_kind=kind)
            speakers = [Speaker("Apple", [], quotes=1, kind=kind)]
            lib.add_analysis(Analysis(text=text, speakers=speakers, quotes=[quote]), url=f"https://k.test/{n}")
    proc = _newsread("--db", str(db), "person", "Apple")
    assert proc.returncode == 1
    assert proc.stderr == (
        "newsread: “Apple” could be Apple (organisation), Apple (person): say which kind (--speaker-kind)\n"
    )
    page = json.loads(_run("--db", str(db), "person", "Apple", "--speaker-kind", "person", "--json").output)
    assert (page["kind"], page["quotes"]) == ("person", 1)


def test_every_figure_with_a_group_is_found_in_it(db: str) -> None:
    """On the real analyses of the five articles: each figure whose object has a key is in its
    group, also where the analysis names its object with a word its article does not use
    ('spending' of 'spent', which the articles' full-text index could not find): the group is
    found by the stored key."""
    from newsread.core.figure_keys import key_of
    from newsread.core.store.figure_groups import figure_group
    from newsread.core.store.library import Library

    with Library.open(db) as lib:
        figures = [
            (article_id, f)
            for article_id in range(1, 6)
            if (analysis := lib.analysis(article_id)) is not None
            for f in analysis.figures
        ]
        keyed = [(a, f) for a, f in figures if not key_of(f).is_empty]
        assert len(keyed) >= 10
        assert "spending" in {f.object for _, f in keyed}
        missed = set()
        for article_id, f in keyed:
            found = {(s.article_id, s.figure.start) for s in figure_group(lib, key_of(f), limit=None).sightings}
            if (article_id, f.start) not in found:
                missed.add(f.object)
        assert missed == set()
