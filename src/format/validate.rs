//! Checks a parsed file against SPEC sections 2 and 5 and builds the
//! journey. Nothing is built until everything has passed, so a refused file
//! never leaves half a journey behind.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::JourneyFile;
use crate::error::{pointer_token, JourneyError, Result};
use crate::model::blueprint::{check_items, check_lanes, Names};
use crate::model::rules::{
    check_id, check_settings, check_string, check_touchpoint, out_of_range, Limits,
};
use crate::model::{Journey, Observed, TransitionRecord};

/// Walks every key and string of the file, known fields and kept unknown
/// ones alike, for the string limit.
pub(super) fn check_strings(value: &Value, path: &mut String, limits: &Limits) -> Result<()> {
    // Building every pointer is most of the cost; only a file with a text
    // too long needs them, to name the first one.
    if strings_fit(value, limits) {
        return Ok(());
    }
    strings_at(value, path, limits)
}

/// Whether every key and string of `value` is within the string limit.
pub(super) fn strings_fit(value: &Value, limits: &Limits) -> bool {
    let fits = |s: &str| check_string("", s, limits).is_ok();
    match value {
        Value::String(s) => fits(s),
        Value::Array(items) => items.iter().all(|v| strings_fit(v, limits)),
        Value::Object(map) => map.iter().all(|(k, v)| fits(k) && strings_fit(v, limits)),
        _ => true,
    }
}

/// [`check_strings`] with the pointer of each value, for the first one
/// too long.
fn strings_at(value: &Value, path: &mut String, limits: &Limits) -> Result<()> {
    match value {
        Value::String(s) => check_string(path, s, limits),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                strings_at(v, path, limits)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, v) in map {
                let len = path.len();
                path.push('/');
                path.push_str(&pointer_token(k));
                check_string(path, k, limits)?;
                strings_at(v, path, limits)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Counts, before typed parsing, so a huge file is refused early.
pub(super) fn check_counts(value: &Value, limits: &Limits) -> Result<()> {
    let count = |key: &str| value.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    check_count(count("touchpoints"), count("transitions"), limits)
}

/// [`check_counts`] of `n` touchpoints and `m` transitions.
pub(super) fn check_count(n: usize, m: usize, limits: &Limits) -> Result<()> {
    if n > limits.max_touchpoints {
        return Err(JourneyError::TooLarge {
            path: "/touchpoints".to_string(),
            detail: format!(
                "The journey has {n} touchpoints; journeygraph opens journeys of up to {}.",
                limits.max_touchpoints
            ),
        });
    }
    if m > limits.max_transitions {
        return Err(JourneyError::TooLarge {
            path: "/transitions".to_string(),
            detail: format!(
                "The journey has {m} transitions; journeygraph opens journeys of up to {}.",
                limits.max_transitions
            ),
        });
    }
    Ok(())
}

/// `path` gives the transition's pointer, made only for an error.
/// Returns the positions of its ends among the touchpoints.
fn check_transition(
    t: &TransitionRecord,
    path: impl Fn() -> String,
    position: impl Fn(&str) -> Option<usize>,
) -> Result<(usize, usize)> {
    let mut ends = [0; 2];
    for (end, (field, id)) in ends.iter_mut().zip([("from", &t.from), ("to", &t.to)]) {
        let Some(at) = position(id) else {
            return Err(JourneyError::UnknownTouchpoint {
                path: format!("{}/{field}", path()),
                detail: format!("This transition's \"{field}\" names touchpoint \"{id}\", which does not exist."),
            });
        };
        *end = at;
    }
    if !(t.weight > 0.0 && t.weight.is_finite()) {
        return Err(out_of_range(
            format!("{}/weight", path()),
            format!(
                "weight is {}; a transition weight must be above 0.",
                t.weight
            ),
        ));
    }
    Ok((ends[0], ends[1]))
}

/// Observed totals and per-channel counts: each finite and 0 or more, and
/// a channel's counts no more than what holds them (its conversions within
/// its paths, its first-, last-touch and linear credit within its
/// conversions, its paths within all paths; sums of fractions may pass by
/// rounding, hence the relative slack).
fn check_observed(o: &Observed) -> Result<()> {
    let check = |path: String, field: &str, x: f64, at_most: Option<(&str, f64)>| -> Result<()> {
        if !(x >= 0.0 && x.is_finite()) {
            return Err(out_of_range(
                path,
                format!("{field} is {x}; observed counts are 0 or more."),
            ));
        }
        match at_most {
            Some((what, max)) if x > max * (1.0 + 1e-9) + 1e-9 => Err(out_of_range(
                path,
                format!("{field} is {x}, more than {what} ({max})."),
            )),
            _ => Ok(()),
        }
    };
    for (field, x) in [
        ("paths", o.paths),
        ("conversions", o.conversions),
        ("nulls", o.nulls),
        ("value", o.value.unwrap_or(0.0)),
    ] {
        check(format!("/observed/{field}"), field, x, None)?;
    }
    for (id, c) in &o.channels.0 {
        let base = format!("/observed/channels/{}", pointer_token(id));
        let at = |field: &str| format!("{base}/{field}");
        check(
            at("paths"),
            "paths",
            c.paths,
            Some(("all observed paths", o.paths)),
        )?;
        check(
            at("conversions"),
            "conversions",
            c.conversions,
            Some(("its paths", c.paths)),
        )?;
        let conv = Some(("its paths' conversions", c.conversions));
        check(at("firstTouch"), "firstTouch", c.first_touch, conv)?;
        check(at("lastTouch"), "lastTouch", c.last_touch, conv)?;
        check(at("linear"), "linear", c.linear, conv)?;
    }
    Ok(())
}

/// Checks a file and builds its journey.
pub(super) fn journey_from_file(file: JourneyFile, limits: &Limits) -> Result<Journey> {
    // Stages.
    let mut stage_ids = HashSet::new();
    for (i, s) in file.stages.iter().enumerate() {
        let path = format!("/stages/{i}");
        check_id(&path, "stage", &s.id)?;
        if !stage_ids.insert(s.id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!(
                    "Two stages have the id \"{}\"; stage ids must be unique.",
                    s.id
                ),
            });
        }
    }
    // Touchpoints.
    let mut tp_ids: HashMap<&str, usize> = HashMap::with_capacity(file.touchpoints.len());
    // One buffer for every touchpoint's pointer.
    let mut path = String::from("/touchpoints/");
    for (i, tp) in file.touchpoints.iter().enumerate() {
        path.truncate("/touchpoints/".len());
        crate::model::read::push_index(&mut path, i);
        check_touchpoint(tp, &path, limits)?;
        if let Some(first) = tp_ids.insert(tp.id.as_str(), i) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!("Touchpoints {first} and {i} both have the id \"{}\"; touchpoint ids must be unique.", tp.id),
            });
        }
        if !stage_ids.contains(tp.stage.as_str()) {
            return Err(JourneyError::UnknownStage {
                path: format!("{path}/stage"),
                detail: format!("Touchpoint \"{}\" is in stage \"{}\", which is not one of the journey's stages.", tp.name, tp.stage),
            });
        }
    }
    // Transitions.
    let mut pairs = Vec::with_capacity(file.transitions.len());
    let mut ends = HashSet::with_capacity(file.transitions.len());
    for (k, t) in file.transitions.iter().enumerate() {
        let path = || format!("/transitions/{k}");
        let pair = check_transition(t, path, |id| tp_ids.get(id).copied())?;
        pairs.push(pair);
        if !ends.insert(pair) {
            return Err(JourneyError::DuplicateId {
                path: path(),
                detail: format!("There are two transitions from \"{}\" to \"{}\"; merge them into one with the summed weight.", t.from, t.to),
            });
        }
    }
    check_settings(&file.settings)?;
    check_lanes(&file.lanes, limits)?;
    // Items name lanes, stages and touchpoints.
    let names = Names {
        lanes: &file.lanes,
        stages: &file.stages,
        touchpoint: |id: &str| tp_ids.contains_key(id),
    };
    check_items(&names, &file.items, limits)?;
    // Everything passed: build.
    let mut journey = Journey::new(file.title);
    journey.persona = file.persona;
    journey.stages = file.stages;
    journey.settings = file.settings;
    journey.scenarios = file.scenarios;
    if let Some(o) = &file.observed {
        check_observed(o)?;
    }
    journey.observed = file.observed;
    journey.extra = file.extra;
    for tp in file.touchpoints {
        journey.insert_touchpoint(tp);
    }
    // Both ends exist and no two transitions share them (checked above);
    // the touchpoints went in in file order, with no id twice.
    journey.insert_new_transitions(file.transitions, &pairs);
    journey.lanes = file.lanes;
    journey.items = file.items;
    // Personas name touchpoints, and may not skip a goal or an end.
    crate::model::check_personas(&journey, &file.personas, limits)?;
    journey.personas = file.personas;
    // Scenarios: every change must apply to the baseline as the scenario's
    // earlier changes leave it; applying them is the check.
    let mut scenario_ids = HashSet::new();
    for (s, sc) in journey.scenarios.iter().enumerate() {
        let path = format!("/scenarios/{s}");
        check_id(&path, "scenario", &sc.id)?;
        if !scenario_ids.insert(sc.id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!("Two scenarios have the id \"{}\".", sc.id),
            });
        }
        journey.with_changes(&sc.changes, &format!("{path}/changes"))?;
    }
    Ok(journey)
}
