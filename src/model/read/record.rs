//! The records a file holds by the thousand (stages, touchpoints,
//! transitions), read field by field: [`Record::field`] reads one field's
//! value as parsed, and both readers go through it: [`read_record`], from a
//! parsed object, and the format's direct reader, which hands each field
//! over as it parses it, with no object built (format::stream). So the two
//! read every field alike; they differ only in where the fields come from.

use serde_json::Value;

use super::{child, list, number, read_basis, read_kind, read_metrics, whole, wrong};
use crate::error::{JourneyError, Result};
use crate::model::types::{Extra, Stage, Touchpoint, TransitionRecord};

/// A record read field by field into its defaults.
pub(crate) trait Record {
    /// Its known fields, in the order they are read (so the first wrong
    /// one is the one named); the first `required()` are required.
    fn names(&self) -> &'static [&'static str];
    fn required(&self) -> usize;
    /// Reads known field `i` from its value; `path` is the record's
    /// pointer (made into the field's only for an error).
    fn field(&mut self, i: usize, v: Value, path: &str) -> Result<()>;
    fn extra(&mut self) -> &mut Extra;
    /// The record with every field at its default.
    fn empty() -> Self
    where
        Self: Sized;
}

/// A record from a parsed object: each known field in the order of
/// `names`, the first missing required one named, the rest to `extra` in
/// the object's order.
pub(crate) fn read_record<T: Record>(v: &Value, path: &str, what: &str) -> Result<T> {
    let mut record = T::empty();
    read_into(&mut record, v, path, what)?;
    Ok(record)
}

/// [`read_record`] into a record at its defaults (one copy for every kind
/// of record).
fn read_into(record: &mut dyn Record, v: &Value, path: &str, what: &str) -> Result<()> {
    let Value::Object(map) = v else {
        return Err(wrong(path, what, v));
    };
    let names = record.names();
    for (i, key) in names.iter().enumerate() {
        match map.get(*key) {
            Some(v) => record.field(i, v.clone(), path)?,
            None if i < record.required() => {
                return Err(JourneyError::Schema {
                    path: path.to_string(),
                    detail: format!("{path}: missing field `{key}`."),
                })
            }
            None => {}
        }
    }
    for (k, v) in map {
        if !names.contains(&k.as_str()) {
            record.extra().insert(k.clone(), v.clone());
        }
    }
    Ok(())
}

/// read::text, taking the text rather than copying it.
fn text(v: Value, path: &str, key: &str) -> Result<String> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(wrong(&child(path, key), "a text", &other)),
    }
}

/// `read` of `v`, its pointer made only for an error.
fn at<T>(v: &Value, path: &str, key: &str, read: fn(&Value, &str) -> Result<T>) -> Result<T> {
    read(v, "").or_else(|_| read(v, &child(path, key)))
}

impl Record for Stage {
    fn names(&self) -> &'static [&'static str] {
        &["id", "name"]
    }
    fn required(&self) -> usize {
        2
    }
    fn field(&mut self, i: usize, v: Value, path: &str) -> Result<()> {
        let key = self.names()[i.min(1)];
        *(if i == 0 { &mut self.id } else { &mut self.name }) = text(v, path, key)?;
        Ok(())
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
    fn empty() -> Self {
        Stage {
            id: String::new(),
            name: String::new(),
            extra: Extra::new(),
        }
    }
}

impl Record for TransitionRecord {
    fn names(&self) -> &'static [&'static str] {
        &["from", "to", "weight"]
    }
    fn required(&self) -> usize {
        2
    }
    fn field(&mut self, i: usize, v: Value, path: &str) -> Result<()> {
        match i {
            0 => self.from = text(v, path, "from")?,
            1 => self.to = text(v, path, "to")?,
            _ => self.weight = at(&v, path, "weight", number)?,
        }
        Ok(())
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
    fn empty() -> Self {
        TransitionRecord {
            from: String::new(),
            to: String::new(),
            weight: 1.0,
            extra: Extra::new(),
        }
    }
}

/// A touchpoint's fields in the file, in the order the view writes them
/// (format/view.rs) and [`Record::field`] numbers them.
pub(crate) const TOUCHPOINT: &[&str] = &[
    "id",
    "name",
    "stage",
    "emotion",
    "impact",
    "dropout",
    "entry",
    "goal",
    "channel",
    "owner",
    "kind",
    "service",
    "proactive",
    "effort",
    "notes",
    "painPoints",
    "opportunities",
    "basis",
    "metrics",
];

impl Record for Touchpoint {
    fn names(&self) -> &'static [&'static str] {
        TOUCHPOINT
    }
    fn required(&self) -> usize {
        3
    }
    fn field(&mut self, i: usize, v: Value, path: &str) -> Result<()> {
        let key = TOUCHPOINT[i.min(TOUCHPOINT.len() - 1)];
        // One assignment per kind of field (the wasm is smaller so).
        match i {
            0 | 1 | 2 | 8 | 9 | 14 => {
                *(match i {
                    0 => &mut self.id,
                    1 => &mut self.name,
                    2 => &mut self.stage,
                    8 => &mut self.channel,
                    9 => &mut self.owner,
                    _ => &mut self.notes,
                }) = text(v, path, key)?
            }
            4..=6 => {
                *(match i {
                    4 => &mut self.impact,
                    5 => &mut self.dropout,
                    _ => &mut self.entry,
                }) = at(&v, path, key, number)?
            }
            7 | 11 | 12 => {
                *(match i {
                    7 => &mut self.goal,
                    11 => &mut self.service,
                    _ => &mut self.proactive,
                }) = at(&v, path, key, super::boolean)?
            }
            // `null` is no emotion, no effort, as absent.
            3 | 13 if v.is_null() => {}
            3 => self.emotion = Some(at(&v, path, key, number)?),
            13 => self.effort = Some(at(&v, path, key, |v, p| whole(v, p, 255).map(|n| n as u8))?),
            10 => self.kind = at(&v, path, key, read_kind)?,
            15 | 16 => {
                let list = match v {
                    // Each text taken, not copied; only a wrong one needs
                    // the reader that names it.
                    Value::Array(items) if items.iter().all(Value::is_string) => items
                        .into_iter()
                        .map(|s| text(s, "", ""))
                        .collect::<Result<Vec<_>>>()?,
                    other => list(&other, &child(path, key), super::text)?,
                };
                *(if i == 15 {
                    &mut self.pain_points
                } else {
                    &mut self.opportunities
                }) = list;
            }
            17 => self.basis = at(&v, path, key, read_basis)?,
            _ => self.metrics = at(&v, path, key, read_metrics)?,
        }
        Ok(())
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
    fn empty() -> Self {
        Touchpoint::new(String::new(), String::new(), String::new())
    }
}
