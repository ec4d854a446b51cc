// Accessibility and strict CSP of built pages, in headless Chromium.
//
// Serves SITE_DIR from a tiny HTTP server on 127.0.0.1 that sends every
// response with `Content-Security-Policy: default-src 'self'`, and for each
// PAGE (a path under the site, e.g. ja/programs/b-cure/index.html) in the
// light and the dark colour scheme:
//   - no console error, page error, CSP violation or failed request;
//   - axe-core finds no violation of the WCAG 2.x A and AA rules;
//   - on pages with a site header, the first Tab focuses a visible skip link;
//   - at 320 CSS px wide (light scheme), the page does not scroll sideways.
// A miss is answered with the site's 404.html (status 404), as a host would.
// Pages are checked four at a time in one browser (TEBIKI_AXE_JOBS=N for
// another number); the time taken is printed.
// With TEBIKI_A11Y_REPORT=FILE, the run is also written to FILE as the
// report a site's accessibility statement is filled from (`accessibility:`
// in site.yaml): date, checker and browser versions, rules, pages, views
// and every failure.
// Usage: node axe.mjs SITE_DIR PAGE...
import http from "node:http";
import { writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve, sep } from "node:path";
import { launch, fail } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const root = resolve(process.argv[2]);
const pages = process.argv.slice(3);
const CSP = "default-src 'self'";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
};

async function fileFor(urlPath) {
  let p = decodeURIComponent(urlPath);
  if (p.endsWith("/")) p += "index.html";
  const file = normalize(join(root, p));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const file = await fileFor(url.pathname);
  const headers = { "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff" };
  if (file) {
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(await readFile(file));
  } else {
    res.writeHead(404, { ...headers, "Content-Type": TYPES[".html"] });
    res.end(await readFile(join(root, "404.html")).catch(() => "not found"));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const ctx = await launch();
let checked = 0;
const started = Date.now();
// Pages are checked several at a time in the one browser: each view is its
// own tab, so they do not share state. TEBIKI_AXE_JOBS sets how many.
const JOBS = Math.max(1, Number(process.env.TEBIKI_AXE_JOBS) || 4);
const views = pages.flatMap((path) => ["light", "dark"].map((scheme) => [path, scheme]));

async function check(path, scheme) {
  const page = await ctx.newPage();
  const where = `${path} (${scheme})`;
  const problems = [];
  const url = new URL(path, base).href;
  page.on("console", (m) => {
    // The document of a deliberate miss is itself a 404; everything it loads must not be.
    if (m.type() === "error" && !(m.location().url === url && /status of 404/.test(m.text()))) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== url) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.emulateMedia({ colorScheme: scheme });
  const resp = await page.goto(url, { waitUntil: "load" });
  if (!resp) problems.push("no response");
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  }, TAGS);
  for (const v of violations) problems.push(`axe ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.join("\n      ")}`);
  const hasHeader = await page.evaluate(() => !!document.querySelector(".site-header"));
  if (hasHeader) {
    await page.bringToFront();
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.classList.contains("skip-link")) return `first Tab focuses <${el?.tagName?.toLowerCase()}>, not the skip link`;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight) return "the focused skip link is not visible";
      if (s.outlineStyle === "none" && s.boxShadow === "none") return "the focused skip link shows no focus indicator";
      return "";
    });
    if (skip) problems.push(skip);
  }
  if (scheme === "light") {
    // WCAG 1.4.10 (reflow): at 320 CSS px the page does not scroll sideways;
    // wide tables and drawings scroll inside their own boxes instead.
    await page.setViewportSize({ width: 320, height: 640 });
    const wide = await page.evaluate(() => {
      const root = document.documentElement;
      const over = root.scrollWidth - root.clientWidth;
      if (over <= 1) return "";
      const scrolls = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== "visible") return true;
        }
        return false;
      };
      const out = [...document.body.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !scrolls(e))
        .filter((e) => e.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
        .slice(0, 3)
        .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">`);
      return `at 320 px wide the page scrolls sideways by ${over} px; sticking out: ${out.join(", ")}`;
    });
    if (wide) problems.push(wide);
  }
  await page.close();
  return problems.map((p) => `${where}: ${p}`);
}

const failures = [];
try {
  let next = 0;
  const worker = async () => {
    while (next < views.length) {
      const [path, scheme] = views[next++];
      failures.push(...(await check(path, scheme)));
      checked++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, views.length) }, worker));
  if (process.env.TEBIKI_A11Y_REPORT) {
    // The browser's version as its pages see it (a persistent context has no browser object).
    const p = await ctx.newPage();
    const agent = await p.evaluate(() => navigator.userAgent);
    await p.close();
    const chromiumVersion = (/Chrome\/([\d.]+)/.exec(agent) ?? [])[1] ?? "";
    const report = {
      format: "tebiki-accessibility-report",
      version: 1,
      date: new Date().toISOString().slice(0, 10),
      tool: `axe-core ${require("axe-core/package.json").version}`,
      browser: `Chromium ${chromiumVersion}`.trim(),
      rules: TAGS,
      pages: pages.length,
      views: checked,
      schemes: ["light", "dark"],
      failures: [...failures].sort(),
    };
    writeFileSync(process.env.TEBIKI_A11Y_REPORT, JSON.stringify(report, null, 2) + "\n");
  }
} finally {
  await ctx.close();
  server.close();
}
for (const f of failures.sort()) fail(f);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`axe + CSP: ${checked} page views checked (${pages.length} pages, light and dark) in ${seconds} s, ${JOBS} at a time`);
