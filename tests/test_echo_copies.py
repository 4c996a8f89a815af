"""Exact copies of a quote in the store (``core.store.echoes``): a copy joins its words' group by one
index lookup (``quote_echoes.text_key``) instead of the shingle lookup, and the groups come out as the
shingle lookup makes them. A copy takes no sketch: each text's sketch is held once, by the oldest
stored quote of its words, and handed on when that one is deleted."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from newsread.core.model import Analysis, Quote
from newsread.core.quote_echoes import normalise, text_key
from newsread.core.store import echoes
from newsread.core.store.library import Library

WHOLE = "“We will not allow this to happen again, not in this country, not ever,”"
COPY = '"We will NOT allow this to happen again -- not in this country, not ever"'  # the same words
TRIMMED = "«will not allow this to happen again, not in this country»"
OTHER = "“Nothing about the talks has been agreed and nothing will be until the end,”"
HEAD = "“The ministry will open three new crossings for aid before the winter comes”"
BOTH = "“The ministry will open three new crossings for aid before the winter comes, and it will keep them open”"
TAIL = "“the winter comes, and it will keep them open”"


def story(title: str, *quotes: str) -> Analysis:
    """An article of a title and one sentence per quote, each credited to Ann Lee."""
    text, found = title + ".", []
    for q in quotes:
        text += " "
        found.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    return Analysis(text=text, title=title, quotes=found)


def groups(conn: sqlite3.Connection) -> dict[int, tuple[int, ...]]:
    """Each grouped quote → the sorted ids of its group's quotes."""
    members: dict[int, list[int]] = {}
    rows = conn.execute("SELECT quote_id, echo_group FROM quote_echoes ORDER BY quote_id").fetchall()
    for quote_id, group in rows:
        members.setdefault(group, []).append(quote_id)
    return {quote_id: tuple(members[group]) for quote_id, group in rows}


def sketches(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    return [tuple(r) for r in conn.execute("SELECT quote_id, key FROM quote_sketches ORDER BY quote_id, key")]


def held_once(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """The sketch rows of a library where every quote has its own (the shingle lookup for all), kept
    for the oldest stored quote of each text only: what a library that sketches each text once holds."""
    oldest: dict[str, int] = {}
    for quote_id, text in conn.execute(
        "SELECT e.quote_id, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id ORDER BY e.quote_id"
    ):
        oldest.setdefault(normalise(text or ""), quote_id)
    holders = set(oldest.values())
    return [row for row in sketches(conn) if row[0] in holders]


def store(path: Path, articles: list[Analysis]) -> Library:
    lib = Library.open(path)
    for n, a in enumerate(articles):
        lib.add_analysis(a, url=f"https://copies.test/{n}")
    return lib


def test_a_copy_joins_the_group_of_its_words_without_the_shingle_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store(tmp_path / "lib.db", [story("One", WHOLE, OTHER), story("Two", TRIMMED)]) as lib:
        looked_up: list[str] = []
        match = echoes._match

        def logged(conn: sqlite3.Connection, quote_id: int, text: str, keys: list[int]) -> set[int]:
            looked_up.append(text)
            return match(conn, quote_id, text, keys)

        monkeypatch.setattr(echoes, "_match", logged)
        lib.add_analysis(story("Three", COPY, OTHER), url="https://copies.test/3")
        assert looked_up == []  # both quotes are copies: neither looked its shingles up
        lib.add_analysis(story("Four", TAIL), url="https://copies.test/4")
        assert looked_up == [normalise(TAIL)]
        conn = lib.conn
        assert groups(conn)[4] == (1, 3, 4) and groups(conn)[5] == (2, 5)
        assert conn.execute("SELECT text_key FROM quote_echoes WHERE quote_id = 4").fetchone()[0] == text_key(
            normalise(WHOLE)
        )
        held = [quote_id for quote_id, _ in sketches(conn)]
        assert held.count(1) == 8 and 4 not in held  # the words' sketch is the oldest quote's alone


def test_two_texts_sharing_a_key_are_not_taken_for_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(echoes, "text_key", lambda norm: 42)  # every text the same key
    with store(tmp_path / "lib.db", [story("One", WHOLE), story("Two", OTHER), story("Three", COPY)]) as lib:
        assert groups(lib.conn) == {1: (1, 3), 2: (2,), 3: (1, 3)}


def test_copies_group_as_the_shingle_lookup_groups_them(tmp_path: Path, seed_analysis: Analysis) -> None:
    """The seed's real quotes and hand-made ones, each text several times in several orders (a
    quote linking two others arriving between their copies): the groups are the ones the shingle
    lookup of every quote makes, and the sketches are its sketches of each text's oldest quote."""
    seed = [dataclasses.replace(seed_analysis, text=f"{seed_analysis.text}\n\nCopy {n}.") for n in range(3)]
    articles = [
        story("A", HEAD, WHOLE),
        seed[0],
        story("B", TAIL, OTHER),
        story("C", HEAD),
        story("D", BOTH, TRIMMED),
        seed[1],
        story("E", TAIL, COPY),
        story("F", OTHER, HEAD, WHOLE),
        seed[2],
    ]
    with store(tmp_path / "copies.db", articles) as lib:
        copied = (groups(lib.conn), sketches(lib.conn))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(echoes, "_copied", lambda *args: False)  # every quote looks its shingles up
        with store(tmp_path / "looked-up.db", articles) as lib:
            looked_up = (groups(lib.conn), held_once(lib.conn))
    assert copied == looked_up
    assert len(looked_up[1]) < len(sketches_of(tmp_path / "looked-up.db"))  # copies were left unsketched
    assert len(copied[0]) > 3 * len(seed_analysis.quotes) // 2  # the seed's quotes are grouped too
    assert max(len(members) for members in copied[0].values()) >= 6


def sketches_of(path: Path) -> list[tuple[int, int]]:
    with Library.open(path) as lib:
        return sketches(lib.conn)


def _history(path: Path, *, each_sketched: bool = False) -> tuple[dict[int, tuple[int, ...]], list[tuple[int, int]]]:
    """Articles added, deleted and analysed again in turn; the groups and sketches left (those of
    each text's oldest quote when ``each_sketched``: every quote took its own)."""
    with Library.open(path) as lib:

        def add(n: int, *quotes: str, reanalyse: bool = False) -> int:
            result = lib.add_analysis(story(f"S{n}", *quotes), url=f"https://copies.test/{n}", reanalyse=reanalyse)
            return result.article_id

        first = add(1, WHOLE, HEAD)
        trimmed = add(2, TRIMMED)
        add(3, COPY, OTHER)
        lib.delete_articles([first])  # the oldest of WHOLE's words goes
        add(4, WHOLE)
        add(5, BOTH, TAIL)
        add(6, HEAD, COPY)
        lib.delete_articles([trimmed])
        add(7, TRIMMED, WHOLE)
        add(3, COPY, OTHER, reanalyse=True)  # the same text: analysed again in place
        add(8, WHOLE, HEAD)
        return groups(lib.conn), held_once(lib.conn) if each_sketched else sketches(lib.conn)


def test_copies_after_deletions_and_reanalyses_group_as_the_shingle_lookup_groups_them(tmp_path: Path) -> None:
    """A copy added once the oldest quote of its words is deleted, or analysed again in place, joins
    the group the shingle lookup finds for it; the sketch of the words deleted is held by their
    oldest quote left."""
    copied = _history(tmp_path / "copies.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(echoes, "_copied", lambda *args: False)  # every quote looks its shingles up
        looked_up = _history(tmp_path / "looked-up.db", each_sketched=True)
    assert copied == looked_up
    assert max(len(members) for members in copied[0].values()) >= 4
