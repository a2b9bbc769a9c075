// Two init() calls at once (an app and a <journey-map> loading together)
// must share one instance: a Journey made after either resolves works with
// both. Prints JSON.
import { readFileSync } from "node:fs";
import init, { Journey } from "journeygraph";

const bytes = readFileSync(new URL(import.meta.resolve("journeygraph/journeygraph_bg.wasm")));
const [a, b] = await Promise.all([init({ module_or_path: bytes }), init({ module_or_path: bytes })]);
const j = Journey.sample();
console.log(JSON.stringify({ same: a === b, title: j.title }));
j.free();
