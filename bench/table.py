#!/usr/bin/env python3
"""Print the Markdown table of a bench/run.sh run from its timings.

Usage: table.py RUNS_TSV

RUNS_TSV has one line per timed build: pairs, corpus variant, tool, wall (s), user (s), sys (s),
peak RSS (KiB), tab-separated, as run.sh appends them. For each size, variant and tool the table
gives the medians of wall time, CPU time (user + sys) and peak RSS, the range of wall times, how
many cores the build kept busy (CPU / wall), the CPU time per page (N pairs = 2N pages: this
column shows whether a tool's work grows linearly with the site) and the ratios to Hugo's medians
of the same size and variant. When the run has highlighted and plain code variants, a last column
gives each tool's highlighted wall time over its plain one.
"""
import statistics
import sys
from collections import defaultdict

TOOLS = ["tebiki", "hugo", "zensical"]
NAMES = {"tebiki": "tebiki", "hugo": "Hugo", "zensical": "Zensical"}
VARIANTS = {"base": "fair corpus", "code": "+ code, highlighted", "plain": "+ code, no language tags"}


def load(path):
    runs = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            pairs, variant, tool, wall, user, sys_, rss = line.split()
            runs[(int(pairs), variant, tool)].append((float(wall), float(user) + float(sys_), int(rss) / 1024))
    return runs


def medians(rows):
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[1] for r in rows)
    rss = statistics.median(r[2] for r in rows)
    return wall, cpu, rss, min(r[0] for r in rows), max(r[0] for r in rows)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    runs = load(sys.argv[1])
    m = {key: medians(rows) for key, rows in runs.items()}
    with_plain = any(v == "plain" for _, v, _ in m)
    head = ["N pairs", "corpus", "tool", "runs", "wall (s)", "wall range (s)", "CPU (s)", "CPU / wall",
            "CPU per page (ms)", "peak RSS (MiB)", "÷ Hugo: wall / CPU / RSS"]
    if with_plain:
        head.append("highlighted ÷ plain (wall)")
    print("| " + " | ".join(head) + " |")
    print("| " + " | ".join("---" if h in ("corpus", "tool", "÷ Hugo: wall / CPU / RSS") else "---:" for h in head) + " |")
    order = sorted({(n, v) for n, v, _ in m}, key=lambda k: (k[0], list(VARIANTS).index(k[1])))
    for n, variant in order:
        for tool in TOOLS:
            if (n, variant, tool) not in m:
                continue
            wall, cpu, rss, lo, hi = m[(n, variant, tool)]
            hugo = m.get((n, variant, "hugo"))
            ratio = "" if tool == "hugo" or not hugo else f"{wall / hugo[0]:.2f} / {cpu / hugo[1]:.2f} / {rss / hugo[2]:.2f}"
            row = [f"{n:,}", VARIANTS[variant], NAMES[tool], str(len(runs[(n, variant, tool)])),
                   f"{wall:.2f}", f"{lo:.2f}–{hi:.2f}", f"{cpu:.2f}", f"{cpu / wall:.2f}",
                   f"{cpu * 1000 / (2 * n):.3f}", f"{rss:,.0f}", ratio]
            if with_plain:
                plain = m.get((n, "plain", tool))
                row.append(f"{wall / plain[0]:.2f}" if variant == "code" and plain else "")
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
