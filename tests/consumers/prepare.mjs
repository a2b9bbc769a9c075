// Packs pkg/ (`npm pack`, in a temp dir) and installs the tarball into a
// working copy of every consumer fixture, exactly as an embedder would
// (`npm install <tarball>`), after `npm ci` of the fixture's own tools from
// its lockfile. Working copies live in target/consumers/<fixture>/ (ignored
// by git), so the committed fixtures stay as they are.
//
// Reruns are fast: `npm ci` runs again only when a fixture's package.json or
// lockfile changed, and the tarball is installed again only when its hash
// changed (npm pack output is reproducible). Sources are copied every time.
//
//   node tests/consumers/prepare.mjs        (consumers.test.mjs calls prepare())
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
export const ROOT = resolve(here, "../..");
export const PKG = join(ROOT, "pkg");
export const WORK = resolve(process.env.JOURNEYGRAPH_CONSUMERS_DIR ?? join(ROOT, "target", "consumers"));
/** The fixtures: every folder of tests/consumers/ with a package.json. */
export const FIXTURES = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(here, e.name, "package.json")))
  .map((e) => e.name);

const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
const sha256 = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

async function npm(cwd, args) {
  try {
    return await run("npm", [...args, ...NPM_FLAGS], { cwd, maxBuffer: 64 << 20 });
  } catch (error) {
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}

/** `npm pack` of pkg/ into a fresh temp dir; resolves to {file, hash, files}. */
export async function pack() {
  if (!existsSync(join(PKG, "package.json"))) throw new Error("no pkg/package.json: run `bash tools/build.sh` first");
  const dir = mkdtempSync(join(tmpdir(), "journeygraph-pack-"));
  const { stdout } = await npm(ROOT, ["pack", PKG, "--pack-destination", dir, "--json"]);
  const [info] = JSON.parse(stdout);
  const file = join(dir, info.filename);
  return { file, dir, hash: sha256(readFileSync(file)), files: info.files.map((f) => f.path).sort() };
}

function readStamp(work) {
  try {
    return JSON.parse(readFileSync(join(work, ".consumer-stamp.json"), "utf8"));
  } catch {
    return {};
  }
}

/** Brings one fixture's working copy up to date; resolves to what it did. */
async function prepareFixture(name, tarball) {
  const source = join(here, name);
  const work = join(WORK, name);
  const manifest = readFileSync(join(source, "package.json"));
  const lock = readFileSync(join(source, "package-lock.json"));
  const tools = sha256(manifest, lock);
  let stamp = readStamp(work);
  const did = [];
  if (stamp.tools !== tools || !existsSync(join(work, "node_modules"))) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, "package.json"), manifest);
    writeFileSync(join(work, "package-lock.json"), lock);
    await npm(work, ["ci"]);
    stamp = { tools };
    did.push("npm ci");
  }
  // Sources (everything but the manifest and lockfile, which the install below changes).
  const skip = /[\\/](package\.json|package-lock\.json|node_modules|dist)$/;
  cpSync(source, work, { recursive: true, filter: (src) => !skip.test(src) });
  if (stamp.tarball !== tarball.hash) {
    const copy = join(WORK, "journeygraph.tgz");
    await npm(work, ["install", copy]);
    stamp.tarball = tarball.hash;
    did.push("npm install <tarball>");
  }
  writeFileSync(join(work, ".consumer-stamp.json"), JSON.stringify(stamp, null, 2) + "\n");
  return { name, work, did };
}

/**
 * Packs pkg/ and prepares every fixture; resolves to
 * {tarball: {file, hash, files}, work: {[fixture]: dir}, log: [string]}.
 */
export async function prepare({ fixtures = FIXTURES } = {}) {
  const tarball = await pack();
  mkdirSync(WORK, { recursive: true });
  // One stable path for the tarball, so a working copy's package.json names the same file every time.
  cpSync(tarball.file, join(WORK, "journeygraph.tgz"));
  rmSync(tarball.dir, { recursive: true, force: true });
  tarball.file = join(WORK, "journeygraph.tgz");
  const done = await Promise.all(fixtures.map((name) => prepareFixture(name, tarball)));
  const work = Object.fromEntries(done.map((d) => [d.name, d.work]));
  const log = done.map((d) => `${d.name}: ${d.did.length ? d.did.join(", ") : "up to date"}`);
  return { tarball, work, log };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const start = Date.now();
  const { log, tarball } = await prepare();
  console.log(`packed ${tarball.files.length} files (sha256 ${tarball.hash.slice(0, 12)})`);
  for (const line of log) console.log(line);
  console.log(`prepared in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}
