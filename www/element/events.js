// The events <journey-map> dispatches: composed and bubbling, so an app
// hears them from outside the shadow root, with a typed class each.
//
// Where there is no CustomEvent (a server runtime without the DOM's event
// classes) the classes extend an empty one, so that importing this module
// never throws; nothing dispatches them there.
const EventBase = globalThis.CustomEvent ?? class {};

/** The journey changed (an edit, an undo, a redo, a new journey). */
export class JourneyChangeEvent extends EventBase {
  /**
   * @param {{ json: string, edit: object | null, reason: "edit" | "undo" | "redo" | "load" | "scenario" }} detail
   */
  constructor(detail) {
    super("journey-change", { detail, bubbles: true, composed: true });
  }
}

/** Something was refused or failed; the open journey is unchanged. */
export class JourneyErrorEvent extends EventBase {
  /** @param {{ error: Error & { code?: string, path?: string }, action: string }} detail */
  constructor(detail) {
    super("journey-error", { detail, bubbles: true, composed: true });
  }
}
