"""What ``from tokportal import AsyncTokPortal`` costs, against importing its dependencies.

    python benchmarks/import_cost.py [--rounds 15] [--importtime]

Each round starts two cold interpreters (no bytecode writing, the same Python as
this one), one running the SDK import and one running ``import httpx, attrs, cattrs, anyio``,
in alternating order so machine noise hits both alike. Each interpreter times its own import
with ``time.perf_counter`` (interpreter start-up is left out, it is the same for both). The
medians and their ratio are printed; the target is a ratio of at most 1.3: what the SDK adds
on top of the libraries it needs should stay small. ``--importtime`` also prints the SDK
modules that cost most (``-X importtime``, self time, one cold run).

Bytecode caches are used when present (they are in any installed wheel): run the script once
first, or pass ``--warm`` to let it do so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

SDK = "from tokportal import AsyncTokPortal"
BASELINE = "import httpx, attrs, cattrs, anyio"


def timed(statement: str) -> float:
    code = (
        "import time\n"
        "start = time.perf_counter()\n"
        f"{statement}\n"
        "print(time.perf_counter() - start)\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    return float(output.strip().splitlines()[-1])


def importtime(statement: str, top: int) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, self_us, _, name = (part.strip() for part in line.replace(":", "|", 1).split("|"))
        if self_us.isdigit() and name.startswith("tokportal"):
            rows.append((int(self_us), name))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--warm", action="store_true", help="compile bytecode caches first")
    args = parser.parse_args()
    if args.rounds < 10:
        parser.error("--rounds must be at least 10 (the median of fewer is noise)")
    if args.warm:
        subprocess.run([sys.executable, "-c", f"{SDK}; {BASELINE}"], check=True)

    sdk: list[float] = []
    base: list[float] = []
    for i in range(args.rounds):
        order = [(SDK, sdk), (BASELINE, base)]
        for statement, sink in order if i % 2 == 0 else order[::-1]:
            sink.append(timed(statement))

    sdk_ms, base_ms = statistics.median(sdk) * 1e3, statistics.median(base) * 1e3
    print(f"{BASELINE:<40} median {base_ms:7.1f} ms  ({args.rounds} cold interpreters)")
    print(f"{SDK:<40} median {sdk_ms:7.1f} ms")
    print(f"ratio SDK / dependencies: {sdk_ms / base_ms:.2f}x (target <= 1.30x)")
    if args.importtime:
        print(f"\nSDK modules by self time (-X importtime, one cold run of {SDK!r}):")
        for self_us, name in importtime(SDK, 15):
            print(f"  {self_us / 1e3:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
