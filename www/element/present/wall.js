// What the wall in workshop mode (present/index.js) shows, as numbers: the
// baseline (the journey's view, layout, figures and emotions) and the
// what-if (draft.js: the changes tried on the wall), whose layout and
// figures come from journey.withScenario(draft), made and freed at once.
// Both sets of figures come the same engine path as the editor's bar
// (engine/feed.js); what arrives later is taken in with take().
//
//   const wall = new Wall(host, { arrived: () => redraw(), fail });
//   wall.read(host.journey);   wall.compute();   // after each change of the journey, or of the draft
//   wall.base.file;  wall.shown.layout;  wall.draft.size;

import { FiguresFeed } from "../engine/feed.js";
import { Draft } from "./draft.js";
import { whyLines } from "./fit.js";

export class Wall {
  /** The what-if (draft.js): touchpoint id → emotion, and the scenario it was kept as. */
  draft = new Draft();
  /** The baseline: { file, layout, figures, problem, emotions }; null until there is a journey. */
  base = null;
  /** What the wall shows: the what-if's { layout, figures, problem } (the baseline's when there is no change). */
  shown = null;
  #host;
  #fail;
  /** The figures of the baseline and of the what-if, as the same engine path as the editor's bar gives them (engine/). */
  #baseFeed;
  #shownFeed;

  /** `arrived()`: figures that were pending came; `fail(error, action)` shows a problem the way the editor does. */
  constructor(host, { arrived, fail }) {
    this.#host = host;
    this.#fail = fail;
    this.#baseFeed = new FiguresFeed(arrived);
    this.#shownFeed = new FiguresFeed(arrived);
  }

  /** Reads the baseline of journey `j` again; the draft follows it (touchpoints gone leave it). */
  read(j) {
    const file = j.view();
    const figures = this.#baseFeed.request(j, { file });
    this.base = { file, layout: j.layout(), figures, problem: figures.problem, emotions: new Map(file.touchpoints.map((t) => [t.id, t.emotion])) };
    this.draft.follow(this.base);
  }

  /** The what-if's layout and figures, from a Journey made for it and freed at once. */
  compute() {
    if (!this.draft.size) {
      this.shown = this.base;
      return;
    }
    let what = null;
    try {
      what = this.#host.journey.withScenario(this.draft.scenario(this.base.file));
      const figures = this.#shownFeed.request(what, { file: this.base.file });
      this.shown = { layout: what.layout(), figures, problem: figures.problem };
    } catch (error) {
      this.draft.clear();
      this.shown = this.base;
      this.#fail(error, "try this change");
    } finally {
      what?.free();
    }
  }

  /** Takes in the figures that arrived since they were asked for. */
  take() {
    this.base.figures = this.#baseFeed.figures ?? this.base.figures;
    this.base.problem = this.base.figures?.problem ?? null;
    if (this.shown !== this.base && this.#shownFeed.figures) {
      this.shown.figures = this.#shownFeed.figures;
      this.shown.problem = this.shown.figures.problem;
    }
  }

  /** The draft's changes in journey order. */
  changes() {
    return this.draft.changes(this.base.file);
  }

  /** What the what-if moved and why, for the room (fit.js). */
  why() {
    if (!this.draft.size) return [];
    return whyLines(this.#host.journey, this.base, this.shown, this.changes());
  }
}
