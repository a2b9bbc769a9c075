//! Fitting a journey from observed customer paths (SPEC section 3,
//! "Observed paths"): CSV rows of `path` ("Ad > Website > Store"),
//! `conversions`, `nulls` and optionally `value`.
//!
//! The reader streams: text arrives in chunks of any size (a file read
//! piece by piece) and only the counts are kept (channels, moves between
//! them, first and last channels), never the rows, so a million distinct
//! paths need memory for the channels and moves they contain, not for a
//! million rows.
//!
//! The fitted journey is the first-order Markov chain of multi-channel
//! attribution: each channel a touchpoint, one goal "Conversion", weights
//! the counted moves, entries the counted first channels, and a channel's
//! dropout its null path-ends over its departures. Its success is then the
//! observed conversion rate, and its removal effects those of the standard
//! first-order Markov attribution model.

mod attribution;
mod counts;
mod fit;
mod reader;

use serde::Serialize;

use crate::error::{JourneyError, Result};
use crate::model::Journey;

/// How the CSV is written.
#[derive(Debug, Clone, PartialEq)]
pub struct PathOptions {
    /// Between the channels of a path; default ">".
    pub separator: String,
    /// Between the columns of the CSV; default ','.
    pub delimiter: u8,
}

impl PathOptions {
    /// Options from their written form, each absent one at its default.
    ///
    /// # Errors
    /// `out_of_range` (see [`PathOptions::check`]).
    pub fn new(separator: Option<String>, delimiter: Option<&str>) -> Result<PathOptions> {
        let mut options = PathOptions::default();
        if let Some(sep) = separator {
            options.separator = sep;
        }
        if let Some(d) = delimiter {
            match d.as_bytes() {
                [b] if b.is_ascii() => options.delimiter = *b,
                _ => {
                    return Err(JourneyError::OutOfRange {
                        path: "/delimiter".into(),
                        detail: format!(
                            "The column delimiter must be one ASCII character, not {d:?}."
                        ),
                    })
                }
            }
        }
        options.check()?;
        Ok(options)
    }

    /// A path separator of at least one character, and an ASCII column
    /// delimiter (any other byte would cut a UTF-8 character in two).
    ///
    /// # Errors
    /// `out_of_range` at `/separator` or `/delimiter`.
    pub fn check(&self) -> Result<()> {
        if self.separator.is_empty() {
            return Err(JourneyError::OutOfRange {
                path: "/separator".into(),
                detail: "The path separator cannot be empty.".into(),
            });
        }
        if !self.delimiter.is_ascii() {
            return Err(JourneyError::OutOfRange {
                path: "/delimiter".into(),
                detail: format!(
                    "The column delimiter must be one ASCII character, not byte {}.",
                    self.delimiter
                ),
            });
        }
        Ok(())
    }
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            separator: ">".to_string(),
            delimiter: b',',
        }
    }
}

/// Counts seen so far, for a preview before anything is replaced.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathSummary {
    /// Data rows read (each a distinct path with its counts).
    pub rows: u64,
    /// Rows with no conversions and no nulls, which carry no customers.
    pub empty_rows: u64,
    pub channels: usize,
    /// Customer paths: conversions plus nulls.
    pub paths: f64,
    pub conversions: f64,
    pub nulls: f64,
    /// Total conversion value, when there is a `value` column.
    pub value: Option<f64>,
}

pub use attribution::{attribution, attribution_of, Attribution};
pub use counts::from_counts;
pub use reader::PathsReader;

/// Fits in one call (the whole text at once).
pub fn from_paths(text: &str, options: PathOptions) -> Result<Journey> {
    let mut r = PathsReader::new(options);
    r.push(text.as_bytes())?;
    r.finish()
}
