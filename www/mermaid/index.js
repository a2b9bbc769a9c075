// journeygraph/mermaid: Mermaid `journey` diagrams in and out, in plain
// JavaScript (no wasm, no dependencies), so it is small and loads only when
// a Mermaid file is opened or exported (the element imports it lazily).
//
//   import { fromMermaid, toMermaid } from "journeygraph/mermaid";
//   const { journey, source } = fromMermaid(text);   // a journeygraph file object
//   const { text, lost } = toMermaid(journey);        // Mermaid text, and what it cannot show
//
// The mapping (README, "Mermaid"): a section is a stage, a task a
// touchpoint, in order; consecutive tasks are linked by a transition
// (weight 1), the first task is the journey's entry and the last its goal,
// so an imported journey computes. Score 1–5 ↔ emotion = (score − 3) / 2;
// export rounds 3 + 2 × emotion and clamps it to 1–5. Actors ↔ the
// touchpoint's `owner` (comma separated). `title` ↔ title; `accTitle` and
// `accDescr` are kept in the file's `mermaid` object (an unknown field to
// the core, which keeps it).
//
// Export adds a `%% journeygraph: <json>` comment line carrying the whole
// journey. Import uses that journey only if it is valid and the visible
// diagram still says exactly what the embedded journey would export
// (title, sections, tasks, scores, actors, in order); once any of that has
// been edited, the visible diagram is imported instead (`source` says which).

/** The error code of bad Mermaid (the core's codes are in SPEC section 5). */
export const MERMAID_ERROR = "mermaid";

const EMBED = "%% journeygraph:";

function fail(line, message) {
  return Object.assign(new Error(`Line ${line}: ${message}`), { code: MERMAID_ERROR, path: "", line });
}

const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", semi: ";", num: "#", hash: "#", excl: "!", comma: ",", percnt: "%", lpar: "(", rpar: ")", lbrace: "{", rbrace: "}" };

/** Mermaid's entities: `#35;` (decimal), `#x23;` (hex) and `#name;` (a few HTML names). */
export function decodeEntities(text) {
  return text.replace(/#(x[0-9a-f]+|[0-9]+|[a-z][a-z0-9]*);/gi, (all, code) => {
    if (/^x/i.test(code)) {
      const n = parseInt(code.slice(1), 16);
      return n <= 0x10ffff ? String.fromCodePoint(n) : all;
    }
    if (/^[0-9]/.test(code)) {
      const n = Number(code);
      return n <= 0x10ffff ? String.fromCodePoint(n) : all;
    }
    return NAMED[code.toLowerCase()] ?? all;
  });
}

/** Text as Mermaid can hold it on one line: `#`, `:` and `;` (its syntax) as entities, line breaks as spaces. */
function encode(text) {
  return String(text ?? "").replace(/[\r\n\t]+/g, " ").trim()
    .replace(/[#:;]/g, (c) => `#${c.codePointAt(0)};`);
}

/**
 * Parses the visible diagram: {title, accTitle, accDescr, sections:
 * [{name, tasks: [{name, score, actors, line}]}], embedded: text|null}.
 * Throws a coded error (code "mermaid", `line`) on what Mermaid would refuse.
 */
export function parseMermaid(text) {
  if (typeof text !== "string") throw fail(1, "Mermaid text must be a string.");
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const out = { title: "", accTitle: "", accDescr: "", sections: [], embedded: null };
  let i = 0;
  // Front matter (--- … ---) before the diagram: its `title:` counts.
  const firstReal = lines.findIndex((l) => l.trim() !== "");
  if (firstReal >= 0 && lines[firstReal].trim() === "---") {
    const end = lines.findIndex((l, k) => k > firstReal && l.trim() === "---");
    if (end < 0) throw fail(firstReal + 1, "the front matter that starts here (---) is never closed by a line ---.");
    for (let k = firstReal + 1; k < end; k++) {
      const m = /^title\s*:\s*(.*)$/.exec(lines[k].trim());
      if (m) out.title = m[1].replace(/^["']|["']$/g, "").trim();
    }
    i = end + 1;
  }
  let header = false;
  let section = null;
  for (; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trim();
    if (line === "") continue;
    if (line.startsWith("%%")) {
      if (lines[i].trimStart().startsWith(EMBED)) out.embedded = lines[i].trimStart().slice(EMBED.length).trim();
      continue; // a comment, or a %%{init}%% directive (styling: not kept)
    }
    if (!header) {
      if (!/^journey\s*$/i.test(line)) throw fail(n, `a Mermaid user journey starts with the word “journey”; found “${line.slice(0, 60)}”.`);
      header = true;
      continue;
    }
    let m;
    if ((m = /^title(?:\s+(.*))?$/i.exec(line))) {
      out.title = decodeEntities((m[1] ?? "").trim());
    } else if ((m = /^accTitle\s*:\s*(.*)$/i.exec(line))) {
      out.accTitle = decodeEntities(m[1].trim());
    } else if ((m = /^accDescr\s*:\s*(.*)$/i.exec(line))) {
      out.accDescr = decodeEntities(m[1].trim());
    } else if ((m = /^accDescr\s*\{(.*)$/i.exec(line))) {
      const parts = [];
      let rest = m[1];
      let k = i;
      for (;;) {
        const close = rest.indexOf("}");
        if (close >= 0) {
          parts.push(rest.slice(0, close));
          if (rest.slice(close + 1).trim()) throw fail(k + 1, "nothing may follow the } that closes accDescr on its line.");
          break;
        }
        parts.push(rest);
        k += 1;
        if (k >= lines.length) throw fail(n, "the accDescr { block that starts here is never closed with }.");
        rest = lines[k];
      }
      out.accDescr = decodeEntities(parts.map((p) => p.trim()).filter(Boolean).join("\n"));
      i = k;
    } else if ((m = /^section(?:\s+(.*))?$/i.exec(line))) {
      const name = decodeEntities((m[1] ?? "").trim());
      if (!name) throw fail(n, "a section needs a name, e.g. “section Go to work”.");
      if (/[:;]/.test(m[1].replace(/#\w+;/g, ""))) throw fail(n, "a section name cannot hold “:” or “;”; write #58; or #59; for them.");
      section = { name, tasks: [] };
      out.sections.push(section);
    } else if (line.includes(":")) {
      const [rawName, rawScore, ...rest] = line.split(":");
      const name = decodeEntities(rawName.trim());
      if (!name) throw fail(n, "a task needs a name before its “:”, e.g. “Make tea: 5: Me”.");
      if (rest.length > 1) throw fail(n, "a task is “name: score: actors”; this line has more “:” than that (write #58; for a colon in a name).");
      const scoreText = rawScore.trim();
      const score = Number(scoreText);
      if (scoreText === "" || !Number.isFinite(score)) throw fail(n, `the task “${name}” needs a score from 1 to 5 after its “:”; found “${scoreText}”.`);
      if (score < 1 || score > 5) throw fail(n, `the task “${name}” has score ${scoreText}; a score is from 1 (very unhappy) to 5 (very happy).`);
      const actors = rest.length ? rest[0].split(",").map((a) => decodeEntities(a.trim())).filter(Boolean) : [];
      if (!section) {
        section = { name: "Journey", tasks: [] };
        out.sections.push(section);
      }
      section.tasks.push({ name, score, actors, line: n });
    } else {
      throw fail(n, `“${line.slice(0, 60)}” is not part of a Mermaid journey: expected title, section, accTitle, accDescr, a %% comment, or a task “name: score: actors”.`);
    }
  }
  if (!header) throw fail(Math.max(1, lines.length), "this text has no Mermaid diagram: it should start with the word “journey”.");
  if (!out.sections.some((s) => s.tasks.length)) throw fail(Math.max(1, lines.length), "the journey has no tasks; add one, e.g. “Make tea: 5: Me”, under a section.");
  return out;
}

/** A unique id from a name ("Go to work" → "go-to-work"), never one of `taken`. */
function idFor(name, taken, fallback) {
  const base = String(name).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || fallback;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

/** A journeygraph file object (format version 1) from the parsed diagram. */
function journeyOf(diagram) {
  const stageIds = new Set();
  const touchIds = new Set();
  const stages = [];
  const touchpoints = [];
  for (const s of diagram.sections) {
    const stage = { id: idFor(s.name, stageIds, "stage"), name: s.name };
    stages.push(stage);
    for (const t of s.tasks) {
      const tp = { id: idFor(t.name, touchIds, "touchpoint"), name: t.name, stage: stage.id, emotion: (t.score - 3) / 2 };
      if (t.actors.length) tp.owner = t.actors.join(", ");
      touchpoints.push(tp);
    }
  }
  touchpoints[0].entry = 1;
  touchpoints[touchpoints.length - 1].goal = true;
  const transitions = touchpoints.slice(1).map((t, k) => ({ from: touchpoints[k].id, to: t.id, weight: 1 }));
  const journey = { format: "journeygraph", version: 1, title: diagram.title, stages, touchpoints, transitions };
  if (diagram.accTitle || diagram.accDescr) {
    journey.mermaid = {};
    if (diagram.accTitle) journey.mermaid.accTitle = diagram.accTitle;
    if (diagram.accDescr) journey.mermaid.accDescr = diagram.accDescr;
  }
  return journey;
}

/** What the visible diagram says, for comparing two diagrams. */
function visible(d) {
  return JSON.stringify([d.title, d.accTitle, d.accDescr,
    d.sections.filter((s) => s.tasks.length).map((s) => [s.name, s.tasks.map((t) => [t.name, t.score, t.actors])])]);
}

/**
 * Imports Mermaid `journey` text. Resolves to {journey, source, notes}:
 * `journey` is a journeygraph file object (pass JSON.stringify(journey) to
 * Journey.fromJSON or the element); `source` is "embedded" when the
 * `%% journeygraph:` line's journey was used, else "diagram"; `notes` says
 * why an embedded journey was not used. Throws an Error with code
 * "mermaid", `line` (1-based) and `path` "" on bad Mermaid. With
 * `{embedded: false}` the `%% journeygraph:` line is ignored (the editor
 * does that when the core refuses the embedded journey).
 */
export function fromMermaid(text, { embedded: useEmbedded = true } = {}) {
  const diagram = parseMermaid(text);
  const notes = [];
  if (diagram.embedded !== null && useEmbedded) {
    let embedded = null;
    try {
      embedded = JSON.parse(diagram.embedded);
    } catch {
      notes.push("The %% journeygraph: line is not valid JSON; the visible diagram was imported.");
    }
    if (embedded !== null) {
      if (!embedded || typeof embedded !== "object" || embedded.format !== "journeygraph" || !Array.isArray(embedded.touchpoints) || !Array.isArray(embedded.stages)) {
        notes.push("The %% journeygraph: line holds no journeygraph journey; the visible diagram was imported.");
      } else {
        let same = false;
        try {
          same = visible(parseMermaid(toMermaid(embedded, { embed: false }).text)) === visible(diagram);
        } catch {
          same = false;
        }
        if (same) return { journey: embedded, source: "embedded", notes };
        notes.push("The diagram was edited after export (its title, sections, tasks, scores or actors differ from the %% journeygraph: line), so the visible diagram was imported and the rest of the embedded journey was not used.");
      }
    }
  }
  return { journey: journeyOf(diagram), source: "diagram", notes };
}

const DEFAULTS = { impact: 1, dropout: 0, entry: 0, goal: false, channel: "", kind: "direct", service: false, proactive: false, notes: "", painPoints: [], opportunities: [] };
const FIELD_WORDS = {
  impact: "impact weights", dropout: "dropouts", entry: "entry shares", goal: "goals", channel: "channels", kind: "direct/indirect kinds",
  service: "customer-service marks", proactive: "proactive marks", effort: "effort scores", notes: "notes", painPoints: "pain points", opportunities: "opportunities",
};

/** The file object of a journey given as an object, JSON text, or a Journey (its toJSON()). */
function fileOf(journey) {
  if (typeof journey === "string") return JSON.parse(journey);
  if (journey && typeof journey.toJSON === "function" && typeof journey.view === "function") return JSON.parse(journey.toJSON());
  if (journey && typeof journey === "object") return journey;
  throw Object.assign(new TypeError("toMermaid needs a journeygraph journey (a file object, its JSON text, or a Journey)."), { code: "schema", path: "" });
}

/**
 * Exports a journey as Mermaid `journey` text: {text, lost}. `lost` lists,
 * in words, what of this journey the visible diagram cannot show (with
 * `embed`, the default, the `%% journeygraph:` line still carries all of
 * it, for a lossless import back into journeygraph).
 */
export function toMermaid(journey, { embed = true } = {}) {
  const file = fileOf(journey);
  const lost = [];
  const lines = ["journey"];
  const title = encode(file.title);
  if (title) lines.push(`  title ${title}`);
  else if (file.title) lost.push("the title");
  const acc = file.mermaid && typeof file.mermaid === "object" ? file.mermaid : {};
  if (acc.accTitle) lines.push(`  accTitle: ${String(acc.accTitle).replace(/[\r\n]+/g, " ")}`);
  if (acc.accDescr) {
    const d = String(acc.accDescr).replaceAll("}", "#125;");
    lines.push(d.includes("\n") ? `  accDescr {\n${d.split(/\r?\n/).map((l) => `    ${l}`).join("\n")}\n  }` : `  accDescr: ${d}`);
  }
  const stages = Array.isArray(file.stages) ? file.stages : [];
  const touchpoints = Array.isArray(file.touchpoints) ? file.touchpoints : [];
  let rounded = 0;
  let emptyStages = 0;
  const fields = new Set();
  for (const stage of stages) {
    const tasks = touchpoints.filter((t) => t.stage === stage.id);
    if (!tasks.length) {
      emptyStages += 1;
      continue;
    }
    lines.push(`  section ${encode(stage.name) || encode(stage.id) || "Stage"}`);
    for (const t of tasks) {
      const emotion = Number.isFinite(t.emotion) ? t.emotion : 0;
      const score = Math.min(5, Math.max(1, Math.round(3 + 2 * emotion)));
      if ((score - 3) / 2 !== emotion) rounded += 1;
      const actors = String(t.owner ?? "").split(",").map((a) => encode(a).replaceAll(",", "")).filter(Boolean);
      lines.push(`    ${encode(t.name) || encode(t.id)}: ${score}${actors.length ? `: ${actors.join(", ")}` : ""}`);
      for (const [k, v] of Object.entries(DEFAULTS)) {
        const value = t[k];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(v)) fields.add(k);
      }
      if (t.effort !== undefined && t.effort !== null) fields.add("effort");
    }
  }
  if (rounded) lost.push(`${rounded} emotion${rounded === 1 ? "" : "s"} rounded to Mermaid's five scores (score = 3 + 2 × emotion)`);
  if (emptyStages) lost.push(`${emptyStages} stage${emptyStages === 1 ? "" : "s"} without touchpoints (Mermaid draws no empty section)`);
  const transitions = Array.isArray(file.transitions) ? file.transitions : [];
  if (transitions.length) lost.push("the transitions and their weights (Mermaid shows only the order of tasks)");
  for (const k of Object.keys(FIELD_WORDS)) if (fields.has(k)) lost.push(`the touchpoints' ${FIELD_WORDS[k]}`);
  lost.push("the stage and touchpoint ids");
  if (file.persona?.name || file.persona?.description) lost.push("the persona");
  if (Array.isArray(file.scenarios) && file.scenarios.length) lost.push("the scenarios");
  if (file.settings && Object.keys(file.settings).length) lost.push("the settings");
  if (embed) lines.push(`${EMBED} ${JSON.stringify(file)}`);
  return { text: `${lines.join("\n")}\n`, lost, embedded: embed };
}
