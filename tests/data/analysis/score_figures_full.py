#!/usr/bin/env python3
"""Score an analysis' figures against a gold file's complete figure list (``figures_full``).

    newsread analyze ARTICLE --json > out.json
    python3 score_figures_full.py GOLD.json out.json [GOLD.json out.json ...]

Recall: a gold figure is found when a predicted figure has its value (or, for a range, its low or
high value) and its unit, counted object or text holds the gold object (currency codes count as
their names), as the shared ``score.py`` counts figures. Precision: a predicted figure is right when
it lies on a gold figure's words (the span overlaps them), has its value and its kind, and names its
object as recall does (a gold figure without an object wants none or any); a figure on the words of a
gold ``not_figures`` entry, or on no gold figure at all, is wrong. Gold figures marked ``doubtful``
count neither way. Several pairs are pooled; one line per measure is printed.
"""

from __future__ import annotations

import json
import sys

# a currency written as its code or symbol counts as its name ("USD" or "$" for gold "dollars")
CURRENCIES = {
    "usd": ("dollar", "dollars"),
    "$": ("dollar", "dollars"),
    "gbp": ("pound", "pounds"),
    "£": ("pound", "pounds"),
    "eur": ("euro", "euros"),
    "€": ("euro", "euros"),
    "inr": ("rupee", "rupees"),
}


def _values(gold: dict) -> set[float]:
    return {float(v) for v in (gold.get("value"), gold.get("low"), gold.get("high")) if v is not None}


def _label(pred: dict) -> str:
    return " ".join(str(pred.get(k) or "") for k in ("unit", "object", "text")).lower()


def _names_object(gold: dict, pred: dict) -> bool:
    want = (gold.get("object") or "").lower()
    if not want:
        return True
    label = _label(pred)
    return want in label or any(want in names and code in label for code, names in CURRENCIES.items())


def _same_value(gold: dict, pred: dict) -> bool:
    try:
        value = float(pred.get("value"))
    except (TypeError, ValueError):
        return gold.get("value") is None and gold.get("kind") == "date" and pred.get("date") == gold.get("date")
    return any(abs(value - v) < 1e-6 for v in _values(gold))


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle)
    while at >= 0 and needle:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def score(gold: dict, analysis: dict) -> dict[str, int]:
    text = analysis["text"]
    figures = [f for f in gold.get("figures_full", []) if not f.get("doubtful")]
    doubtful = [f for f in gold.get("figures_full", []) if f.get("doubtful")]
    preds = analysis.get("figures", [])
    found = sum(1 for g in figures if any(_same_value(g, p) and _names_object(g, p) for p in preds))
    right = wrong = 0
    for p in preds:
        where = (p["start"], p["end"])

        def on(entry: dict, where: tuple[int, int] = where) -> bool:
            return any(s < where[1] and where[0] < e for s, e in _spans(text, entry["text"]))

        if any(on(g) for g in doubtful) and not any(on(g) for g in figures):
            continue
        ok = any(
            on(g) and _same_value(g, p) and p.get("kind") == g.get("kind") and _names_object(g, p) for g in figures
        )
        right += ok
        wrong += not ok
    return {"gold": len(figures), "found": found, "predicted_right": right, "predicted_wrong": wrong}


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    total = {"gold": 0, "found": 0, "predicted_right": 0, "predicted_wrong": 0}
    for gold_path, analysis_path in zip(argv[::2], argv[1::2], strict=True):
        with open(gold_path, encoding="utf-8") as g, open(analysis_path, encoding="utf-8") as a:
            result = score(json.load(g), json.load(a))
        for key, value in result.items():
            total[key] += value
    found, gold = total["found"], total["gold"]
    right, n_pred = total["predicted_right"], total["predicted_right"] + total["predicted_wrong"]
    print(f"figure recall {found / gold if gold else 1.0:.3f} ({found}/{gold})")
    print(f"figure precision {right / n_pred if n_pred else 1.0:.3f} ({right}/{n_pred})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
