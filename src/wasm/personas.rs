//! The personas of a `Journey`: each one's figures beside everyone's, and
//! the journey one persona walks.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::journey::Journey;
use super::to_js;
use crate::{compare, model};

#[wasm_bindgen]
impl Journey {
    /// Each persona's exact figures (success, the outcomes, mean felt …;
    /// no per-touchpoint figures), in file order, to show beside the
    /// journey's own. A persona that cannot be analysed has `problem`
    /// ({code, message, path}) instead of `analysis`.
    ///
    /// ```js
    /// for (const p of j.personaFigures())
    ///   console.log(p.name, p.analysis?.success ?? p.problem.message);
    /// ```
    #[wasm_bindgen(js_name = personaFigures, unchecked_return_type = "PersonaFigures[]")]
    pub fn persona_figures(&self) -> Result<JsValue, JsValue> {
        to_js(&compare::persona_figures(self.model()))
    }

    /// A new `Journey`: the one persona `id` walks (its overrides applied,
    /// the touchpoints it skips passed through; SPEC section 11). It has no
    /// personas or scenarios of its own; its history is empty. Throws
    /// `unknown_persona`, `persona_skip` or `no_entry`.
    ///
    /// ```js
    /// const first = j.forPersona("first-timer");
    /// console.log(first.analyze().success); first.free();
    /// ```
    #[wasm_bindgen(js_name = forPersona)]
    pub fn for_persona(&self, id: &str) -> Result<Journey, JsValue> {
        model::for_persona(self.model(), id)
            .map(Journey::wrap)
            .map_err(|e| js_error(&e))
    }
}
