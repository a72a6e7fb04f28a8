"""Search engine benchmark: build, query latency beside SQLite FTS5 and PostgreSQL, update
visibility, memory - on two corpora.

    python -m tests.benchmarks.bench_search                      # 10,000 profiles (quick)
    python -m tests.benchmarks.bench_search --profiles 100000    # the issues' figures (make bench)

For each corpus (`template`: phrase-bank profiles; `realistic`: the same profiles with free
text sampled from real English word frequencies, see realistic_profiles.py) it prints:

* the full reindex (this engine, N build processes), SQLite FTS5's and PostgreSQL's index
  builds, and each one's size on disk;
* a fresh process that opens this engine's index (as a web worker would): warm-up, first pass
  (cold caches), later passes, RSS;
* interleaved rounds of the same queries against all three engines (free text with two
  filters, four facet counts and 20 highlighted hits): p50 / p95 / p99 each and the ratios,
  which are the figures that count on a shared machine;
* how long one update takes to become visible to another SearchIndex instance.

The index stores no text: highlights (and a phrase check past the position slots) read the hits'
text from a texts provider, as in the app, where the page loads the hits' rows anyway. Here the
provider reads the profiles' texts from a SQLite table by primary key (`ProfileRows`): one
`SELECT ... WHERE id IN (...)` of the page's 20 rows a search, counted in the engine's time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import whoosh

from marketplace.search.engine import SearchIndex, SearchRequest
from marketplace.suppliers.search_documents import SUPPLIER
from tests.benchmarks.generate_profiles import (
    AREAS,
    CPV,
    FRAMEWORK_LOTS,
    SECTORS,
    THEMES,
    WARDS,
)
from tests.benchmarks.peers import Fts5, Peer, Postgres, postgres_url
from tests.benchmarks.realistic_profiles import CORPORA, generate

BROAD = [
    "cleaning",
    "services",
    "community",
    "support",
    "local",
    "training",
    "repairs",
    "care",
    "young people",
    "housing",
    "social value",
    "maintenance",
    "design",
]
FACETS = ["wards", "categories", "size_band", "declarations"]


def machine() -> dict[str, Any]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": np.__version__,
        "whoosh": whoosh.versionstring(),
    }


def rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB, from /proc."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            key, value = line.split(":")
            values[key] = int(value.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


TEXT_KEYS = sorted(
    {path.partition(".")[0] for path in SUPPLIER.text_paths}
    | {source.partition(".")[0] for text in SUPPLIER.text_fields for source in text.sources}
)


def write_profile_rows(path: Path, docs: list[dict[str, Any]]) -> None:
    """The profiles' texts as database rows (what the app's texts provider reads)."""
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, doc TEXT) WITHOUT ROWID")
        db.execute("DELETE FROM rows")
        db.executemany(
            "INSERT INTO rows VALUES (?, ?)",
            ((doc["id"], json.dumps({key: doc.get(key) for key in TEXT_KEYS})) for doc in docs),
        )
    db.close()


class ProfileRows:
    """A texts provider: the hits' rows, loaded by primary key, as the search page loads them."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def __call__(self, ids: list[str]) -> dict[str, dict[str, Any] | None]:
        marks = ", ".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, doc FROM rows WHERE id IN ({marks})", ids).fetchall()
        return {doc_id: json.loads(doc) for doc_id, doc in rows}

    def close(self) -> None:
        self.db.close()


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_queries(count: int, seed: int) -> list[SearchRequest]:
    return [request for _shape, request in make_tagged_queries(count, seed)]


def realistic_words(docs: list[dict[str, Any]], seed: int) -> tuple[list[str], list[str], list[str]]:
    """(broad words, other words, two-word phrases) that occur in realistic profiles' text."""
    from marketplace.search.analysis import STOP

    rng = random.Random(seed)
    counts: dict[str, int] = {}
    phrases: list[str] = []
    for doc in docs[:2000]:
        words = [w.strip(".").lower() for w in doc["description"].split()]
        for word in set(words):
            if word not in STOP and len(word) > 2:
                counts[word] = counts.get(word, 0) + 1
        pairs = [(a, b) for a, b in zip(words, words[1:]) if a not in STOP and b not in STOP and len(a) > 2]
        if pairs:
            phrases.append(" ".join(rng.choice(pairs)))
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked[:15], ranked[15:1500], sorted(set(phrases))


def make_tagged_queries(
    count: int, seed: int, corpus: str = "template", docs: list[dict[str, Any]] | None = None
) -> list[tuple[str, SearchRequest]]:
    """A seeded mix: broad words, services, phrases, OR, NOT, typos, empty.

    On the realistic corpus the words and phrases come from its own text (sampled from real
    word frequencies); services and filters are the same in both corpora."""
    rng = random.Random(seed)
    services = sorted({s for sector in SECTORS for s in sector["services"]})
    words = sorted({w for s in services for w in s.lower().split() if len(w) > 3})
    broad, phrases = BROAD, [f'"{s}"' for s in services]
    if corpus == "realistic":
        broad, words, found = realistic_words(docs or [], seed)
        phrases = [f'"{p}"' for p in found] or phrases
    filters_pool = [
        ("size_band", lambda: rng.sample(["micro", "small", "medium"], k=rng.randint(1, 2))),
        ("is_sme", lambda: ["true"]),
        ("wards", lambda: [rng.choice(WARDS), "whole-borough"]),
        ("categories", lambda: [rng.choice([c for c in CPV if len(c) == 2])]),
        ("declarations", lambda: ["vcse"]),
        ("based_in_borough", lambda: ["true"]),
        ("social_value_themes", lambda: [rng.choice(THEMES)]),
        ("framework_lots", lambda: rng.sample(sorted(FRAMEWORK_LOTS), k=2)),
        ("wards", lambda: [rng.choice(AREAS)]),
    ]
    shapes = [
        ("broad", 0.22, lambda: rng.choice(broad)),
        ("service", 0.22, lambda: rng.choice(services)),
        ("two words", 0.12, lambda: f"{rng.choice(words)} {rng.choice(words)}"),
        ("phrase", 0.12, lambda: rng.choice(phrases)),
        ("OR", 0.08, lambda: f"{rng.choice(words)} OR {rng.choice(words)}"),
        ("NOT", 0.08, lambda: f"{rng.choice(services)} -{rng.choice(words)}"),
        ("typo", 0.08, lambda: _typo(rng, rng.choice([w for w in words if len(w) > 5]))),
        ("empty", 0.04, lambda: ""),
        ("long", 0.04, lambda: f"{rng.choice(broad)} {rng.choice(services)} {rng.choice(words)}"),
    ]
    weights = [w for _, w, _ in shapes]
    out = []
    for _ in range(count):
        shape, _weight, make_text = rng.choices(shapes, weights)[0]
        text = make_text()
        chosen: dict[str, list[str]] = {}
        while len(chosen) < 2:
            name, values = rng.choice(filters_pool)
            chosen.setdefault(name, values())
        sort = rng.choices(["relevance", "name", "updated"], [0.8, 0.1, 0.1])[0]
        page = rng.choices([1, 2, 3], [0.8, 0.15, 0.05])[0]
        out.append((shape, SearchRequest(text=text, filters=chosen, facets=list(FACETS), sort=sort, page=page)))
    return out


def percentiles(samples: list[float]) -> dict[str, float]:
    arr = np.array(samples) * 1000
    return {
        "p50": float(np.percentile(arr, 50)),
        "p95": float(np.percentile(arr, 95)),
        "p99": float(np.percentile(arr, 99)),
        "max": float(arr.max()),
        "mean": float(arr.mean()),
    }


def run_queries(index: SearchIndex, queries: list[SearchRequest]) -> tuple[list[float], int]:
    times, hits = [], 0
    for request in queries:
        start = time.perf_counter()
        result = index.search("supplier", request)
        times.append(time.perf_counter() - start)
        hits += len(result.hits)
    return times, hits


def update_visibility(path: Path, sample: dict[str, Any], rounds: int = 5) -> tuple[list[float], list[float]]:
    """(seconds spent in upsert, seconds from calling upsert until a separate
    reader instance's search finds the change) for one profile update."""
    reader = SearchIndex(path, [SUPPLIER])
    writer = SearchIndex(path, [SUPPLIER])
    reader.search("supplier", SearchRequest(text="warmup"))
    writes, visible = [], []
    for i in range(rounds):
        token = f"zebracorn{i}x"
        doc = dict(sample, name=f"{sample['name']} {token}")
        start = time.perf_counter()
        writer.upsert("supplier", [doc], sequence=10_000_000 + i)
        writes.append(time.perf_counter() - start)
        while time.perf_counter() - start < 5:
            if reader.search("supplier", SearchRequest(text=token)).total == 1:
                break
            time.sleep(0.005)
        visible.append(time.perf_counter() - start)
    reader.close()
    writer.close()
    return writes, visible


def _measure_fresh_process(path: str, rows: str, queries: list[SearchRequest], queue: Any) -> None:
    """A new process opens the index (as a gunicorn worker would)."""
    index = SearchIndex(path, [SUPPLIER], texts={"supplier": ProfileRows(Path(rows))})
    start = time.perf_counter()
    index.warm("supplier")
    warm_s = time.perf_counter() - start
    rss_warm = rss_mb()[0]
    cold, hits = run_queries(index, queries)
    warm, _ = run_queries(index, queries)
    warm2, _ = run_queries(index, queries)
    queue.put(
        {
            "warm_s": warm_s,
            "rss_after_warm": rss_warm,
            "rss_after_queries": rss_mb()[0],
            "peak_rss": rss_mb()[1],
            "cold": cold,
            "warm": warm,
            "warm2": warm2,
            "hits": hits,
        }
    )


def interleaved(
    engines: dict[str, Any], tagged: list[tuple[str, SearchRequest]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[int]]]:
    """Every query against every engine in turn (the order rotating), `rounds` times."""
    names = list(engines)
    times: dict[str, list[float]] = {name: [] for name in names}
    hits: dict[str, list[int]] = {name: [] for name in names}
    for r in range(rounds):
        for i, (_shape, request) in enumerate(tagged):
            shift = (i + r) % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                total = engines[name](request)
                times[name].append(time.perf_counter() - start)
                if r == 0:
                    hits[name].append(total)
    return times, hits


def open_peers(names: list[str], folder: Path, pg_url: str | None) -> list[Peer]:
    peers: list[Peer] = []
    for name in names:
        if name == "sqlite":
            peers.append(Fts5(folder))
        elif name == "postgres":
            if pg_url is None:
                print("postgresql peer skipped: set --postgres-url, BENCH_DATABASE_URL or TEST_DATABASE_URL")
                continue
            try:
                peers.append(Postgres(pg_url))
            except Exception as error:  # a benchmark without a server still measures the rest
                print(f"postgresql peer skipped: {error}")
    return peers


def bench_corpus(corpus: str, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {"corpus": corpus}
    print(f"\n== {corpus} corpus, {args.profiles:,} profiles ==")
    start = time.perf_counter()
    profiles = list(generate(args.profiles, args.seed, corpus))
    figures["generate_s"] = time.perf_counter() - start
    print(f"generated {len(profiles):,} profiles in {figures['generate_s']:.1f} s")

    path = root / corpus / "index"
    shutil.rmtree(path, ignore_errors=True)
    index = SearchIndex(path, [SUPPLIER])
    start = time.perf_counter()
    index.rebuild("supplier", profiles, total=len(profiles), procs=args.procs or max(1, os.cpu_count() or 1))
    figures["build_s"] = time.perf_counter() - start
    figures["index_mb"] = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
    print(f"full reindex: {figures['build_s']:.1f} s ({figures['index_mb']:.0f} MB on disk)")
    index.close()
    rows = root / corpus / "rows.sqlite3"
    write_profile_rows(rows, profiles)

    tagged = make_tagged_queries(args.queries, args.seed, corpus, profiles)
    queries = [request for _shape, request in tagged]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure_fresh_process, args=(str(path), str(rows), queries, queue))
    proc.start()
    measured = queue.get()
    proc.join()
    figures.update({k: measured[k] for k in ("warm_s", "rss_after_warm", "rss_after_queries", "peak_rss")})
    figures["search_cold_ms"] = percentiles(measured["cold"])
    figures["search_warm_ms"] = percentiles(measured["warm"] + measured["warm2"])
    figures["search_by_shape_ms"] = {
        shape: {"count": len(times), **percentiles(times)}
        for shape in dict.fromkeys(s for s, _ in tagged)
        if (times := [t for (s, _), t in zip(tagged, measured["cold"]) if s == shape])
    }
    print(f"opened + warmed caches in a fresh process: {figures['warm_s']:.2f} s")
    for label, key in (("first pass (cold caches)", "search_cold_ms"), ("later passes (warm)", "search_warm_ms")):
        p = figures[key]
        print(
            f"search {label}, {len(queries)} queries: p50 {p['p50']:.1f} ms, "
            f"p95 {p['p95']:.1f} ms, p99 {p['p99']:.1f} ms, max {p['max']:.1f} ms"
        )
    print(
        "first pass by query shape: "
        + "; ".join(
            f"{shape} ({p['count']}) p50 {p['p50']:.1f} / p95 {p['p95']:.1f} ms"
            for shape, p in figures["search_by_shape_ms"].items()
        )
    )
    print(
        f"RSS: {figures['rss_after_warm']:.0f} MB after warm-up, "
        f"{figures['rss_after_queries']:.0f} MB after queries (peak {figures['peak_rss']:.0f} MB)"
    )

    peers = open_peers(args.peer_names, root / corpus, args.postgres_url)
    try:
        builds = {"engine": (figures["build_s"], figures["index_mb"])}
        for peer in peers:
            seconds, size = peer.build(profiles)
            builds[peer.name] = (seconds, size / 1e6)
            print(f"{peer.name} build: {seconds:.1f} s ({size / 1e6:.0f} MB on disk)")
        texts = ProfileRows(rows)
        index = SearchIndex(path, [SUPPLIER], texts={"supplier": texts})
        index.warm("supplier")
        engines: dict[str, Any] = {"engine": lambda request: index.search("supplier", request).total}
        engines.update({peer.name: peer.search for peer in peers})
        times, hits = interleaved(engines, tagged, args.rounds)
        index.close()
        texts.close()
        figures["peers"] = {
            name: {
                "build_s": builds[name][0],
                "size_mb": builds[name][1],
                "search_ms": percentiles(times[name]),
                "mean_hits": statistics.mean(hits[name]) if hits[name] else 0,
            }
            for name in engines
        }
        print(
            f"interleaved: {args.rounds} rounds x {len(tagged)} queries, each against "
            f"{', '.join(engines)} in turn (machine load average {loadavg()})"
        )
        print(f"  {'engine':<12} {'build s':>8} {'MB':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'mean hits':>9}")
        for name, f in figures["peers"].items():
            p = f["search_ms"]
            print(
                f"  {name:<12} {f['build_s']:>8.1f} {f['size_mb']:>6.0f} {p['p50']:>7.1f} {p['p95']:>7.1f} "
                f"{p['p99']:>7.1f} {f['mean_hits']:>9.0f}"
            )
        ours = figures["peers"]["engine"]
        for peer in peers:
            theirs = figures["peers"][peer.name]
            ratios = {
                key: ours["search_ms"][key] / theirs["search_ms"][key] if theirs["search_ms"][key] else 0.0
                for key in ("p50", "p95", "p99")
            }
            ratios["build"] = ours["build_s"] / theirs["build_s"] if theirs["build_s"] else 0.0
            ratios["size"] = ours["size_mb"] / theirs["size_mb"] if theirs["size_mb"] else 0.0
            figures["peers"][peer.name]["engine_ratio"] = ratios
            print(
                f"  ratio engine / {peer.name}: p50 {ratios['p50']:.2f}, p95 {ratios['p95']:.2f}, "
                f"p99 {ratios['p99']:.2f}; build {ratios['build']:.2f}, size {ratios['size']:.2f}"
            )
    finally:
        for peer in peers:
            peer.close()

    writes, visible = update_visibility(path, profiles[0])
    figures["upsert_s"], figures["update_visible_s"] = writes, visible
    print(
        f"one profile update: upsert call median {statistics.median(writes) * 1000:.0f} ms; "
        f"visible to another instance: median {statistics.median(visible) * 1000:.0f} ms, "
        f"max {max(visible) * 1000:.0f} ms"
    )
    return figures


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search engine benchmark")
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--procs", type=int, default=None, help="build processes (default: cores)")
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    parser.add_argument("--peers", default="sqlite,postgres", help="comma-separated: sqlite, postgres, or none")
    parser.add_argument("--postgres-url", default=None, help="server for the PostgreSQL peer (a scratch database)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the queries")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temporary)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    args.peer_names = [p for p in args.peers.split(",") if p and p != "none"]
    args.postgres_url = postgres_url(args.postgres_url) if "postgres" in args.peer_names else None

    info = machine()
    print(
        f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, "
        f"numpy {info['numpy']}, whoosh {info['whoosh']}, {info['platform']}; load average {loadavg()}"
    )
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    figures: dict[str, Any] = {"machine": info, "profiles": args.profiles, "corpora": {}}
    try:
        for corpus in CORPORA if args.corpus == "both" else [args.corpus]:
            figures["corpora"][corpus] = bench_corpus(corpus, args, root)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2))
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
