//! Personas (format version 2, SPEC section 11): kinds of customers who
//! walk the same journey differently. The drawn journey is everyone; a
//! persona overrides some touchpoints' entry shares, emotions and dropouts
//! and may skip touchpoints it never meets. Their checks and the journey
//! each one walks are in `persona_walk.rs`.

use serde::Serialize;
use serde_json::Value;

use super::blueprint::{object, text};
use super::types::Extra;

/// What a persona meets differently at one touchpoint.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Override {
    pub touchpoint: String,
    /// Relative share of this persona's customers who start here (≥ 0).
    pub entry: Option<f64>,
    /// How this persona feels here, in [-1, 1].
    pub emotion: Option<f64>,
    /// Share of this persona's customers arriving here who give up, in [0, 1].
    pub dropout: Option<f64>,
    pub extra: Extra,
}

/// A persona of the journey (`personas` in the file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonaDef {
    pub id: String,
    pub name: String,
    pub description: String,
    pub overrides: Vec<Override>,
    /// Touchpoints this persona never meets, by id.
    pub skip: Vec<String>,
    pub extra: Extra,
}

impl Override {
    /// The override as JSON (fields it does not set left out, also in the
    /// view: an absent field means "as everyone").
    pub fn to_value(&self) -> Value {
        let fields = vec![
            ("touchpoint", Some(text(&self.touchpoint))),
            ("entry", self.entry.map(Value::from)),
            ("emotion", self.emotion.map(Value::from)),
            ("dropout", self.dropout.map(Value::from)),
        ];
        object(fields, &self.extra)
    }
}

impl PersonaDef {
    /// The persona as JSON: as the file writes it (`all` false: empty
    /// fields left out) or with every field (the view).
    pub fn to_value(&self, all: bool) -> Value {
        let overrides = self.overrides.iter().map(Override::to_value).collect();
        let skip = self.skip.iter().map(|s| text(s)).collect();
        let fields = vec![
            ("id", Some(text(&self.id))),
            ("name", Some(text(&self.name))),
            (
                "description",
                (all || !self.description.is_empty()).then(|| text(&self.description)),
            ),
            (
                "overrides",
                (all || !self.overrides.is_empty()).then_some(overrides),
            ),
            ("skip", (all || !self.skip.is_empty()).then_some(skip)),
        ];
        object(fields, &self.extra)
    }

    /// The override of touchpoint `id`, if any.
    pub fn override_of(&self, id: &str) -> Option<&Override> {
        self.overrides.iter().find(|o| o.touchpoint == id)
    }

    /// Whether it names touchpoint `id` (an override or a skip).
    pub fn names(&self, id: &str) -> bool {
        self.skip.iter().any(|s| s == id) || self.override_of(id).is_some()
    }

    /// This persona without anything about touchpoint `id`.
    pub fn without(&self, id: &str) -> PersonaDef {
        let mut p = self.clone();
        p.overrides.retain(|o| o.touchpoint != id);
        p.skip.retain(|s| s != id);
        p
    }
}

impl Serialize for PersonaDef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value(false).serialize(s)
    }
}
