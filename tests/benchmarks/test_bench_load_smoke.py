"""The load benchmark still runs (4 clients for a few seconds on PostgreSQL; its figures are in README.md)."""

from __future__ import annotations

import json
import os

import pytest

from tests.benchmarks import bench_load

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_the_load_benchmark_runs_without_server_errors_and_cleans_up(tmp_path, monkeypatch):
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        pytest.skip("TEST_DATABASE_URL not set: the load benchmark runs on PostgreSQL")
    monkeypatch.setattr(bench_load.tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "figures.json"
    argv = ["--database-url", server, "--profiles", "100", "--clients", "4", "--seconds", "4", "--json", str(out)]
    assert bench_load.main(argv) == 0
    figures = json.loads(out.read_text())
    assert figures["server_errors"] == 0 and figures["requests"] > 0
    assert {"browse profile", "edit save", "buyer search"} <= set(figures["by_kind_ms"])
    assert all(mb > 0 for mb in figures["rss_after_mb"].values())
    assert [p for p in tmp_path.iterdir() if p.name.startswith("bench-load-")] == [], "scratch folder left"
