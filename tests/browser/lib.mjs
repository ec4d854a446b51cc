// Shared set-up for browser tests: Debian's chromium, headless, offline, fresh profile.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function chromiumPath() {
  return process.env.TEBIKI_CHROMIUM || "/usr/bin/chromium";
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "tebiki-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--allow-file-access-from-files",
    ],
  });
}

export function fail(msg) {
  console.error("FAIL: " + msg);
  process.exitCode = 1;
}
