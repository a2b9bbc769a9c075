// Binds a journey (a <journey-map> or a core `Journey`) to a Y.Doc: every
// local edit becomes one Yjs transaction of what it changed (ydoc.js
// writeFile, origin: this binding), and every change from elsewhere (a
// collaborator through any provider, another tab, an undo) is read back,
// repaired (ydoc.js readDoc), checked (guard.js) and given to the core,
// keeping the selection. Undo and Redo go through a Y.UndoManager that
// tracks only this binding's origin: a collaborator's edit never enters
// your undo stack.
//
//   import { bindJourney } from "journeygraph/collab";
//   const binding = bindJourney(document.querySelector("journey-map"), ydoc);
//   binding.diagnostics;   // what the last merge repaired or refused
//   binding.destroy();

import * as Y from "yjs";
import { readDoc, writeFile, seedDoc, isEmpty, sections } from "./ydoc.js";
import { admissible } from "./guard.js";

/**
 * How long edits in a row make one undo step, binding a Journey. Binding a
 * <journey-map>, its own steps decide (journey-change's `continues`).
 */
const CAPTURE_MS = 400;

/** Whether `target` is a <journey-map> (not a core Journey). */
const isElement = (target) => typeof target?.addEventListener === "function" && "journey" in target && typeof target.replace === "function";

export class JourneyBinding {
  /** The origin of this binding's transactions (what its UndoManager tracks). */
  origin = { binding: "journeygraph" };
  /** What the last reading of the document repaired or refused: [{code, path, message}]. */
  diagnostics = [];
  #target;
  #doc;
  #prefix;
  #Journey;
  #keys = null;
  /** The core's journey file as last written or taken in: what the next local edit is compared with. */
  #core = null;
  /** The text last given to or read from the core, to skip what changes nothing. */
  #text = null;
  #applying = false;
  #scheduled = false;
  #undo = null;
  #history = null;
  #onDiagnostics;
  #listeners = [];
  #destroyed = false;
  /** A step of a drag not yet written to the document (its newest text), or null. */
  #later = null;

  /**
   * `target`: a <journey-map> (with a journey) or a `Journey`. Options:
   * `prefix` of the document's shared types ("journeygraph"); `seed`:
   * whether an empty document is filled from the target (true) or the
   * target waits for the document (false: joining a room); `undo`: false
   * leaves Undo to the core; `onDiagnostics(list)`.
   */
  constructor(target, doc, { prefix = "journeygraph", seed = true, undo = true, onDiagnostics = () => {} } = {}) {
    this.#target = target;
    this.#doc = doc;
    this.#prefix = prefix;
    this.#onDiagnostics = onDiagnostics;
    const journey = isElement(target) ? target.journey : target;
    if (!journey) throw Object.assign(new Error("bindJourney needs a <journey-map> with a journey, or a Journey."), { code: "schema", path: "" });
    this.#Journey = journey.constructor;
    // The element's own steps from before it was bound (edits made while the document was opening).
    const before = isElement(target) && undo ? stepsOf(journey) : [];
    this.#core = JSON.parse(journey.toJSON());
    if (isEmpty(doc, prefix)) {
      if (seed) seedDoc(doc, this.#core, { origin: { seed: true }, prefix });
    } else {
      this.#pull("remote", { unlessSame: true });
    }
    const s = sections(doc, prefix);
    // Those steps stay undoable, if the document took the journey as it is:
    // the document goes back to before the first (untracked), and each step
    // is written again as one step of this binding's UndoManager. The
    // journey itself never changes meanwhile.
    const replay = before.length > 1 && journey.toJSON() === before.at(-1);
    if (replay) this.#write(before[0], { replay: true });
    if (undo) {
      this.#undo = new Y.UndoManager(Object.values(s), { trackedOrigins: new Set([this.origin]), captureTimeout: isElement(target) ? 3600e3 : CAPTURE_MS });
      if (replay) {
        for (const text of before.slice(1)) {
          this.#undo.stopCapturing();
          this.#write(text);
        }
        this.#undo.stopCapturing();
      }
      if (isElement(target)) target.history = this.history;
    }
    const onTransaction = (tr) => {
      if (tr.origin === this.origin || tr.origin?.replay || this.#destroyed) return;
      // changedParentTypes holds every type above a changed one: the sections themselves.
      const ours = Object.values(s);
      if (![...tr.changed.keys(), ...tr.changedParentTypes.keys()].some((type) => ours.includes(type))) return;
      this.#schedule(tr.origin === this.#undo ? "undo" : "remote");
    };
    doc.on("afterTransaction", onTransaction);
    this.#listeners.push(() => doc.off("afterTransaction", onTransaction));
    if (isElement(target)) {
      const onChange = (e) => {
        if (this.#applying) {
          this.#core = JSON.parse(e.detail.json);
          return;
        }
        // The steps of a drag after its first (one undo step of the element's
        // own history) are written in a task of their own, the newest only:
        // the slider's handler does not wait on the document, and a step
        // another one replaced before it was written costs nothing.
        if (e.detail.continues) {
          this.#writeSoon(e.detail.json);
          return;
        }
        this.#writeNow();
        // One undo step per step of the element's own history (a drag is one).
        this.#undo?.stopCapturing();
        this.#write(e.detail.json);
      };
      target.addEventListener("journey-change", onChange);
      this.#listeners.push(() => target.removeEventListener("journey-change", onChange));
    }
  }

  /** Undo and Redo of this person's edits only (what <journey-map> uses once bound). */
  get history() {
    const um = this.#undo;
    if (!um) return null;
    this.#history ??= {
      undo: () => this.undo(),
      redo: () => this.redo(),
      get canUndo() { return um.undoStack.length > 0; },
      get canRedo() { return um.redoStack.length > 0; },
      subscribe: (fn) => {
        const events = ["stack-item-added", "stack-item-popped", "stack-cleared"];
        for (const e of events) um.on(e, fn);
        return () => events.forEach((e) => um.off(e, fn));
      },
    };
    return this.#history;
  }

  /** The core Journey bound. */
  get journey() {
    return isElement(this.#target) ? this.#target.journey : this.#target;
  }

  /**
   * Applies one core edit (see the package's `Edit` type) and writes it to
   * the document as one transaction; returns whether the core applied it.
   * Binding a <journey-map>, its own edits are written without this.
   */
  apply(edit) {
    this.#writeNow();
    this.#flush();
    if (isElement(this.#target)) return this.#target.edit(edit);
    if (!this.#target.apply(edit)) return false;
    this.commit();
    return true;
  }

  /** Writes what the bound Journey now holds (changed by other means than apply()) to the document. */
  commit() {
    this.#later = null; // the journey as it is now holds it
    this.#write(this.journey.toJSON());
  }

  /** Undoes this person's last edit; the journey shows it at once (not in a microtask). */
  undo() {
    this.#writeNow(); // a drag's last step is undone with the rest of it
    const done = this.#undo ? this.#undo.undo() !== null : false;
    this.#flush();
    return done;
  }

  redo() {
    this.#writeNow();
    const done = this.#undo ? this.#undo.redo() !== null : false;
    this.#flush();
    return done;
  }

  /** The document's journey as repaired text, this peer's view of it ({text, diagnostics}). */
  read() {
    this.#writeNow();
    const { file, diagnostics } = readDoc(this.#doc, this.#prefix);
    return admissible(this.#Journey, file, diagnostics);
  }

  destroy() {
    this.#writeNow();
    this.#destroyed = true;
    for (const off of this.#listeners.splice(0)) off();
    if (isElement(this.#target) && this.#target.history === this.history) this.#target.history = null;
    this.#undo?.destroy();
  }

  #writeSoon(text) {
    const first = this.#later === null;
    this.#later = text;
    if (first) setTimeout(() => this.#writeNow(), 0);
  }

  /** Writes the drag's step still waiting, if one is: before anything reads or changes the document. */
  #writeNow() {
    if (this.#later === null) return;
    const text = this.#later;
    this.#later = null;
    this.#write(text);
  }

  #write(text, origin = this.origin) {
    if (this.#destroyed) return;
    this.#text = null;
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return;
    }
    if (!this.#keys) this.#keys = readDoc(this.#doc, this.#prefix).keys;
    // writeFile keeps #keys up to date with the keys it gives new ids (a
    // whole readDoc per edit cost a slider step on 1,000 cards ~15 ms).
    writeFile(this.#doc, file, { prev: this.#core, origin, prefix: this.#prefix, keys: this.#keys });
    this.#core = file;
  }

  /** Takes in now what came from elsewhere and waits for its microtask, so that an edit applies to the newest journey. */
  #flush() {
    if (!this.#scheduled || this.#destroyed) return;
    const why = this.#scheduled;
    this.#scheduled = false;
    this.#pull(why);
  }

  /** Takes in changes from elsewhere once per task (a provider applies several at once). */
  #schedule(reason) {
    if (this.#scheduled) return;
    this.#scheduled = reason;
    queueMicrotask(() => this.#flush());
  }

  #pull(reason, { unlessSame = false } = {}) {
    // This peer's waiting step goes in first: what comes from elsewhere merges with it.
    this.#writeNow();
    const { file, diagnostics, keys } = readDoc(this.#doc, this.#prefix);
    this.#keys = keys;
    let text = JSON.stringify(file);
    if (unlessSame && this.#same(text)) {
      this.#text = text;
      return;
    }
    if (text !== this.#text && !this.#replace(text, reason)) {
      // Something in it the core refuses (a hostile or broken peer): take
      // in the rest. Nothing is thrown; the journey stays workable.
      const checked = admissible(this.#Journey, file, diagnostics);
      text = checked.text ?? null;
      if (text !== null && text !== this.#text) this.#replace(text, reason);
    }
    this.#text = text ?? this.#text;
    this.diagnostics = diagnostics;
    if (diagnostics.length) this.#onDiagnostics(diagnostics);
  }

  /** Whether journey text `text` is what the core holds (opening a journey whose document matches changes nothing). */
  #same(text) {
    let j = null;
    try {
      j = this.#Journey.fromJSON(text);
      return JSON.stringify(JSON.parse(j.toJSON())) === JSON.stringify(this.#core);
    } catch {
      return false;
    } finally {
      j?.free();
    }
  }

  /** Gives `text` to the core; false when it refuses (then nothing changed). */
  #replace(text, reason) {
    this.#applying = true;
    try {
      if (isElement(this.#target)) return this.#target.replace(text, { reason, quiet: true });
      this.#target.replaceFromJSON(text);
      this.#core = JSON.parse(this.#target.toJSON());
      return true;
    } catch {
      return false;
    } finally {
      this.#applying = false;
    }
  }
}

/** At most this many of an element's steps from before binding stay undoable. */
const MAX_BEFORE = 200;

/**
 * The texts of `journey` before each step of its own undo history, oldest
 * first, then its text now; the journey ends as it was.
 */
function stepsOf(journey) {
  const texts = [journey.toJSON()];
  let undone = 0;
  try {
    while (journey.canUndo && undone < MAX_BEFORE && journey.undo()) {
      undone += 1;
      texts.unshift(journey.toJSON());
    }
  } finally {
    for (let i = 0; i < undone; i += 1) journey.redo();
  }
  return texts;
}

/** Binds `target` (a <journey-map> or a Journey) to `doc`; see JourneyBinding. */
export function bindJourney(target, doc, options) {
  return new JourneyBinding(target, doc, options);
}

export { readDoc, writeFile, seedDoc, isEmpty } from "./ydoc.js";
export { admissible } from "./guard.js";
