// How Vite (Rolldown) reads the package's `sideEffects`: an import of
// "journeygraph/define" that uses nothing must keep the registration; bare
// imports of the other entries must leave nothing behind. Prints JSON.
import { build } from "vite";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const entries = {
  define: `import "journeygraph/define";`,
  unused: `import "journeygraph"; import "journeygraph/element"; import "journeygraph/events";`,
  apiOnly: `import { Journey } from "journeygraph"; globalThis.J = Journey;`,
};
const dir = mkdtempSync(join(process.cwd(), ".side-effects-"));
const result = {};
try {
  for (const [name, contents] of Object.entries(entries)) {
    const entry = join(dir, `${name}.js`);
    writeFileSync(entry, contents);
    const out = await build({
      configFile: false, logLevel: "silent", root: process.cwd(),
      build: { write: false, minify: false, lib: { entry, formats: ["es"], fileName: name } },
    });
    // What the bundle loads: its entry chunk and the chunks that imports statically. Rolldown
    // still emits a chunk for each import() of the package's lazily loaded modules
    // (element/lazy.js) when the code that would call it was dropped; nothing loads those.
    const chunks = new Map([out].flat().flatMap((o) => o.output).filter((c) => c.type === "chunk").map((c) => [c.fileName, c]));
    const loaded = new Set();
    const visit = (c) => {
      if (!c || loaded.has(c)) return;
      loaded.add(c);
      for (const f of c.imports) visit(chunks.get(f));
    };
    for (const c of chunks.values()) if (c.isEntry) visit(c);
    const code = [...loaded].map((c) => c.code).join("\n");
    result[name] = { bytes: code.length, defines: code.includes("customElements.define"), element: code.includes("attachShadow") };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
