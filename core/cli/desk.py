"""The source desk on the command line: ``person NAME`` (a person's or organisation's page),
``figures --object TEXT`` (one figure across articles), ``echoes QUOTE_ID`` / ``echoes --article
ID`` (one quote across sources), ``corrections`` and ``merge NAME INTO_NAME`` (two identities
made one), ``--json`` on each.

The queries are ``core.store.people``, ``core.store.figure_groups``, ``core.store.echoes`` and
``core.store.merges``, which the app's pages use too; here they are printed, every value from an
article made inert (``terminal``).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NewsreadError
from ..figure_words import figure_words
from .common import COUNT, POSITIVE_COUNT, db_option, emit_json, quote_kind, quote_kind_option
from .library import _json_option, _open
from .terminal import console, inert


@click.command("person")
@click.argument("name", nargs=-1, required=True)
@db_option
@_json_option
@quote_kind_option
@click.option(
    "--speaker-kind",
    type=click.Choice(["person", "organisation"]),
    default=None,
    help="The person or the organisation, when both go by NAME.",
)
@click.option("--text", default=None, metavar="WORDS", help="Only statements with these words (as in search).")
@click.option("--limit", type=COUNT, default=100, show_default=True)
@click.option("--offset", type=COUNT, default=0)
def person_cmd(
    name: tuple[str, ...],
    db: Path | None,
    as_json: bool,
    kind: str,
    speaker_kind: str | None,
    text: str | None,
    limit: int,
    offset: int,
) -> None:
    """A person's (or organisation's) page: every quote and reported statement by them across the
    library, newest first, with date, site, title and the role they had then; above it the roles
    and organisations they had over time and how many articles and statements there are.

    NAME is a full name or any name the library ties to them ("Trump" when he is the only Trump
    with a full name). Anonymous sources and documents are descriptions, not people: no page.
    """
    from ..store.people import PageQuery, find_identity, person_page

    wanted = " ".join(name)
    kinds = (k,) if (k := quote_kind(kind)) else None
    query = PageQuery(kinds=kinds, text=text, limit=limit, offset=offset)
    with _open(db) as lib:
        page = person_page(lib, find_identity(lib, wanted, speaker_kind).id, query)
    if as_json:
        emit_json(page.to_dict())
        return
    out = console()
    out.print(inert(f"{page.name} ({page.kind})", "bold"))
    if page.aliases:
        out.print(inert("also: " + ", ".join(page.aliases), "dim"))
    out.print(inert(f"{page.articles} articles · {page.quotes} quotes · {page.reported} reported"))
    for r in page.roles:
        what = ", ".join(x for x in (r.role, r.organisation) if x)
        when = r.first if r.first == r.last else f"{r.first} – {r.last}"
        out.print(inert(f"  {what}  ({when}, {r.articles} articles)", "italic"))
    if page.matching != page.quotes + page.reported:
        out.print(inert(f"{page.matching} statements match", "dim"))
    for st in page.statements:
        where = " · ".join(str(x) for x in (st.date, st.site, st.title, f"article {st.article_id}") if x)
        said = " · ".join(x for x in (st.role, st.organisation, st.kind, "corrected" if st.corrected else None) if x)
        out.print()
        out.print(inert(where, "dim"), inert(f" — {said}", "italic"))
        out.print(inert("  " + (st.statement or st.text)))


@click.command("figures")
@click.option("--object", "object_words", required=True, metavar="TEXT", help="What the figures count ('aid trucks').")
@db_option
@_json_option
@click.option("--limit", type=POSITIVE_COUNT, default=200, show_default=True, help="Figures read at most.")
def figures_cmd(object_words: str, db: Path | None, as_json: bool, limit: int) -> None:
    """One figure across articles: the figures counting TEXT (any case, singular or plural, with or
    without "the"), one group per kind, unit and rate, each listing the values side by side with
    date, site and sentence, newest first. TEXT may end in its rate ("aid trucks per day", "aid
    trucks a day"): then only that rate's group."""
    from ..figure_keys import object_key
    from ..store.figure_groups import groups_of_object

    if not object_key(object_words):
        raise NewsreadError("give what the figures count, e.g. --object 'aid trucks'")
    with _open(db) as lib:
        groups = groups_of_object(lib, object_words, limit=limit)
    if as_json:
        emit_json([g.to_dict() for g in groups])
        return
    out = console()
    if not groups:
        out.print(inert(f"no figures count “{object_words}” in the library"))
        return
    for g in groups:
        more = "" if g.complete else f" (the newest {limit} figures read)"
        heading = f"{g.key.words()} · {g.key.kind} · {len(g.sightings)} figures in {g.articles} articles{more}"
        out.print(inert(heading, "bold"))
        for f in g.sightings:
            where = " · ".join(str(x) for x in (f.date, f.site, f.title, f"article {f.article_id}") if x)
            out.print(inert(figure_words(f.figure).reading(), "bold"), inert(f"  {where}", "dim"))
            out.print(inert("  " + f.sentence))
        out.print()


@click.command("echoes")
@click.argument("quote_id", type=POSITIVE_COUNT, required=False)
@click.option(
    "--article", "article_id", type=POSITIVE_COUNT, default=None, help="Every quote of this article found elsewhere."
)
@db_option
@_json_option
@click.option("--limit", type=POSITIVE_COUNT, default=100, show_default=True, help="Sources listed at most.")
def echoes_cmd(quote_id: int | None, article_id: int | None, db: Path | None, as_json: bool, limit: int) -> None:
    """One quote across sources: where the quote QUOTE_ID (the "id" of `newsread quotes --json`)
    appears, earliest publication first (the first reported it), with date, site, title and URL.
    With --article ID instead: the article's quotes that other articles hold too, and how many.

    Quotes are the same when their words are (any quote marks, case or punctuation, a few words
    trimmed at either end); quotes of fewer than 8 words and reported speech are not matched."""
    if (quote_id is None) == (article_id is None):
        raise NewsreadError("give a QUOTE_ID or --article ID (one of them)")
    if article_id is not None:
        _article_echoes(db, article_id, as_json)
    elif quote_id is not None:
        _quote_echoes(db, quote_id, as_json, limit)


def _quote_echoes(db: Path | None, quote_id: int, as_json: bool, limit: int) -> None:
    """``echoes QUOTE_ID``: the quote's sources, earliest first, ``limit`` at most."""
    from ..store.echoes import echoes_of

    with _open(db) as lib:
        echoes = echoes_of(lib, quote_id, limit=limit)
    if echoes is None:
        raise NewsreadError(f"no quote {quote_id} in the library")
    if as_json:
        emit_json(echoes.to_dict())
        return
    out = console()
    if not echoes.matched:
        out.print(inert(f"quote {quote_id} is too short (or reported speech) to be matched across articles", "dim"))
    elif echoes.articles == 1:
        out.print(inert(f"quote {quote_id} appears in no other article", "dim"))
    for i, s in enumerate(echoes.sources):
        where = " · ".join(str(x) for x in (s.date, s.site, s.title, f"article {s.article_id}") if x)
        label = "first reported by " if i == 0 and echoes.articles > 1 else ""
        out.print(inert(label + where, "bold" if i == 0 else ""), inert(f"  (quote {s.quote_id})", "dim"))
        out.print(inert("  " + s.text))
    if not echoes.complete:
        out.print(inert(f"the earliest {len(echoes.sources)} of {echoes.quotes} listed (--limit)", "dim"))


def _article_echoes(db: Path | None, article_id: int, as_json: bool) -> None:
    """``echoes --article ID``: the article's quotes found in other articles, and in how many."""
    from ..store.echoes import echo_counts

    with _open(db) as lib:
        if lib.article(article_id) is None:
            raise NewsreadError(f"no article {article_id} in the library")
        counts = echo_counts(lib, article_id)
        found = [(q, counts[q.start]) for q in lib.quotes(article_id=article_id) if q.start in counts]
    if as_json:
        emit_json([{"quote_id": q.id, "start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                    "other_articles": n} for q, n in found])  # fmt: skip
        return
    out = console()
    if not found:
        out.print(inert(f"no quote of article {article_id} appears in another article"))
    for q, n in found:
        out.print(inert(f"quote {q.id}: in {n} other article{'s' if n != 1 else ''}", "bold"))
        out.print(inert("  " + q.text))


@click.command("corrections")
@db_option
@_json_option
@click.option("--jsonl", "as_jsonl", is_flag=True, help="The corrections export: one JSON object a line.")
@click.option("--orphaned", is_flag=True, help="Only the corrections that no longer find their quote.")
def corrections_cmd(db: Path | None, as_json: bool, as_jsonl: bool, orphaned: bool) -> None:
    """The corrections made in the reader (a quote's speaker reassigned, c in Quotes; a span marked
    as not a quote, d in Quotes; a missed quote added from a selection, Q in the article; a
    speaker's role and organisation edited, e in Quotes; two identities merged, newsread merge or
    M on a person's page), oldest first, each placed in its article as it is now: one whose words
    or quote are gone, or whose article was deleted, is orphaned (kept, listed, never dropped), as
    is a merge whose names the library no longer has. --jsonl is the corrections export: each line
    the article's URL, the span's selectors (TextQuoteSelector, TextPositionSelector) and the
    corrected fields (a merge: kind "merge", its names), usable later as gold to measure the
    analysis."""
    from ..corrections import Correction, corrections
    from ..store.merges import Merge, merges

    with _open(db) as lib:
        listed: list[Correction | Merge] = [*corrections(lib), *merges(lib)]
    listed.sort(key=lambda c: c.created)
    found = [c for c in listed if c.orphaned or not orphaned]
    if as_jsonl:
        for c in found:
            emit_json(c.to_dict(), line=True)
        return
    if as_json:
        emit_json([c.to_dict() for c in found])
        return
    out = console()
    if not found:
        out.print(inert("no corrections" + (" orphaned" if orphaned else "")))
    for c in found:
        state = "orphaned · " if c.orphaned else ""
        if isinstance(c, Merge):
            out.print(inert(f"{state}merged: {c.name} → {c.into_name} ({c.kind})", "bold"))
            continue
        where = " · ".join(str(x) for x in (c.article_title, c.article_url) if x) or "a deleted article"
        if c.kind == "speaker":
            what = f"speaker: {c.fields.get('was') or 'nobody'} → {c.fields.get('speaker')}"
        elif c.kind == "details":
            now = ", ".join(x for x in (c.fields.get("role"), c.fields.get("organisation")) if x) or "none"
            what = f"{c.fields.get('speaker')}: role and organisation → {now}"
        elif c.kind == "added":
            what = f"added quote: {c.fields.get('speaker')}"
        else:
            what = "not a quote" + (f" (credited to {c.fields['was']})" if c.fields.get("was") else "")
        out.print(inert(state + what, "bold"))
        out.print(inert(f"  {where}", "dim"))
        out.print(inert("  " + c.selector.exact))


@click.command("merge")
@click.argument("names", nargs=-1)
@click.option("--undo", is_flag=True, help="Undo the merge of NAME (it is a person of its own again).")
@click.option("--list", "listing", is_flag=True, help="List the merges (also: no NAME).")
@db_option
@_json_option
def merge_cmd(names: tuple[str, ...], undo: bool, listing: bool, db: Path | None, as_json: bool) -> None:
    """Merge two identities: NAME is INTO_NAME ("Tony Blinken" "Antony Blinken"), one page, one
    --speaker filter, one row of speakers. Each name is any name the library ties to a person or
    organisation (quote names with spaces). The merge is kept apart from the analysis, by name:
    it lasts through add --reanalyse, articles added again and new articles naming either.

    newsread merge --undo NAME takes it back; newsread merge (or --list) lists the merges, which
    newsread corrections lists too."""
    from ..store.merges import merge, merges, unmerge

    if listing or (not names and not undo):
        with _open(db) as lib:
            found = merges(lib)
        if as_json:
            emit_json([m.to_dict() for m in found])
            return
        out = console()
        if not found:
            out.print(inert("no merges"))
        for m in found:
            out.print(inert(("orphaned · " if m.orphaned else "") + f"{m.name} → {m.into_name} ({m.kind})"))
        return
    if undo:
        if len(names) != 1:
            raise NewsreadError("give the one NAME whose merge to undo (quote a name with spaces)")
        with _open(db) as lib:
            undone = unmerge(lib, names[0])
        if as_json:
            emit_json([m.to_dict() for m in undone])
            return
        for m in undone:
            console().print(inert(f"{m.name} is apart from {m.into_name} again"))
        return
    if len(names) != 2:
        raise NewsreadError("give NAME and INTO_NAME (quote names with spaces)")
    with _open(db) as lib:
        done = merge(lib, names[0], names[1])
    if as_json:
        emit_json(done.to_dict())
        return
    console().print(inert(f"{done.name} merged into {done.into_name} (undo: newsread merge --undo “{done.name}”)"))


COMMANDS = [person_cmd, figures_cmd, echoes_cmd, corrections_cmd, merge_cmd]
