// The client's tokenizer against the cases the Rust tokenizer passes
// (tests/fixtures/search/tokenizer-cases.json), with node's test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadClient } from "./load.mjs";

const client = loadClient();
const { cases } = JSON.parse(readFileSync(new URL("../fixtures/search/tokenizer-cases.json", import.meta.url), "utf8"));

test("the cases file has cases", () => {
  assert.ok(cases.length >= 30);
});

for (const c of cases) {
  test(`${c.lang} ${JSON.stringify(c.text)}`, () => {
    assert.deepEqual([...client.tokenize(c.text, c.lang === "en")], c.tokens);
  });
}

test("genome, genomes and genomic share a stem", () => {
  assert.deepEqual(["genome", "genomes", "genomic"].map(client.stem), ["genom", "genom", "genom"]);
});

test("a query needs every term once; long Japanese runs keep a covering set of bigrams", () => {
  const q = client.parseQuery("AMED 支援 支援", false);
  assert.deepEqual([...q.terms], ["amed", "支援"]);
  const long = client.parseQuery("ゲノム医療実現推進プラットフォーム事業", false);
  assert.deepEqual([...long.runs], ["ゲノム医療実現推進プラットフォーム事業"]);
  const all = client.tokenize("ゲノム医療実現推進プラットフォーム事業", false);
  for (let i = 0; i < all.length; i++) {
    const covered = long.terms.some((t) => t === all[i] || t === all[i - 1]);
    assert.ok(covered, `character ${i} not covered`);
  }
});

test("shard names and hashes match the Rust side", () => {
  assert.equal(client.fnv1a(""), 0x811c9dc5);
  assert.equal(client.fnv1a("a"), 0xe40c292c);
  assert.equal(client.shardOf("a", 4), 0xe);
  assert.equal(client.shardName(0x2a, 9), "02a");
  assert.equal(client.shardName(0, 0), "0");
  const m = { shards: "0902" };
  assert.deepEqual([0, 1, 3, 9, 15].map((s) => client.hasShard(m, s)), [true, false, true, true, false]);
});

test("a shard written by the Rust side reads back, in both forms", () => {
  // TBKS 1, two terms: "ab" as deltas (3, 5) with weights 0x81, 0x02;
  // "c" as a bitmap of documents 1 and 9 with weights 1, 2.
  const bytes = new Uint8Array([
    0x54, 0x42, 0x4b, 0x53, 1, 2,
    2, 0x61, 0x62, 2, 0, 3, 2, 0x81, 0x02,
    1, 0x63, 2, 1, 2, 0b10, 0b10, 1, 2,
  ]);
  const shard = client.readShard(bytes);
  const [docs, weights] = client.postings(shard.get("ab"));
  assert.deepEqual([...docs], [3, 5]);
  assert.deepEqual([...weights], [0x81, 0x02]);
  const [d2, w2] = client.postings(shard.get("c"));
  assert.deepEqual([...d2], [1, 9]);
  assert.deepEqual([...w2], [1, 2]);
  assert.throws(() => client.readShard(new Uint8Array([1, 2, 3, 4, 5, 6])));
});
