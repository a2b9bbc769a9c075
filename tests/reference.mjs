// The reference journey of SPEC section 6 as a journeygraph file, for the
// package's tests and the benchmarks: made natively by the crate's own
// generator (`cargo run --example reference -- N SEED`, examples/reference.rs)
// and kept in target/reference/, so the package ships no benchmark-only
// generator. Returns the JSON text; Journey.fromJSON opens it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = `${root}target/reference`;

/** The reference journey of `touchpoints` touchpoints for `seed`, as JSON text. */
export function referenceJSON(touchpoints, seed = 1) {
  const file = `${dir}/${touchpoints}-${seed}.json`;
  if (!existsSync(file)) {
    const text = execFileSync(
      "cargo",
      ["run", "--quiet", "--example", "reference", "--", String(touchpoints), String(seed)],
      { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "inherit"] },
    );
    mkdirSync(dir, { recursive: true });
    // Written whole, then renamed: test files run in parallel processes.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, text);
    renameSync(part, file);
    return text;
  }
  return readFileSync(file, "utf8");
}
