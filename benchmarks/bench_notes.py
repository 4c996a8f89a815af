"""How well and how fast notes re-anchor when an article's text changes.

For every article of a corpus folder (default: ../shared/corpus/plain) it picks random passages and
edits the text in four ways, then calls ``anchor`` and checks the answer:

* ``insert``  — a paragraph inserted at the top: the passage must be found, shifted;
* ``typo``    — one character of the passage changed: the passage must be found (overlapping ≥ 80 %);
* ``elsewhere`` — another paragraph deleted: the passage must be found;
* ``deleted`` — the passage itself deleted: it must NOT be found (an orphan), unless it occurs again.

Then it times a whole re-anchoring through ``Library.add_analysis`` (50 notes, all moved).

    .venv/bin/python benchmarks/bench_notes.py [--corpus DIR] [--per-article 5] [--seed 1] [--long]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from newsread.core.model import Analysis
from newsread.core.notes import Notes
from newsread.core.notes.anchoring import anchor
from newsread.core.notes.selectors import quote_at
from newsread.core.store.library import Library

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "plain"
LEDE = "Editor's note: this article was updated with new information after publication.\n\n"


def _passage(rng: random.Random, text: str, long: bool = False) -> tuple[int, int] | None:
    """A random run of 3–25 words within a paragraph, or (``long``) of 60–150 words across paragraphs."""
    words = [i for i in range(1, len(text)) if text[i - 1].isspace() and not text[i].isspace()]
    low, high = (60, 150) if long else (3, 25)
    if len(words) < high + 15:
        return None
    for _ in range(20):
        i = rng.randrange(len(words) - high - 5)
        start = words[i]
        end = words[i + rng.randint(low, high)] - 1
        if (long or "\n" not in text[start:end]) and text[start:end].strip():
            return start, end
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(a[1] - a[0], b[1] - b[0])


def run(corpus: Path, per_article: int, seed: int, long: bool = False) -> None:
    rng = random.Random(seed)
    files = sorted(corpus.glob("*.txt"))
    outcome: Counter[tuple[str, str]] = Counter()
    timings: dict[str, list[float]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        paragraphs: list[tuple[int, int]] = []  # (start, end) of each paragraph
        offset = 0
        for line in text.split("\n"):
            if len(line.strip()) > 40:
                paragraphs.append((offset, offset + len(line)))
            offset += len(line) + 1
        for _ in range(per_article):
            picked = _passage(rng, text, long)
            if picked is None:
                continue
            start, end = picked
            quote = quote_at(text, start, end)
            exact = quote.exact
            cases: dict[str, tuple[str, tuple[int, int] | None]] = {
                "insert": (LEDE + text, (start + len(LEDE), end + len(LEDE)))
            }
            k = rng.randrange(len(exact))
            ch = "x" if exact[k] != "x" else "y"
            cases["typo"] = (text[:start] + exact[:k] + ch + exact[k + 1 :] + text[end:], (start, end))
            other = [(i, j) for i, j in paragraphs if j < start or i > end]  # paragraphs apart from the passage
            if other:
                i, j = rng.choice(other)
                expected = (start, end) if i > end else (start - (j - i), end - (j - i))
                cases["elsewhere"] = (text[:i] + text[j:], expected)
            deleted = text[:start] + text[end:]
            cases["deleted"] = (deleted, None)
            for name, (new_text, expected) in cases.items():
                t0 = time.perf_counter()
                found = anchor(new_text, quote, start)
                timings.setdefault(name, []).append(time.perf_counter() - t0)
                if expected is None:
                    if found is None:
                        outcome[name, "orphaned (right)"] += 1
                    elif exact in deleted:
                        outcome[name, "found another copy (right)"] += 1
                    else:
                        outcome[name, f"anchored ({found.method}) WRONG"] += 1
                elif found is None:
                    outcome[name, "orphaned WRONG"] += 1
                elif _overlap((found.start, found.end), expected) >= 0.8:
                    outcome[name, f"found ({found.method})"] += 1
                else:
                    outcome[name, f"elsewhere ({found.method}) WRONG"] += 1
    kind = "long passages (60-150 words)" if long else "passages (3-25 words)"
    print(f"corpus: {corpus} ({len(files)} articles, {per_article} {kind} each, seed {seed})")
    for (name, result), n in sorted(outcome.items()):
        print(f"  {name:10} {result:32} {n:5}")
    for name, ts in timings.items():
        ts.sort()
        mean, p95, worst = statistics.mean(ts) * 1e3, ts[int(len(ts) * 0.95)] * 1e3, ts[-1] * 1e3
        print(f"  anchor() {name:10} mean {mean:6.2f} ms  p95 {p95:6.2f} ms  max {worst:6.2f} ms")
    _bench_store(files, rng)


def _bench_store(files: list[Path], rng: random.Random) -> None:
    text = max((p.read_text(encoding="utf-8") for p in files), key=len)
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib.db") as lib:
        article_id = lib.add_analysis(Analysis(text=text, title="bench"), url="https://example.org/a").article_id
        notes = Notes(lib)
        t0 = time.perf_counter()
        for _ in range(50):
            picked = _passage(rng, text)
            if picked:
                notes.add(article_id, *picked, body="bench")
        add_ms = (time.perf_counter() - t0) * 1e3 / 50
        edited = LEDE + text.replace("e", "é", 3)
        t0 = time.perf_counter()
        lib.add_analysis(Analysis(text=edited, title="bench"), url="https://example.org/a")
        reanchor_ms = (time.perf_counter() - t0) * 1e3
        orphans = len(notes.orphans())
    print(
        f"  store: {len(text)} chars, 50 notes: add {add_ms:.2f} ms/note (each its own committed transaction); "
        f"text replaced and all notes re-anchored in {reanchor_ms:.1f} ms ({orphans} orphaned)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--per-article", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long", action="store_true", help="passages of 60-150 words")
    args = parser.parse_args()
    run(args.corpus, args.per_article, args.seed, args.long)


if __name__ == "__main__":
    main()
