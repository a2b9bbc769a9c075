//! Measured metrics of a touchpoint (issue 15, SPEC section 11): what a
//! survey or an operations report says of it. In the file:
//!
//! ```json
//! "metrics": [
//!   {"metric": "csat", "value": 4.2, "respondents": 312, "date": "2026-11", "source": "Post-purchase survey"},
//!   {"metric": "volume", "value": 12000}
//! ]
//! ```
//!
//! One value per metric and touchpoint (an import of many survey rows
//! aggregates them first). The ranges: CSAT 1–5, CES 1–7, NPS −100 to 100,
//! volume (contacts) and cost per contact 0 or more. Metrics are carried and
//! shown; they enter the figures only through an emotion calibrated from
//! one of them (the editor's survey import; the mapping is
//! [`MetricKind::emotion`]), which is then marked measured.

use serde::Serialize;
use serde_json::{Map, Value};

/// Which metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MetricKind {
    /// Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).
    Csat,
    /// Customer effort score, 1 (very easy) to 7 (very hard).
    Ces,
    /// Net promoter score, −100 to 100.
    Nps,
    /// Contacts or visits in the period, 0 or more.
    Volume,
    /// Cost per contact, 0 or more, in the journey's currency.
    Cost,
}

/// Every metric, in the order the file and the inspector list them.
pub const METRIC_KINDS: [MetricKind; 5] = [
    MetricKind::Csat,
    MetricKind::Ces,
    MetricKind::Nps,
    MetricKind::Volume,
    MetricKind::Cost,
];

impl MetricKind {
    /// Its name in the file.
    pub fn key(self) -> &'static str {
        match self {
            MetricKind::Csat => "csat",
            MetricKind::Ces => "ces",
            MetricKind::Nps => "nps",
            MetricKind::Volume => "volume",
            MetricKind::Cost => "cost",
        }
    }

    /// The metric named `key` in the file.
    pub fn of(key: &str) -> Option<MetricKind> {
        METRIC_KINDS.into_iter().find(|k| k.key() == key)
    }

    /// The range of its values.
    pub fn range(self) -> (f64, f64) {
        match self {
            MetricKind::Csat => (1.0, 5.0),
            MetricKind::Ces => (1.0, 7.0),
            MetricKind::Nps => (-100.0, 100.0),
            MetricKind::Volume | MetricKind::Cost => (0.0, f64::MAX),
        }
    }
}

/// One measured value of a touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    pub metric: MetricKind,
    pub value: f64,
    /// How many answered (surveys), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondents: Option<u64>,
    /// When it was measured, as the source writes it ("2026-11", "Q3 2026").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Where it comes from.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
