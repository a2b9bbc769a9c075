//! The one error type of the core.
//!
//! Every variant is something a designer can act on: its message names the
//! thing that is wrong and what would be right, and `path` is a JSON pointer
//! into the file format (SPEC section 5) wherever one applies. The wasm
//! boundary turns these into real JavaScript `Error`s carrying `code` and
//! `path`.

use thiserror::Error;

/// Everything that can go wrong when loading, editing or analysing a journey.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum JourneyError {
    /// The text is not well-formed JSON.
    #[error("The file is not valid JSON: {detail} (line {line}, column {column}).")]
    Parse {
        detail: String,
        line: usize,
        column: usize,
    },
    /// A paths CSV (observed customer paths) is malformed at a line and column.
    #[error("Line {line}, column {column} of the paths file: {detail}.")]
    Csv {
        detail: String,
        line: usize,
        column: usize,
    },
    /// A counts CSV (pre-aggregated paths) is malformed at a line and column.
    #[error("Line {line}, column {column} of the counts file: {detail}.")]
    CountsCsv {
        detail: String,
        line: usize,
        column: usize,
    },
    /// A value has the wrong type, or a required field is missing.
    #[error("{detail}")]
    Schema { path: String, detail: String },
    /// The JSON is not a journeygraph file at all.
    #[error("This is not a journeygraph file: {detail}")]
    WrongFormat { path: String, detail: String },
    /// The file was written by a version of journeygraph this one cannot read.
    #[error("This file says it is format version {found}; this journeygraph reads versions 1 to {supported}. A later version needs a newer journeygraph; anything else is not a version journeygraph ever wrote.")]
    UnsupportedVersion {
        path: String,
        found: String,
        supported: u32,
    },
    /// Two stages, two touchpoints, two scenarios or two transitions share an identity.
    #[error("{detail}")]
    DuplicateId { path: String, detail: String },
    /// A touchpoint names a stage that does not exist.
    #[error("{detail}")]
    UnknownStage { path: String, detail: String },
    /// An item names a lane that does not exist.
    #[error("{detail}")]
    UnknownLane { path: String, detail: String },
    /// A change or an edit names an item that does not exist.
    #[error("{detail}")]
    UnknownItem { path: String, detail: String },
    /// An edit or a request names a persona that does not exist.
    #[error("{detail}")]
    UnknownPersona { path: String, detail: String },
    /// A persona skips a goal or an end of the journey.
    #[error("{detail}")]
    PersonaSkip { path: String, detail: String },
    /// A fail point outside a backstage or support lane, or a fail-rate
    /// change to an item that is no fail point.
    #[error("{detail}")]
    WrongLane { path: String, detail: String },
    /// A transition or a change names a touchpoint that does not exist.
    #[error("{detail}")]
    UnknownTouchpoint { path: String, detail: String },
    /// A number or a text is outside what its field allows.
    #[error("{detail}")]
    OutOfRange { path: String, detail: String },
    /// No customer can start the journey: no entry share and no touchpoint without incoming transitions.
    #[error("No customer can start this journey: give a touchpoint an entry share above 0, or leave one touchpoint without incoming transitions.")]
    NoEntry,
    /// Customers can enter a set of touchpoints and never leave it, or
    /// leave it so rarely that their visits exceed what a number holds.
    #[error("Customers who reach {names} can never leave them (no dropout and no way out), or leave so rarely (a chance below about 1e-290) that their visits cannot be counted. Add a way out or a dropout to one of them.")]
    ClosedLoop {
        path: String,
        /// The ids of the touchpoints of the trap.
        touchpoints: Vec<String>,
        /// Their names, quoted and listed, for the message.
        names: String,
    },
    /// The file or a part of it is larger than journeygraph accepts.
    #[error("{detail}")]
    TooLarge { path: String, detail: String },
    /// An edit or a scenario change cannot be carried out as asked.
    #[error("{detail}")]
    InvalidEdit { path: String, detail: String },
    /// An edit made in a scenario (What-if) that a scenario cannot hold: it
    /// changes what belongs to the journey (a name, a stage, the settings).
    #[error("{detail}")]
    WhatIf { path: String, detail: String },
}

impl JourneyError {
    /// The stable, machine-readable code (SPEC section 5).
    pub fn code(&self) -> &'static str {
        match self {
            JourneyError::Parse { .. }
            | JourneyError::Csv { .. }
            | JourneyError::CountsCsv { .. } => "parse",
            JourneyError::Schema { .. } => "schema",
            JourneyError::WrongFormat { .. } => "wrong_format",
            JourneyError::UnsupportedVersion { .. } => "unsupported_version",
            JourneyError::DuplicateId { .. } => "duplicate_id",
            JourneyError::UnknownStage { .. } => "unknown_stage",
            JourneyError::UnknownTouchpoint { .. } => "unknown_touchpoint",
            JourneyError::UnknownLane { .. } => "unknown_lane",
            JourneyError::UnknownItem { .. } => "unknown_item",
            JourneyError::UnknownPersona { .. } => "unknown_persona",
            JourneyError::PersonaSkip { .. } => "persona_skip",
            JourneyError::WrongLane { .. } => "wrong_lane",
            JourneyError::OutOfRange { .. } => "out_of_range",
            JourneyError::NoEntry => "no_entry",
            JourneyError::ClosedLoop { .. } => "closed_loop",
            JourneyError::TooLarge { .. } => "too_large",
            JourneyError::InvalidEdit { .. } => "invalid_edit",
            JourneyError::WhatIf { .. } => "what_if",
        }
    }

    /// The JSON pointer of the offending value, or `""` for the whole journey.
    pub fn path(&self) -> &str {
        match self {
            JourneyError::Parse { .. }
            | JourneyError::Csv { .. }
            | JourneyError::CountsCsv { .. }
            | JourneyError::NoEntry => "",
            JourneyError::Schema { path, .. }
            | JourneyError::WrongFormat { path, .. }
            | JourneyError::UnsupportedVersion { path, .. }
            | JourneyError::DuplicateId { path, .. }
            | JourneyError::UnknownStage { path, .. }
            | JourneyError::UnknownTouchpoint { path, .. }
            | JourneyError::UnknownLane { path, .. }
            | JourneyError::UnknownItem { path, .. }
            | JourneyError::UnknownPersona { path, .. }
            | JourneyError::PersonaSkip { path, .. }
            | JourneyError::WrongLane { path, .. }
            | JourneyError::OutOfRange { path, .. }
            | JourneyError::ClosedLoop { path, .. }
            | JourneyError::TooLarge { path, .. }
            | JourneyError::InvalidEdit { path, .. }
            | JourneyError::WhatIf { path, .. } => path,
        }
    }
}

/// Shorthand for results of the core.
pub type Result<T, E = JourneyError> = std::result::Result<T, E>;

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    // Most keys need no escape: copy them without two passes of replace.
    if !token.contains(['~', '/']) {
        return token.to_string();
    }
    token.replace('~', "~0").replace('/', "~1")
}
