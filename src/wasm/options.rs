//! Options objects and plain values from JavaScript, read into core types
//! with errors that carry a JSON pointer (`schema`, `out_of_range`).

use wasm_bindgen::prelude::*;

use super::error::js_error;
use crate::error::JourneyError;
use crate::format;
use crate::paths::PathOptions;
use crate::simulate::{self, Options};

#[derive(serde::Deserialize, Default)]
pub(super) struct AnalyzeOptions {
    pub touchpoints: Option<bool>,
}

#[derive(serde::Deserialize, Default)]
pub(super) struct OpportunityOptions {
    pub delta: Option<f64>,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct SensitivityOptions {
    pub amount: Option<f64>,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SimulateOptions {
    customers: Option<f64>,
    seed: Option<f64>,
    max_moments: Option<f64>,
}

/// Reads an options object (`undefined` and `null` mean all defaults).
pub(super) fn from_js<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    path: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    parse_options(value, path)
}

/// Reads a plain JavaScript value into a core type of the file format (an
/// edit, a scenario) through its JSON text, so that it is read by the same
/// code, with the same error paths, as a file.
pub(super) fn parse_js<T: crate::model::read::FromJson>(
    value: JsValue,
    path: &str,
) -> Result<T, JsValue> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error(&JourneyError::Schema {
                path: path.to_string(),
                detail: format!("{path}: expected an object."),
            })
        })?;
    format::part_from_json(&text, path).map_err(|e| js_error(&e))
}

/// Reads a small options object.
fn parse_options<T: serde::de::DeserializeOwned>(value: JsValue, path: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        js_error(&JourneyError::Schema {
            path: path.to_string(),
            detail: format!("{path}: {e}"),
        })
    })
}

/// Customers and seed of `{customers, seed}` (maxMoments is not allowed).
pub(super) fn sim_options(options: JsValue) -> Result<Options, JsValue> {
    let o: SimulateOptions = from_js(options, "/options")?;
    if o.max_moments.is_some() {
        return Err(js_error(&JourneyError::Schema {
            path: "/options/maxMoments".into(),
            detail: "/options/maxMoments: only simulate() takes a budget; a Simulator runs in pieces instead.".into(),
        }));
    }
    sim_fields(&o)
}

/// `{customers, seed, maxMoments}`: the options and the budget (none: no limit).
pub(super) fn sim_options_within(options: JsValue) -> Result<(Options, u64), JsValue> {
    let o: SimulateOptions = from_js(options, "/options")?;
    let max = match o.max_moments {
        Some(m) => whole_number(m, 1.0, MAX_SAFE, "maxMoments")? as u64,
        None => u64::MAX,
    };
    Ok((sim_fields(&o)?, max))
}

/// 2^53 − 1, the largest whole number JavaScript holds exactly.
pub(super) const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// `x` when it is a whole number in lo..=hi, else `out_of_range` at `/name`.
pub(super) fn whole_number(x: f64, lo: f64, hi: f64, name: &str) -> Result<f64, JsValue> {
    if x.fract() == 0.0 && (lo..=hi).contains(&x) {
        Ok(x)
    } else {
        Err(js_error(&JourneyError::OutOfRange {
            path: format!("/{name}"),
            detail: format!("{name} is {x}; it must be a whole number from {lo} to {hi}."),
        }))
    }
}

fn sim_fields(o: &SimulateOptions) -> Result<Options, JsValue> {
    let default = Options::default();
    let customers = match o.customers {
        Some(c) => whole_number(c, 1.0, simulate::MAX_CUSTOMERS as f64, "customers")? as u32,
        None => default.customers,
    };
    let seed = match o.seed {
        Some(s) => whole_number(s, 0.0, MAX_SAFE, "seed")? as u64,
        None => default.seed,
    };
    Ok(Options { customers, seed })
}

#[derive(serde::Deserialize, Default)]
struct PathOptionsJs {
    separator: Option<String>,
    delimiter: Option<String>,
}

/// Reads `{separator, delimiter}`; the core checks them.
pub(crate) fn path_options(value: JsValue) -> Result<PathOptions, JsValue> {
    let o: PathOptionsJs = if value.is_undefined() || value.is_null() {
        PathOptionsJs::default()
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| {
            js_error(&JourneyError::Schema {
                path: "/options".into(),
                detail: format!("/options: {e}"),
            })
        })?
    };
    PathOptions::new(o.separator, o.delimiter.as_deref()).map_err(|e| js_error(&e))
}
