//! The versioned file format (SPEC section 4): JSON, UTF-8, camelCase keys.
//!
//! Loading goes in three steps, each of which can refuse the file without
//! having built anything: (1) size and a header peek (`format`, `version`),
//! so a later version is refused before its body is interpreted and an
//! earlier one is migrated; (2) typed parsing with the JSON pointer of any
//! wrong value; (3) validation of ranges, limits and references
//! ([`validate`]). Only then is a [`Journey`] built.

mod migrate;
mod validate;
mod view;

use serde::{Deserialize, Serialize};

use crate::error::{JourneyError, Result};
use crate::model::{
    Extra, Journey, Observed, Persona, Scenario, Settings, Stage, Touchpoint, TransitionRecord,
};

// The rules live with the model; the format applies them and keeps their
// names here for callers that know them from the file.
pub use crate::model::rules::{
    check_id, check_settings, check_string, check_touchpoint, Limits, MAX_ID, MAX_NAME,
};

pub use view::view;

/// The value of the `format` field of every journeygraph file.
pub const FORMAT: &str = "journeygraph";
/// The version this release writes; it reads this one and every earlier one.
pub const VERSION: u32 = 1;
/// The built-in sample journey, "Buying a smartphone online".
pub const SAMPLE: &str = include_str!("sample.json");

/// A journeygraph file, field for field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JourneyFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Persona>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default)]
    pub transitions: Vec<TransitionRecord>,
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reads a journey from the text of a file.
///
/// # Errors
/// `too_large`, `parse`, `wrong_format`, `unsupported_version`, `schema`,
/// `duplicate_id`, `unknown_stage`, `unknown_touchpoint`, `out_of_range`;
/// each with the JSON pointer of the offending value.
///
/// # Example
/// ```
/// use journeygraph::format::{from_json, to_json};
/// let j = from_json(r#"{"format":"journeygraph","version":1,"title":"Tiny",
///   "stages":[{"id":"s","name":"Stage"}],
///   "touchpoints":[{"id":"a","name":"Ad","stage":"s","entry":1}]}"#)?;
/// assert_eq!(from_json(&to_json(&j))?, j);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn from_json(text: &str) -> Result<Journey> {
    from_json_with(text, &Limits::default())
}

/// [`from_json`] with other limits (tests use small ones).
pub fn from_json_with(text: &str, limits: &Limits) -> Result<Journey> {
    if text.len() > limits.max_bytes {
        return Err(JourneyError::TooLarge {
            path: String::new(),
            detail: format!(
                "The file is {:.1} MB; journeygraph opens files of up to {} MB.",
                text.len() as f64 / 1e6,
                limits.max_bytes / 1_000_000
            ),
        });
    }
    let value = migrate::to_current(text)?;
    validate::check_counts(&value, limits)?;
    validate::check_strings(&value, &mut String::new(), limits)?;
    let file: JourneyFile = parse_typed(value, "")?;
    validate::journey_from_file(file, limits)
}

/// Reads a part of the format (an edit, a scenario) from JSON text, with
/// the JSON pointer (under `base`) of the first wrong value. Parts and whole
/// files share one deserializer, so each type's reader exists once in the
/// wasm binary.
pub fn part_from_json<T: serde::de::DeserializeOwned>(text: &str, base: &str) -> Result<T> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| JourneyError::Schema {
            path: base.to_string(),
            detail: format!("{base}: {e}"),
        })?;
    parse_typed(value, base)
}

/// Deserializes with the JSON pointer (under `base`) of the first wrong
/// value.
fn parse_typed<T: serde::de::DeserializeOwned>(value: serde_json::Value, base: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = format!("{base}{}", pointer(e.path()));
        let inner = e.into_inner().to_string();
        let detail = if path.is_empty() {
            format!("The journey is malformed: {inner}.")
        } else {
            format!("{path}: {inner}.")
        };
        JourneyError::Schema { path, detail }
    })
}

/// Turns serde_path_to_error's path into a JSON pointer.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&crate::error::pointer_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// The file record of a journey.
pub fn to_file(journey: &Journey) -> JourneyFile {
    JourneyFile {
        format: FORMAT.to_string(),
        version: VERSION,
        title: journey.title.clone(),
        persona: journey.persona.clone(),
        stages: journey.stages.clone(),
        touchpoints: journey.touchpoints().cloned().collect(),
        transitions: journey.transitions(),
        settings: journey.settings.clone(),
        scenarios: journey.scenarios.clone(),
        observed: journey.observed.clone(),
        extra: journey.extra.clone(),
    }
}

/// Writes the canonical file text of a journey: pretty-printed, fields in a
/// fixed order, fields at their defaults left out.
pub fn to_json(journey: &Journey) -> String {
    // Serializing plain structs and string-keyed maps into a String cannot
    // fail; fall back to an empty object rather than panic if it ever did.
    serde_json::to_string_pretty(&to_file(journey)).unwrap_or_else(|_| String::from("{}"))
}

/// The built-in sample journey.
pub fn sample() -> Journey {
    // The sample is compiled in and covered by tests; an empty journey is
    // the harmless fallback should it ever fail to load.
    from_json(SAMPLE).unwrap_or_else(|_| Journey::new("Buying a smartphone online"))
}
