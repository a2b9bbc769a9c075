//! The wasm-bindgen boundary. It is deliberately thin: every method converts
//! its arguments, calls the core, and converts the result or the error. No
//! journey logic lives here; if a method grows an `if` about journeys, that
//! `if` belongs in the core.
//!
//! Errors cross as real JavaScript `Error`s with `code` and `path`
//! ([`error`]); nothing here unwraps a value that came from JavaScript.

mod error;
mod figures;
mod journey;
mod marshal;
mod options;
mod paths;
mod personas;
mod simulator;

pub use journey::Journey;
pub use paths::PathsReader;
pub use simulator::Simulator;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: a panic (a bug, never user
/// input) is reported clearly on the console before the instance traps, so
/// the page can say what happened and reload from its last good journey.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!(
            "journeygraph: internal error (a bug, please report it): {info}. The journey module must be reloaded; the last saved journey is kept."
        );
        web_sys::console::error_1(&JsValue::from_str(&msg));
    }));
}

/// Converts a serializable core value to a plain JavaScript value through
/// its JSON text: the file format needs serde_json's writer anyway, and
/// `JSON.parse` builds objects faster than property-by-property calls
/// across the boundary, so every result type has one writer in the binary.
/// (None becomes null, as the types say.)
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::format::text::write(value, false)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&text)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Figures of one touchpoint. */
export interface TouchpointFigures {
  visits: number; reach: number; dropout: number; felt: number;
  /** Share of customers who start here (entry over all entries): 0.34, whether the file's entry is 0.34 or 340 observed first touches. */
  entryShare: number;
}
/**
 * The exact analysis (SPEC section 3). Outcomes that add up:
 * `success + lostBeforeGoal + endedElsewhere = 1`, and of those who reached
 * a goal `stayedToEnd + leftAfterGoal = success`; `dropout` (anywhere) is
 * `lostBeforeGoal + leftAfterGoal`, so it overlaps `success`.
 */
export interface Analysis {
  /** Reached a goal (completion when there is no goal). */
  success: number;
  /** Dropped out before reaching any goal. */
  lostBeforeGoal: number;
  /** Came to a non-goal end without reaching a goal. */
  endedElsewhere: number;
  /** Reached a goal, then dropped out (at the goal or later). */
  leftAfterGoal: number;
  /** Reached a goal and stayed to the end. */
  stayedToEnd: number;
  /** How many touchpoints are goals (0: success is completion). */
  goals: number;
  completion: number; dropout: number; expectedTouchpoints: number;
  emotionalLoad: number; meanFelt: number; serviceShare: number; proactiveShare: number;
  /** Share of expected moments at touchpoints with a rated emotion; 0: remembered, satisfied and promoter rest on nothing entered. */
  ratedShare: number;
  /** How many touchpoints have a rated emotion. */
  rated: number;
  /** The settings the figures rest on (defaults filled in). */
  rules: { sensitivity: number; rememberWeights: { peak: number; end: number; mean: number }; satisfiedAt: number; promoterAt: number };
  touchpoints: Record<string, TouchpointFigures>;
}
export interface SimulateOptions {
  /** Customers to simulate, 1 to 10,000,000 (default 10,000). */
  customers?: number;
  /** The random seed, a whole number (default 1). */
  seed?: number;
  /**
   * simulate() only: the most moments (customer-steps) to spend; a run costs
   * about `expectedTouchpoints × customers`. Once it is spent no customer
   * starts (the one walking finishes), and the result covers those simulated.
   */
  maxMoments?: number;
}
/** A mean with its 95% confidence half-width. */
export interface Estimate { mean: number; halfWidth: number; }
export interface Simulation {
  /** Customers simulated: every figure is over these. */
  customers: number;
  /** Customers asked for (more than `customers` only when `budgetExhausted`). */
  requested: number;
  seed: number; remembered: Estimate; satisfied: number; promoterIndex: number;
  success: Estimate; dropout: Estimate;
  /** Moments (customer-steps) experienced by the customers simulated. */
  moments: number;
  /** Walks stopped after `settings.maxSteps` moments (counted as completed). */
  cutAtMaxSteps: number;
  /** Whether a budget (`maxMoments`, or a Simulator stopped early) ended the run before `requested` customers. */
  budgetExhausted: boolean;
}
/** Where a value comes from: measured (with its source) or assumed. */
export interface Source { measured: boolean; source: string; }
/** A touchpoint's `basis`: each of emotion, dropout and entry share measured or assumed. */
export interface Basis { emotion: Source; dropout: Source; entry: Source; }
/** A figure with an assumed value at the low and the high end of its range (null: that side closes a loop). */
export interface Span { atLow: number | null; atHigh: number | null; }
/** One assumed value and how far it moves the figures (`Journey.sensitivity`). */
export interface Assumption {
  touchpoint: string; name: string; parameter: "emotion" | "dropout" | "entry";
  /** The value (for entry, the start share), and it moved down and up by the amount, clamped. */
  value: number; low: number; high: number; source: string;
  successSlope: number; rememberedSlope: number | null;
  /** Exact figures at low and high; null beyond the work budget (then ranked by slope). */
  success: Span | null; remembered: Span | null;
  /** Ranking key: the larger of the success swing and half the remembered swing. */
  swing: number;
  /** False at a kink of the remembered figure (a tie for the peak): the slope is for an increase. */
  smooth: boolean; closesLoop: boolean;
}
export interface Sensitivity {
  amount: number; success: number;
  /** The exact remembered experience; null when no emotion is rated or the journey is too large for it. */
  remembered: number | null;
  assumptions: Assumption[]; measured: number; unranged: number;
}
/** What raising one touchpoint's emotion would gain, and why. */
export interface Opportunity {
  touchpoint: string; name: string; emotion: number; successGain: number; meanFeltGain: number;
  /** Share of customers who arrive here at least once (those the change reaches). */
  reach: number;
  /** Its dropout now, and at the raised emotion (moved by `settings.sensitivity`). */
  dropoutBefore: number; dropoutAfter: number;
  /** Customers who give up right after it, per customer (visits × dropout), now and after. */
  leftBefore: number; leftAfter: number;
}
/** One change of a scenario (exactly one kind). */
export type Change =
  | { touchpoint: string; emotion?: number; impact?: number; dropout?: number; emotionBy?: number; impactBy?: number; dropoutBy?: number }
  | { from: string; to: string; weight: number }
  | { add: TouchpointRecord }
  | { remove: string }
  | { addTransition: { from: string; to: string; weight?: number } }
  | { removeTransition: { from: string; to: string } }
  /** A fail point's failure rate, 0 to 1 (the item must be a fail point). */
  | { item: string; failRate: number };
export interface TouchpointRecord {
  id: string; name: string; stage: string; emotion?: number; impact?: number; dropout?: number; entry?: number;
  goal?: boolean; channel?: string; owner?: string; kind?: "direct" | "indirect"; service?: boolean; proactive?: boolean;
  effort?: number; notes?: string; painPoints?: string[]; opportunities?: string[];
  basis?: { emotion?: Partial<Source>; dropout?: Partial<Source>; entry?: Partial<Source> };
  /** What was measured of it, one value per metric. */
  metrics?: MetricRecord[];
}
/** A measured metric: CSAT 1–5, CES 1–7, NPS −100 to 100, volume and cost per contact ≥ 0. */
export interface MetricRecord {
  metric: "csat" | "ces" | "nps" | "volume" | "cost"; value: number; respondents?: number; date?: string; source?: string;
}
/** A metric as `view()` shows it: every field present. */
export interface MetricView {
  metric: "csat" | "ces" | "nps" | "volume" | "cost"; value: number; respondents: number | null; date: string; source: string;
}
/** How a paths CSV is written. */
export interface PathOptions { separator?: string; delimiter?: string; }
/** How a counts CSV (`Journey.fromCounts`) is written: its column delimiter (default ","). */
export interface CountsOptions { delimiter?: string; }
/** Counts read so far from a paths CSV. */
export interface PathSummary {
  rows: number; emptyRows: number; channels: number; paths: number;
  conversions: number; nulls: number; value: number | null;
}
/** One channel's credit under the first-order Markov attribution model. */
export interface Attribution {
  touchpoint: string; name: string; removalEffect: number; share: number;
  conversions: number; value: number | null;
  /** What the paths say of this channel (counted when the journey was fitted); null for a drawn journey. */
  observed: ObservedChannel | null;
}
/**
 * One channel's observed counts (repeats collapsed): the customer paths that
 * contain it and their conversions, and the conversions credited to it by
 * first touch, last touch and linear attribution (a path's conversions
 * shared equally among its visits).
 */
export interface ObservedChannel { paths: number; conversions: number; firstTouch: number; lastTouch: number; linear: number; }
/** What a journey fitted from paths was fitted from. */
export interface Observed {
  paths: number; conversions: number; nulls: number; value?: number | null;
  /** By touchpoint id. */
  channels?: Record<string, ObservedChannel>;
}
export interface Scenario { id: string; name?: string; changes: Change[]; }
/** What a lane holds; frontstage, backstage and support place the blueprint lines. */
export type LaneKind = "thoughts" | "evidence" | "frontstage" | "backstage" | "support" | "painPoints" | "opportunities" | "custom";
/** A row of the map (`lanes`, in display order; format version 2). */
export interface LaneRecord { id: string; kind: LaneKind; name: string; hidden?: boolean; }
/**
 * A backstage or support item's failures: `rate` of the customers passing a
 * touchpoint it serves meet one, and `lost` of those give up (default 1). A
 * touchpoint's dropout d becomes 1 − (1 − d)·Π(1 − rate·lost) over its fail points.
 */
export interface FailPoint { rate: number; lost?: number; }
/** A blueprint item in a lane and a stage, serving touchpoints (by id). */
export interface ItemRecord { id: string; lane: string; stage: string; text?: string; touchpoints?: string[]; failPoint?: FailPoint; }
/** A line of the service blueprint, drawn above `lane` (the first shown lane below it). */
export interface BlueprintLine {
  kind: "interaction" | "visibility" | "internal";
  name: "Line of interaction" | "Line of visibility" | "Line of internal interaction";
  lane: string;
}
export interface StageRecord { id: string; name: string; }
export interface TransitionRecord { from: string; to: string; weight?: number; }
export interface Persona { name: string; description?: string; }
/**
 * What a persona meets differently at one touchpoint: its entry share,
 * emotion (the dropout then follows the sensitivity link, as in a
 * scenario) or dropout (observed for this persona; wins over the link).
 */
export interface PersonaOverride { touchpoint: string; entry?: number; emotion?: number; dropout?: number; }
/**
 * A persona (`personas`, format version 2): a kind of customer who walks the
 * journey with overrides, passing straight through the touchpoints in
 * `skip` (never a goal or an end).
 */
export interface PersonaRecord { id: string; name: string; description?: string; overrides?: PersonaOverride[]; skip?: string[]; }
/** One persona's figures beside the journey's (`Journey.personaFigures`). */
export interface PersonaFigures {
  id: string; name: string; skipped: number; overridden: number;
  /** The figures of the journey this persona walks (`touchpoints` empty); null with `problem`. */
  analysis: Analysis | null;
  problem: { code: JourneyError["code"]; message: string; path: string } | null;
}
export interface Settings {
  sensitivity?: number; rememberWeights?: { peak: number; end: number; mean: number };
  satisfiedAt?: number; promoterAt?: number; maxSteps?: number;
}
/** A journey in the file format (SPEC section 4). */
export interface JourneyFile {
  format: "journeygraph"; version: number; title: string; persona?: Persona;
  stages: StageRecord[]; touchpoints: TouchpointRecord[]; transitions: TransitionRecord[];
  lanes?: LaneRecord[]; items?: ItemRecord[]; personas?: PersonaRecord[];
  settings?: Settings; scenarios?: Scenario[]; observed?: Observed;
}
/** A touchpoint with every field present (`Journey.view`). */
export interface TouchpointView {
  id: string; name: string; stage: string;
  /** Not rated is null (the file leaves it out); a rated 0 is 0. */
  emotion: number | null;
  impact: number; dropout: number; entry: number;
  goal: boolean; channel: string; owner: string; kind: "direct" | "indirect"; service: boolean; proactive: boolean;
  effort: number | null; notes: string; painPoints: string[]; opportunities: string[];
  basis: Basis; metrics: MetricView[];
}
/** The journey with every field present at the model's value (`Journey.view`); scenario changes as written. */
export interface JourneyView {
  format: "journeygraph"; version: number; title: string;
  persona: { name: string; description: string } | null;
  stages: StageRecord[]; touchpoints: TouchpointView[];
  transitions: { from: string; to: string; weight: number }[];
  lanes: { id: string; kind: LaneKind; name: string; hidden: boolean }[];
  items: { id: string; lane: string; stage: string; text: string; touchpoints: string[];
           failPoint: { rate: number; lost: number } | null }[];
  personas: { id: string; name: string; description: string; overrides: PersonaOverride[]; skip: string[] }[];
  settings: {
    sensitivity: number; rememberWeights: { peak: number; end: number; mean: number };
    satisfiedAt: number; promoterAt: number; maxSteps: number;
  };
  scenarios: { id: string; name: string; changes: Change[] }[];
  observed: { paths: number; conversions: number; nulls: number; value: number | null;
              channels: Record<string, ObservedChannel> } | null;
}
/** One edit; `Journey.apply` takes it as one undoable step. */
export type Edit =
  | { op: "setTitle"; title: string }
  | { op: "setPersona"; persona: Persona | null }
  | { op: "addStage"; stage: StageRecord; index?: number }
  | { op: "renameStage"; id: string; name: string }
  | { op: "moveStage"; id: string; index: number }
  | { op: "removeStage"; id: string; moveTo?: string }
  | { op: "addTouchpoint"; touchpoint: TouchpointRecord; position?: number }
  | { op: "updateTouchpoint"; touchpoint: TouchpointRecord }
  | { op: "moveTouchpoint"; id: string; stage: string; position?: number }
  | { op: "removeTouchpoint"; id: string }
  | { op: "addTransition"; transition: TransitionRecord }
  | { op: "setWeight"; from: string; to: string; weight: number }
  | { op: "removeTransition"; from: string; to: string }
  | { op: "setSettings"; settings: Settings }
  | { op: "putScenario"; scenario: Scenario }
  | { op: "removeScenario"; id: string }
  | { op: "addLane"; lane: LaneRecord; index?: number }
  | { op: "renameLane"; id: string; name: string }
  | { op: "moveLane"; id: string; index: number }
  | { op: "hideLane"; id: string; hidden: boolean }
  /** Removes a lane and the items in it. */
  | { op: "removeLane"; id: string }
  | { op: "addItem"; item: ItemRecord }
  | { op: "updateItem"; item: ItemRecord }
  | { op: "removeItem"; id: string }
  /** Adds a persona (at `index`, default last) or replaces the one with its id. */
  | { op: "putPersona"; persona: PersonaRecord; index?: number }
  | { op: "removePersona"; id: string }
  | { op: "batch"; edits: Edit[] }
  /** An edit made in What-if: it becomes changes of scenario `scenario` (created, named `name`, if absent); refused with code "what_if" where a scenario cannot hold it. */
  | { op: "inScenario"; scenario: string; name?: string; edit: Edit }
  /** Takes change `index` out of a scenario, with the later changes that need what it added. */
  | { op: "removeChange"; scenario: string; index: number };
export interface Figures extends Analysis { simulation: Simulation; }
/** Why a scenario moves the figures: one touchpoint it changes, before and after. */
export interface Move {
  touchpoint: string; name: string;
  /** null: not rated. */
  emotionBefore: number | null; emotionAfter: number | null;
  reachBefore: number; reachAfter: number; dropoutBefore: number; dropoutAfter: number;
  /** Customers who give up right after it, per customer (visits × dropout). */
  leftBefore: number; leftAfter: number;
}
export interface Comparison {
  scenarioId: string; name: string; baseline: Figures; scenario: Figures;
  delta: { success: number; completion: number; dropout: number; expectedTouchpoints: number; emotionalLoad: number;
           meanFelt: number; serviceShare: number; proactiveShare: number;
           lostBeforeGoal: number; endedElsewhere: number; leftAfterGoal: number; stayedToEnd: number;
           remembered: number; satisfied: number; promoterIndex: number };
  /** The baseline's touchpoints the changes name (emotion, impact, dropout, a transition out), in order of the changes. */
  touchpoints: Move[];
}

/** A finding about a journey; `error` ones stop the analysis. */
export interface Diagnostic {
  code: "no_entry" | "closed_loop" | "unreachable" | "dead_end" | "empty_stage" | string;
  severity: "error" | "warning";
  /** JSON pointer of the thing concerned, e.g. "/touchpoints/3". */
  path: string;
  message: string;
}

/** The error every failing method throws. */
export interface JourneyError extends Error {
  code: "parse" | "schema" | "wrong_format" | "unsupported_version" | "duplicate_id"
      | "unknown_stage" | "unknown_touchpoint" | "unknown_lane" | "unknown_item" | "wrong_lane"
      | "unknown_persona" | "persona_skip"
      | "out_of_range" | "no_entry" | "closed_loop" | "too_large" | "invalid_edit" | "what_if";
  /** JSON pointer of the offending value, "" for the whole journey. */
  path: string;
  /** For closed_loop: the ids of the trapped touchpoints. */
  touchpoints?: string[];
  /** For parse errors: where in the text (1-based). */
  line?: number;
  column?: number;
}

export interface StageBox { id: string; name: string; x: number; width: number; touchpoints: number; }
export interface Card {
  id: string; name: string; stage: string; channel: string; owner: string;
  kind: "direct" | "indirect"; service: boolean; proactive: boolean; goal: boolean;
  /** 0 when not rated (see `rated`). */
  emotion: number;
  /** Whether the emotion was rated; an unrated one counts as 0 but is no measurement. */
  rated: boolean;
  impact: number; felt: number;
  x: number; y: number; width: number; height: number;
}
export interface Arrow {
  from: string; to: string; weight: number; share: number; selfLoop: boolean;
  /**
   * A piecewise cubic Bézier of 3n + 1 points: the start, then control 1,
   * control 2 and end of each piece. Arrows between neighbouring stages,
   * within a stage and self-loops are one piece (four points); the others
   * are routed between the cards, so that no arrow crosses one.
   */
  points: Array<[number, number]>;
}
export interface CurvePoint { id: string; x: number; y: number; felt: number; }
export interface Curve {
  y: number; height: number; zeroY: number; points: CurvePoint[];
  /** Index of the most intense moment (largest |felt|). */
  peak: number | null;
  /** Index of where most customers end (their last moment), not the rightmost card. */
  end: number | null;
  /** Share of customers who end at `end`; null when not weighed (a journey the page cannot analyse cheaply). */
  endShare: number | null;
  /** Felt emotion at customers' last moment, averaged over all customers; null when not weighed. */
  endFelt: number | null;
}
export interface LaneCell { stage: string; x: number; width: number; texts: string[]; }
/** A row of the map drawn from the journey's lanes (hidden ones left out): its texts per stage (a fail point marked "⚠ … (fails 5%)"). */
export interface Lane { id: string; kind: LaneKind; title: string; y: number; height: number; cells: LaneCell[]; }
/** Where everything of the map goes, in SVG user units. */
export interface MapLayout {
  width: number; height: number; headerHeight: number;
  stages: StageBox[]; cards: Card[];
  /**
   * The transitions the map draws, in file order: all of them up to 5,000;
   * above that, the 5,000 strongest (each touchpoint's heaviest way out,
   * then the heaviest of the rest). The figures count every transition.
   */
  arrows: Arrow[];
  /** How many transitions the journey has (more than `arrows.length` when the map leaves some out). */
  transitions: number;
  curve: Curve; lanes: Lane[];
  /** The service blueprint lines the journey's lanes place (see `BlueprintLine`). */
  lines: BlueprintLine[];
}
"#;
