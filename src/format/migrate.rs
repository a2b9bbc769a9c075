//! Reading the header and bringing older files up to the current version.
//!
//! A file names its version; one of a later version is refused whole before
//! anything of its body is read, and one of an earlier version passes
//! through each migration step in turn (`MIGRATIONS[v - 1]` turns version v
//! into v + 1). Each step is the whole difference between two versions,
//! so a file of any earlier version reads as if written in this one.

use serde_json::Value;

use super::{FORMAT, VERSION};
use crate::error::{JourneyError, Result};

type Migration = fn(&mut Value) -> Result<()>;

/// One step per version after the first, in order.
const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 2 lists the map's lanes (SPEC section 11). Version 1 drew two,
/// always, from the touchpoints' own lists: pain points, then
/// opportunities. They become explicit lanes, so a migrated map shows what
/// it showed before and can now hide, rename or move them. A version 1
/// file that kept a `lanes` field of its own (an unknown field then) is
/// read as version 2 writes it.
fn v1_to_v2(value: &mut Value) -> Result<()> {
    if let Value::Object(map) = value {
        if !map.contains_key("lanes") {
            let lane =
                |id: &str, name: &str| serde_json::json!({"id": id, "kind": id, "name": name});
            map.insert(
                "lanes".to_string(),
                Value::Array(vec![
                    lane("painPoints", "Pain points"),
                    lane("opportunities", "Opportunities"),
                ]),
            );
        }
        map.insert("version".to_string(), Value::from(2));
    }
    Ok(())
}

/// Parses the text, checks the header and migrates the body to [`VERSION`].
pub fn to_current(text: &str) -> Result<Value> {
    // A byte-order mark is no part of the JSON; editors on Windows add one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| JourneyError::Parse {
        detail: describe(&e),
        line: e.line(),
        column: e.column(),
    })?;
    // serde_json keeps each number's text (feature arbitrary_precision: the
    // reader then parses it with the standard library's correctly rounded
    // parser, and unknown fields round-trip as written); a number beyond
    // f64's range is refused here, where serde_json would have refused it.
    if has_infinite(&value) {
        if let Some((line, column)) = out_of_range_number(text) {
            return Err(JourneyError::Parse {
                detail: "number out of range".to_string(),
                line,
                column,
            });
        }
    }
    upgrade(value)
}

/// Checks the header of a parsed file and migrates its body to
/// [`VERSION`]. The steps look at top-level fields only (never into
/// `stages`, `touchpoints` or `transitions`, which the direct reader of
/// `super::stream` reads apart from the rest).
pub(super) fn upgrade(mut value: Value) -> Result<Value> {
    let Value::Object(map) = &value else {
        return Err(JourneyError::WrongFormat {
            path: String::new(),
            detail: "a journeygraph file is a JSON object with \"format\": \"journeygraph\"."
                .to_string(),
        });
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(JourneyError::WrongFormat {
                path: "/format".to_string(),
                detail: format!("its \"format\" is {other}, not \"{FORMAT}\"."),
            })
        }
        None => {
            return Err(JourneyError::WrongFormat {
                path: "/format".to_string(),
                detail: format!("it has no \"format\": \"{FORMAT}\" field."),
            })
        }
    }
    let version = match map.get("version") {
        // JSON does not tell 1 from 1.0, and some writers emit the latter.
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)),
        Some(_) => None,
        None => {
            return Err(JourneyError::Schema {
                path: "/version".to_string(),
                detail: "The file has no \"version\"; every journeygraph file names the version of its format."
                    .to_string(),
            })
        }
    };
    let found = map
        .get("version")
        .map(|v| v.to_string())
        .unwrap_or_default();
    let version = match version {
        Some(v) if (1..=VERSION as u64).contains(&v) => v as u32,
        Some(v) if v > VERSION as u64 => {
            return Err(JourneyError::UnsupportedVersion {
                path: "/version".to_string(),
                found,
                supported: VERSION,
            })
        }
        _ => {
            return Err(JourneyError::UnsupportedVersion {
                path: "/version".to_string(),
                found,
                supported: VERSION,
            })
        }
    };
    for step in MIGRATIONS.iter().skip(version as usize - 1) {
        step(&mut value)?;
    }
    if let Value::Object(map) = &mut value {
        map.insert("version".to_string(), Value::from(VERSION));
    }
    Ok(value)
}

/// serde_json's message without its trailing position (we report it apart).
/// Whether a number in `v` is too large for an f64 (serde_json then gives
/// no f64 for it).
pub(super) fn has_infinite(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_f64().is_none_or(f64::is_infinite),
        Value::Array(a) => a.iter().any(has_infinite),
        Value::Object(m) => m.values().any(has_infinite),
        _ => false,
    }
}

/// The line and column (from 1) of the first number in the JSON `text` too
/// large for an f64.
fn out_of_range_number(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let (mut i, mut line, mut line_start, mut in_string) = (0, 1, 0, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'\n' => (line, line_start) = (line + 1, i + 1),
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < b.len()
                        && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                    {
                        i += 1;
                    }
                    if text[start..i].parse::<f64>().is_ok_and(f64::is_infinite) {
                        return Some((line, text[line_start..start].chars().count() + 1));
                    }
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

fn describe(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
