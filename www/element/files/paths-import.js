// Importing observed customer paths (SPEC section 3, "Observed paths"): a
// CSV of `path` ("Ad > Website > Store"), `conversions`, `nulls` and
// optionally `value`, from the Import button or a dropped file (io.js
// routes .csv files here).
//
//   const paths = installPathsImport(host, { adopt, fail });
//   paths.open(file);      // a File: read, preview, then fit on request
//
// The file is streamed into the core's PathsReader chunk by chunk (never
// read into one string), and a modal preview shows what was read — rows,
// customer paths, conversions and the conversion rate, nulls, channels,
// total value — BEFORE anything is replaced. Changing the path separator or
// the column delimiter reads the file again. "Cancel" (or Escape) leaves
// the open journey exactly as it was; so does an error, which names its
// line and column. "Fit journey" hands the fitted journey's JSON text to
// `adopt(text, message)`: io.js's route for an import, with its
// "Undo import" notice. DOM by createElement and textContent only.
//
// The page never waits for it (SPEC section 6): reading and fitting run in
// the element's worker (engine/worker.js, task "paths": the File is handed
// over and streamed there; a file of 2,500 page-level channels takes
// seconds), which hands back the counts, the channel names and the fitted
// journey's text. Where no worker can start, the same runs on the page.

import { PathsReader } from "../../journeygraph.js";
import { requestTask, cancelTask, newChannel } from "../engine/client.js";
import { isPathsFile } from "../lazy.js";
import { h } from "../dom.js";

/** The preview's styles: later-style.js, adopted as this module loads (lazy.js load()). */
export { PATHS_CSS } from "../later-style.js";
/** Whether a file is a paths CSV: io.js asks before this module is loaded (lazy.js). */
export { isPathsFile };

/** The column delimiters offered: [value, label]. */
export const DELIMITERS = [[",", "Comma ( , )"], [";", "Semicolon ( ; )"], ["\t", "Tab"], ["|", "Pipe ( | )"]];
/** How many channel names the preview lists before "and N more". */
const CHANNELS_SHOWN = 14;
/** The longest line excerpt shown with an error. */
const EXCERPT = 160;


const count = (x) => (Number.isInteger(x) ? x.toLocaleString("en-US") : x.toLocaleString("en-US", { maximumFractionDigits: 2 }));
const percent = (x) => `${(100 * x).toFixed(1)}%`;
const money = (x) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plural = (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "1.2 MB", "830 KB", "512 bytes". */
export function fileSize(bytes) {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return plural(bytes, "byte");
}

/**
 * The delimiter a header line uses: the one of , ; tab | that splits it
 * into cells naming path, conversions and nulls; else the most frequent;
 * else a comma.
 */
export function sniffDelimiter(firstLine) {
  const line = firstLine.replace(/^\uFEFF/, "");
  const names = (d) => new Set(line.split(d).map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase()));
  const fits = DELIMITERS.map(([d]) => d).find((d) => ["path", "conversions", "nulls"].every((n) => names(d).has(n)));
  if (fits) return fits;
  const [best] = DELIMITERS.map(([d]) => [d, line.split(d).length - 1]).sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ",";
}

/** The text of line `n` (1-based) of `file`, read as far as needed; null if it has none. */
export async function lineOf(file, n) {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let line = 1;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return line === n ? text : null;
      let from = 0;
      for (;;) {
        const nl = value.indexOf("\n", from);
        if (line === n) {
          text += value.slice(from, nl < 0 ? undefined : nl);
          if (nl >= 0 || text.length > EXCERPT) return text.replace(/\r$/, "").replace(/^\uFEFF/, "");
        }
        if (nl < 0) break;
        line += 1;
        from = nl + 1;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * Streams `file` into a PathsReader with `options`; `progress(fraction)`
 * is told as it goes and `stale()` stops it early (resolves to null).
 * Resolves to {summary, journey} (the fitted Journey, for the caller to
 * free) or rejects with the core's error (with line and column).
 */
export async function readPaths(file, options, { progress = () => {}, stale = () => false } = {}) {
  const reader = new PathsReader(options);
  const stream = file.stream().getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await stream.read();
      if (stale()) return null;
      if (done) break;
      reader.push(value);
      read += value.byteLength;
      progress(file.size ? read / file.size : 1);
    }
    // A last line without a line break is read now, so the counts are complete.
    reader.push("\n");
    const summary = reader.summary();
    const journey = reader.finish();
    return { summary, journey };
  } finally {
    stream.cancel().catch(() => {});
    reader.free();
  }
}

/**
 * readPaths on the page, as the worker's "paths" task answers it:
 * {summary, json (the fitted journey's text, titled `title`; the worker
 * sends it as UTF-8 `bytes`), names (its channels), stages}, or null when
 * stale.
 */
export async function fitPaths(file, options, title, { progress, stale } = {}) {
  const result = await readPaths(file, options, { progress, stale });
  if (!result) return null;
  const { summary, journey } = result;
  try {
    if (title) journey.apply({ op: "setTitle", title });
    const file0 = journey.toObject();
    return { summary, json: journey.toJSON(), names: file0.touchpoints.filter((t) => !t.goal).map((t) => t.name), stages: file0.stages.length };
  } finally {
    journey.free();
  }
}

/** "Customer paths: sales-q3" from "sales-q3.csv". */
export function titleFor(name) {
  const stem = String(name).replace(/\.(csv|tsv|txt)$/i, "").trim();
  return stem ? `Customer paths: ${stem}`.slice(0, 200) : "Customer paths";
}

/**
 * Installs the paths import on `host` (the <journey-map>). `adopt(text,
 * message)` replaces the journey (io.js: the route of a JSON import,
 * with "Undo import"); `fail(error, action)` shows a message.
 */
export function installPathsImport(host, { adopt, fail }) {
  const root = host.shadowRoot;
  let current = null; // the preview shown: {dialog, file, generation, result, ...}
  let generation = 0;
  const channel = newChannel("paths");

  /** Stops any reading and closes the preview; the journey is untouched. */
  const close = () => {
    if (!current) return;
    const { dialog, opener } = current;
    generation += 1;
    cancelTask(channel);
    current.result = null;
    current = null;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  };

  function build(file) {
    const ids = { title: "jg-paths-title", sep: "jg-paths-separator", delim: "jg-paths-delimiter", hint: "jg-paths-options-hint" };
    const dialog = h("dialog", { class: "jg-paths", "aria-labelledby": ids.title, "data-role": "paths-preview" });
    const form = h("form", { method: "dialog" });
    const head = h("div", { class: "jg-paths-head" });
    head.append(h("h3", { id: ids.title }, "Import customer paths"),
      h("p", { class: "jg-paths-file" }, `${file.name} · ${fileSize(file.size)}`));

    const body = h("div", { class: "jg-paths-body" });
    const status = h("div", { class: "jg-paths-progress", role: "status" });
    const stats = h("dl", { class: "jg-paths-stats", "aria-label": "What the file holds", hidden: true });
    const channels = h("div", { class: "jg-paths-channels", hidden: true });
    const note = h("p", { class: "jg-paths-note", hidden: true });
    const error = h("div", { class: "jg-paths-error", role: "alert", hidden: true });

    const options = h("fieldset", { class: "jg-paths-options" });
    options.append(h("legend", {}, "How the file is written"));
    const sepField = h("label", { class: "jg-paths-field", for: ids.sep }, "Path separator");
    const separator = h("input", { id: ids.sep, type: "text", value: ">", maxlength: 20, autocomplete: "off", spellcheck: "false", "aria-describedby": ids.hint, "data-role": "paths-separator" });
    sepField.append(separator);
    const delimField = h("label", { class: "jg-paths-field", for: ids.delim }, "CSV delimiter");
    const delimiter = h("select", { id: ids.delim, "aria-describedby": ids.hint, "data-role": "paths-delimiter" });
    for (const [value, label] of DELIMITERS) delimiter.append(h("option", { value }, label));
    delimField.append(delimiter);
    options.append(sepField, delimField,
      h("p", { class: "jg-paths-hint", id: ids.hint }, "Columns: path, conversions, nulls and optionally value. Changing these reads the file again."));

    body.append(status, error, stats, channels, note, options);

    const actions = h("div", { class: "jg-paths-actions" });
    const kept = h("p", { class: "jg-paths-kept" }, "Nothing changes until you fit the journey.");
    const cancel = h("button", { type: "button", "data-action": "paths-cancel" }, "Cancel");
    const fit = h("button", { type: "submit", class: "jg-primary", "data-action": "paths-fit", disabled: true }, "Fit journey");
    actions.append(kept, cancel, fit);
    form.append(head, body, actions);
    dialog.append(form);

    cancel.addEventListener("click", () => close());
    // Escape: the dialog's own cancel, which changes nothing.
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      close();
    });
    // Closed some other way (a second Escape): the same as Cancel.
    dialog.addEventListener("close", () => {
      if (current?.dialog === dialog) close();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      accept();
    });
    let typing = null;
    separator.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(reread, 350);
    });
    separator.addEventListener("change", () => {
      clearTimeout(typing);
      reread();
    });
    delimiter.addEventListener("change", reread);
    return { dialog, status, stats, channels, note, error, separator, delimiter, fit };
  }

  /** Shows "Reading …" with a progress bar. */
  function showReading(view, fraction) {
    const bar = view.status.querySelector("progress") ?? h("progress", { max: 100, "aria-label": "Read so far" });
    bar.value = Math.round(100 * fraction);
    const text = view.status.querySelector("span") ?? h("span");
    text.textContent = `Reading the file… ${Math.round(100 * fraction)}%`;
    view.status.replaceChildren(text, bar);
  }

  /** The counts, the channels and what fitting will give. */
  function showResult(view, file, { summary, names, stages }) {
    const stat = (key, label, value, sub = null) => {
      const wrap = h("div", { class: "jg-paths-stat", "data-stat": key });
      const dd = h("dd", {}, value);
      if (sub) dd.append(h("span", { class: "jg-paths-sub" }, sub));
      wrap.append(h("dt", {}, label), dd);
      return wrap;
    };
    const rate = summary.paths > 0 ? summary.conversions / summary.paths : 0;
    const items = [
      stat("rows", "Rows", count(summary.rows), summary.emptyRows ? `${count(summary.emptyRows)} without customers` : "distinct paths"),
      stat("paths", "Customer paths", count(summary.paths), "conversions + nulls"),
      stat("conversions", "Conversions", count(summary.conversions), `${percent(rate)} conversion rate`),
      stat("nulls", "Nulls", count(summary.nulls), "paths without conversion"),
      stat("channels", "Channels", count(summary.channels), "each becomes a touchpoint"),
    ];
    if (summary.value !== null && summary.value !== undefined) items.push(stat("value", "Total value", money(summary.value), "conversion value"));
    view.stats.replaceChildren(...items);
    view.stats.hidden = false;

    const list = h("ul", { "aria-label": "Channels" });
    for (const name of names.slice(0, CHANNELS_SHOWN)) list.append(h("li", { title: name }, name));
    if (names.length > CHANNELS_SHOWN) list.append(h("li", { class: "jg-paths-more" }, `and ${count(names.length - CHANNELS_SHOWN)} more`));
    view.channels.replaceChildren(h("strong", {}, "Channels found"), list);
    view.channels.hidden = false;

    view.note.textContent = `Fitting replaces the open journey with ${plural(names.length, "channel")} in ${plural(stages - 1, "stage")} and a “Conversion” goal; its success will be the observed ${percent(rate)}. You can undo the import.`;
    view.note.hidden = false;
    view.status.replaceChildren();
    view.status.hidden = true;
  }

  /** The error, with its line and column up front and the line itself when it can be read. */
  async function showError(view, file, error, isStale) {
    const line = Number.isFinite(error?.line) ? error.line : null;
    const column = Number.isFinite(error?.column) ? error.column : null;
    const message = String(error?.message ?? error);
    const detail = message.replace(/^Line \d+, column \d+ of the paths file: /, "");
    const where = line !== null ? `Line ${line}${column !== null ? `, column ${column}` : ""}` : error?.title ?? "No journey can be fitted from this file";
    const strong = h("strong", { "data-role": "paths-error-where" }, where);
    const p = h("p", {}, `${detail.charAt(0).toUpperCase()}${detail.slice(1)}`);
    view.error.replaceChildren(strong, p, h("p", {}, "The journey you had open is unchanged."));
    view.error.hidden = false;
    view.status.hidden = true;
    view.stats.hidden = view.channels.hidden = view.note.hidden = true;
    if (line !== null && error?.code === "parse") {
      try {
        const text = await lineOf(file, line);
        if (isStale() || text === null || text === "") return;
        const shown = text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
        p.after(h("code", { "aria-label": `Line ${line}` }, shown));
      } catch {
        // The excerpt is a courtesy; the line and column are already shown.
      }
    }
  }

  async function read() {
    const view = current;
    if (!view) return;
    const mine = ++generation;
    const isStale = () => mine !== generation || current !== view;
    view.result = null;
    view.fit.disabled = true;
    view.error.hidden = true;
    view.status.hidden = false;
    showReading(view, 0);
    const options = { separator: view.separator.value || ">", delimiter: view.delimiter.value };
    view.readWith = JSON.stringify(options);
    let last = 0;
    const progress = (fraction) => {
      const now = performance.now();
      if (now - last > 80 && !isStale()) {
        last = now;
        showReading(view, fraction);
      }
    };
    const title = titleFor(view.file.name);
    try {
      // In the worker (a newer read on this channel replaces it), or on the page without one.
      const result = await new Promise((resolve, reject) => {
        requestTask(channel, "paths", { file: view.file, options, title }, (error, answer) => (error ? reject(error) : resolve(answer)), {
          progress,
          onPage: () => fitPaths(view.file, options, title, { progress, stale: isStale }).then((r) => r ?? null),
        });
      });
      if (!result || isStale()) return;
      view.result = result;
      showResult(view, view.file, result);
      view.fit.disabled = false;
    } catch (error) {
      if (isStale()) return;
      await showError(view, view.file, error, isStale);
    }
  }

  function reread() {
    if (!current) return;
    // A "change" after the "input" that already read with this setting (the
    // field losing focus to "Fit journey") must not read, or cancel, again.
    if (JSON.stringify({ separator: current.separator.value, delimiter: current.delimiter.value }) === current.readWith) return;
    if (!current.separator.value) {
      // An empty separator cannot split a path: say so rather than read.
      generation += 1;
      current.readWith = null;
      cancelTask(channel);
      current.result = null;
      current.fit.disabled = true;
      showError(current, current.file, Object.assign(new Error("Type the text that separates the channels of a path, such as >."), { code: "out_of_range", title: "The path separator is empty" }), () => true);
      return;
    }
    read();
  }

  function accept() {
    const view = current;
    if (!view?.result) return;
    const { summary } = view.result;
    // From the worker the text comes as UTF-8 bytes (handed over, not copied); from the page as text.
    const text = view.result.json ?? new TextDecoder().decode(view.result.bytes);
    view.result = null;
    const name = view.file.name;
    close();
    const channels = plural(summary.channels, "channel");
    adopt(text, `Fitted “${name}”: ${channels} and a Conversion goal from ${plural(summary.paths, "customer path")}.`);
  }

  /** Opens the preview for `file` (a File), replacing any preview already open. */
  async function open(file) {
    if (host.readonly) return false;
    const opener = current?.opener ?? root.activeElement ?? null;
    close();
    const view = { ...build(file), file, result: null, opener };
    current = view;
    root.append(view.dialog);
    view.dialog.showModal();
    view.separator.focus();
    // The delimiter the header uses (a European ";" file opens as it is).
    try {
      const head = await file.slice(0, 4096).text();
      if (current !== view) return false;
      const d = sniffDelimiter(head.split(/\r?\n/, 1)[0] ?? "");
      view.delimiter.value = d;
    } catch {
      // Reading fails again below, with the message shown there.
    }
    if (current !== view) return false;
    read();
    return true;
  }

  return { open, close };
}
