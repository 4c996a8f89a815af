"""Reading article text from files and stdin with one clear reason when it cannot be done."""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Largest source newsread reads: real articles are well under 1 MB; past this it is not an article."""


LEGACY_ENCODINGS = ["cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_15", "cp1253", "cp1254", "cp1256", "cp1257"]
"""Single-byte encodings old news texts come in, most likely first: when charset-normalizer finds
several equally plausible (it often cannot tell cp1250 from cp1252 on Portuguese), the first wins."""
_PREFERRED = ["cp1252", "cp1251"]


def guess_legacy(data: bytes) -> str | None:
    """Decode bytes in the most plausible legacy single-byte encoding, or None when none is."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=LEGACY_ENCODINGS))
    if not matches:
        return None
    best = min(m.percent_chaos for m in matches)
    if best > 20:
        return None
    plausible = [m for m in matches if m.percent_chaos <= best + 0.5]
    for name in _PREFERRED:
        for m in plausible:
            if name in m.could_be_from_charset:
                return data.decode(name)
    return str(plausible[0])


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` opens with that encoding's byte order mark, else None.

    Such text holds NUL bytes by design, so it must be recognised before any binary check; the codec
    named reads the mark to learn the byte order and drops it.
    """
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    return None


def _decode_wide(data: bytes, encoding: str, origin: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not valid {encoding.upper()} text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"{origin}: empty file")
    if "\x00" in text[:4096]:
        raise InputError(f"{origin}: binary file, not text")
    return text


def decode_text(data: bytes, origin: str, *, legacy_encodings: bool = False) -> str:
    """Decode article bytes: UTF-16/32 with a byte order mark, else UTF-8 (with or without BOM) unless
    ``legacy_encodings`` allows a guess.

    ``legacy_encodings`` is for sources that may be Latin-1 or windows-1251 (old feeds, pages); a
    plain ``analyze`` of a file is strict so a wrong guess never yields mojibake silently.
    """
    if not data.strip():
        raise InputError(f"{origin}: empty file")
    wide = wide_encoding(data)
    if wide is not None:
        return _decode_wide(data, wide, origin)
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guessed = guess_legacy(data) if legacy_encodings else None
        if guessed is not None:
            return guessed
        raise InputError(f"{origin}: not valid UTF-8 text (byte {exc.start})") from None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def too_large(origin: str, size: int | None = None, limit: int = MAX_BYTES) -> InputError:
    """The one-line refusal of a source past ``limit``; ``size`` when it is known before reading."""
    size_part = f"{_mb(size)}; " if size is not None else ""
    return InputError(f"{origin}: too large for an article ({size_part}the limit is {_mb(limit)})")


def read_capped(stream: BinaryIO, origin: str, *, limit: int = MAX_BYTES) -> bytes:
    """Everything ``stream`` holds, up to ``limit`` bytes; one byte more is refused without reading on,
    so an endless source (``yes`` in a pipe, ``/dev/urandom``) costs one bounded read, not all memory."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(origin, limit=limit)
    return data


def read_file(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, pipe, FIFO or device, read once and under the size cap.

    A regular file past ``limit`` is refused by its size before anything is read; a pipe or a device
    has no size to ask, so at most ``limit`` + 1 bytes are read (``read_capped``). Reading once is
    what lets ``<(cat article.txt)`` work: a pipe's bytes cannot be read a second time.
    """
    origin = str(path)
    try:
        with path.open("rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise too_large(origin, info.st_size, limit)
            return read_capped(fh, origin, limit=limit)
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None


def read_source(path: str, *, legacy_encodings: bool = False, max_bytes: int = MAX_BYTES) -> str:
    """A text file, pipe or device, or stdin for ``-``, read once under the size cap and decoded."""
    if path == "-":
        data, origin = read_capped(sys.stdin.buffer, "<stdin>", limit=max_bytes), "<stdin>"
    else:
        data, origin = read_file(Path(path), limit=max_bytes), path
    return decode_text(data, origin, legacy_encodings=legacy_encodings)


TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
"""A first line longer than this is a paragraph (a lede), not a headline."""
QUESTION_TITLE_MAX_WORDS = 15
"""A headline may ask or exclaim, briefly; a longer line ending in ? or ! is a lede."""

_CLOSERS = "\"'”’»)]*_ "
_SENTENCE_BREAK = re.compile(r"[a-z]{2,}[.!?][’”\"]?\s+[A-Z“\"‘]")


def looks_like_title(line: str) -> bool:
    """Whether a first line reads as a headline: short, one phrase, and not ending as a sentence
    or an introduction does (a full stop or a colon; "Nov. 19" and "U.S. Recovers" are no sentence
    breaks). A lede fails on one of these and stays in the body."""
    line = line.strip()
    words = len(line.split())
    if not line or len(line) > TITLE_MAX_CHARS or words > TITLE_MAX_WORDS:
        return False
    end = line.rstrip(_CLOSERS)
    if end.endswith((".", ":")) and not end.endswith(".."):
        return False
    if end.endswith(("?", "!")) and words > QUESTION_TITLE_MAX_WORDS:
        return False
    return _SENTENCE_BREAK.search(line) is None


def split_title(text: str) -> tuple[str | None, str]:
    """A .txt/.md article's title and its text; the text always keeps every line (offsets are into it).

    The first non-empty line is the title only when it looks like one (``looks_like_title``, after a
    Markdown ``#``); a plain text that opens with its lede has no title, so the lede stays part of
    the body the reader shows rather than being taken for the headline.
    """
    stripped = text.lstrip("\ufeff")
    first = next((line for line in stripped.split("\n") if line.strip()), "")
    heading = first.lstrip().startswith("#")
    candidate = first.strip().lstrip("#").strip()
    title = candidate if candidate and (heading or looks_like_title(candidate)) else None
    return title, stripped


_TABLE_DELIMITERS = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}
_LICENCE = re.compile(
    r"Permission is hereby granted, free of charge|Redistribution and use in source and binary forms"
    r"|Licensed under the Apache License|GNU (?:LESSER |AFFERO )?GENERAL PUBLIC LICEN[CS]E"
    r"|Mozilla Public License|This is free and unencumbered software|^\W*(?:The )?(?:MIT|ISC|BSD[\w -]*) Licen[cs]e",
    re.IGNORECASE | re.MULTILINE,
)


def _is_prose_line(line: str) -> bool:
    return _SENTENCE_BREAK.search(line) is not None or line.rstrip().endswith((".", "?", "!"))


def non_prose_reason(text: str) -> str | None:
    """Why ``text`` is not an article, or None when it reads as prose.

    Only what is plainly not an article is refused: a table (most lines cut into the same number of
    cells by tabs, commas, semicolons or bars — a TSV manifest, a CSV) and a software licence.
    """
    head = text[:4000]
    if _LICENCE.search(head):
        return "a software licence, not an article"
    lines = [line for line in text.splitlines() if line.strip()][:200]
    if len(lines) >= 2:
        for delim in _TABLE_DELIMITERS:
            counts = [line.count(delim) for line in lines]
            common = max(set(counts), key=counts.count)
            if delim != "\t" and (common < 2 or len(lines) < 3 or sum(map(_is_prose_line, lines)) > len(lines) / 5):
                continue  # prose has commas too: only lines of several cells, not sentences, make a table
            if common and counts.count(common) >= 0.8 * len(lines):
                return f"a {_TABLE_DELIMITERS[delim]}-separated table, not an article"
    return None


def check_prose(text: str, origin: str) -> None:
    """Raise ``InputError`` (one line) when ``text`` is plainly not an article (``non_prose_reason``)."""
    reason = non_prose_reason(text)
    if reason is not None:
        raise InputError(f"{origin}: {reason}")
