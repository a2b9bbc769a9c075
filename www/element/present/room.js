// The room on the wall (SPEC section 9): what the participants' phones
// rated, as it arrives. The element's `room` property (set by the app, or
// by an embedder with journeygraph/collab's openRoom) is the source:
//   { link, start?(), setStage(id), ratings(), tally(), remove(key), observe(fn) }
// Each touchpoint of the stage on the wall shows its count, distribution
// and mean; the side panel holds the invitation, "adopt the room's mean"
// (as a what-if, or in the baseline) and the review of who rated what.
// Only builds elements and calls back; text goes in through textContent.

import { h } from "../dom.js";
import { fixed } from "./view.js";

/** The five faces' names, worst first (as journeygraph/collab's FACES). */
const FACE_NAMES = ["very bad", "bad", "neutral", "good", "very good"];
const ratingsWord = (n) => (n === 1 ? "1 rating" : `${n} ratings`);

function button(label, onClick, attrs = {}) {
  const b = h("button", { type: "button", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** The room's tally (touchpoint id → {count, counts, mean}), or null without a room; never throws. */
export function roomTally(room) {
  if (!room || typeof room.tally !== "function") return null;
  try {
    return room.tally();
  } catch {
    return null;
  }
}

/** A touchpoint's ratings in words: "5 ratings: 1 very bad, …; mean +0.30". */
export function tallyWords(t) {
  const parts = t.counts.map((n, i) => `${n} ${FACE_NAMES[i]}`).join(", ");
  return `${ratingsWord(t.count)}: ${parts}; mean ${fixed(t.mean)}`;
}

/** The line a tile on the wall gets: five bars (how many gave each face) and the count and mean. */
export function tallyLine(t) {
  const line = h("span", { class: "jgp-room-line", "data-count": t.count, "data-mean": t.mean.toFixed(4) });
  const bars = h("span", { class: "jgp-room-bars", "aria-hidden": "true" });
  const most = Math.max(1, ...t.counts);
  t.counts.forEach((n, i) => {
    const bar = h("span", { class: `jgp-room-bar jgp-room-f${i + 1}`, title: `${n} ${FACE_NAMES[i]}` });
    bar.style.setProperty("--n", String(n / most));
    bars.append(bar);
  });
  line.append(bars, h("span", { class: "jgp-room-text" }, `${ratingsWord(t.count)} \u00b7 room mean ${fixed(t.mean)}`));
  // The bars are drawn only; the words carry everything for a screen reader.
  line.append(h("span", { class: "jgp-sr" }, ` (${t.counts.map((n, i) => `${n} ${FACE_NAMES[i]}`).join(", ")})`));
  return line;
}

/**
 * The room's part of the side panel. ctx: { room, stage (or null),
 * touchpoints (the stage's cards), tally, names (Map id → name),
 * adopt(ids, where: "whatif" | "baseline"), readonly, reviewing (whether
 * the review is open), onReview(open) }.
 */
export function renderRoom(panel, ctx) {
  const { room, stage, touchpoints, tally } = ctx;
  if (!room) return;
  const box = h("section", { class: "jgp-room", "aria-label": "The room" });
  box.append(h("p", { class: "jgp-kicker" }, "The room"));
  const link = typeof room.link === "string" && room.link ? room.link : null;
  if (!link) {
    if (typeof room.start === "function") {
      box.append(button("Let the room rate on their phones", () => room.start(), { class: "jgp-primary", "data-action": "room-start" }));
      box.append(h("p", { class: "jgp-hint" }, "This shares the journey: anyone with the link can rate, and edit in the editor."));
    }
  } else {
    box.append(h("p", { class: "jgp-hint" }, "Rate on your phone:"));
    box.append(h("p", { class: "jgp-room-link", "data-link": link }, link));
  }
  const rated = stage ? touchpoints.filter((tp) => tally?.get(tp.id)?.count) : [];
  const everyone = new Set();
  for (const r of safeRatings(room)) everyone.add(r.by || r.who);
  if (link || everyone.size) box.append(h("p", { class: "jgp-room-count", role: "status" }, everyone.size === 1 ? "1 person has rated" : `${everyone.size} people have rated`));
  if (rated.length) {
    const row = h("div", { class: "jgp-row" });
    row.append(button(rated.length === 1 ? "Try the room's mean" : "Try the room's means", () => ctx.adopt(rated.map((tp) => tp.id), "whatif"), { "data-action": "room-whatif" }));
    if (!ctx.readonly) row.append(button("Adopt in the baseline", () => ctx.adopt(rated.map((tp) => tp.id), "baseline"), { "data-action": "room-adopt" }));
    box.append(row);
    const details = review(room, new Set(touchpoints.map((tp) => tp.id)), ctx.names);
    details.open = Boolean(ctx.reviewing);
    details.addEventListener("toggle", () => ctx.onReview?.(details.open));
    box.append(details);
  }
  panel.append(box);
}

function safeRatings(room) {
  try {
    return typeof room.ratings === "function" ? room.ratings() : [];
  } catch {
    return [];
  }
}

/** Who rated what in this stage, each with Remove (the facilitator's review). */
function review(room, ids, names) {
  const list = safeRatings(room).filter((r) => ids.has(r.touchpoint));
  const details = h("details", { class: "jgp-room-review" });
  details.append(h("summary", {}, `Review the ${ratingsWord(list.length)}`));
  const ul = h("ul");
  for (const r of list) {
    const li = h("li", { "data-key": r.key });
    li.append(h("span", {}, `${r.who}: ${FACE_NAMES[r.face - 1]} for \u201c${names.get(r.touchpoint) ?? r.touchpoint}\u201d `));
    li.append(button("Remove", () => room.remove(r.key), { "data-action": "room-remove", "aria-label": `Remove ${r.who}'s rating of \u201c${names.get(r.touchpoint) ?? r.touchpoint}\u201d` }));
    ul.append(li);
  }
  details.append(ul);
  return details;
}

/** The emotion the room's ratings give touchpoint `id` (its mean, to two decimals), or null. */
export function roomMean(tally, id) {
  const t = tally?.get(id);
  return t?.count ? Math.round(t.mean * 100) / 100 : null;
}

/**
 * The edits that make the room's means (`means`: [[id, mean]]) the
 * baseline's emotions in `file`, each marked measured, with where and when.
 */
export function adoptEdits(file, means, tally) {
  const day = new Date().toISOString().slice(0, 10);
  return means.map(([id, m]) => {
    const tp = file.touchpoints.find((t) => t.id === id);
    const source = `Workshop room, ${tally.get(id).count} ratings, ${day}`;
    return { op: "updateTouchpoint", touchpoint: { ...tp, emotion: m, basis: { ...(tp.basis ?? {}), emotion: { measured: true, source } } } };
  });
}

/**
 * The room the wall watches: `onChange()` on the next frame after any
 * rating or stage change by anyone; `tell(stageId)` the stage the phones
 * follow; `stop()` when the wall closes (the phones show the whole journey).
 */
export class RoomWatch {
  room = null;
  #off = null;
  #frame = 0;
  #onChange;
  #fail;

  constructor(onChange, fail) {
    this.#onChange = onChange;
    this.#fail = fail;
  }

  watch(room) {
    if (room === this.room) return;
    this.stop();
    this.room = room;
    try {
      this.#off = room?.observe?.(() => {
        cancelAnimationFrame(this.#frame);
        this.#frame = requestAnimationFrame(() => this.#onChange());
      }) ?? null;
    } catch (error) {
      this.#fail(error, "show the room's ratings");
    }
  }

  tell(stageId) {
    try {
      this.room?.setStage?.(stageId);
    } catch {
      // A room that cannot be told: the phones show the whole journey.
    }
  }

  stop() {
    cancelAnimationFrame(this.#frame);
    this.tell(null);
    this.#off?.();
    this.#off = null;
    this.room = null;
  }
}

/**
 * The room's means as the emotions of `ids` (those the room rated and the
 * baseline `base` has): `where` "baseline" as one undoable edit of `host`'s
 * journey, marked measured (the draft gives them up first, and takes them
 * back if the edit is refused); else in the what-if `draft`. Returns what
 * to say, "" for the what-if, or null when nothing was adopted.
 */
export function adoptMeans({ room, ids, where, base, names, draft, host }) {
  const tally = roomTally(room);
  const means = ids.map((id) => [id, roomMean(tally, id)]).filter(([id, m]) => m !== null && base?.emotions.has(id));
  if (!means.length) return null;
  if (where !== "baseline") {
    for (const [id, m] of means) draft.try(id, m, base.emotions.get(id) ?? 0);
    return "";
  }
  const edits = adoptEdits(host.journey.toObject(), means, tally);
  const drafted = new Map(draft);
  for (const [id] of means) draft.delete(id);
  if (!host.edit(edits.length === 1 ? edits[0] : { op: "batch", edits })) {
    for (const [id, m] of drafted) draft.set(id, m);
    return null;
  }
  const said = means.map(([id, m]) => `${names.get(id) ?? id} ${fixed(m)}`).join(", ");
  return `The room's ${means.length === 1 ? "mean is" : "means are"} now the baseline: ${said}.`;
}
