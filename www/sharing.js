// The app's side of shared journeys: which journey is open as a Yjs
// document, the Share button and link, and who is here (in words, with
// colours as a second cue). The Yjs parts (share/index.js, bundled with
// yjs) load on first use: after the first map is drawn, never before.

const ROOMS_KEY = "journeygraph:rooms";
/** The most touchpoints a journey may have to be a live document (tabs, Share). */
const MAX_LIVE = 2000;
/** A share link: #share=<room>, the room 128 random bits in hex. */
const LINK = /^#share=([0-9a-f]{32,64})$/;

const $ = (id) => document.getElementById(id);
/** How long a journey opened from its link waits for the sync server before saying that it does not answer. */
const JOIN_WAIT_MS = 6000;

/** The rooms this browser's journeys are shared in, by library id. */
const rooms = {
  all() {
    try {
      return JSON.parse(localStorage.getItem(ROOMS_KEY) ?? "{}") ?? {};
    } catch {
      return {};
    }
  },
  get(id) {
    return rooms.all()[id] ?? null;
  },
  set(id, room) {
    try {
      localStorage.setItem(ROOMS_KEY, JSON.stringify({ ...rooms.all(), [id]: room }));
    } catch {
      // Not kept: the journey stays shared while this page is open.
    }
  },
  delete(id) {
    try {
      const all = rooms.all();
      delete all[id];
      localStorage.setItem(ROOMS_KEY, JSON.stringify(all));
    } catch {
      // Nothing kept to forget.
    }
  },
};

/** The room a share link in the address names, or null. */
export function linkedRoom() {
  return LINK.exec(location.hash)?.[1] ?? null;
}

/** The library id a journey opened from a link is kept under. */
export const sharedId = (room) => `shared-${room}`;

const linkOf = (room) => `${location.origin}${location.pathname}#share=${room}`;
/** The participants' page of a room (rate.html beside the app): phones rate the stage on the wall. */
const rateLinkOf = (room) => `${location.origin}${location.pathname.replace(/[^/]*$/, "")}rate.html#${room}`;

/**
 * Sharing for the app: `open(id, {joining})` binds the journey just shown
 * to its document (and its room, once shared); `close()` before another
 * journey opens. `say(text)` shows a message; `enabled`: false where the
 * browser refuses IndexedDB.
 */
export function createSharing(editor, { say, enabled = true }) {
  let session = null;
  let module = null;
  let syncUrl = null;
  let token = 0;
  const button = $("jg-share");
  const panel = $("jg-share-panel");
  const link = $("jg-share-link");
  const people = $("jg-presence");

  const load = async () => {
    if (!module) {
      // After the first map is painted: nothing of this is in the start payload.
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      module = await import("./share/index.js");
    }
    return module;
  };
  /** Where the sync server is (asked of the app's server only when a journey is shared). */
  const syncOf = async () => {
    if (syncUrl === null) {
      const config = await fetch("./collab.json").then((r) => r.json()).catch(() => ({}));
      syncUrl = config.sync ?? `ws://${location.hostname}:1234`;
    }
    return syncUrl;
  };

  const showPresence = (list) => {
    const file = editor.journey?.toObject();
    const nameOf = (id) => file?.touchpoints.find((t) => t.id === id)?.name ?? id;
    const items = list.sort((a, b) => Number(b.you) - Number(a.you) || (a.name < b.name ? -1 : 1)).map((p) => {
      const li = document.createElement("li");
      const dot = document.createElement("span");
      dot.className = "jg-presence-dot";
      dot.style.background = p.color;
      dot.setAttribute("aria-hidden", "true");
      const text = document.createElement("span");
      text.textContent = `${p.name}${p.you ? " (you)" : ""}: ${p.selected ? `on “${nameOf(p.selected)}”` : "no card selected"}`;
      li.append(dot, text);
      return li;
    });
    people.replaceChildren(...items);
    people.hidden = items.length === 0;
    // On the map too: each other person's card, outlined in their colour with their name.
    editor.presence = list.filter((p) => !p.you && p.selected).map((p) => ({ touchpoint: p.selected, name: p.name, color: p.color }));
  };

  const showShared = (room) => {
    link.value = linkOf(room);
    panel.hidden = false;
    button.textContent = "Shared";
    button.setAttribute("aria-expanded", "true");
  };

  // Joining from a link: whether the room's journey has arrived yet, and
  // the timer that says so when the sync server does not answer.
  let waiting = null;
  let arrived = false;
  const unreachable = () => `The sync server (${syncUrl}) does not answer, so the shared journey cannot be shown yet. It keeps trying, and the link stays valid.`;
  const status = (s) => {
    if (s === "synced") {
      arrived = true;
      if (waiting) clearTimeout(waiting.timer);
      waiting = null;
    }
    panel.dataset.status = waiting?.late && s !== "connected" ? "unreachable" : s;
    $("jg-share-status").textContent = panel.dataset.status === "unreachable" ? unreachable()
      : s === "connected" || s === "synced" ? "Live: edits are shared as you make them." : s === "disconnected" ? "Offline: your edits are kept and shared when the connection is back." : "Connecting…";
  };
  /** Says, after JOIN_WAIT_MS without the room's journey, that the server does not answer. */
  const expectRoom = (mine) => {
    waiting = { late: false, timer: setTimeout(() => {
      if (mine !== token || !waiting || arrived) return;
      waiting.late = true;
      status("unreachable");
      say(unreachable());
    }, JOIN_WAIT_MS) };
  };

  async function open(id, { joining = false } = {}) {
    close();
    const mine = ++token;
    arrived = false;
    // A very large journey (an import of thousands of pages) stays out of
    // Yjs for now: writing it into a document would hold the page for seconds.
    // Without IndexedDB (refused: the banner says so) there is no document to keep either.
    if (!enabled || ((editor.journey?.touchpointCount ?? 0) > MAX_LIVE && !joining)) {
      document.body.dataset.collab = "off";
      return;
    }
    const room = joining ? joining : rooms.get(id);
    try {
      const m = await load();
      const url = room ? await syncOf() : null;
      if (mine !== token) return;
      const s = await m.attach(editor, {
        id, room, syncUrl: url, joining: Boolean(joining),
        onDiagnostics: (list) => say(list.map((d) => d.message).join(" ")),
        onPresence: showPresence, onStatus: status,
      });
      if (mine !== token) {
        s.destroy();
        return;
      }
      session = { id, s, room };
      editor.room = wallRoom(m, s);
      if (joining) expectRoom(mine);
      if (room) {
        rooms.set(id, room);
        showShared(room);
      }
      document.body.dataset.collab = "ready";
    } catch (error) {
      // IndexedDB refused (the banner says so already): the journey works, without live tabs.
      console.warn("journeygraph: the shared document could not be opened", error);
      document.body.dataset.collab = "off";
    }
  }

  function close() {
    token += 1;
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    session?.s.destroy();
    session = null;
    editor.room = null;
    panel.hidden = true;
    people.hidden = true;
    people.replaceChildren();
    editor.presence = [];
    button.textContent = "Share";
    button.setAttribute("aria-expanded", "false");
    delete document.body.dataset.collab;
  }

  /** Shares the open journey in a new room (once). */
  async function shareNow() {
    if (!session) return;
    if (!session.room) {
      const m = await load();
      session.room = m.newRoom();
      rooms.set(session.id, session.room);
      session.s.share(session.room, await syncOf());
      // The wall shows the participants' link now.
      editor.room = editor.room;
    }
    showShared(session.room);
  }

  /** The open journey's room for workshop mode: its ratings, and the phones' link once shared. */
  function wallRoom(m, s) {
    const room = m.openRoom(s.doc);
    const mine = session;
    Object.defineProperty(room, "link", { get: () => (mine.room ? rateLinkOf(mine.room) : null), enumerable: true });
    room.start = shareNow;
    return room;
  }

  button.addEventListener("click", async () => {
    await shareNow();
    if (session) link.select();
  });
  $("jg-share-copy").addEventListener("click", () => {
    navigator.clipboard?.writeText(link.value).then(() => say("The share link is copied."), () => link.select());
  });

  /** Renames a journey that is not open in its document too (the library's text alone would be overwritten by it when opened). */
  async function retitle(id, title) {
    try {
      const m = await load();
      const room = rooms.get(id);
      await m.retitle(id, title, { syncUrl: room ? await syncOf() : null, room });
    } catch (error) {
      console.warn("journeygraph: the shared document could not be renamed", error);
    }
  }

  /**
   * Forgets journey `id`'s document in this browser (its y-indexeddb
   * database) when the journey is deleted for good; a room it was shared
   * in keeps its copy on the server for the others.
   */
  async function forget(id) {
    if (session?.id === id) close();
    rooms.delete(id);
    await new Promise((done) => {
      const r = indexedDB.deleteDatabase(`journeygraph:y:${id}`);
      r.onsuccess = r.onerror = r.onblocked = () => done();
    });
  }

  return { open, close, retitle, forget, get session() { return session?.s ?? null; }, rooms };
}
