//! One JSON writer for compact and pretty text. serde_json's two
//! formatters are two types, so every record serialised both ways (the
//! file: `toJSON` pretty, `toObject` compact) was compiled twice into the
//! wasm; here the choice is a value, and each record has one serialiser.
//! The text is byte for byte what `serde_json::to_string` and
//! `to_string_pretty` write.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// Compact or pretty (two-space indent), chosen at run time.
enum Style {
    Compact,
    Pretty(PrettyFormatter<'static>),
}

/// The methods PrettyFormatter overrides; every other one is the
/// trait's default, the same for both.
macro_rules! either {
    ($self:ident, $f:ident($($arg:expr),*)) => {
        match $self {
            Style::Compact => CompactFormatter.$f($($arg),*),
            Style::Pretty(p) => p.$f($($arg),*),
        }
    };
}

impl Formatter for Style {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, begin_array(w))
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, end_array(w))
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        either!(self, begin_array_value(w, first))
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, end_array_value(w))
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, begin_object(w))
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, end_object(w))
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        either!(self, begin_object_key(w, first))
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, begin_object_value(w))
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        either!(self, end_object_value(w))
    }
}

/// The JSON text of `value`, compact or pretty.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, pretty: bool) -> serde_json::Result<String> {
    let style = if pretty {
        Style::Pretty(PrettyFormatter::new())
    } else {
        Style::Compact
    };
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, style))?;
    // serde_json writes only UTF-8 (strings are copied whole or escaped).
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::write;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let v = json!({"a": [1, 2.5, {"b": null, "c": []}], "d": {}, "e": "x\"\n", "f": [[]]});
        assert_eq!(
            write(&v, false).unwrap(),
            serde_json::to_string(&v).unwrap()
        );
        assert_eq!(
            write(&v, true).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
