// How webpack 5 reads the package's `sideEffects`: an import of
// "journeygraph/define" that uses nothing must keep the registration; bare
// imports of the other entries must leave nothing behind. Prints JSON.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundle } from "./build.mjs";

const entries = {
  define: `import "journeygraph/define";`,
  unused: `import "journeygraph"; import "journeygraph/element"; import "journeygraph/events";`,
  apiOnly: `import { Journey } from "journeygraph"; globalThis.J = Journey;`,
};
const dir = mkdtempSync(join(process.cwd(), ".side-effects-"));
const result = {};
try {
  for (const [name, contents] of Object.entries(entries)) {
    writeFileSync(join(dir, `${name}.js`), contents);
    await bundle({
      mode: "production", context: process.cwd(), entry: join(dir, `${name}.js`),
      output: { path: join(dir, "out"), filename: `${name}.js` },
      optimization: { minimize: false }, performance: { hints: false },
    });
    const code = readFileSync(join(dir, "out", `${name}.js`), "utf8");
    result[name] = { bytes: code.trim().length, defines: code.includes("customElements.define"), element: code.includes("attachShadow") };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
