// The app's module graph as the browser walks it, shared by
// tools/payload.mjs (what loads when, gzipped) and tools/minify.mjs (the
// built page's preload hints for what loads at start).
//
//   const g = await startGraph({ root, app, pkg });
//   g.scripts   the page's module scripts (index.html)
//   g.appStart  what app.js imports with import() before its first map
//               (the package and the element, read from www/app.js)
//   g.nodes     file → {static: [files], dynamic: [files]}, from the
//               scripts, what app.js imports and the figures worker
//   g.startJs   every module loaded before the first map (a Set)
//   g.closure(from)  every module reached from `from` by static imports
//
// The edges come from esbuild's metafile (tools/node_modules), which parses
// the files as the browser does: only `import`/`export … from` edges are
// static, `import()` is on first use.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

/** A tag's attribute value, or null. */
export const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`))?.[1] ?? null;

/** The module graph below `entries`: file → {static: [files], dynamic: [files]}. */
async function graph(root, entries) {
  const result = await build({
    entryPoints: entries, bundle: true, splitting: true, format: "esm", write: false, metafile: true,
    outdir: join(root, "target", "payload-scratch"), logLevel: "silent", absWorkingDir: root,
  });
  const nodes = new Map();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const edges = { static: [], dynamic: [] };
    for (const i of input.imports) {
      if (i.external) continue;
      if (i.kind === "import-statement") edges.static.push(resolve(root, i.path));
      else if (i.kind === "dynamic-import") edges.dynamic.push(resolve(root, i.path));
    }
    nodes.set(resolve(root, path), edges);
  }
  return nodes;
}

export async function startGraph({ root, app, pkg }) {
  /** A URL path of the app (as tools/serve.mjs maps it) to its file. */
  const served = (urlPath) => (urlPath.startsWith("/pkg/") ? join(pkg, urlPath.slice(5)) : join(app, urlPath.slice(1)));
  const html = readFileSync(join(app, "index.html"), "utf8");
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([t]) => t).filter((t) => attr(t, "type") === "module" && attr(t, "src"))
    .map((t) => join(app, attr(t, "src")));
  // app.js imports the package and the element with import() in main(),
  // before its first map: read from its source (www/app.js), where they are named.
  const appSource = readFileSync(join(root, "www", "app.js"), "utf8");
  const constants = new Map([...appSource.matchAll(/\bconst\s+(\w+)\s*=\s*"([^"]+)"/g)].map(([, k, v]) => [k, v]));
  const appImports = [...appSource.matchAll(/\bimport\(\s*(?:"([^"]+)"|(\w+))\s*\)/g)].map(([, literal, name]) => literal ?? constants.get(name));
  if (!appImports.length || appImports.some((s) => !s?.startsWith("./"))) throw new Error(`start-graph: could not read what www/app.js imports at start (${appImports})`);
  const appStart = appImports.map((s) => served(s.slice(1)));
  const nodes = await graph(root, [...scripts, ...appStart, join(pkg, "element", "engine", "worker.js")]);
  const closure = (from) => {
    const seen = new Set();
    const visit = (f) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const g of nodes.get(f)?.static ?? []) visit(g);
    };
    for (const f of from) visit(f);
    return seen;
  };
  return { html, scripts, appStart, nodes, closure, startJs: closure([...scripts, ...appStart]) };
}
