// The inspector beside the map: every field of the selected touchpoint and
// its transitions, or, with nothing selected, the journey itself (title,
// persona, stages). Every control has a visible label (or, in lists, an
// aria-label naming its row); every change goes through ctx.edit() as one
// undoable edit of the core.
//
// Redrawing keeps the controls when only values changed (a field edited,
// an undo, a rename): focus, the caret and a Tab in progress survive. It
// rebuilds only when the set of controls changes (another touchpoint, a
// transition or stage added, removed or moved), and then puts focus back on
// the same control (data-key) or, if it went away, a neighbour
// (data-fallback), so that keyboard users never lose their place.

import { focusCard } from "../keyboard.js";
import { control as el } from "../dom.js";
import { markInvalid } from "./controls.js";
import { touchpointPanel } from "./touchpoint.js";
import { journeyPanel } from "./journey.js";
import { lanesShape } from "./lanes.js";
import { itemsShape } from "./items.js";

/**
 * root → the panel shown: { shape (what decides its controls), subject (the
 * touchpoint id or null), ctx and tp (the latest, read by the handlers),
 * syncs (functions that copy values into the controls), wrap (its element) }.
 */
const panels = new WeakMap();
/** root → how far the inspector is scrolled, as its last scroll event said. */
const scrolls = new WeakMap();

/** What decides the controls of a touchpoint's panel (values are synced, not part of it). */
function touchpointShape(file, tp, readonly, whatIf, personas) {
  const outs = file.transitions.filter((t) => t.from === tp.id).map((t) => t.to);
  return JSON.stringify(["tp", tp.id, readonly, file.stages.map((s) => s.id), file.touchpoints.map((t) => t.id), outs, itemsShape(file, tp, whatIf), personas?.record?.id ?? null]);
}

function journeyShape(file, readonly, settingsReadonly, personas) {
  const shown = personas ? [personas.readonly, personas.base.personas.map((p) => p.id)] : null;
  return JSON.stringify(["journey", readonly, settingsReadonly, file.stages.map((s) => s.id), lanesShape(file), shown]);
}

/** Puts focus on the first of `keys` found in `root` that can take it; returns whether one did. */
function focusKeys(root, keys) {
  for (const key of keys) {
    const target = [...root.querySelectorAll("[data-key]")].find((e) => e.dataset.key === key);
    if (target && !target.disabled) {
      target.focus();
      return true;
    }
  }
  return false;
}

/**
 * Focuses the control `key` of the inspector in `root` (e.g. "name" after
 * adding a touchpoint), selecting its text; returns whether it could.
 */
export function focusField(root, key) {
  if (!focusKeys(root, [key])) return false;
  root.getRootNode().activeElement?.select?.();
  return true;
}

/** Escape in the inspector goes back to the selected card on the map. */
function installKeys(root) {
  root.addEventListener("scroll", () => scrolls.set(root, root.scrollTop), { passive: true });
  root.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    const id = panels.get(root)?.tp?.id;
    if (!id) return;
    e.preventDefault();
    focusCard(root.getRootNode(), id);
  });
}

/** Renders the inspector for ctx.selected (a touchpoint id) or the journey. */
export function renderInspector(root, ctx) {
  const tp = ctx.selected ? ctx.file.touchpoints.find((t) => t.id === ctx.selected) ?? null : null;
  const readonly = Boolean(ctx.readonly);
  const shape = tp ? touchpointShape(ctx.file, tp, readonly, Boolean(ctx.whatIf), ctx.personas) : journeyShape(ctx.file, readonly, Boolean(ctx.settingsReadonly ?? readonly), ctx.personas);
  let panel = panels.get(root);
  if (!panel) installKeys(root);
  if (!panel || panel.shape !== shape) {
    // Only our own part of `root` is replaced (the element may show more there).
    const active = root.getRootNode().activeElement;
    const inside = Boolean(active && panel?.wrap.contains(active));
    const keys = inside ? [active.dataset.key, ...(active.dataset.fallback ?? "").split(" ")].filter(Boolean) : [];
    const subject = tp ? tp.id : null;
    // The same subject keeps its scroll position, another starts at the top.
    // Where the panel is scrolled to is kept from its scroll events: reading
    // scrollTop here (or setting it when nothing changes) would force a
    // layout of the whole element, map included, in the middle of a redraw.
    const scrolled = scrolls.get(root) ?? 0;
    const scroll = panel && panel.subject === subject ? scrolled : 0;
    const wrap = el("div", { class: "jg-panel" });
    if (panel?.wrap.isConnected) panel.wrap.replaceWith(wrap);
    else root.append(wrap);
    panel = { shape, subject, ctx, tp, syncs: [], wrap };
    panels.set(root, panel);
    (tp ? touchpointPanel : journeyPanel)(wrap, panel);
    for (const s of panel.syncs) s(ctx.file, tp);
    if (scroll !== 0 || scrolled !== 0) {
      root.scrollTop = scroll;
      scrolls.set(root, root.scrollTop);
    }
    if (inside && !focusKeys(wrap, keys)) focusKeys(wrap, ["heading"]);
    return;
  }
  panel.ctx = ctx;
  panel.tp = tp;
  if (!panel.wrap.isConnected) root.append(panel.wrap);
  for (const control of panel.wrap.querySelectorAll("[aria-invalid]")) markInvalid(control, null);
  for (const s of panel.syncs) s(ctx.file, tp);
}
