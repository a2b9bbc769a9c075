//! The wasm boundary, in headless Chromium: what JavaScript sees of
//! `Journey` — real `Error`s with `code` and `path`, a faithful round trip,
//! plain arrays and objects out.
//!
//! Run by `tools/test.sh` through wasm-bindgen-test-runner and ChromeDriver:
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use journeygraph::wasm::Journey;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A small valid journey; the bad inputs below each change one thing of it.
const TINY: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "Tiny",
  "stages": [{"id": "s", "name": "Stage"}],
  "touchpoints": [
    {"id": "a", "name": "Ad", "stage": "s", "entry": 1},
    {"id": "b", "name": "Buy", "stage": "s", "goal": true}
  ],
  "transitions": [{"from": "a", "to": "b"}]
}"#;

fn tiny_with(from: &str, to: &str) -> String {
    assert!(TINY.contains(from), "test setup: {from:?} is not in TINY");
    TINY.replacen(from, to, 1)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("Reflect::get on an object")
}

fn get_str(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// Loads `text`, expecting it to be refused; returns what was thrown.
fn refused(text: &str) -> JsValue {
    match Journey::from_json(text) {
        Ok(j) => panic!("accepted a bad file (title {:?}):\n{text}", j.title()),
        Err(e) => e,
    }
}

/// Checks that `text` is refused with a real `Error` carrying `code` and `path`.
fn assert_refused(text: &str, code: &str, path: &str) {
    let e = refused(text);
    assert!(e.as_string().is_none(), "threw a bare string: {e:?}");
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "threw a non-Error: {e:?}"
    );
    let err: &js_sys::Error = e.unchecked_ref();
    assert_eq!(String::from(err.name()), "JourneyError");
    let message = String::from(err.message());
    assert!(!message.is_empty(), "empty message for {code}");
    assert_eq!(
        get_str(&e, "code").as_deref(),
        Some(code),
        "code; message: {message}"
    );
    assert_eq!(
        get_str(&e, "path").as_deref(),
        Some(path),
        "path; message: {message}"
    );
}

#[wasm_bindgen_test]
fn tiny_journey_loads() {
    let j = Journey::from_json(TINY)
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert_eq!(j.title(), "Tiny");
    assert_eq!(j.touchpoint_count(), 2);
}

#[wasm_bindgen_test]
fn not_json_is_a_parse_error() {
    assert_refused("{\"format\": \"journeygraph\", ", "parse", "");
    assert_refused("", "parse", "");
}

#[wasm_bindgen_test]
fn later_version_is_refused() {
    assert_refused(
        &tiny_with("\"version\": 1", "\"version\": 99"),
        "unsupported_version",
        "/version",
    );
}

#[wasm_bindgen_test]
fn duplicate_touchpoint_id_is_refused() {
    assert_refused(
        &tiny_with("{\"id\": \"b\"", "{\"id\": \"a\""),
        "duplicate_id",
        "/touchpoints/1/id",
    );
}

#[wasm_bindgen_test]
fn emotion_out_of_range_is_refused() {
    assert_refused(
        &tiny_with(
            "\"stage\": \"s\", \"entry\": 1",
            "\"stage\": \"s\", \"entry\": 1, \"emotion\": 1.5",
        ),
        "out_of_range",
        "/touchpoints/0/emotion",
    );
}

#[wasm_bindgen_test]
fn unknown_stage_is_refused() {
    assert_refused(
        &tiny_with(
            "\"name\": \"Buy\", \"stage\": \"s\"",
            "\"name\": \"Buy\", \"stage\": \"nowhere\"",
        ),
        "unknown_stage",
        "/touchpoints/1/stage",
    );
}

#[wasm_bindgen_test]
fn unknown_touchpoint_is_refused() {
    assert_refused(
        &tiny_with("\"to\": \"b\"", "\"to\": \"ghost\""),
        "unknown_touchpoint",
        "/transitions/0/to",
    );
}

#[wasm_bindgen_test]
fn a_refused_file_leaves_the_module_working() {
    for _ in 0..3 {
        refused("not json");
    }
    let j = Journey::sample();
    assert_eq!(j.title(), "Buying a smartphone online");
    assert!(Journey::from_json(&j.to_json()).is_ok());
}

#[wasm_bindgen_test]
fn sample_round_trips() {
    let first = Journey::sample().to_json();
    let again = Journey::from_json(&first)
        .map_err(|e| format!("{e:?}"))
        .unwrap()
        .to_json();
    assert_eq!(first, again);
    assert!(Journey::sample().touchpoint_count() >= 15);
}

#[wasm_bindgen_test]
fn diagnostics_is_an_array_of_plain_objects() {
    let sample = Journey::sample()
        .diagnostics()
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert!(
        Array::is_array(&sample),
        "diagnostics() is not an Array: {sample:?}"
    );

    // No entry share anywhere, and every touchpoint has an incoming transition.
    let no_entry = tiny_with("\"stage\": \"s\", \"entry\": 1", "\"stage\": \"s\"").replacen(
        "[{\"from\": \"a\", \"to\": \"b\"}]",
        "[{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b\", \"to\": \"a\"}]",
        1,
    );
    let j = Journey::from_json(&no_entry)
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    let list = Array::from(&j.diagnostics().map_err(|e| format!("{e:?}")).unwrap());
    let found = list.iter().any(|d| {
        get_str(&d, "code").as_deref() == Some("no_entry")
            && get_str(&d, "severity").as_deref() == Some("error")
    });
    assert!(found, "no no_entry error among {list:?}");
    for d in list.iter() {
        assert!(
            d.is_object() && !d.is_instance_of::<js_sys::Map>(),
            "not a plain object: {d:?}"
        );
        assert!(get_str(&d, "path").is_some() && get_str(&d, "message").is_some());
    }
}

#[wasm_bindgen_test]
fn layout_has_a_card_per_touchpoint() {
    let j = Journey::sample();
    let layout = j.layout().map_err(|e| format!("{e:?}")).unwrap();
    assert!(layout.is_object() && !layout.is_instance_of::<js_sys::Map>());
    let cards = get(&layout, "cards");
    assert!(
        Array::is_array(&cards),
        "layout().cards is not an Array: {cards:?}"
    );
    let cards = Array::from(&cards);
    assert_eq!(cards.length() as usize, j.touchpoint_count());
    let first = cards.get(0);
    assert!(get_str(&first, "id").is_some());
    assert!(get(&first, "x").as_f64().is_some_and(f64::is_finite));
    assert!(get(&layout, "width").as_f64().is_some_and(|w| w > 0.0));
}
