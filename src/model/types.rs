//! The records a journey is made of, exactly as the file format names them
//! (SPEC sections 2 and 4). Every record keeps the fields it does not know in
//! `extra`, so that a file written by a newer minor release loses nothing on
//! the way through this one.

use serde::{Deserialize, Serialize};

// Records are read by hand (model::read), which also gives their serde
// `Deserialize`; only the small `Kind` keeps serde's derived reading.
use serde_json::{Map, Value};

use super::basis::Basis;
use super::metrics::Metric;

/// Fields of a record that this version does not know; kept verbatim.
pub type Extra = Map<String, Value>;

/// A column of the map: awareness, research, purchase …
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who the journey is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Persona {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Whether the customer meets the company (a call, a chat) or only its
/// traces (an advert, a review someone wrote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Direct,
    Indirect,
}

impl Kind {
    fn is_direct(&self) -> bool {
        *self == Kind::Direct
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
fn is_one(x: &f64) -> bool {
    *x == 1.0
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// One moment of the journey (SPEC section 2).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Touchpoint {
    pub id: String,
    pub name: String,
    pub stage: String,
    /// How the customer feels here, in [-1, 1]; None: not rated (the file
    /// leaves it out). An unrated emotion counts as 0 in the flow, but no
    /// figure that rests only on emotions is reported from it, and no
    /// opportunity is claimed from it (SPEC section 3: not rated is not
    /// zero). A rating of 0 is written as 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emotion: Option<f64>,
    /// How strongly this moment weighs, in [0, 1].
    #[serde(skip_serializing_if = "is_one")]
    pub impact: f64,
    /// Share of arriving customers who give up after it, in [0, 1].
    #[serde(skip_serializing_if = "is_zero")]
    pub dropout: f64,
    /// Relative share of customers who start here, ≥ 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub entry: f64,
    #[serde(skip_serializing_if = "is_false")]
    pub goal: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub channel: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(skip_serializing_if = "Kind::is_direct")]
    pub kind: Kind,
    #[serde(skip_serializing_if = "is_false")]
    pub service: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub proactive: bool,
    /// Customer effort score as surveyed, 1–7.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<u8>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<String>,
    /// Whether its emotion, dropout and entry share are measured or
    /// assumed, with a source note (absent from the file: all assumed).
    #[serde(skip_serializing_if = "Basis::is_default")]
    pub basis: Basis,
    /// What was measured of it (CSAT, CES, NPS, volume, cost per contact).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Touchpoint {
    /// A touchpoint with every optional field at its default.
    pub fn new(id: impl Into<String>, name: impl Into<String>, stage: impl Into<String>) -> Self {
        Touchpoint {
            id: id.into(),
            name: name.into(),
            stage: stage.into(),
            emotion: None,
            impact: 1.0,
            dropout: 0.0,
            entry: 0.0,
            goal: false,
            channel: String::new(),
            owner: String::new(),
            kind: Kind::Direct,
            service: false,
            proactive: false,
            effort: None,
            notes: String::new(),
            pain_points: Vec::new(),
            opportunities: Vec::new(),
            basis: Basis::default(),
            metrics: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Felt emotion f = emotion · impact (SPEC section 3); 0 when not rated.
    pub fn felt(&self) -> f64 {
        self.emotion_value() * self.impact
    }

    /// The emotion in the flow: the rating, or 0 (neutral) when not rated.
    pub fn emotion_value(&self) -> f64 {
        self.emotion.unwrap_or(0.0)
    }

    /// Whether the emotion was rated (set in the file or by an edit).
    pub fn rated(&self) -> bool {
        self.emotion.is_some()
    }
}

/// A directed move between two touchpoints, as the file writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransitionRecord {
    pub from: String,
    pub to: String,
    /// Relative share of the customers leaving `from` who go to `to`; > 0.
    #[serde(skip_serializing_if = "is_one")]
    pub weight: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The two ends of a transition; a transition is identified by them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ends {
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Weights of the remembered experience R = peak·a + end·b + mean·c.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberWeights {
    pub peak: f64,
    pub end: f64,
    pub mean: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for RememberWeights {
    fn default() -> Self {
        RememberWeights {
            peak: 0.5,
            end: 0.5,
            mean: 0.0,
            extra: Extra::new(),
        }
    }
}

fn default_satisfied_at() -> f64 {
    0.2
}
fn default_promoter_at() -> f64 {
    0.5
}
fn default_max_steps() -> u32 {
    1000
}

/// How the journey is analysed and simulated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// k in d′ = σ(logit(d) − k·(e′ − e)).
    pub sensitivity: f64,
    pub remember_weights: RememberWeights,
    pub satisfied_at: f64,
    pub promoter_at: f64,
    pub max_steps: u32,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Settings {
    /// Whether every setting is at its default (the file then leaves
    /// `settings` out).
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sensitivity: 1.0,
            remember_weights: RememberWeights::default(),
            satisfied_at: default_satisfied_at(),
            promoter_at: default_promoter_at(),
            max_steps: default_max_steps(),
            extra: Extra::new(),
        }
    }
}

/// One change of a scenario, as the file writes it: an object with the
/// fields of exactly one kind of change (see [`Change`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emotion: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropout: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emotion_by: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact_by: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropout_by: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add: Option<Touchpoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remove: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add_transition: Option<TransitionRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remove_transition: Option<Ends>,
    /// With `failRate`: the fail point (an item) whose rate this changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_rate: Option<f64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A named what-if: a list of changes to the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub changes: Vec<ChangeRecord>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a journey fitted from observed paths was fitted from (SPEC section
/// 3, "Observed paths"): the totals that attribution shares out.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observed {
    /// Customer paths counted (conversions + nulls over all rows).
    pub paths: f64,
    pub conversions: f64,
    pub nulls: f64,
    /// Total conversion value, when the file had a `value` column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// What the paths say of each channel, keyed by its touchpoint's id
    /// (file order); empty for files fitted before it was counted.
    #[serde(skip_serializing_if = "ObservedChannels::is_empty")]
    pub channels: ObservedChannels,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The observed counts of one channel, counted at fit time from the paths
/// (after consecutive repeats collapse), and the simple attribution models
/// an analyst compares the Markov model with.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservedChannel {
    /// Customer paths (conversions + nulls) that contain the channel.
    pub paths: f64,
    /// Conversions of those paths.
    pub conversions: f64,
    /// First-touch credit: conversions of the paths that start here.
    pub first_touch: f64,
    /// Last-touch credit: conversions of the paths that end here.
    pub last_touch: f64,
    /// Linear credit: each converting path's conversions shared equally
    /// among its visits (a channel visited twice gets two shares;
    /// consecutive repeats are one visit, as in the fit, where
    /// ChannelAttribution's heuristic_models counts each touch).
    pub linear: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Observed counts by touchpoint id, in file order; written as an object
/// `{id: {...}}`. An id whose touchpoint was since deleted is kept (the
/// format loses nothing) and shown nowhere.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObservedChannels(pub Vec<(String, ObservedChannel)>);

impl ObservedChannels {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The counts of the channel of touchpoint `id`.
    pub fn get(&self, id: &str) -> Option<&ObservedChannel> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

impl Serialize for ObservedChannels {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
