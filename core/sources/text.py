"""Plain-text and Markdown articles: UTF-8, else a careful guess at a legacy encoding; first line the title."""

from __future__ import annotations

from ..errors import InputError
from ..textio import check_prose, decode_text, split_title


def decode(data: bytes, origin: str, *, charset: str | None = None) -> str:
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, origin, legacy_encodings=True)


def parse(data: bytes, origin: str, *, charset: str | None = None) -> tuple[str | None, str]:
    """(title, text) of a .txt/.md article; the text keeps its title line, as ``analyze`` does.
    A table or a licence is refused (``InputError``): it is text, but not an article."""
    raw = decode(data, origin, charset=charset)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise InputError(f"{origin}: empty file")
    check_prose(raw, origin)
    title, body = split_title(raw)
    return title, body
