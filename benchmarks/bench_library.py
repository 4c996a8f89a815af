"""Query latency of a large library: search, quotes by speaker, quotes by organisation, one ls page.

The ~100 texts of corpus/plain are analysed once by the real model; then ``--articles N`` rows
(default 100,000) are written directly with ``executemany``, 1000 articles per transaction, each a
copy of a real analysis with its own id, a unique sentence appended (so hashes and FTS rows differ)
and a spread of dates. The queries are ``Library``'s own methods, as the CLI and reader call them.

    .venv/bin/python benchmarks/bench_library.py [--articles 100000] [--db /tmp/bench-library.db]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

PLAIN = Path("/work/shared/corpus/plain")


def build(path: Path, n: int) -> dict:
    from newsread.core.analysis import ArticleInput, analyze_many
    from newsread.core.store.library import Library, content_hash, now_iso
    from newsread.core.textio import split_title

    texts = sorted(PLAIN.glob("*.txt"))
    inputs = []
    for p in texts:
        raw = p.read_text(encoding="utf-8")
        title, body = split_title(raw)
        inputs.append(ArticleInput(body, title=title, path=str(p)))
    t0 = time.perf_counter()
    analyses = list(analyze_many(inputs, batch_size=16))
    analyse_s = time.perf_counter() - t0

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    lib = Library.open(path)
    conn = lib.conn
    rng = random.Random(7)
    t0 = time.perf_counter()
    base = date(2015, 1, 1)
    next_speaker = 1
    for start in range(0, n, 1000):
        arts, ents, spk, aliases, quotes, figs = [], [], [], [], [], []
        for i in range(start, min(n, start + 1000)):
            aid = i + 1
            a = analyses[i % len(analyses)]
            text = f"{a.text}\n\nArchive copy {aid}."
            published = (base + timedelta(days=rng.randrange(3650))).isoformat()
            arts.append(
                (
                    aid,
                    f"https://example.test/{aid}",
                    f"/bench/{aid}.txt",
                    "example.test",
                    a.title,
                    None,
                    published,
                    text,
                    content_hash(text),
                    a.model,
                    now_iso(),
                    len(a.quotes),
                )
            )
            ents += [(aid, e.start, e.end, e.label, e.text, e.canonical) for e in a.entities]
            org_of = {}
            for s in a.speakers:
                sid = next_speaker
                next_speaker += 1
                org_of[s.name] = s.organisation
                spk.append((sid, aid, s.name, json.dumps(s.aliases), s.role, s.organisation, s.quotes))
                aliases += [(sid, name) for name in sorted({s.name, *s.aliases})]
            quotes += [(aid, q.start, q.end, q.text, q.speaker, q.cue, q.kind, org_of.get(q.speaker)) for q in a.quotes]
            figs += [(aid, f.start, f.end, f.text, f.value, f.unit, f.object, f.per, f.kind, f.date) for f in a.figures]
        with lib.transaction():
            conn.executemany(
                "INSERT INTO articles (id, url, source, site, title, byline, published, text, content_hash, model, "
                "added, quote_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                arts,
            )
            conn.executemany(
                "INSERT INTO entities (article_id, start, end, label, text, canonical) VALUES (?,?,?,?,?,?)", ents
            )
            conn.executemany(
                "INSERT INTO speakers (id, article_id, name, aliases, role, organisation, quotes) "
                "VALUES (?,?,?,?,?,?,?)",
                spk,
            )
            conn.executemany("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?,?)", aliases)
            conn.executemany(
                "INSERT INTO quotes (article_id, start, end, text, speaker, cue, kind, organisation) "
                "VALUES (?,?,?,?,?,?,?,?)",
                quotes,
            )
            conn.executemany(
                "INSERT INTO figures (article_id, start, end, text, value, unit, object, per, kind, date) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                figs,
            )
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    build_s = time.perf_counter() - t0
    lib.close()
    return {"analyse_seconds": analyse_s, "build_seconds": build_s, "source_texts": len(analyses)}


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def measure(path: Path, rounds: int) -> dict:
    from newsread.core.store.library import Library

    rng = random.Random(11)
    lib = Library.open(path, create=False)
    speakers = [s.name for s in lib.speakers(limit=200)]
    aliases = [r[0] for r in lib.conn.execute("SELECT DISTINCT alias FROM speaker_aliases LIMIT 300")]
    orgs = [r[0] for r in lib.conn.execute("SELECT DISTINCT organisation FROM quotes WHERE organisation IS NOT NULL")]
    words = [
        "president",
        "said",
        "government",
        "police",
        "Apple",
        "climate",
        "election",
        "court",
        "health",
        "market",
        "China",
        "Trump",
        "minister",
        "war",
        "company",
        "percent",
        '"white house"',
        "trade OR tariff",
        "Netanyahu",
        "impeachment -senate",
        "(broken",
        "AND",
    ]
    total = lib.count()
    cases = {
        "search": lambda: lib.search(rng.choice(words), limit=50),
        "quotes_by_speaker": lambda: lib.quotes(speaker=rng.choice(speakers + aliases), limit=50),
        "quotes_by_organisation": lambda: lib.quotes(organisation=rng.choice(orgs), limit=50),
        "ls_page": lambda: lib.articles(limit=50, offset=rng.choice([0, 50, 500, 5000])),
        "ls_page_unread": lambda: lib.articles(limit=50, unread_only=True),
    }
    out: dict = {}
    for name, fn in cases.items():
        fn()  # warm the page cache
        samples = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        out[name] = {"p95_ms": round(p95(samples), 2), "median_ms": round(statistics.median(samples), 2)}
    lib.close()
    out["articles"] = total
    out["db_bytes"] = os.path.getsize(path)
    out["db_mb"] = round(os.path.getsize(path) / 1e6, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsread-bench-library.db"))
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without rebuilding it.")
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "library.json")
    args = ap.parse_args()
    built = {} if args.reuse else build(args.db, args.articles)
    results = {**built, **measure(args.db, args.rounds), "goal_ms": 50}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
