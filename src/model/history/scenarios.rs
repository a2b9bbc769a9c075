//! The edits of scenarios: putting and removing one, an edit made in a
//! scenario (What-if), taking a change out; and the pruning that keeps
//! every scenario applicable after an edit of the baseline.

use super::super::edit::Edit;
use super::super::journey::Journey;
use super::super::rules::{check_id, check_string, Limits};
use super::super::types::{ChangeRecord, Extra, Scenario};
use super::super::whatif;
use super::{invalid, Step};
use crate::error::Result;

/// Whether any scenario names touchpoint `id`.
pub(super) fn scenarios_name(j: &Journey, id: &str) -> bool {
    j.scenarios
        .iter()
        .any(|s| s.changes.iter().any(|c| whatif::names_touchpoint(c, id)))
}

/// Drops the scenario changes that no longer apply after a structural
/// edit (a scenario cannot reweight a transition that is gone), so the
/// journey always exports to a file that imports. Returns the scenarios as
/// they were when anything was dropped.
pub(super) fn prune_scenarios(j: &mut Journey) -> Option<Vec<Scenario>> {
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

/// Adds a scenario, or replaces the one with the same id.
pub(super) fn put(j: &mut Journey, scenario: Scenario, limits: &Limits) -> Result<Step> {
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

pub(super) fn remove(j: &mut Journey, id: &str) -> Result<Step> {
    let i = j
        .scenarios
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| invalid("/scenarios", format!("There is no scenario \"{id}\".")))?;
    let old = j.scenarios.clone();
    j.scenarios.remove(i);
    Ok(Step::SetScenarios(old))
}

/// An edit made in scenario `scenario` (see `model::whatif`); a new
/// scenario is named `name`, or its id.
pub(super) fn in_scenario(
    j: &mut Journey,
    scenario: String,
    name: Option<String>,
    edit: &Edit,
    limits: &Limits,
) -> Result<Step> {
    let at = j.scenarios.iter().position(|s| s.id == scenario);
    let current = at.map_or_else(Vec::new, |i| j.scenarios[i].changes.clone());
    let path = format!("/scenarios/{}/changes", at.unwrap_or(j.scenarios.len()));
    let view = j.with_changes(&current, &path)?;
    let changes = whatif::changes_after(edit, &view, current.clone())?;
    let record = match at {
        Some(_) if changes == current => return Ok(Step::Unchanged),
        Some(i) => Scenario {
            changes,
            ..j.scenarios[i].clone()
        },
        None => Scenario {
            name: name.unwrap_or_else(|| scenario.clone()),
            id: scenario,
            changes,
            extra: Extra::new(),
        },
    };
    put(j, record, limits)
}

/// Takes change `index` out of scenario `scenario`.
pub(super) fn remove_change(
    j: &mut Journey,
    scenario: &str,
    index: usize,
    limits: &Limits,
) -> Result<Step> {
    let i = j
        .scenarios
        .iter()
        .position(|s| s.id == scenario)
        .ok_or_else(|| {
            invalid(
                "/scenarios",
                format!("There is no scenario \"{scenario}\"."),
            )
        })?;
    let changes = whatif::without_change(&j.scenarios[i].changes, index).ok_or_else(|| {
        invalid(
            format!("/scenarios/{i}/changes"),
            format!(
                "Scenario \"{scenario}\" has {} changes; there is no change {index}.",
                j.scenarios[i].changes.len()
            ),
        )
    })?;
    let record = Scenario {
        changes,
        ..j.scenarios[i].clone()
    };
    put(j, record, limits)
}
