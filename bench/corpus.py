"""Reading a corpus written by gen_corpus.py: its files, their front matter and their links.

The converters (to_tebiki.py, to_zensical.py) and add_code.py share these helpers, so that
every tool gets the same pages with the same bodies. Standard library only: gen_corpus.py
writes a small, fixed subset of YAML (one `key: value` a line, values in JSON syntax or bare
words, one level of nesting), which `front_matter` reads back.
"""
import json
import os
import re

# A link from one corpus page to another, as gen_corpus.py writes it:
# `[text](../../programs/g001/prg-00012-cancer/)`; group 2 the target's folders, group 3 its id.
LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)+((?:[a-z]+)(?:/g\d+)*)/([a-z0-9-]+)/\)")


class File:
    """One Markdown file of the corpus."""

    def __init__(self, corpus, path):
        self.path = path
        name = os.path.basename(path)
        self.dirs = os.path.relpath(os.path.dirname(path), os.path.join(corpus, "content"))
        if self.dirs == ".":
            self.dirs = ""
        self.lang = "en" if name.endswith(".en.md") else "ja"
        self.stem = name[: -len(".en.md")] if self.lang == "en" else name[: -len(".md")]
        self.is_index = self.stem == "_index"

    def read(self):
        """The file's front matter (a dict) and its body."""
        with open(self.path, encoding="utf-8") as f:
            return split(f.read())


def files(corpus):
    """Every Markdown file under CORPUS/content, in a stable order (folders, then stems, ja first)."""
    out = []
    for root, _, names in os.walk(os.path.join(corpus, "content")):
        out += [File(corpus, os.path.join(root, n)) for n in names if n.endswith(".md")]
    return sorted(out, key=lambda f: (f.dirs, f.stem, f.lang != "ja"))


def split(text):
    """Front matter and body of a file that starts with a `---` block."""
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return front_matter(m.group(1)), text[m.end():]


def front_matter(block):
    """Parse gen_corpus.py's front matter: `key: value` lines, nested one level by two spaces."""
    top, current = {}, None
    for line in block.splitlines():
        if not line.strip():
            continue
        nested = line.startswith("  ")
        key, _, raw = line.strip().partition(":")
        raw = raw.strip()
        value = scalar(raw) if raw else {}
        if nested and current is not None:
            current[key] = value
        else:
            top[key] = value
            current = value if raw == "" else None
    return top


def scalar(raw):
    """A value in JSON syntax (strings, numbers, lists), else the bare word as a string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def yaml_value(value):
    """A value in the JSON syntax that YAML reads too (strings quoted, lists in brackets)."""
    return json.dumps(value, ensure_ascii=False)


def write(path, text):
    """Write TEXT to PATH (UTF-8, LF), making its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
