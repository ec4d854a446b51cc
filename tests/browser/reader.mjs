// What a reader of the shipped site gets, measured in headless Chromium
// (issue 27, checks 4 and 5).
//
//   node reader.mjs SITE_DIR
//
// - Phrases: on every Japanese page, at 390 and 1280 CSS px wide, no h1 or
//   h2 breaks inside a phrase. The phrases are the runs of text between the
//   <wbr> the build put at BudouX's boundaries (a space, and the edge of an
//   element, end one too); a phrase is broken when its text range lies on
//   more than one line, which is allowed only where the phrase alone is
//   wider than its heading.
// - Terms: on the 3rd-period strategy page at 1280 px, in both languages,
//   the terms box is at most a tenth of the page's height.
// - Height: that page is at most 70% as tall as the theme before its
//   redesign made it. The issue measured 15,400 px (ja) on the text of
//   then; the text has grown since, so the old heights are of today's
//   text: the themes/ folder of commit 4975d8d (the last before the
//   redesign) beside today's content/, site.yaml and i18n/, built by that
//   commit's release build, measured here: 17,755 px (ja), 21,100 px (en).
//   Measure again when that page's text changes much.
// The heights are printed whichever checks run. Pages are checked four at a
// time in one browser (TEBIKI_AXE_JOBS=N).
//
// - Home: at 1280 x 900 px the home page's overview (kinds, periods, latest
//   pages) and the search box lie on its first screen, in both languages.
//
//   node reader.mjs SITE_DIR [phrases] [terms] [height] [home]   (all without a name)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { launch, fail } from "./lib.mjs";
import { serve } from "./server.mjs";

const site = resolve(process.argv[2] ?? "public");
const named = process.argv.slice(3);
const checks = new Set(named.length ? named : ["phrases", "terms", "height", "home"]);
const JOBS = Math.max(1, Number(process.env.TEBIKI_AXE_JOBS) || 4);
const LONG_PAGE = "policies/hms-3/index.html";
const OLD_HEIGHT = { ja: 17755, en: 21100 };
const MAX_HEIGHT = (lang) => Math.floor(OLD_HEIGHT[lang] * 0.7);

/** Every HTML page under `dir` that is not a redirect, relative to the site. */
function htmlPages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlPages(path));
    else if (name.endsWith(".html") && !readFileSync(path, "utf8").includes('http-equiv="refresh"')) out.push(relative(site, path));
  }
  return out;
}

/** In the page: the h1 and h2 whose phrases break across lines. */
function brokenPhrases() {
  const broken = [];
  for (const h of document.querySelectorAll("h1, h2")) {
    if (!h.closest("[lang]")?.lang.startsWith("ja") || h.getClientRects().length === 0) continue;
    const phrases = [];
    let current = null;
    const end = () => {
      if (current && current.text.trim()) phrases.push(current);
      current = null;
    };
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          end();
          const text = child.textContent;
          let start = 0;
          for (let k = 0; k <= text.length; k++) {
            if (k === text.length || /\s/.test(text[k])) {
              if (k > start) phrases.push({ node: child, start, end: k, text: text.slice(start, k) });
              start = k + 1;
            }
          }
        } else if (child.nodeName === "WBR") {
          end();
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          end();
          walk(child);
        }
      }
    };
    walk(h);
    for (const p of phrases) {
      // The line a phrase must fit: the box of its nearest block (a flex item, the heading).
      let box = p.node.parentElement;
      while (box !== h && getComputedStyle(box).display === "inline") box = box.parentElement;
      const width = box.clientWidth;
      const range = document.createRange();
      range.setStart(p.node, p.start);
      range.setEnd(p.node, p.end);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const r of rects) {
        if (r.top >= bottom - 2) {
          lines++;
          bottom = r.bottom;
        }
      }
      const total = rects.reduce((n, r) => n + r.width, 0);
      if (lines > 1 && total <= width) broken.push(`${h.tagName.toLowerCase()} 「${h.textContent.trim()}」 breaks inside 「${p.text}」`);
    }
  }
  return broken;
}

const server = await serve(site, "/");
const ctx = await launch();
const started = Date.now();
const views = !checks.has("phrases") ? [] : htmlPages(join(site, "ja")).flatMap((p) => [390, 1280].map((w) => [p, w]));
let checked = 0;
const failures = [];
try {
  let next = 0;
  const worker = async () => {
    while (next < views.length) {
      const [path, width] = views[next++];
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.base + path, { waitUntil: "load" });
      for (const b of await page.evaluate(brokenPhrases)) failures.push(`${path} at ${width} px: ${b}`);
      await page.close();
      checked++;
    }
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  for (const lang of ["ja", "en"]) {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.base}${lang}/${LONG_PAGE}`, { waitUntil: "load" });
    const [height, terms] = await page.evaluate(() => [
      document.documentElement.scrollHeight,
      document.querySelector(".terms")?.getBoundingClientRect().height ?? 0,
    ]);
    console.log(`${lang}/${LONG_PAGE} at 1280 px: ${height} px tall, terms box ${Math.round(terms)} px (${((terms / height) * 100).toFixed(1)}%)`);
    if (checks.has("height") && height > MAX_HEIGHT(lang)) failures.push(`${lang}/${LONG_PAGE}: ${height} px tall at 1280 px, more than ${MAX_HEIGHT(lang)} (70% of ${OLD_HEIGHT[lang]} in the old theme)`);
    if (checks.has("terms") && terms > height / 10) failures.push(`${lang}/${LONG_PAGE}: the terms box is ${Math.round(terms)} px, more than a tenth of ${height}`);
    if (checks.has("home")) {
      // The home page's first screen holds the overview: kinds, periods, latest pages, and the search box.
      await page.goto(`${server.base}${lang}/index.html`, { waitUntil: "load" });
      const [overview, search] = await page.evaluate(() => [
        document.querySelector(".overview")?.getBoundingClientRect().bottom ?? Infinity,
        document.querySelector(".site-search")?.getBoundingClientRect().bottom ?? Infinity,
      ]);
      console.log(`${lang}/index.html at 1280 px: the overview ends at ${Math.round(overview)} px`);
      if (overview > 900 || search > 900) failures.push(`${lang}/index.html: the overview (to ${Math.round(overview)} px) or the search box is below the first screen of 900 px`);
    }
    await page.close();
  }
} finally {
  await ctx.close();
  await server.close();
}
for (const f of failures) fail(f);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (checks.has("phrases")) console.log(`phrases: ${checked} views of Japanese pages checked at 390 and 1280 px in ${seconds} s, ${JOBS} at a time`);
