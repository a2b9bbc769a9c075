//! The versioned file format (SPEC section 4): JSON, UTF-8, camelCase keys.
//!
//! Loading goes in three steps, each of which can refuse the file without
//! having built anything: (1) size and a header peek (`format`, `version`),
//! so a later version is refused before its body is interpreted and an
//! earlier one is migrated; (2) typed parsing with the JSON pointer of any
//! wrong value; (3) validation of ranges, limits and references
//! ([`validate`]). Only then is a [`Journey`] built.

mod migrate;
mod stream;
#[cfg(test)]
mod stream_tests;
pub(crate) mod text;
mod validate;
mod view;

use serde::Serialize;

use crate::error::{JourneyError, Result};
use crate::model::read::{self, Fields, FromJson};
use crate::model::{
    Extra, Item, Journey, Lane, Observed, Persona, PersonaDef, Scenario, Settings, Stage,
    Touchpoint, TransitionRecord,
};

// The rules live with the model; the format applies them and keeps their
// names here for callers that know them from the file.
pub use crate::model::rules::{
    check_id, check_settings, check_string, check_touchpoint, Limits, MAX_ID, MAX_NAME,
};

pub use view::{view, View};

/// The value of the `format` field of every journeygraph file.
pub const FORMAT: &str = "journeygraph";
/// The version this release writes; it reads this one and every earlier one.
pub const VERSION: u32 = 2;
/// The built-in sample journey, "Buying a smartphone online".
pub const SAMPLE: &str = include_str!("sample.json");

/// A journeygraph file, field for field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JourneyFile {
    pub format: String,
    pub version: u32,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persona: Option<Persona>,
    pub stages: Vec<Stage>,
    pub touchpoints: Vec<Touchpoint>,
    pub transitions: Vec<TransitionRecord>,
    /// The map's lanes in display order (version 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<Lane>,
    /// Blueprint items (version 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Personas (version 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<PersonaDef>,
    #[serde(skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reads a journey from the text of a file.
///
/// # Errors
/// `too_large`, `parse`, `wrong_format`, `unsupported_version`, `schema`,
/// `duplicate_id`, `unknown_stage`, `unknown_touchpoint`, `unknown_lane`,
/// `out_of_range`, `wrong_lane`, `persona_skip`;
/// each with the JSON pointer of the offending value.
///
/// # Example
/// ```
/// use journeygraph::format::{from_json, to_json};
/// let j = from_json(r#"{"format":"journeygraph","version":2,"title":"Tiny",
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
    // The direct reader reads most files; it reads a file the way the
    // steps of `file_from_value` would, or gives up and leaves it to them,
    // which name what is wrong.
    let file = match stream::read(text, limits).and_then(|r| direct(r, limits)) {
        Some(file) => file,
        None => file_from_value(text, limits)?,
    };
    validate::journey_from_file(file, limits)
}

/// [`from_json_with`] the long way only (the tests hold the direct reader
/// to it).
#[cfg(test)]
fn from_value(text: &str, limits: &Limits) -> Result<Journey> {
    validate::journey_from_file(file_from_value(text, limits)?, limits)
}

/// The file record through a `Value` tree, step by step, each step naming
/// what is wrong with the pointer of the value.
fn file_from_value(text: &str, limits: &Limits) -> Result<JourneyFile> {
    let value = migrate::to_current(text)?;
    validate::check_counts(&value, limits)?;
    validate::check_strings(&value, &mut String::new(), limits)?;
    read_file(&value)
}

/// The steps of [`from_json_with`] up to the file record, for a file the
/// direct reader read: its lists are read and checked for the string limit
/// and the range of numbers, the rest of its fields only parsed.
fn direct(read: stream::Read, limits: &Limits) -> Option<JourneyFile> {
    let rest = migrate::upgrade(read.rest).ok()?;
    validate::check_count(read.touchpoints.len(), read.transitions.len(), limits).ok()?;
    let lists = Lists {
        stages: read.stages,
        touchpoints: read.touchpoints,
        transitions: read.transitions,
    };
    read_file_with(&rest, Some(lists)).ok()
}

/// Reads a part of the format (an edit, a scenario) from JSON text, with
/// the JSON pointer (under `base`) of the first wrong value. Parts and whole
/// files share one reader (model::read).
pub fn part_from_json<T: FromJson>(text: &str, base: &str) -> Result<T> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| JourneyError::Schema {
            path: base.to_string(),
            detail: format!("{base}: {e}"),
        })?;
    if migrate::has_infinite(&value) {
        return Err(JourneyError::Schema {
            path: base.to_string(),
            detail: format!("{base}: number out of range"),
        });
    }
    T::from_json(&value, base)
}

impl FromJson for JourneyFile {
    fn from_json(v: &serde_json::Value, _path: &str) -> Result<Self> {
        read_file(v)
    }
}

/// serde's `Deserialize` through the hand-written reader (for Rust callers).
impl<'de> serde::Deserialize<'de> for JourneyFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        read_file(&v).map_err(serde::de::Error::custom)
    }
}

/// A file's stages, touchpoints and transitions, read already.
struct Lists {
    stages: Vec<Stage>,
    touchpoints: Vec<Touchpoint>,
    transitions: Vec<TransitionRecord>,
}

/// The file's fields, read by hand with the pointer of any wrong value.
fn read_file(v: &serde_json::Value) -> Result<JourneyFile> {
    read_file_with(v, None)
}

/// [`read_file`], with the three lists given when read already (`v` then
/// has none of them).
fn read_file_with(v: &serde_json::Value, lists: Option<Lists>) -> Result<JourneyFile> {
    let mut f = Fields::of(v, "", "a journeygraph file (an object)")?;
    let format = f.text("format")?;
    let version = read::whole(f.required("version")?, "/version", u64::from(u32::MAX))? as u32;
    let title = f.text_or_empty("title")?;
    let persona = f.opt("persona", read::read_persona)?;
    let lists = match lists {
        Some(lists) => lists,
        None => Lists {
            stages: f.or("stages", Vec::new(), |v, p| {
                read::list(v, p, read::read_stage)
            })?,
            touchpoints: f.or("touchpoints", Vec::new(), |v, p| {
                read::list(v, p, read::read_touchpoint)
            })?,
            transitions: f.or("transitions", Vec::new(), |v, p| {
                read::list(v, p, read::read_transition)
            })?,
        },
    };
    let file = JourneyFile {
        format,
        version,
        title,
        persona,
        stages: lists.stages,
        touchpoints: lists.touchpoints,
        transitions: lists.transitions,
        lanes: f.or("lanes", Vec::new(), |v, p| {
            read::list(v, p, read::read_lane)
        })?,
        items: f.or("items", Vec::new(), |v, p| {
            read::list(v, p, read::read_item)
        })?,
        personas: f.or("personas", Vec::new(), |v, p| {
            read::list(v, p, read::read_persona_def)
        })?,
        settings: f.or("settings", Settings::default(), read::read_settings)?,
        scenarios: f.or("scenarios", Vec::new(), |v, p| {
            read::list(v, p, read::read_scenario)
        })?,
        observed: f.opt("observed", read::read_observed)?,
        extra: Extra::new(),
    };
    Ok(JourneyFile {
        extra: f.extra(),
        ..file
    })
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
        lanes: journey.lanes.clone(),
        items: journey.items.clone(),
        personas: journey.personas.clone(),
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
    text::write(&to_file(journey), true).unwrap_or_else(|_| String::from("{}"))
}

/// The built-in sample journey.
pub fn sample() -> Journey {
    // The sample is compiled in and covered by tests; an empty journey is
    // the harmless fallback should it ever fail to load.
    from_json(SAMPLE).unwrap_or_else(|_| Journey::new("Buying a smartphone online"))
}
