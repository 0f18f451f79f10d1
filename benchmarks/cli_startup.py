"""How long ``tokportal --help`` and ``tokportal bundles --help`` take to start, against
``python -c pass`` (the interpreter alone).

    python benchmarks/cli_startup.py [--rounds 15]

Each round starts one cold process per case (``python -m tokportal ...``, the same Python as
this one), in a rotating order so machine noise hits every case alike, and times it from the
outside (``time.perf_counter`` around ``subprocess.run``: interpreter start-up included, which
is what a person at a shell waits for). Prints the medians and their ratios to the baseline;
``import click`` alone shows what the command framework costs before any of ours.
Both --help runs import neither httpx nor the models (tests/cli/test_process.py checks it);
``tokportal credits balance --help`` builds one command, for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CASES: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import click'": [sys.executable, "-c", "import click"],
    "tokportal --help": [sys.executable, "-m", "tokportal", "--help"],
    "tokportal bundles --help": [sys.executable, "-m", "tokportal", "bundles", "--help"],
    "tokportal bundles create --help": [
        sys.executable,
        "-m",
        "tokportal",
        "bundles",
        "create",
        "--help",
    ],
}


# Bytecode caches on, as in any installed wheel (a shell may have turned them off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=60, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    names = list(CASES)
    for command in CASES.values():  # warm the bytecode caches and the page cache once
        timed(command)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(args.rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(timed(CASES[name]))
    baseline = statistics.median(samples["python -c pass"])
    print(f"{args.rounds} rounds, median wall time per process start")
    for name in names:
        median = statistics.median(samples[name])
        print(f"  {name:<34} {median * 1000:7.1f} ms  x{median / baseline:.2f}")


if __name__ == "__main__":
    main()
