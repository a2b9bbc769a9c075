// The map for one persona (issue 15): the bar above the figures that says
// whose journey the map shows (what it skips and overrides) with a way back
// to everyone, and the view the element draws: the journey that persona
// walks (the core's forPersona), its cards, figures and inspector; and
// showing one (showPersona: what the element's `persona` property does).

import { h } from "./dom.js";

/**
 * The journey persona `id` of `file` (the journey's view) walks, for the
 * element to draw: {persona (view form), journey (to free) and file, or
 * problem (the core's error)}; null when the journey has no such persona.
 */
export function personaView(j, file, id) {
  const persona = file.personas?.find((p) => p.id === id);
  if (!persona) return null;
  return derivedView({ persona }, () => j.forPersona(id));
}

/**
 * A journey derived from the open one (a persona's, a scenario's) for the
 * map to show: `view` with `journey` (made by `make`; the caller frees it),
 * its complete view `file`, or the core's error as `problem` (then both
 * null, and nothing is left to free).
 */
export function derivedView(view, make) {
  const out = { ...view, journey: null, file: null, problem: null };
  try {
    out.journey = make();
    out.file = out.journey.view();
  } catch (error) {
    out.journey?.free();
    out.journey = null;
    out.problem = error;
  }
  return out;
}

/**
 * Shows persona `id`'s journey (null, undefined or "": everyone's) on the
 * element of context `c` (journey-map.js), leaving What-if; says so, and
 * tells the page (jg-persona-change).
 */
export function showPersona(c, id) {
  const { host, state: s } = c;
  const next = id === null || id === undefined || id === "" ? null : String(id);
  if (next === s.persona) return;
  if (next) s.whatIf = null;
  s.persona = next;
  s.baseline = null;
  c.render();
  const p = next ? host.journey?.view().personas.find((x) => x.id === next) : null;
  c.announce(p ? `The map shows persona ${p.name || p.id}.` : "The map shows everyone.");
  host.dispatchEvent(new CustomEvent("jg-persona-change", { detail: { persona: s.persona } }));
}

/** The touchpoints a persona's overrides name (marked "changed" on the map). */
export function overridden(persona) {
  return new Set(persona.overrides.map((o) => o.touchpoint));
}

/**
 * The personas' part of the inspector (inspector/personas.js): their
 * figures beside everyone's, computed when the panel asks, and the persona
 * shown. `view`: the persona's walked journey shown now, or null;
 * `readonly`, `shown` (its id) and `show(id)` are the element's.
 */
export function personasContext(j, file, view, { readonly, shown, show }) {
  let figures = null;
  return {
    base: file,
    readonly,
    shown,
    record: view?.persona && !view.problem ? view.persona : null,
    show,
    figures: () => {
      if (!figures) {
        let everyone = null;
        try {
          everyone = j.analyze({ touchpoints: false });
        } catch {
          everyone = null; // the figures bar says why
        }
        figures = { everyone, personas: file.personas.length ? j.personaFigures() : [] };
      }
      return figures;
    },
  };
}

/** The bar above the figures while the map shows one persona; `everyone()` goes back. */
export function buildPersonaBar({ everyone }) {
  const text = h("p", { class: "jg-grow" });
  const back = h("button", { type: "button", "data-action": "persona-everyone" }, "Show everyone");
  back.addEventListener("click", () => everyone());
  const root = h("div", { class: "jg-persona-bar", part: "persona-bar", role: "region", "aria-label": "Persona shown", hidden: true });
  root.append(text, back);
  return {
    root,
    /** Shows the bar for `view` (a personaView), or hides it (null). */
    update(view, file) {
      root.hidden = !view;
      if (!view) return;
      const { persona, problem } = view;
      const label = persona.name || persona.id;
      const names = persona.skip.map((id) => file.touchpoints.find((t) => t.id === id)?.name ?? id);
      const parts = [`The map, figures and panel show ${label}'s journey`];
      if (names.length) parts.push(`without ${names.join(", ")} (never met)`);
      if (persona.overrides.length) parts.push(`with ${persona.overrides.length} touchpoint${persona.overrides.length === 1 ? "" : "s"} met differently (marked in the corner)`);
      text.textContent = problem
        ? `${label}'s figures cannot be computed: ${problem.message} The map shows everyone.`
        : `${parts.join(", ")}; the dashed curve is everyone's. Pick a card to say what ${label} meets differently there.`;
    },
  };
}

/** The styles of the bar and of the inspector's persona parts (part of the element's sheet). */
export const PERSONA_CSS = `
.jg-persona-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 20px;
  background: var(--jg-persona-bg, #e8f6f3); border-bottom: 1px solid var(--jg-persona-border, #a8dcd1);
  box-shadow: inset 4px 0 0 var(--jg-persona, #0c7c6c); }
.jg-persona-bar p { margin: 0; font-size: 13px; }
table.jg-personas { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 4px 0 8px; font-variant-numeric: tabular-nums; }
table.jg-personas th, table.jg-personas td { padding: 4px 6px; border-bottom: 1px solid var(--jg-border, #d9e2ec); text-align: right; }
table.jg-personas th[scope=row], table.jg-personas thead th:first-child { text-align: left; font-weight: 600; }
table.jg-personas thead th { font-weight: 700; vertical-align: bottom; }
.jg-persona-list li { flex-wrap: wrap; }
.jg-persona-skips { flex-basis: 100%; margin: 2px 0 6px; }
.jg-persona-list button[aria-pressed=true] { background: var(--jg-persona, #0c7c6c); border-color: var(--jg-persona, #0c7c6c); color: #fff; }
.jg-persona-overrides { border-color: var(--jg-persona-border, #a8dcd1); background: var(--jg-persona-bg, #e8f6f3); }
`;
