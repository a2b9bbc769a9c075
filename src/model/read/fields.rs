//! The fields of one JSON object, read one by one by the readers of
//! model::read.

use serde_json::{Map, Value};

use super::{boolean, child, list, number, text, wrong};
use crate::error::{JourneyError, Result};
use crate::model::types::Extra;

/// The fields of one JSON object, taken one by one; what is left is the
/// record's `extra`.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    pub path: &'a str,
    taken: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    pub fn of(v: &'a Value, path: &'a str, what: &str) -> Result<Fields<'a>> {
        match v {
            Value::Object(map) => Ok(Fields {
                map,
                path,
                taken: Vec::with_capacity(map.len().max(4)),
            }),
            other => Err(wrong(path, what, other)),
        }
    }

    /// The value of `key`, if present (a `null` counts as present).
    pub fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.taken.push(key);
        self.map.get(key)
    }

    /// The value of `key`, absent and `null` alike as `None`.
    pub fn given(&mut self, key: &'static str) -> Option<&'a Value> {
        self.get(key).filter(|v| !v.is_null())
    }

    pub fn required(&mut self, key: &'static str) -> Result<&'a Value> {
        let path = self.path;
        self.get(key).ok_or_else(|| JourneyError::Schema {
            path: path.to_string(),
            detail: format!("{path}: missing field `{key}`."),
        })
    }

    /// `read` of the value of `key`, or `default` when it is absent.
    pub fn or<T>(
        &mut self,
        key: &'static str,
        default: T,
        read: impl Fn(&Value, &str) -> Result<T>,
    ) -> Result<T> {
        match self.get(key) {
            Some(v) => read(v, &child(self.path, key)),
            None => Ok(default),
        }
    }

    /// `read` of the value of `key`; `None` when it is absent or `null`.
    pub fn opt<T>(
        &mut self,
        key: &'static str,
        read: impl Fn(&Value, &str) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.given(key) {
            Some(v) => read(v, &child(self.path, key)).map(Some),
            None => Ok(None),
        }
    }

    /// `read` of the value of `key`, or `default` when it is absent, for a
    /// reader of one plain value: its pointer is made only for an error
    /// (the reader is run again with it).
    fn leaf<T>(
        &mut self,
        key: &'static str,
        default: T,
        read: impl Fn(&Value, &str) -> Result<T>,
    ) -> Result<T> {
        match self.get(key) {
            Some(v) => read(v, "").or_else(|_| read(v, &child(self.path, key))),
            None => Ok(default),
        }
    }

    pub fn text(&mut self, key: &'static str) -> Result<String> {
        let v = self.required(key)?;
        text(v, "").or_else(|_| text(v, &child(self.path, key)))
    }

    pub fn text_or_empty(&mut self, key: &'static str) -> Result<String> {
        self.leaf(key, String::new(), text)
    }

    pub fn number_or(&mut self, key: &'static str, default: f64) -> Result<f64> {
        self.leaf(key, default, number)
    }

    pub fn flag(&mut self, key: &'static str) -> Result<bool> {
        self.leaf(key, false, boolean)
    }

    pub fn texts(&mut self, key: &'static str) -> Result<Vec<String>> {
        self.or(key, Vec::new(), |v, p| list(v, p, text))
    }

    /// The fields not taken, in the order of the file.
    pub fn extra(self) -> Extra {
        self.map
            .iter()
            .filter(|(k, _)| !self.taken.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
