"""The opportunities benchmark still runs (tiny sizes; the figures are in README.md). PostgreSQL only.

Builds 150 opportunities and 1,500 bids in a scratch database, serves them with one gunicorn worker and
sends a few list requests and submits from 4 clients. Asserts it works, reports every figure and leaves
no process, database or scratch folder behind; nothing about speed.
"""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import create_engine, text

from tests.benchmarks import bench_http, bench_opportunities

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.mark.skipif(not POSTGRES_URL, reason="the opportunities benchmark runs on PostgreSQL (TEST_DATABASE_URL)")
def test_the_opportunities_benchmark_runs_reports_and_cleans_up(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bench_opportunities.tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "figures.json"
    argv = ["--opportunities", "150", "--bids", "1500", "--clients", "4", "--requests", "5", "--submits", "3"]
    assert bench_opportunities.main([*argv, "--workers", "1", "--threads", "4", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for label in ("machine:", "inserted in", "/healthz answered", "list, 4 clients", "submit, 4 clients", "p95"):
        assert label in printed
    figures = json.loads(out.read_text())
    assert figures["list_ms"]["p95"] > 0 and figures["submit_ms"]["p95"] > 0
    assert figures["submitted_total"] == 1500 + 4 * 3  # every client submit recorded exactly once
    pids = [figures["pids"]["master"], *figures["pids"]["workers"]]
    assert not [pid for pid in pids if bench_http.alive(pid)], "gunicorn left running"
    assert [p for p in tmp_path.iterdir() if p.name.startswith("bench-opportunities-")] == []
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        # Its own database only: an earlier run killed half-way may have left another one on this server.
        left = connection.execute(
            text("SELECT count(*) FROM pg_database WHERE datname = :name"), {"name": figures["database"]}
        )
        assert left.scalar() == 0, "scratch database left behind"
    engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="the opportunities benchmark runs on PostgreSQL (TEST_DATABASE_URL)")
def test_the_cpu_mode_measures_each_shape_and_the_submits_in_process(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bench_opportunities.tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "figures.json"
    argv = ["--opportunities", "150", "--bids", "1500", "--clients", "2", "--requests", "3", "--submits", "3"]
    assert bench_opportunities.main([*argv, "--cpu", "--json", str(out)]) == 0
    assert "CPU ms per request" in capsys.readouterr().out
    figures = json.loads(out.read_text())
    assert set(figures["cpu"]["list"]) == {label for _, label in bench_opportunities.LIST_SHAPES}
    assert figures["cpu"]["submit"]["median_ms"] > 0 and figures["cpu"]["submit"]["statements"] > 0
    assert [p for p in tmp_path.iterdir() if p.name.startswith("bench-opportunities-")] == []
