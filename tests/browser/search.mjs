// Search in headless Chromium, on a built site served by server.mjs under a
// sub-path with `Content-Security-Policy: default-src 'self'`.
//
//   node search.mjs site    DIR MOUNT   checks on the shipped site (issue 7, checks 1–5)
//   node search.mjs stems   DIR MOUNT   `genome` finds pages that only say `genomic` or `genomes`
//   node search.mjs measure DIR MOUNT LANG QUERY…   bytes one query downloads, per query
import { launch, fail } from "./lib.mjs";
import { serve } from "./server.mjs";

const [mode, dir, mount = "/", ...rest] = process.argv.slice(2);
const server = await serve(dir, mount);
const ctx = await launch();
const foreign = [];
const errors = [];
ctx.on("request", (r) => {
  const u = new URL(r.url());
  if (u.origin !== server.origin && u.protocol !== "data:") foreign.push(r.url());
});
await ctx.route("**/*", (route) => {
  const u = new URL(route.request().url());
  return u.origin === server.origin ? route.continue() : route.abort();
});
const page = await ctx.newPage();
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`); });
page.on("pageerror", (e) => errors.push(`page error: ${e}`));

/** Runs a query on the search page of `lang` by typing it; returns what the page shows. */
async function search(lang, q, { filters = {}, via = "form" } = {}) {
  const url = `${server.base}${lang}/search/index.html`;
  if (via === "url") {
    const params = new URLSearchParams({ q, ...filters });
    await page.goto(`${url}?${params}`);
  } else {
    if (!page.url().startsWith(url)) await page.goto(url);
    for (const [name, value] of Object.entries(filters)) await page.selectOption(`select[name=${name}]`, value);
    await page.fill("#search-q", q);
    await page.press("#search-q", "Enter");
  }
  return results();
}

async function results() {
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return !s || (s.textContent && !document.getElementById("search-results").hasAttribute("aria-busy"));
  });
  if (!(await page.$("#search-status"))) fail(`left the search page for ${page.url()}`);
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    items: [...document.querySelectorAll("#search-results > li")].map((li) => ({
      href: li.querySelector("a").href,
      rawHref: li.querySelector("a").getAttribute("href"),
      title: li.querySelector("a").textContent,
      meta: li.querySelector(".search-result-meta")?.textContent ?? "",
      excerpt: li.querySelector(".search-result-excerpt")?.textContent ?? "",
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
    more: !document.getElementById("search-more").hidden,
  }));
}

/** All results, pressing "Show more" until there are no more. */
async function all(lang, q, opts) {
  let r = await search(lang, q, opts);
  for (let round = 0; r.more; round++) {
    const n = r.items.length;
    const at = page.url();
    if (round % 2 === 0) {
      // Pressed twice in one task: the second press must not fetch and append the same batch again.
      await page.$eval("#search-more", (b) => { b.click(); b.click(); });
    } else {
      // A person's double click: the batch is shown before the second click
      // arrives, and that click must not open the result now under the pointer.
      await page.dblclick("#search-more");
    }
    r = await results();
    check(page.url() === at, `${q}: a double click on "Show more" left the page for ${page.url()}`);
    check(r.items.length > n, `${q}: "Show more" added nothing (status: ${r.status})`);
  }
  const hrefs = r.items.map((i) => i.href);
  check(new Set(hrefs).size === hrefs.length, `${q}: a result listed twice`);
  return r;
}

/**
 * "Show more" when a batch's metadata cannot be fetched: the status says so,
 * nothing is appended, the button stays, and pressing it again once the
 * network is back shows the batch and the count again.
 */
async function moreFailureChecks(q) {
  let r = await search("en", q, { via: "url" });
  const count = r.status;
  const failed = "The search index could not be loaded.";
  let aborted = 0;
  const abort = (route) => { aborted++; return route.abort(); };
  const before = errors.length;
  await page.route("**/search/v1/m/*.json", abort);
  while (r.more && !aborted) {
    const n = r.items.length;
    await page.click("#search-more");
    r = await results();
    if (aborted) {
      check(r.status === failed, `${q}: a failed batch left the status at ${JSON.stringify(r.status)}`);
      check(r.items.length === n, `${q}: a failed batch appended ${r.items.length - n} results`);
      check(r.more, `${q}: "Show more" hidden after a failed batch`);
    } else check(r.items.length > n, `${q}: "Show more" added nothing`);
  }
  await page.unroute("**/search/v1/m/*.json", abort);
  // Chromium logs each aborted request as a console error; only those are expected.
  errors.push(...errors.splice(before).filter((e) => !/ERR_FAILED/.test(e)));
  check(aborted > 0, `${q}: no "Show more" needed a metadata chunk not yet fetched; pick a query with more results`);
  const n = r.items.length;
  await page.click("#search-more");
  r = await results();
  check(r.items.length > n, `${q}: "Show more" after the network came back added nothing`);
  check(r.status === count, `${q}: status after the retry ${JSON.stringify(r.status)}, not ${JSON.stringify(count)}`);
}

/** The indexed text of every page of `lang` (title, summary, body), normalised like the tokenizer does. */
async function pageTexts(lang) {
  const sitemap = await (await ctx.request.get(`${server.base}sitemap.xml`)).text();
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const out = new Map();
  const other = await ctx.newPage();
  for (const loc of locs) {
    const path = new URL(loc).pathname.replace(/^\/hms\//, "/").replace(/^\//, "");
    if (!new RegExp(`^${lang}/(policies|projects|programs|handouts)/[^/]+/$`).test(path)) continue;
    const url = `${server.base}${path}index.html`;
    await other.goto(url);
    const text = await other.evaluate(() =>
      ["h1", ".page-header .summary", ".body"].map((s) => document.querySelector(s)?.textContent ?? "").join("\n"));
    out.set(url, text.normalize("NFKC").toLowerCase());
  }
  await other.close();
  return out;
}

function subset(expected, got, what) {
  const have = new Set(got.items.map((i) => i.href));
  const missing = [...expected].filter((u) => !have.has(u));
  if (missing.length) fail(`${what}: missing ${missing.length} of ${expected.size}: ${missing.join(", ")}`);
}

function check(cond, msg) {
  if (!cond) fail(msg);
}

/**
 * English excerpts are cut between words: where an excerpt's text is found
 * in its page's text, the letters before and after it are not letters or
 * digits ("…ormation" is a cut word).
 */
function excerptEnds(q, r, texts) {
  const flat = (t) => t.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  let found = 0;
  for (const i of r.items) {
    const core = flat(i.excerpt.replace(/^…|…$/g, ""));
    const text = flat(texts.get(i.href) ?? "");
    const at = core ? text.indexOf(core) : -1;
    if (at < 0) continue;
    found++;
    const before = text[at - 1] ?? " ";
    const after = text[at + core.length] ?? " ";
    check(!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after), `${q}: the excerpt of ${i.href} cuts a word: …${text.slice(Math.max(0, at - 10), at)}[${core.slice(0, 30)}…${core.slice(-30)}]${text.slice(at + core.length, at + core.length + 10)}…`);
  }
  check(found * 2 >= r.items.length, `${q}: only ${found} of ${r.items.length} excerpts found in their pages' text`);
}

async function siteChecks() {
  const ja = await pageTexts("ja");
  const en = await pageTexts("en");
  check(ja.size > 40 && en.size > 40, `too few pages found: ${ja.size} ja, ${en.size} en`);
  const containing = (texts, ...parts) => new Set([...texts].filter(([, t]) => parts.every((p) => t.includes(p))).map(([u]) => u));

  // 1. Japanese.
  let r = await all("ja", "ゲノム");
  check(r.items.length >= 10, `ゲノム: only ${r.items.length} results`);
  subset(containing(ja, "ゲノム"), r, "ゲノム");
  for (const id of ["genome-platform", "genome-omics", "p2-genome-data", "p1-genomic-medicine"]) {
    check(r.items.some((i) => i.href.includes(`/${id}/`)), `ゲノム: no result for ${id}`);
  }
  for (const i of r.items) check(ja.get(i.href)?.includes("ゲノム"), `ゲノム: ${i.href} does not contain it`);
  check(r.items.every((i) => i.marks.some((m) => m.includes("ゲノム"))), "ゲノム: a result without the match highlighted");
  const titled = r.items.findIndex((i) => !i.title.includes("ゲノム"));
  check(titled < 0 || r.items.slice(titled).every((i) => !i.title.includes("ゲノム")), "ゲノム: title matches are not ranked first");

  r = await all("ja", "臨床試験");
  check(r.items.length >= 2, `臨床試験: only ${r.items.length} results`);
  subset(containing(ja, "臨床試験"), r, "臨床試験");
  for (const i of r.items) check(ja.get(i.href)?.includes("臨床試験"), `臨床試験: ${i.href} does not contain it`);

  r = await all("ja", "実現推進");
  const platform = r.items.find((i) => i.href.includes("/ja/programs/genome-platform/"));
  check(platform, "実現推進: ゲノム医療実現推進プラットフォーム事業 not found");
  check(platform?.marks.includes("実現推進"), `実現推進: the match inside the compound is not highlighted: ${platform?.marks}`);
  subset(containing(ja, "実現推進"), r, "実現推進");

  r = await all("ja", "AMED 支援");
  check(r.items.length >= 5, `AMED 支援: only ${r.items.length} results`);
  subset(containing(ja, "amed", "支援"), r, "AMED 支援");
  for (const i of r.items) {
    const t = ja.get(i.href) ?? "";
    check(t.includes("amed") && t.includes("支援"), `AMED 支援: ${i.href} lacks one of them`);
  }

  r = await search("ja", "ぬゑゐぽ qzxvkw");
  check(r.items.length === 0, `nonsense query returned ${r.items.length} results`);
  check(r.status === "該当するページはありません", `nonsense query status: ${r.status}`);

  // Results ranked with title matches first, and ?q= in the URL works.
  r = await search("ja", "ゲノム", { via: "url" });
  check(r.items.length >= 10 && r.items[0].title.includes("ゲノム"), "?q= in the URL: no results or title match not first");
  check(/\d+件のページが見つかりました/.test(r.status), `status in Japanese: ${r.status}`);

  // 2. English.
  r = await all("en", "genome");
  subset(new Set([...en].filter(([, t]) => /\bgenom(e|es|ic|ics)\b/.test(t)).map(([u]) => u)), r, "genome");
  check(r.items.some((i) => i.marks.some((m) => /^genomic$/i.test(m))), "genome: no result highlights `genomic`");
  for (const id of ["genome-platform", "p2-genome-data"]) check(r.items.some((i) => i.href.includes(`/en/programs/${id}/`) || i.href.includes(`/en/projects/${id}/`)), `genome: no result for ${id}`);
  check(/^\d+ pages found$/.test(r.status), `status in English: ${r.status}`);

  excerptEnds("genome", r, en);

  r = await all("en", "clinical trials");
  excerptEnds("clinical trials", r, en);
  check(r.items.some((i) => i.href.includes("/en/programs/nc-clinical-trials/")), "clinical trials: nc-clinical-trials not found");
  subset(new Set([...en].filter(([, t]) => /\bclinical trials?\b/.test(t)).map(([u]) => u)), r, "clinical trials");
  for (const i of r.items) {
    const t = en.get(i.href) ?? "";
    check(/\bclinic/.test(t) && /\btrial/.test(t), `clinical trials: ${i.href} lacks one of the words`);
  }

  for (const q of ["臨床試験", "疼痛"]) {
    check(![...en.values()].some((t) => t.includes(q)), `${q} occurs in English pages; pick another word`);
    r = await search("en", q);
    check(r.items.length === 0, `${q} on /en/ returned ${r.items.length} English pages`);
    check((await search("ja", q)).items.length > 0, `${q} finds no Japanese page either`);
  }

  // 3. Period filter.
  const unfiltered = await all("ja", "ゲノム");
  r = await all("ja", "ゲノム", { filters: { period: "3" } });
  check(r.items.length > 0 && r.items.length < unfiltered.items.length, `period 3: ${r.items.length} of ${unfiltered.items.length}`);
  for (const i of r.items) check(i.meta.includes("第3期"), `period 3: ${i.title} is not a 3rd-period page (${i.meta})`);
  const filteredUrl = page.url();
  check(/[?&]period=3/.test(filteredUrl), `the filter is not in the URL: ${filteredUrl}`);
  r = await search("ja", "ゲノム", { via: "url", filters: { period: "3", kind: "program" } });
  for (const i of r.items) check(i.meta.includes("第3期") && i.meta.startsWith("事業"), `period 3 + program: ${i.meta}`);
  await page.selectOption("#search-period", "");
  await page.selectOption("#search-kind", "");

  // Keyboard: arrows move from the box through the results and back.
  await search("en", "genome");
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  check(await page.evaluate(() => document.activeElement === document.querySelector("#search-results a")), "ArrowDown does not reach the first result");
  await page.keyboard.press("ArrowDown");
  check(await page.evaluate(() => document.activeElement === document.querySelectorAll("#search-results a")[1]), "ArrowDown does not reach the second result");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  check(await page.evaluate(() => document.activeElement.id === "search-q"), "ArrowUp does not return to the search box");
  const more = await page.evaluate(() => !document.getElementById("search-more").hidden);
  if (more) {
    await page.focus("#search-more");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement.closest("#search-results"));
  }

  // The header's search box leads to the search page with the query.
  await page.goto(`${server.base}ja/programs/b-cure/index.html`);
  await page.fill("#site-search-q", "ゲノム");
  await page.press("#site-search-q", "Enter");
  await page.waitForURL(/\/hms\/ja\/search\/index\.html\?q=/);
  r = await results();
  check(r.items.length >= 10, `header search box: ${r.items.length} results`);

  // 4. Every result links to a page under the sub-path that exists, with that title.
  const seen = new Set();
  for (const q of ["ゲノム", "AMED 支援"]) for (const i of (await all("ja", q)).items) seen.add(JSON.stringify(i));
  for (const i of (await all("en", "genome")).items) seen.add(JSON.stringify(i));
  for (const s of seen) {
    const i = JSON.parse(s);
    check(i.href.startsWith(server.base), `result outside the sub-path: ${i.href}`);
    check(!i.rawHref.startsWith("/") && !/^https?:/.test(i.rawHref), `result link is not relative: ${i.rawHref}`);
    const res = await ctx.request.get(i.href);
    check(res.status() === 200, `result ${i.href}: HTTP ${res.status()}`);
    const html = await res.text();
    // The heading's text: phrase breaks (<wbr>) and phrase spans are markup, not text.
    const h1 = /<h1>(.*?)<\/h1>/s.exec(html)?.[1]?.replace(/<[^>]*>/g, "");
    check(h1 === i.title.replace(/&/g, "&amp;"), `result ${i.href}: title ${i.title} vs h1 ${h1}`);
  }
  r = await search("ja", "実現推進");
  await page.click("#search-results a");
  await page.waitForLoadState();
  check(new URL(page.url()).pathname.startsWith(`${mount}ja/`), `clicked result went to ${page.url()}`);
  console.log(`checked ${seen.size} result links under ${mount}`);

  // 6. A batch that cannot be fetched.
  await moreFailureChecks("project");
}

async function stemChecks() {
  const r = await all("en", "genome");
  for (const id of ["only-genomic", "only-genomes"]) check(r.items.some((i) => i.href.includes(`/${id}/`)), `genome: ${id} not found`);
  check(!r.items.some((i) => i.href.includes("/unrelated/")), "genome: found an unrelated page");
  const j = await all("ja", "ゲノム");
  check(j.items.length === 1, `ゲノム on the fixture: ${j.items.length}`);
}

async function measure(lang, queries) {
  await page.goto(`${server.base}${lang}/search/index.html`);
  for (const q of queries) {
    await page.goto(`${server.base}${lang}/search/index.html`);
    const from = server.log.length;
    const r = await search(lang, q);
    const bytes = server.bytesSince(from, /\/search\/v1\//);
    const files = server.log.slice(from).filter((e) => /\/search\/v1\//.test(e.path)).length;
    const by = (re) => server.bytesSince(from, re);
    const parts = `shards ${by(/\/v1\/t\//)}, metadata ${by(/\/v1\/m\//)}, excerpts ${by(/\/v1\/x\//)}, filters ${by(/\/v1\/f\//)}`;
    console.log(`query ${JSON.stringify(q)}: ${r.status}; ${bytes} bytes of index in ${files} files (${parts})`);
  }
}

try {
  if (mode === "site") await siteChecks();
  else if (mode === "stems") await stemChecks();
  else if (mode === "measure") await measure(rest[0], rest.slice(1));
  else fail(`unknown mode ${mode}`);
} catch (e) {
  fail(String(e?.stack ?? e));
}
// 5. Nothing from other hosts, no console errors under the strict CSP.
if (foreign.length) fail(`requests to other hosts: ${foreign.join(", ")}`);
if (errors.length) fail(errors.join("\n"));
const missing = server.log.filter((e) => e.status !== 200 && !e.path.endsWith("favicon.ico"));
if (missing.length) fail(`failed requests: ${missing.map((e) => `${e.status} ${e.path}`).join(", ")}`);
await ctx.close();
await server.close();
if (!process.exitCode) console.log(`search ${mode}: ok`);
