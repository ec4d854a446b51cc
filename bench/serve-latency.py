#!/usr/bin/env python3
"""Save-to-reload time of `tebiki serve`: the time from writing a page's
Markdown file to the reload event reaching a page, over many edits.

Usage: bench/serve-latency.py [--site DIR] [--page REL] [--edits N] [--bin PATH] [--poll]

The site (default: the shipped one) is copied to a temporary folder first.
Build the binary with `cargo build --release` first. Prints the median and
spread, and the server's own rebuild times.
"""
import argparse
import os
import re
import shutil
import statistics
import time

from serve_client import ROOT, Server, copy_site, edit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=ROOT)
    ap.add_argument("--page", default="content/programs/b-cure.en.md")
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/tebiki"))
    ap.add_argument("--poll", action="store_true")
    args = ap.parse_args()
    root = copy_site(args.site)
    server = Server(args.bin, root, ["--poll"] if args.poll else [])
    try:
        page = os.path.join(root, args.page)
        times = []
        for n in range(args.edits):
            t0 = edit(page, n)
            t1 = server.wait_reload()
            times.append((t1 - t0) * 1000)
            time.sleep(0.3)
        builds = [int(m.group(1)) for line in server.lines if (m := re.search(r"rebuilt \d+ pages in (\d+) ms", line))]
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    times.sort()
    q = statistics.quantiles(times, n=10)
    print(f"site: {args.site} ({args.page}), {args.edits} edits{' (--poll)' if args.poll else ''}")
    print(f"save-to-reload: median {statistics.median(times):.0f} ms, p10 {q[0]:.0f} ms, p90 {q[-1]:.0f} ms, "
          f"min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
    if builds:
        print(f"rebuild alone (server's own timing): median {statistics.median(builds):.0f} ms")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
