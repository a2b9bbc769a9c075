//! Reading the records of a journey from parsed JSON, by hand: every wrong
//! value is named by its JSON pointer, fields this version does not know
//! go to `extra` as they are, and defaults are the format's (an impact the
//! file leaves out is 1). The file, the parts an embedder sends (an edit, a
//! scenario) and serde's `Deserialize` of these types all come here, so
//! the wasm carries one reader and no buffering of serde's derived code.

mod blueprint;
mod edit;
mod fields;
mod metrics;
mod observed;
mod personas;
mod record;

use serde_json::Value;

use super::basis::{Basis, Source};
use super::types::{
    ChangeRecord, Ends, Kind, Observed, ObservedChannel, Persona, RememberWeights, Scenario,
    Settings, Stage, Touchpoint, TransitionRecord,
};
use crate::error::{pointer_token, JourneyError, Result};

pub use blueprint::{read_item, read_lane};
pub use edit::read_edit;
pub(crate) use fields::Fields;
pub(crate) use metrics::read_metrics;
pub use observed::{read_observed, read_observed_channel};
pub use personas::read_persona_def;
pub(crate) use record::{read_record, Record, TOUCHPOINT};

/// A JSON value as a message shows it: short ones whole, a text cut at
/// 40 characters, lists and objects by kind.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!("the text \"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("the text \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn wrong(path: &str, expected: &str, found: &Value) -> JourneyError {
    JourneyError::Schema {
        path: path.to_string(),
        detail: format!("{path}: expected {expected}, found {}.", shown(found)),
    }
}

/// `path/key` as a JSON pointer.
pub(crate) fn child(path: &str, key: &str) -> String {
    if key.contains(['~', '/']) {
        return format!("{path}/{}", pointer_token(key));
    }
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    out.push_str(path);
    out.push('/');
    out.push_str(key);
    out
}

pub(crate) fn text(v: &Value, path: &str) -> Result<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong(path, "a text", other)),
    }
}

pub(crate) fn number(v: &Value, path: &str) -> Result<f64> {
    match v.as_f64() {
        Some(x) if v.is_number() => Ok(x),
        _ => Err(wrong(path, "a number", v)),
    }
}

/// A whole number from 0 to `max`.
pub(crate) fn whole(v: &Value, path: &str, max: u64) -> Result<u64> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ if v.is_number() => Err(JourneyError::Schema {
            path: path.to_string(),
            detail: format!(
                "{path}: expected a whole number from 0 to {max}, found {}.",
                shown(v)
            ),
        }),
        _ => Err(wrong(path, "a whole number", v)),
    }
}

pub(crate) fn boolean(v: &Value, path: &str) -> Result<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(wrong(path, "true or false", other)),
    }
}

/// Each item of a list.
pub(crate) fn list<T>(
    v: &Value,
    path: &str,
    read: impl Fn(&Value, &str) -> Result<T>,
) -> Result<Vec<T>> {
    match v {
        Value::Array(items) => {
            // One buffer for every item's pointer, `path/i`.
            let mut at = String::with_capacity(path.len() + 8);
            at.push_str(path);
            at.push('/');
            let base = at.len();
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    at.truncate(base);
                    push_index(&mut at, i);
                    read(item, &at)
                })
                .collect()
        }
        other => Err(wrong(path, "a list", other)),
    }
}

/// Appends the decimal digits of `i` (as `format!("{i}")` writes them).
pub(crate) fn push_index(out: &mut String, i: usize) {
    let mut digits = [0u8; 20];
    let mut n = i;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        out.push(char::from(d));
    }
}

pub fn read_stage(v: &Value, path: &str) -> Result<Stage> {
    read_record(v, path, "a stage (an object)")
}

pub fn read_persona(v: &Value, path: &str) -> Result<Persona> {
    let mut f = Fields::of(v, path, "a persona (an object)")?;
    Ok(Persona {
        name: f.text_or_empty("name")?,
        description: f.text_or_empty("description")?,
        extra: f.extra(),
    })
}

fn read_kind(v: &Value, path: &str) -> Result<Kind> {
    match v.as_str() {
        Some("direct") => Ok(Kind::Direct),
        Some("indirect") => Ok(Kind::Indirect),
        _ => Err(JourneyError::Schema {
            path: path.to_string(),
            detail: format!("{path}: a touchpoint's kind is \"direct\" or \"indirect\", not {v}."),
        }),
    }
}

pub fn read_touchpoint(v: &Value, path: &str) -> Result<Touchpoint> {
    read_record(v, path, "a touchpoint (an object)")
}

/// A touchpoint's `basis`; `null` (for the whole or one value) is the
/// default: assumed, with no note.
pub(crate) fn read_basis(v: &Value, path: &str) -> Result<Basis> {
    if v.is_null() {
        return Ok(Basis::default());
    }
    let mut f = Fields::of(
        v,
        path,
        "a basis (an object such as {\"emotion\": {\"measured\": true, \"source\": \"Survey\"}})",
    )?;
    Ok(Basis {
        emotion: f.or("emotion", Source::default(), read_source)?,
        dropout: f.or("dropout", Source::default(), read_source)?,
        entry: f.or("entry", Source::default(), read_source)?,
        extra: f.extra(),
    })
}

fn read_source(v: &Value, path: &str) -> Result<Source> {
    if v.is_null() {
        return Ok(Source::default());
    }
    let mut f = Fields::of(
        v,
        path,
        "where a value comes from (an object such as {\"measured\": true, \"source\": \"Survey\"})",
    )?;
    Ok(Source {
        measured: f.or("measured", false, |v, p| match v {
            Value::Bool(b) => Ok(*b),
            Value::Null => Ok(false),
            other => Err(wrong(p, "true (measured) or false (assumed)", other)),
        })?,
        source: f.or("source", String::new(), |v, p| match v {
            Value::Null => Ok(String::new()),
            other => text(other, p),
        })?,
        extra: f.extra(),
    })
}

pub fn read_transition(v: &Value, path: &str) -> Result<TransitionRecord> {
    read_record(v, path, "a transition (an object)")
}

fn read_ends(v: &Value, path: &str) -> Result<Ends> {
    let mut f = Fields::of(v, path, "a transition's ends (an object)")?;
    Ok(Ends {
        from: f.text("from")?,
        to: f.text("to")?,
        extra: f.extra(),
    })
}

fn read_weights(v: &Value, path: &str) -> Result<RememberWeights> {
    let mut f = Fields::of(v, path, "remember weights (an object)")?;
    Ok(RememberWeights {
        peak: f.number_or("peak", 0.0)?,
        end: f.number_or("end", 0.0)?,
        mean: f.number_or("mean", 0.0)?,
        extra: f.extra(),
    })
}

pub fn read_settings(v: &Value, path: &str) -> Result<Settings> {
    let mut f = Fields::of(v, path, "settings (an object)")?;
    let d = Settings::default();
    Ok(Settings {
        sensitivity: f.number_or("sensitivity", d.sensitivity)?,
        remember_weights: f.or("rememberWeights", d.remember_weights, read_weights)?,
        satisfied_at: f.number_or("satisfiedAt", d.satisfied_at)?,
        promoter_at: f.number_or("promoterAt", d.promoter_at)?,
        max_steps: f.or("maxSteps", d.max_steps, |v, p| {
            whole(v, p, u64::from(u32::MAX)).map(|n| n as u32)
        })?,
        extra: f.extra(),
    })
}

pub fn read_change(v: &Value, path: &str) -> Result<ChangeRecord> {
    let mut f = Fields::of(v, path, "a change (an object)")?;
    Ok(ChangeRecord {
        touchpoint: f.opt("touchpoint", text)?,
        emotion: f.opt("emotion", number)?,
        impact: f.opt("impact", number)?,
        dropout: f.opt("dropout", number)?,
        emotion_by: f.opt("emotionBy", number)?,
        impact_by: f.opt("impactBy", number)?,
        dropout_by: f.opt("dropoutBy", number)?,
        from: f.opt("from", text)?,
        to: f.opt("to", text)?,
        weight: f.opt("weight", number)?,
        add: f.opt("add", read_touchpoint)?,
        remove: f.opt("remove", text)?,
        add_transition: f.opt("addTransition", read_transition)?,
        remove_transition: f.opt("removeTransition", read_ends)?,
        item: f.opt("item", text)?,
        fail_rate: f.opt("failRate", number)?,
        extra: f.extra(),
    })
}

pub fn read_scenario(v: &Value, path: &str) -> Result<Scenario> {
    let mut f = Fields::of(v, path, "a scenario (an object)")?;
    Ok(Scenario {
        id: f.text("id")?,
        name: f.text_or_empty("name")?,
        changes: f.or("changes", Vec::new(), |v, p| list(v, p, read_change))?,
        extra: f.extra(),
    })
}

/// A record read from parsed JSON by its reader, `path` naming where it is.
pub trait FromJson: Sized {
    /// # Errors
    /// `schema`, with the JSON pointer of the first wrong value.
    fn from_json(v: &Value, path: &str) -> Result<Self>;
}

/// `FromJson` by each record's reader, and serde's `Deserialize` through
/// it: for Rust callers that read records with serde (tests, embedders);
/// the package itself calls the readers directly.
macro_rules! deserialize_with {
    ($($t:ty => $read:path),* $(,)?) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value, path: &str) -> Result<Self> {
                $read(v, path)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let v = Value::deserialize(d)?;
                $read(&v, "").map_err(serde::de::Error::custom)
            }
        }
    )*};
}

deserialize_with! {
    Stage => read_stage,
    Persona => read_persona,
    Touchpoint => read_touchpoint,
    TransitionRecord => read_transition,
    Ends => read_ends,
    RememberWeights => read_weights,
    Settings => read_settings,
    ChangeRecord => read_change,
    Scenario => read_scenario,
    Observed => read_observed,
    ObservedChannel => read_observed_channel,
    super::edit::Edit => read_edit,
    super::blueprint::Lane => read_lane,
    super::blueprint::Item => read_item,
}
