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

// ---------------------------------------------------------------------------
// The engine through the boundary (SPEC section 3), and the native golden
// numbers: tests/data/golden.json is written by tests/golden.rs from the
// native build; the same journey text, customers and seed must give the
// same numbers here, bit for bit.
// ---------------------------------------------------------------------------

const GOLDEN: &str = include_str!("data/golden.json");

fn golden_journey(name: &str) -> JsValue {
    let golden = js_sys::JSON::parse(GOLDEN).expect("golden.json is JSON");
    Array::from(&get(&golden, "journeys"))
        .iter()
        .find(|j| get_str(j, "name").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("golden.json has no journey {name:?}"))
}

/// A golden journey, loaded from the text stored beside its numbers.
fn golden_load(g: &JsValue) -> Journey {
    let text = get_str(g, "json").expect("a golden journey has its json text");
    Journey::from_json(&text)
        .map_err(|e| format!("{e:?}"))
        .unwrap()
}

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test setup: valid JSON")
}

/// `Object.keys(value)`.
fn keys_of(value: &JsValue) -> Array {
    js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
}

fn num(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number in {value:?}"))
}

/// A call's result in the golden file's shape: `{ok: value}` or
/// `{error: {code, path[, touchpoints]}}`.
fn outcome(r: Result<JsValue, JsValue>) -> JsValue {
    let out = js_sys::Object::new();
    match r {
        Ok(v) => {
            Reflect::set(&out, &"ok".into(), &v).unwrap();
        }
        Err(e) => {
            assert!(
                e.is_instance_of::<js_sys::Error>(),
                "threw a non-Error: {e:?}"
            );
            let err = js_sys::Object::new();
            Reflect::set(&err, &"code".into(), &get(&e, "code")).unwrap();
            Reflect::set(&err, &"path".into(), &get(&e, "path")).unwrap();
            let tps = get(&e, "touchpoints");
            if !tps.is_undefined() {
                Reflect::set(&err, &"touchpoints".into(), &tps).unwrap();
            }
            Reflect::set(&out, &"error".into(), &err).unwrap();
        }
    }
    out.into()
}

/// Collects where `actual` differs from `expected`: numbers bit for bit
/// (0 and -0 differ), the same keys, the same array lengths, and
/// `Object.is` for everything else (so `undefined` is not `null`).
fn differences(actual: &JsValue, expected: &JsValue, at: &str, out: &mut Vec<String>) {
    if out.len() >= 20 {
        return;
    }
    if let Some(e) = expected.as_f64() {
        if actual.as_f64().map(f64::to_bits) != Some(e.to_bits()) {
            out.push(format!("{at}: wasm {actual:?}, native {e:?}"));
        }
    } else if Array::is_array(expected) {
        if !Array::is_array(actual) {
            out.push(format!("{at}: wasm {actual:?} is not an Array"));
            return;
        }
        let (a, e) = (Array::from(actual), Array::from(expected));
        if a.length() != e.length() {
            out.push(format!(
                "{at}: wasm length {}, native {}",
                a.length(),
                e.length()
            ));
            return;
        }
        for i in 0..e.length() {
            differences(&a.get(i), &e.get(i), &format!("{at}/{i}"), out);
        }
    } else if expected.is_object() {
        if !actual.is_object() {
            out.push(format!("{at}: wasm {actual:?} is not an object"));
            return;
        }
        let keys = keys_of(expected);
        let actual_keys = keys_of(actual);
        if actual_keys.length() != keys.length() {
            out.push(format!("{at}: wasm keys {actual_keys:?}, native {keys:?}"));
        }
        for k in keys.iter() {
            let key = k.as_string().unwrap();
            differences(
                &get(actual, &key),
                &get(expected, &key),
                &format!("{at}/{key}"),
                out,
            );
        }
    } else if !js_sys::Object::is(actual, expected) {
        out.push(format!("{at}: wasm {actual:?}, native {expected:?}"));
    }
}

#[track_caller]
fn assert_golden(actual: &JsValue, expected: &JsValue, what: &str) {
    let mut diffs = Vec::new();
    differences(actual, expected, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "{what}: the wasm result differs from the native golden one:\n  {}",
        diffs.join("\n  ")
    );
}

#[wasm_bindgen_test]
fn analyze_is_a_plain_object_whose_totals_add_up() {
    let j = Journey::sample();
    let a = j
        .analyze(JsValue::UNDEFINED)
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert!(a.is_object() && !a.is_instance_of::<js_sys::Map>());
    let success = num(&a, "success");
    assert!((0.0..=1.0).contains(&success), "success {success}");
    let sum = num(&a, "dropout") + num(&a, "completion");
    assert!((sum - 1.0).abs() <= 1e-12, "dropout + completion = {sum}");
    let tps = get(&a, "touchpoints");
    assert!(tps.is_object() && !tps.is_instance_of::<js_sys::Map>());
    let keys = keys_of(&tps);
    assert_eq!(keys.length() as usize, j.touchpoint_count());
    for id in keys.iter() {
        let t = Reflect::get(&tps, &id).unwrap();
        let (visits, reach) = (num(&t, "visits"), num(&t, "reach"));
        assert!(
            reach <= visits && reach <= 1.0,
            "{id:?}: reach {reach}, visits {visits}"
        );
    }
    // {touchpoints: false}: the same totals, an empty touchpoints object.
    let totals = j
        .analyze(js(r#"{"touchpoints": false}"#))
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert_eq!(num(&totals, "success").to_bits(), success.to_bits());
    assert_eq!(keys_of(&get(&totals, "touchpoints")).length(), 0);
}

#[wasm_bindgen_test]
fn simulate_is_deterministic_for_a_seed() {
    let j = Journey::sample();
    let run = |options: &str| {
        let s = j
            .simulate(js(options))
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        String::from(js_sys::JSON::stringify(&s).unwrap())
    };
    let a = run(r#"{"customers": 2000, "seed": 9}"#);
    assert_eq!(a, run(r#"{"customers": 2000, "seed": 9}"#));
    assert_ne!(a, run(r#"{"customers": 2000, "seed": 10}"#));
    let s = js(&a);
    assert_eq!(num(&s, "customers"), 2000.0);
    assert_eq!(num(&s, "seed"), 9.0);
    let success = get(&s, "success");
    assert!((0.0..=1.0).contains(&num(&success, "mean")));
    assert!(num(&success, "halfWidth") > 0.0);
}

#[wasm_bindgen_test]
fn opportunities_is_an_array_best_first() {
    let j = Journey::sample();
    let list = j
        .opportunities(js(r#"{"delta": 0.5}"#))
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert!(
        Array::is_array(&list),
        "opportunities() is not an Array: {list:?}"
    );
    let list = Array::from(&list);
    assert_eq!(list.length() as usize, j.touchpoint_count());
    let gains: Vec<f64> = list.iter().map(|o| num(&o, "successGain")).collect();
    assert!(
        gains.windows(2).all(|w| w[0] >= w[1]),
        "not best first: {gains:?}"
    );
    assert!(get_str(&list.get(0), "touchpoint").is_some());
}

#[wasm_bindgen_test]
fn compare_of_the_first_sample_scenario_has_a_delta() {
    let j = Journey::sample();
    let file = js(&j.to_json());
    let first = Array::from(&get(&file, "scenarios")).get(0);
    let id = get_str(&first, "id").expect("the sample has a scenario");
    let c = j
        .compare(
            JsValue::from_str(&id),
            js(r#"{"customers": 500, "seed": 4}"#),
        )
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert_eq!(get_str(&c, "scenarioId"), Some(id));
    let delta = get(&c, "delta");
    assert!(
        delta.is_object() && !delta.is_instance_of::<js_sys::Map>(),
        "{delta:?}"
    );
    let expected = num(&get(&c, "scenario"), "success") - num(&get(&c, "baseline"), "success");
    assert_eq!(num(&delta, "success").to_bits(), expected.to_bits());
    // A scenario object of no changes changes nothing.
    let none = j
        .compare(
            js(r#"{"id": "none", "changes": []}"#),
            js(r#"{"customers": 500, "seed": 4}"#),
        )
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    let delta = get(&none, "delta");
    for k in keys_of(&delta).iter() {
        assert_eq!(
            Reflect::get(&delta, &k).unwrap().as_f64(),
            Some(0.0),
            "delta {k:?}"
        );
    }
}

#[wasm_bindgen_test]
fn closed_loop_is_thrown_as_an_error_with_touchpoints() {
    let j = golden_load(&golden_journey("closed-loop"));
    let e = j
        .analyze(JsValue::UNDEFINED)
        .expect_err("a closed loop cannot be analysed");
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "threw a non-Error: {e:?}"
    );
    assert_eq!(get_str(&e, "code").as_deref(), Some("closed_loop"));
    assert!(get_str(&e, "path").is_some());
    let tps = get(&e, "touchpoints");
    assert!(
        Array::is_array(&tps),
        "touchpoints is not an Array: {tps:?}"
    );
    let mut ids: Vec<String> = Array::from(&tps)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["b", "c"]);
}

#[wasm_bindgen_test]
fn simulate_out_of_range_is_an_error() {
    let j = Journey::sample();
    for (options, path) in [
        (r#"{"customers": 0}"#, "/customers"),
        (r#"{"customers": 1e9}"#, "/customers"),
        (r#"{"seed": -1}"#, "/seed"),
        (r#"{"seed": 1.5}"#, "/seed"),
    ] {
        let e = j.simulate(js(options)).expect_err(options);
        assert!(
            e.is_instance_of::<js_sys::Error>(),
            "{options}: threw a non-Error: {e:?}"
        );
        assert_eq!(
            get_str(&e, "code").as_deref(),
            Some("out_of_range"),
            "{options}"
        );
        assert_eq!(get_str(&e, "path").as_deref(), Some(path), "{options}");
    }
}

#[wasm_bindgen_test]
fn the_sample_gives_the_native_golden_numbers() {
    let g = golden_journey("sample");
    let j = golden_load(&g);
    let a = j
        .analyze(JsValue::UNDEFINED)
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    let golden_a = get(&get(&g, "analyze"), "ok");
    // The totals, spelled out, then everything.
    for key in [
        "success",
        "completion",
        "dropout",
        "expectedTouchpoints",
        "emotionalLoad",
        "meanFelt",
        "serviceShare",
        "proactiveShare",
    ] {
        assert_eq!(
            num(&a, key).to_bits(),
            num(&golden_a, key).to_bits(),
            "analyze().{key}: wasm {}, native {}",
            num(&a, key),
            num(&golden_a, key)
        );
    }
    assert_golden(&a, &golden_a, "sample analyze");
    for run in Array::from(&get(&g, "simulate")).iter() {
        let s = j
            .simulate(get(&run, "options"))
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        let golden_s = get(&get(&run, "result"), "ok");
        for key in ["success", "dropout", "remembered"] {
            let (x, y) = (get(&s, key), get(&golden_s, key));
            assert_eq!(
                num(&x, "mean").to_bits(),
                num(&y, "mean").to_bits(),
                "simulate().{key}.mean"
            );
        }
        assert_golden(&s, &golden_s, "sample simulate");
    }
    let o = get(&g, "opportunities");
    assert_golden(
        &outcome(j.opportunities(js(&format!(r#"{{"delta": {}}}"#, num(&o, "delta"))))),
        &get(&o, "result"),
        "sample opportunities",
    );
    assert_golden(
        &outcome(j.removal_effects()),
        &get(&g, "removalEffects"),
        "sample removalEffects",
    );
    let c = get(&g, "compare");
    assert_golden(
        &outcome(j.compare(get(&c, "scenario"), get(&c, "options"))),
        &get(&c, "result"),
        "sample compare",
    );
}

#[wasm_bindgen_test]
fn every_golden_journey_analyzes_and_simulates_as_natively() {
    let golden = js_sys::JSON::parse(GOLDEN).unwrap();
    for g in Array::from(&get(&golden, "journeys")).iter() {
        let name = get_str(&g, "name").unwrap();
        let j = golden_load(&g);
        assert_golden(
            &outcome(j.analyze(JsValue::UNDEFINED)),
            &get(&g, "analyze"),
            &format!("{name} analyze"),
        );
        for run in Array::from(&get(&g, "simulate")).iter() {
            assert_golden(
                &outcome(j.simulate(get(&run, "options"))),
                &get(&run, "result"),
                &format!("{name} simulate"),
            );
        }
    }
}
