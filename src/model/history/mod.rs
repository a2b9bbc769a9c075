//! Editing a journey, with undo and redo that live in the core, so the
//! built-in editor and an embedding app share one model and one history.
//!
//! Every edit is checked before anything changes and is atomic: it either
//! applies whole and yields its exact inverse, or fails with a clear error
//! and leaves the journey as it was. Undo applies the inverse; undoing a
//! whole history gives back the journey it started from, file for file.
//!
//! The steps of the history and the document are here; each kind of edit
//! is carried out in `edits.rs`, the scenario edits in `scenarios.rs`,
//! the lane and item edits in `lanes.rs`, the persona edits in
//! `personas.rs`.

mod edits;
mod lanes;
mod personas;
mod scenarios;

use super::blueprint::{Item, Lane};
use super::edit::Edit;
use super::journey::Journey;
use super::personas::PersonaDef;
use super::rules::Limits;
use super::types::{Scenario, Stage, Touchpoint, TransitionRecord};
use crate::error::{JourneyError, Result};
use edits::apply_edit;

/// A step of the history: a public edit, or one of the exact inverses
/// that undo needs (positions and creation orders a public edit does not
/// name).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Edit(Edit),
    SetStages(Vec<Stage>),
    SetScenarios(Vec<Scenario>),
    SetLanes(Vec<Lane>),
    SetItems(Vec<Item>),
    SetPersonas(Vec<PersonaDef>),
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
    /// What an edit that changed nothing leaves to undo: nothing. Not
    /// kept in the history.
    Unchanged,
}

pub(super) fn invalid(path: impl Into<String>, detail: impl Into<String>) -> JourneyError {
    JourneyError::InvalidEdit {
        path: path.into(),
        detail: detail.into(),
    }
}

pub(super) fn unknown_tp(id: &str) -> JourneyError {
    JourneyError::UnknownTouchpoint {
        path: "/touchpoints".to_string(),
        detail: format!("There is no touchpoint \"{id}\"."),
    }
}

/// Applies a step; on success returns its inverse, on failure changes nothing.
pub(super) fn apply(j: &mut Journey, step: Step) -> Result<Step> {
    let limits = Limits::default();
    match step {
        Step::Edit(edit) => {
            let inverse = apply_edit(j, edit, &limits)?;
            Ok(personas::with_persona_pruning(j, inverse))
        }
        Step::SetStages(stages) => Ok(Step::SetStages(std::mem::replace(&mut j.stages, stages))),
        Step::SetScenarios(s) => Ok(Step::SetScenarios(std::mem::replace(&mut j.scenarios, s))),
        Step::SetLanes(l) => Ok(Step::SetLanes(std::mem::replace(&mut j.lanes, l))),
        Step::SetItems(i) => Ok(Step::SetItems(std::mem::replace(&mut j.items, i))),
        Step::SetPersonas(p) => Ok(Step::SetPersonas(std::mem::replace(&mut j.personas, p))),
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
        Step::Unchanged => Ok(Step::Unchanged),
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

    /// Applies an edit as one step of the history; true when it did (a
    /// What-if edit that leaves its scenario as it was is no step).
    /// On error nothing changed.
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
    pub fn apply(&mut self, edit: Edit) -> Result<bool> {
        let inverse = apply(&mut self.journey, Step::Edit(edit))?;
        if inverse == Step::Unchanged {
            return Ok(false);
        }
        self.revision += 1;
        self.undo.push(inverse);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(true)
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
