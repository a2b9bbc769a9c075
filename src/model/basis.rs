//! How sure a touchpoint's numbers are: each of its emotion, dropout and
//! entry share is either measured (with where it was measured) or assumed.
//! The file writes `"basis": {"emotion": {"measured": true, "source":
//! "Survey Q3 2026, n=412"}}`; a value the file leaves out is assumed with
//! no note. The sensitivity analysis (`analysis::sensitivity`) asks how far
//! the figures move if each assumed value is off.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Fields this version does not know; kept verbatim (as `types::Extra`).
type Extra = serde_json::Map<String, serde_json::Value>;

/// Where one value comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    /// Measured (a survey, analytics, a study); false: assumed.
    pub measured: bool,
    /// Where it comes from, in the designer's words ("" when no note).
    pub source: String,
    pub extra: Extra,
}

impl Source {
    /// Assumed, with no note and nothing unknown: the file leaves it out.
    pub fn is_default(&self) -> bool {
        !self.measured && self.source.is_empty() && self.extra.is_empty()
    }
}

/// The basis of a touchpoint's emotion, dropout and entry share.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Basis {
    pub emotion: Source,
    pub dropout: Source,
    pub entry: Source,
    pub extra: Extra,
}

/// The values a basis speaks of, by their field names.
pub const BASIS_FIELDS: [&str; 3] = ["emotion", "dropout", "entry"];

impl Basis {
    /// Every value assumed, with no note: the file leaves `basis` out.
    pub fn is_default(&self) -> bool {
        self.emotion.is_default()
            && self.dropout.is_default()
            && self.entry.is_default()
            && self.extra.is_empty()
    }

    /// The source of one value by its field name (`emotion`, `dropout`,
    /// `entry`).
    pub fn of(&self, field: &str) -> Option<&Source> {
        match field {
            "emotion" => Some(&self.emotion),
            "dropout" => Some(&self.dropout),
            "entry" => Some(&self.entry),
            _ => None,
        }
    }

    fn sources(&self) -> [(&'static str, &Source); 3] {
        [
            ("emotion", &self.emotion),
            ("dropout", &self.dropout),
            ("entry", &self.entry),
        ]
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if self.measured {
            map.serialize_entry("measured", &true)?;
        }
        if !self.source.is_empty() {
            map.serialize_entry("source", &self.source)?;
        }
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The file form: only what is not the default (an assumed value with no
/// note is left out), then unknown fields as they came.
impl Serialize for Basis {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (k, src) in self.sources() {
            if !src.is_default() {
                map.serialize_entry(k, src)?;
            }
        }
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
