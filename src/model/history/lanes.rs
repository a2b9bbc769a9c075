//! The edits of lanes and blueprint items, each with its exact inverse: a
//! snapshot of the lanes or items before it (they are short lists), and
//! the scenarios before it when a fail-rate change no longer applies.

use super::super::blueprint::{check_item, check_lane, Item, Lane, Names};
use super::super::journey::Journey;
use super::super::rules::{check_string, Limits};
use super::scenarios::prune_scenarios;
use super::Step;
use crate::error::{JourneyError, Result};

fn lane_index(j: &Journey, id: &str) -> Result<usize> {
    j.lanes
        .iter()
        .position(|l| l.id == id)
        .ok_or_else(|| JourneyError::UnknownLane {
            path: "/lanes".to_string(),
            detail: format!("There is no lane \"{id}\"."),
        })
}

fn item_index(j: &Journey, id: &str) -> Result<usize> {
    j.items
        .iter()
        .position(|i| i.id == id)
        .ok_or_else(|| JourneyError::UnknownItem {
            path: "/items".to_string(),
            detail: format!("There is no item \"{id}\"."),
        })
}

/// `inverse`, preceded by the scenarios as they were when a change of
/// theirs to an item no longer applies (the item or its fail point gone).
pub(super) fn with_item_pruning(j: &mut Journey, inverse: Step) -> Step {
    let names_items = j
        .scenarios
        .iter()
        .any(|s| s.changes.iter().any(|c| c.item.is_some()));
    match names_items.then(|| prune_scenarios(j)).flatten() {
        Some(before) => Step::Batch(vec![Step::SetScenarios(before), inverse]),
        None => inverse,
    }
}

pub(super) fn add_lane(
    j: &mut Journey,
    lane: Lane,
    index: Option<usize>,
    limits: &Limits,
) -> Result<Step> {
    check_lane(&lane, "/lanes", limits)?;
    if j.lanes.iter().any(|l| l.id == lane.id) {
        return Err(JourneyError::DuplicateId {
            path: "/lanes".into(),
            detail: format!("There is a lane with the id \"{}\" already.", lane.id),
        });
    }
    let old = j.lanes.clone();
    let at = index.unwrap_or(j.lanes.len()).min(j.lanes.len());
    j.lanes.insert(at, lane);
    Ok(Step::SetLanes(old))
}

pub(super) fn rename_lane(
    j: &mut Journey,
    id: &str,
    name: String,
    limits: &Limits,
) -> Result<Step> {
    let i = lane_index(j, id)?;
    check_string(&format!("/lanes/{i}/name"), &name, limits)?;
    let old = j.lanes.clone();
    j.lanes[i].name = name;
    Ok(Step::SetLanes(old))
}

pub(super) fn move_lane(j: &mut Journey, id: &str, index: usize) -> Result<Step> {
    let i = lane_index(j, id)?;
    let old = j.lanes.clone();
    let lane = j.lanes.remove(i);
    j.lanes.insert(index.min(j.lanes.len()), lane);
    Ok(Step::SetLanes(old))
}

pub(super) fn hide_lane(j: &mut Journey, id: &str, hidden: bool) -> Result<Step> {
    let i = lane_index(j, id)?;
    let old = j.lanes.clone();
    j.lanes[i].hidden = hidden;
    Ok(Step::SetLanes(old))
}

pub(super) fn remove_lane(j: &mut Journey, id: &str) -> Result<Step> {
    let i = lane_index(j, id)?;
    let (lanes, items) = (j.lanes.clone(), j.items.clone());
    j.lanes.remove(i);
    j.items.retain(|it| it.lane != id);
    let inverse = Step::Batch(vec![Step::SetLanes(lanes), Step::SetItems(items)]);
    Ok(with_item_pruning(j, inverse))
}

fn check(j: &Journey, item: &Item, path: &str, limits: &Limits) -> Result<()> {
    let names = Names {
        lanes: &j.lanes,
        stages: &j.stages,
        touchpoint: |id: &str| j.contains(id),
    };
    check_item(&names, item, path, limits)
}

pub(super) fn add_item(j: &mut Journey, item: Item, limits: &Limits) -> Result<Step> {
    let path = format!("/items/{}", j.items.len());
    check(j, &item, &path, limits)?;
    if j.items.iter().any(|i| i.id == item.id) {
        return Err(JourneyError::DuplicateId {
            path: format!("{path}/id"),
            detail: format!("There is an item with the id \"{}\" already.", item.id),
        });
    }
    let old = j.items.clone();
    j.items.push(item);
    Ok(Step::SetItems(old))
}

pub(super) fn update_item(j: &mut Journey, item: Item, limits: &Limits) -> Result<Step> {
    let i = item_index(j, &item.id)?;
    check(j, &item, &format!("/items/{i}"), limits)?;
    let old = j.items.clone();
    j.items[i] = item;
    Ok(with_item_pruning(j, Step::SetItems(old)))
}

pub(super) fn remove_item(j: &mut Journey, id: &str) -> Result<Step> {
    let i = item_index(j, id)?;
    let old = j.items.clone();
    j.items.remove(i);
    Ok(with_item_pruning(j, Step::SetItems(old)))
}

/// After touchpoint `id` is gone: the items no longer serve it. Returns
/// the items as they were when any did.
pub(super) fn unlink_touchpoint(j: &mut Journey, id: &str) -> Option<Vec<Item>> {
    if !j
        .items
        .iter()
        .any(|i| i.touchpoints.iter().any(|t| t == id))
    {
        return None;
    }
    let old = j.items.clone();
    for item in &mut j.items {
        item.touchpoints.retain(|t| t != id);
    }
    Some(old)
}
