//! The rules of What-if editing on a scenario's list of changes: each
//! function takes the list and gives the list after one step (see the
//! module above for the rules in words).

use super::super::types::{ChangeRecord, Ends, Touchpoint, TransitionRecord};
use super::{Field, FIELDS};

/// Whether change `c` mentions touchpoint `id` anywhere.
pub(crate) fn names_touchpoint(c: &ChangeRecord, id: &str) -> bool {
    [&c.touchpoint, &c.from, &c.to, &c.remove]
        .into_iter()
        .any(|f| f.as_deref() == Some(id))
        || c.add.as_ref().is_some_and(|t| t.id == id)
        || c.add_transition
            .as_ref()
            .is_some_and(|t| t.from == id || t.to == id)
        || c.remove_transition
            .as_ref()
            .is_some_and(|t| t.from == id || t.to == id)
}

fn is_weight(c: &ChangeRecord, from: &str, to: &str) -> bool {
    c.weight.is_some() && c.from.as_deref() == Some(from) && c.to.as_deref() == Some(to)
}

fn adds_transition(c: &ChangeRecord, from: &str, to: &str) -> bool {
    c.add_transition
        .as_ref()
        .is_some_and(|t| t.from == from && t.to == to)
}

fn removes_transition(c: &ChangeRecord, from: &str, to: &str) -> bool {
    c.remove_transition
        .as_ref()
        .is_some_and(|t| t.from == from && t.to == to)
}

/// Whether touchpoint `id` exists only because the scenario adds it.
pub(super) fn is_added(changes: &[ChangeRecord], id: &str) -> bool {
    changes
        .iter()
        .any(|c| c.add.as_ref().is_some_and(|t| t.id == id))
}

fn touchpoint_change(id: &str, field: Field, value: f64) -> ChangeRecord {
    let mut c = ChangeRecord {
        touchpoint: Some(id.to_string()),
        ..ChangeRecord::default()
    };
    *field.slots(&mut c).0 = Some(value);
    c
}

/// `c` without its setting of `field` for touchpoint `id`; `None` when that
/// was all it did.
fn drop_field(mut c: ChangeRecord, id: &str, field: Field) -> Option<ChangeRecord> {
    if c.touchpoint.as_deref() != Some(id) {
        return Some(c);
    }
    let (set, by) = field.slots(&mut c);
    *set = None;
    *by = None;
    FIELDS.iter().any(|f| f.in_change(&c)).then_some(c)
}

/// Sets one field of a touchpoint in the scenario, so that the scenario's
/// journey shows exactly `value` there (see the module's rules).
pub(crate) fn set_field(
    changes: Vec<ChangeRecord>,
    id: &str,
    field: Field,
    value: f64,
) -> Vec<ChangeRecord> {
    if is_added(&changes, id) {
        return changes
            .into_iter()
            .map(|mut c| {
                if let Some(tp) = c.add.as_mut().filter(|t| t.id == id) {
                    field.put(tp, value);
                }
                c
            })
            .filter_map(|c| drop_field(c, id, field))
            .collect();
    }
    let mine = |c: &ChangeRecord| c.touchpoint.as_deref() == Some(id);
    let mut placed = false;
    let mut out: Vec<ChangeRecord> = Vec::with_capacity(changes.len() + 1);
    for mut c in changes {
        if mine(&c) && field.in_change(&c) {
            if !placed {
                let (set, by) = field.slots(&mut c);
                *set = Some(value);
                *by = None;
                out.push(c);
                placed = true;
            } else if let Some(c) = drop_field(c, id, field) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    let moves_emotion = |c: &ChangeRecord| mine(c) && Field::Emotion.in_change(c);
    if field == Field::Dropout {
        // An emotion change moves the dropout it finds, so a set dropout
        // goes after them all.
        let last_emotion = out.iter().rposition(moves_emotion);
        let at = out.iter().position(|c| mine(c) && c.dropout.is_some());
        if let (true, Some(at)) = (placed, at) {
            if last_emotion.is_none_or(|e| at > e) {
                return out;
            }
        }
        let mut rest: Vec<ChangeRecord> = if placed {
            out.into_iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    if Some(i) == at {
                        drop_field(c, id, Field::Dropout)
                    } else {
                        Some(c)
                    }
                })
                .collect()
        } else {
            out
        };
        let after = rest.iter().rposition(moves_emotion);
        let at = after.map_or(rest.len(), |a| a + 1);
        rest.insert(at, touchpoint_change(id, Field::Dropout, value));
        return rest;
    }
    if placed {
        return out;
    }
    let change = touchpoint_change(id, field, value);
    let before = if field == Field::Emotion {
        out.iter()
            .position(|c| mine(c) && Field::Dropout.in_change(c))
    } else {
        None
    };
    match before {
        Some(b) => out.insert(b, change),
        None => out.push(change),
    }
    out
}

/// Replaces the record of a touchpoint the scenario adds (its own values
/// now carry every field).
pub(super) fn update_added(changes: Vec<ChangeRecord>, tp: &Touchpoint) -> Vec<ChangeRecord> {
    changes
        .into_iter()
        .map(|mut c| {
            if c.add.as_ref().is_some_and(|t| t.id == tp.id) {
                c.add = Some(tp.clone());
            }
            c
        })
        .filter_map(|c| FIELDS.iter().try_fold(c, |c, &f| drop_field(c, &tp.id, f)))
        .collect()
}

pub(super) fn set_weight(
    mut changes: Vec<ChangeRecord>,
    from: &str,
    to: &str,
    weight: f64,
) -> Vec<ChangeRecord> {
    if let Some(t) = changes.iter_mut().find_map(|c| {
        c.add_transition
            .as_mut()
            .filter(|t| t.from == from && t.to == to)
    }) {
        t.weight = weight;
        return changes;
    }
    if let Some(c) = changes.iter_mut().find(|c| is_weight(c, from, to)) {
        c.weight = Some(weight);
        return changes;
    }
    changes.push(weight_change(from, to, weight));
    changes
}

fn weight_change(from: &str, to: &str, weight: f64) -> ChangeRecord {
    ChangeRecord {
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        weight: Some(weight),
        ..ChangeRecord::default()
    }
}

pub(super) fn add_transition(
    changes: Vec<ChangeRecord>,
    t: &TransitionRecord,
) -> Vec<ChangeRecord> {
    let (from, to) = (t.from.as_str(), t.to.as_str());
    let mut changes = changes;
    if changes.iter().any(|c| removes_transition(c, from, to)) {
        // Taking back a removal: the baseline transition returns, with this weight.
        changes.retain(|c| !removes_transition(c, from, to));
        changes.push(weight_change(from, to, t.weight));
    } else {
        changes.push(ChangeRecord {
            add_transition: Some(t.clone()),
            ..ChangeRecord::default()
        });
    }
    changes
}

pub(super) fn remove_transition(
    mut changes: Vec<ChangeRecord>,
    from: &str,
    to: &str,
) -> Vec<ChangeRecord> {
    let added = changes.iter().any(|c| adds_transition(c, from, to));
    changes.retain(|c| {
        !(adds_transition(c, from, to) || removes_transition(c, from, to) || is_weight(c, from, to))
    });
    if !added {
        changes.push(ChangeRecord {
            remove_transition: Some(Ends {
                from: from.to_string(),
                to: to.to_string(),
                extra: Default::default(),
            }),
            ..ChangeRecord::default()
        });
    }
    changes
}

pub(super) fn remove_touchpoint(mut changes: Vec<ChangeRecord>, id: &str) -> Vec<ChangeRecord> {
    let added = is_added(&changes, id);
    // Nothing may name the touchpoint after it is gone (the scenario would
    // not apply).
    changes.retain(|c| !names_touchpoint(c, id));
    if !added {
        changes.push(ChangeRecord {
            remove: Some(id.to_string()),
            ..ChangeRecord::default()
        });
    }
    changes
}

/// Change `index` taken out of a list, with every later change that needs
/// what it added (the changes of an added touchpoint, the reweighting of
/// an added transition). `None` when there is no such change.
pub(crate) fn without_change(changes: &[ChangeRecord], index: usize) -> Option<Vec<ChangeRecord>> {
    let gone = changes.get(index)?;
    let rest = changes
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != index)
        .map(|(_, c)| c);
    Some(match (&gone.add, &gone.add_transition) {
        (Some(tp), _) => rest
            .filter(|c| !names_touchpoint(c, &tp.id))
            .cloned()
            .collect(),
        (None, Some(t)) => rest
            .filter(|c| !is_weight(c, &t.from, &t.to))
            .cloned()
            .collect(),
        _ => rest.cloned().collect(),
    })
}
