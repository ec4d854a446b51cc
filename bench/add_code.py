#!/usr/bin/env python3
"""Add fenced code blocks in 24 languages to a gen_corpus.py corpus, like real technical docs.

Usage: add_code.py CORPUS_DIR [--plain]

Every third page pair (in the order of corpus.files) gets two to four blocks, the same blocks
in both languages, the languages taken in turn from LANGS. With --plain the blocks carry no
language tag, so there is nothing to highlight: building both variants shows what
highlighting costs. Run it on the corpus before converting it (to_tebiki.py, to_zensical.py),
so that every tool gets the same blocks. It also turns Hugo's highlighting of code fences on,
with CSS classes as tebiki's (the corpus's hugo.toml has it off), in both variants: the plain
variant differs from the highlighted one only in the fences' language tags. Deterministic;
refuses a corpus it has already changed.
"""
import os
import sys

import corpus

SNIPPETS = {
    "python": "import json\n\ndef load(path: str) -> dict:\n    with open(path, encoding='utf-8') as f:\n        return json.load(f)\n",
    "javascript": "export async function fetchJson(url) {\n  const res = await fetch(url);\n  if (!res.ok) throw new Error(`HTTP ${res.status}`);\n  return res.json();\n}\n",
    "typescript": "interface Budget { fy: number; okuYen: number }\nexport const total = (xs: Budget[]): number => xs.reduce((s, x) => s + x.okuYen, 0);\n",
    "go": "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(\"step\", i)\n\t}\n}\n",
    "rust": "fn mean(xs: &[f64]) -> Option<f64> {\n    if xs.is_empty() { return None; }\n    Some(xs.iter().sum::<f64>() / xs.len() as f64)\n}\n",
    "java": "public final class Greeter {\n    public static void main(String[] args) {\n        System.out.println(\"hello\");\n    }\n}\n",
    "csharp": "using System;\n\npublic static class Program {\n    public static void Main() => Console.WriteLine(\"hello\");\n}\n",
    "cpp": "#include <vector>\n#include <numeric>\nint sum(const std::vector<int>& v) { return std::accumulate(v.begin(), v.end(), 0); }\n",
    "c": "#include <stdio.h>\nint main(void) {\n    printf(\"%d\\n\", 42);\n    return 0;\n}\n",
    "php": "<?php\nfunction greet(string $name): string {\n    return \"Hello, {$name}\";\n}\necho greet('world');\n",
    "ruby": "class Report\n  def initialize(rows) = @rows = rows\n  def total = @rows.sum { |r| r[:amount] }\nend\n",
    "kotlin": "data class Program(val id: String, val budget: Double)\nfun main() = println(Program(\"b-cure\", 43.0))\n",
    "swift": "struct Program { let id: String; let budget: Double }\nprint(Program(id: \"b-cure\", budget: 43))\n",
    "bash": "#!/usr/bin/env bash\nset -euo pipefail\nfor f in content/**/*.md; do\n  wc -c \"$f\"\ndone\n",
    "powershell": "Get-ChildItem -Path content -Recurse -Filter *.md |\n  ForEach-Object { \"{0} {1}\" -f $_.Length, $_.Name }\n",
    "sql": "SELECT fy, SUM(oku_yen) AS total\nFROM budget\nWHERE scope = 'amed'\nGROUP BY fy\nORDER BY fy;\n",
    "yaml": "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\n",
    "json": "{\n  \"id\": \"b-cure\",\n  \"budget\": [{\"fy\": 2025, \"oku_yen\": 43}]\n}\n",
    "toml": "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n",
    "html": "<nav aria-label=\"breadcrumbs\">\n  <ol><li><a href=\"../\">Home</a></li></ol>\n</nav>\n",
    "css": ".card {\n  border: 1px solid var(--line);\n  padding: 1rem;\n}\n",
    "dockerfile": "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y chromium\nCOPY public /srv\n",
    "xml": "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>\n",
    "diff": "--- a/site.yaml\n+++ b/site.yaml\n@@ -1 +1 @@\n-title: old\n+title: new\n",
}
LANGS = sorted(SNIPPETS)
HUGO_OFF = "[markup.highlight]\n  codeFences = false\n"
HUGO_ON = "[markup.highlight]\n  codeFences = true\n  noClasses = false\n"


def blocks(i, k, plain):
    """The blocks for the I-th source page, K blocks having been given out before; and the new K."""
    n = 2 + (i // 3) % 3
    langs = [LANGS[(k + j) % len(LANGS)] for j in range(n)]
    text = "".join(f"\n```{'' if plain else lang}\n{SNIPPETS[lang]}```\n" for lang in langs)
    return text, k + n


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    out, plain = sys.argv[1], "--plain" in sys.argv[2:]
    hugo = os.path.join(out, "hugo.toml")
    with open(hugo, encoding="utf-8") as f:
        config = f.read()
    if HUGO_OFF not in config:
        sys.exit(f"add_code.py: {hugo} does not have highlighting off as gen_corpus.py writes it (code added already?)")
    corpus.write(hugo, config.replace(HUGO_OFF, HUGO_ON))
    pages = [f for f in corpus.files(out) if not f.is_index]
    sources = [f for f in pages if f.lang == "ja"]
    text, k = {}, 0
    for i, f in enumerate(sources):
        if i % 3 == 0:
            text[(f.dirs, f.stem)], k = blocks(i, k, plain)
    for f in pages:
        if (f.dirs, f.stem) in text:
            with open(f.path, "a", encoding="utf-8", newline="\n") as o:
                o.write("\n" + text[(f.dirs, f.stem)])
    print(f"{len(LANGS)} languages, {k} blocks on {len(text)} of {len(sources)} page pairs"
          + (" (no language tags)" if plain else ""))


if __name__ == "__main__":
    main()
