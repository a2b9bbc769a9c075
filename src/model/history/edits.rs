//! Each kind of edit carried out on a journey, with its exact inverse.

use super::super::edit::Edit;
use super::super::journey::Journey;
use super::super::rules::{check_id, check_settings, check_string, check_touchpoint, Limits};
use super::super::types::{Touchpoint, TransitionRecord};
use super::lanes;
use super::scenarios::{self, prune_scenarios, scenarios_name};
use super::{apply, invalid, unknown_tp, Step};
use crate::error::{JourneyError, Result};

fn stage_index(j: &Journey, id: &str) -> Result<usize> {
    j.stages
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| JourneyError::UnknownStage {
            path: "/stages".to_string(),
            detail: format!("There is no stage \"{id}\"."),
        })
}

/// The file-order index at which a touchpoint lands at `position` within
/// `stage` (ignoring the touchpoint `moving`, which is being moved).
fn landing(j: &Journey, stage: &str, position: Option<usize>, moving: Option<&str>) -> usize {
    let stage_rank = |s: &str| {
        j.stages
            .iter()
            .position(|x| x.id == s)
            .unwrap_or(usize::MAX)
    };
    let rank = stage_rank(stage);
    let mut seen = 0;
    let mut after_stage = None;
    let mut after_earlier = 0;
    let mut index = 0;
    for tp in j.touchpoints() {
        if Some(tp.id.as_str()) == moving {
            continue;
        }
        if tp.stage == stage {
            if Some(seen) == position {
                return index;
            }
            seen += 1;
            after_stage = Some(index + 1);
        } else if stage_rank(&tp.stage) < rank {
            after_earlier = index + 1;
        }
        index += 1;
    }
    after_stage.unwrap_or(after_earlier)
}

/// A structural step followed by scenario pruning when scenarios name `id`.
fn with_pruning(j: &mut Journey, ids: &[&str], inverse: Step) -> Step {
    if ids.iter().any(|id| scenarios_name(j, id)) {
        if let Some(before) = prune_scenarios(j) {
            return Step::Batch(vec![Step::SetScenarios(before), inverse]);
        }
    }
    inverse
}

pub(super) fn apply_edit(j: &mut Journey, edit: Edit, limits: &Limits) -> Result<Step> {
    match edit {
        Edit::SetTitle { title } => {
            check_string("/title", &title, limits)?;
            let old = std::mem::replace(&mut j.title, title);
            Ok(Step::Edit(Edit::SetTitle { title: old }))
        }
        Edit::SetPersona { persona } => {
            if let Some(p) = &persona {
                check_string("/persona/name", &p.name, limits)?;
                check_string("/persona/description", &p.description, limits)?;
            }
            let old = std::mem::replace(&mut j.persona, persona);
            Ok(Step::Edit(Edit::SetPersona { persona: old }))
        }
        Edit::AddStage { stage, index } => {
            check_id("/stages", "stage", &stage.id)?;
            check_string("/stages/name", &stage.name, limits)?;
            if j.stages.iter().any(|s| s.id == stage.id) {
                return Err(JourneyError::DuplicateId {
                    path: "/stages".into(),
                    detail: format!("There is a stage with the id \"{}\" already.", stage.id),
                });
            }
            let old = j.stages.clone();
            let at = index.unwrap_or(j.stages.len()).min(j.stages.len());
            j.stages.insert(at, stage);
            Ok(Step::SetStages(old))
        }
        Edit::RenameStage { id, name } => {
            let i = stage_index(j, &id)?;
            check_string(&format!("/stages/{i}/name"), &name, limits)?;
            let old = std::mem::replace(&mut j.stages[i].name, name);
            Ok(Step::Edit(Edit::RenameStage { id, name: old }))
        }
        Edit::MoveStage { id, index } => {
            let i = stage_index(j, &id)?;
            let old = j.stages.clone();
            let stage = j.stages.remove(i);
            j.stages.insert(index.min(j.stages.len()), stage);
            Ok(Step::SetStages(old))
        }
        Edit::RemoveStage { id, move_to } => {
            let i = stage_index(j, &id)?;
            let members: Vec<String> = j
                .touchpoints()
                .filter(|t| t.stage == id)
                .map(|t| t.id.clone())
                .collect();
            let mut steps: Vec<Step> = Vec::new();
            match &move_to {
                Some(target) => {
                    if *target == id {
                        return Err(invalid(
                            format!("/stages/{i}"),
                            "A stage's touchpoints cannot move into the stage being removed.",
                        ));
                    }
                    stage_index(j, target)?;
                    for m in &members {
                        steps.push(Step::Edit(Edit::MoveTouchpoint {
                            id: m.clone(),
                            stage: target.clone(),
                            position: None,
                        }));
                    }
                }
                None => {
                    for m in &members {
                        steps.push(Step::Edit(Edit::RemoveTouchpoint { id: m.clone() }));
                    }
                }
            }
            // Its items move with its touchpoints, or go with them.
            if j.items.iter().any(|it| it.stage == id) {
                let mut items = j.items.clone();
                match &move_to {
                    Some(target) => items
                        .iter_mut()
                        .filter(|it| it.stage == id)
                        .for_each(|it| it.stage = target.clone()),
                    None => {
                        items.retain(|it| it.stage != id);
                        // This list is applied after the touchpoints' removals,
                        // which unlink them from every item: the items left (in
                        // other stages) must not name them again.
                        let gone: std::collections::HashSet<&str> =
                            members.iter().map(String::as_str).collect();
                        for it in &mut items {
                            it.touchpoints.retain(|t| !gone.contains(t.as_str()));
                        }
                    }
                }
                steps.push(Step::SetItems(items));
            }
            let mut stages = j.stages.clone();
            stages.remove(i);
            steps.push(Step::SetStages(stages));
            let inverse = apply(j, Step::Batch(steps))?;
            // A scenario may add a touchpoint to the stage that is gone.
            let adds_here = j.scenarios.iter().any(|s| {
                s.changes
                    .iter()
                    .any(|c| c.add.as_ref().is_some_and(|t| t.stage == id))
            });
            if adds_here {
                if let Some(before) = prune_scenarios(j) {
                    return Ok(Step::Batch(vec![Step::SetScenarios(before), inverse]));
                }
            }
            // A scenario may change the rate of an item that went with it.
            Ok(lanes::with_item_pruning(j, inverse))
        }
        Edit::AddTouchpoint {
            touchpoint,
            position,
        } => {
            check_touchpoint(&touchpoint, "/touchpoints", limits)?;
            stage_index(j, &touchpoint.stage)?;
            if j.contains(&touchpoint.id) {
                return Err(JourneyError::DuplicateId {
                    path: "/touchpoints".into(),
                    detail: format!(
                        "There is a touchpoint with the id \"{}\" already.",
                        touchpoint.id
                    ),
                });
            }
            if j.touchpoint_count() >= limits.max_touchpoints {
                return Err(JourneyError::TooLarge {
                    path: "/touchpoints".into(),
                    detail: format!(
                        "A journey holds at most {} touchpoints.",
                        limits.max_touchpoints
                    ),
                });
            }
            let at = landing(j, &touchpoint.stage, position, None);
            let id = touchpoint.id.clone();
            j.insert_touchpoint_at(touchpoint, at);
            let inverse = Step::Edit(Edit::RemoveTouchpoint { id: id.clone() });
            Ok(with_pruning(j, &[&id], inverse))
        }
        Edit::UpdateTouchpoint { touchpoint } => {
            let index = j
                .position(&touchpoint.id)
                .ok_or_else(|| unknown_tp(&touchpoint.id))?;
            let path = format!("/touchpoints/{index}");
            check_touchpoint(&touchpoint, &path, limits)?;
            stage_index(j, &touchpoint.stage)?;
            let id = touchpoint.id.clone();
            let stage_changed = j
                .touchpoint(&id)
                .is_some_and(|t| t.stage != touchpoint.stage);
            let new_stage = touchpoint.stage.clone();
            let at = stage_changed.then(|| landing(j, &new_stage, None, Some(&id)));
            let old = apply(j, Step::Replace(touchpoint))?;
            match at {
                Some(at) => {
                    j.place_touchpoint(&id, at);
                    Ok(Step::Batch(vec![Step::Place { id, index }, old]))
                }
                None => Ok(old),
            }
        }
        Edit::MoveTouchpoint {
            id,
            stage,
            position,
        } => {
            let index = j.position(&id).ok_or_else(|| unknown_tp(&id))?;
            stage_index(j, &stage)?;
            let at = landing(j, &stage, position, Some(&id));
            let Some(tp) = j.touchpoint(&id).cloned() else {
                return Err(unknown_tp(&id));
            };
            let old = tp.clone();
            let moved = Touchpoint { stage, ..tp };
            apply(j, Step::Replace(moved))?;
            j.place_touchpoint(&id, at);
            Ok(Step::Batch(vec![
                Step::Place { id, index },
                Step::Replace(old),
            ]))
        }
        Edit::RemoveTouchpoint { id } => {
            let index = j.position(&id).ok_or_else(|| unknown_tp(&id))?;
            let transitions = j.transitions_touching(&id);
            let Some(touchpoint) = j.remove_touchpoint(&id) else {
                return Err(unknown_tp(&id));
            };
            let mut inverse = Step::Insert {
                touchpoint,
                index,
                transitions,
            };
            if let Some(items) = lanes::unlink_touchpoint(j, &id) {
                inverse = Step::Batch(vec![Step::SetItems(items), inverse]);
            }
            Ok(with_pruning(j, &[&id], inverse))
        }
        Edit::AddTransition { transition } => {
            for (field, id) in [("from", &transition.from), ("to", &transition.to)] {
                if !j.contains(id) {
                    return Err(JourneyError::UnknownTouchpoint {
                        path: format!("/transitions/{field}"),
                        detail: format!("The new transition's \"{field}\" names touchpoint \"{id}\", which does not exist."),
                    });
                }
            }
            check_weight(transition.weight)?;
            if j.transition(&transition.from, &transition.to).is_some() {
                return Err(JourneyError::DuplicateId {
                    path: "/transitions".into(),
                    detail: format!("There is a transition from \"{}\" to \"{}\" already; change its weight instead.", transition.from, transition.to),
                });
            }
            if j.transition_count() >= limits.max_transitions {
                return Err(JourneyError::TooLarge {
                    path: "/transitions".into(),
                    detail: format!(
                        "A journey holds at most {} transitions.",
                        limits.max_transitions
                    ),
                });
            }
            let (from, to) = (transition.from.clone(), transition.to.clone());
            j.insert_transition(transition);
            let inverse = Step::Edit(Edit::RemoveTransition {
                from: from.clone(),
                to: to.clone(),
            });
            Ok(with_pruning(j, &[&from, &to], inverse))
        }
        Edit::SetWeight { from, to, weight } => {
            check_weight(weight)?;
            let link = j
                .transition_mut(&from, &to)
                .ok_or_else(|| no_transition(&from, &to))?;
            let old = std::mem::replace(&mut link.weight, weight);
            Ok(Step::Edit(Edit::SetWeight {
                from,
                to,
                weight: old,
            }))
        }
        Edit::RemoveTransition { from, to } => {
            let seq = j
                .transition_seq(&from, &to)
                .ok_or_else(|| no_transition(&from, &to))?;
            let Some(link) = j.remove_transition(&from, &to) else {
                return Err(no_transition(&from, &to));
            };
            let inverse = Step::Restore {
                transition: TransitionRecord {
                    from: from.clone(),
                    to: to.clone(),
                    weight: link.weight,
                    extra: link.extra,
                },
                seq,
            };
            Ok(with_pruning(j, &[&from, &to], inverse))
        }
        Edit::SetSettings { settings } => {
            check_settings(&settings)?;
            let old = std::mem::replace(&mut j.settings, settings);
            Ok(Step::Edit(Edit::SetSettings { settings: old }))
        }
        Edit::PutScenario { scenario } => scenarios::put(j, scenario, limits),
        Edit::RemoveScenario { id } => scenarios::remove(j, &id),
        Edit::AddLane { lane, index } => lanes::add_lane(j, lane, index, limits),
        Edit::RenameLane { id, name } => lanes::rename_lane(j, &id, name, limits),
        Edit::MoveLane { id, index } => lanes::move_lane(j, &id, index),
        Edit::HideLane { id, hidden } => lanes::hide_lane(j, &id, hidden),
        Edit::RemoveLane { id } => lanes::remove_lane(j, &id),
        Edit::AddItem { item } => lanes::add_item(j, item, limits),
        Edit::UpdateItem { item } => lanes::update_item(j, item, limits),
        Edit::RemoveItem { id } => lanes::remove_item(j, &id),
        Edit::PutPersona { persona, index } => super::personas::put(j, persona, index, limits),
        Edit::RemovePersona { id } => super::personas::remove(j, &id),
        Edit::Batch { edits } => apply(j, Step::Batch(edits.into_iter().map(Step::Edit).collect())),
        Edit::InScenario {
            scenario,
            name,
            edit,
        } => scenarios::in_scenario(j, scenario, name, &edit, limits),
        Edit::RemoveChange { scenario, index } => {
            scenarios::remove_change(j, &scenario, index, limits)
        }
    }
}

fn check_weight(weight: f64) -> Result<()> {
    if weight > 0.0 && weight.is_finite() {
        Ok(())
    } else {
        Err(JourneyError::OutOfRange {
            path: "/transitions/weight".into(),
            detail: format!("weight is {weight}; a transition weight must be above 0."),
        })
    }
}

fn no_transition(from: &str, to: &str) -> JourneyError {
    JourneyError::UnknownTouchpoint {
        path: "/transitions".into(),
        detail: format!("There is no transition from \"{from}\" to \"{to}\"."),
    }
}
