// The small boxes of editing on the map (direct/index.js), over the map
// and closed by Escape, a click outside or their own action: an arrow's
// weight (a click on the arrow) and "Connect to…" (C on a card), a
// searchable list of the touchpoints the card may lead to. DOM by h()
// and textContent, so names stay text.
//
//   const { openWeight, openConnect } = installPopups(element, { file, connect });
//   openWeight(from, to, clickEvent);   openConnect(id, cardG);

import { h } from "../dom.js";
import { focusCard } from "../keyboard.js";
import { nameOf } from "./where.js";

/**
 * The boxes for `element`: `file()` is the file the map shows (a
 * scenario's in What-if mode), `connect(from, to)` adds a transition and
 * returns whether it did. One box is open at a time.
 */
export function installPopups(element, { file: shownFile, connect }) {
  const root = element.shadowRoot;
  let closeOpen = null; // the box shown now, if any

  /** A small box over the map, closed by Escape, a click outside, or its own action. */
  function popup(className, label, anchor) {
    closeOpen?.(null);
    const box = h("div", { class: `jg-popup ${className}`, role: "dialog", "aria-label": label });
    (root.querySelector(".jg-body") ?? root).append(box);
    const host = box.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    box.style.left = `${Math.max(4, anchor.x - host.left)}px`;
    box.style.top = `${Math.max(4, anchor.y - host.top)}px`;
    const close = (refocus) => {
      box.remove();
      if (closeOpen === close) closeOpen = null;
      document.removeEventListener("pointerdown", outside, true);
      if (refocus) refocus.isConnected ? refocus.focus() : focusCard(root, refocus.dataset?.id ?? null);
    };
    const outside = (ev) => { if (!ev.composedPath().includes(box)) close(null); };
    document.addEventListener("pointerdown", outside, true);
    closeOpen = close;
    return { box, close };
  }

  function openWeight(from, to, e) {
    const file = shownFile();
    const t = file?.transitions.find((x) => x.from === from && x.to === to);
    if (!t) return;
    const label = `Weight from ${nameOf(file, from)} to ${nameOf(file, to)}`;
    const { box, close } = popup("jg-weight-popup", label, { x: e.clientX + 8, y: e.clientY + 8 });
    const form = h("form", { novalidate: true }); // the message below says what is wrong, in words
    const input = h("input", { type: "number", min: "0", step: "any", "aria-label": label });
    input.value = String(t.weight);
    const ok = h("button", { type: "submit" }, "Set");
    const error = h("p", { class: "jg-popup-error", role: "alert" });
    form.append(h("label", {}, label), input, ok, error);
    box.append(form);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const n = Number(input.value);
      if (input.value.trim() === "" || !Number.isFinite(n) || n < 0) {
        error.textContent = "A weight is a number of 0 or more.";
        input.setAttribute("aria-invalid", "true");
        return;
      }
      if (n === t.weight || element.edit({ op: "setWeight", from, to, weight: n })) close(null);
    });
    box.addEventListener("keydown", (ev) => { if (ev.key === "Escape") { ev.stopPropagation(); close(null); } });
    input.focus();
    input.select();
  }

  /** "Connect to…": a searchable list of the other touchpoints (itself only when a loop is asked for). */
  function openConnect(from, g) {
    const file = shownFile();
    if (!file) return;
    const r = g.getBoundingClientRect();
    const { box, close } = popup("jg-connect-popup", `Connect ${nameOf(file, from)} to…`, { x: r.right + 6, y: r.top });
    const stageName = new Map(file.stages.map((s) => [s.id, s.name]));
    const taken = new Set(file.transitions.filter((t) => t.from === from).map((t) => t.to));
    const listId = `jg-connect-list-${Math.random().toString(36).slice(2)}`;
    const search = h("input", {
      type: "search", role: "combobox", "aria-expanded": "true", "aria-controls": listId, "aria-autocomplete": "list",
      "aria-label": `Connect ${nameOf(file, from)} to`, placeholder: "Type a touchpoint's name",
    });
    const loopBox = h("input", { type: "checkbox" });
    const loop = h("label", { class: "jg-connect-loop" });
    loop.append(loopBox, document.createTextNode(" a loop back to itself"));
    const list = h("ul", { role: "listbox", id: listId, "aria-label": "Touchpoints" });
    const hint = h("p", { class: "jg-hint" });
    box.append(h("p", { class: "jg-popup-title" }, `Connect ${nameOf(file, from)} to…`), search, loop, list, hint);
    let shown = [];
    let active = 0;
    const draw = () => {
      const q = search.value.trim().toLowerCase();
      shown = file.touchpoints.filter((t) => (t.id !== from || loopBox.checked) && !taken.has(t.id) && matchRank(t, q, stageName) < NO_MATCH);
      // The best matches first (what the name starts with, then a word of it), so that
      // "ca" highlights "Card arrives" before "Application form"; else in the journey's order.
      if (q) shown = shown.map((t, i) => ({ t, i, r: matchRank(t, q, stageName) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.t);
      if (loopBox.checked && shown.some((t) => t.id === from)) shown = [shown.find((t) => t.id === from), ...shown.filter((t) => t.id !== from)];
      active = Math.min(active, Math.max(0, shown.length - 1));
      list.replaceChildren(...shown.slice(0, 50).map((t, i) => {
        const li = h("li", { role: "option", id: `${listId}-${i}`, "aria-selected": String(i === active), "data-id": t.id });
        li.append(h("span", {}, t.id === from ? `${t.name} (itself)` : t.name), h("small", {}, ` ${stageName.get(t.stage) ?? ""}`));
        li.addEventListener("pointerdown", (ev) => { ev.preventDefault(); pick(t.id); });
        return li;
      }));
      if (shown.length) search.setAttribute("aria-activedescendant", `${listId}-${active}`);
      else search.removeAttribute("aria-activedescendant");
      hint.textContent = shown.length ? `${shown.length} ${shown.length === 1 ? "touchpoint" : "touchpoints"}: Enter connects the highlighted one.` : "No touchpoint matches.";
    };
    const pick = (to) => {
      if (connect(from, to)) close(null);
      focusCard(root, from);
    };
    search.addEventListener("input", () => { active = 0; draw(); });
    loopBox.addEventListener("change", draw);
    search.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        active = Math.max(0, Math.min(shown.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
        draw();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (shown[active]) pick(shown[active].id);
      }
    });
    box.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { ev.stopPropagation(); close(null); focusCard(root, from); }
    });
    draw();
    search.focus();
  }

  return { openWeight, openConnect };
}

const NO_MATCH = 4;
/**
 * How well touchpoint `t` matches the search `q` (lower case): 0 its name
 * starts with it, 1 a word of its name does, 2 its name holds it, 3 its
 * stage's name holds it, NO_MATCH not at all. An empty search matches all alike.
 */
function matchRank(t, q, stageName) {
  if (!q) return 0;
  const name = t.name.toLowerCase();
  if (name.startsWith(q)) return 0;
  if (name.split(/[^\p{L}\p{N}]+/u).some((w, i) => i > 0 && w.startsWith(q))) return 1;
  if (name.includes(q)) return 2;
  if ((stageName.get(t.stage) ?? "").toLowerCase().includes(q)) return 3;
  return NO_MATCH;
}

