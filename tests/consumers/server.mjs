// A static file server for one directory, on a free loopback port: what an
// embedder's web server does with a built page. No dependencies.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { TYPES } from "../../tools/serve.mjs";


/** Serves `dir` on 127.0.0.1; resolves to {url, close}. */
export async function serveDir(dir) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(base, rel.endsWith("/") ? `${rel}index.html` : rel));
    try {
      if (!file.startsWith(base + sep) || !(await stat(file)).isFile()) throw new Error("not found");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      // A page without an icon is no failure of the package: no 404 (and console error) for it.
      if (rel === "/favicon.ico") return res.writeHead(204).end();
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const close = () => {
    server.closeAllConnections?.();
    return new Promise((done) => server.close(done));
  };
  return { url: `http://127.0.0.1:${server.address().port}/`, close };
}
