"""The HTTP benchmark still runs (tiny sizes; the figures themselves are in README.md).

Starts a real gunicorn (one worker, so that booting stays short) on 127.0.0.1 for a few
seconds: about 10-15 s in all on 2 busy cores, most of it migrating and booting the app. It
asserts nothing about speed, only that it works, reports every figure and leaves no process
or scratch folder behind (the benchmark itself bounds the HTTP part with --time-limit).
"""

from __future__ import annotations

import json
import time

import pytest

from tests.benchmarks import bench_http

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_the_http_benchmark_runs_reports_and_cleans_up(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bench_http.tempfile, "tempdir", str(tmp_path))  # its scratch folder goes here
    out = tmp_path / "figures.json"
    start = time.monotonic()
    assert (
        bench_http.main(
            [
                "--profiles",
                "200",
                "--queries",
                "20",
                "--passes",
                "1",
                "--warm",
                "1",
                "--workers",
                "1",
                "--threads",
                "2",
                "--time-limit",
                "60",
                "--page-requests",
                "5",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    elapsed = time.monotonic() - start
    printed = capsys.readouterr().out
    for label in (
        "machine:",
        "reindex from the database",
        "/healthz answered",
        "all 200",
        "p50",
        "p95",
        "p99",
        "requests/s",
        "worker RSS",
    ):
        assert label in printed
    figures = json.loads(out.read_text())
    assert figures["http_ms"]["p95"] > 0 and figures["requests_per_s"] > 0
    assert figures["build"]["indexed"] == 200
    assert all(rss > 0 for rss in figures["rss_mb"].values())
    assert set(figures["pages"]) == {"home", "public profile", "notices", "search"}
    assert all(page["not_200"] == 0 and page["cpu_ms_per_request"] >= 0 for page in figures["pages"].values())

    pids = [figures["pids"]["master"], *figures["pids"]["workers"]]
    assert not [pid for pid in pids if bench_http.alive(pid)], "gunicorn left running"
    assert [p for p in tmp_path.iterdir() if p.name.startswith("bench-http-")] == [], "scratch folder left"
    print(printed)
    print(
        f"HTTP benchmark smoke run: {elapsed:.1f} s; p95 {figures['http_ms']['p95']:.0f} ms "
        f"over {len(figures['by_shape_ms'])} query shapes"
    )
