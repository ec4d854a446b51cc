// Opens a page served by `tebiki serve` and, with no navigation by the test:
// edits its Markdown and waits for the new text; breaks its front matter and
// waits for the overlay naming the file and line; fixes it and waits for the
// overlay to go. Every response gets a strict Content-Security-Policy, so the
// live-reload script and the overlay must work under one.
// Usage: node serve_reload.mjs PAGE_URL MARKDOWN_FILE [SCREENSHOT.png]
import { readFileSync, writeFileSync } from "node:fs";
import { launch, fail } from "./lib.mjs";

const [url, file, shot] = process.argv.slice(2);
const rel = "content/programs/alpha.en.md";
const original = readFileSync(file, "utf8");
const ctx = await launch();
const page = await ctx.newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(String(e)));
page.on("console", (m) => {
  if (m.type() === "error") problems.push(`console: ${m.text()}`);
});
// A strict CSP on everything but the event stream (which must stay a stream).
await ctx.route((u) => !u.pathname.startsWith("/__tebiki/events"), async (route) => {
  try {
    const response = await route.fetch();
    const headers = { ...response.headers(), "content-security-policy": "default-src 'self'; base-uri 'none'; form-action 'self'" };
    await route.fulfill({ response, headers });
  } catch (e) {
    // A live reload cancels the requests still in flight; nothing waits for
    // their responses (Playwright disposes of them), so there is nothing to
    // fulfil ("Request context disposed", "… has been disposed"). Any other
    // failure is the test's.
    if (!/disposed|has been closed|already handled/.test(String(e))) throw e;
  }
});
const navigations = [];
page.on("framenavigated", (f) => {
  if (f === page.mainFrame()) navigations.push(f.url());
});

const text = () => page.evaluate(() => document.body.innerText);
const overlay = page.locator("#tebiki-overlay");
const wait = { timeout: 20000 };

await page.goto(url);
if (!(await text()).includes("Alpha body text.")) fail("the page does not show its text");
if (await overlay.count()) fail("an overlay on a good build");
// Let the script connect before the edit (it would reload on connecting anyway).
await page.waitForTimeout(300);

writeFileSync(file, original.replace("Alpha body text.", "Alpha body, edited in the browser test."));
await page.waitForFunction(() => document.body.innerText.includes("Alpha body, edited in the browser test."), null, wait);
if (page.url() !== url) fail(`the page moved to ${page.url()}`);

writeFileSync(file, original.replace("summary: A program for tests.", "summary: [unclosed"));
await overlay.locator(".where").first().waitFor(wait);
const where = await overlay.locator(".where").allInnerTexts();
if (!where.some((w) => w.startsWith(`${rel}:3`))) fail(`the overlay does not name ${rel}:3: ${where.join(" | ")}`);
const message = await overlay.locator(".message").first().innerText();
if (!message.trim()) fail("the overlay has no message");
if (!(await text()).includes("Alpha body, edited in the browser test.")) fail("the last good build is not shown under the overlay");
if (shot) await page.screenshot({ path: shot });

writeFileSync(file, original.replace("Alpha body text.", "Alpha body, fixed."));
await page.waitForFunction(() => document.body.innerText.includes("Alpha body, fixed."), null, wait);
await overlay.waitFor({ state: "detached", ...wait });
if (page.url() !== url) fail(`the page moved to ${page.url()}`);
if (navigations.some((n) => n !== url)) fail(`navigated elsewhere: ${navigations.join(", ")}`);

const csp = problems.filter((p) => /Content Security Policy/i.test(p));
if (csp.length) fail(`CSP violations:\n${csp.join("\n")}`);
const other = problems.filter((p) => !/Content Security Policy/i.test(p) && !/EventSource|net::ERR/i.test(p));
if (other.length) fail(other.join("\n"));
await ctx.close();
console.log(`reloaded ${navigations.length - 1} times; overlay shown and cleared`);
