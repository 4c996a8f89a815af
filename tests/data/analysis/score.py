#!/usr/bin/env python3
"""Copied unchanged from the project's shared evaluation kit (../shared/eval/score.py),
so the tests do not need the shared folder. Used by tests/test_analysis_gold.py.

Score newsread's analysis of one article against a gold file.

    newsread analyze ARTICLE --json > out.json
    python3 score.py GOLD.json out.json [--min-f1 0.9] [--min-speaker 0.9] [--min-figures 0.8]

A gold quote is found when some predicted quote covers 60% of its words
(the two texts are compared after quote marks, punctuation and case are
dropped, so offsets into a cleaned text do not matter).  A predicted quote that
matches no gold quote is a false positive.  The speaker of a found quote is
right when it names the gold speaker in full ("strict") or carries the gold
speaker's surname ("lenient").  A gold figure is found when a predicted figure
has the same value and its unit or counted object contains the gold object.

Prints one line per measure and exits 1 when a --min threshold is missed.
"""
import argparse
import json
import re
import sys

WORD = re.compile(r"[\w’']+", re.UNICODE)


def words(text):
    return [w.lower().replace("’", "'") for w in WORD.findall(text or "")]


def coverage(gold, pred):
    """Share of the gold quote's words that the predicted quote contains, in order-insensitive bags."""
    g, p = words(gold), words(pred)
    if not g:
        return 0.0
    bag = {}
    for w in p:
        bag[w] = bag.get(w, 0) + 1
    hit = 0
    for w in g:
        if bag.get(w, 0) > 0:
            bag[w] -= 1
            hit += 1
    # a predicted quote much longer than the gold one is a different quote
    if len(p) > 3 * len(g) + 5:
        return 0.0
    return hit / len(g)


def norm_name(name):
    return " ".join(words(name))


def speaker_match(gold, pred):
    """(strict, lenient) for one found quote.

    Named gold speakers: strict is the full name, lenient the surname. Gold "unattributed" wants no
    speaker. Unnamed sources are written "unnamed <role>" ("unnamed spokesperson") and groups or
    documents in lower case ("federal prosecutors", "court records"): both are right when the predicted
    speaker carries those words, so the article's own description ("a Sheffield University
    spokesperson") counts.
    """
    g, p = norm_name(gold or ""), norm_name(pred or "")
    if g in ("", "unattributed"):
        ok = p in ("", "unattributed")
        return ok, ok
    if g.startswith("unnamed ") or (gold == gold.lower()):
        want = g.split()[1:] if g.startswith("unnamed ") else g.split()
        ok = bool(p) and all(w in p.split() for w in want)
        return ok, ok
    return p == g, g.split()[-1] in p.split()


def score_quotes(all_gold, pred_quotes):
    """Doubtful gold quotes (marked "doubtful": true) count neither way."""
    gold_quotes = [g for g in all_gold if not g.get("doubtful")]
    doubtful = [g for g in all_gold if g.get("doubtful")]
    used_pred = set()
    found = strict = lenient = 0
    misses = []
    for gq in gold_quotes:
        best, best_i = 0.0, None
        for i, pq in enumerate(pred_quotes):
            c = coverage(gq["text"], pq.get("text", ""))
            if c > best:
                best, best_i = c, i
        if best >= 0.6 and best_i is not None:
            found += 1
            used_pred.add(best_i)
            speaker = norm_name(pred_quotes[best_i].get("speaker") or "")
            gold_speaker = norm_name(gq["speaker"])
            is_strict, is_lenient = speaker_match(gq["speaker"], pred_quotes[best_i].get("speaker"))
            strict += is_strict
            if is_lenient:
                lenient += 1
            elif speaker != gold_speaker:
                misses.append(f"wrong speaker {pred_quotes[best_i].get('speaker')!r} for {gq['speaker']!r}: {gq['text'][:50]}")
        else:
            misses.append(f"missed ({gq['speaker']}): {gq['text'][:60]}")
    # predicted quotes that overlap a found gold quote only partly (split quotes) are not false positives
    fp = 0
    for i, pq in enumerate(pred_quotes):
        if i in used_pred:
            continue
        if any(coverage(pq.get("text", ""), gq["text"]) >= 0.6 for gq in all_gold):
            continue
        if any(coverage(gq["text"], pq.get("text", "")) >= 0.6 for gq in doubtful):
            continue
        fp += 1
        misses.append(f"false quote: {pq.get('text', '')[:60]}")
    n = len(gold_quotes)
    precision = found / (found + fp) if found + fp else 0.0
    recall = found / n if n else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "quotes_gold": n, "quotes_found": found, "false_quotes": fp,
        "precision": precision, "recall": recall, "f1": f1,
        "speaker_strict": strict / n if n else 1.0,
        "speaker_lenient": lenient / n if n else 1.0,
    }, misses


# a currency written as its code or symbol counts as its name ("USD" or "$" for gold "dollars")
CURRENCIES = {"usd": ("dollar", "dollars"), "$": ("dollar", "dollars"), "gbp": ("pound", "pounds"),
              "£": ("pound", "pounds"), "eur": ("euro", "euros"), "€": ("euro", "euros")}


def score_figures(gold_figures, pred_figures):
    found = 0
    misses = []
    for gf in gold_figures:
        ok = False
        for pf in pred_figures:
            try:
                value = float(pf.get("value"))
            except (TypeError, ValueError):
                continue
            if abs(value - float(gf["value"])) > 1e-6:
                continue
            label = " ".join(str(pf.get(k) or "") for k in ("unit", "object", "text")).lower()
            want = gf["object"].lower()
            if want in label or any(want in names and code in label for code, names in CURRENCIES.items()):
                ok = True
                break
        if ok:
            found += 1
        else:
            misses.append(f"figure not found: {gf['value']} {gf['object']}")
    n = len(gold_figures)
    return {"figures_gold": n, "figures_found": found, "figure_recall": found / n if n else 1.0}, misses


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("predicted")
    ap.add_argument("--min-f1", type=float, default=None)
    ap.add_argument("--min-speaker", type=float, default=None, help="minimum strict speaker accuracy")
    ap.add_argument("--min-figures", type=float, default=None)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    gold = json.load(open(args.gold, encoding="utf-8"))
    try:
        pred = json.load(open(args.predicted, encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"unreadable analysis: {exc}")
        return 1
    q, q_misses = score_quotes(gold.get("quotes", []), pred.get("quotes", []))
    f, f_misses = score_figures(gold.get("figures", []), pred.get("figures", []))
    result = {**q, **f}
    if not args.quiet:
        for line in q_misses + f_misses:
            print("  " + line)
    failed = []
    if args.min_f1 is not None and q["f1"] < args.min_f1:
        failed.append("f1")
    if args.min_speaker is not None and q["speaker_strict"] < args.min_speaker:
        failed.append("speaker")
    if args.min_figures is not None and gold.get("figures") and f["figure_recall"] < args.min_figures:
        failed.append("figures")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
