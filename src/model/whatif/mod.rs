//! What-if editing: an edit made in a scenario instead of the baseline
//! ([`Edit::InScenario`]) becomes changes of that scenario, saved as one
//! step of the history like any edit, with the same undo and the same
//! pruning. The editor, workshop mode and embedding apps all send their
//! edits here, so the rules below exist once:
//!
//! - a changed emotion, impact or dropout sets that field in the scenario;
//!   changes apply in order and an emotion change moves the dropout through
//!   the sensitivity link, so an existing change of the field is replaced
//!   where it stands, a new emotion goes before the touchpoint's dropout
//!   change (which keeps winning) and a set dropout goes after its emotion
//!   changes;
//! - a touchpoint the scenario adds carries its values in its record;
//! - transitions are added, reweighted and removed, and taking back a
//!   removal brings the baseline's transition back with the new weight;
//! - deleting a touchpoint removes every change that names it;
//! - what belongs to the journey (names, stages, settings, the title) is
//!   refused with `what_if`, saying why.
//!
//! An updated touchpoint is read against the scenario's journey (what the
//! designer sees in What-if), so only the fields that differ become changes.

use crate::error::{JourneyError, Result};

mod changes;

use super::blueprint::{FailPoint, Item};
use super::edit::Edit;
use super::types::{ChangeRecord, Touchpoint, TransitionRecord};
use super::Journey;
use changes::{
    add_transition, is_added, remove_touchpoint, remove_transition, set_field, set_weight,
    update_added,
};
pub(crate) use changes::{names_touchpoint, without_change};

const LEAVE: &str = "Leave What if to change the journey itself.";

fn refuse(detail: String) -> JourneyError {
    JourneyError::WhatIf {
        path: "/edit".into(),
        detail,
    }
}

/// The touchpoint fields a scenario sets or shifts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Field {
    Emotion,
    Impact,
    Dropout,
}

const FIELDS: [Field; 3] = [Field::Emotion, Field::Impact, Field::Dropout];

impl Field {
    fn of(self, tp: &Touchpoint) -> f64 {
        match self {
            Field::Emotion => tp.emotion_value(),
            Field::Impact => tp.impact,
            Field::Dropout => tp.dropout,
        }
    }

    fn put(self, tp: &mut Touchpoint, value: f64) {
        match self {
            Field::Emotion => tp.emotion = Some(value),
            Field::Impact => tp.impact = value,
            Field::Dropout => tp.dropout = value,
        }
    }

    /// The change's setting of the field, and its shift.
    fn slots(self, c: &mut ChangeRecord) -> (&mut Option<f64>, &mut Option<f64>) {
        match self {
            Field::Emotion => (&mut c.emotion, &mut c.emotion_by),
            Field::Impact => (&mut c.impact, &mut c.impact_by),
            Field::Dropout => (&mut c.dropout, &mut c.dropout_by),
        }
    }

    /// Whether change `c` sets or shifts this field.
    fn in_change(self, c: &ChangeRecord) -> bool {
        let (set, by) = match self {
            Field::Emotion => (c.emotion, c.emotion_by),
            Field::Impact => (c.impact, c.impact_by),
            Field::Dropout => (c.dropout, c.dropout_by),
        };
        set.is_some() || by.is_some()
    }
}

/// One step an edit makes to a scenario's list of changes.
enum Step {
    Set(String, Field, f64),
    UpdateAdded(Touchpoint),
    Weight(String, String, f64),
    AddTransition(TransitionRecord),
    RemoveTransition(String, String),
    RemoveTouchpoint(String),
    AddTouchpoint(Touchpoint),
    MoveAdded(String, String),
    FailRate(String, f64),
}

fn run(changes: Vec<ChangeRecord>, step: Step) -> Vec<ChangeRecord> {
    match step {
        Step::Set(id, field, value) => set_field(changes, &id, field, value),
        Step::UpdateAdded(tp) => update_added(changes, &tp),
        Step::Weight(from, to, w) => set_weight(changes, &from, &to, w),
        Step::AddTransition(t) => add_transition(changes, &t),
        Step::RemoveTransition(from, to) => remove_transition(changes, &from, &to),
        Step::RemoveTouchpoint(id) => remove_touchpoint(changes, &id),
        Step::AddTouchpoint(tp) => {
            let mut changes = changes;
            changes.push(ChangeRecord {
                add: Some(tp),
                ..ChangeRecord::default()
            });
            changes
        }
        Step::FailRate(item, rate) => {
            let mut changes = changes;
            match changes
                .iter_mut()
                .find(|c| c.item.as_deref() == Some(item.as_str()))
            {
                Some(c) => c.fail_rate = Some(rate),
                None => changes.push(ChangeRecord {
                    item: Some(item),
                    fail_rate: Some(rate),
                    ..ChangeRecord::default()
                }),
            }
            changes
        }
        Step::MoveAdded(id, stage) => changes
            .into_iter()
            .map(|mut c| {
                if let Some(tp) = c.add.as_mut().filter(|t| t.id == id) {
                    tp.stage = stage.clone();
                }
                c
            })
            .collect(),
    }
}

/// The first field other than emotion, impact and dropout in which two
/// records of one touchpoint differ, as the inspector labels it.
fn journey_field_changed(new: &Touchpoint, shown: &Touchpoint) -> Option<String> {
    let label = |s: &str| Some(s.to_string());
    if new.name != shown.name {
        return label("Name");
    }
    if new.stage != shown.stage {
        return label("Stage");
    }
    if new.entry != shown.entry {
        return label("Entry share");
    }
    if new.channel != shown.channel {
        return label("Channel");
    }
    if new.owner != shown.owner {
        return label("Owner");
    }
    if new.kind != shown.kind {
        return label("Kind");
    }
    if new.goal != shown.goal {
        return label("Goal");
    }
    if new.service != shown.service {
        return label("Customer service");
    }
    if new.proactive != shown.proactive {
        return label("Proactive");
    }
    if new.effort != shown.effort {
        return label("Customer effort");
    }
    if new.notes != shown.notes {
        return label("Notes");
    }
    if new.pain_points != shown.pain_points {
        return label("Pain points");
    }
    if new.opportunities != shown.opportunities {
        return label("Opportunities");
    }
    if new.metrics != shown.metrics {
        return label("Metrics");
    }
    let keys = new.extra.keys().chain(shown.extra.keys());
    keys.into_iter()
        .find(|k| new.extra.get(*k) != shown.extra.get(*k))
        .cloned()
}

/// The steps `edit` makes to a scenario whose changes are `changes` and
/// whose journey is `view`.
fn steps(edit: &Edit, view: &Journey, changes: &[ChangeRecord]) -> Result<Vec<Step>> {
    Ok(match edit {
        Edit::UpdateTouchpoint { touchpoint: tp } => {
            if is_added(changes, &tp.id) {
                return Ok(vec![Step::UpdateAdded(tp.clone())]);
            }
            let Some(shown) = view.touchpoint(&tp.id) else {
                let name = if tp.name.is_empty() { &tp.id } else { &tp.name };
                return Err(refuse(format!("This scenario has no touchpoint “{name}”.")));
            };
            if let Some(label) = journey_field_changed(tp, shown) {
                return Err(refuse(format!("A scenario changes a touchpoint's emotion, impact and dropout; “{label}” belongs to the journey. {LEAVE}")));
            }
            FIELDS
                .iter()
                .filter(|f| f.of(tp) != f.of(shown))
                .map(|&f| Step::Set(tp.id.clone(), f, f.of(tp)))
                .collect()
        }
        Edit::SetWeight { from, to, weight } => {
            if *weight > 0.0 {
                vec![Step::Weight(from.clone(), to.clone(), *weight)]
            } else {
                vec![Step::RemoveTransition(from.clone(), to.clone())]
            }
        }
        Edit::AddTransition { transition } => vec![Step::AddTransition(transition.clone())],
        Edit::RemoveTransition { from, to } => {
            vec![Step::RemoveTransition(from.clone(), to.clone())]
        }
        Edit::RemoveTouchpoint { id } => vec![Step::RemoveTouchpoint(id.clone())],
        Edit::AddTouchpoint { touchpoint, .. } => vec![Step::AddTouchpoint(touchpoint.clone())],
        Edit::MoveTouchpoint { id, stage, .. } => {
            if !is_added(changes, id) {
                return Err(refuse(format!(
                    "A scenario cannot move a touchpoint of the journey to another stage. {LEAVE}"
                )));
            }
            vec![Step::MoveAdded(id.clone(), stage.clone())]
        }
        // Each edit of a batch reads the scenario as it was before the batch.
        Edit::Batch { edits } => {
            let mut all = Vec::new();
            for e in edits {
                all.extend(steps(e, view, changes)?);
            }
            all
        }
        Edit::SetTitle { .. } | Edit::SetPersona { .. } => {
            return Err(refuse(format!(
                "The title and the persona belong to the journey, not to a scenario. {LEAVE}"
            )))
        }
        Edit::AddStage { .. }
        | Edit::RenameStage { .. }
        | Edit::MoveStage { .. }
        | Edit::RemoveStage { .. } => {
            return Err(refuse(format!(
                "Stages belong to the journey; a scenario cannot change them. {LEAVE}"
            )))
        }
        // A scenario changes a fail point's rate; the rest of an item,
        // and the lanes, belong to the journey.
        Edit::UpdateItem { item } => {
            let shown = view.items.iter().find(|i| i.id == item.id);
            let rate_only = shown.zip(item.fail_point.as_ref()).and_then(|(s, f)| {
                let was = s.fail_point.as_ref()?;
                let same_rest = FailPoint { rate: was.rate, ..f.clone() } == *was
                    && Item { fail_point: s.fail_point.clone(), ..item.clone() } == *s;
                same_rest.then_some(f.rate)
            });
            match rate_only {
                Some(rate) if shown.and_then(|s| s.fail_point.as_ref()).is_some_and(|f| f.rate == rate) => Vec::new(),
                Some(rate) => vec![Step::FailRate(item.id.clone(), rate)],
                None => {
                    return Err(refuse(format!(
                        "A scenario changes a fail point's failure rate; the rest of an item belongs to the journey. {LEAVE}"
                    )))
                }
            }
        }
        Edit::AddLane { .. }
        | Edit::RenameLane { .. }
        | Edit::MoveLane { .. }
        | Edit::HideLane { .. }
        | Edit::RemoveLane { .. }
        | Edit::AddItem { .. }
        | Edit::RemoveItem { .. } => {
            return Err(refuse(format!(
                "Lanes and items belong to the journey; a scenario changes only a fail point's failure rate. {LEAVE}"
            )))
        }
        Edit::PutPersona { .. } | Edit::RemovePersona { .. } => {
            return Err(refuse(format!(
                "Personas belong to the journey; a scenario changes what every persona meets. {LEAVE}"
            )))
        }
        Edit::SetSettings { .. } => {
            return Err(refuse(format!(
                "Settings belong to the journey, not to a scenario. {LEAVE}"
            )))
        }
        Edit::PutScenario { .. }
        | Edit::RemoveScenario { .. }
        | Edit::InScenario { .. }
        | Edit::RemoveChange { .. } => {
            return Err(refuse(format!(
                "This change cannot be part of a scenario. {LEAVE}"
            )))
        }
    })
}

/// The scenario's changes after `edit`, made in What-if on a scenario whose
/// changes are `changes` and whose journey is `view`.
///
/// # Errors
/// `what_if` for an edit a scenario cannot hold.
pub(crate) fn changes_after(
    edit: &Edit,
    view: &Journey,
    changes: Vec<ChangeRecord>,
) -> Result<Vec<ChangeRecord>> {
    let steps = steps(edit, view, &changes)?;
    Ok(steps.into_iter().fold(changes, run))
}

#[cfg(test)]
mod tests;
