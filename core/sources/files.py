"""Local files, folders and stdin: bytes read once under a size cap, gzip opened, folders walked."""

from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..textio import MAX_BYTES, read_capped, read_file, too_large

ARTICLE_SUFFIXES = {
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".rss",
    ".rdf",
    ".atom",
    ".json",
    ".gz",
}
"""What a folder contributes: article texts, pages and feeds (``.gz`` for compressed pages)."""


def _gunzip(data: bytes, origin: str, limit: int) -> bytes:
    """``data`` decompressed when it is gzip (every member, at most ``limit`` bytes), else as it is.

    A stream cut short (a partial download, a truncated copy) is refused rather than stored as half
    an article: gzip knows where its stream ends and says so with ``EOFError``.
    """
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(limit + 1)
    except EOFError:
        raise InputError(f"{origin}: truncated gzip file (the compressed stream ends early)") from None
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(f"{origin}: damaged gzip file ({exc})") from None
    if len(out) > limit:
        raise too_large(origin, limit=limit)
    return out


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file, which can be read twice (a sniff, then a load); a pipe,
    FIFO or device cannot, so its bytes are read once and kept (``read_bytes``)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """A file's, pipe's or device's bytes (gunzipped when compressed), read once under ``limit``."""
    return _gunzip(read_file(path, limit=limit), str(path), limit)


def read_head(path: Path, n: int = 8192, *, limit: int = MAX_BYTES) -> bytes:
    """The first bytes of a regular file, enough to sniff its kind, with the size cap checked first.
    Only for files that can be read again afterwards (``is_regular``): a pipe's head would be lost."""
    origin = str(path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise too_large(origin, size, limit)
            head = fh.read(n)
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    if head[:2] == b"\x1f\x8b":
        return read_bytes(path, limit=limit)[:n]
    return head


def read_stdin(*, limit: int = MAX_BYTES) -> bytes:
    """Standard input's bytes (gunzipped when compressed), at most ``limit``."""
    return _gunzip(read_capped(sys.stdin.buffer, "<stdin>", limit=limit), "<stdin>", limit)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A folder or file met during a walk that cannot be listed or examined, with the one-line reason;
    the walk reports it and goes on with the rest."""

    path: Path
    reason: str


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _children(folder: Path) -> list[Path | Unreadable]:
    """A folder's visible entries in reverse name order (a stack pops them in order), or why it
    cannot be listed."""
    try:
        names = os.listdir(folder)
    except OSError as exc:
        return [Unreadable(folder, f"folder not read: {_why(exc)}")]
    return [folder / name for name in sorted(names, reverse=True) if not name.startswith(".")]


def _visit(path: Path, seen: set[tuple[int, int]]) -> Path | Unreadable | None:
    """What a walk does with one entry: a folder or an article file not seen before is returned (and
    now seen); a dangling or looping symlink, an unknown suffix or anything seen before is None."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
            return None
        return Unreadable(path, _why(exc))
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return None
    if stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode) and path.suffix.lower() in ARTICLE_SUFFIXES):
        seen.add(key)
        return path
    return None


def walk(folder: Path) -> Iterator[Path | Unreadable]:
    """Article files under ``folder``, recursively, in a stable order (by name, depth first); hidden
    files and folders skipped.

    Each real folder and file is visited once, by its (device, inode): a symlinked folder is followed
    unless it leads to a folder already walked or to ``folder`` or one of its parents (a loop, or a
    way out of what was named); two links to one file give it once. A folder that cannot be listed
    is yielded as ``Unreadable`` and the walk goes on.
    """
    resolved = folder.resolve()
    seen = {key for p in (resolved, *resolved.parents) if (key := _identity(p)) is not None}
    stack = _children(folder)
    while stack:
        entry = stack.pop()
        found = entry if isinstance(entry, Unreadable) else _visit(entry, seen)
        if isinstance(found, Path) and found.is_dir():
            stack.extend(_children(found))
        elif found is not None:
            yield found
