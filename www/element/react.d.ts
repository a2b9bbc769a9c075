// Types of "journeygraph/react": <journey-map> in React 19's JSX. Types
// only (react.js is empty); load them once, from any file of the app:
//
//   import type {} from "journeygraph/react";
//
// Kept out of journey-map.d.ts on purpose: augmenting "react" where React's
// types are not installed is an error (TS2664) for every consumer who does
// not use React. Only an app that imports this entry needs @types/react.
//
// React 19 gives a custom element's props to the element as properties when
// the element has them (journey, readonly, scenario), as attributes
// otherwise (theme, mode), and adds a listener for each `on` + event name
// prop: "onjourney-change" listens to journey-change.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { Journey, JourneyFile } from "../journeygraph.js";
import type { JourneyMapElement } from "./journey-map.js";
import type { JourneyChangeEvent, JourneyErrorEvent } from "./events.js";

/** The props of <journey-map> in JSX. */
export interface JourneyMapProps extends DetailedHTMLProps<HTMLAttributes<JourneyMapElement>, JourneyMapElement> {
  /** A Journey (the app keeps ownership and frees it), journeygraph JSON text or a parsed file object. */
  journey?: Journey | string | JourneyFile;
  /** Shows the journey without editing controls. */
  readonly?: boolean;
  /** "dark" or "contrast"; any other value is a hook for the page's own styles. */
  theme?: string;
  /** "present" opens the workshop projector view. */
  mode?: string;
  /** What-if mode: the id of the scenario shown and edited, or null for the baseline. */
  scenario?: string | null;
  /** The journey changed (an edit, an undo, a redo, a new journey). */
  "onjourney-change"?: (event: JourneyChangeEvent) => void;
  /** Something was refused or failed; the open journey is unchanged. */
  "onjourney-error"?: (event: JourneyErrorEvent) => void;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "journey-map": JourneyMapProps;
    }
  }
}
