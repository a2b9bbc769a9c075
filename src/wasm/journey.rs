//! `Journey`, the one class JavaScript holds: a journey and the methods on
//! it. Each method is a one-line call into the core.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::to_js;
use crate::{diagnostics, format, layout, model};

/// A customer journey.
///
/// ```js
/// import init, { Journey } from "journeygraph";
/// await init();
/// const j = Journey.sample();
/// console.log(j.title, j.diagnostics());
/// j.free();
/// ```
#[wasm_bindgen]
pub struct Journey {
    inner: model::Journey,
}

#[wasm_bindgen]
impl Journey {
    /// Reads a journey from the text of a journeygraph file. Throws a
    /// `JourneyError` (`code`, `path`, `message`) when the text is not a
    /// valid journey; nothing is half-loaded.
    ///
    /// ```js
    /// try { Journey.fromJSON(text) } catch (e) { console.log(e.code, e.path, e.message) }
    /// ```
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(text: &str) -> Result<Journey, JsValue> {
        format::from_json(text)
            .map(|inner| Journey { inner })
            .map_err(|e| js_error(&e))
    }

    /// The built-in sample journey, "Buying a smartphone online".
    ///
    /// ```js
    /// const j = Journey.sample();
    /// ```
    pub fn sample() -> Journey {
        Journey {
            inner: format::sample(),
        }
    }

    /// The canonical file text (pretty JSON, defaults left out).
    ///
    /// ```js
    /// const copy = Journey.fromJSON(j.toJSON());
    /// ```
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        format::to_json(&self.inner)
    }

    /// The journey's title.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// Number of touchpoints.
    #[wasm_bindgen(getter, js_name = touchpointCount)]
    pub fn touchpoint_count(&self) -> usize {
        self.inner.touchpoint_count()
    }

    /// Problems that do not stop editing: errors that stop the analysis
    /// (`no_entry`, `closed_loop`) and warnings.
    ///
    /// ```js
    /// for (const d of j.diagnostics()) console.log(d.severity, d.code, d.path, d.message);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&diagnostics::diagnostics(&self.inner))
    }

    /// Where the map's columns, cards, arrows, curve and lanes go.
    ///
    /// ```js
    /// const { width, height, cards } = j.layout();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "MapLayout")]
    pub fn layout(&self) -> Result<JsValue, JsValue> {
        to_js(&layout::layout(&self.inner))
    }
}
