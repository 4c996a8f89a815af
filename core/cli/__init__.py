"""The ``newsread`` command: the reader when run bare, and the library's command-line tools.

Each family of subcommands lives in its own module; this module only wires them together, so
``newsread analyze`` never imports Textual and ``newsread`` (the reader) never imports spaCy.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from ..errors import NewsreadError
from .common import error_line


class _Commands(click.Group):
    """The ``newsread`` group, its subcommands registered when click first looks one up or lists
    them: the reader (``newsread`` with no command) starts without importing every command's
    module."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        _register()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Library file (default: $NEWSREAD_DB or the user data dir).",
)
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline for analysis.")
@click.version_option(package_name="newsread")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, model: str | None) -> None:
    """A terminal reader for news articles that shows who said what.

    Run with no command to open the reader.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["model"] = model
    if ctx.invoked_subcommand is None:
        from .reader import launch

        launch(db=db, model=model)


def _register() -> None:
    if cli.commands:
        return
    from . import analyze, desk, export, feeds, library, tidy

    for module in (analyze, library, export, feeds, tidy, desk):
        for command in module.COMMANDS:
            cli.add_command(command)


def main() -> None:
    """Entry point: known failures become one line on stderr and a non-zero exit; a reader that
    closed the pipe (``newsread ls | head -1``) ends the run silently."""
    from ..nlp import one_blas_thread_by_default

    one_blas_thread_by_default()  # before any command's imports load NumPy and its BLAS
    try:
        cli.main(prog_name="newsread", standalone_mode=False)
        sys.stdout.flush()  # a full disk under `> FILE` shows here, not as a traceback at exit
    except click.exceptions.Abort:
        error_line("aborted")
        sys.exit(130)
    except click.UsageError as exc:
        error_line(_usage_line(exc))
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except NewsreadError as exc:
        error_line(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        error_line("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        _drop_stdout()
        sys.exit(1)
    except OSError as exc:
        if not _is_output_error(exc):
            raise
        _drop_stdout()
        error_line(f"cannot write the output: {exc.strerror}")
        sys.exit(1)


def _usage_line(exc: click.UsageError) -> str:
    """A usage error (a bad option, an id out of range) as one line naming where help is."""
    command = exc.ctx.command_path if exc.ctx is not None else "newsread"
    return f"{exc.format_message().rstrip('.')} (see `{command} --help`)"


# errno values of a write that cannot go on for want of room (a full disk, a quota, a size limit).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _is_output_error(exc: OSError) -> bool:
    """Whether ``exc`` is stdout failing for want of room: a stream's write error carries no file
    name, unlike the failures of opening or creating a named file, which are not ours to word."""
    return exc.errno in _OUTPUT_ERRNOS and exc.filename is None


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush of what is still buffered neither
    fails again nor prints a second error (the Python docs' recipe for SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    main()
