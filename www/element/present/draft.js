// The wall's what-if (present/index.js): emotions tried on touchpoints
// (touchpoint id → emotion), never the baseline's. Its journey is the
// core's: journey.withScenario(draft.scenario(file)); "Keep as scenario"
// saves it into the journey through the element's public edit(), one
// undoable step, as any scenario.
//
//   const draft = new Draft();
//   draft.try(id, 0.4, baseEmotion);          // a value equal to the baseline's leaves the draft
//   draft.changes(file);                      // [{touchpoint, emotion}] in journey order
//   draft.keep(host);                         // the scenario's name when it was kept, else null

export class Draft extends Map {
  /** The scenario this draft was kept as ({id, name, json}), or null. */
  kept = null;

  /** Sets `id`'s emotion to `value`, or takes it out when that is the baseline's `base`. */
  try(id, value, base) {
    if (Math.abs(value - base) < 1e-9) this.delete(id);
    else this.set(id, value);
  }

  /** Forgets every change and the scenario it was kept as. */
  reset() {
    this.clear();
    this.kept = null;
  }

  /** Follows the baseline `base` ({file, emotions}): touchpoints gone leave the draft, a kept scenario gone is forgotten. */
  follow(base) {
    for (const id of [...this.keys()]) if (!base.emotions.has(id)) this.delete(id);
    if (this.kept && !(base.file.scenarios ?? []).some((s) => s.id === this.kept.id)) this.kept = null;
  }

  /** The changes in the journey's order of touchpoints. */
  changes(file) {
    return file.touchpoints.filter((t) => this.has(t.id)).map((t) => ({ touchpoint: t.id, emotion: this.get(t.id) }));
  }

  /** The draft as a scenario for journey.withScenario. */
  scenario(file) {
    return { id: this.kept?.id ?? "workshop", name: "Workshop what-if", changes: this.changes(file) };
  }

  /** Whether the draft is the scenario it was last kept as. */
  saved(file) {
    return Boolean(this.kept) && this.kept.json === JSON.stringify(this.changes(file));
  }

  /**
   * Keeps the draft as a scenario of `host`'s journey (the one it was kept
   * as, while that exists; else "Workshop what-if k"): returns the
   * scenario's name, or null when the edit was refused (the element said why).
   */
  keep(host, file) {
    const taken = new Set((host.journey.toObject().scenarios ?? []).map((s) => s.id));
    let record = this.kept && taken.has(this.kept.id) ? this.kept : null;
    if (!record) {
      let k = 1;
      while (taken.has(`workshop-${k}`)) k += 1;
      record = { id: `workshop-${k}`, name: `Workshop what-if ${k}` };
    }
    const scenario = { id: record.id, name: record.name, changes: this.changes(file) };
    if (!host.edit({ op: "putScenario", scenario })) return null;
    this.kept = { id: record.id, name: record.name, json: JSON.stringify(scenario.changes) };
    return record.name;
  }
}
