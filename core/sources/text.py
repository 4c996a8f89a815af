"""Plain-text and Markdown articles: UTF-8, else a careful guess at a legacy encoding; first line the title."""

from __future__ import annotations

from ..errors import InputError
from ..textio import decode_text, split_title

LEGACY = ["cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_15", "cp1253", "cp1254", "cp1256", "cp1257"]
"""Single-byte encodings old news texts come in, most likely first: when charset-normalizer finds
several equally plausible (it often cannot tell cp1250 from cp1252 on Portuguese), the first wins."""
PREFERRED = ["cp1252", "cp1251"]


def guess_legacy(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=LEGACY))
    if not matches:
        return None
    best = min(m.percent_chaos for m in matches)
    plausible = [m for m in matches if m.percent_chaos <= best + 0.5]
    if best > 20:
        return None
    for name in PREFERRED:
        for m in plausible:
            if name in m.could_be_from_charset:
                return str(data.decode(name))
    return str(plausible[0])


def decode(data: bytes, origin: str, *, charset: str | None = None) -> str:
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data, origin)
    except InputError as exc:
        if "UTF-8" not in str(exc):
            raise
        guessed = guess_legacy(data)
        if guessed is not None:
            return guessed
        return decode_text(data, origin, legacy_encodings=True)


def parse(data: bytes, origin: str, *, charset: str | None = None) -> tuple[str | None, str]:
    """(title, text) of a .txt/.md article; the text keeps its title line, as ``analyze`` does."""
    raw = decode(data, origin, charset=charset)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise InputError(f"{origin}: empty file")
    title, body = split_title(raw)
    return title, body
