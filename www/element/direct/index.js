// Editing on the map itself, each with a keyboard way (WCAG 2.5.7: nothing
// needs a drag):
//   drag a card            to another stage, or up and down within its stage
//                          (keyboard: Alt + arrow keys on the card)
//   drag from a card's ●   to another card: a transition of weight 1
//                          (keyboard: C on the card, "Connect to…": type, Enter)
//   click an arrow         set its weight in a small box on the map
//                          (keyboard: the weights under "Leads to" in the inspector)
// Every change is one core edit, so one undo reverses it. Here: the
// pointer's drags, the keys and the edits they make; where.js reads where
// cards and stages are on the map, popups.js has the weight box and
// "Connect to…". Loaded right after the first map (after-first-map.js).
//
//   const { press } = installDirect(element, canvas, { file, say });
//   press(e);   // a press made before: it becomes a drag as the pointer moves on
//               // (key(e), click(e): a key on a card, a click on an arrow made before)

import { SVG_NS } from "../map/svg.js";
import { focusCard } from "../keyboard.js";
import { CARD, translateOf, boxOf, stagesOf, pointIn, stageAt, positionAt, touchpointsOf, nameOf, cardG, targetCard, markTarget } from "./where.js";
import { installPopups } from "./popups.js";

/** How far (px on screen) the pointer moves before a press becomes a drag. */
const SLOP = 5;
/** How near (px) the edge of the map's region a drag scrolls it. */
const EDGE = 36;

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
  const dots = new WeakMap(); // map → its handle (a search of a map of 10,000 cards for it took 10 ms a hover)
  const handle = () => {
    const map = mapOf();
    if (!map) return null;
    let dot = dots.get(map);
    // Among the map's own children (a few layers): map.querySelector(":scope > …") searched all its 10,000 cards (25 ms at the first hover).
    if (dot?.parentNode !== map) dot = [...map.children].find((c) => c.classList.contains("jg-connector")) ?? null;
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
    dots.set(map, dot);
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
  // The weight box and "Connect to…" (popups.js).
  const { openWeight, openConnect } = installPopups(element, { file: shownFile, connect });

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

  return { press: down, key, click, openConnect: (id) => { const g = cardG(mapOf(), id); if (g) openConnect(id, g); } };
}
