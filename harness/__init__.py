"""What the tests and the benchmarks both need to drive the real project: scratch copies and builds
(`project`), a free port and a static host for a built site (`net`), `mkdocs serve` and its reloads
(`serve`). Imported as `harness` with the repository root on sys.path (pytest.ini's pythonpath;
benchmarks/run.py inserts it)."""
