// Prints the first-order Markov attribution of a paths CSV as JSON, through
// the built package (as an embedder would use it). Used by
// compare_channelattribution.py; needs `bash tools/build.sh` first.
//
//   node tests/paths/attribution.mjs FILE.csv [--separator ">"] [--delimiter ","] [--stream]
//
// --stream reads the file in 64 KiB pieces through PathsReader instead of
// Journey.fromPaths on the whole text. Output:
//   {observed: {paths, conversions, nulls}, success, seconds,
//    attribution: [{touchpoint, name, removalEffect, share, conversions}]}
import { readFileSync, openSync, readSync, closeSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

// The package: pkg/ of this checkout, or the directory in JOURNEYGRAPH_PKG.
const pkg = process.env.JOURNEYGRAPH_PKG
  ? pathToFileURL(process.env.JOURNEYGRAPH_PKG.replace(/\/?$/, "/"))
  : new URL("../../pkg/", import.meta.url);
const { initSync, Journey, PathsReader } = await import(new URL("journeygraph.js", pkg).href);

const options = {};
let file;
let stream = false;
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k++) {
  if (argv[k] === "--stream") stream = true;
  else if (argv[k] === "--separator") options.separator = argv[++k];
  else if (argv[k] === "--delimiter") options.delimiter = argv[++k];
  else file = argv[k];
}
if (!file) {
  console.error("usage: node tests/paths/attribution.mjs FILE.csv [--separator S] [--delimiter D] [--stream]");
  process.exit(2);
}

initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });

const start = performance.now();
let journey;
if (stream) {
  const reader = new PathsReader(options);
  const fd = openSync(file, "r");
  const piece = new Uint8Array(1 << 16);
  for (;;) {
    const n = readSync(fd, piece, 0, piece.length, null);
    if (n === 0) break;
    reader.push(piece.subarray(0, n));
  }
  closeSync(fd);
  journey = reader.finish();
} else {
  journey = Journey.fromPaths(readFileSync(file, "utf8"), options);
}
const attribution = journey.attribution();
const seconds = (performance.now() - start) / 1000;
const file_ = JSON.parse(journey.toJSON());
const out = {
  observed: file_.observed,
  success: journey.analyze().success,
  seconds,
  attribution: attribution.map(({ touchpoint, name, removalEffect, share, conversions }) => ({
    touchpoint,
    name,
    removalEffect,
    share,
    conversions,
  })),
};
journey.free();
process.stdout.write(JSON.stringify(out) + "\n");
