// How esbuild reads the package's `sideEffects`: an import of
// "journeygraph/define" that uses nothing must keep the registration; bare
// imports of the other entries must leave nothing behind. Prints JSON.
import { build } from "esbuild";

const entries = {
  define: `import "journeygraph/define";`,
  unused: `import "journeygraph"; import "journeygraph/element"; import "journeygraph/events";`,
  apiOnly: `import { Journey } from "journeygraph"; globalThis.J = Journey;`,
};
const result = {};
for (const [name, contents] of Object.entries(entries)) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "js" },
    bundle: true, format: "esm", write: false, logLevel: "silent",
  });
  const code = out.outputFiles[0].text;
  result[name] = { bytes: code.length, defines: code.includes("customElements.define"), element: code.includes("attachShadow") };
}
console.log(JSON.stringify(result));
