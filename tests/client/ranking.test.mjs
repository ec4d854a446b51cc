// The client's ranking, with node's test runner: on made-up results, and,
// when TEBIKI_FAMILY_INDEX names the `ja/search/v1/` folder of the built
// `search/family` fixture (its `en` sibling too), on a family of pages that
// share one word.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadClient } from "./load.mjs";

const client = loadClient();
const TITLE = 0x80;

test("every term in the title ranks first, the shortest such title before longer ones", () => {
  const docs = [0, 1, 2, 3];
  const lists = [[docs, [TITLE | 9, TITLE | 20, 30, TITLE | 1]]];
  const lengths = new Uint8Array([4, 6, 1, 1]);
  const order = [...client.rank(client.score(lists), lengths)].map((r) => r.doc);
  assert.deepEqual(order, [3, 0, 1, 2]);
});

test("without title lengths the order is tier, then score", () => {
  const lists = [[[0, 1, 2], [TITLE | 9, TITLE | 20, 30]]];
  assert.deepEqual([...client.rank(client.score(lists), null)].map((r) => r.doc), [1, 0, 2]);
});

test("a title lengths file is checked for its magic", () => {
  assert.deepEqual([...client.readTitleLengths(new Uint8Array([0x54, 0x42, 0x4b, 0x4c, 1, 3, 5]))], [3, 5]);
  assert.throws(() => client.readTitleLengths(new Uint8Array([0x54, 0x42, 0x4b, 0x53, 1, 3])));
});

/// The titles of the results for `q` in the index folder `dir`, in order.
function search(dir, q) {
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const query = client.parseQuery(q, m.stem);
  const lists = query.terms.map((t) => {
    const name = client.shardName(client.shardOf(t, m.shard_bits), m.shard_bits);
    const file = join(dir, "t", name + ".bin");
    const entry = existsSync(file) ? client.readShard(new Uint8Array(readFileSync(file))).get(t) : undefined;
    return entry ? client.postings(entry) : [[], []];
  });
  const lengths = client.readTitleLengths(new Uint8Array(readFileSync(join(dir, "l.bin"))));
  return client.rank(client.score(lists), lengths).map((r) => {
    const chunk = Math.floor(r.doc / m.meta_chunk);
    const rows = JSON.parse(readFileSync(join(dir, "m", chunk + ".json"), "utf8"));
    return rows[r.doc - chunk * m.meta_chunk][1];
  });
}

const family = process.env.TEBIKI_FAMILY_INDEX;

test("the page titled exactly トレース comes first for トレース", { skip: !family }, () => {
  const titles = search(family, "トレース");
  assert.equal(titles.length, 6, titles.join(" / "));
  assert.equal(titles[0], "トレース", titles.join(" / "));
});

test("the page titled Collector comes first for collector", { skip: !family }, () => {
  const titles = search(family.replace("/ja/", "/en/"), "collector");
  assert.equal(titles[0], "Collector", titles.join(" / "));
  assert.equal(titles.length, 6, titles.join(" / "));
});
