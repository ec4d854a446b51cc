// Screenshots of every template, for reviewing a change of the theme by eye.
//
//   tebiki build && node tests/browser/screenshots.mjs [SITE_DIR] [--only NAME,…]
//
// SITE_DIR is a built site (default: public/ under the current folder); the
// script builds nothing. It serves the folder on 127.0.0.1 and renders one
// representative page of every template — the home page, a policy, a
// project, a program, a handout, a kind list, a facet index and a facet
// value, a period, the crosswalk, the glossary, search with a query, the
// 404 page and the root language choice — in Japanese and English, in the
// light and the dark scheme, 1280 and 390 CSS px wide, each as one
// full-page PNG: target/screenshots/<name>-<lang>-<scheme>-<width>.png
// (the root and the 404 page have one language, named "all"). `--only`
// takes names from the list below (home,program,…) to render fewer.
// Needs `npm ci` in tests/browser once; uses Debian's chromium (lib.mjs).
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, fail } from "./lib.mjs";
import { serve } from "./server.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set(args.splice(onlyAt, 2)[1].split(",")) : null;
const site = resolve(args[0] ?? "public");
const outDir = join(repo, "target/screenshots");

const QUERY = { ja: "ゲノム", en: "genome" };
/** name → path under the site for a language (null: no language of its own). */
const PAGES = [
  ["home", (l) => `${l}/index.html`],
  ["policy", (l) => `${l}/policies/hms-3/index.html`],
  ["project", (l) => `${l}/projects/p3-data-lifecourse/index.html`],
  ["program", (l) => `${l}/programs/b-cure/index.html`],
  ["handout", (l) => `${l}/handouts/handout-hms-3/index.html`],
  ["kind-list", (l) => `${l}/programs/index.html`],
  ["facet-index", (l) => `${l}/ministries/index.html`],
  ["facet-value", (l) => `${l}/ministries/mhlw/index.html`],
  ["period", (l) => `${l}/periods/3/index.html`],
  ["crosswalk", (l) => `${l}/crosswalk/index.html`],
  ["glossary", (l) => `${l}/glossary/index.html`],
  ["accessibility", (l) => `${l}/accessibility/index.html`],
  ["search", (l) => `${l}/search/index.html?q=${encodeURIComponent(QUERY[l])}`],
  ["404", null, "404.html"],
  ["root", null, "index.html#choose"],
];
const WIDTHS = [1280, 390];
const SCHEMES = ["light", "dark"];

/** One job per picture: [name, lang, scheme, width, url]. */
const jobs = [];
for (const [name, pathFor, fixed] of PAGES) {
  if (only && !only.has(name)) continue;
  for (const lang of pathFor ? ["ja", "en"] : ["all"]) {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) jobs.push([name, lang, scheme, width, pathFor ? pathFor(lang) : fixed]);
    }
  }
}

mkdirSync(outDir, { recursive: true });
const server = await serve(site, "/");
const ctx = await launch();
let taken = 0;

/** Takes jobs off the list until it is empty, in a page of its own. */
async function worker() {
  const page = await ctx.newPage();
  page.on("pageerror", (e) => fail(`${page.url()}: ${e}`));
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    const [name, lang, scheme, width, path] = job;
    const url = server.base + path;
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await page.setViewportSize({ width, height: 900 });
    // A fresh document every time (the root's shots differ only in the hash).
    await page.goto("about:blank");
    const resp = await page.goto(url, { waitUntil: "load" });
    if (!resp || !resp.ok()) {
      fail(`${url}: HTTP ${resp ? resp.status() : "no response"}`);
      continue;
    }
    if (name === "search") {
      await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 0, null, { timeout: 10000 })
        .catch(() => fail(`${url}: no search results shown`));
    }
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(outDir, `${name}-${lang}-${scheme}-${width}.png`), fullPage: true });
    taken++;
  }
  await page.close();
}

try {
  await Promise.all([worker(), worker()]);
} finally {
  await ctx.close();
  await server.close();
}
console.log(`${taken} screenshots in ${outDir}`);
