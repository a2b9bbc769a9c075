// The events <journey-map> dispatches: composed and bubbling, so an app
// hears them from outside the shadow root, with a typed class each.

/** The journey changed (an edit, an undo, a redo, a new journey). */
export class JourneyChangeEvent extends CustomEvent {
  /**
   * @param {{ json: string, edit: object | null, reason: "edit" | "undo" | "redo" | "load" | "scenario" }} detail
   */
  constructor(detail) {
    super("journey-change", { detail, bubbles: true, composed: true });
  }
}

/** Something was refused or failed; the open journey is unchanged. */
export class JourneyErrorEvent extends CustomEvent {
  /** @param {{ error: Error & { code?: string, path?: string }, action: string }} detail */
  constructor(detail) {
    super("journey-error", { detail, bubbles: true, composed: true });
  }
}
