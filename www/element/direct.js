// Editing on the map itself, each with a keyboard way (WCAG 2.5.7: nothing
// needs a drag):
//   drag a card            to another stage, or up and down within its stage
//                          (keyboard: Alt + arrow keys on the card)
//   drag from a card's ●   to another card: a transition of weight 1
//                          (keyboard: C on the card, "Connect to…": type, Enter)
//   click an arrow         set its weight in a small box on the map
//                          (keyboard: the weights under "Leads to" in the inspector)
// Every change is one core edit, so one undo reverses it.
//
//   const { press } = installDirect(element, canvas, { file, say });
//   press(e);   // a press made before: it becomes a drag as the pointer moves on
//               // (key(e), click(e): a key on a card, a click on an arrow made before)

import { h } from "./dom.js";
import { SVG_NS } from "./map/svg.js";
import { focusCard } from "./keyboard.js";

const CARD = "g.jg-card";
/** How far (px on screen) the pointer moves before a press becomes a drag. */
const SLOP = 5;
/** How near (px) the edge of the map's region a drag scrolls it. */
const EDGE = 36;

const translateOf = (g) => {
  const m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(g.getAttribute("transform") ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

/** A card's box in map units, from its drawing. */
function boxOf(g) {
  const [x, y] = translateOf(g);
  const bg = g.querySelector(".jg-card-bg");
  return { x, y, width: Number(bg?.getAttribute("width") ?? 0), height: Number(bg?.getAttribute("height") ?? 0) };
}

/** The map's stage columns in map units: [{id, x, width}], left to right. */
function stagesOf(map) {
  return [...map.querySelectorAll("g.jg-stage")].map((g) => {
    const col = g.querySelector(".jg-column");
    return { id: g.dataset.stage, x: Number(col?.getAttribute("x") ?? 0), width: Number(col?.getAttribute("width") ?? 0) };
  }).sort((a, b) => a.x - b.x);
}

/** Where the pointer event `e` is, in the map's units. */
function pointIn(map, e) {
  const ctm = map.getScreenCTM();
  if (!ctm) return { x: 0, y: 0 };
  const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
  return { x: p.x, y: p.y };
}

/** The stage whose column holds x (else the nearest one). */
function stageAt(stages, x) {
  let best = null;
  let gap = Infinity;
  for (const s of stages) {
    const d = x < s.x ? s.x - x : x > s.x + s.width ? x - s.x - s.width : 0;
    if (d < gap) { gap = d; best = s; }
  }
  return best;
}

/** The touchpoint ids of `stage` on the map, top to bottom, without `except`. */
function cardsIn(map, stage, except) {
  return [...map.querySelectorAll(CARD)]
    .filter((g) => g.dataset.stage === stage && g.dataset.id !== except)
    .map((g) => ({ id: g.dataset.id, box: boxOf(g) }))
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/** Where in `stage` a card dropped at height y goes: the number of cards above it. */
function positionAt(map, stage, y, except) {
  return cardsIn(map, stage, except).filter((c) => c.box.y + c.box.height / 2 < y).length;
}

/** The file's touchpoints of `stage`, in order (the core's positions count these). */
const touchpointsOf = (file, stage) => file.touchpoints.filter((t) => t.stage === stage);

const nameOf = (file, id) => file.touchpoints.find((t) => t.id === id)?.name ?? id;

/**
 * `options.file()`: the file the map shows (a scenario's in What-if mode);
 * `options.say(text)`: tells screen readers what happened.
 */
export function installDirect(element, canvas, options) {
  const shownFile = () => options.file() ?? element.journey?.toObject();
  const root = element.shadowRoot;
  let press = null; // {kind, id, start, map, g, ...}
  let suppressClick = false;

  const mapOf = () => canvas.querySelector(":scope > svg.jg-map");
  const editable = () => !element.readonly && element.journey;

  /** The one connector handle, on the card under the pointer or the selected one. */
  const handle = () => {
    const map = mapOf();
    if (!map) return null;
    let dot = map.querySelector(":scope > .jg-connector");
    if (!dot) {
      dot = document.createElementNS(SVG_NS, "g");
      dot.setAttribute("class", "jg-connector");
      dot.setAttribute("aria-hidden", "true");
      const ring = document.createElementNS(SVG_NS, "circle");
      ring.setAttribute("r", "9");
      const core = document.createElementNS(SVG_NS, "circle");
      core.setAttribute("r", "4");
      core.setAttribute("class", "jg-connector-dot");
      const title = document.createElementNS(SVG_NS, "title");
      title.textContent = "Drag to another card to add a transition";
      dot.append(title, ring, core);
      map.append(dot);
    }
    return dot;
  };
  const showHandle = (g) => {
    if (!editable() || press) return;
    const dot = handle();
    if (!dot) return;
    const b = boxOf(g);
    dot.dataset.id = g.dataset.id;
    dot.setAttribute("transform", `translate(${b.x + b.width},${b.y + b.height / 2})`);
    dot.removeAttribute("hidden");
  };

  canvas.addEventListener("pointerover", (e) => {
    const g = e.target.closest?.(CARD);
    if (g) showHandle(g);
  });

  /** A press on the map (a pointerdown, or one made before this module was in: lazy.js). */
  const down = (e) => {
    if (e.button !== 0 || !editable()) return;
    const map = mapOf();
    if (!map) return;
    const dot = e.target.closest?.(".jg-connector");
    const g = e.target.closest?.(CARD);
    if (dot?.dataset.id) {
      e.preventDefault();
      press = { kind: "connect", id: dot.dataset.id, start: { x: e.clientX, y: e.clientY }, map, line: null };
    } else if (g) {
      press = { kind: "move", id: g.dataset.id, start: { x: e.clientX, y: e.clientY }, map, g, from: pointIn(map, e), moving: false };
    } else {
      return;
    }
    // Captured only once it is a drag: a press and release on a card stays a click on it.
    if (press.kind === "connect") canvas.setPointerCapture?.(e.pointerId);
  };
  canvas.addEventListener("pointerdown", down);

  canvas.addEventListener("pointermove", (e) => {
    if (!press) return;
    track(e);
    edgeScroll(e);
  });

  /** Follows the pointer at `e` (clientX, clientY, pointerId) during a press: the line drawn, or the card dragged. */
  function track(e) {
    const far = Math.hypot(e.clientX - press.start.x, e.clientY - press.start.y) > SLOP;
    const p = pointIn(press.map, e);
    if (press.kind === "connect") {
      if (!press.line) {
        press.line = document.createElementNS(SVG_NS, "line");
        press.line.setAttribute("class", "jg-connecting");
        const b = boxOf(cardG(press.map, press.id));
        press.line.setAttribute("x1", String(b.x + b.width));
        press.line.setAttribute("y1", String(b.y + b.height / 2));
        press.map.append(press.line);
      }
      press.line.setAttribute("x2", String(p.x));
      press.line.setAttribute("y2", String(p.y));
      markTarget(press.map, targetCard(e, press.map));
      return;
    }
    if (!press.moving && !far) return;
    if (!press.moving) {
      press.moving = true;
      canvas.setPointerCapture?.(e.pointerId);
      press.origin = translateOf(press.g);
      press.g.classList.add("jg-dragging");
      handle()?.setAttribute("hidden", "");
    }
    const [x, y] = press.origin;
    press.g.setAttribute("transform", `translate(${x + p.x - press.from.x},${y + p.y - press.from.y})`);
    const stage = stageAt(stagesOf(press.map), p.x);
    for (const s of press.map.querySelectorAll("g.jg-stage")) s.classList.toggle("jg-drop-stage", s.dataset.stage === stage?.id);
  }

  // A drag held near an edge of the map's scrolling region scrolls it that
  // way, so a card out of view (under the panel's side, say) is reached in
  // the same drag.
  let scrolling = null; // {x, y, pointerId, frame}
  function edgeScroll(e) {
    const r = canvas.getBoundingClientRect();
    const near = (v, lo, hi) => (v < lo + EDGE ? -1 : v > hi - EDGE ? 1 : 0);
    const dx = near(e.clientX, r.left, r.right);
    const dy = near(e.clientY, r.top, r.bottom);
    const dragging = press && (press.kind === "connect" || press.moving);
    if (!dragging || (!dx && !dy)) return stopScrolling();
    const at = { clientX: e.clientX, clientY: e.clientY, pointerId: e.pointerId };
    if (scrolling) return void Object.assign(scrolling, { at, dx, dy });
    scrolling = { at, dx, dy, frame: 0 };
    const step = () => {
      if (!scrolling || !press) return stopScrolling();
      const { scrollLeft, scrollTop } = canvas;
      canvas.scrollBy(scrolling.dx * 14, scrolling.dy * 14);
      if (canvas.scrollLeft !== scrollLeft || canvas.scrollTop !== scrollTop) track(scrolling.at);
      scrolling.frame = requestAnimationFrame(step);
    };
    scrolling.frame = requestAnimationFrame(step);
  }
  function stopScrolling() {
    if (scrolling) cancelAnimationFrame(scrolling.frame);
    scrolling = null;
  }

  const end = (e, cancelled) => {
    stopScrolling();
    const p = press;
    press = null;
    if (!p) return;
    if (canvas.hasPointerCapture?.(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    // A drag that ends off its card makes no click to swallow: forget it after this event.
    setTimeout(() => { suppressClick = false; }, 0);
    if (p.kind === "connect") {
      p.line?.remove();
      const target = cancelled ? null : targetCard(e, p.map);
      markTarget(p.map, null);
      if (!p.line) return; // a click on the handle: nothing to connect
      suppressClick = true;
      if (target && target !== p.id) connect(p.id, target);
      return;
    }
    if (!p.moving) return;
    suppressClick = true;
    for (const s of p.map.querySelectorAll("g.jg-drop-stage")) s.classList.remove("jg-drop-stage");
    p.g.classList.remove("jg-dragging");
    const at = pointIn(p.map, e);
    const stage = cancelled ? null : stageAt(stagesOf(p.map), at.x);
    const restore = () => p.g.setAttribute("transform", `translate(${p.origin[0]},${p.origin[1]})`);
    if (!stage) return restore();
    const position = positionAt(p.map, stage.id, at.y, p.id);
    if (!move(p.id, stage.id, position)) restore();
  };
  canvas.addEventListener("pointerup", (e) => end(e, false));
  canvas.addEventListener("pointercancel", (e) => end(e, true));
  // The click that ends a drag is not a click on the card.
  canvas.addEventListener("click", (e) => {
    if (!suppressClick) return;
    suppressClick = false;
    e.stopImmediatePropagation();
  }, true);

  /** Moves touchpoint `id` to `position` in `stage`; false if nothing changed or the edit was refused. */
  function move(id, stage, position) {
    const file = shownFile();
    const tp = file?.touchpoints.find((t) => t.id === id);
    if (!tp) return false;
    const others = touchpointsOf(file, stage).filter((t) => t.id !== id);
    const index = Math.max(0, Math.min(position, others.length));
    const now = touchpointsOf(file, tp.stage).findIndex((t) => t.id === id);
    if (tp.stage === stage && now === index) return false;
    const done = element.edit({ op: "moveTouchpoint", id, stage, position: index });
    if (done) {
      const stageName = file.stages.find((s) => s.id === stage)?.name ?? stage;
      say(`${tp.name} moved to ${stageName}, place ${index + 1} of ${others.length + 1}.`);
      focusCard(root, id);
    }
    return done;
  }

  /** Adds a transition from → to of weight 1 (or says it is there already). */
  function connect(from, to) {
    const file = shownFile();
    if (!file) return false;
    if (file.transitions.some((t) => t.from === from && t.to === to)) {
      say(`${nameOf(file, from)} already leads to ${nameOf(file, to)}; click its arrow to change the weight.`);
      return false;
    }
    const done = element.edit({ op: "addTransition", transition: { from, to, weight: 1 } });
    if (done) say(`${nameOf(file, from)} now leads to ${nameOf(file, to)} (weight 1).`);
    return done;
  }

  const say = (text) => options.say(text);

  // The keyboard ways: Alt + arrows move the focused card; C connects it.
  const key = (e) => {
    const g = e.target.closest?.(CARD);
    if (!g || !editable() || e.ctrlKey || e.metaKey) return;
    const map = mapOf();
    if (!map) return;
    if (e.altKey && ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      const file = shownFile();
      const tp = file?.touchpoints.find((t) => t.id === g.dataset.id);
      if (!tp) return;
      const order = touchpointsOf(file, tp.stage);
      const now = order.findIndex((t) => t.id === tp.id);
      if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        const to = now + (e.key === "ArrowUp" ? -1 : 1);
        if (to < 0 || to >= order.length) return say(e.key === "ArrowUp" ? `${tp.name} is first in its stage.` : `${tp.name} is last in its stage.`);
        move(tp.id, tp.stage, to);
      } else {
        const i = file.stages.findIndex((s) => s.id === tp.stage);
        const next = file.stages[i + (e.key === "ArrowLeft" ? -1 : 1)];
        if (!next) return say(e.key === "ArrowLeft" ? "It is in the first stage." : "It is in the last stage.");
        move(tp.id, next.id, Math.min(now, touchpointsOf(file, next.id).length));
      }
    } else if (!e.altKey && !e.shiftKey && (e.key === "c" || e.key === "C")) {
      e.preventDefault();
      openConnect(g.dataset.id, g);
    }
  };
  canvas.addEventListener("keydown", key);

  // An arrow's weight, on the map.
  const click = (e) => {
    const arrow = e.target.closest?.("path.jg-arrow");
    if (!arrow || !editable()) return;
    e.stopPropagation();
    openWeight(arrow.dataset.from, arrow.dataset.to, e);
  };
  canvas.addEventListener("click", click);

  /** A small box over the map, closed by Escape, a click outside, or its own action. */
  let closeOpen = null; // the box shown now, if any
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

  return { press: down, key, click, openConnect: (id) => { const g = cardG(mapOf(), id); if (g) openConnect(id, g); } };
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

function cardG(map, id) {
  return map ? [...map.querySelectorAll(CARD)].find((g) => g.dataset.id === id) ?? null : null;
}

/** The card under the pointer (the line being drawn lets pointer events through). */
function targetCard(e, map) {
  const root = map.getRootNode();
  const under = (root.elementFromPoint?.(e.clientX, e.clientY) ?? document.elementFromPoint(e.clientX, e.clientY));
  return under?.closest?.(CARD)?.dataset.id ?? null;
}

function markTarget(map, id) {
  for (const g of map.querySelectorAll(`${CARD}.jg-drop-card`)) if (g.dataset.id !== id) g.classList.remove("jg-drop-card");
  if (id) cardG(map, id)?.classList.add("jg-drop-card");
}

