// A plain static file server for the app: "/" is the built app (target/app/:
// www/ minified, without the element), "/pkg/" is the built package; both
// come from tools/build.sh. No dependencies; the end-to-end tests start it too.
// Text and wasm go gzipped to a browser that accepts it, as any host would
// send them, so that a benchmark on a throttled line (tests/bench/) fetches
// what SPEC section 6 counts.
//   node tools/serve.mjs [port]      (default 8080, or the next free port)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, resolve, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzip } from "node:zlib";
import { promisify } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Content types by file ending; tests/consumers/server.mjs uses them too. */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
};

/** The app as built by tools/build.sh (tools/minify.mjs). */
const APP = join(root, "target", "app");

/** Maps a URL path to a file under target/app/ or pkg/, or null if outside them. */
function fileFor(urlPath) {
  let rel = decodeURIComponent(urlPath.split("?")[0]);
  let base = APP;
  if (rel.startsWith("/pkg/")) {
    base = join(root, "pkg");
    rel = rel.slice("/pkg".length);
  }
  if (rel.endsWith("/")) rel += "index.html";
  const file = normalize(join(base, rel));
  return file.startsWith(base + sep) ? file : null;
}

/** The content types sent gzipped (images are compressed already). */
const COMPRESSED = /^(text\/|application\/(json|wasm)|image\/svg)/;
const zipped = new Map();
const gzipAsync = promisify(gzip);
/** The file gzipped, made once per version of it (its modification time). */
async function gzipped(file, mtime) {
  const key = `${file}@${mtime}`;
  if (!zipped.has(key)) {
    for (const k of zipped.keys()) if (k.startsWith(`${file}@`)) zipped.delete(k);
    zipped.set(key, readFile(file).then((body) => gzipAsync(body, { level: 6 })).catch((error) => {
      zipped.delete(key);
      throw error;
    }));
  }
  return zipped.get(key);
}

/** Starts the server; resolves to {server, url}. Tries the next ports when one is taken. */
export function serve({ port = 8080, host = "127.0.0.1", quiet = false, sync = null } = {}) {
  for (const built of [join(APP, "index.html"), join(root, "pkg", "journeygraph.js")]) {
    if (!existsSync(built)) {
      return Promise.reject(new Error(`${built} is missing: build the app and the package first (bash tools/build.sh)`));
    }
  }
  const server = createServer(async (req, res) => {
    if ((req.url ?? "").split("?")[0] === "/collab.json") {
      // Where the sync server for shared journeys is (tools/sync-server.mjs).
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(JSON.stringify({ sync: sync ?? process.env.SYNC_URL ?? null }));
      return;
    }
    const file = fileFor(req.url ?? "/");
    try {
      const info = file ? await stat(file) : null;
      if (!info?.isFile()) throw new Error("not found");
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const zipped = COMPRESSED.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const body = zipped ? await gzipped(file, info.mtimeMs) : await readFile(file);
      res.writeHead(200, {
        "content-type": type,
        "cache-control": "no-store",
        ...(zipped ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
      });
      res.end(body);
    } catch {
      if (req.url === "/favicon.ico") {
        // Browsers ask for it on every page; the app has an inline icon.
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
    if (!quiet) console.log(`${res.statusCode} ${req.method} ${req.url}`);
  });
  return new Promise((done, fail) => {
    const attempt = (p, left) => {
      server.once("error", (e) => {
        if (e.code === "EADDRINUSE" && left > 0) attempt(p + 1, left - 1);
        else fail(e);
      });
      server.listen(p, host, () => done({ server, url: `http://localhost:${server.address().port}/` }));
    };
    attempt(port, port === 0 ? 0 : 20);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await serve({ port, quiet: true });
  console.log(`journeygraph is running at ${url}  (Ctrl+C to stop)`);
}
