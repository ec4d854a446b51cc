#!/usr/bin/env python3
"""Memory of `tebiki serve` over many rebuilds: edits a page N times (default
500), waiting for each reload, and reports the resident memory (VmRSS) after
the first build and after the last rebuild.

Usage: bench/serve-soak.py [--site DIR] [--page REL] [--edits N] [--bin PATH]
"""
import argparse
import os
import shutil
import time

from serve_client import ROOT, Server, copy_site, edit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=ROOT)
    ap.add_argument("--page", default="content/programs/b-cure.en.md")
    ap.add_argument("--edits", type=int, default=500)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/tebiki"))
    args = ap.parse_args()
    root = copy_site(args.site)
    server = Server(args.bin, root)
    try:
        page = os.path.join(root, args.page)
        start = server.rss_kib()
        marks = []
        t = time.monotonic()
        for n in range(args.edits):
            edit(page, n)
            server.wait_reload()
            if (n + 1) % 100 == 0:
                marks.append(f"{n + 1}: {server.rss_kib() / 1024:.1f} MiB")
        time.sleep(1)
        end = server.rss_kib()
        took = time.monotonic() - t
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"site: {args.site}, {args.edits} edits in {took:.0f} s")
    print(f"resident memory: {start / 1024:.1f} MiB after the first build, {end / 1024:.1f} MiB after {args.edits} rebuilds")
    print("along the way: " + ", ".join(marks))


if __name__ == "__main__":
    main()
