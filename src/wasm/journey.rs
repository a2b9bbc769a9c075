//! `Journey`, the one class JavaScript holds: a journey and the methods on
//! it. Each method is a one-line call into the core.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::options::parse_js;
use super::to_js;
use crate::error::JourneyError;
use crate::{analysis, diagnostics, format, layout, model};

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
    doc: model::Document,
    /// The last exact solve and the document revision it is of: the
    /// analysis, removal effects and attribution of one revision share it
    /// (on one large loop, its factors and diagonal are seconds of work).
    prepared: RefCell<Option<(u64, Rc<analysis::Prepared>)>>,
}

impl Journey {
    pub(crate) fn wrap(journey: model::Journey) -> Journey {
        Journey {
            doc: model::Document::new(journey),
            prepared: RefCell::new(None),
        }
    }

    /// The solve of the journey as it is now, kept until it changes.
    pub(super) fn prepared(&self) -> Result<Rc<analysis::Prepared>, JsValue> {
        let revision = self.doc.revision();
        let previous = self.prepared.borrow().clone();
        if let Some((r, p)) = &previous {
            if *r == revision {
                return Ok(Rc::clone(p));
            }
        }
        // An edit of what customers feel only (an emotion) keeps the solve.
        let before = previous.as_ref().map(|(_, p)| &**p);
        let p = analysis::prepare_after(before, self.doc.journey()).map_err(|e| js_error(&e))?;
        let p = Rc::new(p);
        *self.prepared.borrow_mut() = Some((revision, Rc::clone(&p)));
        Ok(p)
    }

    /// The journey as it is now (for the other classes of the boundary).
    pub(crate) fn model(&self) -> &model::Journey {
        self.doc.journey()
    }
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
            .map(Journey::wrap)
            .map_err(|e| js_error(&e))
    }

    /// Replaces this journey with the one in `text` (a newer version of
    /// it, say) and forgets the history, as opening it anew would; but when
    /// the new journey moves customers exactly as this one did (only
    /// emotions, impacts or texts differ), the next figures reuse this
    /// one's solve instead of solving again. Throws like `fromJSON`, and
    /// then nothing changed.
    ///
    /// ```js
    /// worker.journey.replaceFromJSON(newerText); // the figures of a rated page in milliseconds
    /// ```
    #[wasm_bindgen(js_name = replaceFromJSON)]
    pub fn replace_from_json(&mut self, text: &str) -> Result<(), JsValue> {
        let journey = format::from_json(text).map_err(|e| js_error(&e))?;
        self.doc.replace(journey);
        Ok(())
    }

    /// The built-in sample journey, "Buying a smartphone online".
    ///
    /// ```js
    /// const j = Journey.sample();
    /// ```
    pub fn sample() -> Journey {
        Journey::wrap(format::sample())
    }

    /// Fits a journey from observed customer paths (a CSV with `path`,
    /// `conversions`, `nulls` and optionally `value`). For large files read
    /// in pieces, use `PathsReader`.
    ///
    /// ```js
    /// const j = Journey.fromPaths("path,conversions,nulls\nAd > Site,3,1\n", { separator: ">" });
    /// ```
    #[wasm_bindgen(js_name = fromPaths)]
    pub fn from_paths(
        csv: &str,
        #[wasm_bindgen(unchecked_param_type = "PathOptions | undefined")] options: JsValue,
    ) -> Result<Journey, JsValue> {
        let options = super::options::path_options(options)?;
        crate::paths::from_paths(csv, options)
            .map(Journey::wrap)
            .map_err(|e| js_error(&e))
    }

    /// Fits a journey from pre-aggregated counts of observed paths (a CSV
    /// with `kind`, `channel`, `next_channel`, `count`: `first`, `move`,
    /// `conversions` and `nulls` rows, optionally `positions`, `paths`,
    /// `path_conversions`, `first_touch`, `linear` and `value`), as counted
    /// in a warehouse by the README's SQL. Errors as `fromPaths` (`parse`
    /// with `line` and `column`, `too_large`).
    ///
    /// ```js
    /// const j = Journey.fromCounts("kind,channel,next_channel,count\nfirst,Ad,,4\nmove,Ad,Site,3\nconversions,Site,,2\nnulls,Site,,1\nnulls,Ad,,1\n");
    /// ```
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(
        csv: &str,
        #[wasm_bindgen(unchecked_param_type = "CountsOptions | undefined")] options: JsValue,
    ) -> Result<Journey, JsValue> {
        let options = super::options::path_options(options)?;
        crate::paths::from_counts(csv, options)
            .map(Journey::wrap)
            .map_err(|e| js_error(&e))
    }

    /// The canonical file text (pretty JSON, defaults left out).
    ///
    /// ```js
    /// const copy = Journey.fromJSON(j.toJSON());
    /// ```
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        format::to_json(self.doc.journey())
    }

    /// The journey's title.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.doc.journey().title.clone()
    }

    /// Number of touchpoints.
    #[wasm_bindgen(getter, js_name = touchpointCount)]
    pub fn touchpoint_count(&self) -> usize {
        self.doc.journey().touchpoint_count()
    }

    /// Problems that do not stop editing: errors that stop the analysis
    /// (`no_entry`, `closed_loop`) and warnings.
    ///
    /// ```js
    /// for (const d of j.diagnostics()) console.log(d.severity, d.code, d.path, d.message);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&diagnostics::diagnostics(self.doc.journey()))
    }

    /// Where the map's columns, cards, arrows, curve and lanes go.
    ///
    /// ```js
    /// const { width, height, cards } = j.layout();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "MapLayout")]
    pub fn layout(&self) -> Result<JsValue, JsValue> {
        to_js(&layout::layout(self.doc.journey()))
    }

    /// The numbers of `layout()` that an emotion or impact edit moves, as one
    /// array: for each card `emotion, impact, felt`, for each curve point
    /// `y, felt`, then the curve's `peak` and `end` (−1 for none). Much
    /// cheaper than `layout()` on a large journey; the editor uses it for
    /// the steps of a slider drag.
    ///
    /// ```js
    /// const n = j.layoutEmotions(); // Float64Array
    /// ```
    #[wasm_bindgen(js_name = layoutEmotions)]
    pub fn layout_emotions(&self) -> Vec<f64> {
        layout::emotions(&layout::layout(self.doc.journey()))
    }

    /// Applies an edit (see `Edit`) as one step of the undo history;
    /// returns whether it changed the journey (a What-if edit that leaves
    /// its scenario as it was is no step). Throws a `JourneyError` and
    /// changes nothing when the edit is invalid.
    ///
    /// ```js
    /// j.apply({ op: "updateTouchpoint", touchpoint: { ...tp, emotion: 0.4 } });
    /// j.apply({ op: "addTransition", transition: { from: "ivr", to: "support-chat", weight: 2 } });
    /// j.undo();
    /// // The same edit in a scenario (What-if): the baseline stays as it is.
    /// j.apply({ op: "inScenario", scenario: "calm-ivr", name: "Calmer IVR",
    ///           edit: { op: "updateTouchpoint", touchpoint: { ...tp, emotion: 0.4 } } });
    /// ```
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit")] edit: JsValue,
    ) -> Result<bool, JsValue> {
        let edit: model::Edit = parse_js(edit, "/edit")?;
        self.doc.apply(edit).map_err(|e| js_error(&e))
    }

    /// Undoes the last edit; false when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, JsValue> {
        self.doc.undo().map_err(|e| js_error(&e))
    }

    /// Redoes the last undone edit; false when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, JsValue> {
        self.doc.redo().map_err(|e| js_error(&e))
    }

    /// Whether there is an edit to undo.
    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.doc.can_undo()
    }

    /// Whether there is an edit to redo.
    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.doc.can_redo()
    }

    /// The journey as a plain object in the file format (what `toJSON()`
    /// writes, already parsed).
    ///
    /// ```js
    /// const { stages, touchpoints, transitions, scenarios } = j.toObject();
    /// ```
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "JourneyFile")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&format::to_file(self.doc.journey()))
    }

    /// The journey as a front end shows and edits it: every field of every
    /// record present at the value the model holds (an impact the file
    /// leaves out is 1 here), unknown fields kept, scenario changes as
    /// written. A record of it can be sent back in an edit as it is.
    ///
    /// ```js
    /// const { touchpoints } = j.view();
    /// const calmer = { ...touchpoints[0], emotion: touchpoints[0].emotion + 0.2 };
    /// j.apply({ op: "updateTouchpoint", touchpoint: calmer });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "JourneyView")]
    pub fn view(&self) -> Result<JsValue, JsValue> {
        to_js(&format::View(self.doc.journey()))
    }

    /// A new `Journey`: this one with a scenario's changes applied (the
    /// baseline is not changed). Its history is empty.
    ///
    /// ```js
    /// const whatIf = j.withScenario("next-day-delivery");
    /// whatIf.layout(); whatIf.analyze(); whatIf.free();
    /// ```
    #[wasm_bindgen(js_name = withScenario)]
    pub fn with_scenario(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Scenario")] scenario: JsValue,
    ) -> Result<Journey, JsValue> {
        let sc = self.scenario_arg(scenario)?;
        self.doc
            .journey()
            .with_changes(&sc.changes, "/changes")
            .map(Journey::wrap)
            .map_err(|e| js_error(&e))
    }
}

impl Journey {
    /// A scenario named by id, or given whole.
    pub(super) fn scenario_arg(&self, scenario: JsValue) -> Result<model::Scenario, JsValue> {
        match scenario.as_string() {
            Some(id) => self.doc.journey().scenario(&id).cloned().ok_or_else(|| {
                js_error(&JourneyError::UnknownTouchpoint {
                    path: "/scenarios".into(),
                    detail: format!("This journey has no scenario \"{id}\"."),
                })
            }),
            None => parse_js(scenario, "/scenario"),
        }
    }
}
