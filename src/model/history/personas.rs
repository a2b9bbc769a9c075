//! The persona edits, each with its exact inverse (a snapshot of the
//! personas before it), and the pruning that keeps every persona valid
//! after any other edit.

use super::super::journey::Journey;
use super::super::persona_walk::check_persona;
use super::super::personas::PersonaDef;
use super::super::rules::Limits;
use super::Step;
use crate::error::{JourneyError, Result};

pub(super) fn put(
    j: &mut Journey,
    persona: PersonaDef,
    index: Option<usize>,
    limits: &Limits,
) -> Result<Step> {
    let at = j.personas.iter().position(|p| p.id == persona.id);
    let path = format!("/personas/{}", at.unwrap_or(j.personas.len()));
    check_persona(j, &persona, &path, limits)?;
    let old = j.personas.clone();
    match at {
        Some(i) => j.personas[i] = persona,
        None => {
            let i = index.unwrap_or(j.personas.len()).min(j.personas.len());
            j.personas.insert(i, persona);
        }
    }
    if j.personas == old {
        return Ok(Step::Unchanged);
    }
    Ok(Step::SetPersonas(old))
}

pub(super) fn remove(j: &mut Journey, id: &str) -> Result<Step> {
    let i =
        j.personas
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| JourneyError::UnknownPersona {
                path: "/personas".into(),
                detail: format!("There is no persona \"{id}\"."),
            })?;
    let old = j.personas.clone();
    j.personas.remove(i);
    Ok(Step::SetPersonas(old))
}

/// Whether persona `p` may keep what it says of touchpoint `id` in `j`:
/// the touchpoint exists, and a skipped one is no goal and has a way on.
fn still_valid(j: &Journey, id: &str, skipped: bool) -> bool {
    let Some(tp) = j.touchpoint(id) else {
        return false;
    };
    !skipped || (!tp.goal && j.successors(id).iter().any(|(to, _)| *to != id))
}

/// `inverse`, preceded by the personas as they were when the edit left
/// one of them naming a touchpoint that is gone, or skipping one that
/// became a goal or an end: those overrides and skips are dropped, so
/// that the journey stays a valid file.
pub(super) fn with_persona_pruning(j: &mut Journey, inverse: Step) -> Step {
    if j.personas.is_empty() {
        return inverse;
    }
    let pruned: Vec<PersonaDef> = j
        .personas
        .iter()
        .map(|p| {
            let mut q = p.clone();
            q.overrides.retain(|o| still_valid(j, &o.touchpoint, false));
            q.skip.retain(|s| still_valid(j, s, true));
            q
        })
        .collect();
    if pruned == j.personas {
        return inverse;
    }
    let before = std::mem::replace(&mut j.personas, pruned);
    Step::Batch(vec![Step::SetPersonas(before), inverse])
}
