//! The journey as a front end shows and edits it: every field of every
//! record present, at the value the model holds (a touchpoint the file
//! gives no impact has impact 1 here), so that no default of the format is
//! coded again in JavaScript. Unknown fields are kept, so a record of the
//! view sent back in an edit (`{...touchpoint, emotion}`) loses nothing.
//! Scenario changes stay as written: a field a change leaves out is not
//! part of it.

use serde_json::{Map, Value};

use super::{FORMAT, VERSION};
use crate::model::{
    Basis, Extra, Journey, Kind, Metric, ObservedChannels, Settings, Source, Touchpoint,
    TransitionRecord,
};

/// An object of `fields`, then the record's unknown fields (a known name wins).
fn object(fields: Vec<(&str, Value)>, extra: &Extra) -> Value {
    let mut map = Map::with_capacity(fields.len() + extra.len());
    for (k, v) in fields {
        map.insert(k.to_string(), v);
    }
    for (k, v) in extra {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(map)
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

fn texts(list: &[String]) -> Value {
    Value::Array(list.iter().map(|s| text(s)).collect())
}

/// Records whose file form is complete already (a stage; a scenario, whose
/// changes are kept as written).
fn plain<T: serde::Serialize>(v: &T) -> Value {
    // Through text, with the writer and reader the package has anyway
    // (serde_json::to_value would add a serialiser of every record to
    // the wasm). Plain structs and string-keyed maps always serialise.
    serde_json::to_string(v)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

fn touchpoint(t: &Touchpoint) -> Value {
    let kind = match t.kind {
        Kind::Direct => "direct",
        Kind::Indirect => "indirect",
    };
    object(
        vec![
            ("id", text(&t.id)),
            ("name", text(&t.name)),
            ("stage", text(&t.stage)),
            ("emotion", t.emotion.map_or(Value::Null, Value::from)),
            ("impact", t.impact.into()),
            ("dropout", t.dropout.into()),
            ("entry", t.entry.into()),
            ("goal", t.goal.into()),
            ("channel", text(&t.channel)),
            ("owner", text(&t.owner)),
            ("kind", text(kind)),
            ("service", t.service.into()),
            ("proactive", t.proactive.into()),
            ("effort", t.effort.map_or(Value::Null, Value::from)),
            ("notes", text(&t.notes)),
            ("painPoints", texts(&t.pain_points)),
            ("opportunities", texts(&t.opportunities)),
            ("basis", basis(&t.basis)),
            ("metrics", metrics(&t.metrics)),
        ],
        &t.extra,
    )
}

/// Every value's basis, each present: `{measured, source}`.
fn basis(b: &Basis) -> Value {
    let source = |s: &Source| {
        object(
            vec![("measured", s.measured.into()), ("source", text(&s.source))],
            &s.extra,
        )
    };
    object(
        vec![
            ("emotion", source(&b.emotion)),
            ("dropout", source(&b.dropout)),
            ("entry", source(&b.entry)),
        ],
        &b.extra,
    )
}

fn transition(t: &TransitionRecord) -> Value {
    object(
        vec![
            ("from", text(&t.from)),
            ("to", text(&t.to)),
            ("weight", t.weight.into()),
        ],
        &t.extra,
    )
}

fn settings(s: &Settings) -> Value {
    let w = &s.remember_weights;
    let weights = object(
        vec![
            ("peak", w.peak.into()),
            ("end", w.end.into()),
            ("mean", w.mean.into()),
        ],
        &w.extra,
    );
    object(
        vec![
            ("sensitivity", s.sensitivity.into()),
            ("rememberWeights", weights),
            ("satisfiedAt", s.satisfied_at.into()),
            ("promoterAt", s.promoter_at.into()),
            ("maxSteps", s.max_steps.into()),
        ],
        &s.extra,
    )
}

/// Each channel's counts, every field present, keyed by touchpoint id.
fn observed_channels(channels: &ObservedChannels) -> Value {
    let mut map = Map::with_capacity(channels.0.len());
    for (id, c) in &channels.0 {
        let record = object(
            vec![
                ("paths", c.paths.into()),
                ("conversions", c.conversions.into()),
                ("firstTouch", c.first_touch.into()),
                ("lastTouch", c.last_touch.into()),
                ("linear", c.linear.into()),
            ],
            &c.extra,
        );
        map.insert(id.clone(), record);
    }
    Value::Object(map)
}

/// The complete view of a journey (see the module): the file's fields,
/// each present; `persona` and `observed` are `null` when the journey has
/// none. (The blueprint lines the lanes place are in the layout.)
pub fn view(journey: &Journey) -> Value {
    let persona = journey.persona.as_ref().map_or(Value::Null, |p| {
        object(
            vec![
                ("name", text(&p.name)),
                ("description", text(&p.description)),
            ],
            &p.extra,
        )
    });
    let observed = journey.observed.as_ref().map_or(Value::Null, |o| {
        let value = o.value.map_or(Value::Null, Value::from);
        object(
            vec![
                ("paths", o.paths.into()),
                ("conversions", o.conversions.into()),
                ("nulls", o.nulls.into()),
                ("value", value),
                ("channels", observed_channels(&o.channels)),
            ],
            &o.extra,
        )
    });
    object(
        vec![
            ("format", text(FORMAT)),
            ("version", VERSION.into()),
            ("title", text(&journey.title)),
            ("persona", persona),
            ("stages", plain(&journey.stages)),
            (
                "touchpoints",
                journey.touchpoints().map(touchpoint).collect(),
            ),
            (
                "transitions",
                journey.transitions().iter().map(transition).collect(),
            ),
            (
                "lanes",
                journey.lanes.iter().map(|l| l.to_value(true)).collect(),
            ),
            (
                "items",
                journey.items.iter().map(|i| i.to_value(true)).collect(),
            ),
            (
                "personas",
                journey.personas.iter().map(|p| p.to_value(true)).collect(),
            ),
            ("settings", settings(&journey.settings)),
            ("scenarios", plain(&journey.scenarios)),
            ("observed", observed),
        ],
        &journey.extra,
    )
}

/// The metrics as `view()` shows them: every field present.
fn metrics(metrics: &[Metric]) -> Value {
    Value::Array(
        metrics
            .iter()
            .map(|m| {
                let mut map = m.extra.clone();
                map.insert("metric".into(), m.metric.key().into());
                map.insert("value".into(), m.value.into());
                map.insert(
                    "respondents".into(),
                    m.respondents.map_or(Value::Null, Value::from),
                );
                map.insert("date".into(), m.date.clone().into());
                map.insert("source".into(), m.source.clone().into());
                Value::Object(map)
            })
            .collect(),
    )
}
