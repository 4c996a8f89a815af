"""Local files, folders and stdin: bytes read under a size cap, gzip opened, folders walked."""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..textio import MAX_BYTES

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


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def too_large(origin: str, size: int | None = None, limit: int = MAX_BYTES) -> InputError:
    size_part = f"{_mb(size)}; " if size is not None else ""
    return InputError(f"{origin}: too large for an article ({size_part}the limit is {_mb(limit)})")


def _gunzip(data: bytes, origin: str, limit: int) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, limit + 1)
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise InputError(f"{origin}: damaged gzip file ({exc})") from None
    if len(out) > limit:
        raise too_large(origin, limit=limit)
    return out


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes (gunzipped when compressed), refusing files past ``limit`` before reading them."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(origin, size, limit)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    return _gunzip(data, origin, limit)


def read_head(path: Path, n: int = 8192, *, limit: int = MAX_BYTES) -> bytes:
    """The first bytes of a file, enough to sniff its kind, with the size cap checked first."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(origin, size, limit)
        with path.open("rb") as fh:
            head = fh.read(n)
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    if head[:2] == b"\x1f\x8b":
        return read_bytes(path, limit=limit)[:n]
    return head


def read_stdin(*, limit: int = MAX_BYTES) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large("<stdin>", limit=limit)
    return _gunzip(data, "<stdin>", limit)


def walk(folder: Path) -> Iterator[Path]:
    """Article files under ``folder``, recursively, in a stable order; hidden files and folders skipped."""
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except PermissionError:
        raise InputError(f"{folder}: permission denied") from None
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from walk(child)
        elif child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
            yield child
