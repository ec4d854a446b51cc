// The shipped site used without a mouse and in the display modes readers
// set (issue 27, accessibility): headless Chromium, the site served under
// /hms/ with the production Content-Security-Policy.
//
//   node keyboard.mjs SITE_DIR
//
// - Keyboard walk, at 1280 and 390 px, both languages: from the top of the
//   3rd-period strategy page, Tab reaches the skip link first, then the
//   search box, the language switch, the menu, the side navigation (on a
//   phone, its disclosure, which Enter opens), "on this page" and the
//   pager, in that order; every stop shows a focus indicator and is on
//   screen when focused. Typing a query and Enter in the header's search
//   box opens the search page with results, which Tab then reaches. On a
//   handout, Tab reaches its print button and Enter on it opens the print
//   dialog's hook (`window.print`).
// - Forced colours (Windows High Contrast): every stop of the walk still
//   shows a focus indicator, and the current page in the side navigation
//   is marked by an outline, not by colour alone.
// - Reduced motion: with `prefers-reduced-motion: reduce` the page scrolls
//   without animation and links change colour without a transition.
// - Text zoom to 200% (WCAG 1.4.4) at 1280 px: no page scrolls sideways, and
//   the header's links and search box do not overlap.
import { resolve } from "node:path";
import { launch, fail } from "./lib.mjs";
import { serve } from "./server.mjs";

const site = resolve(process.argv[2] ?? "public");
const server = await serve(site, "/hms/");
const ctx = await launch();
const page = await ctx.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

const LONG = "policies/hms-3/";
const check = (ok, msg) => ok || fail(msg);

/** What has focus: its region of the page, its text, and whether it shows a focus indicator and is on screen. */
function focused() {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const region =
      el.classList.contains("skip-link") ? "skip" :
      el.closest(".site-search") ? "search" :
      el.classList.contains("lang-switch") ? "lang" :
      el.closest(".site-nav") ? "menu" :
      el.closest(".side-nav") ? "side" :
      el.closest(".toc") ? "toc" :
      el.closest(".pager") ? "pager" :
      el.closest(".breadcrumbs") ? "crumbs" :
      el.closest(".site-header") ? "header" :
      el.closest("footer") ? "footer" : "main";
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1) || (s.boxShadow && s.boxShadow !== "none");
    // A focused item inside a scrolling box is on screen when the box shows it.
    const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    return { region, tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute("aria-label") || el.id || "").trim().slice(0, 40), ring, onScreen };
  });
}

/** Tabs from the top of the page until focus leaves for the browser or `limit` stops; the stops in order. */
async function walk(limit) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const stops = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const f = await focused();
    if (!f) break;
    stops.push(f);
    if (f.region === "footer") break;
  }
  return stops;
}

/** The regions of `stops` in order of first visit. */
const order = (stops) => stops.map((s) => s.region).filter((r, i, a) => a.indexOf(r) === i);

async function keyboardWalks(lang, width, forced) {
  const what = `${lang} ${width} px${forced ? " forced colours" : ""}`;
  await page.setViewportSize({ width, height: 900 });
  // Without motion, focus scrolls the page at once, so a stop is measured where it lands.
  await page.emulateMedia({ forcedColors: forced ? "active" : "none", reducedMotion: "reduce" });
  await page.goto(`${server.base}${lang}/${LONG}`);
  await page.bringToFront();
  let stops = await walk(400);
  const seen = order(stops);
  const want = ["skip", "search", "lang", "menu", "side", "toc", "pager"].filter((r) => width > 600 || r !== "side");
  const got = seen.filter((r) => want.includes(r));
  check(JSON.stringify(got) === JSON.stringify(want), `${what}: Tab visits ${got.join(" → ")}, not ${want.join(" → ")}`);
  for (const s of stops) {
    check(s.ring, `${what}: <${s.tag}> "${s.text}" (${s.region}) shows no focus indicator`);
    check(s.onScreen, `${what}: <${s.tag}> "${s.text}" (${s.region}) is focused off screen`);
  }
  if (width <= 600) {
    // On a phone the side navigation is a disclosure: Tab reaches its summary, Enter opens it, Tab then reaches its links.
    await page.goto(`${server.base}${lang}/${LONG}`);
    await page.focus(".side-nav summary");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const f = await focused();
    check(f?.region === "side" && f.tag === "a", `${what}: after Enter on the side navigation's disclosure, Tab reaches ${f?.region} <${f?.tag}>`);
    check(f?.ring && f?.onScreen, `${what}: the side navigation's first link is focused without an indicator or off screen`);
  }
  if (forced) {
    const marked = await page.evaluate(() => {
      const a = document.querySelector(".side-nav a[aria-current]");
      if (!a) return "no current item";
      const s = getComputedStyle(a);
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1 ? "" : "the current item has no outline";
    });
    check(!marked, `${what}: side navigation: ${marked}`);
  }
}

async function searchByKeyboard(lang, q) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ forcedColors: "none" });
  await page.goto(`${server.base}${lang}/${LONG}`);
  await page.bringToFront();
  // The skip link and the site's name come first.
  for (let i = 0; i < 4 && (await focused())?.tag !== "input"; i++) await page.keyboard.press("Tab");
  const f = await focused();
  check(f?.region === "search" && f.tag === "input", `${lang}: Tab does not reach the search box among the first stops`);
  await page.keyboard.type(q);
  await Promise.all([page.waitForURL(/\/search\//), page.keyboard.press("Enter")]);
  await page.waitForFunction(() => document.querySelectorAll("#search-results a").length > 0, null, { timeout: 15000 }).catch(() => {});
  const n = await page.evaluate(() => document.querySelectorAll("#search-results a").length);
  check(n > 0, `${lang}: searching for ${q} by keyboard shows no result`);
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const inResults = await page.evaluate(() => !!document.activeElement?.closest("#search-results"));
    if (inResults) return;
  }
  fail(`${lang}: Tab never reaches a search result`);
}

async function handoutByKeyboard(lang) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.base}${lang}/handouts/handout-hms-3/`);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate(() => !!document.activeElement?.matches("[data-print], .print-button, button.print"));
    if (hit) {
      const f = await focused();
      check(f.ring && f.onScreen, `${lang} handout: the print button is focused without an indicator or off screen`);
      await page.keyboard.press("Enter");
      check((await page.evaluate(() => window.__printed)) === 1, `${lang} handout: Enter on the print button does not print`);
      return;
    }
  }
  fail(`${lang} handout: Tab never reaches the print button`);
}

async function reducedMotion(lang) {
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const motion of ["no-preference", "reduce"]) {
    await page.emulateMedia({ reducedMotion: motion, forcedColors: "none" });
    await page.goto(`${server.base}${lang}/${LONG}`);
    const s = await page.evaluate(() => {
      const a = document.querySelector(".body a, main a");
      return { scroll: getComputedStyle(document.documentElement).scrollBehavior, transition: Math.max(...getComputedStyle(a).transitionDuration.split(",").map((d) => parseFloat(d) * (d.trim().endsWith("ms") ? 1 : 1000))) };
    });
    if (motion === "reduce") {
      check(s.scroll === "auto", `${lang}: with reduced motion the page still scrolls smoothly (${s.scroll})`);
      check(s.transition <= 1, `${lang}: with reduced motion a link's transition lasts ${s.transition} ms`);
    } else {
      check(s.scroll === "smooth", `${lang}: without a preference the page should scroll smoothly (${s.scroll}); the check would prove nothing`);
    }
  }
}

async function textZoom(lang) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ reducedMotion: "no-preference", forcedColors: "none" });
  for (const path of ["", LONG, "programs/", "glossary/", "search/", "handouts/handout-hms-3/"]) {
    await page.goto(`${server.base}${lang}/${path}`);
    const problem = await page.evaluate(() => {
      document.documentElement.style.fontSize = "200%";
      const root = document.documentElement;
      if (root.scrollWidth - root.clientWidth > 1) return `the page scrolls sideways by ${root.scrollWidth - root.clientWidth} px`;
      const boxes = [...document.querySelectorAll(".site-header a, .site-header input, .site-header button, .site-nav a")]
        .map((e) => [e, e.getBoundingClientRect()])
        .filter(([, r]) => r.width > 0 && r.height > 0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, p] = boxes[i];
          const [b, q] = boxes[j];
          if (a.contains(b) || b.contains(a)) continue;
          const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
          if (overlap) return `"${a.textContent.trim() || a.id}" overlaps "${b.textContent.trim() || b.id}"`;
        }
      }
      return "";
    });
    check(!problem, `${lang}/${path} at 200% text: ${problem}`);
  }
}

try {
  for (const lang of ["ja", "en"]) {
    await keyboardWalks(lang, 1280, false);
    await keyboardWalks(lang, 390, false);
    await keyboardWalks(lang, 1280, true);
    await searchByKeyboard(lang, lang === "ja" ? "ゲノム" : "genome");
    await handoutByKeyboard(lang);
    await reducedMotion(lang);
    await textZoom(lang);
  }
  for (const e of errors) fail(`page error: ${e}`);
} finally {
  await ctx.close();
  await server.close();
}
if (!process.exitCode) console.log("keyboard walk, forced colours, reduced motion and 200% text: ok");
