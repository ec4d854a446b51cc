// Loads the theme's search script in node the way a page would (a classic
// script, no modules) and returns what it exposes for tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const script = fileURLToPath(new URL("../../themes/default/static/tebiki-search.js", import.meta.url));

export function loadClient() {
  const sandbox = { TextEncoder, TextDecoder, URL, URLSearchParams };
  sandbox.globalThis = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(script, "utf8"), sandbox, { filename: script });
  return sandbox.tebikiSearch;
}
