//! The direct reader: the bulk of a file (its stages, touchpoints and
//! transitions) read from the text straight into records, with no `Value`
//! tree of them in between: no map per record with a key string and a
//! hash per field, no second and third walk for the string limit and the
//! number range, no copy of each text out of the tree and no tree to free.
//! Each field's value is parsed as the `Value` reader parses it and read by
//! the same code, `Record::field` (model::read::record); the rest of the
//! file (a few top-level fields) is parsed to a `Value` and read by
//! `read_file` as before.
//!
//! It answers only "here is the file" or "not this way" (`None`): a wrong
//! value, a text over the limit, a number beyond f64, a field given twice,
//! anything it would not read exactly as the `Value` reader does, and the
//! caller reads the text that way, which names the error with its pointer.
//! So what it reads is what the `Value` reader reads: the same fields by
//! the same code, unknown fields kept in `extra` in their order as the same
//! `Value`s, and every text and number held to the same limits.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::migrate::has_infinite;
use super::validate::strings_fit;
use super::{check_string, Limits};
use crate::model::read::Record;
use crate::model::{Stage, Touchpoint, TransitionRecord};

/// A file read directly: its three lists, and the rest of its fields.
pub(super) struct Read {
    pub rest: Value,
    pub stages: Vec<Stage>,
    pub touchpoints: Vec<Touchpoint>,
    pub transitions: Vec<TransitionRecord>,
}

/// The file, or `None`: read it the `Value` way.
pub(super) fn read(text: &str, limits: &Limits) -> Option<Read> {
    // As migrate::to_current: a byte-order mark is no part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = FileSeed(limits).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(read)
}

/// "Not this way"; the message is never shown.
fn no<E: de::Error>() -> E {
    E::custom("")
}

/// serde_json (feature arbitrary_precision) hands a number it does not
/// keep as an integer as a map of this one key to the number's text; the
/// `Value` reader takes an object whose first key is this for a number.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

fn fits(s: &str, limits: &Limits) -> bool {
    check_string("", s, limits).is_ok()
}

/// A key: the position of a known field among `names`, or another one.
enum Key {
    Known(usize),
    Other(String),
}

struct KeySeed<'a> {
    names: &'static [&'static str],
    limits: &'a Limits,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
        // The string limit covers keys (validate::check_strings).
        if !fits(s, self.limits) || s == NUMBER_TOKEN {
            return Err(no());
        }
        Ok(match self.names.iter().position(|n| *n == s) {
            Some(i) => Key::Known(i),
            None => Key::Other(s.to_owned()),
        })
    }
}

/// Any value as the `Value` reader parses it, refused if it holds a text
/// over the limit or a number beyond f64 (validate::check_strings,
/// migrate::has_infinite).
fn value<'de, A: MapAccess<'de>>(map: &mut A, limits: &Limits) -> Result<Value, A::Error> {
    let v: Value = map.next_value()?;
    if has_infinite(&v) || !strings_fit(&v, limits) {
        return Err(no());
    }
    Ok(v)
}

/// A list of records, each read in place.
trait List {
    fn push(&mut self) -> &mut dyn Record;
    fn pop(&mut self);
}

impl<T: Record> List for Vec<T> {
    fn push(&mut self) -> &mut dyn Record {
        let i = self.len();
        Vec::push(self, T::empty());
        &mut self[i]
    }
    fn pop(&mut self) {
        Vec::pop(self);
    }
}

struct RecordSeed<'a>(&'a mut dyn Record, &'a Limits);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let RecordSeed(record, limits) = self;
        let mut seen = 0u64;
        let names = record.names();
        while let Some(key) = map.next_key_seed(KeySeed { names, limits })? {
            let done = match key {
                // Given twice, the `Value` reader takes the last; rare.
                Key::Known(i) if seen & (1 << i) != 0 => None,
                Key::Known(i) => {
                    seen |= 1 << i;
                    let v = value(&mut map, limits)?;
                    record.field(i, v, "").ok()
                }
                Key::Other(k) => {
                    let v = value(&mut map, limits)?;
                    record.extra().insert(k, v);
                    Some(())
                }
            };
            done.ok_or_else(no)?;
        }
        let required = (1u64 << record.required()) - 1;
        if seen & required != required {
            return Err(no());
        }
        Ok(())
    }
}

struct ListSeed<'a>(&'a mut dyn List, &'a Limits);

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let ListSeed(list, limits) = self;
        while seq
            .next_element_seed(RecordSeed(list.push(), limits))?
            .is_some()
        {}
        // The record pushed for the element after the last.
        list.pop();
        Ok(())
    }
}

/// The top level: the three lists directly, every other field as a `Value`.
struct FileSeed<'a>(&'a Limits);

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Read;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = Read;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a journeygraph file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let limits = self.0;
        let names = &["stages", "touchpoints", "transitions"];
        let mut read = Read {
            rest: Value::Null,
            stages: Vec::new(),
            touchpoints: Vec::new(),
            transitions: Vec::new(),
        };
        let mut rest = Map::new();
        let mut seen = 0u8;
        while let Some(key) = map.next_key_seed(KeySeed { names, limits })? {
            match key {
                Key::Known(i) if seen & (1 << i) != 0 => return Err(no()),
                Key::Known(i) => {
                    seen |= 1 << i;
                    let list: &mut dyn List = match i {
                        0 => &mut read.stages,
                        1 => &mut read.touchpoints,
                        _ => &mut read.transitions,
                    };
                    map.next_value_seed(ListSeed(list, limits))?;
                }
                Key::Other(k) => {
                    let v = value(&mut map, limits)?;
                    rest.insert(k, v);
                }
            }
        }
        read.rest = Value::Object(rest);
        Ok(read)
    }
}
