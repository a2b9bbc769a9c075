//! The journey as a front end shows and edits it: every field of every
//! record present, at the value the model holds (a touchpoint the file
//! gives no impact has impact 1 here), so that no default of the format is
//! coded again in JavaScript. Unknown fields are kept, so a record of the
//! view sent back in an edit (`{...touchpoint, emotion}`) loses nothing.
//! Scenario changes stay as written: a field a change leaves out is not
//! part of it.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::{FORMAT, VERSION};
use crate::model::read::TOUCHPOINT;
use crate::model::{
    Basis, Extra, Journey, Kind, Link, Metric, ObservedChannels, Settings, Source, Touchpoint,
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

/// Records whose file form is complete already (a stage; a scenario, whose
/// changes are kept as written).
fn plain<T: serde::Serialize>(v: &T) -> Value {
    // Through text, with the writer and reader the package has anyway
    // (serde_json::to_value would add a serialiser of every record to
    // the wasm). Plain structs and string-keyed maps always serialise.
    super::text::write(v, false)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Writes a record's unknown fields after its known ones (`names`): a
/// known name wins, as in [`object`].
fn rest<M: SerializeMap>(map: &mut M, names: &[&str], extra: &Extra) -> Result<(), M::Error> {
    for (k, v) in extra {
        if !names.contains(&k.as_str()) {
            map.serialize_entry(k, v)?;
        }
    }
    Ok(())
}

/// A touchpoint of the view, written field by field (a journey of 10,000
/// touchpoints built 300,000 values and their names first, then wrote them).
struct TouchpointView<'a>(&'a Touchpoint);

impl Serialize for TouchpointView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let kind = match t.kind {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
        };
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &t.id)?;
        map.serialize_entry("name", &t.name)?;
        map.serialize_entry("stage", &t.stage)?;
        map.serialize_entry("emotion", &finite(t.emotion))?;
        map.serialize_entry("impact", &finite(Some(t.impact)))?;
        map.serialize_entry("dropout", &finite(Some(t.dropout)))?;
        map.serialize_entry("entry", &finite(Some(t.entry)))?;
        map.serialize_entry("goal", &t.goal)?;
        map.serialize_entry("channel", &t.channel)?;
        map.serialize_entry("owner", &t.owner)?;
        map.serialize_entry("kind", kind)?;
        map.serialize_entry("service", &t.service)?;
        map.serialize_entry("proactive", &t.proactive)?;
        map.serialize_entry("effort", &t.effort)?;
        map.serialize_entry("notes", &t.notes)?;
        map.serialize_entry("painPoints", &t.pain_points)?;
        map.serialize_entry("opportunities", &t.opportunities)?;
        map.serialize_entry("basis", &BasisView(&t.basis))?;
        if t.metrics.is_empty() {
            map.serialize_entry("metrics", &[(); 0])?;
        } else {
            map.serialize_entry("metrics", &metrics(&t.metrics))?;
        }
        rest(&mut map, TOUCHPOINT, &t.extra)?;
        map.end()
    }
}

/// A number as `Value::from(f64)` gives it: null where it is not finite.
fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|x| x.is_finite())
}

/// Every value's basis, each present: `{measured, source}`.
struct BasisView<'a>(&'a Basis);

impl Serialize for BasisView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("emotion", &SourceView(&b.emotion))?;
        map.serialize_entry("dropout", &SourceView(&b.dropout))?;
        map.serialize_entry("entry", &SourceView(&b.entry))?;
        rest(&mut map, &["emotion", "dropout", "entry"], &b.extra)?;
        map.end()
    }
}

struct SourceView<'a>(&'a Source);

impl Serialize for SourceView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let src = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("measured", &src.measured)?;
        map.serialize_entry("source", &src.source)?;
        rest(&mut map, &["measured", "source"], &src.extra)?;
        map.end()
    }
}

struct TransitionView<'a>(&'a str, &'a str, &'a Link);

impl Serialize for TransitionView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let TransitionView(from, to, link) = *self;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("from", from)?;
        map.serialize_entry("to", to)?;
        map.serialize_entry("weight", &finite(Some(link.weight)))?;
        rest(&mut map, &["from", "to", "weight"], &link.extra)?;
        map.end()
    }
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
///
/// As a value, read back from [`View`]'s text (one writer of the view).
pub fn view(journey: &Journey) -> Value {
    super::text::write(&View(journey), false)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// [`view`], written straight to a serializer (the wasm `view()` writes
/// its text and hands it to `JSON.parse`): its touchpoints and
/// transitions field by field, without building the tree of values.
pub struct View<'a>(pub &'a Journey);

const JOURNEY: [&str; 13] = [
    "format",
    "version",
    "title",
    "persona",
    "stages",
    "touchpoints",
    "transitions",
    "lanes",
    "items",
    "personas",
    "settings",
    "scenarios",
    "observed",
];

/// A sequence written item by item, from the items `0` makes.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let journey = self.0;
        let persona = journey.persona.as_ref().map(|p| {
            object(
                vec![
                    ("name", text(&p.name)),
                    ("description", text(&p.description)),
                ],
                &p.extra,
            )
        });
        let observed = journey.observed.as_ref().map(|o| {
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
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &VERSION)?;
        map.serialize_entry("title", &journey.title)?;
        map.serialize_entry("persona", &persona)?;
        map.serialize_entry("stages", &plain(&journey.stages))?;
        map.serialize_entry(
            "touchpoints",
            &Each(|| journey.touchpoints().map(TouchpointView)),
        )?;
        map.serialize_entry(
            "transitions",
            &Each(|| journey.links().map(|(a, b, l)| TransitionView(a, b, l))),
        )?;
        map.serialize_entry(
            "lanes",
            &Each(|| journey.lanes.iter().map(|l| l.to_value(true))),
        )?;
        map.serialize_entry(
            "items",
            &Each(|| journey.items.iter().map(|i| i.to_value(true))),
        )?;
        map.serialize_entry(
            "personas",
            &Each(|| journey.personas.iter().map(|p| p.to_value(true))),
        )?;
        map.serialize_entry("settings", &settings(&journey.settings))?;
        map.serialize_entry("scenarios", &plain(&journey.scenarios))?;
        map.serialize_entry("observed", &observed)?;
        rest(&mut map, &JOURNEY, &journey.extra)?;
        map.end()
    }
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
