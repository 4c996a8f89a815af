"""Figures in the rows of a Markdown table a page's market box became ("| HD | THE HOME DEPOT INC. |
225.86 | -12.99 | -5.44% |" under "| Ticker | Security | Last | Change | Change % |").

A table is a header row, a separator row ("|---|---|") and data rows (blank lines between rows are
allowed: that is how extracted pages keep them). Each number in a data row is a figure of the row's
name (the cell under "Security", "Company", "Name", … or else the first cell with words in it): a
percentage when its cell or column says "%", money when its column is a price or a change of one
("Last", "Price", "Change", "Close", …) in a table of stocks (a "Ticker" or "Symbol" column), in the
currency the article writes its money in. Numbers under other headings count nothing this module
can name and are left out; so are the numbers of the table's rows for the sentence rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Figure
from .lexicon import CURRENCY_SYMBOLS

_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_SEPARATOR = re.compile(r"^\s*:?-{3,}:?\s*$")
_NUMBER = re.compile(r"[+\-−]?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?|[+\-−]?\d+(?:\.\d+)?%?")
_CELL = re.compile(r"[^|]+")
NAME_HEADERS = frozenset({"security", "company", "name", "stock", "index", "issue"})
CODE_HEADERS = frozenset({"ticker", "symbol", "code"})
PRICE_HEADERS = frozenset(
    {"last", "price", "change", "chg", "net change", "close", "prev close", "open", "high", "low", "bid", "ask"}
)


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str


def _cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of the row at ``start``..``end``, each trimmed of its spaces."""
    out = []
    for m in _CELL.finditer(text, start, end):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        word = raw.strip()
        out.append(Cell(m.start() + lead, m.start() + lead + len(word), word))
    return out


def _tables(text: str) -> list[list[tuple[int, int]]]:
    """The (start, end) of each row of each table: rows separated by nothing but blank lines."""
    tables: list[list[tuple[int, int]]] = []
    last_end = -1
    for m in _ROW.finditer(text):
        if tables and text[last_end : m.start()].strip() == "":
            tables[-1].append((m.start(), m.end()))
        else:
            tables.append([(m.start(), m.end())])
        last_end = m.end()
    return tables


def _currency(text: str) -> str | None:
    """The currency the article writes its money in: its most frequent currency mark."""
    marks = Counter(c for c in text if c in CURRENCY_SYMBOLS)
    return CURRENCY_SYMBOLS[marks.most_common(1)[0][0]] if marks else None


def table_rows(text: str) -> list[tuple[int, int]]:
    """The spans of the rows of every table this module reads (header, separator, data)."""
    return [row for rows in _tables(text) if _is_table(text, rows) for row in rows]


def _is_table(text: str, rows: list[tuple[int, int]]) -> bool:
    if len(rows) < 3:
        return False
    separator = _cells(text, *rows[1])
    return bool(separator) and all(_SEPARATOR.match(c.text) for c in separator)


def table_figures(text: str) -> list[Figure]:
    """Every figure of every table's data rows (see the module's docstring)."""
    out: list[Figure] = []
    currency = _currency(text)
    for rows in _tables(text):
        if not _is_table(text, rows):
            continue
        header = [c.text.lower() for c in _cells(text, *rows[0])]
        stocks = any(h in CODE_HEADERS for h in header)
        name_col = next((k for k, h in enumerate(header) if h in NAME_HEADERS), None)
        for row in rows[2:]:
            cells = _cells(text, *row)
            if len(cells) != len(header):
                continue
            names = [c for c in cells if any(ch.isalpha() for ch in c.text)]
            name = cells[name_col].text if name_col is not None else (names[0].text if names else None)
            if not name:
                continue
            for heading, cell in zip(header, cells, strict=True):
                if not _NUMBER.fullmatch(cell.text):
                    continue
                value = float(cell.text.rstrip("%").replace(",", "").replace("−", "-"))
                value_out = int(value) if value.is_integer() else value
                if cell.text.endswith("%") or "%" in heading:
                    out.append(Figure(cell.start, cell.end, cell.text, value_out, "percent", name, kind="percent"))
                elif stocks and heading in PRICE_HEADERS and currency is not None:
                    out.append(Figure(cell.start, cell.end, cell.text, value_out, currency, name, kind="money"))
    return out
