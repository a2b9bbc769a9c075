// The journey library's storage: any number of journeys kept in this
// browser, in IndexedDB (the browser's API, no wrapper), behind a small
// interface that a later store (a Yjs document per journey, persisted with
// y-indexeddb) can replace without the app noticing:
//
//   const store = await openStore();          // memoryStore() where IndexedDB is refused
//   await store.list();                       // live entries, last edited first
//   await store.list({ deleted: true });      // recently deleted, last deleted first
//   await store.get(id);                      // {...entry, json} or null
//   const id = store.fresh();                 // an id for a new journey
//   await store.put(id, { json, title, stages, touchpoints }); // create or save; edited = now
//   await store.put(id, content, { unlessChangedElsewhere: true }); // rejects (ChangedElsewhereError) if another tab saved it since
//   await store.rename(id, title);            // the entry's and its text's title
//   await store.duplicate(id, { title });     // a new entry with the same text, retitled
//   await store.remove(id);                   // soft: into "recently deleted"
//   await store.restore(id);                  // back from there
//   await store.purge(id);                    // gone for good, its versions too
//   await store.addVersion(id, { json, title, stages, touchpoints, name, kind }); // a version of journey id
//   await store.versions(id);                 // its versions, newest first, without their text
//   await store.version(key);                 // one version, with its text (json)
//
// An entry (what the library lists) is small:
//   { id, title, stages, touchpoints, bytes, created, edited, deleted }
// with times in milliseconds since the epoch and `deleted` null unless the
// entry is deleted. A version is a record of its own, never rewritten:
//   { key, id, at, kind, name, title, stages, touchpoints, bytes, json }
// `kind` "auto" (kept while editing, at most hourly), "named", "before"
// (the journey just before a restore) or "restored"; `name` its label. The journey's text lives apart from it, one record per
// journey, and is read only to open that journey. A save writes the one
// entry and the one text, in one transaction (both or neither): it never
// rewrites the index of the whole library, whatever its size.
//
// Every method rejects with the browser's own error (QuotaExceededError,
// InvalidStateError, …) when storage refuses, so the caller can say so.

const DB_NAME = "journeygraph";
const DB_VERSION = 2;
const ENTRIES = "entries";
const TEXTS = "texts";
const VERSIONS = "versions";
/** The kinds of version (see above). */
const KINDS = ["auto", "named", "before", "restored"];

/** A new entry id: random, 122 bits (a UUID where the page has randomUUID). */
export function newId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * `json` with its top-level title set to `title`: the library's rename
 * and duplicate of a journey that is not open (the open one is renamed
 * through the editor, as an edit). Every other field is kept as it is.
 */
export function retitled(json, title) {
  const file = JSON.parse(json);
  if (!file || typeof file !== "object" || Array.isArray(file)) throw new TypeError("not a journey file");
  file.title = title;
  return JSON.stringify(file, null, 2);
}

const request = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});

/** Resolves when `tx` commits; rejects with its error when it aborts. */
const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error ?? new DOMException("The browser did not save the journey.", "AbortError"));
});

const byEdited = (a, b) => b.edited - a.edited || (a.id < b.id ? -1 : 1);
const byDeleted = (a, b) => b.deleted - a.deleted || (a.id < b.id ? -1 : 1);

/** The entry for `json` and its summary, keeping `created` (and `deleted`) of `was`. */
function entryOf(id, { json, title, stages, touchpoints }, was, now) {
  return {
    id,
    title: String(title ?? ""),
    stages: Number(stages) || 0,
    touchpoints: Number(touchpoints) || 0,
    bytes: json.length,
    created: was?.created ?? now,
    edited: now,
    deleted: was?.deleted ?? null,
  };
}

/** The version record for journey `id` (without its key: the store numbers it), checked. */
function versionOf(id, { json, title, stages, touchpoints, name = null, kind = "named" }, at) {
  if (typeof json !== "string") throw new TypeError("a version needs the journey's text");
  if (!KINDS.includes(kind)) throw new TypeError(`a version's kind is one of ${KINDS.join(", ")}`);
  return {
    id, at, kind,
    name: name === null || name === undefined ? null : String(name).slice(0, 200),
    title: String(title ?? ""),
    stages: Number(stages) || 0,
    touchpoints: Number(touchpoints) || 0,
    bytes: json.length,
    json,
  };
}

/** A version as listed: everything but its text. */
const listed = ({ json, ...rest }) => rest;
const byAt = (a, b) => b.at - a.at || b.key - a.key;

/** The library in IndexedDB. */
class IndexedDbStore {
  /** Whether what is stored outlives the page (the migration needs that). */
  durable = true;
  #db;
  /** Entries as last read or written here, by id. */
  #seen = new Map();
  /** When each journey was last saved as this page read or wrote it (not as a listing saw it): put()'s guard. */
  #base = new Map();
  /** Ids handed out by fresh(), not yet saved. */
  #fresh = new Set();
  /** The last time handed out: times are increasing, so "last edited" orders every save. */
  #last = 0;

  constructor(db) {
    this.#db = db;
  }

  #now() {
    this.#last = Math.max(Date.now(), this.#last + 1);
    return this.#last;
  }

  /**
   * Runs `work(stores)` in one transaction over `names`; resolves to its
   * result once committed. When `work` is synchronous (a save), every
   * request and the commit are issued before this returns: a save made as
   * the page is hidden or closed is in the browser's hands before the page
   * goes, and transactions run in the order they were made.
   */
  #tx(names, mode, work) {
    const tx = this.#db.transaction(names, mode);
    const done = committed(tx);
    const stores = Object.fromEntries(names.map((n) => [n, tx.objectStore(n)]));
    const commit = () => {
      if (mode === "readwrite" && typeof tx.commit === "function") {
        try { tx.commit(); } catch { /* committing already */ }
      }
    };
    const fail = (error) => {
      try { tx.abort(); } catch { /* already finished */ }
      done.catch(() => {});
      throw error;
    };
    let result;
    try {
      result = work(stores);
    } catch (error) {
      return Promise.reject(error).catch(fail);
    }
    if (!(result instanceof Promise)) {
      commit();
      return done.then(() => result);
    }
    return result.then((value) => {
      commit();
      return done.then(() => value);
    }, fail);
  }

  /** Remembers what an entry was, so that a save of it needs no read first. */
  #see(entry) {
    if (entry) this.#seen.set(entry.id, entry);
    return entry;
  }

  async list({ deleted = false } = {}) {
    const all = await this.#tx([ENTRIES], "readonly", (s) => request(s[ENTRIES].getAll()));
    for (const e of all) this.#see(e);
    return deleted ? all.filter((e) => e.deleted !== null).sort(byDeleted) : all.filter((e) => e.deleted === null).sort(byEdited);
  }

  async get(id) {
    return this.#tx([ENTRIES, TEXTS], "readonly", async (s) => {
      const [entry, text] = await Promise.all([request(s[ENTRIES].get(id)), request(s[TEXTS].get(id))]);
      this.#see(entry);
      if (entry) this.#base.set(id, entry.edited);
      return entry && text ? { ...entry, json: text.json } : null;
    });
  }

  /**
   * Saves a journey's text and summary (creating the entry if it is new).
   * The journey open in the app has been read or made through this store,
   * so its entry is known: the save is then two writes and nothing else.
   */
  put(id, content, { unlessChangedElsewhere = false } = {}) {
    const write = (s, was) => {
      const entry = entryOf(id, content, was, this.#now());
      s[ENTRIES].put(entry);
      s[TEXTS].put({ id, json: content.json });
      this.#fresh.delete(id);
      this.#base.set(id, entry.edited);
      return this.#see(entry);
    };
    if (unlessChangedElsewhere && this.#base.has(id)) {
      // Saved elsewhere (another tab) since this page read or wrote it: refuse, so that neither is lost.
      const mine = this.#base.get(id);
      return this.#tx([ENTRIES, TEXTS], "readwrite", async (s) => {
        const was = await request(s[ENTRIES].get(id));
        if (was && was.edited !== mine) throw changedElsewhere(id);
        return write(s, was);
      });
    }
    if (this.#seen.has(id) || this.#fresh.has(id)) return this.#tx([ENTRIES, TEXTS], "readwrite", (s) => write(s, this.#seen.get(id)));
    return this.#tx([ENTRIES, TEXTS], "readwrite", async (s) => write(s, await request(s[ENTRIES].get(id))));
  }

  /** An id this store made (newId through create()): known to be new, so its first save needs no read either. */
  fresh() {
    const id = newId();
    this.#fresh.add(id);
    return id;
  }

  async rename(id, title) {
    return this.#tx([ENTRIES, TEXTS], "readwrite", async (s) => {
      const [was, text] = await Promise.all([request(s[ENTRIES].get(id)), request(s[TEXTS].get(id))]);
      if (!was || !text) throw notFound(id);
      const json = retitled(text.json, title);
      const entry = { ...was, title, bytes: json.length, edited: this.#now() };
      s[ENTRIES].put(entry);
      s[TEXTS].put({ id, json });
      return this.#see(entry);
    });
  }

  async duplicate(id, { title } = {}) {
    return this.#tx([ENTRIES, TEXTS], "readwrite", async (s) => {
      const [was, text] = await Promise.all([request(s[ENTRIES].get(id)), request(s[TEXTS].get(id))]);
      if (!was || !text) throw notFound(id);
      const copy = newId();
      const json = title === undefined ? text.json : retitled(text.json, title);
      const entry = entryOf(copy, { ...was, json, title: title ?? was.title }, null, this.#now());
      s[ENTRIES].put(entry);
      s[TEXTS].put({ id: copy, json });
      return this.#see(entry);
    });
  }

  async remove(id) {
    return this.#mark(id, () => this.#now());
  }

  async restore(id) {
    return this.#mark(id, () => null);
  }

  async #mark(id, deleted) {
    return this.#tx([ENTRIES], "readwrite", async (s) => {
      const was = await request(s[ENTRIES].get(id));
      if (!was) throw notFound(id);
      const entry = { ...was, deleted: deleted() };
      s[ENTRIES].put(entry);
      return this.#see(entry);
    });
  }

  async purge(id) {
    this.#seen.delete(id);
    await this.#tx([ENTRIES, TEXTS, VERSIONS], "readwrite", async (s) => {
      s[ENTRIES].delete(id);
      s[TEXTS].delete(id);
      const keys = await request(s[VERSIONS].index("journey").getAllKeys(IDBKeyRange.only(id)));
      for (const key of keys) s[VERSIONS].delete(key);
    });
  }

  /** Keeps a version of journey `id`; resolves to it as listed (with its key). */
  addVersion(id, content) {
    const record = versionOf(id, content, this.#now());
    return this.#tx([VERSIONS], "readwrite", async (s) => {
      const key = await request(s[VERSIONS].add(record));
      return listed({ ...record, key });
    });
  }

  /** Journey `id`'s versions, newest first, without their text. */
  async versions(id) {
    const all = await this.#tx([VERSIONS], "readonly", (s) => request(s[VERSIONS].index("journey").getAll(IDBKeyRange.only(id))));
    return all.map(listed).sort(byAt);
  }

  /** One version with its text, or null. */
  async version(key) {
    return (await this.#tx([VERSIONS], "readonly", (s) => request(s[VERSIONS].get(key)))) ?? null;
  }

  close() {
    this.#db.close();
  }
}

function changedElsewhere(id) {
  return Object.assign(new Error(`The journey ${id} was saved in another tab meanwhile.`), { name: "ChangedElsewhereError" });
}

function notFound(id) {
  return Object.assign(new Error(`There is no journey ${id} in the library.`), { name: "NotFoundError" });
}

/**
 * Opens the library in this browser's IndexedDB (creating it on first
 * use). Rejects where the browser refuses IndexedDB (some private modes,
 * a policy, a full disk); the app then keeps journeys in a memoryStore()
 * for the session and says that they are not saved.
 */
export async function openStore({ name = DB_NAME, indexedDB = globalThis.indexedDB } = {}) {
  if (!indexedDB) throw Object.assign(new Error("This browser has no IndexedDB."), { name: "NotSupportedError" });
  const open = indexedDB.open(name, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: "id" });
    if (!db.objectStoreNames.contains(TEXTS)) db.createObjectStore(TEXTS, { keyPath: "id" });
    if (!db.objectStoreNames.contains(VERSIONS)) {
      db.createObjectStore(VERSIONS, { keyPath: "key", autoIncrement: true }).createIndex("journey", "id");
    }
  };
  const db = await request(open);
  // A later version of the app, opened in another tab, upgrades the
  // database: let it (this tab's next save then fails and says so).
  db.onversionchange = () => db.close();
  return new IndexedDbStore(db);
}

/** The same interface in memory, for a session where the browser refuses storage: nothing outlives the page. */
export function memoryStore() {
  const entries = new Map();
  const texts = new Map();
  const versions = [];
  let keys = 0;
  let last = 0;
  const now = () => (last = Math.max(Date.now(), last + 1));
  const need = (id) => {
    if (!entries.has(id)) throw notFound(id);
    return entries.get(id);
  };
  return {
    durable: false,
    fresh: () => newId(),
    async list({ deleted = false } = {}) {
      const all = [...entries.values()].map((e) => ({ ...e }));
      return deleted ? all.filter((e) => e.deleted !== null).sort(byDeleted) : all.filter((e) => e.deleted === null).sort(byEdited);
    },
    async get(id) {
      return entries.has(id) ? { ...entries.get(id), json: texts.get(id) } : null;
    },
    async put(id, content) {
      const entry = entryOf(id, content, entries.get(id), now());
      entries.set(id, entry);
      texts.set(id, content.json);
      return { ...entry };
    },
    async rename(id, title) {
      const json = retitled(texts.get(id) ?? "", title);
      const entry = { ...need(id), title, bytes: json.length, edited: now() };
      entries.set(id, entry);
      texts.set(id, json);
      return { ...entry };
    },
    async duplicate(id, { title } = {}) {
      const was = need(id);
      const json = title === undefined ? texts.get(id) : retitled(texts.get(id), title);
      const copy = newId();
      const entry = entryOf(copy, { ...was, json, title: title ?? was.title }, null, now());
      entries.set(copy, entry);
      texts.set(copy, json);
      return { ...entry };
    },
    async remove(id) {
      const entry = { ...need(id), deleted: now() };
      entries.set(id, entry);
      return { ...entry };
    },
    async restore(id) {
      const entry = { ...need(id), deleted: null };
      entries.set(id, entry);
      return { ...entry };
    },
    async purge(id) {
      entries.delete(id);
      texts.delete(id);
      for (let i = versions.length - 1; i >= 0; i -= 1) if (versions[i].id === id) versions.splice(i, 1);
    },
    async addVersion(id, content) {
      const record = { ...versionOf(id, content, now()), key: (keys += 1) };
      versions.push(record);
      return listed(record);
    },
    async versions(id) {
      return versions.filter((v) => v.id === id).map(listed).sort(byAt);
    },
    async version(key) {
      const v = versions.find((r) => r.key === key);
      return v ? { ...v } : null;
    },
    close() {},
  };
}
