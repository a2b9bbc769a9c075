//! Applying a scenario's changes to a copy of the baseline. The baseline is
//! never touched; a change that cannot be applied fails the whole scenario
//! with the JSON pointer of that change.

use super::change::{Change, TouchpointChange};
use super::journey::Journey;
use super::rules::{check_touchpoint, shifted_dropout, Limits};
use super::types::{ChangeRecord, Scenario};
use crate::error::{JourneyError, Result};

impl Journey {
    /// The scenario with this id.
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// A copy of this journey with the changes applied in order. An emotion
    /// change moves the dropout through the sensitivity link
    /// d′ = σ(logit(d) − k·(e′ − e)) unless the same change sets or shifts
    /// the dropout itself, which then wins (a shift applies after the link).
    /// `path` is the JSON pointer of the list of changes, for errors.
    ///
    /// # Errors
    /// `unknown_touchpoint`, `unknown_stage`, `duplicate_id`,
    /// `out_of_range`, `schema`, naming the change.
    pub fn with_changes(&self, changes: &[ChangeRecord], path: &str) -> Result<Journey> {
        let mut j = self.clone();
        let limits = Limits::default();
        let k = self.settings.sensitivity;
        // Changes neither add nor remove items: positions stay valid.
        let mut item_at: Option<std::collections::HashMap<&str, usize>> = None;
        for (c, rec) in changes.iter().enumerate() {
            let cpath = format!("{path}/{c}");
            let unknown = |field: &str, what: String| JourneyError::UnknownTouchpoint {
                path: format!("{cpath}/{field}"),
                detail: what,
            };
            match Change::from_record(rec, &cpath)? {
                Change::Touchpoint { id, change } => {
                    let Some(tp) = j.touchpoint_mut(&id) else {
                        return Err(unknown(
                            "touchpoint",
                            format!(
                                "This change is to touchpoint \"{id}\", which does not exist here."
                            ),
                        ));
                    };
                    apply_fields(tp, &change, k);
                }
                Change::Weight { from, to, weight } => match j.transition_mut(&from, &to) {
                    Some(link) => link.weight = weight,
                    None => {
                        return Err(unknown(
                            "from",
                            format!(
                                "There is no transition from \"{from}\" to \"{to}\" to reweight."
                            ),
                        ))
                    }
                },
                Change::Add(tp) => {
                    let apath = format!("{cpath}/add");
                    check_touchpoint(&tp, &apath, &limits)?;
                    if !j.stages.iter().any(|s| s.id == tp.stage) {
                        return Err(JourneyError::UnknownStage {
                            path: format!("{apath}/stage"),
                            detail: format!("The added touchpoint \"{}\" is in stage \"{}\", which does not exist.", tp.name, tp.stage),
                        });
                    }
                    let id = tp.id.clone();
                    if !j.insert_touchpoint(*tp) {
                        return Err(JourneyError::DuplicateId {
                            path: format!("{apath}/id"),
                            detail: format!(
                                "This change adds touchpoint \"{id}\", but that id is taken."
                            ),
                        });
                    }
                }
                Change::Remove(id) => {
                    if j.remove_touchpoint(&id).is_none() {
                        return Err(unknown(
                            "remove",
                            format!("This change removes touchpoint \"{id}\", which does not exist here."),
                        ));
                    }
                }
                Change::AddTransition(t) => {
                    let tpath = format!("{cpath}/addTransition");
                    for (field, id) in [("from", &t.from), ("to", &t.to)] {
                        if !j.contains(id) {
                            return Err(JourneyError::UnknownTouchpoint {
                                path: format!("{tpath}/{field}"),
                                detail: format!("This new transition's \"{field}\" names touchpoint \"{id}\", which does not exist here."),
                            });
                        }
                    }
                    if !(t.weight > 0.0 && t.weight.is_finite()) {
                        return Err(JourneyError::OutOfRange {
                            path: format!("{tpath}/weight"),
                            detail: format!(
                                "weight is {}; a transition weight must be above 0.",
                                t.weight
                            ),
                        });
                    }
                    let (from, to) = (t.from.clone(), t.to.clone());
                    if !j.insert_transition(t) {
                        return Err(JourneyError::DuplicateId {
                            path: tpath,
                            detail: format!("This change adds a transition from \"{from}\" to \"{to}\", which already exists."),
                        });
                    }
                }
                Change::FailRate { item, rate } => {
                    // By id: a file may hold many items and many changes.
                    let at = item_at.get_or_insert_with(|| {
                        let ids = self.items.iter().enumerate();
                        ids.map(|(i, it)| (it.id.as_str(), i)).collect()
                    });
                    let found = at.get(item.as_str()).and_then(|&i| j.items.get_mut(i));
                    let Some(it) = found else {
                        return Err(JourneyError::UnknownItem {
                            path: format!("{cpath}/item"),
                            detail: format!(
                                "This change is to item \"{item}\", which does not exist."
                            ),
                        });
                    };
                    let Some(f) = it.fail_point.as_mut() else {
                        return Err(JourneyError::WrongLane {
                            path: format!("{cpath}/item"),
                            detail: format!("This change sets the failure rate of item \"{item}\", which is no fail point; mark it a fail point first."),
                        });
                    };
                    f.rate = rate;
                }
                Change::RemoveTransition(e) => {
                    if j.remove_transition(&e.from, &e.to).is_none() {
                        return Err(unknown(
                            "removeTransition",
                            format!(
                                "There is no transition from \"{}\" to \"{}\" to remove.",
                                e.from, e.to
                            ),
                        ));
                    }
                }
            }
        }
        Ok(j)
    }
}

fn apply_fields(tp: &mut super::types::Touchpoint, c: &TouchpointChange, k: f64) {
    let e_old = tp.emotion_value();
    let e_new = match (c.emotion, c.emotion_by) {
        (Some(e), _) => e,
        (None, Some(by)) => (e_old + by).clamp(-1.0, 1.0),
        (None, None) => e_old,
    };
    if c.emotion.is_some() || c.emotion_by.is_some() {
        tp.emotion = Some(e_new);
    }
    let linked = shifted_dropout(tp.dropout, e_old, e_new, k);
    tp.dropout = match (c.dropout, c.dropout_by) {
        (Some(d), _) => d,
        (None, Some(by)) => (linked + by).clamp(0.0, 1.0),
        (None, None) => linked,
    };
    tp.impact = match (c.impact, c.impact_by) {
        (Some(m), _) => m,
        (None, Some(by)) => (tp.impact + by).clamp(0.0, 1.0),
        (None, None) => tp.impact,
    };
}
