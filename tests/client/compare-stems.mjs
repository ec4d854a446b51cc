// Compares the client's stemmer with rust-stemmers on the words of a JSON
// file {word: stem} written by tests/it/search.rs.
import { readFileSync } from "node:fs";
import { loadClient } from "./load.mjs";

const client = loadClient();
const expected = JSON.parse(readFileSync(process.argv[2], "utf8"));
const wrong = Object.entries(expected).filter(([w, s]) => client.stem(w) !== s);
for (const [w, s] of wrong.slice(0, 40)) console.error(`${w}: rust ${s}, client ${client.stem(w)}`);
if (wrong.length) {
  console.error(`${wrong.length} of ${Object.keys(expected).length} words differ`);
  process.exit(1);
}
console.log(`${Object.keys(expected).length} words stem alike`);
