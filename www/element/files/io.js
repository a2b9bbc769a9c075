// What <journey-map>'s Import and Export do (files/index.js has the buttons): a
// file read, checked and opened (a journey's JSON, a picture exported by
// journeygraph, a Mermaid journey, customer paths, counts or a survey CSV),
// and each export made (JSON, SVG and PNG pictures of the whole map, CSV of
// the touchpoints, Mermaid). Loaded on the first import or export
// (lazy.js): drawing the first map needs none of it.
//
//   const io = filesIO(host, { fail, importButton, exportButton, showNotice, hideNotice, state });
//   io.importFile(file); io.pasteMermaid(); const [blob, name, message] = await io.make("png")();
//
// A file is checked completely before anything changes: a rejected import
// leaves the open journey exactly as it was. A good one replaces it through
// the element's public `journey = text` (so the element owns, and later
// frees, the new Journey). DOM is built with createElement and textContent
// only; user text never becomes markup, in the page or in an exported file.

import { Journey } from "../../journeygraph.js";
import { pictureOf, mapSvg, svgToPng } from "./picture.js"; // SVG and PNG of the map, carrying the journey
import { withJourneyPng, isPicture, journeyInPicture } from "./picture-data.js";
import { isPathsFile, loadPathsImport, loadAttribution, load, loadMermaid, loadMermaidDialog, isMermaidFile, loadSurvey } from "../lazy.js"; // paths CSV: preview, then fit (files/paths-import.js, loaded on first use)
import { h } from "../dom.js";

/** The core's limit (SPEC section 5: 64 MB of JSON), checked before a file is read. */
export const MAX_FILE_BYTES = 64_000_000;

/** A file name from the journey's title: "Buying a phone" → "buying-a-phone". */
export function fileStem(title) {
  const stem = String(title ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return stem || "journey";
}

/** Offers `blob` as a download named `name` (an <a download> with a Blob URL). */
export function download(blob, name, parent = document.body) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  parent.append(a);
  a.click();
  a.remove();
  // Late enough for any browser to have started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- CSV ----

/** Journey.entryShares(), or null where no customer can start (the column is then blank). */
function entrySharesOf(j) {
  try {
    return j.entryShares();
  } catch {
    return null;
  }
}

/** Touchpoint fields in file order (Journey.view gives every one of them), and entryShare (the core's, Journey.entryShares()). */
const CSV_FIELDS = [
  "id", "name", "stage", "stageName", "emotion", "impact", "dropout", "entry", "entryShare", "goal",
  "channel", "owner", "kind", "service", "proactive", "effort", "notes", "painPoints", "opportunities",
];

/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe; real numbers stay numbers, so -0.5 is still -0.5.
 */
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("\n")
    : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The touchpoints of a journey's complete view (Journey.view) as CSV text: a
 * header, then one row each. `shares` (Journey.entryShares()) gives the
 * entryShare column: each entry as a share of all, whether the file holds
 * shares or a fitted journey's counts (blank when no customer can start).
 */
export function touchpointsCsv(file, shares = null) {
  const stageNames = new Map(file.stages.map((s) => [s.id, s.name]));
  const known = new Set(CSV_FIELDS);
  // Fields this version does not know, kept from the file: columns too.
  const extra = [];
  for (const t of file.touchpoints) for (const k of Object.keys(t)) if (!known.has(k) && !extra.includes(k)) extra.push(k);
  const columns = [...CSV_FIELDS, ...extra];
  const rows = [columns.map((k) => csvCell(k)).join(",")];
  for (const t of file.touchpoints) {
    const record = { ...t, stageName: stageNames.get(t.stage) ?? "", entryShare: shares?.[t.id] ?? null };
    rows.push(columns.map((k) => csvCell(record[k])).join(","));
  }
  // CRLF rows (RFC 4180) and a byte-order mark, so spreadsheets read UTF-8.
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

/** The column names of a CSV file's header (lower case), or [] when it cannot be read. */
async function headerOf(file) {
  let head = "";
  try {
    head = await file.slice(0, 4096).text();
  } catch {
    return [];
  }
  const first = head.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0].toLowerCase();
  return first.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ""));
}

/** Whether a CSV file holds counts (its header names kind, channel, next_channel and count) rather than paths. */
async function isCountsFile(file) {
  const columns = await headerOf(file);
  return ["kind", "channel", "next_channel", "count"].every((c) => columns.includes(c));
}

/** Whether a CSV file holds survey measurements (its header names touchpoint, metric and value). */
async function isSurveyFile(file) {
  const columns = await headerOf(file);
  return ["touchpoint", "metric", "value"].every((c) => columns.includes(c));
}

// ---- Import errors ----

const SINGULAR = { touchpoints: "touchpoint", stages: "stage", transitions: "transition", scenarios: "scenario" };

/**
 * Says in words where a JSON pointer of the file points, e.g.
 * "/touchpoints/3/emotion" → "touchpoint 4 “Reads reviews”, field emotion
 * (/touchpoints/3/emotion)".
 */
export function describePath(text, path) {
  if (!path) return "";
  const parts = path.split("/").slice(1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch {
    return path;
  }
  const [list, index, ...rest] = parts;
  const kind = SINGULAR[list];
  if (!kind || !/^\d+$/.test(index ?? "")) return path;
  const item = Array.isArray(doc?.[list]) ? doc[list][Number(index)] : null;
  let label = `${kind} ${Number(index) + 1}`;
  const shorten = (s) => (String(s).length > 60 ? `${String(s).slice(0, 59)}…` : String(s));
  if (item && typeof item === "object") {
    if (typeof item.name === "string" && item.name) label += ` “${shorten(item.name)}”`;
    else if (typeof item.id === "string" && item.id) label += ` (${shorten(item.id)})`;
    else if (typeof item.from === "string" && typeof item.to === "string") label += ` (${shorten(item.from)} → ${shorten(item.to)})`;
  }
  if (rest.length) label += `, field ${rest.join(".")}`;
  return `${label} (${path})`;
}

/** An error for the element's message box: what is wrong, where, and that nothing changed. */
function importError(error, text) {
  const where = describePath(text, error?.path);
  const message = `${error?.message ?? String(error)}${where ? ` Where: ${where}.` : ""} The journey you had open is unchanged.`;
  return Object.assign(new Error(message, { cause: error }), { code: error?.code ?? "parse", path: error?.path ?? "" });
}

// ---- Import and export ----

/**
 * What the Import and Export buttons of `host` (the <journey-map>) do.
 * `fail(error, action)` shows a message; `showNotice(text, undo)` and
 * `hideNotice()` the note after an import; `state` is files/index.js's: whether
 * an import is opening (`importing`) and the journey before it (`previous`,
 * for "Undo import").
 */
export function filesIO(host, { fail, importButton, exportButton, showNotice, hideNotice, state }) {
  const root = host.shadowRoot;
  const current = () => {
    const j = host.journey;
    if (!j) throw Object.assign(new Error("There is no journey open yet."), { code: "schema", path: "" });
    return j;
  };

  /** Replaces the journey with `text` through the element; returns whether it did. */
  const open = (text) => {
    const before = host.journey;
    state.importing = true;
    try {
      host.journey = text;
    } finally {
      state.importing = false;
    }
    return host.journey !== before;
  };

  /** Reads, checks, then opens one file; the open journey changes only if all is well. */
  const importFile = async (file) => {
    if (host.readonly) return false;
    const action = `import “${file.name}”`;
    // paths-import.js: a paths CSV is streamed (any size) into a preview first.
    if (isPathsFile(file)) return openPaths(file, action);
    if (file.size > MAX_FILE_BYTES) {
      fail(Object.assign(new Error(`The file is ${(file.size / 1e6).toFixed(1)} MB; journeygraph opens files up to 64 MB. The journey you had open is unchanged.`), { code: "too_large", path: "" }), action);
      return false;
    }
    if (isMermaidFile(file)) {
      let text;
      try {
        text = await file.text();
      } catch (error) {
        fail(Object.assign(new Error(`The file could not be read (${error?.message ?? error}). The journey you had open is unchanged.`), { code: "parse", path: "" }), action);
        return false;
      }
      return openMermaid(text, `“${file.name}”`, (error) => fail(error, action), action);
    }
    // A picture exported by journeygraph carries its journey (picture-data.js).
    const picture = isPicture(file);
    const looksJson = /\.json$/i.test(file.name) || /json|^text\//.test(file.type);
    if (!looksJson && !picture) {
      fail(Object.assign(new Error("This is not a journeygraph file: choose a .json file exported from journeygraph, or customer paths as .csv. The journey you had open is unchanged."), { code: "wrong_format", path: "" }), action);
      return false;
    }
    let text;
    try {
      text = picture ? await journeyInPicture(file) : await file.text();
    } catch (error) {
      if (error?.code === "wrong_format") {
        fail(error, action);
        return false;
      }
      fail(Object.assign(new Error(`The file could not be read (${error?.message ?? error}). The journey you had open is unchanged.`), { code: "parse", path: "" }), action);
      return false;
    }
    // Check it completely first, for an error that says what and where.
    try {
      Journey.fromJSON(text).free();
    } catch (error) {
      fail(importError(error, text), action);
      return false;
    }
    return adopt(text, (j) => {
      const count = j.touchpointCount === 1 ? "1 touchpoint" : `${j.touchpointCount} touchpoints`;
      return `Opened ${picture ? "the journey in " : ""}“${file.name}”: ${j.title || "Untitled journey"}, ${count}.`;
    });
  };

  /** Opens checked journey text with the "Undo import" notice; `message` is text or (journey) => text. */
  const adopt = (text, message) => {
    const before = host.journey?.toJSON() ?? null;
    if (!open(text)) return false;
    state.previous = before;
    const j = host.journey;
    showNotice(typeof message === "function" ? message(j) : message, before === null ? null : () => {
      const back = state.previous;
      hideNotice();
      if (back !== null) open(back);
    });
    return true;
  };
  /**
   * Opens Mermaid journey text (journeygraph/mermaid, loaded on first use):
   * checked by the Mermaid parser and then the core before anything
   * changes; `report(error)` hears why not (a bad line: code "mermaid", `line`).
   */
  const openMermaid = async (text, label, report, action) => {
    const mermaid = await load(loadMermaid, importButton, fail, { what: "The Mermaid import", action });
    if (!mermaid) return false;
    let json = "";
    let imported;
    try {
      imported = mermaid.fromMermaid(text);
      json = JSON.stringify(imported.journey);
      try {
        Journey.fromJSON(json).free();
      } catch (refused) {
        if (imported.source !== "embedded") throw refused;
        // The journeygraph line matches the diagram but the core refuses it: the visible diagram, said so.
        imported = mermaid.fromMermaid(text, { embedded: false });
        imported.notes.push(`The journey in its %% journeygraph: line was refused (${refused?.message ?? refused}), so the visible diagram was imported.`);
        json = JSON.stringify(imported.journey);
        Journey.fromJSON(json).free();
      }
    } catch (error) {
      report(error?.code === "mermaid"
        ? Object.assign(new Error(`${error.message} The journey you had open is unchanged.`, { cause: error }), { code: "mermaid", path: "", line: error.line })
        : importError(error, json));
      return false;
    }
    return adopt(json, (j) => {
      const count = j.touchpointCount === 1 ? "1 touchpoint" : `${j.touchpointCount} touchpoints`;
      const how = imported.source === "embedded" ? " (the whole journey, from its journeygraph line)" : "";
      return `Opened Mermaid ${label}${how}: ${j.title || "Untitled journey"}, ${count}.${imported.notes.length ? ` ${imported.notes.join(" ")}` : ""}`;
    });
  };

  /** "Paste Mermaid…": a dialog with a text box (files/mermaid-dialog.js, loaded on first use). */
  const pasteMermaid = async () => {
    if (host.readonly) return;
    const action = "open pasted Mermaid";
    const dialog = await load(loadMermaidDialog, exportButton, fail, { what: "The Mermaid paste dialog", action });
    dialog?.showMermaidDialog(root, { open: (text, report) => openMermaid(text, "text", report, action) });
  };

  // The paths import (files/paths-import.js) loads with the first paths file.
  let paths = null;
  const openPaths = async (file, action) => {
    // Survey measurements (touchpoint,metric,value,…): set on the open journey.
    if (await isSurveyFile(file)) return openSurvey(file, action);
    // Counts made in a warehouse (kind,channel,next_channel,count): fitted at once by the core.
    if (await isCountsFile(file)) return openCounts(file, action);
    // A journey fitted from paths opens with its attribution table: load that alongside,
    // so the table is there as the journey opens (a failure here is reported when it is used).
    loadAttribution().catch(() => {});
    if (!paths) {
      const module = await load(loadPathsImport, importButton, fail, { what: "The paths import", action });
      if (!module) return false;
      paths ??= module.installPathsImport(host, { adopt, fail });
    }
    return paths.open(file);
  };

  /** Sets a survey CSV's measurements on the open journey (survey.js, loaded on first use): one edit, one undo. */
  const openSurvey = async (file, action) => {
    const survey = await load(loadSurvey, importButton, fail, { what: "The survey import", action });
    if (!survey || host.readonly) return false;
    let result;
    try {
      if (file.size > MAX_FILE_BYTES) throw Object.assign(new Error(`The file is ${(file.size / 1e6).toFixed(1)} MB; a survey CSV may be up to 64 MB.`), { code: "too_large", path: "" });
      const journey = current().toObject();
      result = survey.surveyEdit(journey, survey.readSurvey(await file.text(), journey), file.name);
    } catch (error) {
      fail(Object.assign(new Error(`${error?.message ?? error} The journey is unchanged.`, { cause: error }), { code: error?.code ?? "parse", path: "", line: error?.line }), action);
      return false;
    }
    state.importing = true;
    let done = false;
    try {
      done = host.edit(result.edit);
    } finally {
      state.importing = false;
    }
    if (done) showNotice(`${result.words} Undo takes it back.`, () => {
      hideNotice();
      host.undo();
    });
    return done;
  };

  /** Fits the journey of a counts CSV (Journey.fromCounts) and opens it; a refusal says where. */
  const openCounts = async (file, action) => {
    if (file.size > MAX_FILE_BYTES) {
      fail(Object.assign(new Error(`The file is ${(file.size / 1e6).toFixed(1)} MB; journeygraph opens counts files up to 64 MB. The journey you had open is unchanged.`), { code: "too_large", path: "" }), action);
      return false;
    }
    let json;
    try {
      const j = Journey.fromCounts(await file.text());
      try {
        json = j.toJSON();
      } finally {
        j.free();
      }
    } catch (error) {
      fail(Object.assign(new Error(`${error?.message ?? error} The journey you had open is unchanged.`, { cause: error }), { code: error?.code ?? "parse", path: "" }), action);
      return false;
    }
    loadAttribution().catch(() => {});
    return adopt(json, (j) => `Fitted “${file.name}” from its counts: ${j.touchpointCount === 1 ? "1 touchpoint" : `${j.touchpointCount} touchpoints`}, with its attribution.`);
  };

  // JSON and CSV are the journey's data (the JSON with its scenarios); the
  // pictures show the map as it is shown, so in What-if mode the scenario.
  const pictureStem = (p) => (p.scenario ? `${fileStem(p.file.title)}-what-if-${fileStem(p.scenario)}` : fileStem(p.file.title));
  /** Each export (files/index.js has their menu): [blob, file name, a message or nothing]. */
  const makers = {
    json: () => {
      const j = current();
      return [new Blob([j.toJSON()], { type: "application/json" }), `${fileStem(j.title)}.json`];
    },
    svg: () => {
      const picture = pictureOf(current(), host.scenario);
      return [new Blob([mapSvg(picture).text], { type: "image/svg+xml" }), `${pictureStem(picture)}.svg`];
    },
    png: async () => {
      const picture = pictureOf(current(), host.scenario);
      const { text, width, height } = mapSvg(picture);
      return [await withJourneyPng(await svgToPng(text, width, height), picture.json), `${pictureStem(picture)}.png`];
    },
    csv: () => {
      const j = current();
      return [new Blob([touchpointsCsv(j.view(), entrySharesOf(j))], { type: "text/csv;charset=utf-8" }), `${fileStem(j.title)}-touchpoints.csv`];
    },
    mmd: async () => {
      const j = current();
      const { toMermaid } = await loadMermaid();
      const { text, lost } = toMermaid(j.toJSON());
      const message = `Exported Mermaid. The diagram does not show ${lost.join("; ")}; its last line (a %% journeygraph: comment) carries them, so importing it here gives the whole journey back.`;
      return [new Blob([text], { type: "text/vnd.mermaid;charset=utf-8" }), `${fileStem(j.title)}.mmd`, message];
    },
  };
  return { importFile, pasteMermaid, make: (key) => makers[key], download: (blob, name) => download(blob, name, root) };
}
