"""Figures of a Markdown table a page's market box became (Fox Business, tests/data/analysis): each
number is of its row's name, a percentage or money by its column; the rules are plain and need no
model, the analysis is run once with the real one."""

from __future__ import annotations

from newsread.core.analysis import analyze
from newsread.core.analysis.figure_tables import table_figures, table_rows

BOX = (
    "Home Depot reported third-quarter earnings of $2.8 billion.\n\n"
    "| Ticker | Security | Last | Change | Change % | \n\n"
    "|---|---|---|---|---|\n\n"
    "| HD | THE HOME DEPOT INC. | 225.86 | -12.99 | -5.44% | \n\n"
    "| LOW | LOWE'S COMPANIES INC. | 113.40 | -1.62 | -1.41% | \n\n"
    "The home-improvement retailer earned $2.8 billion."
)


def test_each_number_of_a_row_is_of_the_row_s_name_by_its_column() -> None:
    got = [(f.text, f.value, f.unit, f.object, f.kind) for f in table_figures(BOX)]
    assert got == [
        ("225.86", 225.86, "USD", "THE HOME DEPOT INC.", "money"),
        ("-12.99", -12.99, "USD", "THE HOME DEPOT INC.", "money"),
        ("-5.44%", -5.44, "percent", "THE HOME DEPOT INC.", "percent"),
        ("113.40", 113.4, "USD", "LOWE'S COMPANIES INC.", "money"),
        ("-1.62", -1.62, "USD", "LOWE'S COMPANIES INC.", "money"),
        ("-1.41%", -1.41, "percent", "LOWE'S COMPANIES INC.", "percent"),
    ]
    for f in table_figures(BOX):
        assert BOX[f.start : f.end] == f.text


def test_rows_without_a_header_and_separator_are_no_table() -> None:
    text = "| Amnesty. More than 100 protesters killed in Iran unrest |\n\n| 2019 | 15 |"
    assert table_rows(text) == [] and table_figures(text) == []
    # a price column with no currency in the article is not guessed
    assert [f.kind for f in table_figures(BOX.replace("$", ""))] == ["percent", "percent"]


def test_the_analysis_reads_a_table_by_its_columns_and_its_sentences_as_before() -> None:
    figures = analyze(BOX, published="2019-11-19").figures
    assert [(f.text, f.kind) for f in figures if f.object == "THE HOME DEPOT INC."] == [
        ("225.86", "money"), ("-12.99", "money"), ("-5.44%", "percent"),
    ]  # fmt: skip
    assert not any(f.text in ("HD", "LOW") or f.kind == "count" for f in figures)
    assert [f.object for f in figures if f.text == "$2.8 billion"] == ["third-quarter earnings", "earnings"]
