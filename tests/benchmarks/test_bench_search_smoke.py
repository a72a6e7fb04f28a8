"""The benchmark still runs (tiny sizes; the figures themselves are in README.md)."""

from __future__ import annotations

import json

from tests.benchmarks import bench_search


def test_the_search_benchmark_runs_and_reports_every_figure(tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert bench_search.main(["--profiles", "300", "--queries", "20", "--procs", "1", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for label in ("machine:", "full reindex:", "p50", "p95", "p99", "RSS:", "visible"):
        assert label in printed
    figures = json.loads(out.read_text())
    assert figures["search_warm_ms"]["p95"] > 0
    assert figures["build_s"] > 0
