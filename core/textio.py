"""Reading article text from files and stdin with one clear reason when it cannot be done."""

from __future__ import annotations

import sys
from pathlib import Path

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


def decode_text(data: bytes, origin: str, *, legacy_encodings: bool = False) -> str:
    """Decode article bytes; UTF-8 (with or without BOM) unless ``legacy_encodings`` allows a guess.

    ``legacy_encodings`` is for sources that may be Latin-1 or windows-1251 (old feeds, pages); a
    plain ``analyze`` of a file is strict so a wrong guess never yields mojibake silently.
    """
    if not data.strip():
        raise InputError(f"{origin}: empty file")
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guessed = guess_legacy(data) if legacy_encodings else None
        if guessed is not None:
            return guessed
        raise InputError(f"{origin}: not valid UTF-8 text (byte {exc.start})") from None


def read_source(path: str, *, legacy_encodings: bool = False, max_bytes: int = MAX_BYTES) -> str:
    """Read a text file, or stdin for ``-``, enforcing the size cap before reading everything."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        origin = "<stdin>"
    else:
        p = Path(path)
        origin = path
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{path}: file too large ({size // (1024 * 1024)} MB; the limit is {max_bytes // (1024 * 1024)} MB)"
                )
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder, not a file") from None
    if len(data) > max_bytes:
        raise InputError(f"{origin}: input too large (the limit is {max_bytes // (1024 * 1024)} MB)")
    return decode_text(data, origin, legacy_encodings=legacy_encodings)


def split_title(text: str) -> tuple[str | None, str]:
    """A .txt/.md article's title is its first non-empty line; the rest is kept as the body."""
    stripped = text.lstrip("\ufeff")
    first, _, _rest = stripped.partition("\n")
    title = first.strip().lstrip("#").strip() or None
    return title, stripped
