// Writes pkg/package.json from the top-level pkg.json template, taking the
// version from Cargo.toml so the two can never disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(cargo)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");
const manifest = JSON.parse(readFileSync(join(root, "pkg.json"), "utf8"));
manifest.version = version;
writeFileSync(join(root, "pkg", "package.json"), JSON.stringify(manifest, null, 2) + "\n");
