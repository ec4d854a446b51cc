// Shared set-up for browser tests: Debian's chromium, headless, offline, fresh profile.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function chromiumPath() {
  return process.env.TEBIKI_CHROMIUM || "/usr/bin/chromium";
}

/**
 * A fresh, offline headless Chromium with a profile of its own, removed
 * when the context is closed (or, if a failure skips that, when the
 * script exits).
 */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "tebiki-chromium-"));
  const remove = () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A browser still writing to it: the temporary folder is the system's to clean.
    }
  };
  process.once("exit", remove);
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--allow-file-access-from-files",
    ],
  });
  const close = ctx.close.bind(ctx);
  ctx.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      remove();
    }
  };
  return ctx;
}

export function fail(msg) {
  console.error("FAIL: " + msg);
  process.exitCode = 1;
}
