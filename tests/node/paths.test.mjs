// Journeys fitted from observed paths through the built package (SPEC
// section 3 "Observed paths", issue 7): Journey.fromPaths, the streaming
// PathsReader (Uint8Array pieces and text), attribution, errors with
// code "parse" and line/column; and the comparison with the reference
// implementation, ChannelAttribution's markov_model(order=1), through
// tests/paths/compare_channelattribution.py.
// Needs `bash tools/build.sh` first (or JOURNEYGRAPH_PKG=DIR); run with
// `node --test tests/node/`.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = process.env.JOURNEYGRAPH_PKG
  ? pathToFileURL(process.env.JOURNEYGRAPH_PKG.replace(/\/?$/, "/"))
  : new URL("../../pkg/", import.meta.url);
const { initSync, Journey, PathsReader } = await import(new URL("journeygraph.js", pkg).href);

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
});

const close = (actual, expected, what, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

/** The set derived by hand in tests/paths.rs (BASIC): 14 paths, 6 conversions;
 * A entry 10, B entry 4; A→B 10, B→A 3, B→Conversion 5, A→Conversion 1;
 * dropouts A 2/13, B 6/14; success 3/7; RE A 16/21, B 34/39; attributed
 * conversions A 624/223, B 714/223. */
const BASIC = "path,conversions,nulls\nA > B,3,1\nB,0,4\nA > A > B,2,1\nA > B > A,1,2\n";

/** Every dialect feature at once, with 2-, 3- and 4-byte UTF-8 characters and
 * a line break inside a quoted field. */
const DIALECT =
  "\u{feff}path,conversions,nulls,value\r\n" +
  '"Ad, TV > Café",2,1,50.5\r\n' +
  "\r\n" +
  '"Ünboxing 📦 > ""Store""","1",0,20\r\n' +
  "Ghost,0,0,\r\n" +
  '"Web\n> Café > Café > Ad, TV",3,4,7.25\n' +
  "Web > 電話 > Web,0,2,\n";

function fileOf(journey) {
  return JSON.parse(journey.toJSON());
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

/** Asserts a paths error: a real Error, code "parse", line and column
 * properties, and a message naming both. */
function assertParseError(e, line, column, words) {
  assert.ok(e instanceof Error, `an Error, not ${typeof e}`);
  assert.equal(e.code, "parse");
  assert.equal(e.line, line, e.message);
  assert.equal(e.column, column, e.message);
  assert.ok(e.message.startsWith(`Line ${line}, column ${column} of the paths file: `), e.message);
  if (words) assert.ok(e.message.includes(words), e.message);
}

/** Fits bytes pushed as Uint8Array pieces of the given sizes (cycled). */
function inPieces(bytes, sizes, options) {
  const reader = new PathsReader(options);
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = Math.min(sizes[k % sizes.length], bytes.length - at);
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  const summary = reader.summary();
  return { summary, journey: reader.finish() };
}

test("fromPaths fits the hand-checked set: counts, success, removal effects, attribution", () => {
  const j = Journey.fromPaths(BASIC);
  const f = fileOf(j);
  const tp = Object.fromEntries(f.touchpoints.map((t) => [t.id, t]));
  assert.deepEqual(Object.keys(tp).sort(), ["A", "B", "conversion"]);
  assert.equal(tp.conversion.goal, true);
  assert.equal(tp.conversion.name, "Conversion");
  assert.equal(tp.A.entry, 10);
  assert.equal(tp.B.entry, 4);
  close(tp.A.dropout, 2 / 13, "dropout A");
  close(tp.B.dropout, 6 / 14, "dropout B");
  const w = Object.fromEntries(f.transitions.map((t) => [`${t.from}>${t.to}`, t.weight ?? 1]));
  assert.deepEqual(w, { "A>B": 10, "A>conversion": 1, "B>A": 3, "B>conversion": 5 });
  const { channels, ...totals } = f.observed;
  assert.deepEqual(totals, { paths: 14, conversions: 6, nulls: 8 });
  // Per channel (tests/observed.rs has the rule): A is in 10 customers'
  // paths (rows 1, 3, 4) that converted 6 times, starts all three (6),
  // ends row 4 (1), linear 3/2 + 2/2 + 1·(2/3); B is in all 14 paths.
  assert.deepEqual({ ...channels.A, linear: undefined }, { paths: 10, conversions: 6, firstTouch: 6, lastTouch: 1, linear: undefined });
  close(channels.A.linear, 19 / 6, "linear A");
  assert.deepEqual({ ...channels.B, linear: undefined }, { paths: 14, conversions: 6, firstTouch: 0, lastTouch: 5, linear: undefined });
  close(channels.B.linear, 17 / 6, "linear B");

  close(j.analyze().success, 6 / 14, "success = observed conversion rate");
  const re = j.removalEffects();
  close(re.A, 16 / 21, "RE A");
  close(re.B, 34 / 39, "RE B");
  assert.equal(re.conversion, 1);

  const a = j.attribution();
  assert.deepEqual(a.map((x) => x.touchpoint), ["B", "A"], "largest share first, no goal");
  close(a[1].share, 104 / 223, "share A");
  close(a[0].share, 119 / 223, "share B");
  close(a[1].conversions, 624 / 223, "conversions A");
  close(a[0].conversions, 714 / 223, "conversions B");
  close(a[0].removalEffect, 34 / 39, "RE B in the attribution");
  assert.equal(a[0].value ?? null, null);
  j.free();
});

test("attribution shares sum to 1 and share out every conversion and all the value", () => {
  const j = Journey.fromPaths(DIALECT);
  const a = j.attribution();
  const { channels, ...observed } = fileOf(j).observed;
  assert.deepEqual(observed, { paths: 13, conversions: 6, nulls: 7, value: 77.75 });
  assert.deepEqual(Object.keys(channels).sort(), a.map((x) => x.touchpoint).sort());
  close(a.reduce((s, x) => s + x.share, 0), 1, "Σ share");
  close(a.reduce((s, x) => s + x.conversions, 0), 6, "Σ conversions");
  close(a.reduce((s, x) => s + x.value, 0), 77.75, "Σ value");
  close(j.analyze().success, 6 / 13, "success");
  assert.ok(!a.some((x) => x.name === "Ghost"), "a row without customers fits no channel");
  j.free();
});

test("PathsReader: Uint8Array pieces of any size, text pieces and one push give the same journey", () => {
  const bytes = new TextEncoder().encode(DIALECT);
  const whole = Journey.fromPaths(DIALECT);
  const expected = whole.toJSON();
  whole.free();
  const reference = inPieces(bytes, [bytes.length]);
  assert.equal(reference.journey.toJSON(), expected);
  assert.deepEqual(reference.summary, {
    rows: 5,
    emptyRows: 1,
    channels: 6,
    paths: 13,
    conversions: 6,
    nulls: 7,
    value: 77.75,
  });
  reference.journey.free();
  // 1-byte pieces split every multi-byte character and quoted field; the
  // others land splits everywhere else.
  for (const sizes of [[1], [2], [3], [5], [7], [1, 2, 3], [64], [4096]]) {
    const { summary, journey } = inPieces(bytes, sizes);
    assert.equal(journey.toJSON(), expected, `pieces ${sizes}`);
    assert.deepEqual(summary, reference.summary, `pieces ${sizes}`);
    journey.free();
  }
  // Every split in two.
  for (let cut = 1; cut < bytes.length; cut++) {
    const { journey } = inPieces(bytes, [cut, bytes.length]);
    assert.equal(journey.toJSON(), expected, `split at byte ${cut}`);
    journey.free();
  }
  // Text pieces (strings) too.
  const reader = new PathsReader();
  for (const line of DIALECT.split(/(?<=\n)/)) reader.push(line);
  const fromText = reader.finish();
  assert.equal(fromText.toJSON(), expected);
  fromText.free();
});

test("PathsReader: an empty piece (a stream may deliver one) does not end the file", () => {
  const bytes = new TextEncoder().encode(BASIC);
  const reader = new PathsReader();
  reader.push(new Uint8Array(0));
  reader.push(bytes.subarray(0, 30));
  reader.push(new Uint8Array(0));
  reader.push("");
  reader.push(bytes.subarray(30));
  const j = reader.finish();
  const { channels, ...totals } = fileOf(j).observed;
  assert.deepEqual(totals, { paths: 14, conversions: 6, nulls: 8 });
  assert.equal(channels.B.paths, 14);
  j.free();
});

test("PathsReader: summary previews the counts; a finished reader refuses more", () => {
  const reader = new PathsReader({ separator: ">", delimiter: "," });
  reader.push("path,conversions,nulls\nA > B,3,1\n");
  assert.deepEqual(
    { ...reader.summary(), value: reader.summary().value ?? null },
    { rows: 1, emptyRows: 0, channels: 2, paths: 4, conversions: 3, nulls: 1, value: null },
  );
  reader.push("C,0,0\nC > A,0,2\n");
  const s = reader.summary();
  assert.equal(s.rows, 3);
  assert.equal(s.emptyRows, 1);
  assert.equal(s.channels, 3);
  assert.equal(s.paths, 6);
  const j = reader.finish();
  assert.equal(j.touchpointCount ?? fileOf(j).touchpoints.length, 4);
  j.free();
  for (const again of [() => reader.push("A,1,1\n"), () => reader.summary(), () => reader.finish()]) {
    const e = thrown(again);
    assert.ok(e instanceof Error);
    assert.equal(typeof e.code, "string");
  }
  reader.free();
});

test("custom separator and delimiter", () => {
  const j = Journey.fromPaths("path;conversions;nulls\nAd->Web>Shop;1;1\nAd -> Ad->Web>Shop;1;0\n", {
    separator: "->",
    delimiter: ";",
  });
  const f = fileOf(j);
  assert.deepEqual(f.touchpoints.filter((t) => !t.goal).map((t) => t.channel).sort(), ["Ad", "Web>Shop"]);
  close(j.analyze().success, 2 / 3, "success");
  j.free();
  const tsv = Journey.fromPaths("path\tconversions\tnulls\nA|B\t1\t1\n", { separator: "|", delimiter: "\t" });
  assert.equal(fileOf(tsv).transitions.find((t) => t.from === "A").to, "B");
  tsv.free();
  for (const [options, path] of [
    [{ separator: "" }, "/separator"],
    [{ delimiter: ";;" }, "/delimiter"],
    [{ delimiter: "é" }, "/delimiter"],
  ]) {
    const e = thrown(() => Journey.fromPaths(BASIC, options));
    assert.ok(e instanceof Error);
    assert.equal(e.code, "out_of_range", JSON.stringify(options));
    assert.equal(e.path, path);
    const e2 = thrown(() => new PathsReader(options));
    assert.equal(e2.code, "out_of_range");
  }
});

test("errors are Errors with code parse, line and column", () => {
  assertParseError(
    thrown(() => Journey.fromPaths("path,conversions,nulls\nA,1,2\nB,x,1\n")),
    3,
    2,
    'conversions must be a number of 0 or more, not "x"',
  );
  assertParseError(thrown(() => Journey.fromPaths("path,conversions,nulls\nA,1\n")), 2, 3, "2 columns");
  assertParseError(thrown(() => Journey.fromPaths("path,conversions\nA,1\n")), 1, 1, "nulls missing");
  assertParseError(thrown(() => Journey.fromPaths("path,conversions,nulls\n > ,1,0\n")), 2, 1, "no channel");
  assertParseError(thrown(() => Journey.fromPaths("")), 1, 1, "empty");
  const none = thrown(() => Journey.fromPaths("path,conversions,nulls\nA,0,0\n"));
  assertParseError(none, none.line, 1, "no customer"); // at the end of the file
  // Blank lines and a quoted line break count as lines.
  assertParseError(thrown(() => Journey.fromPaths('path,conversions,nulls\n\n"A\nB",1,1\nC,-1,1\n')), 5, 2);

  // Non-UTF-8 bytes, pushed in 1-byte pieces: the same line and column.
  const bad = new Uint8Array([...new TextEncoder().encode("path,conversions,nulls\nA,1,1\nA > "), 0xff, 0xfe, ...new TextEncoder().encode(",1,0\n")]);
  for (const size of [bad.length, 1, 2]) {
    const reader = new PathsReader();
    const e = thrown(() => {
      for (let at = 0; at < bad.length; at += size) reader.push(bad.subarray(at, at + size));
      reader.finish().free();
    });
    assertParseError(e, 3, 1, "not UTF-8");
    // A failed reader keeps failing with the same error.
    assertParseError(thrown(() => reader.push("B,1,1\n")), 3, 1);
  }
});

test("the fitted journey round-trips through toJSON/fromJSON, observed included", () => {
  for (const text of [BASIC, DIALECT]) {
    const j = Journey.fromPaths(text);
    const json = j.toJSON();
    const back = Journey.fromJSON(json);
    assert.equal(back.toJSON(), json);
    assert.deepEqual(fileOf(back).observed, fileOf(j).observed);
    assert.deepEqual(back.attribution(), j.attribution());
    j.free();
    back.free();
  }
});

test("nothing throws anything but a parse Error on random bytes", () => {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  const alphabet = new TextEncoder().encode('pathconversionsnulls,;"\r\n >|0123.5e-AB');
  for (let k = 0; k < 300; k++) {
    const n = Math.floor(next() * 200);
    const bytes = new Uint8Array(n + 23);
    bytes.set(new TextEncoder().encode("path,conversions,nulls\n"));
    for (let i = 23; i < bytes.length; i++) {
      bytes[i] = next() < 0.85 ? alphabet[Math.floor(next() * alphabet.length)] : Math.floor(next() * 256);
    }
    try {
      const { journey } = inPieces(bytes, [1 + Math.floor(next() * 9)]);
      journey.attribution();
      journey.free();
    } catch (e) {
      assert.ok(e instanceof Error, String(e));
      assert.equal(e.code, "parse", e.message);
      assert.ok(e.line >= 1 && e.column >= 1, e.message);
    }
  }
});

// ---------------------------------------------------------------------------
// The reference implementation
// ---------------------------------------------------------------------------

const root = fileURLToPath(new URL("../../", import.meta.url));
const compareScript = fileURLToPath(new URL("../paths/compare_channelattribution.py", import.meta.url));

/** Why the comparison cannot run here, or null when it can. */
function channelAttributionMissing() {
  const probe = spawnSync("python3", ["-c", "import ChannelAttribution"], { encoding: "utf8" });
  if (probe.error) return `python3 cannot be run (${probe.error.message})`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split("\n").pop();
    return `ChannelAttribution cannot be imported (${last}); tools/setup.sh --test installs it`;
  }
  return null;
}
const missing = channelAttributionMissing();

for (const [paths, channels, seed] of [
  [300, 6, 1],
  [400, 10, 2],
]) {
  test(
    `ChannelAttribution markov_model(order=1) agrees within its simulation noise (${paths} paths, ${channels} channels, seed ${seed})`,
    { skip: missing ?? false, timeout: 120_000 },
    () => {
      const run = spawnSync(
        "python3",
        [compareScript, "compare", "--paths", String(paths), "--channels", String(channels), "--seed", String(seed)],
        { cwd: root, encoding: "utf8", env: { ...process.env, JOURNEYGRAPH_PKG: fileURLToPath(pkg) } },
      );
      assert.ok(run.status === 0 || run.status === 1, `compare failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
      const report = JSON.parse(run.stdout);
      const table = report.rows
        .map((r) => `${r.channel}: ${r.journeygraph.toFixed(3)} vs ${r.channelattribution.toFixed(3)}`)
        .join("; ");
      assert.equal(
        report.ok,
        true,
        `worst deviation ${report.worstDeviation} of the total conversions, tolerance ${report.tolerance}: ${table}`,
      );
      assert.equal(report.rows.length, channels);
    },
  );
}
