// A tiny static file server for browser tests: serves DIR under a mount
// path (`/hms/`) on 127.0.0.1 with a strict Content-Security-Policy, and
// counts the bytes of every response so tests can measure downloads.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".bin": "application/octet-stream", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
};
export const CSP = "default-src 'self'";

export async function serve(root, mount = "/") {
  const dir = resolve(root);
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const send = (code, body, type, bytes) => {
      res.writeHead(code, {
        "Content-Type": type, "Content-Security-Policy": CSP, "Cache-Control": "no-store",
        "Content-Length": Buffer.byteLength(body),
      });
      res.end(body);
      log.push({ path: url.pathname, status: code, bytes: bytes ?? Buffer.byteLength(body) });
    };
    let path;
    try { path = decodeURIComponent(url.pathname); } catch { return send(400, "bad path", "text/plain"); }
    if (!path.startsWith(mount)) return send(404, "outside the site", "text/plain");
    let file = normalize(join(dir, path.slice(mount.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return send(403, "forbidden", "text/plain");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      send(200, body, TYPES[extname(file)] || "application/octet-stream");
    } catch {
      send(404, "not found", "text/plain");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + mount,
    log,
    /** Bytes served since `from` (an index into the log), by the paths that match `re`. */
    bytesSince(from, re = /./) {
      return log.slice(from).filter((e) => re.test(e.path)).reduce((n, e) => n + e.bytes, 0);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
