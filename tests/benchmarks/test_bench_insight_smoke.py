"""The insight benchmark still runs (tiny sizes on SQLite; the figures themselves are in README.md).

It asserts nothing about speed, only that every stage works and reports its figures.
"""

from __future__ import annotations

import json

import pytest

from tests.benchmarks import bench_insight

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_the_insight_benchmark_runs_and_reports(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_insight.tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "figures.json"
    arguments = ["--database", "sqlite", "--suppliers", "60", "--notices", "6", "--interests", "150"]
    arguments += ["--opportunities", "12", "--bids", "200"]
    assert bench_insight.main([*arguments, "--requests", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["rows"]["interests"] == 150
    assert report["rows"]["bids"] == 200 and report["rows"]["contracts"] > 0
    for page in ("public_uncached", "public", "admin", "admin_filtered", "admin_kept"):
        assert report[page]["p95"] > 0
    assert report["public"]["statements_per_request"] == 0  # the figures were kept from the request before
    assert report["admin"]["statements_per_request"] > 0
