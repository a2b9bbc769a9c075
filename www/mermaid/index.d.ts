// Types of journeygraph/mermaid (index.js): Mermaid `journey` diagrams in
// and out. Plain JavaScript, independent of the wasm.
import type { Journey, JourneyFile } from "../journeygraph.js";

/** The code of a MermaidError. */
export declare const MERMAID_ERROR: "mermaid";

/** Bad Mermaid: an Error with the 1-based line it is on. */
export interface MermaidError extends Error {
  code: "mermaid";
  /** Always "" (there is no JSON pointer into Mermaid text). */
  path: "";
  /** The line of the text the error is on, from 1. */
  line: number;
}

/** The `mermaid` object an imported journey keeps (an unknown field to the core, kept by it). */
export interface MermaidFields {
  accTitle?: string;
  accDescr?: string;
}

export interface MermaidImport {
  /** A journeygraph file object: give it (or JSON.stringify of it) to Journey.fromJSON or the element. */
  journey: JourneyFile & { mermaid?: MermaidFields };
  /** "embedded": the `%% journeygraph:` line's journey, which the visible diagram still matches; "diagram": the visible diagram. */
  source: "embedded" | "diagram";
  /** Why an embedded journey was not used, in words. */
  notes: string[];
}

export interface MermaidExport {
  /** The Mermaid text, ending in a newline. */
  text: string;
  /** What the visible diagram cannot show of this journey, in words (the `%% journeygraph:` line still carries it when `embedded`). */
  lost: string[];
  /** Whether the text ends with the `%% journeygraph: <json>` line. */
  embedded: boolean;
}

export interface MermaidSection {
  name: string;
  tasks: { name: string; score: number; actors: string[]; line: number }[];
}

/** The visible diagram, parsed. Throws a MermaidError. */
export declare function parseMermaid(text: string): {
  title: string;
  accTitle: string;
  accDescr: string;
  sections: MermaidSection[];
  /** The JSON text after `%% journeygraph:`, or null. */
  embedded: string | null;
};

/** Imports Mermaid `journey` text. Throws a MermaidError on bad Mermaid. */
export declare function fromMermaid(text: string, options?: { /** Use the `%% journeygraph:` line when it matches (default true). */ embedded?: boolean }): MermaidImport;

/** Exports a journey (a file object, its JSON text, or a Journey) as Mermaid `journey` text. */
export declare function toMermaid(journey: JourneyFile | string | Journey, options?: { embed?: boolean }): MermaidExport;

/** Mermaid's entities (`#35;`, `#x23;`, `#quot;`) decoded. */
export declare function decodeEntities(text: string): string;
