// Opens a built handout from disk (file://) and checks print support: the
// print button is shown by tebiki-print.js and prints; the running header and
// footer values are set from the page's head; in print media the site's
// chrome is hidden and the cover is on a named page.
// Usage: node print_button.mjs HANDOUT_INDEX_HTML CANONICAL_URL
import { pathToFileURL } from "node:url";
import { launch, fail } from "./lib.mjs";

const [file, canonical] = process.argv.slice(2);
const ctx = await launch();
const page = await ctx.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
await page.goto(pathToFileURL(file).href);

const button = page.locator("button[data-tebiki-print]");
if (!(await button.isVisible())) fail("the print button is not shown");
await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
await button.click();
if ((await page.evaluate(() => window.__printed)) !== 1) fail("the print button does not print");

const vars = await page.evaluate(() => {
  const s = getComputedStyle(document.documentElement);
  return ["title", "site", "url", "date"].map((k) => s.getPropertyValue(`--tebiki-print-${k}`).trim());
});
if (vars[2] !== JSON.stringify(canonical)) fail(`--tebiki-print-url is ${vars[2]}, expected "${canonical}"`);
if (!vars[0] || vars[0] === '""') fail("--tebiki-print-title is empty");
if (!/\d/.test(vars[3])) fail(`--tebiki-print-date has no date: ${vars[3]}`);

await page.emulateMedia({ media: "print" });
const shown = await page.evaluate(() =>
  [".site-header", ".breadcrumbs", ".site-footer", ".handout-actions"].map((s) => {
    const el = document.querySelector(s);
    return el ? getComputedStyle(el).display : "none";
  }));
if (shown.some((d) => d !== "none")) fail(`site chrome is printed: ${shown}`);
const cover = await page.evaluate(() => getComputedStyle(document.querySelector(".handout-cover")).page);
if (cover !== "handout-cover") fail(`the cover is on page "${cover}"`);
if (errors.length) fail(errors.join("\n"));
await ctx.close();
console.log(`print support checked: ${vars.join(" | ")}`);
