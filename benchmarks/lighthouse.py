"""3b. Lighthouse mobile performance score of every page (benchmark-only npm dependency, benchmarks/package.json)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import report
from context import BENCH, CHROME_ARGS, CHROMIUM, OUT, Context, pages_of
from report import Result, Section

from harness.project import ROOT

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_BUDGET = 95


def lighthouse_once(url: str, out: Path) -> dict:
    flags = "--chrome-flags=" + " ".join(["--headless=new", *CHROME_ARGS])
    proc = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance",
            "--form-factor=mobile",
            flags,
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse exited {proc.returncode}: {proc.stderr.strip()[-1500:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error: {lhr['runtimeError']}")
    audits = lhr["audits"]
    pick = lambda k: audits[k].get("numericValue")  # noqa: E731
    return {
        "score": round(lhr["categories"]["performance"]["score"] * 100),
        "fcp": pick("first-contentful-paint"),
        "lcp": pick("largest-contentful-paint"),
        "tbt": pick("total-blocking-time"),
        "cls": pick("cumulative-layout-shift"),
        "si": pick("speed-index"),
        "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
        "warnings": lhr.get("runWarnings", []),
    }


def measure(ctx: Context) -> list[Result]:
    if not LIGHTHOUSE.exists():
        return [
            Result(
                "lighthouse",
                "Lighthouse mobile performance, every page",
                f"≥ {LIGHTHOUSE_BUDGET}",
                "not run",
                False,
                f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci --prefix benchmarks` (make bench does)",
            )
        ]
    site, base = ctx.served()
    runs = 3
    out_dir = OUT / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Lighthouse {report._version([str(LIGHTHOUSE), '--version'])}, mobile form factor, default (simulated) throttling, "
        f"median score of {runs} runs per page; metrics from the median run.",
        "",
        "| page | score (runs) | FCP | LCP | TBT | CLS | Speed Index | benchmarkIndex |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    scores = {}
    for url in pages_of(site):
        name = url.strip("/").replace("/", "_") or "home"
        results = [lighthouse_once(base + url, out_dir / f"{name}-{i}.json") for i in range(runs)]
        results.sort(key=lambda r: r["score"])
        mid = results[len(results) // 2]
        scores[url] = mid["score"]
        lines.append(
            f"| /{url} | **{mid['score']}** ({', '.join(str(r['score']) for r in results)}) | {mid['fcp']:.0f} ms | {mid['lcp']:.0f} ms | "
            f"{mid['tbt']:.0f} ms | {mid['cls']:.3f} | {mid['si']:.0f} ms | {mid['benchmark_index']} |"
        )
    ctx.sections.append(Section("3b. Lighthouse (mobile)", lines))
    ctx.details["lighthouse"] = scores
    worst = min(scores, key=scores.get)
    below = [f"/{u} {s}" for u, s in scores.items() if s < LIGHTHOUSE_BUDGET]
    return [
        Result(
            "lighthouse",
            f"Lighthouse mobile performance, worst of {len(scores)} pages",
            f"≥ {LIGHTHOUSE_BUDGET}",
            f"{scores[worst]} (/{worst})",
            not below,
            ("below budget: " + ", ".join(below)) if below else "",
        )
    ]
