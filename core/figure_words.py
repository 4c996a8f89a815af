"""How a figure reads to a person — one rule for the reader's Figures tab and the command line.

"more than 100 protesters", "200–300 trucks per day", "$3 billion reserves", "21-year-old nurse",
"half of school districts", "3rd quarter": the qualifier, the amount as its kind writes it (currency
codes as their marks, large values in words as articles write them, units of time and points in
the plural, a few fractions by name), what it counts and per what. A figure with no amount to write
(a date, a score) reads as its own words. The parts are the article's stored text: whoever shows
them makes them inert for its screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Figure

CURRENCY_MARKS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"} | {m: m for m in "$€£¥₹"}
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
PLURAL_UNITS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades", "century": "centuries", "point": "points",
    "mile": "miles", "foot": "feet", "inch": "inches", "tonne": "tonnes", "ton": "tons", "gallon": "gallons",
    "litre": "litres", "acre": "acres", "hectare": "hectares", "degree": "degrees",
}  # fmt: skip
FRACTION_NAMES = {0.25: "a quarter", 0.5: "half", 0.75: "three quarters", 1 / 3: "a third", 2 / 3: "two thirds"}
RANGE_DASH = "–"


def format_value(value: float | None) -> str:
    """Digits with thousands separators, two decimals at most ("1,250", "3.5"); "?" for none."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) < 1:
        return f"{value:.4g}"  # "0.125", "0.0042"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount_words(value: float) -> str:
    """A value as an article writes it: "3 billion", "5.9 million" when that is exact to two
    decimals, else digits ("1,250", "3.5")."""
    for scale, word in SCALE_WORDS:
        if abs(value) >= scale:
            scaled = value / scale
            if abs(round(scaled, 2) - scaled) < 1e-9 * abs(scaled):
                return f"{format_value(scaled)} {word}"
            break
    return format_value(value)


def range_words(low: float, high: float) -> str:
    """A range with one dash, a shared scale said once: "200–300", "2–3 billion"."""
    lo, hi = amount_words(low), amount_words(high)
    lo_number, _, scale = lo.partition(" ")
    if scale and hi.endswith(" " + scale):
        lo = lo_number
    return f"{lo}{RANGE_DASH}{hi}"


def fraction_name(value: float) -> str | None:
    """ "half", "a third": a common fraction's name for a value near it (0.33 is a third)."""
    return next((name for share, name in FRACTION_NAMES.items() if abs(value - share) < 0.005), None)


def ordinal_words(value: float) -> str:
    whole = int(value)
    suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{suffix}"


def figure_amount(figure: Figure) -> str | None:
    """The figure's amount with its unit, as its kind reads — "$3 billion", "200–300", "5%",
    "21-year-old", "3rd", "2019", "half" — or None for a date or a score, or a figure with no
    value, whose own words say it better."""
    low, high, value, kind = figure.low, figure.high, figure.value, figure.kind
    if kind in ("score", "date"):
        return None
    if low is not None and high is not None:
        if kind == "year":
            return f"{int(low)}{RANGE_DASH}{int(high)}"
        number = range_words(low, high)
    elif value is None and low is None and high is None:
        return None
    elif value is None:
        bound = low if low is not None else high
        assert bound is not None
        number = amount_words(bound)  # a bound alone: "at least 5"
    elif kind == "year":
        return str(int(value))
    elif kind == "ordinal":
        number = ordinal_words(value)
    elif kind == "fraction" and (name := fraction_name(value)) is not None:
        return name
    else:
        number = amount_words(value)
    unit = figure.unit or ""
    if kind == "age":
        return f"{number}-{unit or 'year'}-old"
    if unit in CURRENCY_MARKS:
        return CURRENCY_MARKS[unit] + number
    if unit in ("%", "percent"):
        return f"{number}%"
    if kind == "count":
        unit = ""  # a count says what it counts, not a unit
    elif kind == "duration" and unit and figure.object and figure.object.casefold() not in _unit_words(unit):
        return f"{number}-{unit}"  # "a 2.5-hour meeting", "a six-week cease-fire"
    elif unit and number != "1":
        unit = PLURAL_UNITS.get(unit, unit)
    return f"{number} {unit}".strip()


@dataclass(frozen=True, slots=True)
class FigureWords:
    """A figure's reading in parts, for a screen that styles them: ``qualifier`` ("more than"),
    ``head`` (the amount, or the figure's own words), ``counted`` (" protesters", " of school
    districts"; empty when the head says it), ``per`` and ``date``."""

    qualifier: str | None
    head: str
    counted: str
    per: str | None
    date: str | None

    def reading(self) -> str:
        """All in one line: "more than 100 protesters per day"; a date reads as its day
        ("2024-10-22")."""
        text = f"{self.qualifier} " if self.qualifier else ""
        if self.date:
            return text + self.date
        text += self.head + self.counted
        if self.per:
            text += f" per {self.per}"
        return text


def figure_words(figure: Figure) -> FigureWords:
    """What ``figure`` reads as (see the module's docstring)."""
    amount = figure_amount(figure)
    head = figure.text if amount is None else amount
    qualifier = figure.qualifier if figure.qualifier else None
    if qualifier and amount is None and qualifier.casefold() in head.casefold():
        qualifier = None  # "mid-December" says it already
    counted = ""
    obj = figure.object
    if obj and obj.casefold() not in _unit_words(figure.unit):
        counted = (" of " if figure.kind == "fraction" else " ") + obj  # not "6 weeks weeks"
    return FigureWords(qualifier=qualifier, head=head, counted=counted, per=figure.per, date=figure.date)


def _unit_words(unit: str | None) -> set[str]:
    if not unit:
        return set()
    unit = unit.casefold()
    return {unit, unit + "s", PLURAL_UNITS.get(unit, unit)}
