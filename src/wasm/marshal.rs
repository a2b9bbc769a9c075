//! Bulk hand-over of per-touchpoint figures. Building `{[id]: {visits,
//! reach, dropout, felt, entryShare}}` one property at a time through serde costs about
//! a microsecond per touchpoint in calls across the boundary (90 ms of a
//! 120 ms analysis at 100,000 touchpoints); here the ids cross as one string
//! with their lengths and the figures as four typed-array views of wasm
//! memory, and one small JavaScript loop builds the object.

use wasm_bindgen::prelude::*;

use crate::analysis::Columns;
use crate::model::Journey;

#[wasm_bindgen(inline_js = r#"
export function figures_by_id(ids, lens, visits, reach, dropout, felt, entry) {
  const out = {};
  let at = 0;
  for (let i = 0; i < lens.length; i++) {
    const id = ids.slice(at, at + lens[i]);
    at += lens[i];
    const value = { visits: visits[i], reach: reach[i], dropout: dropout[i], felt: felt[i], entryShare: entry[i] };
    // A plain assignment to "__proto__" would set the prototype instead.
    if (id === "__proto__") {
      Object.defineProperty(out, id, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[id] = value;
    }
  }
  return out;
}

export function numbers_by_id(ids, lens, values) {
  const out = {};
  let at = 0;
  for (let i = 0; i < lens.length; i++) {
    const id = ids.slice(at, at + lens[i]);
    at += lens[i];
    if (id === "__proto__") {
      Object.defineProperty(out, id, { value: values[i], enumerable: true, writable: true, configurable: true });
    } else {
      out[id] = values[i];
    }
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = figures_by_id)]
    fn figures_by_id_js(
        ids: &str,
        lens: &[u32],
        visits: &[f64],
        reach: &[f64],
        dropout: &[f64],
        felt: &[f64],
        entry: &[f64],
    ) -> JsValue;

    #[wasm_bindgen(js_name = numbers_by_id)]
    fn numbers_by_id_js(ids: &str, lens: &[u32], values: &[f64]) -> JsValue;
}

/// The ids of the journey's touchpoints as one string, with their lengths
/// in UTF-16 code units (JavaScript slices strings in those).
fn joined_ids(journey: &Journey) -> (String, Vec<u32>) {
    let mut ids = String::new();
    let mut lens = Vec::with_capacity(journey.touchpoint_count());
    for tp in journey.touchpoints() {
        ids.push_str(&tp.id);
        lens.push(tp.id.encode_utf16().count() as u32);
    }
    (ids, lens)
}

/// `{[id]: number}` for values in file order.
pub(crate) fn numbers_by_id(journey: &Journey, values: &[f64]) -> JsValue {
    let (ids, lens) = joined_ids(journey);
    numbers_by_id_js(&ids, &lens, values)
}

/// The `touchpoints` object of an analysis.
pub(crate) fn figures_by_id(journey: &Journey, c: &Columns) -> JsValue {
    let (ids, lens) = joined_ids(journey);
    figures_by_id_js(
        &ids,
        &lens,
        &c.visits,
        &c.reach,
        &c.dropout,
        &c.felt,
        &c.entry_share,
    )
}
