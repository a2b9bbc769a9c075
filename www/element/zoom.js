// Zoom and pan for big journeys: toolbar buttons ("Zoom out", "Zoom in",
// "Fit"), Ctrl + wheel, and dragging the map's background to pan (the
// canvas also scrolls with its scrollbars and, when focused, the keyboard).
// The map keeps its SVG user units; zooming scales how big it is drawn.

const STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];

/**
 * Adds the zoom controls to `toolbar` and keeps `canvas`'s map at the
 * chosen zoom across redraws. Returns { zoom, set(z), fit() }.
 */
export function installZoom(host, { toolbar, canvas }) {
  let zoom = 1;
  const group = document.createElement("span");
  group.className = "jg-zoom";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Zoom");
  const button = (label, text, onClick) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", onClick);
    group.append(b);
    return b;
  };
  const out = button("Zoom out", "−", () => step(-1));
  const level = document.createElement("output");
  level.className = "jg-zoom-level";
  level.setAttribute("aria-live", "polite");
  group.append(level);
  const into = button("Zoom in", "+", () => step(1));
  button("Fit the map to the view", "Fit", () => fit());
  toolbar.append(group);

  const map = () => canvas.querySelector(":scope > svg.jg-map");
  const apply = () => {
    const svg = map();
    level.textContent = `${Math.round(zoom * 100)}%`;
    out.disabled = zoom <= STEPS[0];
    into.disabled = zoom >= STEPS[STEPS.length - 1];
    if (!svg) return;
    if (zoom === 1) {
      // At 100% the map is exactly as drawn (its width and height attributes).
      if (svg.hasAttribute("style")) {
        svg.style.removeProperty("width");
        svg.style.removeProperty("height");
        if (!svg.getAttribute("style")) svg.removeAttribute("style");
      }
      return;
    }
    const w = Number(svg.getAttribute("width"));
    const h = Number(svg.getAttribute("height"));
    if (!(w > 0 && h > 0)) return;
    const width = `${Math.round(w * zoom)}px`;
    const height = `${Math.round(h * zoom)}px`;
    if (svg.style.width !== width) svg.style.width = width;
    if (svg.style.height !== height) svg.style.height = height;
  };
  const set = (z, anchor = null) => {
    const next = Math.min(STEPS[STEPS.length - 1], Math.max(STEPS[0], z));
    if (next === zoom) return apply();
    // Keep the point under the pointer (or the centre) where it is.
    const ax = anchor ? anchor.x : canvas.clientWidth / 2;
    const ay = anchor ? anchor.y : canvas.clientHeight / 2;
    const ux = (canvas.scrollLeft + ax) / zoom;
    const uy = (canvas.scrollTop + ay) / zoom;
    zoom = next;
    apply();
    canvas.scrollLeft = ux * zoom - ax;
    canvas.scrollTop = uy * zoom - ay;
  };
  const step = (dir, anchor) => {
    const i = STEPS.findIndex((s) => s >= zoom - 1e-9);
    const at = i < 0 ? STEPS.length - 1 : i;
    const exact = Math.abs(STEPS[at] - zoom) < 1e-9;
    set(STEPS[Math.min(STEPS.length - 1, Math.max(0, dir > 0 ? (exact ? at + 1 : at) : at - 1))], anchor);
  };
  const fit = () => {
    const svg = map();
    const w = Number(svg?.getAttribute("width"));
    if (!(w > 0)) return;
    zoom = Math.min(1, Math.max(STEPS[0], (canvas.clientWidth - 8) / w));
    apply();
    canvas.scrollLeft = 0;
  };

  // A redraw puts a new <svg> in the canvas: give it the current zoom.
  new MutationObserver(apply).observe(canvas, { childList: true });

  canvas.addEventListener("wheel", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    const box = canvas.getBoundingClientRect();
    step(e.deltaY < 0 ? 1 : -1, { x: e.clientX - box.left, y: e.clientY - box.top });
  }, { passive: false });

  // Drag the background (not a card, nor a card's connector ●: dragging that
  // draws a transition, direct/) to pan.
  let drag = null;
  canvas.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || e.target.closest?.(".jg-card, .jg-connector")) return;
    drag = { x: e.clientX, y: e.clientY, left: canvas.scrollLeft, top: canvas.scrollTop, moved: false, id: e.pointerId };
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      canvas.setPointerCapture?.(e.pointerId);
      canvas.classList.add("jg-panning");
    }
    canvas.scrollLeft = drag.left - dx;
    canvas.scrollTop = drag.top - dy;
  });
  const end = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (drag.moved) {
      // A pan is not a click on the background (which clears the selection).
      // That click comes right after this pointerup, if at all: a trap left
      // in place would swallow the user's next click (on an arrow, say).
      const trap = (c) => c.stopPropagation();
      canvas.addEventListener("click", trap, { capture: true, once: true });
      setTimeout(() => canvas.removeEventListener("click", trap, { capture: true }), 0);
    }
    canvas.classList.remove("jg-panning");
    drag = null;
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  apply();
  return {
    get zoom() {
      return zoom;
    },
    set,
    fit,
  };
}

export const ZOOM_CSS = `
.jg-zoom { display: inline-flex; align-items: center; gap: 4px; }
.jg-zoom button { min-width: 34px; padding: 6px 8px; }
.jg-zoom-level { min-width: 44px; text-align: center; font-size: 12.5px; font-weight: 600; font-variant-numeric: tabular-nums; }
.jg-canvas { cursor: grab; }
.jg-canvas.jg-panning { cursor: grabbing; user-select: none; }
.jg-canvas svg.jg-map { flex: none; }
`;
