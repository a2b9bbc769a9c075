// Workshop mode's keys (present/index.js), as in a slide deck: → ← PageDown
// PageUp step through the stages, Home and End the first and last, W (or 0)
// the whole journey, 1–9 a stage by its number; ↑ ↓ move between the cards
// or the tiles; + − nudge the picked touchpoint's emotion; Tab stays in the
// view; Escape leaves. Keys never reach the editor behind the view (its
// undo and delete must not act there).
//
//   root.addEventListener("keydown", (e) => presentKey(e, root, wall));
//   // wall: { leave(), next(), previous(), go(step), stages, nudge(by) or null }

/**
 * Acts on one keydown in the view `root`. `wall` says what the presenter
 * can do now: `stages` (how many), `nudge(by)` when a touchpoint is picked.
 */
export function presentKey(e, root, wall) {
  e.stopPropagation();
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.composedPath()[0];
  const field = Boolean(target?.matches?.("input, select, textarea"));
  const go = (fn) => {
    e.preventDefault();
    fn();
  };
  const off = field; // in a field, the arrows, Home, End and digits are the field's
  switch (e.key) {
    case "Escape":
      return go(() => wall.leave());
    case "Tab":
      return trapTab(e, root);
    case "PageDown":
      return go(() => wall.next());
    case "PageUp":
      return go(() => wall.previous());
    case "ArrowRight":
      return off ? undefined : go(() => wall.next());
    case "ArrowLeft":
      return off ? undefined : go(() => wall.previous());
    case "Home":
      return off ? undefined : go(() => wall.go(0));
    case "End":
      return off ? undefined : go(() => wall.go(Math.max(0, (wall.stages || 1) - 1)));
    case "w":
    case "W":
    case "0":
      return off ? undefined : go(() => wall.go(Infinity));
    case "ArrowDown":
    case "ArrowUp":
      return moveFocus(e, root, target, e.key === "ArrowDown" ? 1 : -1);
    case "+":
    case "=":
    case "-":
      if (off || !wall.nudge) return undefined;
      return go(() => wall.nudge(e.key === "-" ? -0.1 : 0.1));
    default:
      if (!off && /^[1-9]$/.test(e.key) && Number(e.key) <= wall.stages) return go(() => wall.go(Number(e.key) - 1));
  }
  return undefined;
}

/** ↑ and ↓ move between the cards shown on the map, or between the tiles. */
function moveFocus(e, root, target, by) {
  const kind = target?.closest?.(".jg-card") ? ".jgp-map .jg-card" : target?.closest?.(".jgp-tile") ? ".jgp-tile" : null;
  if (!kind) return;
  const items = [...root.querySelectorAll(kind)].filter((el) => !el.classList.contains("jgp-ahead"));
  const i = items.indexOf(target.closest(kind.split(" ").pop()));
  const next = items[i + by];
  if (!next) return;
  e.preventDefault();
  if (next.matches(".jg-card")) {
    for (const el of items) el.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
  }
  next.focus({ preventScroll: true });
}

/** Tab and Shift+Tab go round the view, never behind it. */
function trapTab(e, root) {
  const items = [...root.querySelectorAll("button, input, select, textarea, [tabindex]")].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && !el.hidden && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden");
  if (!items.length) return;
  const i = items.indexOf(root.getRootNode().activeElement);
  if (e.shiftKey && i <= 0) {
    e.preventDefault();
    items[items.length - 1].focus();
  } else if (!e.shiftKey && i === items.length - 1) {
    e.preventDefault();
    items[0].focus();
  }
}
