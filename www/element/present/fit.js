// Two pieces of the wall (index.js) that only read and write the view:
// fitting the current stage to the map area, and the live what-if in words.

import { movesOf, volumeOf } from "../why.js";

const pct = (x) => `${(100 * x).toFixed(1)}%`;

/**
 * Makes the current stage (`focus`, the map area's panel) fit without
 * scrolling (nobody scrolls with a clicker): first its type shrinks a
 * little, then its notes give way, the list that runs past the bottom
 * first, each keeping one item and saying how many more, and at last whole
 * lists.
 */
export function fitFocus(focus) {
  const parts = [...focus.querySelectorAll(":scope > .jgp-focus-cards, :scope > .jgp-focus-notes")];
  const fits = () => focus.scrollHeight <= focus.clientHeight + 1 && parts.every((c) => c.scrollHeight <= c.clientHeight + 1);
  // Not smaller than 0.9: card titles stay at 28 px and notes at 20 px on a 1080-pixel wall.
  for (const k of [1, 0.95, 0.9]) {
    focus.style.setProperty("--k", String(k));
    if (fits()) return;
  }
  const notesBox = focus.querySelector(".jgp-focus-notes");
  // A list whose notes run past the bottom (side by side, the longer one; stacked, the last first).
  const over = (ul) => !notesBox || ul.closest(".jgp-notes").getBoundingClientRect().bottom > notesBox.getBoundingClientRect().bottom + 1;
  for (const ul of [...focus.querySelectorAll(".jgp-notes ul")].reverse()) {
    let items = [...ul.querySelectorAll("li:not(.jgp-more)")];
    let more = null;
    let hidden = 0;
    while (!fits() && over(ul) && items.length > 1) {
      items.pop().remove();
      hidden += 1;
      if (!more) {
        more = document.createElement("li");
        more.className = "jgp-more";
        ul.append(more);
      }
      more.textContent = `+${hidden} more in the editor`;
      items = [...ul.querySelectorAll("li:not(.jgp-more)")];
    }
    if (fits()) return;
  }
  for (const notes of [...focus.querySelectorAll(".jgp-notes")].reverse()) {
    notes.remove();
    if (fits()) return;
  }
}

/**
 * What the what-if moved and why, in words for the room: the goal's share
 * before → after, then each changed touchpoint's dropout and how many
 * customers fewer leave there (Journey.explain(), exact). `base` and
 * `shown`: the wall's {file, figures} of the baseline and of the what-if;
 * `changes`: the draft's. Without the exact figures on the page, only what
 * is known.
 */
export function whyLines(journey, base, shown, changes) {
  const lines = [];
  const a = base.figures?.analysis;
  const b = shown.figures?.analysis;
  if (a && b) {
    const d = 100 * (b.success - a.success);
    lines.push(`Reached goal ${pct(a.success)} \u2192 ${pct(b.success)} (${d >= 0 ? "+" : "\u2212"}${Math.abs(d).toFixed(1)} points).`);
  }
  const moves = movesOf(journey, base.file, { id: "workshop", name: "Workshop what-if", changes });
  if (Array.isArray(moves)) {
    const volume = volumeOf(base.file);
    for (const m of moves) {
      const dropout = Math.abs(m.dropoutAfter - m.dropoutBefore) < 5e-5 ? `dropout ${pct(m.dropoutBefore)}, unchanged`
        : `dropout ${pct(m.dropoutBefore)} \u2192 ${pct(m.dropoutAfter)}`;
      const d = (m.leftBefore - m.leftAfter) * volume.size;
      const left = Math.abs(d) < 0.05 ? `about as many ${volume.of} leave here`
        : `${Math.abs(d).toFixed(volume.size > 100 ? 0 : 1)} ${d > 0 ? "fewer" : "more"} ${volume.of} leave here`;
      lines.push(`${m.name || m.touchpoint}: ${dropout}, so ${left}.`);
    }
  }
  return lines;
}
