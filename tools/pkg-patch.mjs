// Finishes wasm-bindgen's output in pkg/ into what the package ships
// (tools/build.sh runs it after copying the element in). Each step fails the
// build loudly when wasm-bindgen's output no longer looks as expected,
// rather than shipping something half-patched.
//
//   1. One shared init(): wasm-bindgen's init() instantiates the module again
//      when a second call comes before the first has finished, and the
//      second instance replaces the first. An app calling init() while a
//      <journey-map> on the page does the same would then hold Journeys whose
//      memory belongs to an instance no longer used. Concurrent calls now
//      share one instantiation (a failed one can be retried).
//   2. Types without `any`: the InitOutput interface types the raw exports'
//      JsValue parameters as `any`; they become `unknown`.
//   3. Optional options: a trailing parameter typed `T | undefined` (the
//      options objects of analyze, simulate, opportunities, compare) is
//      optional at run time; it becomes `name?: T` so `j.analyze()` type-checks.
//   4. journeygraph_bg.wasm.d.ts (types of the raw exports, for wasm-bindgen's
//      bundler target; nothing imports it here) is not shipped.
//   5. The custom-elements manifest moves from element/ to the package root.
//   6. reinstantiate(): after a wasm call trapped, a fresh instance of the
//      same module replaces the old one. Every object the old one made is
//      disowned first (its pointer set to 0 and its finalizer dropped), so
//      that using or freeing it later throws as a freed object does, rather
//      than touching the new instance's memory. The element uses it to keep
//      the open journey (element/engine/recover.js). compiledModule(): the
//      module init() compiled, which the element hands its figures worker
//      (element/engine/client.js) so that it neither fetches nor compiles
//      the wasm again.
//   7. Symbol.dispose only where the consumer's lib has it: wasm-bindgen
//      declares `[Symbol.dispose](): void` in every class, which fails to
//      compile (TS2550, with no skipLibCheck) under the default lib of the
//      ES2020 and ES2022 targets, where SymbolConstructor has no `dispose`.
//      The method moves to an interface merged into each class, keyed by
//      `typeof Symbol.dispose` when the lib declares it and by nothing
//      otherwise; this matches the run time, where wasm-bindgen sets it
//      only `if (Symbol.dispose)`. `using` keeps working with
//      esnext.disposable (tests/consumers/ts checks both).
// Then every .d.ts in pkg/ is checked for `any` outside comments.
import { readFileSync, writeFileSync, rmSync, renameSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "pkg");
const read = (name) => readFileSync(join(pkg, name), "utf8");
const write = (name, text) => writeFileSync(join(pkg, name), text);

function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`pkg-patch: ${what}: expected exactly one ${JSON.stringify(from)} in wasm-bindgen's output`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// 1. One shared init().
let js = read("journeygraph.js");
js = replaceOnce(
  js,
  "export { initSync, __wbg_init as default };",
  `// tools/pkg-patch.mjs: concurrent init() calls share one instantiation.
let __jg_loading;
function __jg_init(module_or_path) {
    if (wasm !== undefined) return Promise.resolve(wasm);
    __jg_loading ??= __wbg_init(module_or_path).catch((error) => {
        __jg_loading = undefined;
        throw error;
    });
    return __jg_loading;
}

// tools/pkg-patch.mjs: every object an instance made, to disown in reinstantiate().
const __jg_live = new Set();
let __jg_made = 0;
function __jg_track(obj, registry) {
    if (typeof WeakRef !== "function") return;
    __jg_live.add({ ref: new WeakRef(obj), registry });
    if (++__jg_made % 1024 === 0) {
        for (const e of __jg_live) {
            const o = e.ref.deref();
            if (!o || !o.__wbg_ptr) __jg_live.delete(e);
        }
    }
}

/** Replaces the instance (after a trap) with a fresh one of the same module. */
async function reinstantiate() {
    const module = wasmModule;
    if (!module) throw new Error("journeygraph: reinstantiate() needs init() or initSync() first");
    for (const e of __jg_live) {
        const o = e.ref.deref();
        if (o) {
            e.registry.unregister(o);
            o.__wbg_ptr = 0;
        }
    }
    __jg_live.clear();
    wasm = undefined;
    __jg_loading = undefined;
    return __jg_init({ module_or_path: module });
}

/** The compiled module once init() or initSync() has run, else undefined (for a worker's init, without a second fetch and compile). */
function compiledModule() {
    return wasmModule;
}

export { initSync, __jg_init as default, reinstantiate, compiledModule };`,
  "shared init",
);
// 6. Objects are tracked where they get their finalizer.
let tracked = 0;
js = js.replace(/(\w+Finalization)\.register\((\w+), \2\.__wbg_ptr, \2\);/g, (all, registry, obj) => {
  tracked += 1;
  return `${all} __jg_track(${obj}, ${registry});`;
});
if (tracked < 3) throw new Error(`pkg-patch: reinstantiate: expected a finalizer registration per class (Journey, PathsReader, Simulator), found ${tracked}`);
if (!/\bwasmModule = module;/.test(js)) throw new Error("pkg-patch: reinstantiate: wasm-bindgen no longer keeps the module in `wasmModule`");
write("journeygraph.js", js);

// 2. and 3. The main types.
let dts = read("journeygraph.d.ts");
const anyCount = (dts.match(/: any\b/g) ?? []).length;
dts = dts.replace(/: any\b/g, ": unknown");
// `name: T | undefined)` as the last parameter; T may hold `{ ... }` but no parentheses.
dts = dts.replace(/(\(|, )(\w+): ((?:\{[^{}()]*\}|[^{}(),])+?) \| undefined\)/g, "$1$2?: $3)");
dts += `
/**
 * Replaces the wasm instance with a fresh one of the same module, after a
 * call trapped (a WebAssembly.RuntimeError such as "unreachable": a bug in
 * journeygraph). Every object made before (Journey, Simulator, PathsReader)
 * is disowned: using or freeing it throws as a freed object does. Open your
 * journeys again from their JSON. init() or initSync() must have run first.
 */
export function reinstantiate(): Promise<InitOutput>;
/**
 * The compiled WebAssembly.Module once init() or initSync() has run
 * (undefined before). A worker of the same page can be handed it
 * (postMessage) and start with \`init({ module_or_path: module })\`, without
 * fetching and compiling the wasm again.
 */
export function compiledModule(): WebAssembly.Module | undefined;
`;
// 7. Symbol.dispose where the lib declares it.
const classes = [...dts.matchAll(/^export class (\w+) \{$/gm)].map((m) => m[1]);
const disposeLine = /^    \[Symbol\.dispose\]\(\): void;\n/gm;
const disposals = (dts.match(disposeLine) ?? []).length;
if (classes.length < 3 || disposals !== classes.length) {
  throw new Error(`pkg-patch: Symbol.dispose: expected one \`[Symbol.dispose](): void\` per class (${classes.join(", ")}), found ${disposals}`);
}
dts = dts.replace(disposeLine, "");
dts += `
/**
 * The key of \`[Symbol.dispose]()\`: \`typeof Symbol.dispose\` where the
 * TypeScript lib declares it (esnext.disposable, or target esnext), and
 * none otherwise, so these types compile under any target's default lib.
 */
type DisposeKey = SymbolConstructor extends { readonly dispose: infer K extends symbol } ? K : never;
/** \`[Symbol.dispose]()\`, the same as free(): \`using j = Journey.sample();\` frees \`j\` at the end of the block. */
type Disposal = { readonly [K in DisposeKey]: () => void };
${classes.map((name) => `export interface ${name} extends Disposal {}`).join("\n")}
// Keeps DisposeKey and Disposal private: without it a .d.ts exports every declaration.
export {};
`;
write("journeygraph.d.ts", dts);

// 4. and 5.
rmSync(join(pkg, "journeygraph_bg.wasm.d.ts"), { force: true });
renameSync(join(pkg, "element", "custom-elements.json"), join(pkg, "custom-elements.json"));

/** Every `any` used as a type in a .d.ts (comments removed first). */
function anys(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return code.split("\n").filter((line) => /\bany\b/.test(line));
}
function declarations(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}
const bad = [];
for (const file of declarations(pkg)) {
  for (const line of anys(readFileSync(file, "utf8"))) bad.push(`${relative(pkg, file)}: ${line.trim()}`);
}
if (bad.length) throw new Error(`pkg-patch: \`any\` in the shipped types:\n${bad.join("\n")}`);
console.log(`pkg-patch: shared init, ${anyCount} \`any\` → unknown, optional options, manifest at the root, Symbol.dispose where the lib has it (${classes.join(", ")})`);
