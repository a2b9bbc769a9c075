// The participant's page (rate.html#<room>): a phone opens the shared
// journey of the room on the wall, shows the stage the wall shows and
// rates each of its touchpoints with five faces. No engine here (nothing
// is computed on the phone): the journey is read from the Yjs document
// (../collab/ydoc.js), the ratings written beside it (../collab/room.js).
// tools/minify.mjs bundles this file with yjs and y-websocket into
// target/app/rate/index.js.

import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { readDoc, isEmpty } from "../collab/ydoc.js";
import { openRoom, FACES } from "../collab/room.js";
import { h } from "../element/dom.js";
import { svg } from "../element/map/svg.js";
import { face } from "../element/map/emotion.js";

const NAME_KEY = "journeygraph:name";
const ID_KEY = "journeygraph:participant";
const $ = (id) => document.getElementById(id);

/** A value kept in this browser, made once by `make()` (or made anew each time where storage is refused). */
function kept(key, make) {
  try {
    let v = localStorage.getItem(key);
    if (!v) {
      v = make();
      localStorage.setItem(key, v);
    }
    return v;
  } catch {
    return make();
  }
}

const randomId = () => [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
const me = { id: kept(ID_KEY, randomId), name: kept(NAME_KEY, () => `Guest ${100 + Math.floor(Math.random() * 900)}`) };

const status = (text, state = "") => {
  $("jr-status").textContent = text;
  $("jr-status").dataset.state = state;
};

function faceButton(tp, f, chosen, rate) {
  const b = h("button", {
    type: "button", role: "radio", class: "jr-face", "data-face": f.face, "aria-checked": String(chosen === f.face),
    "aria-label": `${f.name} (${f.face} of 5) for \u201c${tp.name}\u201d`, tabindex: chosen === f.face || (chosen === null && f.face === 3) ? "0" : "-1",
  });
  const icon = svg("svg", { viewBox: "-12 -12 24 24", "aria-hidden": "true", focusable: "false" });
  face(icon, f.emotion, 0, 0, 11);
  b.append(icon, h("span", {}, f.name));
  b.addEventListener("click", () => rate(tp, f));
  return b;
}

/** One touchpoint with its five faces (a radio group: arrow keys move between the faces). */
function card(tp, chosen, rate) {
  const li = h("li", { class: "jr-card", "data-id": tp.id });
  const title = h("h3", { id: `jr-tp-${tp.id}` }, tp.name);
  const group = h("div", { class: "jr-faces", role: "radiogroup", "aria-labelledby": `jr-tp-${tp.id}` });
  for (const f of FACES) group.append(faceButton(tp, f, chosen, rate));
  group.addEventListener("keydown", (e) => {
    const by = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
    if (!by) return;
    e.preventDefault();
    const at = Number(e.target.closest(".jr-face")?.dataset.face ?? 3);
    const next = FACES[Math.max(0, Math.min(4, at - 1 + by))];
    rate(tp, next);
    group.querySelector(`[data-face="${next.face}"]`)?.focus();
  });
  li.append(title, group);
  return li;
}

function start() {
  const room = /^#([0-9a-f]{32,64})$/.exec(location.hash)?.[1];
  if (!room) {
    $("jr-title").textContent = "No journey in this link";
    status("This page needs the room link the facilitator shows on the wall (it ends in # and a long code).", "offline");
    return;
  }
  const doc = new Y.Doc();
  const ratings = openRoom(doc, { me });
  const name = $("jr-name");
  name.value = me.name;
  name.addEventListener("change", () => {
    me.name = name.value.trim().slice(0, 80) || me.name;
    name.value = me.name;
    try {
      localStorage.setItem(NAME_KEY, me.name);
    } catch {
      // Kept for this page only.
    }
  });

  let frame = 0;
  /** What the list shows (the stage and its touchpoints), to know when it must be drawn anew. */
  let shown = "";
  const rate = (tp, f) => {
    if (!ratings.rate(tp.id, f.face)) return;
    $("jr-thanks").textContent = `Thanks: \u201c${tp.name}\u201d rated ${f.name.toLowerCase()}.`;
  };
  const render = () => {
    frame = 0;
    if (isEmpty(doc)) return;
    const { file } = readDoc(doc);
    $("jr-title").textContent = file.title || "Untitled journey";
    document.title = `Rate \u201c${file.title || "the journey"}\u201d \u00b7 journeygraph`;
    const onWall = ratings.stage();
    const index = file.stages.findIndex((s) => s.id === onWall);
    const stages = index >= 0 ? [file.stages[index]] : file.stages;
    $("jr-stage").hidden = false;
    $("jr-stage-title").textContent = index >= 0 ? `Stage ${index + 1} of ${file.stages.length}: ${file.stages[index].name}` : "The whole journey";
    $("jr-hint").textContent = index >= 0
      ? "How does each of these feel to you? Tap a face; tap another to change it. The wall moves on, and so does this page."
      : "The wall shows no stage just now: rate any touchpoint. When the facilitator opens a stage, this page follows.";
    // Others' ratings change the document too: when what is shown is the
    // same, only this person's faces are brought up to date, in place, so a
    // tap under way is never lost to a list drawn anew.
    const shape = JSON.stringify([stages.map((st) => st.id), file.touchpoints.filter((t) => stages.some((st) => st.id === t.stage)).map((t) => [t.id, t.name, t.stage])]);
    if (shape === shown) {
      for (const li of $("jr-list").querySelectorAll(".jr-card")) {
        const chosen = ratings.mine(li.dataset.id);
        for (const b of li.querySelectorAll(".jr-face")) {
          const face = Number(b.dataset.face);
          b.setAttribute("aria-checked", String(chosen === face));
          b.tabIndex = chosen === face || (chosen === null && face === 3) ? 0 : -1;
        }
      }
      return;
    }
    shown = shape;
    const focused = document.activeElement?.closest?.(".jr-card") ? [document.activeElement.closest(".jr-card").dataset.id, document.activeElement.dataset.face] : null;
    const items = [];
    for (const stage of stages) {
      const tps = file.touchpoints.filter((t) => t.stage === stage.id);
      if (stages.length > 1) items.push(h("li", { class: "jr-group" }, stage.name));
      for (const tp of tps) items.push(card(tp, ratings.mine(tp.id), rate));
      if (!tps.length && stages.length === 1) items.push(h("li", { class: "jr-hint" }, "No touchpoints in this stage."));
    }
    $("jr-list").replaceChildren(...items);
    if (focused) $("jr-list").querySelector(`.jr-card[data-id="${CSS.escape(focused[0])}"] [data-face="${focused[1]}"]`)?.focus();
  };
  doc.on("update", () => {
    frame ||= requestAnimationFrame(render);
  });

  fetch("./collab.json")
    .then((r) => r.json())
    .catch(() => ({}))
    .then((config) => {
      const url = config.sync ?? `ws://${location.hostname}:1234`;
      const provider = new WebsocketProvider(url, room, doc);
      provider.awareness.setLocalStateField("user", { name: me.name, color: "#495057", role: "participant" });
      provider.on("status", (e) => {
        if (e.status === "connected") status("Live: your ratings reach the wall as you give them.");
        else if (e.status === "disconnected") status("Offline: your ratings are sent when the connection is back.", "offline");
      });
      provider.on("sync", (synced) => {
        if (synced && isEmpty(doc)) status("The room has no journey yet: the facilitator has to share it first.", "offline");
      });
    });
}

start();
