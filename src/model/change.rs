//! The changes a scenario makes to the baseline, checked and typed.
//!
//! The file writes a change as one flat object ([`ChangeRecord`]); here it
//! becomes exactly one [`Change`], or an error that says which fields clash.

use crate::error::{JourneyError, Result};

use super::types::{ChangeRecord, Ends, Touchpoint, TransitionRecord};

/// Sets or shifts a touchpoint's emotion, impact or dropout. A shift moves
/// the value and clamps it into its range.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TouchpointChange {
    pub emotion: Option<f64>,
    pub impact: Option<f64>,
    pub dropout: Option<f64>,
    pub emotion_by: Option<f64>,
    pub impact_by: Option<f64>,
    pub dropout_by: Option<f64>,
}

/// One change of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set or shift fields of an existing touchpoint.
    Touchpoint {
        id: String,
        change: TouchpointChange,
    },
    /// Give an existing transition a new weight.
    Weight {
        from: String,
        to: String,
        weight: f64,
    },
    /// Add a touchpoint.
    Add(Box<Touchpoint>),
    /// Remove a touchpoint and its transitions.
    Remove(String),
    /// Add a transition.
    AddTransition(TransitionRecord),
    /// Remove a transition.
    RemoveTransition(Ends),
    /// Give a fail point (an item) another failure rate, in [0, 1].
    FailRate { item: String, rate: f64 },
}

fn range(path: &str, field: &str, v: Option<f64>, lo: f64, hi: f64) -> Result<()> {
    match v {
        Some(x) if !(lo..=hi).contains(&x) => Err(JourneyError::OutOfRange {
            path: format!("{path}/{field}"),
            detail: format!("{field} is {x}; it must be between {lo} and {hi}."),
        }),
        _ => Ok(()),
    }
}

impl Change {
    /// Reads one change record; `path` is its JSON pointer.
    pub fn from_record(rec: &ChangeRecord, path: &str) -> Result<Change> {
        let tp_fields = [
            rec.emotion,
            rec.impact,
            rec.dropout,
            rec.emotion_by,
            rec.impact_by,
            rec.dropout_by,
        ];
        let kinds = [
            rec.touchpoint.is_some(),
            rec.from.is_some() || rec.to.is_some() || rec.weight.is_some(),
            rec.add.is_some(),
            rec.remove.is_some(),
            rec.add_transition.is_some(),
            rec.remove_transition.is_some(),
            rec.item.is_some() || rec.fail_rate.is_some(),
        ];
        let count = kinds.iter().filter(|k| **k).count();
        let tp_field_count = tp_fields.iter().filter(|f| f.is_some()).count();
        let schema = |detail: &str| JourneyError::Schema {
            path: path.to_string(),
            detail: detail.to_string(),
        };
        if count != 1 || (tp_field_count > 0 && rec.touchpoint.is_none()) {
            return Err(schema(
                "A change must be exactly one of: {touchpoint, emotion|impact|dropout|emotionBy|impactBy|dropoutBy}, {from, to, weight}, {add}, {remove}, {addTransition}, {removeTransition}, {item, failRate}.",
            ));
        }
        if let Some(id) = &rec.touchpoint {
            if tp_field_count == 0 {
                return Err(schema("This change names a touchpoint but changes nothing: give emotion, impact, dropout or one of emotionBy, impactBy, dropoutBy."));
            }
            for (set, by, name) in [
                (rec.emotion, rec.emotion_by, "emotion"),
                (rec.impact, rec.impact_by, "impact"),
                (rec.dropout, rec.dropout_by, "dropout"),
            ] {
                if set.is_some() && by.is_some() {
                    return Err(schema(&format!(
                        "This change both sets and shifts {name}; keep one of them."
                    )));
                }
            }
            range(path, "emotion", rec.emotion, -1.0, 1.0)?;
            range(path, "impact", rec.impact, 0.0, 1.0)?;
            range(path, "dropout", rec.dropout, 0.0, 1.0)?;
            range(path, "emotionBy", rec.emotion_by, -2.0, 2.0)?;
            range(path, "impactBy", rec.impact_by, -1.0, 1.0)?;
            range(path, "dropoutBy", rec.dropout_by, -1.0, 1.0)?;
            return Ok(Change::Touchpoint {
                id: id.clone(),
                change: TouchpointChange {
                    emotion: rec.emotion,
                    impact: rec.impact,
                    dropout: rec.dropout,
                    emotion_by: rec.emotion_by,
                    impact_by: rec.impact_by,
                    dropout_by: rec.dropout_by,
                },
            });
        }
        if rec.from.is_some() || rec.to.is_some() || rec.weight.is_some() {
            let (Some(from), Some(to), Some(weight)) = (&rec.from, &rec.to, rec.weight) else {
                return Err(schema(
                    "A weight change needs all three of from, to and weight.",
                ));
            };
            if !(weight > 0.0 && weight.is_finite()) {
                return Err(JourneyError::OutOfRange {
                    path: format!("{path}/weight"),
                    detail: format!("weight is {weight}; a transition weight must be a finite number above 0. To remove the transition use {{\"removeTransition\": {{\"from\", \"to\"}}}}."),
                });
            }
            return Ok(Change::Weight {
                from: from.clone(),
                to: to.clone(),
                weight,
            });
        }
        if rec.item.is_some() || rec.fail_rate.is_some() {
            let (Some(item), Some(rate)) = (&rec.item, rec.fail_rate) else {
                return Err(schema("A fail-rate change needs both item and failRate."));
            };
            range(path, "failRate", Some(rate), 0.0, 1.0)?;
            return Ok(Change::FailRate {
                item: item.clone(),
                rate,
            });
        }
        if let Some(tp) = &rec.add {
            return Ok(Change::Add(Box::new(tp.clone())));
        }
        if let Some(id) = &rec.remove {
            return Ok(Change::Remove(id.clone()));
        }
        if let Some(t) = &rec.add_transition {
            return Ok(Change::AddTransition(t.clone()));
        }
        match &rec.remove_transition {
            Some(ends) => Ok(Change::RemoveTransition(ends.clone())),
            None => Err(schema("Empty change.")),
        }
    }
}
