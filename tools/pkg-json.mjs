// Writes pkg/package.json from the top-level pkg.json template, taking the
// version from Cargo.toml so the two can never disagree, and checks the
// manifest against pkg/: every `exports` target exists, and `files` covers
// exactly what is there (so what the build makes is what ships).
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative, sep } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(cargo)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");
const manifest = JSON.parse(readFileSync(join(root, "pkg.json"), "utf8"));
manifest.version = version;
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

const problems = [];
/** Every file path an `exports` value names (conditions nested any depth). */
const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets));
for (const [entry, value] of Object.entries(manifest.exports)) {
  for (const target of targets(value)) {
    if (!existsSync(join(pkg, target))) problems.push(`exports["${entry}"] names ${target}, which the build did not make`);
  }
}
for (const field of ["main", "module", "types", "customElements"]) {
  if (manifest[field] && !existsSync(join(pkg, manifest[field]))) problems.push(`"${field}" names ${manifest[field]}, which is missing`);
}
// npm always packs package.json; README is listed in `files` and copied after this runs.
const listed = (file) => file === "package.json" || file === "README.md" ||
  manifest.files.some((f) => (f.endsWith("/") ? file.startsWith(f) : file === f));
const built = readdirSync(pkg, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(pkg, join(e.parentPath ?? e.path, e.name)).split(sep).join("/"));
for (const file of built) if (!listed(file)) problems.push(`pkg/${file} is built but not in "files"`);
if (problems.length) throw new Error(`pkg.json does not match pkg/:\n  ${problems.join("\n  ")}`);
