// The DOM of the projector view: the head (journey, stage, figures), the
// map, the side panel (the stage's touchpoints, or the what-if controls of
// the one picked) and the foot (stepping). It only builds and fills
// elements and calls back; the state lives in index.js. Text always goes
// in through textContent.

import { svg } from "../map/svg.js";
import { face, level, signed } from "../map/emotion.js";
import { h } from "../dom.js";

/** Emotion moves by this much per press of − or +. */
export const EMOTION_STEP = 0.1;


function button(label, onClick, attrs = {}) {
  const b = h("button", { type: "button", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** An inline face for `value`, `size` CSS units wide (CSS sets the size). */
function faceIcon(value) {
  const s = svg("svg", { class: "jgp-face", viewBox: "-12 -12 24 24", "aria-hidden": "true", focusable: "false" });
  face(s, value, 0, 0, 11);
  return s;
}

/** "−0.50" with two decimals, for values people compare. */
/** A signed emotion or felt value with two decimals (−0.40, +0.25, 0.00). */
export const fixed = (x) => `${x < -0.004 ? "\u2212" : x > 0.004 ? "+" : ""}${Math.abs(x).toFixed(2)}`;

/**
 * Builds the empty view. `on`: { previous(), next(), go(step), leave(),
 * reset(), keep() }. Returns the root and the parts index.js fills.
 */
export function buildView(on) {
  const root = h("div", { class: "jg-present", part: "present", role: "dialog", "aria-modal": "true", "aria-labelledby": "jgp-title", tabindex: "-1" });

  const head = h("header", { class: "jgp-head" });
  const where = h("div", { class: "jgp-where" });
  const journey = h("p", { class: "jgp-journey", id: "jgp-title" });
  const stage = h("h2", { class: "jgp-stage" });
  const count = h("span", { class: "jgp-count" });
  const stageName = h("span", { class: "jgp-stage-name" });
  stage.append(count, stageName);
  where.append(journey, stage);
  const figures = h("dl", { class: "jg-figures jgp-figures", "aria-label": "Figures" });
  head.append(where, figures);

  const main = h("div", { class: "jgp-main" });
  // The map region: the whole map as a strip (all of it on the whole journey),
  // and on a stage that stage large, its touchpoints and notes (renderFocus).
  const map = h("div", { class: "jgp-map", role: "region", "aria-label": "Journey map" });
  const strip = h("div", { class: "jgp-strip" });
  const focus = h("section", { class: "jgp-focus", "aria-labelledby": "jgp-focus-title", hidden: true });
  map.append(strip, focus);
  const side = h("aside", { class: "jgp-side", "aria-label": "What if" });
  const panel = h("div", { class: "jgp-panel" });
  const whatif = h("div", { class: "jgp-whatif" });
  const state = h("p", { class: "jgp-whatif-state" });
  const row = h("div", { class: "jgp-row" });
  const reset = button("Reset", () => on.reset(), { "data-action": "present-reset" });
  const keep = button("Keep as scenario", () => on.keep(), { class: "jgp-primary", "data-action": "present-keep" });
  row.append(reset, keep);
  const kept = h("p", { class: "jgp-kept", role: "status" });
  whatif.append(state, row, kept);
  const keys = h("p", { class: "jgp-keys" }, "\u2190 \u2192 or PageUp/PageDown: stages \u00b7 Home/End: first/last stage \u00b7 W: the whole journey \u00b7 Esc: back to the editor");
  side.append(panel, whatif, keys);
  main.append(map, side);

  const foot = h("footer", { class: "jgp-foot" });
  const previous = button("\u2190 Previous", () => on.previous(), { "data-action": "present-previous", "aria-keyshortcuts": "ArrowLeft PageUp" });
  const rail = h("ol", { class: "jgp-rail", "aria-label": "Stages" });
  const next = button("Next \u2192", () => on.next(), { "data-action": "present-next", "aria-keyshortcuts": "ArrowRight PageDown" });
  const note = h("p", { class: "jgp-note", hidden: true });
  const exit = button("Exit", () => on.leave(), { "data-action": "present-exit", "aria-keyshortcuts": "Escape" });
  foot.append(previous, rail, next, note, exit);

  const live = h("p", { class: "jgp-live", role: "status" });
  root.append(head, main, foot, live);
  return { root, journey, count, stageName, figures, map, strip, focus, panel, state, reset, keep, kept, previous, rail, next, note, live };
}

/** Fills the stage rail: one button per stage and one for the whole journey. */
export function renderRail(view, stages, step, go) {
  view.rail.replaceChildren();
  stages.forEach((s, i) => {
    const li = h("li");
    const b = button(`${i + 1} ${s.name}`, () => go(i), {
      "data-step": i, title: s.name,
      "data-state": step >= stages.length || i < step ? "past" : i === step ? "current" : "ahead",
      "aria-current": i === step ? "step" : null,
    });
    li.append(b);
    view.rail.append(li);
  });
  const all = h("li", { class: "jgp-rail-all" });
  all.append(button("Whole journey", () => go(stages.length), {
    "data-step": "all", "aria-keyshortcuts": "W 0", "aria-current": step >= stages.length ? "step" : null,
  }));
  view.rail.append(all);
}

/** A big button for one touchpoint: face, name, emotion in words and, if changed, what it was. */
function tile(tp, was, pick) {
  const b = button("", () => pick(tp.id), { class: "jgp-tile", "data-id": tp.id, "data-changed": was !== undefined ? "" : null });
  const text = h("span", { class: "jgp-tile-text" });
  text.append(h("span", { class: "jgp-tile-name" }, tp.name));
  const emotion = h("span", { class: "jgp-tile-emotion" });
  emotion.append(h("strong", {}, fixed(tp.emotion)), ` \u00b7 ${level(tp.emotion).name}`);
  text.append(emotion);
  if (was !== undefined) text.append(h("span", { class: "jgp-tile-was" }, `What if: was ${fixed(was)}`));
  b.append(faceIcon(tp.emotion), text);
  return b;
}

function tiles(list, draft, base, pick) {
  const ul = h("ul", { class: "jgp-tiles" });
  for (const tp of list) {
    const li = h("li");
    li.append(tile(tp, draft.has(tp.id) ? base.get(tp.id) : undefined, pick));
    ul.append(li);
  }
  return ul;
}

/**
 * The side panel when no touchpoint is picked. ctx: { stage (a stage
 * record, or null for the whole journey), touchpoints (shown, with their
 * emotion in the what-if), notes (the stage's lanes: [{kind, title,
 * texts}]), moments ([{label, tp}] for the whole journey),
 * draft (Map id → emotion), base (Map id → baseline emotion), changes
 * (lines of text), pick(id) }.
 */
export function renderStagePanel(panel, ctx) {
  panel.replaceChildren();
  if (ctx.stage) {
    // The stage's touchpoints and notes are on the map, large (renderFocus); here, what to do.
    panel.append(h("p", { class: "jgp-kicker" }, "In this stage"));
    panel.append(h("h3", { id: "jgp-panel-title" }, ctx.stage.name));
    panel.append(h("p", { class: "jgp-hint" }, ctx.touchpoints.length ? "Pick a touchpoint on the map to try another emotion." : "No touchpoints in this stage yet."));
    appendWhatIf(panel, ctx);
    return;
  }
  panel.append(h("p", { class: "jgp-kicker" }, "The whole journey"));
  panel.append(h("h3", { id: "jgp-panel-title" }, "What people remember"));
  const moments = ctx.moments ?? [];
  if (moments.length) {
    const ul = h("ul", { class: "jgp-tiles" });
    for (const { label, tp } of moments) {
      const li = h("li");
      li.append(h("p", { class: "jgp-kicker" }, label));
      li.append(tile(tp, ctx.draft.has(tp.id) ? ctx.base.get(tp.id) : undefined, ctx.pick));
      ul.append(li);
    }
    panel.append(ul);
  }
  panel.append(h("p", { class: "jgp-hint" }, "Pick any touchpoint on the map to try another emotion."));
  appendWhatIf(panel, ctx);
}

/** The what-if's changes, one line each, and why they move the figures. */
function appendWhatIf(panel, ctx) {
  if (ctx.changes.length) {
    panel.append(h("p", { class: "jgp-kicker" }, "What if"));
    const ol = h("ul", { class: "jgp-changes" });
    for (const line of ctx.changes) ol.append(h("li", {}, line));
    panel.append(ol);
  }
  panel.append(whyList(ctx.why));
}

/** "Why it moves": the what-if's effect in sentences (index.js #why), or nothing. */
function whyList(lines = []) {
  const box = h("section", { class: "jgp-why", "aria-label": "Why it moves", hidden: !lines.length });
  if (!lines.length) return box;
  box.append(h("p", { class: "jgp-kicker" }, "Why it moves"));
  const ul = h("ul");
  for (const line of lines) ul.append(h("li", {}, line));
  box.append(ul);
  return box;
}

/**
 * The what-if controls of one touchpoint: its emotion large, a − and a +
 * button, a slider. `on`: { set(value, { commit }), revert(), done() }.
 * Returns { root, slider, update(tp, baseline) } (update keeps the slider,
 * so a drag is never interrupted).
 */
export function buildEditor(stageName, on) {
  const root = h("section", { class: "jgp-editor", "aria-labelledby": "jgp-editor-title" });
  const kicker = h("p", { class: "jgp-kicker" }, stageName ? `What if \u00b7 ${stageName}` : "What if");
  const title = h("h3", { id: "jgp-editor-title" });
  const now = h("div", { class: "jgp-now" });
  const faceSlot = h("span");
  const words = h("p");
  const value = h("span", { class: "jgp-now-value" });
  const word = h("span", { class: "jgp-now-word" });
  words.append(value, word);
  now.append(faceSlot, words);
  const was = h("p", { class: "jgp-was" });

  const dial = h("div", { class: "jgp-dial" });
  let current = 0;
  const down = button("\u2212", () => on.set(current - EMOTION_STEP, { commit: true }), { class: "jgp-big", "data-action": "emotion-down", "aria-label": "Less positive" });
  const up = button("+", () => on.set(current + EMOTION_STEP, { commit: true }), { class: "jgp-big", "data-action": "emotion-up", "aria-label": "More positive" });
  const slider = h("input", { type: "range", min: -1, max: 1, step: 0.05, "data-role": "emotion" });
  slider.addEventListener("input", () => on.set(Number(slider.value), { commit: false }));
  slider.addEventListener("change", () => on.set(Number(slider.value), { commit: true }));
  dial.append(down, slider, up);
  const scale = h("div", { class: "jgp-scale", "aria-hidden": "true" });
  scale.append(h("span", {}, "\u22121"), h("span", {}, "0"), h("span", {}, "+1"));

  const row = h("div", { class: "jgp-row" });
  const revert = button("Back to baseline", () => on.revert(), { "data-action": "emotion-revert" });
  const done = button("Done", () => on.done(), { "data-action": "emotion-done" });
  row.append(revert, done);
  const why = h("div", { class: "jgp-editor-why", "aria-live": "polite" });
  root.append(kicker, title, now, was, dial, scale, row, why);

  const update = (tp, baseline, reasons = []) => {
    why.replaceChildren(whyList(reasons));
    current = tp.emotion;
    title.textContent = tp.name;
    faceSlot.replaceChildren(faceIcon(tp.emotion));
    value.textContent = fixed(tp.emotion);
    word.textContent = level(tp.emotion).name;
    const changed = Math.abs(tp.emotion - baseline) > 1e-9;
    was.replaceChildren();
    if (changed) was.append("Baseline ", h("strong", {}, `${fixed(baseline)}, ${level(baseline).name}`));
    else was.append(`The baseline: ${fixed(baseline)}, ${level(baseline).name}`);
    revert.disabled = !changed;
    if (root.getRootNode().activeElement !== slider || Number(slider.value) !== tp.emotion) slider.value = String(tp.emotion);
    slider.setAttribute("aria-label", `Emotion of ${tp.name}`);
    slider.setAttribute("aria-valuetext", `${signed(tp.emotion)}, ${level(tp.emotion).name}`);
  };
  return { root, slider, update };
}

/**
 * The current stage, large, where the map is: its touchpoints as tiles
 * (with each one's reach) and its notes, at sizes a room reads from the
 * back. ctx: { stage (or null: the whole journey, nothing here),
 * touchpoints, notes, reach (Map id → {reach, leave}, or null), draft,
 * base, pick(id) }.
 */
export function renderFocus(focus, ctx) {
  focus.replaceChildren();
  focus.hidden = !ctx.stage;
  if (!ctx.stage) return;
  focus.toggleAttribute("data-many", ctx.touchpoints.length > 3);
  focus.append(h("h3", { id: "jgp-focus-title", class: "jgp-focus-title" }, ctx.stage.name));
  const cards = h("div", { class: "jgp-focus-cards" });
  if (!ctx.touchpoints.length) cards.append(h("p", { class: "jgp-hint" }, "No touchpoints in this stage yet."));
  else {
    const list = tiles(ctx.touchpoints, ctx.draft, ctx.base, ctx.pick);
    for (const b of list.querySelectorAll(".jgp-tile")) {
      const r = ctx.reach?.get(b.dataset.id);
      if (r) b.querySelector(".jgp-tile-text").append(h("span", { class: "jgp-tile-reach" }, `Reached by ${Math.round(100 * r.reach)}% \u00b7 ${Math.round(100 * r.leave)}% leave here`));
    }
    cards.append(list);
  }
  const notes = h("div", { class: "jgp-focus-notes" });
  for (const { kind, title, texts } of ctx.notes ?? []) {
    if (!texts.length) continue;
    const section = h("section", { class: `jgp-notes jgp-notes-${kind}`, "aria-label": title });
    section.append(h("p", { class: "jgp-kicker" }, title));
    const ul = h("ul");
    for (const text of texts) ul.append(h("li", {}, text));
    section.append(ul);
    notes.append(section);
  }
  focus.append(cards, notes);
}
