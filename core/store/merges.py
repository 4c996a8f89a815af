"""Two identities a reader merged into one: kept apart from the analysis, applied when read.

A merge is a row of ``identity_merges`` (schema 11): the identity called ``name`` (of ``kind``) is
the one called ``into_name``. It is kept by name because identities are not: the library makes
them again from the speakers' names whenever an article is analysed again, added again or a new
one names them (``library.link_identities``), so an identity's id may change where its name does
not. Each read resolves the names to the identities of now (``merged_into``, a few index lookups)
and treats a merged identity as part of the one it went into: one page, one ``--speaker`` filter,
one row of ``speakers``. A merge whose name no identity has any more is kept and listed (orphaned),
and applies again when an article brings the name back. ``unmerge`` removes the row: the two are
apart again at once, nothing of the analysis having been changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import NewsreadError
from .identities import Identity, norm
from .reads import reading, writing

if TYPE_CHECKING:
    from .library import Library
    from .records import SpeakerSummary

MERGE = "merge"
"""The kind a merge is listed under among the corrections (``newsread corrections``)."""


@dataclass(slots=True, kw_only=True)
class Merge:
    """One stored merge; ``orphaned`` when either name has no identity in the library now."""

    id: int
    name: str
    kind: str
    into_name: str
    into_kind: str
    created: str
    orphaned: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The merge as a line of the corrections export (no article, no selectors)."""
        return {
            "id": self.id,
            "kind": MERGE,
            "url": None,
            "title": None,
            "article_id": None,
            "selectors": [],
            "fields": {"name": self.name, "speaker_kind": self.kind, "into": self.into_name},
            "created": self.created,
            "orphaned": self.orphaned,
        }


def _rows(conn: sqlite3.Connection) -> list[Merge]:
    return [
        Merge(id=r[0], name=r[1], kind=r[2], into_name=r[3], into_kind=r[4], created=r[5])
        for r in conn.execute(
            "SELECT id, name, kind, into_name, into_kind, created FROM identity_merges ORDER BY id"
        ).fetchall()
    ]


def named(conn: sqlite3.Connection, name: str, kind: str) -> list[int]:
    """The identities of ``kind`` called ``name`` (any case); else the one going by it as an alias."""
    found = [
        r[0] for r in conn.execute("SELECT id FROM identities WHERE name = ? COLLATE NOCASE AND kind = ?", (name, kind))
    ]
    if found:
        return found
    aliased = {
        r[0]
        for r in conn.execute(
            "SELECT i.id FROM identity_aliases a JOIN identities i ON i.id = a.identity_id "
            "WHERE a.alias = ? COLLATE NOCASE AND i.kind = ?",
            (name, kind),
        )
    }
    return list(aliased) if len(aliased) == 1 else []


def merged_into(conn: sqlite3.Connection) -> dict[int, int]:
    """Each merged identity's id → the id of the identity it is part of now (chains followed: A
    into B and B into C puts A in C; when C has no identity now, A is in B). Empty, for one query,
    when nothing is merged."""
    merges = _rows(conn)
    if not merges:
        return {}
    targets = {(norm(m.name), m.kind): (m.into_name, m.into_kind) for m in merges}

    def final(m: Merge) -> int | None:
        """The identity at the far end of ``m``'s chain that the library has now."""
        seen, into = {(norm(m.name), m.kind)}, None
        nxt: tuple[str, str] | None = (m.into_name, m.into_kind)
        while nxt is not None and (norm(nxt[0]), nxt[1]) not in seen:
            seen.add((norm(nxt[0]), nxt[1]))
            if len(found := named(conn, *nxt)) == 1:
                into = found[0]
            nxt = targets.get((norm(nxt[0]), nxt[1]))
        return into

    out: dict[int, int] = {}
    for m in merges:
        into = final(m)
        if into is None:
            continue
        for source in named(conn, m.name, m.kind):
            if source != into:
                out[source] = into
    return out


def canonical(conn: sqlite3.Connection, identity_id: int, merged: dict[int, int] | None = None) -> int:
    """The identity ``identity_id`` is part of: itself unless it was merged into another."""
    merged = merged_into(conn) if merged is None else merged
    return merged.get(identity_id, identity_id)


def group(conn: sqlite3.Connection, identity_id: int, merged: dict[int, int] | None = None) -> list[int]:
    """Every identity that is one with ``identity_id``: the one it is part of and all merged into
    that one, smallest id first."""
    merged = merged_into(conn) if merged is None else merged
    top = merged.get(identity_id, identity_id)
    return sorted({top, *(source for source, into in merged.items() if into == top)})


def expand(conn: sqlite3.Connection, identity_ids: Iterable[int]) -> list[int]:
    """``identity_ids`` with every identity one with any of them (``group``)."""
    merged = merged_into(conn)
    ids = list(identity_ids)
    if not merged:
        return sorted(set(ids))
    return sorted({g for i in ids for g in group(conn, i, merged)})


def merges(library: Library) -> list[Merge]:
    """Every merge, oldest first, ``orphaned`` when either of its names has no identity now."""
    with reading(library) as conn:
        found = _rows(conn)
        for m in found:
            m.orphaned = not named(conn, m.name, m.kind) or not named(conn, m.into_name, m.into_kind)
    return found


def _raw_identity(library: Library, name: str) -> Identity:
    """The identity ``name`` stands for, merged or not (the person page's rule without merges)."""
    from .people import choose_page, identities_named

    if not name.strip():
        raise NewsreadError("give a name")
    return choose_page(name.strip(), identities_named(library, name))


def merge(library: Library, name: str, into: str) -> Merge:
    """Store that the person or organisation ``name`` stands for is the one ``into`` stands for
    (``merge_ids``); ``people.NoPage`` when either name has no page."""
    return merge_ids(library, _raw_identity(library, name).id, _raw_identity(library, into).id)


def merge_ids(library: Library, source_id: int, target_id: int) -> Merge:
    """Store that identity ``source_id`` is identity ``target_id`` (or the one that went into).

    Refused, with the reason, when either is gone, when they are of different kinds, when they are
    one already, or when a merge of ``source_id``'s name is kept, applied or orphaned (undo that
    first: a merge is never silently replaced).
    """
    from .library import now_iso

    with writing(library) as conn:
        merged = merged_into(conn)
        found = {
            r[0]: Identity(id=r[0], name=r[1], kind=r[2])
            for r in conn.execute(
                "SELECT id, name, kind FROM identities WHERE id IN (?, ?)",
                (source_id, canonical(conn, target_id, merged)),
            )
        }
        source, target = found.get(source_id), found.get(canonical(conn, target_id, merged))
        if source is None or target is None:
            raise NewsreadError("that person or organisation is no longer in the library")
        if source.kind != target.kind:
            kinds = f"is {_a(source.kind)} and “{target.name}” {_a(target.kind)}"
            raise NewsreadError(f"“{source.name}” {kinds}: not merged")
        if canonical(conn, source.id, merged) == target.id:
            raise NewsreadError(f"“{source.name}” and “{target.name}” are one already")
        kept = conn.execute(  # an orphaned merge of the name is kept too (one merge per name and kind)
            "SELECT into_name FROM identity_merges WHERE name = ? COLLATE NOCASE AND kind = ?",
            (source.name, source.kind),
        ).fetchone()
        if source.id in merged or kept is not None:
            into = f" “{kept[0]}”" if kept is not None else " another identity"
            raise NewsreadError(
                f"“{source.name}” is merged into{into}: undo that first (newsread merge --undo “{source.name}”)"
            )
        created = now_iso()
        cur = conn.execute(
            "INSERT INTO identity_merges (name, kind, into_name, into_kind, created) VALUES (?, ?, ?, ?, ?)",
            (source.name, source.kind, target.name, target.kind, created),
        )
        assert cur.lastrowid is not None
        return Merge(
            id=cur.lastrowid, name=source.name, kind=source.kind, into_name=target.name, into_kind=target.kind,
            created=created,
        )  # fmt: skip


def _a(kind: str) -> str:
    """ "a person", "an organisation"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def merged_into_page(library: Library, identity_id: int) -> list[Merge]:
    """The merges that make part of identity ``identity_id``'s page (into it, or into one merged
    into it), oldest first: a merge of this page's own name into a name the library no longer
    has (orphaned) is not one of them."""
    with reading(library) as conn:
        merged = merged_into(conn)
        top = canonical(conn, identity_id, merged)
        return [m for m in _rows(conn) if any(merged.get(i) == top for i in named(conn, m.name, m.kind))]


def undo(library: Library, undone: list[Merge]) -> None:
    """Remove these merges: the identities are apart again at once."""
    with writing(library) as conn:
        conn.executemany("DELETE FROM identity_merges WHERE id = ?", [(m.id,) for m in undone])


def unmerge(library: Library, name: str) -> list[Merge]:
    """Undo the merges of the identities going by ``name`` (a merged name, any case, or any name
    of a merged identity); the merges undone. ``NewsreadError`` when there is none."""
    from .people import identities_named

    wanted = " ".join(name.split())
    with reading(library) as conn:
        ids = {i.id for i in identities_named(library, wanted)}
        undone = []
        for m in _rows(conn):
            if norm(m.name) == norm(wanted) or ids.intersection(named(conn, m.name, m.kind)):
                undone.append(m)
        if not undone:
            raise NewsreadError(f"no merge of “{wanted}” (see `newsread merge --list`)")
    undo(library, undone)
    return undone


def merged_summaries(
    rows: list[SpeakerSummary],
    merged: dict[int, int],
    conn: sqlite3.Connection,
    *,
    skip: Collection[int] = (),
    spoken: Mapping[int, set[int]] | None = None,
) -> list[SpeakerSummary]:
    """``Library.speakers`` rows with each merged identity added into the one it went into: counts
    summed, articles counted once, aliases joined (the merged name among them); most quoted first.
    The articles of ``skip`` (corrected) are counted by ``spoken`` (identity → its corrected
    articles) rather than their speaker rows."""
    out: dict[int, SpeakerSummary] = {}
    members: dict[int, list[int]] = {}
    for r in rows:
        assert r.identity_id is not None
        top = merged.get(r.identity_id, r.identity_id)
        members.setdefault(top, []).append(r.identity_id)
        into = out.get(top)
        if into is None:
            if top != r.identity_id:
                found = conn.execute("SELECT name, kind FROM identities WHERE id = ?", (top,)).fetchone()
                into = replace(r, name=found[0], kind=found[1], identity_id=top, aliases=[], quotes=0, reported=0)
                into.aliases = sorted({r.name, *r.aliases} - {found[0]}, key=str.casefold)
                into.quotes, into.reported = r.quotes, r.reported
            else:
                into = replace(r, aliases=list(r.aliases))
            out[top] = into
            continue
        if top == r.identity_id:  # the row of the identity merged into comes after a merged one's
            into.role, into.organisation = r.role, r.organisation
        names = {*into.aliases, *r.aliases, r.name, into.name} - {out[top].name}
        into.aliases = sorted(names, key=str.casefold)
        into.quotes += r.quotes
        into.reported += r.reported
    for top, ids in members.items():
        if len(ids) > 1:
            marks = ",".join("?" * len(ids))
            sql = f"SELECT DISTINCT article_id FROM speakers WHERE identity_id IN ({marks})"
            articles = {r[0] for r in conn.execute(sql, ids)} - set(skip)
            for i in ids:
                articles |= (spoken or {}).get(i, set())
            out[top].articles = len(articles)
    return sorted(out.values(), key=lambda r: (-r.quotes, -r.reported, r.name))
