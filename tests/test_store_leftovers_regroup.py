"""Regrouping a copies group in the store (``echoes.regroup``), on real library files: each cluster
renamed by one statement, and the rows left exactly those of renaming it row by row."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from newsread.core.quote_echoes import normalise
from newsread.core.store import echoes
from newsread.core.store.library import Library
from test_echo_copies import BOTH, COPY, HEAD, OTHER, TAIL, TRIMMED, WHOLE, story

HEAD_COPY = '"the ministry will open three new crossings for aid, before the winter comes"'
TAIL_COPY = "«The winter comes -- and it will keep them open»"


def regroup_row_by_row(conn: sqlite3.Connection, groups: set[int]) -> None:
    """The reference: ``regroup`` as it read a group and renamed a cluster, one UPDATE per quote."""
    for group in sorted(groups):
        members = conn.execute(
            "SELECT e.quote_id, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
            "WHERE e.echo_group = ? ORDER BY e.quote_id",
            (group,),
        ).fetchall()
        by_text: dict[str, list[int]] = {}
        for quote_id, text in members:
            by_text.setdefault(normalise(text or ""), []).append(quote_id)
        clusters = echoes._linked(by_text)  # the clustering, unchanged: the renaming is compared
        for cluster in clusters:
            ids = [i for norm in cluster for i in by_text[norm]]
            if min(ids) != group:
                conn.executemany(
                    "UPDATE quote_echoes SET echo_group = ? WHERE quote_id = ?", [(min(ids), i) for i in ids]
                )


def rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute("SELECT * FROM quote_echoes ORDER BY quote_id")]


# Each history: ("add", words…), ("delete", nth added…), ("again", nth added, words…) (analysed again
# in place, the same text); the articles are numbered in the order added, from 0.
COPIES = [("add", WHOLE if n % 3 else COPY, OTHER) for n in range(12)]
HISTORIES = {
    "one cluster renamed": [*COPIES, ("add", TRIMMED), ("delete", 0), ("delete", 1), ("delete", 12)],
    "every cluster renamed": [
        ("add", BOTH),
        *[("add", HEAD if n % 2 else TAIL_COPY) for n in range(8)],
        ("add", HEAD_COPY, TAIL),
        ("delete", 0),
        ("delete", 2),
    ],
    "one cluster keeps its name": [
        ("add", HEAD),
        ("add", BOTH, WHOLE),
        *[("add", TAIL if n % 2 else TAIL_COPY, COPY) for n in range(6)],
        ("add", HEAD_COPY),
        ("delete", 1),
        ("add", BOTH),
        ("delete", 0),
    ],
    "several groups at once and analyses again": [
        ("add", BOTH, WHOLE),
        *[("add", HEAD, COPY, TAIL) for _ in range(4)],
        ("add", TRIMMED, HEAD_COPY),
        ("delete", 0, 1, 5),
        ("again", 2, HEAD, COPY, TAIL),
        ("add", BOTH),
        ("again", 3, HEAD, COPY, TAIL),
        ("delete", 6),
    ],
}


def replay(path: Path, history: list[tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    """``history`` played on a new library at ``path``; the rows of ``quote_echoes`` after each step."""
    after: list[list[tuple[object, ...]]] = []
    with Library.open(path) as lib:
        added: list[int] = []
        for op, *args in history:
            if op == "add":
                n = len(added)
                added.append(lib.add_analysis(story(f"S{n}", *args), url=f"https://regroup.test/{n}").article_id)
            elif op == "delete":
                lib.delete_articles([added[n] for n in args])
            else:
                n, *quotes = args
                lib.add_analysis(story(f"S{n}", *quotes), url=f"https://regroup.test/{n}", reanalyse=True)
            after.append(rows(lib.conn))
    return after


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_regrouped_rows_are_those_of_renaming_row_by_row(tmp_path: Path, history: list[tuple[object, ...]]) -> None:
    regrouped = replay(tmp_path / "regroup.db", history)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(echoes, "regroup", regroup_row_by_row)
        reference = replay(tmp_path / "reference.db", history)
    assert regrouped == reference
    renamed = [b for a, b in itertools.pairwise(regrouped) if {r[1] for r in a} - {r[1] for r in b}]
    assert renamed  # some step renamed a group


@pytest.mark.parametrize(
    ("first", "copies", "renames", "clusters"),
    [
        ([WHOLE], [WHOLE, COPY], 1, 1),  # the group's name goes: one cluster left, renamed
        ([BOTH], [HEAD, TAIL_COPY], 2, 2),  # the group's name goes: two clusters left, both renamed
        ([HEAD, BOTH], [TAIL, HEAD_COPY], 1, 2),  # the link goes: the head's cluster keeps its name
    ],
)
def test_each_renamed_cluster_is_one_statement(
    tmp_path: Path, first: list[str], copies: list[str], renames: int, clusters: int
) -> None:
    """A group of 60 copies and the ``first`` quotes loses the last of them: one UPDATE per cluster
    renamed, whatever its size."""
    with Library.open(tmp_path / "lib.db") as lib:
        for n, words in enumerate(first + [copies[n % len(copies)] for n in range(60)]):
            lib.add_analysis(story(f"S{n}", words), url=f"https://regroup.test/{n}")
        assert lib.conn.execute("SELECT COUNT(DISTINCT echo_group) FROM quote_echoes").fetchone()[0] == 1
        statements: list[str] = []
        lib.conn.set_trace_callback(statements.append)
        lib.delete_articles([len(first)])
        lib.conn.set_trace_callback(None)
        assert len([s for s in statements if s.startswith("UPDATE quote_echoes")]) == renames
        groups = lib.conn.execute("SELECT echo_group, MIN(quote_id), COUNT(*) FROM quote_echoes GROUP BY 1").fetchall()
        assert all(group == smallest for group, smallest, _ in groups)
        assert len(groups) == clusters and sum(n for *_, n in groups) == len(first) + 59
