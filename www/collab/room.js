// The room takes part (SPEC section 9): participants rate the touchpoints
// of the stage on the wall with five faces, from their phones, and the
// wall shows the ratings as they arrive. Both live in the journey's Y.Doc,
// beside the journey (never in it: a rating is not an edit, so nobody's
// undo takes one back):
//
//   <p>.room     Y.Map  stage: the id of the stage on the wall (null: none)
//   <p>.ratings  Y.Map  "<by>|<touchpoint>" → {touchpoint, face, who, by, at}
//
// One rating per person and touchpoint: rating again replaces it. `by` is
// the participant's id (random, kept in their browser), `who` the name
// they gave; the facilitator can review the ratings and remove any.
//
//   import { openRoom, FACES } from "journeygraph/collab";
//   const room = openRoom(doc, { me: { id, name } });
//   room.rate("checkout", 4);
//   room.tally().get("checkout")   // {count: 1, counts: [0, 0, 0, 1, 0], mean: 0.5}
//
// What a peer wrote is read defensively: a rating with a face that is not
// 1 to 5 or with no touchpoint is left out, never thrown over.

/**
 * The five faces, worst to best, with the emotion each stands for: a face
 * f is the emotion (f − 3) / 2, so 1 is −1, 3 neutral and 5 is +1 (the
 * same scale as a Mermaid journey's score, 3 + 2 × emotion).
 */
export const FACES = Object.freeze([
  { face: 1, emotion: -1, name: "Very bad", symbol: "\u{1F61E}" },
  { face: 2, emotion: -0.5, name: "Bad", symbol: "\u{1F641}" },
  { face: 3, emotion: 0, name: "Neutral", symbol: "\u{1F610}" },
  { face: 4, emotion: 0.5, name: "Good", symbol: "\u{1F642}" },
  { face: 5, emotion: 1, name: "Very good", symbol: "\u{1F600}" },
]);

/** The emotion a face (1 to 5) stands for. */
export const faceEmotion = (face) => (face - 3) / 2;

const MAX_NAME = 80;
const isFace = (f) => Number.isInteger(f) && f >= 1 && f <= 5;
const text = (v, max) => (typeof v === "string" ? v.slice(0, max) : "");

/** A rating as read from the document, or null when a peer wrote something that is not one. */
function readRating(key, value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const touchpoint = text(value.touchpoint, 500);
  if (!touchpoint || !isFace(value.face)) return null;
  return {
    key,
    touchpoint,
    face: value.face,
    who: text(value.who, MAX_NAME).trim() || "Someone",
    by: text(value.by, 100),
    at: Number.isFinite(value.at) ? value.at : 0,
  };
}

/**
 * The room of the journey in `doc`. `me`: {id, name}, the person rating
 * from here (a participant's phone); the wall needs none.
 */
export function openRoom(doc, { prefix = "journeygraph", me = null } = {}) {
  const state = doc.getMap(`${prefix}.room`);
  const ratings = doc.getMap(`${prefix}.ratings`);
  const keyOf = (touchpoint) => `${me?.id ?? ""}|${touchpoint}`;

  const room = {
    /** The id of the stage on the wall, or null. */
    stage() {
      const s = state.get("stage");
      return typeof s === "string" && s ? s : null;
    },
    /** The wall shows stage `id` (null: none, or the whole journey). */
    setStage(id) {
      const next = typeof id === "string" && id ? id : null;
      if (room.stage() !== next) state.set("stage", next);
    },
    /** Rates touchpoint `id` with a face from 1 to 5 (again: replaces this person's rating); false if it cannot. */
    rate(touchpoint, face) {
      if (!me?.id || typeof touchpoint !== "string" || !touchpoint || !isFace(face)) return false;
      ratings.set(keyOf(touchpoint), { touchpoint, face, who: text(me.name, MAX_NAME), by: me.id, at: Date.now() });
      return true;
    },
    /** This person's face for touchpoint `id`, or null. */
    mine(touchpoint) {
      return readRating(keyOf(touchpoint), ratings.get(keyOf(touchpoint)))?.face ?? null;
    },
    /** Every rating, oldest first: [{key, touchpoint, face, who, by, at}]. */
    ratings() {
      const list = [];
      for (const [key, value] of ratings.entries()) {
        const r = readRating(key, value);
        if (r) list.push(r);
      }
      return list.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    /** Touchpoint id → {count, counts (how many gave each face, 1 to 5), mean (as an emotion, −1 to 1)}. */
    tally() {
      const out = new Map();
      for (const r of room.ratings()) {
        const t = out.get(r.touchpoint) ?? { count: 0, counts: [0, 0, 0, 0, 0], mean: 0 };
        t.count += 1;
        t.counts[r.face - 1] += 1;
        out.set(r.touchpoint, t);
      }
      for (const t of out.values()) t.mean = t.counts.reduce((s, n, i) => s + n * faceEmotion(i + 1), 0) / t.count;
      return out;
    },
    /** Removes the rating `key` (review by the facilitator). */
    remove(key) {
      ratings.delete(key);
    },
    /** Removes every rating of touchpoint `id` (or all, without one). */
    clear(touchpoint = null) {
      doc.transact(() => {
        for (const r of room.ratings()) if (touchpoint === null || r.touchpoint === touchpoint) ratings.delete(r.key);
      });
    },
    /** Calls `fn()` after any change of the stage or the ratings, by anyone; returns the function that stops it. */
    observe(fn) {
      const call = () => fn();
      state.observe(call);
      ratings.observe(call);
      return () => {
        state.unobserve(call);
        ratings.unobserve(call);
      };
    },
  };
  return room;
}
