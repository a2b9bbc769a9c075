//! [`ById`]: values keyed by touchpoint id, in file order.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Values keyed by touchpoint id, kept in file order; serialized as an
/// object `{id: value}`. The ids are kept in one text rather than one
/// string each: an analysis of 10,000 touchpoints makes one allocation for
/// its ids, not 10,000 (and frees one).
#[derive(Clone, PartialEq)]
pub struct ById<T> {
    /// The ids one after another; id k is `ids[ends[k - 1]..ends[k]]`.
    ids: String,
    ends: Vec<usize>,
    values: Vec<T>,
}

impl<T> Default for ById<T> {
    fn default() -> Self {
        ById {
            ids: String::new(),
            ends: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T> ById<T> {
    /// Room for `n` values whose ids take `bytes` bytes in all.
    pub fn with_capacity(n: usize, bytes: usize) -> Self {
        ById {
            ids: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
        }
    }

    /// From ids one after another (id k ends at `ends[k]`, the ends rising
    /// to `ids.len()`) and their values in the same order.
    pub(crate) fn from_parts(ids: String, ends: Vec<usize>, values: Vec<T>) -> Self {
        debug_assert_eq!(ends.len(), values.len());
        debug_assert!(ends.windows(2).all(|w| w[0] <= w[1] && w[1] <= ids.len()));
        ById { ids, ends, values }
    }

    /// Adds a value after the others.
    pub fn push(&mut self, id: &str, value: T) {
        self.ids.push_str(id);
        self.ends.push(self.ids.len());
        self.values.push(value);
    }

    fn id(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.ids[start..self.ends[k]]
    }

    /// The value for an id.
    pub fn get(&self, id: &str) -> Option<&T> {
        (0..self.values.len())
            .find(|&k| self.id(k) == id)
            .map(|k| &self.values[k])
    }

    /// The ids and their values, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &T)> + '_ {
        (0..self.values.len()).map(move |k| (self.id(k), &self.values[k]))
    }

    /// The values in file order.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl<S: AsRef<str>, T> FromIterator<(S, T)> for ById<T> {
    fn from_iter<I: IntoIterator<Item = (S, T)>>(items: I) -> Self {
        let mut out = ById::default();
        for (id, value) in items {
            out.push(id.as_ref(), value);
        }
        out
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for ById<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for ById<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::ById;

    #[test]
    fn keeps_file_order_and_finds_each_id() {
        // "a" is a prefix of "ab", and "" is empty between "a" and "b": each id is its own slice.
        let m: ById<u32> = [("ab", 1), ("a", 2), ("", 3), ("b", 4)]
            .into_iter()
            .collect();
        assert_eq!(m.len(), 4);
        assert_eq!(m.get("a"), Some(&2));
        assert_eq!(m.get("ab"), Some(&1));
        assert_eq!(m.get(""), Some(&3));
        assert_eq!(m.get("b"), Some(&4));
        assert_eq!(m.get("abb"), None);
        let ids: Vec<&str> = m.iter().map(|(k, _)| k).collect();
        assert_eq!(ids, ["ab", "a", "", "b"]);
        assert_eq!(m.values(), &[1, 2, 3, 4]);
        assert_eq!(format!("{m:?}"), r#"{"ab": 1, "a": 2, "": 3, "b": 4}"#);
    }

    #[test]
    fn serializes_as_an_object_in_file_order() {
        let mut m = ById::with_capacity(2, 3);
        m.push("z", 0.5);
        m.push("ab", 1.0);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"z":0.5,"ab":1.0}"#);
        assert!(ById::<f64>::default().is_empty());
    }
}
