"""The benchmark script runs and reports every figure it promises (no timed assertion: benchmarks are not tests)."""

import json
import subprocess
import sys

import pytest

from timeline import paths

SCRIPT = paths.PROJECT_ROOT / "benchmarks" / "run.py"


@pytest.mark.slow
def test_normalisation_benchmark_runs_at_tiny_size_and_reports_its_figures(tmp_path):
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--only", "normalisation", "--sizes", "400,800",
                           "--sample", "5"], capture_output=True, text=True, cwd=paths.PROJECT_ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    result = json.loads(lines[-1])  # the last line is the JSON of every figure
    assert len(lines) > 3  # figures were printed as they came, before the JSON
    assert {"machine", "targets", "normalisation", "quick", "total_s"} <= set(result)
    assert {"nproc", "cpu", "memory_mb", "python", "packages"} <= set(result["machine"])
    norm = result["normalisation"]
    assert [r["records"] for r in norm["sizes"]] == [400, 800]
    for r in norm["sizes"]:
        for key in ("cold_s", "warm_s", "cold_records_per_s", "warm_records_per_s", "cold_s_per_1k",
                    "warm_s_per_1k", "rss_peak_mb", "traced_peak_mb", "ratio_vs_per_row_cold",
                    "ratio_vs_per_row_warm", "date_errors", "count_errors"):
            assert isinstance(r[key], (int, float)) and r[key] >= 0, key
        assert r["dateparser_imported_before_cold_run"] is False  # the cold run really was cold
    assert norm["per_row"]["sample_rows"] == 5 and norm["per_row"]["dateparser_s_per_record"] > 0
    assert {"fixed_s", "marginal_s_per_1k"} <= set(norm["warm_fit"])
    assert isinstance(norm["target_ratio_300x"], bool)
    # ... and the README's table is made from that output
    saved = tmp_path / "run.txt"
    saved.write_text(proc.stdout, encoding="utf-8")
    table = subprocess.run([sys.executable, str(SCRIPT), "--table", str(saved)], capture_output=True, text=True,
                           cwd=paths.PROJECT_ROOT, timeout=60)
    assert table.returncode == 0, table.stderr
    rows = table.stdout.splitlines()
    assert rows[0] == "| measure | figure | target | met |"
    assert any(row.startswith("| normalise 800 records (dates + counts), cold / warm |") for row in rows)


def test_unknown_section_is_a_usage_error():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--only", "normalisation,speed"], capture_output=True,
                          text=True, cwd=paths.PROJECT_ROOT, timeout=60)
    assert proc.returncode == 2 and "unknown section(s) speed" in proc.stderr
