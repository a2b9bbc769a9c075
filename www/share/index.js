// The app's shared journeys, loaded on first use (after the first map is
// drawn; tools/minify.mjs bundles this file with yjs and its providers into
// target/app/share/index.js). Every journey open in the app is a Yjs
// document (journeygraph/collab's binding, ../collab/):
//   - persisted in this browser with y-indexeddb;
//   - in sync with the other tabs of this browser that have it open: Yjs
//     updates over a BroadcastChannel (y-indexeddb only reads at start);
//   - once shared, in sync with everyone who has its link, through the
//     y-websocket server (tools/sync-server.mjs) and its provider, with
//     presence (y-protocols awareness): names, colours, the card selected.

import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import { bindJourney, isEmpty } from "../collab/bind.js";

export { openRoom } from "../collab/room.js";

const COLOURS = ["#c2255c", "#1971c2", "#2b8a3e", "#e8590c", "#6741d9", "#0c8599", "#5c940d", "#a61e4d"];
const NAME_KEY = "journeygraph:name";
const FROM_TABS = { tabs: true };

/** A room id: 128 random bits, as 32 hex digits. */
export function newRoom() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** This person's name in shared journeys (kept in this browser). */
export function myName() {
  try {
    let name = localStorage.getItem(NAME_KEY);
    if (!name) {
      name = `Guest ${100 + Math.floor(Math.random() * 900)}`;
      localStorage.setItem(NAME_KEY, name);
    }
    return name;
  } catch {
    return "Guest";
  }
}

/** Yjs updates between the tabs of this browser that have the document open. */
function tabs(doc, name) {
  if (typeof BroadcastChannel !== "function") return () => {};
  const channel = new BroadcastChannel(name);
  const send = (update, origin) => {
    if (origin !== FROM_TABS) channel.postMessage({ update });
  };
  channel.onmessage = (e) => {
    const { update, hello } = e.data ?? {};
    if (update) Y.applyUpdate(doc, new Uint8Array(update), FROM_TABS);
    // A tab that just opened asks for what the others have.
    if (hello) channel.postMessage({ update: Y.encodeStateAsUpdate(doc, new Uint8Array(hello)) });
  };
  doc.on("update", send);
  channel.postMessage({ hello: Y.encodeStateVector(doc) });
  return () => {
    doc.off("update", send);
    channel.close();
  };
}

/**
 * Opens journey `id` as a shared document bound to `editor`; `room`: the
 * sync server's room it is shared in, or null. Resolves to a session
 * {doc, binding, provider, share(room), presence(), destroy()}.
 */
export async function attach(editor, { id, room = null, syncUrl, joining = false, onDiagnostics = () => {}, onPresence = () => {}, onStatus = () => {} }) {
  const doc = new Y.Doc();
  const name = `journeygraph:y:${id}`;
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const offTabs = tabs(doc, name);
  // A journey opened from its link waits for the room; any other fills an empty document.
  const binding = bindJourney(editor, doc, { seed: !joining || !isEmpty(doc), onDiagnostics });
  let provider = null;
  const me = { name: myName(), color: COLOURS[doc.clientID % COLOURS.length] };
  const presence = () => {
    if (!provider) return [];
    return [...provider.awareness.getStates()].filter(([, s]) => s.user).map(([client, s]) => ({
      you: client === doc.clientID, name: String(s.user.name ?? "Someone").slice(0, 80), color: s.user.color, selected: s.selected ?? null,
    }));
  };
  const select = () => provider?.awareness.setLocalStateField("selected", editor.selected ?? null);
  const share = (r, url = syncUrl) => {
    if (provider) return provider;
    provider = new WebsocketProvider(url, r, doc, { connect: true });
    provider.awareness.setLocalStateField("user", me);
    select();
    provider.awareness.on("change", () => onPresence(presence()));
    provider.on("status", (e) => onStatus(e.status));
    provider.on("sync", (synced) => {
      if (synced && joining && binding.journey) onStatus("synced");
    });
    return provider;
  };
  if (room) share(room);
  editor.addEventListener("click", select);
  editor.addEventListener("keyup", select);
  return {
    doc,
    binding,
    get provider() { return provider; },
    me,
    share,
    presence,
    destroy() {
      editor.removeEventListener("click", select);
      editor.removeEventListener("keyup", select);
      binding.destroy();
      provider?.destroy();
      offTabs();
      persistence.destroy();
      doc.destroy();
    },
    /** Forgets this journey's document in this browser (a purge). */
    async clear() {
      await persistence.clearData();
    },
  };
}

/**
 * Sets the title in journey `id`'s document, which is not open: in this
 * browser (y-indexeddb), and in its room when it is shared. A document
 * never opened is left alone (it is filled from the library when it is).
 */
export async function retitle(id, title, { syncUrl, room = null } = {}) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`journeygraph:y:${id}`, doc);
  await persistence.whenSynced;
  try {
    if (isEmpty(doc)) return;
    doc.getMap("journeygraph.meta").set("title", title);
    if (room) {
      // Hand the change to the room, waiting a little for the connection.
      const provider = new WebsocketProvider(syncUrl, room, doc);
      await new Promise((done) => {
        const timer = setTimeout(done, 3000);
        provider.on("sync", (synced) => synced && (clearTimeout(timer), setTimeout(done, 100)));
      });
      provider.destroy();
    }
  } finally {
    await persistence.destroy();
    doc.destroy();
  }
}
