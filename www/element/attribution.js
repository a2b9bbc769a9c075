// Attribution: which channel gets the credit for the conversions, under the
// first-order Markov attribution model (SPEC section 3, "Observed paths").
// A table under the figures bar, largest share first, with totals. For a
// journey fitted from paths each channel shows what the paths say beside
// the model (issue 13, "For analysts"): observed paths containing it, their
// conversions, the Markov credit (share and conversions), last-touch,
// first-touch and linear credit, the removal effect and (with a value
// column) attributed value — so that "TikTok gets 68.3 conversions although
// its paths converted 20" can be seen in one row. Other journeys show the
// removal effect, share and credit per 100 customers. The head says how
// many rows there are and that all are shown.
//
//   installAttribution(host, { toolbar, after, fail });   // lazy.js: the button and the section
//   const table = attachAttribution(host, { section, button, open, latest });   // here, on first use
//
// It opens by itself for a journey fitted from paths (one with observed
// totals); the "Attribution" toolbar button shows or hides it for any
// journey (then credit is in conversions per 100 customers, from the
// journey's success). It follows every change of the journey (the
// journey-change event), at most once a frame. Every number comes from
// the core's journey.attribution(); DOM by createElement and textContent.
//
// The page never waits for it (SPEC section 6): a journey whose exact
// figures are costly (engine/shape.js predicts it from the size and the
// largest loop, as for the figures bar; a journey fitted from page-level
// paths is one loop of thousands of pages and takes seconds) is
// attributed in the element's worker (engine/worker.js, task
// "attribution"); meanwhile the section says "Computing attribution…"
// (data-state="computing", aria-busy) and keeps the rows it had, and a
// newer change replaces the request of an older one. Cheap journeys are
// attributed on the page at once, and so is every journey where no worker
// can start. Long tables are drawn in slices of ROW_SLICE rows, one a
// task, so that thousands of channels do not make one long task either.

import { Journey } from "../journeygraph.js";
import { requestTask, cancelTask, newChannel } from "./engine/client.js";
import { exactOnPageFor } from "./engine/shape.js";
import { hasObserved, opensAttribution } from "./lazy.js";
import { h } from "./dom.js";

/** The table's styles: later-style.js, adopted as this module loads (lazy.js load()). */
export { ATTRIBUTION_CSS } from "./later-style.js";
/** Whether a journey's text was fitted from paths: asked before this module is loaded (lazy.js). */
export { hasObserved };


const percent = (x) => `${(100 * x).toFixed(1)}%`;
// One formatter each (toLocaleString builds one per call: a third of the
// drawing time of a table of thousands of rows).
const formats = new Map();
const format = (min, max) => {
  const key = `${min}|${max}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat("en-US", { minimumFractionDigits: min, maximumFractionDigits: max }));
  return formats.get(key);
};
const number = (x, digits = 1) => format(digits, digits).format(x);
const count = (x) => format(0, 2).format(x);

/** Up to this many rows the table is shown whole, with no inner scroll. */
export const LONG_TABLE = 30;

/** Rows drawn in one task; the rest follow in further tasks. */
export const ROW_SLICE = 50;

/**
 * What the table shows for `journey`: {rows, observed, total, value,
 * success, problem}. rows: the core's attribution, largest share first.
 */
export function attributionOf(journey) {
  let observed = null;
  try {
    observed = journey.toObject().observed ?? null;
    const rows = journey.attribution();
    const success = observed ? null : journey.analyze({ touchpoints: false }).success;
    return { rows, observed, success, problem: null };
  } catch (error) {
    return { rows: [], observed, success: null, problem: error };
  }
}

/**
 * Draws the attribution of `data` (from attributionOf) into `section`.
 * `select(id)` selects a touchpoint on the map; `hide()` closes the table.
 */
let drawing = 0;

export function renderAttribution(section, data, { select, hide } = {}) {
  const { rows, observed, success, problem } = data;
  const mine = ++drawing;
  section.dataset.drawing = String(mine);
  section.removeAttribute("aria-busy");
  const head = h("div", { class: "jg-attr-head" });
  const title = h("h3", { id: "jg-attribution-title" }, "Attribution");
  const model = h("span", { class: "jg-attr-model" });
  if (observed) {
    const rate = observed.paths > 0 ? observed.conversions / observed.paths : 0;
    model.textContent = `First-order Markov model · ${count(observed.conversions)} conversions from ${count(observed.paths)} customer paths (${percent(rate)})`;
  } else {
    model.textContent = "First-order Markov model · credit for this journey's success, per 100 customers";
  }
  const close = h("button", { type: "button", "data-action": "hide-attribution", "aria-label": "Hide attribution" }, "Hide");
  close.addEventListener("click", () => hide?.());
  head.append(title, model, close);

  if (problem || !rows.length) {
    const p = h("p", { class: "jg-attr-problem", role: "status", "data-code": problem?.code ?? null },
      problem ? `No attribution yet: ${problem.message}` : "No channels to attribute: add touchpoints that lead to a goal.");
    section.replaceChildren(head, p);
    section.dataset.state = problem ? "failed" : "done";
    return;
  }

  const hasValue = Boolean(observed) && observed.value !== null && observed.value !== undefined;
  // The observed columns: counted when the journey was fitted (absent in files fitted before them).
  const counted = Boolean(observed) && rows.some((r) => r.observed);
  const table = h("table", { class: counted ? "jg-attr-table jg-attr-counted" : "jg-attr-table", "data-role": "attribution" });
  const caption = h("caption", {}, counted
    ? `Attribution by channel: observed paths and conversions, Markov credit, last-touch, first-touch and linear credit, removal effect${hasValue ? " and value" : ""}, largest Markov share first`
    : observed
      ? `Attribution by channel: removal effect, share and attributed conversions${hasValue ? " and value" : ""}, largest share first`
      : "Attribution by touchpoint: removal effect, share and credit per 100 customers, largest share first");
  const thead = h("thead");
  const headRow = h("tr");
  const columns = counted
    ? [["Channel", "name"], ["Observed paths", "paths", "Customer paths that contain this channel"],
      ["Observed conversions", "observed-conversions", "Conversions of the paths that contain this channel"],
      ["Markov", "share", "First-order Markov credit: share and attributed conversions"],
      ["Last touch", "last", "Conversions of the paths that end here"], ["First touch", "first", "Conversions of the paths that start here"],
      ["Linear", "linear", "Each converting path's conversions shared equally among its visits"],
      ["Removal effect", "removal", "Share of conversions lost if the channel were taken out of every path"]]
    : [[observed ? "Channel" : "Touchpoint", "name"], ["Removal effect", "removal"], ["Share", "share"],
      [observed ? "Attributed conversions" : "Conversions per 100 customers", "conversions"]];
  if (hasValue) columns.push(["Attributed value", "value"]);
  for (const [label, key, title] of columns) headRow.append(h("th", { scope: "col", "data-col": key, title: title ?? null }, label));
  thead.append(headRow);

  const scale = observed ? 1 : 100;
  const top = Math.max(...rows.map((r) => r.share), 0) || 1;
  const tbody = h("tbody");
  // One listener for every channel's button (thousands of rows: no closure each).
  tbody.addEventListener("click", (e) => {
    const id = e.target.closest?.("th button") && e.target.closest("tr")?.dataset.touchpoint;
    if (id !== undefined && id !== null) select?.(id);
  });
  const row = (r) => {
    const tr = h("tr", { "data-touchpoint": r.touchpoint });
    const name = h("th", { scope: "row", "data-col": "name" });
    name.append(h("button", { type: "button", title: `Show “${r.name}” on the map` }, r.name || r.touchpoint));
    const share = h("td", { "data-col": "share" });
    const wrap = h("span", { class: "jg-attr-share" });
    const bar = h("span", { class: "jg-attr-bar", "aria-hidden": "true" });
    const fill = h("span");
    fill.style.width = `${Math.max(0, Math.min(100, (100 * r.share) / top))}%`;
    bar.append(fill);
    wrap.append(bar, h("output", {}, percent(r.share)));
    share.append(wrap);
    if (counted) {
      const o = r.observed;
      const cell = (col, x) => h("td", { "data-col": col }, o ? number(x) : "\u2014");
      wrap.append(h("span", { class: "jg-attr-credit", "data-col": "conversions" }, number(r.conversions)));
      tr.append(name, h("td", { "data-col": "paths" }, o ? count(o.paths) : "\u2014"), cell("observed-conversions", o?.conversions), share,
        cell("last", o?.lastTouch), cell("first", o?.firstTouch), cell("linear", o?.linear), h("td", { "data-col": "removal" }, percent(r.removalEffect)));
    } else {
      tr.append(name, h("td", { "data-col": "removal" }, percent(r.removalEffect)), share,
        h("td", { "data-col": "conversions" }, number(scale * r.conversions)));
    }
    if (hasValue) tr.append(h("td", { "data-col": "value" }, r.value === null ? "—" : number(r.value, 2)));
    return tr;
  };
  // The first rows now, the rest a slice a task (a newer drawing stops this one).
  let next = 0;
  const slice = () => {
    if (section.dataset.drawing !== String(mine)) return;
    const end = Math.min(rows.length, next + ROW_SLICE);
    const part = document.createDocumentFragment();
    for (; next < end; next += 1) part.append(row(rows[next]));
    tbody.append(part);
    if (next < rows.length) {
      setTimeout(slice, 0);
    } else {
      table.dataset.rows = "complete";
      section.dataset.state = "done";
    }
  };

  const tfoot = h("tfoot");
  const total = h("tr");
  const shareSum = rows.reduce((s, r) => s + r.share, 0);
  const conversions = observed ? observed.conversions : scale * (success ?? rows.reduce((s, r) => s + r.conversions, 0));
  const label = h("th", { scope: "row" }, `Total · ${rows.length} ${observed ? "channel" : "touchpoint"}${rows.length === 1 ? "" : "s"}`);
  if (counted) {
    // Paths and their conversions overlap between channels: the totals are all customers and all conversions.
    const sum = (key) => number(rows.reduce((s, r) => s + (r.observed?.[key] ?? 0), 0));
    const credit = h("span", { class: "jg-attr-share" });
    credit.append(h("output", {}, percent(shareSum)), h("span", { class: "jg-attr-credit", "data-col": "conversions" }, number(shareSum > 0 ? conversions : 0)));
    const markov = h("td", { "data-col": "share" });
    markov.append(credit);
    total.append(label, h("td", { "data-col": "paths", title: "All customer paths (a path with several channels counts in each of their rows)" }, count(observed.paths)),
      h("td", { "data-col": "observed-conversions" }, number(observed.conversions)), markov,
      h("td", { "data-col": "last" }, sum("lastTouch")), h("td", { "data-col": "first" }, sum("firstTouch")), h("td", { "data-col": "linear" }, sum("linear")), h("td", {}, ""));
  } else {
    total.append(label, h("td", {}, ""), h("td", { "data-col": "share" }, percent(shareSum)),
      h("td", { "data-col": "conversions" }, number(shareSum > 0 ? conversions : 0)));
  }
  if (hasValue) total.append(h("td", { "data-col": "value" }, number(shareSum > 0 ? observed.value : 0, 2)));
  tfoot.append(total);
  table.append(caption, thead, tbody, tfoot);

  // Every channel is in view, or the table says that it scrolls: up to
  // LONG_TABLE rows it is shown whole; a longer one scrolls in its own
  // region (keyboard-focusable) with a line above it saying so.
  const long = rows.length > LONG_TABLE;
  const scroll = h("div", long
    ? { class: counted ? "jg-attr-scroll jg-attr-long jg-attr-wide" : "jg-attr-scroll jg-attr-long", tabindex: "0", role: "region", "aria-label": `Attribution of all ${rows.length} ${observed ? "channels" : "touchpoints"} (scrolls)` }
    : { class: counted ? "jg-attr-scroll jg-attr-wide" : "jg-attr-scroll" });
  scroll.append(table);
  const what = `${count(rows.length)} ${observed ? "channel" : "touchpoint"}${rows.length === 1 ? "" : "s"}`;
  head.append(h("p", { class: "jg-attr-cue", "data-role": "attribution-count" }, long
    ? `All ${what} are listed: scroll the table to see them all.`
    : `${what}, all shown.`));
  const note = h("p", { class: "jg-attr-note" }, counted
    ? "Observed paths and conversions: the customer paths that contain the channel, and how many of them converted (a path counts for each of its channels). Markov: the channel's share of the removal effects, times all conversions; it can exceed the channel's observed conversions when the chain credits it with where its customers go next. Last touch, first touch: the conversions of the paths that end, or start, with the channel. Linear: each converting path's conversions shared equally among its visits. Removal effect: the share of conversions lost if the channel were taken out of every path."
    : observed
    ? "Removal effect: the share of conversions lost if the channel were taken out of every path. Share: a channel's removal effect over the sum of all; attributed conversions and value are that share of the observed totals."
    : `This journey was drawn, not fitted from customer paths: the credit shares its success (${percent(success ?? 0)}), shown per 100 customers. Import a paths CSV for observed conversions.`);
  section.replaceChildren(head, scroll, note);
  section.dataset.state = "drawing";
  slice();
}

/** "Computing attribution…" at the head of `section`, keeping the rows it shows (of the journey before the change). */
export function renderComputing(section, { hide } = {}) {
  drawing += 1;
  section.dataset.drawing = String(drawing);
  section.dataset.state = "computing";
  section.setAttribute("aria-busy", "true");
  const stale = Boolean(section.querySelector(".jg-attr-table"));
  const text = stale
    ? "Computing attribution\u2026 The rows below are from before the last change."
    : "Computing attribution\u2026 A journey this large takes a few seconds.";
  const shown = section.querySelector(".jg-attr-computing");
  if (shown) {
    shown.textContent = text;
    return;
  }
  const status = h("p", { class: "jg-attr-computing", role: "status", "data-role": "attribution-computing" }, text);
  const head = section.querySelector(".jg-attr-head");
  if (head && stale) {
    head.after(status);
    return;
  }
  const fresh = h("div", { class: "jg-attr-head" });
  const close = h("button", { type: "button", "data-action": "hide-attribution", "aria-label": "Hide attribution" }, "Hide");
  close.addEventListener("click", () => hide?.());
  fresh.append(h("h3", { id: "jg-attribution-title" }, "Attribution"), h("span", { class: "jg-attr-model" }, "First-order Markov model"), close);
  section.replaceChildren(fresh, status);
}

/**
 * Runs the table of `host` (the <journey-map>) in `section`, with `button`
 * (the toolbar's "Attribution"): both made by lazy.js, which loads this
 * module when the table is first opened (a click, or a journey fitted from
 * paths) and then hands it every click (toggle()) and journey-change
 * (changed(detail)). `open` and `latest` (the journey's JSON after its last
 * change, so a costly journey is not written out again) are where things
 * stood when it loaded.
 */
export function attachAttribution(host, { section, button, open = false, latest = null }) {
  let frame = 0;
  /** The JSON whose attribution is shown or being computed. */
  let shownFor = null;
  const channel = newChannel("attribution");

  const options = {
    select: (id) => host.select(id),
    hide: () => {
      open = false;
      draw();
      button.focus();
    },
  };
  const draw = () => {
    frame = 0;
    const j = host.journey;
    button.setAttribute("aria-pressed", String(open));
    section.hidden = !open || !j;
    if (section.hidden) {
      cancelTask(channel);
      shownFor = null;
      return;
    }
    let json;
    try {
      json = latest ?? j.toJSON();
    } catch (error) {
      renderAttribution(section, { rows: [], observed: null, success: null, problem: error }, options);
      return;
    }
    if (json === shownFor) return; // shown, or on its way
    shownFor = json;
    let cheap;
    try {
      cheap = exactOnPageFor(json, () => j.toObject());
    } catch {
      cheap = true; // the page's own call below says what is wrong
    }
    if (cheap) {
      cancelTask(channel);
      renderAttribution(section, attributionOf(j), options);
      return;
    }
    renderComputing(section, options);
    requestTask(channel, "attribution", { json }, (error, result) => {
      if (shownFor !== json) return;
      renderAttribution(section, error ? { rows: [], observed: null, success: null, problem: error } : { ...result, problem: null }, options);
    }, {
      // No worker here: on the page, from the text asked about.
      onPage: () => {
        const copy = Journey.fromJSON(json);
        try {
          return attributionOf(copy);
        } finally {
          copy.free();
        }
      },
    });
  };
  const later = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  if (open) later();
  return {
    /** The toolbar button: shows or hides the table. */
    toggle() {
      open = !open;
      cancelAnimationFrame(frame);
      draw();
    },
    /** The host's journey-change, with its detail. */
    changed(detail) {
      latest = typeof detail?.json === "string" ? detail.json : null;
      // A journey fitted from paths opens with its attribution.
      if (detail?.reason === "load") open = opensAttribution(host, detail);
      later();
    },
    refresh: later,
  };
}
