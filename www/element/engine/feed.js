// One figures bar's supply of figures (the editor's, the baseline's in
// What-if mode, the wall's in workshop mode): asks engine/client.js for the
// figures of a journey and hands on what arrives later. Asking again for
// the same journey keeps the run already under way, so a baseline that
// does not change during a slider drag is simulated once, not restarted at
// every step.
//
//   const feed = new FiguresFeed((figures) => draw(figures));
//   const now = feed.request(journey, { json, file, delta });

import { requestFigures, newChannel, releaseChannel, generation } from "./client.js";

export class FiguresFeed {
  /** What is known of the figures asked for last (see requestFigures), or null. */
  figures = null;
  #channel = newChannel("figures");
  #key = null;
  #update;

  constructor(update) {
    this.#update = update;
  }

  /** The figures of `journey` now (complete, or pending with `update` to come). */
  request(journey, { json = null, file = null, delta = null } = {}) {
    const text = json ?? journey.toJSON();
    const key = `${generation}|${delta}|${text}`;
    if (key === this.#key && this.figures) return this.figures;
    this.#key = key;
    this.figures = requestFigures(this.#channel, journey, { json: text, file, delta }, (figures) => {
      this.figures = figures;
      this.#update(figures);
    });
    return this.figures;
  }

  /** Forgets the journey asked for (after the engine was replaced, or when the bar is gone). */
  reset() {
    releaseChannel(this.#channel);
    this.#key = null;
    this.figures = null;
  }
}
