// Bundles src/main.js into dist/. esbuild leaves `new URL("journeygraph_bg.wasm",
// import.meta.url)` alone, so the wasm file is copied next to the bundle,
// where init() and the element look for it.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");
await build({ entryPoints: ["src/main.js"], bundle: true, format: "esm", target: "es2022", minify: true, outdir: "dist", logLevel: "warning" });
copyFileSync(fileURLToPath(import.meta.resolve("journeygraph/journeygraph_bg.wasm")), "dist/journeygraph_bg.wasm");
copyFileSync("index.html", "dist/index.html");
