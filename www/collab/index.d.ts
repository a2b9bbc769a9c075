// Types of journeygraph/collab (index.js). yjs is a peer dependency.
import type * as Y from "yjs";
import type { Edit, Journey, JourneyFile } from "../journeygraph.js";
import type { JourneyMapElement, JourneyHistory } from "../element/journey-map.js";

/** A repair or refusal made when reading a merged document. */
export interface CollabDiagnostic {
  /** "collab_repaired" (a merge's consequence, fixed) or "collab_refused" (a value the core refuses). */
  code: "collab_repaired" | "collab_refused";
  /** JSON pointer into the journey file. */
  path: string;
  message: string;
}

export interface BindOptions {
  /** Prefix of the document's shared types (default "journeygraph"): two journeys can share one Y.Doc. */
  prefix?: string;
  /** Fill an empty document from the target (default true); false waits for the document (joining a room). */
  seed?: boolean;
  /** Undo and Redo through a Y.UndoManager of this binding's edits only (default true). */
  undo?: boolean;
  /** Called with what each reading of the document repaired or refused. */
  onDiagnostics?: (diagnostics: CollabDiagnostic[]) => void;
}

export declare class JourneyBinding {
  constructor(target: JourneyMapElement | Journey, doc: Y.Doc, options?: BindOptions);
  /** The origin of this binding's transactions. */
  readonly origin: object;
  /** What the last reading of the document repaired or refused. */
  diagnostics: CollabDiagnostic[];
  /** Undo and Redo of this person's edits only; null with `undo: false`. */
  readonly history: JourneyHistory | null;
  /** The core Journey bound. */
  readonly journey: Journey;
  /** Applies one edit and writes it to the document as one transaction; false when the core refused it. */
  apply(edit: Edit): boolean;
  /** Writes what the bound Journey now holds to the document. */
  commit(): void;
  undo(): boolean;
  redo(): boolean;
  /** The document's journey as this peer reads it, repaired. */
  read(): { text?: string; refused?: unknown; diagnostics: CollabDiagnostic[] };
  destroy(): void;
}

export declare function bindJourney(target: JourneyMapElement | Journey, doc: Y.Doc, options?: BindOptions): JourneyBinding;
/** The journey file in `doc`, repaired the same way on every peer. */
export declare function readDoc(doc: Y.Doc, prefix?: string): { file: JourneyFile; diagnostics: CollabDiagnostic[]; keys: Record<string, Map<string, string>> };
/** Writes the differences between `file` and `doc` in one transaction. */
export declare function writeFile(doc: Y.Doc, file: JourneyFile, options?: { origin?: unknown; prefix?: string; keys?: Record<string, Map<string, string>> | null; seed?: boolean }): void;
/** Fills an empty document from `file`. */
export declare function seedDoc(doc: Y.Doc, file: JourneyFile, options?: { origin?: unknown; prefix?: string }): void;
export declare function isEmpty(doc: Y.Doc, prefix?: string): boolean;
/** `file` made acceptable to the core by dropping what it refuses. */
export declare function admissible(journey: typeof Journey, file: JourneyFile, diagnostics?: CollabDiagnostic[]): { text?: string; refused?: unknown; diagnostics: CollabDiagnostic[] };

/** One of the five faces a participant rates with: face 1 (worst) to 5 (best), standing for emotion (face − 3) / 2. */
export interface Face { readonly face: 1 | 2 | 3 | 4 | 5; readonly emotion: number; readonly name: string; readonly symbol: string }
export declare const FACES: readonly Face[];
export declare function faceEmotion(face: number): number;
/** A participant's rating of one touchpoint, as kept in the document. */
export interface Rating { key: string; touchpoint: string; face: 1 | 2 | 3 | 4 | 5; who: string; by: string; at: number }
/** A touchpoint's ratings: how many, how many gave each face (1 to 5), and their mean as an emotion (−1 to 1). */
export interface Tally { count: number; counts: [number, number, number, number, number]; mean: number }
/** The room of a journey's document: the stage on the wall and the participants' ratings. */
export interface Room {
  stage(): string | null;
  setStage(id: string | null): void;
  rate(touchpoint: string, face: number): boolean;
  mine(touchpoint: string): number | null;
  ratings(): Rating[];
  tally(): Map<string, Tally>;
  remove(key: string): void;
  clear(touchpoint?: string | null): void;
  observe(fn: () => void): () => void;
}
/** The room of the journey in `doc`; `me`, the person rating from here (a participant), with a stable id. */
export declare function openRoom(doc: Y.Doc, options?: { prefix?: string; me?: { id: string; name: string } | null }): Room;
