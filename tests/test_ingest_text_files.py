"""Plain-text sources: what is not an article is refused, and a lede is never taken for a title
(issue 10 item 13). Real library files, the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core import textio
from newsread.core.cli import cli

MANIFEST = (
    "file\tsource\ttitle\turl\tword_count\tquote_marks\n"
    "aeb_nytimes-com_04a6711caa.txt\tground-truth.json\tOpinion | Republicans Are Following Trump\thttps://n.test/1\t897\t18\n"
    "aeb_venturebeat-com_06e5123e4e.txt\tground-truth.json\tAttorney General investigating WeWork\thttps://v.test/2\t548\t8\n"
)
LICENCE = """The MIT License (MIT)

Copyright (c) 2013 Lucas Ou-Yang

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software.
"""
LEDE_FIRST = (
    "Prosecutors in Sweden have dropped an investigation into a rape allegation, and “we will not appeal,” "
    "a spokeswoman for the prosecutor said on Tuesday.\n\n"
    "The decision ends a nine-year saga. “It is a relief,” said Anna Berg, a lawyer in Stockholm.\n"
)


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("manifest.tsv", MANIFEST, "a tab-separated table, not an article"),
        ("LICENSE", LICENCE, "a software licence, not an article"),
        (
            "people.csv",
            "name,site,words\nBlinken,thehill.com,900\nCook,cfr.org,12\n",
            "a comma-separated table, not an article",
        ),
    ],
)
def test_add_and_analyze_refuse_what_is_not_prose(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    db = str(tmp_path / "l.db")
    added = _run("--db", db, "add", "--progress", "plain", str(path))
    assert added.exit_code == 1
    assert added.stderr == f"newsread: {path}: {reason}\n"
    assert "Traceback" not in added.output
    assert json.loads(_run("--db", db, "ls", "--json").output) == []
    analysed = _run("analyze", str(path))
    assert analysed.exit_code == 1 and analysed.stderr == f"newsread: {path}: {reason}\n"
    assert analysed.stdout == ""


def test_news_prose_is_not_refused() -> None:
    """Commas in every paragraph, a dateline and a colon do not make an article a table."""
    prose = "\n\n".join(
        [
            "NEW DELHI: Nearly 150 Indians returned home on Wednesday, broke, after being deported, officials said.",
            "Some said they felt dejected, tired, and angry, that they could not realise their dream.",
            "He said he had spent Rs 24 lakh, in four attempts, on agents, and lost it all.",
        ]
    )
    assert textio.non_prose_reason(prose) is None
    assert textio.non_prose_reason(LEDE_FIRST) is None


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("Blinken struggles to heal US-Israel rift after Hamas leader’s death", True),
        ("Job Woes Linger in 29 States as U.S. Recovers Unevenly", True),
        ("Fox News Flash top entertainment headlines for Nov. 19", True),
        ("Remember New Jersey’s epic quest to find a state slogan?", True),
        ("# Mayor resigns.", True),
        ("Retiring early takes time and incredible discipline.", False),
        ("Your “success mindset” matters. Here’s why:", False),
        ("A half century on, The Doobie Brothers are still smoking.", False),
        (LEDE_FIRST.splitlines()[0], False),
    ],
)
def test_a_first_line_is_a_title_only_when_it_looks_like_one(line: str, is_title: bool) -> None:
    title, body = textio.split_title(f"{line}\n\nMore text follows here.\n")
    assert (title is not None) is is_title
    assert body.startswith(line)  # the text always keeps its first line
    if line.startswith("#"):
        assert title == "Mayor resigns."
    else:
        assert textio.looks_like_title(line) is is_title


def test_a_lede_first_text_keeps_its_lede_in_the_body_the_reader_shows(tmp_path: Path) -> None:
    from newsread.core.store.library import Library
    from newsread.tui.reader.article import ArticleData

    path = tmp_path / "lede.txt"
    path.write_text(LEDE_FIRST, encoding="utf-8")
    db = tmp_path / "l.db"
    assert _run("--db", str(db), "add", "--progress", "plain", str(path)).exit_code == 0
    with Library.open(db) as lib:
        data = ArticleData.load(lib, 1)
        assert data is not None
    assert data.analysis.title is None
    assert data.body_start == 0
    lede_quote = next(q for q in data.quotes if "appeal" in q.text)
    assert lede_quote.start >= data.body_start
    assert all(data.analysis.text[q.start : q.end] == q.text for q in data.quotes)
    shown = json.loads(_run("analyze", str(path), "--json").output)
    assert shown["title"] is None and shown["text"] == LEDE_FIRST
    assert any("appeal" in q["text"] for q in shown["quotes"])
