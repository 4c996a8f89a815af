"""How far rules over the parse can go on PolNeAR's reported speech: the precision/recall frontier
of every (cue lemma, relation) pattern, chosen on train and measured on dev.

    .venv/bin/python benchmarks/reported_frontier.py ../polnear

A *pattern* is a word of the parse and one relation to what it could report: a clausal, infinitive
or object complement, a preposition's object ("called for X"), an adverbial or relative clause, the
clause a parenthetical verb stands in, or the clause "according to" is attached to. Each occurrence
of a pattern proposes the span of its complement (a span holding quoted words is left out, as the
scorer's ``--indirect`` gold holds none). On train, each pattern is scored against PolNeAR's
attributions without quoted words (found when half of each span lies in the other, as
``../shared/eval/polnear_score.py --indirect`` counts); the patterns whose train precision reaches a
threshold are kept, and the kept set is scored on dev. Choosing patterns by their precision on the
split they are scored on is an oracle no rule writer has, so the train line is an upper bound of
what such rules reach, and the dev line says how much of it carries over.

The PolNeAR texts are read from the folder given (``get_polnear.sh`` extracts them); nothing of
them is written anywhere. The result goes to stdout as one JSON line per threshold.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "polnear_score.py"
CLAUSE_RELATIONS = ("ccomp", "xcomp", "dobj", "acl", "advcl", "parataxis", "attr", "oprd", "dative")
THRESHOLDS = (0.9, 0.8, 0.7, 0.6, 0.5)
MIN_SUPPORT = 3  # a pattern must find this many train attributions to be chosen


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("polnear_score", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"reported_frontier: no scorer at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def candidates(doc: Any) -> Iterator[tuple[str, list[Any]]]:
    """Every (pattern, tokens of what it would report) of ``doc``."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            phrase = {t.i for t in doc[tok.i + 1].subtree} | {tok.i}
            yield "according|sent", [t for t in tok.sent if t.i not in phrase]
            continue
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        for c in tok.children:
            if c.dep_ in CLAUSE_RELATIONS:
                side = "after" if c.i > tok.i else "before"
                toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.head == c and t.lower_ == "that")]
                yield f"{lemma}|{tok.pos_}:{c.dep_}:{side}", toks
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        yield f"{lemma}|{tok.pos_}:prep_{c.lower_}:{p.dep_}", list(p.subtree)
        if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
            inner = {t.i for t in tok.subtree}
            yield f"{lemma}|{tok.pos_}:parataxis_up", [t for t in tok.head.sent if t.i not in inner]


def _chars(text: str, toks: list[Any]) -> set[int]:
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words:
        return set()
    start = min(t.idx for t in words)
    end = max(t.idx + len(t) for t in words)
    return {i for i in range(start, end) if not text[i].isspace()}


def split_rows(folder: Path, nlp: Any, score: Any) -> tuple[int, list[tuple[str, str, int, int | None]]]:
    """The number of gold attributions of a split and one row per distinct proposed span:
    (article, pattern, span key, index of the gold attribution it finds or None)."""
    texts, anns = [], []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.name.rsplit("_", 1)[0]
        path = folder / "text" / f"{base}.txt"
        if path.exists() and base not in {a[0] for a in anns}:
            texts.append(path.read_text(encoding="utf-8"))
            anns.append((base, str(ann)))
    gold_total = 0
    rows: list[tuple[str, str, int, int | None]] = []
    for (base, ann), doc in zip(anns, nlp.pipe(texts, batch_size=16), strict=True):
        text = doc.text
        gold = score.gold_quotes(text, ann, True)
        gold_total += len(gold)
        quoted = score.inside_quotes(text)
        for pattern, toks in candidates(doc):
            chars = _chars(text, toks)
            if not chars or chars & quoted:
                continue
            hit = next(
                (
                    k
                    for k, g in enumerate(gold)
                    if len(g["q"] & chars) * 2 >= len(g["q"]) and len(g["q"] & chars) * 2 >= len(chars)
                ),
                None,
            )
            rows.append((base, pattern, hash((min(chars), max(chars))), hit))
    return gold_total, rows


def measure(gold: int, rows: list[tuple[str, str, int, int | None]], chosen: set[str]) -> dict[str, float]:
    seen: set[tuple[str, int]] = set()
    used: set[tuple[str, int]] = set()
    for base, pattern, key, hit in rows:
        if pattern not in chosen or (base, key) in seen:
            continue
        seen.add((base, key))
        if hit is not None:
            used.add((base, hit))
    pred, found = len(seen), len(used)
    return {
        "pred": pred,
        "found": found,
        "precision": round(found / pred, 3) if pred else 0.0,
        "recall": round(found / gold, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, help="folder holding train/ and dev/ (get_polnear.sh)")
    args = parser.parse_args()
    from newsread.core.nlp import load

    nlp = load(None)
    score = _scorer()
    train_gold, train_rows = split_rows(args.polnear / "train", nlp, score)
    dev_gold, dev_rows = split_rows(args.polnear / "dev", nlp, score)
    tally: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for _, pattern, _, hit in train_rows:
        tally[pattern][0 if hit is not None else 1] += 1
    for threshold in THRESHOLDS:
        chosen = {p for p, (good, bad) in tally.items() if good >= MIN_SUPPORT and good / (good + bad) >= threshold}
        line = {
            "threshold": threshold,
            "patterns": len(chosen),
            "train": measure(train_gold, train_rows, chosen),
            "dev": measure(dev_gold, dev_rows, chosen),
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
