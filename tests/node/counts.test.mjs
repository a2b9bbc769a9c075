// Journeys fitted from pre-aggregated counts through the built package
// (issue 15, "Path data from anywhere"): Journey.fromCounts equals
// Journey.fromPaths on the same paths — counted here in JavaScript, and
// counted by the README's SQL (tests/paths/counts.sql, the same text as the
// README's) run in DuckDB on raw paths(path_id, position, channel) and
// outcomes(path_id, converted) through tests/paths/duckdb_counts.py; and
// bad counts get a real Error with code "parse", line and column.
// Needs `bash tools/build.sh` first (or JOURNEYGRAPH_PKG=DIR), and for the
// DuckDB comparison `bash tools/setup.sh --test` (DuckDB in
// target/duckdb-venv; JOURNEYGRAPH_DUCKDB_PYTHON names another Python).
//   cd tests && node --test node/counts.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = process.env.JOURNEYGRAPH_PKG
  ? pathToFileURL(process.env.JOURNEYGRAPH_PKG.replace(/\/?$/, "/"))
  : new URL("../../pkg/", import.meta.url);
const { initSync, Journey } = await import(new URL("journeygraph.js", pkg).href);

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
});

const root = fileURLToPath(new URL("../../", import.meta.url));
const sqlFile = join(root, "tests/paths/counts.sql");
const script = join(root, "tests/paths/duckdb_counts.py");

/** A small deterministic generator. */
function lcg(seed) {
  let s = BigInt(seed);
  return (n) => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((s >> 33n) % BigInt(n));
  };
}

const NAMES = ["Search", "Display", "Email", "Ad, TV", "Café", '"Direct"', "Social", "conversion", "電話", "Store"];

/** Raw customer paths: each a list of channels (consecutive repeats and
 * revisits included, a fifth single-touch) and whether it converted. */
function generate(seed, customers, channels) {
  const below = lcg(seed);
  const out = [];
  for (let i = 0; i < customers; i++) {
    const len = i % 5 === 0 ? 1 : 1 + below(6);
    const path = [];
    for (let k = 0; k < len; k++) {
      const c = NAMES[below(channels)];
      path.push(c);
      if (below(4) === 0) path.push(c); // a repeat (a self-loop in the raw data)
    }
    out.push({ path, converted: below(3) === 0 });
  }
  return out;
}

const quote = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The paths CSV of fromPaths: one row per distinct path, in first-seen order. */
function pathsCsv(raw) {
  const rows = new Map();
  for (const { path, converted } of raw) {
    const key = path.join(" > ");
    const r = rows.get(key) ?? { conv: 0, nulls: 0 };
    if (converted) r.conv++;
    else r.nulls++;
    rows.set(key, r);
  }
  return "path,conversions,nulls\n" + [...rows].map(([p, r]) => `${quote(p)},${r.conv},${r.nulls}`).join("\n") + "\n";
}

/** The counts CSV, counted here from the rows of a paths CSV's data (each
 * distinct path with its conversions and nulls). */
function countsCsv(raw) {
  const rows = new Map();
  for (const { path, converted } of raw) {
    const key = path.join("\u0000");
    const r = rows.get(key) ?? { path, conv: 0, nulls: 0 };
    if (converted) r.conv++;
    else r.nulls++;
    rows.set(key, r);
  }
  const m = new Map();
  const add = (kind, channel, next, x) => {
    const key = JSON.stringify([kind, channel, next]);
    m.set(key, (m.get(key) ?? 0) + x);
  };
  for (const { path, conv, nulls } of rows.values()) {
    const steps = path.filter((c, k) => k === 0 || path[k - 1] !== c);
    const customers = conv + nulls;
    add("first", steps[0], "", customers);
    add("first_touch", steps[0], "", conv);
    add("conversions", steps.at(-1), "", conv);
    add("nulls", steps.at(-1), "", nulls);
    const seen = new Set();
    steps.forEach((c, k) => {
      if (k + 1 < steps.length) add("move", c, steps[k + 1], customers);
      add("positions", c, "", k * customers);
      add("linear", c, "", conv / steps.length);
      if (!seen.has(c)) {
        seen.add(c);
        add("paths", c, "", customers);
        add("path_conversions", c, "", conv);
      }
    });
  }
  const lines = [...m].map(([key, x]) => {
    const [kind, channel, next] = JSON.parse(key);
    return `${kind},${quote(channel)},${quote(next)},${x}`;
  });
  return "kind,channel,next_channel,count\n" + lines.reverse().join("\n") + "\n";
}

/** Equal but for rounding: the same structure and texts, numbers within
 * 1e-12 relative (DuckDB sums the linear credit's fractions in its own order). */
function assertClose(a, b, at = "") {
  if (typeof a === "number" && typeof b === "number") {
    assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)), `${at}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${at}: length`);
    a.forEach((x, i) => assertClose(x, b[i], `${at}/${i}`));
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    assert.deepEqual(Object.keys(a), Object.keys(b), `${at}: keys`);
    for (const k of Object.keys(a)) assertClose(a[k], b[k], `${at}/${k}`);
  } else {
    assert.equal(a, b, at);
  }
}

const byTouchpoint = (list) => [...list].sort((x, y) => (x.touchpoint < y.touchpoint ? -1 : 1));

test("fromCounts fits the same journey as fromPaths on the same paths (counted in JavaScript)", () => {
  for (const [seed, customers, channels] of [
    [1, 30, 3],
    [2, 2000, 10],
  ]) {
    const raw = generate(seed, customers, channels);
    const expected = Journey.fromPaths(pathsCsv(raw));
    const got = Journey.fromCounts(countsCsv(raw));
    assert.equal(got.toJSON(), expected.toJSON(), `seed ${seed}`);
    assert.deepEqual(got.analyze(), expected.analyze());
    assert.deepEqual(got.attribution(), expected.attribution());
    assert.deepEqual(got.removalEffects(), expected.removalEffects());
  }
});

test("fromCounts with the four required kinds only: the same analysis, no observed channel counts", () => {
  const raw = generate(3, 800, 10);
  const expected = Journey.fromPaths(pathsCsv(raw));
  const required = countsCsv(raw)
    .split("\n")
    .filter((l, i) => i === 0 || /^(first|move|conversions|nulls),/.test(l))
    .join("\n");
  const got = Journey.fromCounts(required, { delimiter: "," });
  assertClose(got.analyze().success, expected.analyze().success, "success");
  const strip = (list) => byTouchpoint(list).map(({ observed, ...rest }) => rest);
  assertClose(strip(got.attribution()), strip(expected.attribution()), "attribution");
  assert.ok(got.attribution().every((a) => a.observed === null));
  assert.deepEqual(JSON.parse(got.toJSON()).observed.channels ?? {}, {});
});

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

test("bad counts: a real Error with code parse, its line and column", () => {
  const h = "kind,channel,next_channel,count\n";
  for (const [text, line, column, words] of [
    ["", 1, 1, "empty"],
    ["kind,channel,count\nfirst,A,1\n", 1, 1, "next_channel missing"],
    [`${h}first,A,,2\nstart,A,,3\n`, 3, 1, "must be one of"],
    [`${h}first,A,,2\n\nfirst,A,,-1\n`, 4, 4, "0 or more"],
    [`${h}first,A,,1\nmove,A,A,1\n`, 3, 3, "itself"],
    [`${h}first,A,,3\nnulls,A,,2\n`, 2, 1, "balance"],
  ]) {
    const e = thrown(() => Journey.fromCounts(text));
    assert.ok(e instanceof Error, `an Error for ${JSON.stringify(text)}`);
    assert.equal(e.code, "parse");
    assert.equal(e.line, line, `${JSON.stringify(text)}: ${e.message}`);
    assert.equal(e.column, column, `${JSON.stringify(text)}: ${e.message}`);
    assert.ok(e.message.includes(`Line ${line}, column ${column} of the counts file`), e.message);
    assert.ok(e.message.includes(words), e.message);
  }
  const d = thrown(() => Journey.fromCounts(`${h}first,A,,1\n`, { delimiter: ";;" }));
  assert.equal(d.code, "out_of_range");
  assert.equal(d.path, "/delimiter");
  const o = thrown(() => Journey.fromCounts(`${h}first,A,,1\n`, 5));
  assert.ok(o instanceof Error);
  assert.equal(o.code, "schema");
});

test("fromCounts holds the journey limits (200,000 channels are too many)", () => {
  const rows = ["kind,channel,next_channel,count"];
  for (let i = 0; i < 200_000; i++) rows.push(`first,c${i},,1`, `nulls,c${i},,1`);
  const e = thrown(() => Journey.fromCounts(rows.join("\n")));
  assert.equal(e.code, "too_large");
});

// ---------------------------------------------------------------------------
// The README's SQL, in DuckDB
// ---------------------------------------------------------------------------

test("the README's counts SQL is tests/paths/counts.sql, verbatim", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const m = readme.match(/<!-- counts\.sql: begin[^>]*-->\n```sql\n([\s\S]*?)```\n<!-- counts\.sql: end -->/);
  assert.ok(m, "README.md has the counts SQL between <!-- counts.sql: begin --> and <!-- counts.sql: end -->");
  assert.equal(m[1], readFileSync(sqlFile, "utf8"));
});

const python =
  process.env.JOURNEYGRAPH_DUCKDB_PYTHON ??
  (existsSync(join(root, "target/duckdb-venv/bin/python")) ? join(root, "target/duckdb-venv/bin/python") : "python3");

/** Why DuckDB cannot be run here, or null when it can. */
function duckdbMissing() {
  const probe = spawnSync(python, ["-c", "import duckdb"], { encoding: "utf8" });
  if (probe.error) return `${python} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split("\n").pop();
    return `duckdb cannot be imported by ${python} (${last}); tools/setup.sh --test installs it`;
  }
  return null;
}
const missing = duckdbMissing();

for (const [seed, customers, channels] of [
  [11, 50, 3],
  [12, 3000, 10],
]) {
  test(
    `the counts SQL run in DuckDB fits the journey fromPaths fits (${customers} customer paths, ${channels} channels, seed ${seed})`,
    { skip: missing ?? false, timeout: 120_000 },
    () => {
      const raw = generate(seed, customers, channels);
      const dir = mkdtempSync(join(tmpdir(), "journeygraph-counts-"));
      try {
        // Raw data as a warehouse holds it: path ids not in order, positions
        // with gaps (only their order counts), rows in no order.
        const touches = ["path_id,position,channel"];
        const outcomes = ["path_id,converted"];
        raw.forEach(({ path, converted }, i) => {
          const id = (i * 7919) % 1_000_003;
          path.forEach((c, k) => touches.push(`${id},${10 * k + 3},${quote(c)}`));
          outcomes.push(`${id},${converted ? 1 : 0}`);
        });
        // The touches in reverse order, the header first.
        writeFileSync(join(dir, "paths.csv"), [touches[0], ...touches.slice(1).reverse()].join("\n") + "\n");
        writeFileSync(join(dir, "outcomes.csv"), outcomes.join("\n") + "\n");
        const run = spawnSync(python, [script, join(dir, "paths.csv"), join(dir, "outcomes.csv"), sqlFile], {
          encoding: "utf8",
          maxBuffer: 64 << 20,
        });
        assert.equal(run.status, 0, `duckdb_counts.py failed:\n${run.stderr}`);
        const expected = Journey.fromPaths(pathsCsv(raw));
        const got = Journey.fromCounts(run.stdout);
        assertClose(JSON.parse(got.toJSON()), JSON.parse(expected.toJSON()), "journey");
        assertClose(got.analyze(), expected.analyze(), "analyze()");
        assertClose(got.attribution(), expected.attribution(), "attribution()");
        assertClose(got.removalEffects(), expected.removalEffects(), "removalEffects()");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
