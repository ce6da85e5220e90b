"""The benchmark script runs and reports every figure it promises (no timed assertion: benchmarks are not tests)."""

import importlib.util
import json
import re
import subprocess
import sys

import pytest

from timeline import paths

SCRIPT = paths.PROJECT_ROOT / "benchmarks" / "run.py"


def _script_main():
    """The script's ``main(argv)``, imported into this process: the table and the usage error are the same code
    as a run of the script without the second of CPU a process takes to import pandas (the benchmark itself runs
    as a process, below, as ``make bench`` runs it)."""
    if "benchmarks_run" not in sys.modules:
        spec = importlib.util.spec_from_file_location("benchmarks_run", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["benchmarks_run"].main


@pytest.mark.heavy
@pytest.mark.slow
def test_normalisation_benchmark_runs_at_tiny_size_and_reports_its_figures(tmp_path, capsys):
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
    capsys.readouterr()
    assert _script_main()(["--table", str(saved)]) == 0
    table = capsys.readouterr()
    rows = table.out.splitlines()
    assert rows[0] == "| measure | figure | target | met |"
    assert any(row.startswith("| normalise 800 records (dates + counts), cold / warm |") for row in rows)


def test_unknown_section_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:  # argparse's usage error: exit status 2, the message on stderr
        _script_main()(["--only", "normalisation,speed"])
    assert exit_.value.code == 2 and "unknown section(s) speed" in capsys.readouterr().err


def _script_module():
    _script_main()
    return sys.modules["benchmarks_run"]


@pytest.mark.parametrize("exit_status, expected", [(0, 0), (1, 1)])
def test_a_failed_heavy_test_makes_the_benchmark_exit_1(monkeypatch, capsys, exit_status, expected):
    """``make bench`` (``--only heavy``) runs the tests ``make test`` leaves out: a failure among them is the run's
    exit status, not only a row of the table. The pytest run itself is stood in for (it takes minutes)."""
    module = _script_module()
    outcome = {"wall_s": 1.0, "cpu_s": 2.0, "exit": exit_status, "failed": ["tests/test_x.py::test_y"] * exit_status,
               "result": "1 failed, 29 passed in 1.00s" if exit_status else "30 passed in 1.00s", "tests_s": {},
               "n_passed": 30 - exit_status, "n_failed": exit_status, "n_skipped": 0, "n_error": 0}
    monkeypatch.setattr(module, "machine", lambda: {"nproc": 2, "cpu": "cpu", "memory_mb": 1, "python": "3",
                                                    "packages": {}})
    monkeypatch.setattr(module, "bench_heavy", lambda quick: outcome)
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # the script's folder, as when it runs (its peers module)
    assert module.main(["--only", "heavy"]) == expected
    out = capsys.readouterr().out
    assert "the heavy tests (pytest -m heavy" in out and ("tests/test_x.py::test_y" in out) is bool(exit_status)


def test_the_suite_section_times_what_make_test_runs():
    """The benchmark's whole-suite figure is of ``make test``'s command (the Makefile's ``test`` target), and
    ``make test-all`` is the same command with the heavy tests in."""
    module = _script_module()
    makefile = (paths.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    runner = re.search(r"^PYTEST_N2 := \$\(TEST_ENV\) \$\(PY\) -m pytest (.+)$", makefile, re.M).group(1).split()
    recipes = {name: re.search(rf"^{name}: .*\n\t\$\(PYTEST_N2\) (.+)$", makefile, re.M).group(1)
               for name in ("test", "test-all")}
    assert recipes["test"].startswith('-m "not heavy" ')
    assert (*runner, "-m", "not heavy", *recipes["test"].removeprefix('-m "not heavy" ').split()) == module.TEST_COMMAND
    assert (*runner, *recipes["test-all"].split()) == tuple(a for a in module.TEST_COMMAND if a not in ("-m", "not heavy"))
    assert module.HEAVY_COMMAND == (*runner, "-m", "heavy", "tests")
