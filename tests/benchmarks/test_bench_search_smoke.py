"""The benchmark still runs (tiny sizes; the figures themselves are in README.md): both corpora,
this engine and its peers (SQLite FTS5 always, PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import json
import os

import pytest

from tests.benchmarks import bench_search

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_the_search_benchmark_runs_and_reports_every_figure(tmp_path, capsys):
    out = tmp_path / "figures.json"
    peers = "sqlite,postgres" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    argv = ["--profiles", "300", "--queries", "20", "--procs", "1", "--rounds", "1", "--peers", peers]
    assert bench_search.main([*argv, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for label in ("machine:", "full reindex:", "p50", "p95", "p99", "RSS:", "visible", "interleaved", "ratio"):
        assert label in printed
    figures = json.loads(out.read_text())
    assert set(figures["corpora"]) == {"template", "realistic"}
    for corpus in figures["corpora"].values():
        assert corpus["search_warm_ms"]["p95"] > 0 and corpus["build_s"] > 0
        assert corpus["peers"]["sqlite-fts5"]["engine_ratio"]["p95"] > 0
        assert len(corpus["peers"]) == len(peers.split(",")) + 1
