//! The whole map beyond the touchpoints (file format version 2, SPEC
//! section 11): lanes in display order, and blueprint items that sit in a
//! lane and a stage and serve touchpoints. A backstage or support item can
//! be a fail point; its failures raise the dropout of the touchpoints it
//! serves (see [`fail_keep`]).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::rules::{check_id, check_string, out_of_range, Limits};
use super::types::Extra;
use super::types::Stage;
use crate::error::{JourneyError, Result};

/// What a lane holds. The blueprint kinds (frontstage, backstage, support)
/// place the three lines of the service blueprint (see [`lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneKind {
    /// Thoughts and feelings: what customers think and say (quotes).
    Thoughts,
    /// Physical evidence: what customers see and hold.
    Evidence,
    /// Frontstage actions: the staff and systems customers meet.
    Frontstage,
    /// Backstage actions: the work customers do not see.
    Backstage,
    /// Support processes: the systems and teams behind the backstage.
    Support,
    /// The touchpoints' pain points (drawn from them; items may add more).
    PainPoints,
    /// The touchpoints' opportunities (drawn from them; items may add more).
    Opportunities,
    /// Anything else a team keeps on its map.
    Custom,
}

/// Every kind with its name in the file, in the order the format lists them.
pub const LANE_KINDS: [(LaneKind, &str); 8] = [
    (LaneKind::Thoughts, "thoughts"),
    (LaneKind::Evidence, "evidence"),
    (LaneKind::Frontstage, "frontstage"),
    (LaneKind::Backstage, "backstage"),
    (LaneKind::Support, "support"),
    (LaneKind::PainPoints, "painPoints"),
    (LaneKind::Opportunities, "opportunities"),
    (LaneKind::Custom, "custom"),
];

impl LaneKind {
    /// The kind's name in the file.
    pub fn name(self) -> &'static str {
        LANE_KINDS
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("custom", |(_, n)| n)
    }

    /// Whether an item of a lane of this kind may be a fail point: only
    /// backstage and support work fails out of the customer's sight and
    /// makes a touchpoint fail with it. A frontstage failure is the
    /// touchpoint itself failing: its own dropout says that already.
    pub fn may_fail(self) -> bool {
        matches!(self, LaneKind::Backstage | LaneKind::Support)
    }
}

/// A row of the map, in display order (`lanes` in the file).
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub id: String,
    pub kind: LaneKind,
    pub name: String,
    /// Kept in the file but not drawn.
    pub hidden: bool,
    pub extra: Extra,
}

/// How often a backstage or support item fails, and whom a failure loses.
#[derive(Debug, Clone, PartialEq)]
pub struct FailPoint {
    /// Share of the customers passing a touchpoint it serves who meet a
    /// failure, in [0, 1] ("the ID check is down 5% of the time": 0.05).
    pub rate: f64,
    /// Share of those meeting a failure who give up, in [0, 1] (default 1).
    pub lost: f64,
    pub extra: Extra,
}

/// A blueprint item: a note, an action or a system in a lane and a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub lane: String,
    pub stage: String,
    pub text: String,
    /// The touchpoints it serves, by id.
    pub touchpoints: Vec<String>,
    pub fail_point: Option<FailPoint>,
    pub extra: Extra,
}

/// An object of the fields given (`None`: left out), then the record's
/// unknown fields (a known name wins). Personas write theirs with it too.
pub(super) fn object(fields: Vec<(&str, Option<Value>)>, extra: &Extra) -> Value {
    let mut map = Map::with_capacity(fields.len() + extra.len());
    for (k, v) in fields {
        if let Some(v) = v {
            map.insert(k.to_string(), v);
        }
    }
    for (k, v) in extra {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(map)
}

pub(super) fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

impl Lane {
    /// The lane as JSON: as the file writes it (`all` false: defaults left
    /// out) or with every field (the view).
    pub fn to_value(&self, all: bool) -> Value {
        let hidden = (all || self.hidden).then(|| self.hidden.into());
        let fields = vec![
            ("id", Some(text(&self.id))),
            ("kind", Some(text(self.kind.name()))),
            ("name", Some(text(&self.name))),
            ("hidden", hidden),
        ];
        object(fields, &self.extra)
    }
}

impl Item {
    /// The item as JSON: as the file writes it (`all` false: defaults left
    /// out) or with every field, `failPoint` null when it is none (the view).
    pub fn to_value(&self, all: bool) -> Value {
        let fail = self.fail_point.as_ref().map(|f| {
            let lost = (all || f.lost != 1.0).then(|| f.lost.into());
            object(
                vec![("rate", Some(f.rate.into())), ("lost", lost)],
                &f.extra,
            )
        });
        let touchpoints = self.touchpoints.iter().map(|t| text(t)).collect();
        let fields = vec![
            ("id", Some(text(&self.id))),
            ("lane", Some(text(&self.lane))),
            ("stage", Some(text(&self.stage))),
            (
                "text",
                (all || !self.text.is_empty()).then(|| text(&self.text)),
            ),
            (
                "touchpoints",
                (all || !self.touchpoints.is_empty()).then_some(touchpoints),
            ),
            (
                "failPoint",
                if all {
                    Some(fail.unwrap_or(Value::Null))
                } else {
                    fail
                },
            ),
        ];
        object(fields, &self.extra)
    }
}

// The file writes lanes and items through their JSON values: serde's
// derived code for records with unknown fields is large in the wasm.
impl Serialize for Lane {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value(false).serialize(s)
    }
}

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value(false).serialize(s)
    }
}

/// One of the three lines of the service blueprint, drawn above `lane`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// "interaction", "visibility" or "internal".
    pub kind: &'static str,
    pub name: &'static str,
    /// The first shown lane below the line.
    pub lane: String,
}

/// The blueprint lines of `lanes` (display order, hidden ones skipped):
/// the line of interaction above the first frontstage, backstage or
/// support lane (the customer's touchpoints are above it); the line of
/// visibility above the first backstage or support lane; the line of
/// internal interaction above the first support lane. A line whose lanes
/// below are all absent is not drawn.
pub fn lines(lanes: &[Lane]) -> Vec<Line> {
    use LaneKind::{Backstage, Frontstage, Support};
    let rules: [(&str, &str, &[LaneKind]); 3] = [
        (
            "interaction",
            "Line of interaction",
            &[Frontstage, Backstage, Support],
        ),
        ("visibility", "Line of visibility", &[Backstage, Support]),
        ("internal", "Line of internal interaction", &[Support]),
    ];
    rules
        .iter()
        .filter_map(|(kind, name, below)| {
            let lane = lanes
                .iter()
                .find(|l| !l.hidden && below.contains(&l.kind))?;
            Some(Line {
                kind,
                name,
                lane: lane.id.clone(),
            })
        })
        .collect()
}

/// For each touchpoint that fail points serve, the share of its customers
/// that no failure loses: Π_i (1 − rate_i · lost_i) over the fail points i
/// linked to it (failures independent). Its effective dropout is then
/// d′ = 1 − (1 − d) · keep. Empty when the journey has no fail point.
pub fn fail_keep(items: &[Item]) -> HashMap<&str, f64> {
    let mut keep: HashMap<&str, f64> = HashMap::new();
    for item in items {
        let Some(f) = &item.fail_point else { continue };
        let lose = (f.rate * f.lost).clamp(0.0, 1.0);
        // An item names a touchpoint once for the product (a repeat in
        // its list is refused on input, and harmless here).
        let mut seen = HashSet::new();
        for tp in &item.touchpoints {
            if seen.insert(tp.as_str()) {
                *keep.entry(tp.as_str()).or_insert(1.0) *= 1.0 - lose;
            }
        }
    }
    keep
}

/// The dropout of a touchpoint with base dropout `d` whose customers are
/// kept from failures with share `keep` (see [`fail_keep`]).
pub fn failed_dropout(d: f64, keep: f64) -> f64 {
    (1.0 - (1.0 - d) * keep).clamp(0.0, 1.0)
}

fn in_unit(path: String, field: &str, x: f64) -> Result<()> {
    if (0.0..=1.0).contains(&x) {
        Ok(())
    } else {
        Err(out_of_range(
            path,
            format!("{field} is {x}; it must be between 0 and 1."),
        ))
    }
}

/// Checks one lane's own fields; `path` is its JSON pointer.
pub fn check_lane(lane: &Lane, path: &str, limits: &Limits) -> Result<()> {
    check_id(path, "lane", &lane.id)?;
    check_string(&format!("{path}/name"), &lane.name, limits)
}

/// Checks the lanes of a journey: each lane's fields and unique ids.
pub fn check_lanes(lanes: &[Lane], limits: &Limits) -> Result<()> {
    let mut ids = HashSet::new();
    for (i, lane) in lanes.iter().enumerate() {
        let path = format!("/lanes/{i}");
        check_lane(lane, &path, limits)?;
        if !ids.insert(lane.id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!(
                    "Two lanes have the id \"{}\"; lane ids must be unique.",
                    lane.id
                ),
            });
        }
    }
    Ok(())
}

/// What an item may name: the journey's lanes, stages and touchpoints.
pub struct Names<'a, F: Fn(&str) -> bool> {
    pub lanes: &'a [Lane],
    pub stages: &'a [Stage],
    /// Whether a touchpoint with this id exists.
    pub touchpoint: F,
}

/// Checks one item against what it may name; `path` is its JSON pointer.
///
/// # Errors
/// `unknown_lane`, `unknown_stage`, `unknown_touchpoint`, `duplicate_id`
/// (a touchpoint named twice), `out_of_range` (a rate or share outside
/// 0..1), `wrong_lane` (a fail point outside backstage and support).
pub fn check_item<F: Fn(&str) -> bool>(
    j: &Names<'_, F>,
    item: &Item,
    path: &str,
    limits: &Limits,
) -> Result<()> {
    let lane = |id: &str| j.lanes.iter().find(|l| l.id == id);
    let stage = |id: &str| j.stages.iter().any(|s| s.id == id);
    check_one(item, path, limits, &lane, &stage, &j.touchpoint)
}

fn check_one<'l>(
    item: &Item,
    path: &str,
    limits: &Limits,
    lane: &dyn Fn(&str) -> Option<&'l Lane>,
    stage: &dyn Fn(&str) -> bool,
    touchpoint: &dyn Fn(&str) -> bool,
) -> Result<()> {
    check_id(path, "item", &item.id)?;
    check_string(&format!("{path}/text"), &item.text, limits)?;
    let Some(lane) = lane(&item.lane) else {
        return Err(JourneyError::UnknownLane {
            path: format!("{path}/lane"),
            detail: format!(
                "Item \"{}\" is in lane \"{}\", which is not one of the journey's lanes.",
                item.id, item.lane
            ),
        });
    };
    if !stage(&item.stage) {
        return Err(JourneyError::UnknownStage {
            path: format!("{path}/stage"),
            detail: format!(
                "Item \"{}\" is in stage \"{}\", which is not one of the journey's stages.",
                item.id, item.stage
            ),
        });
    }
    let mut seen = HashSet::new();
    for (k, tp) in item.touchpoints.iter().enumerate() {
        let at = format!("{path}/touchpoints/{k}");
        if !touchpoint(tp) {
            return Err(JourneyError::UnknownTouchpoint {
                path: at,
                detail: format!(
                    "Item \"{}\" serves touchpoint \"{tp}\", which does not exist.",
                    item.id
                ),
            });
        }
        if !seen.insert(tp.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: at,
                detail: format!("Item \"{}\" names touchpoint \"{tp}\" twice.", item.id),
            });
        }
    }
    if let Some(f) = &item.fail_point {
        let fpath = format!("{path}/failPoint");
        if !lane.kind.may_fail() {
            return Err(JourneyError::WrongLane {
                path: fpath,
                detail: format!(
                    "Item \"{}\" is a fail point in lane \"{}\" ({}); only backstage and support items are fail points (a failure the customer sees is the touchpoint's own dropout).",
                    item.id, lane.name, lane.kind.name()
                ),
            });
        }
        in_unit(format!("{fpath}/rate"), "rate", f.rate)?;
        in_unit(format!("{fpath}/lost"), "lost", f.lost)?;
    }
    Ok(())
}

/// Checks every item and that their ids are unique.
pub fn check_items<F: Fn(&str) -> bool>(
    j: &Names<'_, F>,
    items: &[Item],
    limits: &Limits,
) -> Result<()> {
    // Looked up by id: a file may hold many lanes and items.
    let lanes: HashMap<&str, &Lane> = j.lanes.iter().map(|l| (l.id.as_str(), l)).collect();
    let stages: HashSet<&str> = j.stages.iter().map(|s| s.id.as_str()).collect();
    let mut ids = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("/items/{i}");
        let lane = |id: &str| lanes.get(id).copied();
        let stage = |id: &str| stages.contains(id);
        check_one(item, &path, limits, &lane, &stage, &j.touchpoint)?;
        if !ids.insert(item.id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!(
                    "Two items have the id \"{}\"; item ids must be unique.",
                    item.id
                ),
            });
        }
    }
    Ok(())
}
