// Types of journey-map.js: the <journey-map> element class. Importing it
// registers nothing; `define(tag)` or the "journeygraph/define" entry does.
import type { Edit, Journey, JourneyFile } from "../journeygraph.js";
import "./events.js";

/** Customers simulated for the figures bar. */
export declare const SIMULATED_CUSTOMERS: number;
/** How far an opportunity raises a touchpoint's emotion. */
export declare const OPPORTUNITY_DELTA: number;

export interface EditOptions {
  /** Edits with the same key in a row (a slider drag) become one undo step. */
  coalesce?: string;
  /** Ends a coalescing run. */
  commit?: boolean;
  /** Keeps the inspector as it is while the edit redraws the map. */
  live?: boolean;
}

/** An undo history kept outside the core (see JourneyMapElement.history). */
export interface JourneyHistory {
  undo(): boolean;
  redo(): boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Calls `onChange` when canUndo or canRedo may have changed; returns how to stop. */
  subscribe?(onChange: () => void): () => void;
}

/**
 * Renders and (unless `readonly`) edits a customer journey.
 *
 * Attributes: `readonly`, `theme`, `mode`. Events: `journey-change`,
 * `journey-error` (see events.d.ts). Styling: `--jg-*` custom properties
 * and `::part(...)`; the package's custom-elements.json lists them.
 */
/** A collaborator on a card (see JourneyMapElement.presence). */
export interface CardPresence {
  /** The touchpoint's id. */
  touchpoint: string;
  /** Their name, shown on the card's tag (at most 40 characters). */
  name: string;
  /** A CSS colour (hex, a name, rgb() or hsl()); anything else is drawn grey. */
  color?: string;
}

/**
 * The room in workshop mode: participants' phones rate the touchpoints of
 * the stage on the wall with five faces (journeygraph/collab's openRoom
 * gives one from a Y.Doc; add `link`, the page they open).
 */
export interface WallRoom {
  /** The participants' page for this room, shown on the wall; null until the room is open. */
  readonly link?: string | null;
  /** Opens the room (the app shares the journey); the wall offers it while there is no link. */
  start?(): void | Promise<void>;
  setStage(id: string | null): void;
  ratings(): ReadonlyArray<{ key: string; touchpoint: string; face: number; who: string; by: string; at: number }>;
  tally(): ReadonlyMap<string, { count: number; counts: readonly number[]; mean: number }>;
  remove(key: string): void;
  /** Calls `fn` after any change; returns the function that stops it. */
  observe(fn: () => void): () => void;
}

export declare class JourneyMapElement extends HTMLElement {
  static observedAttributes: string[];
  /**
   * The Journey shown, or null before one is set and loaded. Set a
   * `Journey` (the caller keeps ownership and frees it), journeygraph JSON
   * text or a parsed file object (the element owns what it parses and frees
   * it when removed). Invalid input keeps the journey shown and dispatches
   * journey-error.
   */
  get journey(): Journey | null;
  set journey(value: Journey | string | JourneyFile);
  /** Mirrors the `readonly` attribute. */
  get readonly(): boolean;
  set readonly(on: boolean);
  /** What-if mode: the id of the scenario shown and edited, or null for the baseline. */
  get scenario(): string | null;
  set scenario(id: string | null);
  /** Applies one edit as one undo step; false (and journey-error) when refused. */
  edit(edit: Edit, options?: EditOptions): boolean;
  /** Undoes the last edit; returns whether there was one. */
  undo(): boolean;
  /** Redoes the last undone edit; returns whether there was one. */
  redo(): boolean;
  /** Selects a touchpoint by id (null for the journey panel). */
  select(id: string | null): void;
  /** The id of the selected touchpoint, or null. */
  get selected(): string | null;
  /**
   * Who else is on which card (live collaboration): each named card gets an
   * outline in the colour and a tag with the name; its accessible name says
   * it too. Set it again when it changes; [] clears it.
   */
  get presence(): ReadonlyArray<CardPresence>;
  set presence(people: ReadonlyArray<CardPresence>);
  /**
   * The persona (its id in the journey's `personas`) whose journey the map,
   * figures and panel show, or null for everyone (the journey as drawn).
   * Setting one leaves What-if; `jg-persona-change` says when it changes.
   */
  get persona(): string | null;
  set persona(id: string | null);
  /** The room whose ratings workshop mode shows (null: none). */
  get room(): WallRoom | null;
  set room(room: WallRoom | null);
  /**
   * The history Undo and Redo use instead of the core's (journeygraph/collab
   * sets one that holds only this person's edits); null for the core's.
   */
  get history(): JourneyHistory | null;
  set history(history: JourneyHistory | null);
  /**
   * Replaces the journey's content in place, keeping the selection and
   * What-if mode (a change made elsewhere); false, changing nothing, when
   * the core refuses it. journey-change says `reason` ("remote" by default;
   * "restore" for an earlier version of this journey brought back).
   */
  replace(json: string | JourneyFile, options?: { reason?: "remote" | "undo" | "redo" | "restore"; quiet?: boolean }): boolean;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(): void;
}

/**
 * Registers the element under `tag` (default "journey-map") and returns the
 * class registered (a subclass per tag); an already registered tag returns
 * what it has. Where there is no `customElements` (Node, server-side
 * rendering) it registers nothing and returns JourneyMapElement itself.
 */
export declare function define(tag?: string): typeof JourneyMapElement;
