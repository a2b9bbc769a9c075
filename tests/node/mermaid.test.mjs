// journeygraph/mermaid (www/mermaid/index.js, pkg/mermaid/): Mermaid
// `journey` import and export, checked against the built core (the imported
// journey must load and compute) and against itself (the round trip).
// Needs `bash tools/build.sh` first; run with `cd tests && node --test node/mermaid.test.mjs`.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import { fromMermaid, toMermaid, parseMermaid, decodeEntities } from "../../pkg/mermaid/index.js";

const pkg = new URL("../../pkg/", import.meta.url);
const read = (path) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
});

/** Loads a file object in the core and returns its analysis (throws if the core refuses it). */
function computes(file) {
  const j = Journey.fromJSON(JSON.stringify(file));
  try {
    return j.analyze();
  } finally {
    j.free();
  }
}

// The example of Mermaid's own documentation (docs/syntax/userJourney.md).
const DOCS_EXAMPLE = `journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
`;

test("the example of Mermaid's documentation imports, in order, and computes", () => {
  const { journey, source } = fromMermaid(DOCS_EXAMPLE);
  assert.equal(source, "diagram");
  assert.equal(journey.title, "My working day");
  assert.deepEqual(journey.stages.map((s) => s.name), ["Go to work", "Go home"]);
  assert.deepEqual(journey.touchpoints.map((t) => [t.name, t.emotion, t.owner]), [
    ["Make tea", 1, "Me"], ["Go upstairs", 0, "Me"], ["Do work", -1, "Me, Cat"], ["Go downstairs", 1, "Me"], ["Sit down", 1, "Me"],
  ]);
  assert.deepEqual(journey.touchpoints.map((t) => t.stage), ["go-to-work", "go-to-work", "go-to-work", "go-home", "go-home"]);
  assert.deepEqual(journey.transitions.map((t) => `${t.from}>${t.to}`), ["make-tea>go-upstairs", "go-upstairs>do-work", "do-work>go-downstairs", "go-downstairs>sit-down"]);
  const figures = computes(journey);
  assert.ok(Math.abs(figures.success - 1) < 1e-9, `every customer reaches the last task: ${figures.success}`);
});

test("scores map to emotion = (score − 3) / 2, and back", () => {
  const { journey } = fromMermaid("journey\nsection S\n a: 1\n b: 2\n c: 3\n d: 4\n e: 5\n");
  assert.deepEqual(journey.touchpoints.map((t) => t.emotion), [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(journey.touchpoints.map((t) => t.owner), [undefined, undefined, undefined, undefined, undefined], "no actors, no owner");
  const { text } = toMermaid(journey, { embed: false });
  assert.match(text, /a: 1\n.*b: 2\n.*c: 3\n.*d: 4\n.*e: 5\n$/s);
  // Rounded and clamped.
  const file = { ...journey, touchpoints: journey.touchpoints.map((t, k) => ({ ...t, emotion: [-0.9, -0.3, 0.1, 0.74, 0.76][k] })) };
  const scores = parseMermaid(toMermaid(file).text).sections[0].tasks.map((t) => t.score);
  assert.deepEqual(scores, [1, 2, 3, 4, 5]);
});

test("comments, entities, acc fields and front matter", () => {
  const text = `---
title: From front matter
---
%% a comment before the diagram
%%{init: {"theme": "forest"}}%%
journey
  %% a comment in it
  accTitle: My day, for screen readers
  accDescr {
    What I do
    from tea to sofa
  }
  section Morning #59; early
    Make tea #35;1: 5: Me
    Say #quot;hi#quot; #amp; #9829;: 4: Me, The #lt;cat#gt;
`;
  const { journey } = fromMermaid(text);
  assert.equal(journey.title, "From front matter");
  assert.deepEqual(journey.mermaid, { accTitle: "My day, for screen readers", accDescr: "What I do\nfrom tea to sofa" });
  assert.equal(journey.stages[0].name, "Morning ; early");
  assert.deepEqual(journey.touchpoints.map((t) => [t.name, t.owner]), [["Make tea #1", "Me"], ["Say \"hi\" & ♥", "Me, The <cat>"]]);
  computes(journey); // the core keeps the unknown `mermaid` field and loads the rest
  const kept = Journey.fromJSON(JSON.stringify(journey));
  assert.deepEqual(JSON.parse(kept.toJSON()).mermaid, journey.mermaid, "the core keeps accTitle and accDescr");
  kept.free();
  // Single-line accDescr, and an export that says them again.
  const one = fromMermaid("journey\naccDescr: one line\nsection A\n t: 3\n").journey;
  assert.deepEqual(one.mermaid, { accDescr: "one line" });
  const out = toMermaid(journey, { embed: false }).text;
  assert.match(out, /accTitle: My day, for screen readers/);
  assert.match(out, /accDescr \{\n {4}What I do\n {4}from tea to sofa\n {2}\}/);
  assert.match(out, /section Morning #59; early/);
  assert.match(out, /Make tea #35;1: 5: Me/, "# : ; become entities, since Mermaid reads # as a comment");
  assert.deepEqual(fromMermaid(out).journey.touchpoints.map((t) => t.name), ["Make tea #1", "Say \"hi\" & ♥"]);
  assert.equal(decodeEntities("#x23;#58;#nosuch;"), "#:#nosuch;");
});

test("bad Mermaid: a coded error with its line", () => {
  const cases = [
    ["graph TD\n A-->B", 1, /starts with the word “journey”/],
    ["%% hi\n\njourney\nsection A\n  Make tea: 6: Me", 5, /score 6/],
    ["journey\nsection A\n  Make tea: five: Me", 3, /score from 1 to 5/],
    ["journey\nsection A\n  Make tea", 3, /not part of a Mermaid journey/],
    ["journey\n  title T\nsection A\n  : 3", 4, /needs a name/],
    ["journey\nsection A\n  a: 3: b: c", 3, /more “:”/],
    ["journey\naccDescr {\n never closed", 2, /never closed/],
    ["journey\n  title Nothing here\n", 3, /no tasks/],
    ["", 1, /no Mermaid diagram/],
    ["---\ntitle: x\n", 1, /front matter/],
  ];
  for (const [text, line, message] of cases) {
    assert.throws(() => fromMermaid(text), (error) => {
      assert.ok(error instanceof Error);
      assert.equal(error.code, "mermaid", text);
      assert.equal(error.path, "");
      assert.equal(error.line, line, `${JSON.stringify(text)}: ${error.message}`);
      assert.match(error.message, new RegExp(`^Line ${line}: `));
      assert.match(error.message, message);
      return true;
    });
  }
});

/** Stages in order with their touchpoints' names and emotions at Mermaid's resolution. */
function shape(file) {
  return file.stages.map((s) => [s.name, file.touchpoints.filter((t) => t.stage === s.id)
    .map((t) => [t.name, Math.min(1, Math.max(-1, Math.round(2 * (t.emotion ?? 0)) / 2)) + 0])]).filter(([, ts]) => ts.length);
}

const FILES = [
  ["the built-in sample", "../../src/format/sample.json"],
  ["tests/data/renewal.json", "../data/renewal.json"],
  ["tests/data/closed-loop-names.json", "../data/closed-loop-names.json"],
];

for (const [label, path] of FILES) {
  test(`round trip journeygraph → Mermaid → journeygraph: ${label}`, () => {
    const file = JSON.parse(Journey.fromJSON(read(path)).toJSON());
    const { text, lost } = toMermaid(file);
    assert.ok(lost.length > 0 && lost.every((l) => typeof l === "string"));
    assert.ok(lost.includes("the stage and touchpoint ids"));
    // With the journeygraph line: the whole journey.
    const back = fromMermaid(text);
    assert.equal(back.source, "embedded");
    assert.deepEqual(back.journey, file);
    // Without it: stages, names, order and emotions (to Mermaid's resolution).
    const visibleOnly = fromMermaid(toMermaid(file, { embed: false }).text);
    assert.equal(visibleOnly.source, "diagram");
    assert.deepEqual(shape(visibleOnly.journey), shape(file));
    assert.equal(visibleOnly.journey.title, file.title);
    computes(visibleOnly.journey);
  });
}

test("the sample's export says what the diagram cannot show", () => {
  const { lost } = toMermaid(Journey.sample());
  for (const words of ["transitions", "impact", "dropouts", "entry", "channels", "scenarios", "persona"]) {
    assert.ok(lost.some((l) => l.includes(words)), `${words} in ${JSON.stringify(lost)}`);
  }
});

test("an edited diagram wins over its journeygraph line", () => {
  const file = JSON.parse(Journey.sample().toJSON());
  const { text } = toMermaid(file);
  const first = file.touchpoints.find((t) => t.stage === file.stages[0].id);
  const edited = text.replace(`${first.name}:`, "Renamed here:");
  assert.notEqual(edited, text);
  const back = fromMermaid(edited);
  assert.equal(back.source, "diagram");
  assert.match(back.notes.join(" "), /edited after export/);
  assert.ok(back.journey.touchpoints.some((t) => t.name === "Renamed here"));
  // A changed score too.
  const scored = text.replace(/^( {4}[^:\n]+: )(\d)/m, (all, head, s) => `${head}${s === "5" ? 4 : 5}`);
  assert.equal(fromMermaid(scored).source, "diagram");
  // Broken JSON in the line: the visible diagram, with a note.
  const broken = text.replace(/%% journeygraph: \{/, "%% journeygraph: {{");
  const b = fromMermaid(broken);
  assert.equal(b.source, "diagram");
  assert.match(b.notes.join(" "), /not valid JSON/);
  // Asked to, the line is ignored.
  assert.equal(fromMermaid(text, { embedded: false }).source, "diagram");
});
