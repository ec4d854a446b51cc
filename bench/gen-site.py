#!/usr/bin/env python3
"""Writes a site of the shipped content plus N generated page pairs.

Usage: bench/gen-site.py OUT_DIR [PAIRS]   (default 1000 pairs)

A stand-in for the corpus generator of the performance work: each generated
pair is a copy of one of the shipped program pages (front matter, references,
glossary terms, tables) under a new id in content/programs/gen/, so it is
shaped like the real content and every reference in it resolves.
"""
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(out, "content"))
    shutil.copy(os.path.join(ROOT, "site.yaml"), out)
    programs = os.path.join(ROOT, "content", "programs")
    stems = sorted(f[: -len(".ja.md")] for f in os.listdir(programs) if f.endswith(".ja.md"))
    stems = [s for s in stems if os.path.exists(os.path.join(programs, s + ".en.md"))]
    gen = os.path.join(out, "content", "programs", "gen")
    os.makedirs(gen)
    for n in range(pairs):
        stem = stems[n % len(stems)]
        new = f"{stem}-g{n:04d}"
        for lang in ("ja", "en"):
            with open(os.path.join(programs, f"{stem}.{lang}.md"), encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"^id: .*$", f"id: {new}", text, count=1, flags=re.M)
            # A generated page has no children: nothing may name it as parent.
            with open(os.path.join(gen, f"{new}.{lang}.md"), "w", encoding="utf-8") as f:
                f.write(text)
    print(f"wrote {pairs} generated pairs (+ the shipped content) to {out}")


if __name__ == "__main__":
    main()
