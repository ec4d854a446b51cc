// Charts and diagrams in a real browser: the widths tebiki estimated for
// their text hold (no label runs into a bar, out of its box or off the
// drawing), in both languages and in the dark scheme, and diagram boxes link
// to existing pages through a layer of links lying over the drawing. With
// OUT_DIR, also saves screenshots of every figure of the given pages (light
// ja, light en, dark ja) and prints one to PDF.
// Usage: node charts.mjs PUBLIC_DIR [OUT_DIR] [PAGE…]   (PAGE like ja/projects/p3-data-lifecourse/)
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { launch, fail } from "./lib.mjs";

const [dir, out, ...only] = process.argv.slice(2);
if (out) mkdirSync(out, { recursive: true });

/** Every built page that has a figure.chart, relative to dir. */
function pagesWithCharts() {
  const found = [];
  for (const lang of ["ja", "en"]) {
    for (const section of ["projects", "programs", "periods", "crosswalk"]) {
      const base = join(dir, lang, section);
      if (!existsSync(base)) continue;
      const subs = section === "crosswalk" ? [""] : readdirSync(base).map((d) => d + "/");
      for (const s of subs) {
        const file = join(base, s, "index.html");
        if (existsSync(file)) found.push(`${lang}/${section}/${s}`);
      }
    }
  }
  return found;
}

const ctx = await launch();
const page = await ctx.newPage();
page.on("pageerror", (e) => fail(String(e)));

/** Problems of the figures on the current page, measured by the browser. */
async function measure() {
  return page.evaluate(() => {
    const problems = [];
    for (const fig of document.querySelectorAll("figure.chart")) {
      const svg = fig.querySelector("svg[role=img]");
      if (!svg) { problems.push(`${fig.id}: no svg[role=img]`); continue; }
      if (!svg.querySelector("title") || !svg.querySelector("desc")) problems.push(`${fig.id}: no title/desc`);
      const view = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll("text")) {
        const b = t.getBBox();
        if (b.x < view.x - 0.5 || b.x + b.width > view.x + view.width + 0.5) {
          problems.push(`${fig.id}: text outside the drawing: ${t.textContent}`);
        }
        if (t.classList.contains("chart-label")) {
          // Labels end before zero (x = 248) with room to spare.
          if (b.x + b.width > 246) problems.push(`${fig.id}: label runs into the bars: ${t.textContent}`);
        }
      }
      for (const r of svg.querySelectorAll("rect.dg-box")) {
        const box = r.getBBox();
        for (const t of svg.querySelectorAll("text.dg-text")) {
          const b = t.getBBox();
          const cy = b.y + b.height / 2;
          if (cy > box.y && cy < box.y + box.height && b.x + b.width / 2 > box.x && b.x + b.width / 2 < box.x + box.width) {
            if (b.x < box.x + 2 || b.x + b.width > box.x + box.width - 2) problems.push(`${fig.id}: text wider than its box: ${t.textContent}`);
          }
        }
      }
      const layer = fig.querySelector(".diagram-links");
      if (layer) {
        // The layer of links lies exactly over the drawing, and the middle of
        // every box is the box's link, so a click on a box opens its page.
        const a = svg.getBoundingClientRect();
        const b = layer.getBoundingClientRect();
        const at = (r) => `${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
        if (["x", "y", "width", "height"].some((k) => Math.abs(a[k] - b[k]) > 0.5)) {
          problems.push(`${fig.id}: the link layer (${at(b)}) is not over the drawing (${at(a)})`);
        }
        for (const link of layer.querySelectorAll("a")) {
          if (!link.getAttribute("aria-label")) problems.push(`${fig.id}: link without a name`);
          const hit = link.querySelector(".dg-hit");
          hit.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
          const r = hit.getBoundingClientRect();
          const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          if (!top || !link.contains(top)) {
            problems.push(`${fig.id}: a click on the box of ${link.getAttribute("aria-label")} lands on ${top?.outerHTML.slice(0, 80)}`);
          }
        }
      }
    }
    return problems;
  });
}

const targets = only.length ? only : pagesWithCharts();
let figures = 0;
// Geometry does not depend on the colour scheme: the dark one is only for screenshots.
const schemes = out && only.length ? ["light", "dark"] : ["light"];
for (const rel of targets) {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(pathToFileURL(join(dir, rel, "index.html")).href);
    figures += await page.locator("figure.chart").count();
    for (const p of await measure()) fail(`${rel} (${scheme}): ${p}`);
    // On a phone a drawing keeps its text legible (at least 11 CSS px, the
    // size it is drawn at) and scrolls sideways in its labelled region.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of await page.evaluate(() => [...document.querySelectorAll(".chart-scroll")].flatMap((region) => {
      const svg = region.querySelector("svg");
      if (!svg) return [];
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const small = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale).filter((px) => px < 11);
      const out = [];
      if (small.length) out.push(`${small.length} labels of ${region.getAttribute("aria-labelledby")} are drawn at ${Math.min(...small).toFixed(1)} px at 390 px wide`);
      if (region.scrollWidth > region.clientWidth + 1 && (region.getAttribute("tabindex") !== "0" || region.getAttribute("role") !== "region")) out.push(`${region.getAttribute("aria-labelledby")} scrolls but is not a focusable region`);
      return out;
    }))) fail(`${rel}: ${p}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Every link of a diagram opens an existing file.
    const hrefs = await page.$$eval(".diagram-links a", (as) => as.map((a) => a.href.baseVal ?? a.href));
    for (const h of hrefs) {
      const abs = new URL(h, page.url()).href;
      if (!existsSync(fileURLToPath(abs))) fail(`${rel}: diagram link to a missing file: ${h}`);
    }
    if (out && only.length) {
      const name = rel.replace(/\/$/, "").replaceAll("/", "_");
      const figs = page.locator("figure.chart");
      for (let i = 0; i < (await figs.count()); i++) {
        const id = await figs.nth(i).getAttribute("id");
        await figs.nth(i).screenshot({ path: join(out, `${name}_${scheme}_${id}.png`) });
      }
      if (scheme === "light") {
        await page.emulateMedia({ media: "print", colorScheme: "light" });
        await page.pdf({ path: join(out, `${name}.pdf`), format: "A4", printBackground: false });
        await page.emulateMedia({ media: "screen" });
      }
    }
  }
}
console.log(`checked ${figures} figures on ${targets.length} pages`);
if (figures === 0) fail("no figure.chart found");
await ctx.close();
