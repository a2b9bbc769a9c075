//! Core errors as real JavaScript `Error`s: `name` "JourneyError", the
//! designer-facing `message`, and `code` and `path` properties (plus
//! `touchpoints` for `closed_loop`). Never a bare string.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use crate::error::JourneyError;

/// Builds the JavaScript error for a core error.
pub(crate) fn js_error(e: &JourneyError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("JourneyError");
    // Reflect::set on a fresh, extensible Error object cannot fail.
    let _ = Reflect::set(&err, &"code".into(), &e.code().into());
    let _ = Reflect::set(&err, &"path".into(), &e.path().into());
    if let JourneyError::Parse { line, column, .. }
    | JourneyError::Csv { line, column, .. }
    | JourneyError::CountsCsv { line, column, .. } = e
    {
        let _ = Reflect::set(&err, &"line".into(), &(*line as f64).into());
        let _ = Reflect::set(&err, &"column".into(), &(*column as f64).into());
    }
    if let JourneyError::ClosedLoop { touchpoints, .. } = e {
        let ids: Array = touchpoints.iter().map(|s| JsValue::from_str(s)).collect();
        let _ = Reflect::set(&err, &"touchpoints".into(), &ids);
    }
    err.into()
}
