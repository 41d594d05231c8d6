"""Performance budgets of the explainer (issue 6): `make bench`, or

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME ...]

Measurements (names for --only): transfer, figures, cls, firstchart, answers, pictures, lighthouse, build, serve, scaling, caching, check, editions.
Prints a table (budget, measured, pass/fail) and writes benchmarks/out/ (report.md, results.json,
scaling.svg, Lighthouse JSON). Exits 1 if any budget fails, after printing everything.
Never writes into the repository's docs/ or data/: every build runs on a scratch copy.

One module a measurement (benchmarks/NAME.py, its budgets at the top, `measure(ctx)`), what they
share in context.py, the report writer in report.py; the project, servers and `mkdocs serve` come
from the repository's harness/ package, shared with the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # harness/ (after benchmarks/ itself)

import answers
import build
import caching
import check
import cls
import editions
import figures
import firstchart
import lighthouse
import pictures
import report
import scaling
import serve
import transfer
from context import OUT, Context
from report import Result

from harness.project import ROOT

MEASUREMENTS = {
    "transfer": transfer.measure,
    "figures": figures.measure,
    "cls": cls.measure,
    "firstchart": firstchart.measure,
    "answers": answers.measure,
    "pictures": pictures.measure,
    "lighthouse": lighthouse.measure,
    "build": build.measure,
    "serve": serve.measure,
    "scaling": scaling.measure,
    "caching": caching.measure,
    "check": check.measure,
    "editions": editions.measure,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip Lighthouse, fewer repeats")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(MEASUREMENTS),
        metavar="NAME",
        help=f"run only this measurement (repeatable): {', '.join(MEASUREMENTS)}",
    )
    args = parser.parse_args(argv)
    chosen = args.only or list(MEASUREMENTS)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="xpl-bench-") as tmp, contextlib.ExitStack() as stack:
        ctx = Context(args.quick, Path(tmp), stack)
        for name in MEASUREMENTS:
            if name not in chosen:
                continue
            if name == "lighthouse" and args.quick:
                results.append(
                    Result(
                        name,
                        "Lighthouse mobile performance, every page",
                        f"≥ {lighthouse.LIGHTHOUSE_BUDGET}",
                        "–",
                        None,
                        "skipped by --quick",
                    )
                )
                continue
            print(f"[bench] {name} …", file=sys.stderr, flush=True)
            start = time.perf_counter()
            try:
                results += MEASUREMENTS[name](ctx)
            except Exception as exc:  # report and go on: every budget gets its line
                traceback.print_exc()
                results.append(
                    Result(
                        name,
                        name,
                        "runs",
                        "error",
                        False,
                        f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                    )
                )
            print(f"[bench] {name} done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
        facts = report.machine(lighthouse.LIGHTHOUSE)
        written = report.write(OUT, facts, results, ctx.sections, ctx.details, ctx.files, args.quick)
    print(report.summary(facts, results, written, ROOT))
    return 1 if any(r.ok is False for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
