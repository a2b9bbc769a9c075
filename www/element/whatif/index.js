// The controls of What-if mode: the scenario bar under the toolbar (pick,
// name, start or delete a scenario), the "Fix first" strip under the
// figures (the opportunities, best first, each with "Add to scenario") and
// the scenario's changes above the inspector. They only render what the
// element hands them and call back; DOM by createElement and textContent,
// so names stay text. Loaded the first time What-if is entered (lazy.js).

import { describeChange } from "./scenario.js";
import { h as el } from "../dom.js";
import { opportunityWhy, assumptions, renderMoves, volumeOf } from "../why.js";
// What the element needs of scenario.js and why.js in What-if mode only: it loads them with this module (lazy.js).
export { changedTouchpoints } from "./scenario.js";
export { movesOf } from "../why.js";
// The element's What-if steps (the scenario's journey, Fix first and the changes drawn, the bar's actions): loaded with this module.
export { scenarioView, showScenarioBar, drawWhatIf, drawOpportunities, newScenario, renameScenario, removeScenario } from "./element-part.js";

/** How many opportunities show before "Show all". */
export const TOP_OPPORTUNITIES = 4;


const MINUS = "\u2212";
const sign = (x) => (x < 0 ? MINUS : "+");
/** "+2.3 pts success, +0.04 felt": what an opportunity gains. */
export function gainText(o) {
  return `${sign(o.successGain)}${Math.abs(100 * o.successGain).toFixed(1)} pts success, ${sign(o.meanFeltGain)}${Math.abs(o.meanFeltGain).toFixed(2)} felt`;
}
const signed = (x) => `${sign(x)}${Math.abs(x).toFixed(2)}`;

/**
 * Builds the scenario bar. `on`: { pick(id), create(), rename(name), remove() }.
 * Returns { root, update(state) } with state { scenarios: [{id, name}],
 * current: {id, name}, saved (whether it is in the file yet), readonly, problem }.
 */
export function buildScenarioBar(on) {
  const root = el("div", { class: "jg-whatif-bar", part: "whatif-bar", role: "region", "aria-label": "What-if scenario", hidden: true });
  const badge = el("span", { class: "jg-whatif-badge" }, "What if");
  const pickId = "jg-whatif-pick";
  const nameId = "jg-whatif-name";
  const pickLabel = el("label", { for: pickId }, "Scenario");
  const pick = el("select", { id: pickId });
  pick.addEventListener("change", () => on.pick(pick.value));
  const nameLabel = el("label", { for: nameId }, "Name");
  const name = el("input", { id: nameId, type: "text", maxlength: 200, autocomplete: "off" });
  name.addEventListener("change", () => on.rename(name.value.trim()));
  name.addEventListener("keydown", (e) => {
    if (e.key === "Enter") name.blur();
  });
  const create = el("button", { type: "button", "data-action": "new-scenario" }, "New scenario");
  create.addEventListener("click", () => on.create());
  const remove = el("button", { type: "button", class: "jg-danger", "data-action": "delete-scenario" }, "Delete scenario");
  remove.addEventListener("click", () => on.remove());

  const group = (...children) => {
    const g = el("span", { class: "jg-whatif-group" });
    g.append(...children);
    return g;
  };
  const key = el("span", { class: "jg-whatif-key", "aria-hidden": "true" });
  key.append(el("span", { class: "jg-key-line jg-key-scenario" }), el("span", {}, "Scenario"),
    el("span", { class: "jg-key-line jg-key-baseline" }), el("span", {}, "Baseline"));
  const problem = el("p", { class: "jg-whatif-problem", role: "alert", hidden: true });
  root.append(badge, group(pickLabel, pick), group(nameLabel, name), group(create, remove), key, problem);

  const update = ({ scenarios, current, saved, readonly, problem: trouble }) => {
    pick.replaceChildren();
    const list = saved ? scenarios : [...scenarios, current];
    for (const s of list) {
      const o = el("option", { value: s.id }, s.name || s.id);
      o.selected = s.id === current.id;
      pick.append(o);
    }
    if (root.getRootNode().activeElement !== name) name.value = current.name ?? "";
    name.readOnly = readonly;
    create.hidden = remove.hidden = readonly;
    remove.disabled = !saved;
    problem.hidden = !trouble;
    problem.textContent = trouble ? `This scenario cannot be applied: ${trouble.message}` : "";
  };
  return { root, update, name };
}

/** Redraws `section` with `fill`, keeping keyboard focus on the same control (or its nearest neighbour). */
function redraw(section, fill) {
  const active = section.getRootNode().activeElement;
  const focusKey = section.contains(active) ? active.dataset.focus : null;
  section.replaceChildren();
  try {
    fill();
  } finally {
    if (focusKey) refocus(section, focusKey);
  }
}

function refocus(section, key) {
  const [kind, n] = key.split("-");
  const all = [...section.querySelectorAll(`[data-focus^="${kind}"]`)];
  const target = section.querySelector(`[data-focus="${key}"]`) ?? all[Math.min(Number(n) || 0, all.length - 1)] ?? section.querySelector("[data-focus]");
  target?.focus();
}

/**
 * Renders the opportunities strip into `section`: which touchpoint to fix
 * first and what it gains, best first. ctx: { opportunities (best first,
 * each with `current`, its emotion now) or null, delta (the emotion step
 * they were ranked by), problem (why there are none), readonly, showAll,
 * toggleAll(), add(opportunity), rules (analysis.rules: what the model
 * assumes), file (the shown journey's view, for its observed volume),
 * openSettings() (shows the sensitivity setting) }.
 */
export function renderOpportunities(section, ctx) {
  redraw(section, () => {
    const head = el("div", { class: "jg-opps-head" });
    head.append(el("h3", { id: "jg-opps-title" }, "Fix first"));
    head.append(el("p", { class: "jg-hint" }, `What raising one touchpoint's emotion by ${signed(ctx.delta ?? 0.5)} would gain in this scenario, best first.`));
    section.append(head);
    if (ctx.problem) {
      section.append(el("p", { class: "jg-hint jg-whatif-warn" }, `No opportunities: ${ctx.problem.message}`));
      return;
    }
    if (ctx.pending) {
      section.append(el("p", { class: "jg-hint", role: "status" }, "Calculating the opportunities\u2026"));
      return;
    }
    const useful = (ctx.opportunities ?? []).filter((o) => o.successGain > 5e-5 || o.meanFeltGain > 5e-5);
    if (useful.length > TOP_OPPORTUNITIES) {
      const more = el("button", { type: "button", class: "jg-link", "data-focus": "more", "aria-expanded": String(Boolean(ctx.showAll)) },
        ctx.showAll ? `Show the top ${TOP_OPPORTUNITIES}` : `Show all ${useful.length}`);
      more.addEventListener("click", () => ctx.toggleAll());
      head.append(more);
    }
    if (ctx.opportunities && !ctx.opportunities.length) {
      // The core ranks only touchpoints with a rated emotion: none is claimed from an emotion nobody rated.
      section.append(el("p", { class: "jg-hint", "data-reason": "unrated" }, "No opportunities yet: no touchpoint has a rated emotion, and none is claimed from an emotion nobody rated. Rate how customers feel at the touchpoints to see which one to fix first."));
      return;
    }
    if (!useful.length) {
      section.append(el("p", { class: "jg-hint" }, "Nothing left to gain: every touchpoint that matters is as positive as it can be."));
      return;
    }
    const shown = ctx.showAll ? useful : useful.slice(0, TOP_OPPORTUNITIES);
    const volume = volumeOf(ctx.file);
    const list = el("ol", { class: "jg-opps", "aria-labelledby": "jg-opps-title" });
    shown.forEach((o, i) => {
      const li = el("li", { class: "jg-opp", "data-touchpoint": o.touchpoint });
      const top = el("span", { class: "jg-opp-top" });
      top.append(el("span", { class: "jg-opp-rank", "aria-hidden": "true" }, String(i + 1)), el("span", { class: "jg-opp-name", title: o.name }, o.name));
      li.append(top);
      li.append(el("span", { class: "jg-opp-gain" }, gainText(o)));
      if (o.reach !== undefined) li.append(el("span", { class: "jg-opp-why", "data-role": "why" }, opportunityWhy(o, ctx.rules, volume)));
      const fix = o.current === undefined ? `emotion to ${signed(o.emotion)}` : `emotion ${signed(o.current)} → ${signed(o.emotion)}`;
      li.append(el("span", { class: "jg-opp-fix" }, fix));
      if (!ctx.readonly) {
        const add = el("button", {
          type: "button", class: "jg-opp-add", "data-focus": `add-${i}`,
          "aria-label": `Add to scenario: ${o.name}, ${fix}`,
        }, "Add to scenario");
        add.addEventListener("click", () => ctx.add(o));
        li.append(add);
      }
      list.append(li);
    });
    section.append(list, assumptions(ctx.rules, ctx.openSettings, ctx.readonly));
  });
}

/**
 * Renders the scenario's changes (each removable) into `section`, above
 * the inspector. ctx: { scenario, base (the baseline file), readonly,
 * open (list shown; else only its summary line), toggled(open), removeChange(index),
 * moves (Journey.explain() of the scenario, an Error, or null: not computed
 * on the page), rules, openSettings() }.
 */
export function renderChanges(section, ctx) {
  redraw(section, () => {
    const changes = ctx.scenario.changes ?? [];
    const details = el("details", { class: "jg-changes-box" });
    details.open = ctx.open;
    details.addEventListener("toggle", () => ctx.toggled?.(details.open));
    const count = changes.length === 1 ? "1 change" : `${changes.length} changes`;
    const summary = el("summary", {}, `${count} in “${ctx.scenario.name || ctx.scenario.id}”`);
    details.append(summary);
    details.append(el("p", { class: "jg-hint" }, "Edits now change this scenario, not the journey: emotion, impact and dropout, transitions, adding and deleting touchpoints."));
    if (!changes.length) {
      details.append(el("p", { class: "jg-hint" }, "No changes yet. Select a touchpoint and move its sliders, or add a fix from “Fix first”."));
    } else {
      const list = el("ul", { class: "jg-list jg-changes" });
      changes.forEach((c, i) => {
        const text = describeChange(c, ctx.base, changes);
        const li = el("li");
        li.append(el("span", { class: "jg-change-text" }, text));
        if (!ctx.readonly) {
          const rm = el("button", { type: "button", "data-focus": `remove-${i}`, "aria-label": `Remove change: ${text}` }, "Remove");
          rm.addEventListener("click", () => ctx.removeChange(i));
          li.append(rm);
        }
        list.append(li);
      });
      details.append(list);
      if (ctx.moves) details.append(renderMoves(ctx.moves, ctx.rules, volumeOf(ctx.base), ctx.openSettings, ctx.readonly));
    }
    section.append(details);
  });
}

