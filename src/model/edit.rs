//! Editing a journey, with undo and redo that live in the core, so the
//! built-in editor and an embedding app share one model and one history.
//!
//! Every edit is checked before anything changes and is atomic: it either
//! applies whole and yields its exact inverse, or fails with a clear error
//! and leaves the journey as it was. Undo applies the inverse; undoing a
//! whole history gives back the journey it started from, file for file.

use serde::{Deserialize, Serialize};

use super::journey::Journey;
use super::rules::{check_id, check_settings, check_string, check_touchpoint, Limits};
use super::types::{
    ChangeRecord, Persona, Scenario, Settings, Stage, Touchpoint, TransitionRecord,
};
use crate::error::{JourneyError, Result};

/// One edit, as the editor and an embedding app send it (`op` names it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Edit {
    SetTitle {
        title: String,
    },
    SetPersona {
        persona: Option<Persona>,
    },
    /// Adds a stage at `index` (default: last).
    AddStage {
        stage: Stage,
        #[serde(default)]
        index: Option<usize>,
    },
    RenameStage {
        id: String,
        name: String,
    },
    MoveStage {
        id: String,
        index: usize,
    },
    /// Removes a stage. Its touchpoints move to the end of `moveTo`, or,
    /// without `moveTo`, are removed with it.
    RemoveStage {
        id: String,
        #[serde(default)]
        move_to: Option<String>,
    },
    /// Adds a touchpoint at `position` within its stage (default: last).
    AddTouchpoint {
        touchpoint: Touchpoint,
        #[serde(default)]
        position: Option<usize>,
    },
    /// Replaces every field of the touchpoint with this id; a new stage
    /// moves it to the end of that stage.
    UpdateTouchpoint {
        touchpoint: Touchpoint,
    },
    /// Moves a touchpoint to `position` within `stage` (default: last).
    MoveTouchpoint {
        id: String,
        stage: String,
        #[serde(default)]
        position: Option<usize>,
    },
    /// Removes a touchpoint and its transitions.
    RemoveTouchpoint {
        id: String,
    },
    AddTransition {
        transition: TransitionRecord,
    },
    SetWeight {
        from: String,
        to: String,
        weight: f64,
    },
    RemoveTransition {
        from: String,
        to: String,
    },
    SetSettings {
        settings: Settings,
    },
    /// Adds a scenario, or replaces the one with the same id.
    PutScenario {
        scenario: Scenario,
    },
    RemoveScenario {
        id: String,
    },
    /// Several edits as one step of the history; all or nothing.
    Batch {
        edits: Vec<Edit>,
    },
}

/// A step of the history: a public edit, or one of the exact inverses
/// that undo needs (positions and creation orders a public edit does not
/// name).
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Edit(Edit),
    SetStages(Vec<Stage>),
    SetScenarios(Vec<Scenario>),
    Replace(Touchpoint),
    Place {
        id: String,
        index: usize,
    },
    Insert {
        touchpoint: Touchpoint,
        index: usize,
        transitions: Vec<(TransitionRecord, u64)>,
    },
    Restore {
        transition: TransitionRecord,
        seq: u64,
    },
    Batch(Vec<Step>),
}

fn invalid(path: impl Into<String>, detail: impl Into<String>) -> JourneyError {
    JourneyError::InvalidEdit {
        path: path.into(),
        detail: detail.into(),
    }
}

fn unknown_tp(id: &str) -> JourneyError {
    JourneyError::UnknownTouchpoint {
        path: "/touchpoints".to_string(),
        detail: format!("There is no touchpoint \"{id}\"."),
    }
}

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

/// Whether any scenario names touchpoint `id`.
fn scenarios_name(j: &Journey, id: &str) -> bool {
    let names = |c: &ChangeRecord| {
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
    };
    j.scenarios.iter().any(|s| s.changes.iter().any(names))
}

/// Drops the scenario changes that no longer apply after a structural
/// edit (a scenario cannot reweight a transition that is gone), so the
/// journey always exports to a file that imports. Returns the scenarios as
/// they were when anything was dropped.
fn prune_scenarios(j: &mut Journey) -> Option<Vec<Scenario>> {
    let before = j.scenarios.clone();
    let mut pruned = Vec::with_capacity(before.len());
    for sc in &before {
        let mut kept: Vec<ChangeRecord> = Vec::with_capacity(sc.changes.len());
        let mut state = j.clone();
        for change in &sc.changes {
            if let Ok(next) = state.with_changes(std::slice::from_ref(change), "/changes") {
                state = next;
                kept.push(change.clone());
            }
        }
        pruned.push(Scenario {
            changes: kept,
            ..sc.clone()
        });
    }
    if pruned == before {
        None
    } else {
        j.scenarios = pruned;
        Some(before)
    }
}

/// Applies a step; on success returns its inverse, on failure changes nothing.
fn apply(j: &mut Journey, step: Step) -> Result<Step> {
    let limits = Limits::default();
    match step {
        Step::Edit(edit) => apply_edit(j, edit, &limits),
        Step::SetStages(stages) => Ok(Step::SetStages(std::mem::replace(&mut j.stages, stages))),
        Step::SetScenarios(s) => Ok(Step::SetScenarios(std::mem::replace(&mut j.scenarios, s))),
        Step::Replace(tp) => {
            let slot = j.touchpoint_mut(&tp.id).ok_or_else(|| unknown_tp(&tp.id))?;
            Ok(Step::Replace(std::mem::replace(slot, tp)))
        }
        Step::Place { id, index } => {
            let old = j.position(&id).ok_or_else(|| unknown_tp(&id))?;
            j.place_touchpoint(&id, index);
            Ok(Step::Place { id, index: old })
        }
        Step::Insert {
            touchpoint,
            index,
            transitions,
        } => {
            let id = touchpoint.id.clone();
            if !j.insert_touchpoint_at(touchpoint, index) {
                return Err(invalid(
                    "/touchpoints",
                    format!("Touchpoint \"{id}\" exists already."),
                ));
            }
            for (t, seq) in transitions {
                j.restore_transition(t, seq);
            }
            Ok(Step::Edit(Edit::RemoveTouchpoint { id }))
        }
        Step::Restore { transition, seq } => {
            let (from, to) = (transition.from.clone(), transition.to.clone());
            if !j.restore_transition(transition, seq) {
                return Err(invalid(
                    "/transitions",
                    format!("Cannot restore the transition from \"{from}\" to \"{to}\"."),
                ));
            }
            Ok(Step::Edit(Edit::RemoveTransition { from, to }))
        }
        Step::Batch(steps) => {
            let mut done: Vec<Step> = Vec::with_capacity(steps.len());
            for s in steps {
                match apply(j, s) {
                    Ok(inv) => done.push(inv),
                    Err(e) => {
                        // Roll back what this batch did, newest first.
                        for inv in done.into_iter().rev() {
                            let _ = apply(j, inv);
                        }
                        return Err(e);
                    }
                }
            }
            done.reverse();
            Ok(Step::Batch(done))
        }
    }
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

fn apply_edit(j: &mut Journey, edit: Edit, limits: &Limits) -> Result<Step> {
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
            match move_to {
                Some(target) => {
                    if target == id {
                        return Err(invalid(
                            format!("/stages/{i}"),
                            "A stage's touchpoints cannot move into the stage being removed.",
                        ));
                    }
                    stage_index(j, &target)?;
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
            Ok(inverse)
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
            let inverse = Step::Insert {
                touchpoint,
                index,
                transitions,
            };
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
        Edit::PutScenario { scenario } => {
            check_id("/scenarios", "scenario", &scenario.id)?;
            check_string("/scenarios/name", &scenario.name, limits)?;
            let i = j.scenarios.iter().position(|s| s.id == scenario.id);
            let path = format!("/scenarios/{}/changes", i.unwrap_or(j.scenarios.len()));
            j.with_changes(&scenario.changes, &path)?;
            let old = j.scenarios.clone();
            match i {
                Some(i) => j.scenarios[i] = scenario,
                None => j.scenarios.push(scenario),
            }
            Ok(Step::SetScenarios(old))
        }
        Edit::RemoveScenario { id } => {
            let i =
                j.scenarios.iter().position(|s| s.id == id).ok_or_else(|| {
                    invalid("/scenarios", format!("There is no scenario \"{id}\"."))
                })?;
            let old = j.scenarios.clone();
            j.scenarios.remove(i);
            Ok(Step::SetScenarios(old))
        }
        Edit::Batch { edits } => apply(j, Step::Batch(edits.into_iter().map(Step::Edit).collect())),
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

/// A journey with its undo and redo history.
#[derive(Debug, Clone)]
pub struct Document {
    journey: Journey,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Counts the changes of `journey`, for callers that keep figures of it.
    revision: u64,
}

/// The most steps undo remembers.
pub const HISTORY: usize = 500;

impl Document {
    /// A document with an empty history.
    pub fn new(journey: Journey) -> Self {
        Document {
            journey,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
        }
    }

    /// The journey as it is now.
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    /// Applies an edit as one step of the history. On error nothing
    /// changed.
    ///
    /// # Example
    /// ```
    /// use journeygraph::model::{Document, Edit};
    /// let mut doc = Document::new(journeygraph::format::sample());
    /// doc.apply(Edit::SetTitle { title: "Buying a phone".into() })?;
    /// doc.undo()?;
    /// assert_eq!(doc.journey().title, "Buying a smartphone online");
    /// # Ok::<(), journeygraph::JourneyError>(())
    /// ```
    pub fn apply(&mut self, edit: Edit) -> Result<()> {
        let inverse = apply(&mut self.journey, Step::Edit(edit))?;
        self.revision += 1;
        self.undo.push(inverse);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self) -> Result<bool> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match apply(&mut self.journey, step.clone()) {
            Ok(inverse) => {
                self.revision += 1;
                self.redo.push(inverse);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self) -> Result<bool> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match apply(&mut self.journey, step.clone()) {
            Ok(inverse) => {
                self.revision += 1;
                self.undo.push(inverse);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// A number that changes whenever the journey does (every edit, undo,
    /// redo and replace), so that figures computed at one revision can be
    /// kept until the next.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Replaces the journey (an import, a new file) and forgets the history.
    pub fn replace(&mut self, journey: Journey) {
        self.journey = journey;
        self.revision += 1;
        self.undo.clear();
        self.redo.clear();
    }
}
