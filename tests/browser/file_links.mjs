// Opens a built site from disk (file://) and checks that pages are styled and
// that every relative link of the home page, and of the pages it leads to,
// opens an existing, styled page in the right language.
// Usage: node file_links.mjs PUBLIC_DIR [SCREENSHOT.png]
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, fail } from "./lib.mjs";

const dir = process.argv[2];
const shot = process.argv[3];
const start = pathToFileURL(`${dir}/ja/index.html`).href;
const ctx = await launch();
const page = await ctx.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));

async function styled() {
  return page.evaluate(() => {
    const skip = document.querySelector(".skip-link");
    return !!skip && getComputedStyle(skip).position !== "static";
  });
}

await page.goto(start);
if (!(await styled())) fail("home page is not styled (tebiki.css not applied)");
if (shot) await page.screenshot({ path: shot, fullPage: false });
const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href).filter((h) => h.startsWith("file:")));
if (links.length < 5) fail(`too few links on the home page: ${links.length}`);
const seen = new Set();
for (const href of links) {
  const url = href.split("#")[0];
  if (seen.has(url)) continue;
  seen.add(url);
  const path = fileURLToPath(url);
  if (!existsSync(path)) { fail(`link to a missing file: ${href}`); continue; }
  if (url.endsWith("/")) { fail(`link to a folder (opens a listing from disk): ${href}`); continue; }
  await page.goto(url);
  const lang = await page.evaluate(() => document.documentElement.lang);
  const h1 = await page.evaluate(() => document.querySelector("h1")?.textContent ?? "");
  const expected = url.includes("/en/") ? "en" : "ja";
  if (lang !== expected) fail(`${url}: lang=${lang}, expected ${expected}`);
  if (!h1.trim()) fail(`${url}: no h1`);
  if (!(await styled())) fail(`${url}: not styled`);
}
if (errors.length) fail(errors.join("\n"));
await ctx.close();
console.log(`checked ${seen.size} pages from disk`);
