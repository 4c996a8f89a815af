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
import re
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

PLAIN = Path("/work/shared/corpus/plain")


def build(path: Path, n: int) -> dict:
    from newsread.core.analysis import ArticleInput, analyze_many
    from newsread.core.model import Analysis
    from newsread.core.store import schema
    from newsread.core.store.library import Library
    from newsread.core.textio import split_title

    texts = sorted(PLAIN.glob("*.txt"))
    cache = Path(str(path) + ".analyses.json")
    t0 = time.perf_counter()
    cached = cache.exists()
    if cached:  # the model's analyses of corpus/plain, kept from an earlier build
        analyses = [Analysis.from_dict(d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        inputs = []
        for p in texts:
            raw = p.read_text(encoding="utf-8")
            title, body = split_title(raw)
            inputs.append(ArticleInput(body, title=title, path=str(p)))
        analyses = list(analyze_many(inputs, batch_size=16))
        cache.write_text(json.dumps([a.to_dict() for a in analyses]), encoding="utf-8")
    analyse_s = time.perf_counter() - t0
    # Words of the corpus, a few appended to each copy so texts (and rare-word hits) differ.
    vocab = sorted({w for a in analyses for w in re.findall(r"[A-Za-z]{4,}", a.text)})

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    lib = Library.open(path)
    conn = lib.conn
    rng = random.Random(7)
    t0 = time.perf_counter()
    base = date(2015, 1, 1)
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB: the secondary indexes grow in memory
    with schema.fts_suspended(conn):
        next_speaker = _load(lib, analyses, vocab, n, rng, base)
    t_rows = time.perf_counter() - t0
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    build_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    checks = check(conn)
    checks["check_seconds"] = round(time.perf_counter() - t1, 1)
    lib.close()
    return {
        "analyse_seconds": round(analyse_s, 1),
        "analyses_from_cache": cached,
        "build_seconds": round(build_s, 1),
        "build_rows_and_fts_seconds": round(t_rows, 1),
        "source_texts": len(analyses),
        "speakers": next_speaker - 1,
        "checks": checks,
    }


def _load(lib, analyses, vocab, n, rng, base) -> int:
    """Rows for ``n`` articles, 1000 articles per transaction; returns the next speaker id."""
    from newsread.core.store.library import (
        FIGURE_COLUMNS,
        QUOTE_COLUMNS,
        SPEAKER_COLUMNS,
        content_hash,
        entity_row,
        figure_row,
        insert_sql,
        link_identities,
        now_iso,
        quotation_count,
        quote_row,
        speaker_row,
    )

    conn = lib.conn
    next_speaker = 1
    for start in range(0, n, 1000):
        arts, ents, spk, aliases, quotes, figs = [], [], [], [], [], []
        for i in range(start, min(n, start + 1000)):
            aid = i + 1
            a = analyses[i % len(analyses)]
            text = f"{a.text}\n\nArchive copy {aid}: {' '.join(rng.sample(vocab, 6))}."
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
                    quotation_count(a.quotes),
                )
            )
            ents += [entity_row(aid, e) for e in a.entities]
            by_name = {}
            for s in a.speakers:
                sid = next_speaker
                next_speaker += 1
                by_name[s.name] = s
                spk.append((sid, *speaker_row(aid, s)))
                aliases += [(sid, name) for name in sorted({s.name, *s.aliases})]
            quotes += [quote_row(aid, q, by_name.get(q.speaker or "")) for q in a.quotes]
            figs += [figure_row(aid, f) for f in a.figures]
        with lib.transaction():
            conn.executemany(
                "INSERT INTO articles (id, url, source, site, title, byline, published, text, content_hash, model, "
                "added, quote_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                arts,
            )
            conn.executemany(
                "INSERT INTO entities (article_id, start, end, label, text, canonical, organisation_key, "
                "text_organisation_key) VALUES (?,?,?,?,?,?,?,?)",
                ents,
            )
            conn.executemany(insert_sql("speakers", ("id", *SPEAKER_COLUMNS)), spk)
            conn.executemany("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?,?)", aliases)
            conn.executemany(insert_sql("quotes", QUOTE_COLUMNS), quotes)
            conn.executemany(insert_sql("figures", FIGURE_COLUMNS), figs)
            # Library identities, as Library.add_analysis makes them for each article it stores.
            for aid in range(start + 1, min(n, start + 1000) + 1):
                link_identities(conn, aid)
    return next_speaker


def check(conn) -> dict:
    """After the bulk load: every FTS index holds one row per table row and matches its content,
    the triggers are back exactly as the schema makes them, and SQLite finds the file sound."""
    from newsread.core.store import schema

    out: dict = {}
    for table, columns in schema.FTS_TABLES.items():
        rows = conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
        indexed = conn.execute(f"SELECT COUNT(*) FROM [{table}_fts_docsize]").fetchone()[0]
        conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts], rank) VALUES('integrity-check', 1)")
        have = dict(
            conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
        )
        triggers_ok = have == schema.fts_trigger_sql(table, columns)
        out[table] = {"rows": rows, "fts_rows": indexed, "triggers_as_schema": triggers_ok}
        if rows != indexed or not triggers_ok:
            raise SystemExit(f"{table}: FTS rows {indexed} vs {rows}, triggers ok {triggers_ok}")
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    out["integrity_check"] = integrity
    if integrity != "ok":
        raise SystemExit(f"integrity_check: {integrity}")
    return out


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def measure(path: Path, rounds: int) -> dict:
    from newsread.core.store.library import Library

    rng = random.Random(11)
    load_before = os.getloadavg()
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
        # as typed: fragments of a word, the last one a prefix
        "isr",
        "presid",
        "pr",
        "i",
        "Trump said",
        '"supreme court" justice',
    ]
    total = lib.count()
    cases = {
        "search": lambda: lib.search(rng.choice(words), limit=50),
        "quotes_by_speaker": lambda: lib.quotes(speaker=rng.choice(speakers + aliases), limit=50),
        "quotes_by_organisation": lambda: lib.quotes(organisation=rng.choice(orgs), limit=50),
        "ls_page": lambda: lib.articles(limit=50, offset=rng.choice([0, 50, 500, 5000])),
        "ls_page_unread": lambda: lib.articles(limit=50, unread_only=True),
        "ls_page_speaker": lambda: lib.articles(limit=50, speaker=rng.choice(speakers + aliases)),
        "ls_page_organisation": lambda: lib.articles(limit=50, organisation=rng.choice(orgs)),
        "quotes_by_speaker_kind": lambda: lib.quotes(speaker_kind=rng.choice(["anonymous", "unattributed"]), limit=50),
        "quotes_by_kind": lambda: lib.quotes(kind=rng.choice(["indirect", "continuation"]), limit=50),
        "speakers_all": lambda: lib.speakers(),
    }
    out: dict = {}
    per_query = {}
    for q in words:  # each search query alone: which kinds are slow
        lib.search(q, limit=50)
        samples = []
        for _ in range(5):
            t = time.perf_counter()
            lib.search(q, limit=50)
            samples.append((time.perf_counter() - t) * 1000)
        per_query[q] = round(statistics.median(samples), 1)
    out["search_median_ms_by_query"] = per_query
    for name, fn in cases.items():
        fn()  # warm the page cache
        samples = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        out[name] = {"p95_ms": round(p95(samples), 2), "median_ms": round(statistics.median(samples), 2)}
    lib.close()
    out["loadavg_1_5_15_before"] = [round(x, 2) for x in load_before]  # a shared 2-core machine
    out["loadavg_1_5_15_after"] = [round(x, 2) for x in os.getloadavg()]
    out["articles"] = total
    out["db_bytes"] = os.path.getsize(path)
    out["db_mb"] = round(os.path.getsize(path) / 1e6, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsread-bench-library.db"))
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="Measure an existing --db (built earlier by this script) without rebuilding.",
    )
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "library.json")
    args = ap.parse_args()
    sidecar = Path(str(args.db) + ".build.json")  # how the --db was built, kept for --reuse
    if args.reuse:
        built = json.loads(sidecar.read_text()) if sidecar.exists() else {}
    else:
        built = build(args.db, args.articles)
        sidecar.write_text(json.dumps(built, indent=2) + "\n")
    results = {**built, **measure(args.db, args.rounds), "goal_ms": 50}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
