// Types of events.js: the events <journey-map> dispatches (composed and
// bubbling, so a listener on the element, an ancestor or the document hears
// them). Importing this module's types also teaches TypeScript the event
// names: el.addEventListener("journey-change", (e) => e.detail.json).
import type { Edit } from "../journeygraph.js";

/** Why the journey changed. */
/** "remote": a change made elsewhere (a collaborator, another tab), through replace(). */
export type JourneyChangeReason = "edit" | "undo" | "redo" | "load" | "scenario" | "remote" | "restore";

export interface JourneyChangeDetail {
  /** The journey's canonical file text after the change (what to save). */
  json: string;
  /** The edit applied (reason "edit"), otherwise null. */
  edit: Edit | null;
  reason: JourneyChangeReason;
  /** Whether this edit joins the previous one's undo step (a slider drag). */
  continues?: boolean;
}

export interface JourneyErrorDetail {
  /**
   * What was refused or failed. Errors from the core are `JourneyError`s
   * (see the package's main types) with a `code` ("parse", "schema",
   * "invalid_edit", …) and a JSON-pointer `path`.
   */
  error: Error & { code?: string; path?: string };
  /** What the element was doing, in words ("open this journey"). */
  action: string;
}

/** The journey changed (an edit, an undo, a redo, a new journey). */
export declare class JourneyChangeEvent extends CustomEvent<JourneyChangeDetail> {
  constructor(detail: JourneyChangeDetail);
}

/** Something was refused or failed; the open journey is unchanged. */
export declare class JourneyErrorEvent extends CustomEvent<JourneyErrorDetail> {
  constructor(detail: JourneyErrorDetail);
}

declare global {
  interface HTMLElementEventMap {
    "journey-change": JourneyChangeEvent;
    "journey-error": JourneyErrorEvent;
  }
  interface DocumentEventMap {
    "journey-change": JourneyChangeEvent;
    "journey-error": JourneyErrorEvent;
  }
}
