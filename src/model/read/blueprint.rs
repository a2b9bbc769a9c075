//! Reading lanes and blueprint items (format version 2).

use serde_json::Value;

use super::{child, number, text, Fields};
use crate::error::{JourneyError, Result};
use crate::model::blueprint::{FailPoint, Item, Lane, LaneKind, LANE_KINDS};

fn read_lane_kind(v: &Value, path: &str) -> Result<LaneKind> {
    let found = v
        .as_str()
        .and_then(|s| LANE_KINDS.iter().find(|(_, n)| *n == s));
    match found {
        Some((kind, _)) => Ok(*kind),
        None => {
            let names: Vec<String> = LANE_KINDS.iter().map(|(_, n)| format!("\"{n}\"")).collect();
            Err(JourneyError::Schema {
                path: path.to_string(),
                detail: format!(
                    "{path}: a lane's kind is one of {}, not {v}.",
                    names.join(", ")
                ),
            })
        }
    }
}

pub fn read_lane(v: &Value, path: &str) -> Result<Lane> {
    let mut f = Fields::of(v, path, "a lane (an object)")?;
    let kind = read_lane_kind(f.required("kind")?, &child(path, "kind"))?;
    Ok(Lane {
        id: f.text("id")?,
        kind,
        name: f.text_or_empty("name")?,
        hidden: f.flag("hidden")?,
        extra: f.extra(),
    })
}

fn read_fail_point(v: &Value, path: &str) -> Result<FailPoint> {
    let mut f = Fields::of(v, path, "a fail point (an object such as {\"rate\": 0.05})")?;
    let rate = number(f.required("rate")?, &child(path, "rate"))?;
    Ok(FailPoint {
        rate,
        lost: f.number_or("lost", 1.0)?,
        extra: f.extra(),
    })
}

pub fn read_item(v: &Value, path: &str) -> Result<Item> {
    let mut f = Fields::of(v, path, "an item (an object)")?;
    Ok(Item {
        id: f.text("id")?,
        lane: f.text("lane")?,
        stage: f.text("stage")?,
        text: f.or("text", String::new(), text)?,
        touchpoints: f.texts("touchpoints")?,
        fail_point: f.opt("failPoint", read_fail_point)?,
        extra: f.extra(),
    })
}
