// Bundles src/main.js into dist/ with webpack 5. webpack turns
// `new URL("journeygraph_bg.wasm", import.meta.url)` into an emitted asset
// by itself, so init() needs no argument.
import webpack from "webpack";
import { copyFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Runs webpack with `config`; resolves to its stats, rejects on any error. */
export function bundle(config) {
  return new Promise((done, fail) => {
    webpack(config, (error, stats) => {
      if (error) return fail(error);
      if (stats.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      done(stats);
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync("dist", { recursive: true, force: true });
  await bundle({
    mode: "production",
    context: process.cwd(),
    entry: "./src/main.js",
    output: { path: resolve("dist"), filename: "main.js", clean: true },
    performance: { hints: false },
  });
  copyFileSync("index.html", "dist/index.html");
}
