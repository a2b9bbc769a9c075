//! The file format from the outside (SPEC sections 2, 4 and 5): round trips,
//! every error code with its JSON pointer, diagnostics, unknown fields,
//! limits and a round-trip property over random journeys.
//!
//! Bad inputs are small files built from a valid one by changing one thing,
//! so that each case shows exactly which input earns which error.

use std::collections::HashSet;

use journeygraph::diagnostics::{diagnostics, Diagnostic, Severity};
use journeygraph::format::{
    from_json, from_json_with, sample, to_file, to_json, JourneyFile, Limits, SAMPLE,
};
use journeygraph::{Journey, JourneyError};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A hand-written journey with every field set, written loosely: keys out
/// of order, defaults spelled out, whole numbers without a fraction.
const RENEWAL: &str = include_str!("data/renewal.json");
/// What journeygraph writes for [`RENEWAL`]: the canonical text, pinned.
const RENEWAL_CANONICAL: &str = include_str!("data/renewal.canonical.json");

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The smallest valid journey: one stage, one touchpoint.
fn minimal() -> Value {
    json!({
        "format": "journeygraph",
        "version": 1,
        "title": "Tiny",
        "stages": [{"id": "s", "name": "Stage"}],
        "touchpoints": [{"id": "a", "name": "Ad", "stage": "s", "entry": 1}]
    })
}

/// Two stages, an advert leading to a purchase; the base of most bad files.
fn tiny() -> Value {
    json!({
        "format": "journeygraph",
        "version": 1,
        "title": "Tiny",
        "stages": [{"id": "s", "name": "Stage"}, {"id": "t", "name": "Other"}],
        "touchpoints": [
            {"id": "a", "name": "Ad", "stage": "s", "entry": 1},
            {"id": "b", "name": "Buy", "stage": "t", "goal": true}
        ],
        "transitions": [{"from": "a", "to": "b"}]
    })
}

/// `v` with `key` set to `val` in the object at JSON pointer `at`.
fn with(mut v: Value, at: &str, key: &str, val: Value) -> Value {
    let target = v
        .pointer_mut(at)
        .unwrap_or_else(|| panic!("test setup: no {at}"));
    let obj = target
        .as_object_mut()
        .unwrap_or_else(|| panic!("test setup: {at} is not an object"));
    obj.insert(key.to_string(), val);
    v
}

/// `v` with the value at JSON pointer `at` replaced.
fn replace(mut v: Value, at: &str, val: Value) -> Value {
    *v.pointer_mut(at)
        .unwrap_or_else(|| panic!("test setup: no {at}")) = val;
    v
}

/// `v` with `key` removed from the object at `at`.
fn without(mut v: Value, at: &str, key: &str) -> Value {
    v.pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("test setup: no object at {at}"))
        .remove(key)
        .unwrap_or_else(|| panic!("test setup: no {key} at {at}"));
    v
}

/// `v` with `item` pushed onto the array at `at`.
fn push(mut v: Value, at: &str, item: Value) -> Value {
    v.pointer_mut(at)
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("test setup: no array at {at}"))
        .push(item);
    v
}

fn load(v: &Value) -> Result<Journey, JourneyError> {
    from_json(&v.to_string())
}

fn load_ok(v: &Value) -> Journey {
    load(v).unwrap_or_else(|e| {
        panic!(
            "expected this file to load, got {} at {:?}: {e}\n{v:#}",
            e.code(),
            e.path()
        )
    })
}

/// Asserts that `text` is refused with `code` at `path`, that the message is
/// a sentence and that it names each of `names`.
fn refuse_text(
    text: &str,
    limits: &Limits,
    code: &str,
    path: &str,
    names: &[&str],
) -> JourneyError {
    let shown: String = text.chars().take(300).collect();
    let e = match from_json_with(text, limits) {
        Ok(_) => panic!("expected {code} at {path:?}, but the file loaded:\n{shown}"),
        Err(e) => e,
    };
    assert_eq!(
        (e.code(), e.path()),
        (code, path),
        "wrong error for this file (message: {e})\n{shown}"
    );
    let msg = e.to_string();
    assert!(msg.trim().len() > 10, "message too short: {msg:?}");
    for name in names {
        assert!(
            msg.contains(name),
            "the {code} message should name {name:?}; it says: {msg}"
        );
    }
    e
}

fn refuse(v: &Value, code: &str, path: &str, names: &[&str]) -> JourneyError {
    refuse_text(&v.to_string(), &Limits::default(), code, path, names)
}

fn refuse_with(v: &Value, limits: &Limits, code: &str, path: &str) -> JourneyError {
    refuse_text(&v.to_string(), limits, code, path, &[])
}

fn exported_value(j: &Journey) -> Value {
    serde_json::from_str(&to_json(j)).expect("export is JSON")
}

/// The meaning of a file, independent of how it is written: every number
/// as an f64, and every known field that is at its default (or null where
/// null means "none") removed. Unknown fields are kept as they are.
fn canonical(v: &Value) -> Value {
    let mut v = numbers_as_f64(v);
    if let Some(top) = v.as_object_mut() {
        // A version 1 file means version 2 with the two lanes version 1
        // drew implicitly (the migration, tests/blueprint.rs).
        if top.get("version") == Some(&json!(1.0)) {
            top.insert("version".into(), json!(2.0));
            top.entry("lanes").or_insert(json!([
                {"id": "painPoints", "kind": "painPoints", "name": "Pain points"},
                {"id": "opportunities", "kind": "opportunities", "name": "Opportunities"}
            ]));
        }
        for lane in array_items(top, "lanes") {
            drop_if(lane, "hidden", &json!(false));
        }
        drop_if(top, "title", &json!(""));
        if let Some(p) = top.get_mut("persona").and_then(Value::as_object_mut) {
            drop_if(p, "name", &json!(""));
            drop_if(p, "description", &json!(""));
        }
        drop_if(top, "persona", &Value::Null);
        for tp in array_items(top, "touchpoints") {
            canonical_touchpoint(tp);
        }
        for t in array_items(top, "transitions") {
            canonical_transition(t);
        }
        if let Some(s) = top.get_mut("settings").and_then(Value::as_object_mut) {
            drop_if(s, "sensitivity", &json!(1.0));
            drop_if(s, "satisfiedAt", &json!(0.2));
            drop_if(s, "promoterAt", &json!(0.5));
            drop_if(s, "maxSteps", &json!(1000.0));
            if let Some(w) = s.get_mut("rememberWeights").and_then(Value::as_object_mut) {
                for k in ["peak", "end", "mean"] {
                    w.entry(k).or_insert(json!(0.0));
                }
                if w.len() == 3
                    && w["peak"] == json!(0.5)
                    && w["end"] == json!(0.5)
                    && w["mean"] == json!(0.0)
                {
                    s.remove("rememberWeights");
                }
            }
        }
        drop_if(top, "settings", &json!({}));
        for sc in array_items(top, "scenarios") {
            drop_if(sc, "name", &json!(""));
            for c in array_items(sc, "changes") {
                for k in [
                    "touchpoint",
                    "emotion",
                    "impact",
                    "dropout",
                    "emotionBy",
                    "impactBy",
                    "dropoutBy",
                    "from",
                    "to",
                    "weight",
                    "add",
                    "remove",
                    "addTransition",
                    "removeTransition",
                ] {
                    drop_if(c, k, &Value::Null);
                }
                if let Some(tp) = c.get_mut("add").and_then(Value::as_object_mut) {
                    canonical_touchpoint(tp);
                }
                if let Some(t) = c.get_mut("addTransition").and_then(Value::as_object_mut) {
                    canonical_transition(t);
                }
            }
            drop_if(sc, "changes", &json!([]));
        }
        for k in [
            "stages",
            "touchpoints",
            "transitions",
            "scenarios",
            "lanes",
            "items",
        ] {
            drop_if(top, k, &json!([]));
        }
    }
    v
}

fn canonical_touchpoint(tp: &mut Map<String, Value>) {
    for (k, d) in [
        ("emotion", json!(0.0)),
        ("impact", json!(1.0)),
        ("dropout", json!(0.0)),
        ("entry", json!(0.0)),
        ("goal", json!(false)),
        ("channel", json!("")),
        ("owner", json!("")),
        ("kind", json!("direct")),
        ("service", json!(false)),
        ("proactive", json!(false)),
        ("effort", Value::Null),
        ("notes", json!("")),
        ("painPoints", json!([])),
        ("opportunities", json!([])),
    ] {
        drop_if(tp, k, &d);
    }
}

fn canonical_transition(t: &mut Map<String, Value>) {
    drop_if(t, "weight", &json!(1.0));
}

fn drop_if(m: &mut Map<String, Value>, key: &str, default: &Value) {
    if m.get(key) == Some(default) {
        m.remove(key);
    }
}

fn array_items<'a>(
    m: &'a mut Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a mut Map<String, Value>> {
    m.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

fn numbers_as_f64(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| v.clone(), Value::Number),
        Value::Array(a) => Value::Array(a.iter().map(numbers_as_f64).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), numbers_as_f64(x)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

/// Everything "export then import gives back the same journey" means, for
/// one hand-written file: the journey survives, the export is stable, and
/// the export says what the original said once defaults are applied.
fn assert_round_trip(original: &Value) -> Journey {
    let j = load_ok(original);
    let text = to_json(&j);
    let again = from_json(&text).unwrap_or_else(|e| {
        panic!(
            "the export does not load: {} at {:?}: {e}\n{text}",
            e.code(),
            e.path()
        )
    });
    assert_eq!(again, j, "import(export(j)) != j\n{text}");
    assert_eq!(to_json(&again), text, "the export text is not stable");
    let exported: Value = serde_json::from_str(&text).expect("export is JSON");
    assert_eq!(
        canonical(&exported),
        canonical(original),
        "the export does not say what the file said"
    );
    // to_file is the record to_json writes.
    let record = to_file(&j);
    assert_eq!(serde_json::to_value(&record).expect("serializes"), exported);
    assert_eq!(record.format, "journeygraph");
    assert_eq!(record.version, 2);
    j
}

fn codes(ds: &[Diagnostic]) -> Vec<(&'static str, String)> {
    ds.iter().map(|d| (d.code, d.path.clone())).collect()
}

fn find<'a>(ds: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    ds.iter().filter(|d| d.code == code).collect()
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

#[test]
fn sample_round_trips() {
    let original: Value = serde_json::from_str(SAMPLE).expect("sample is JSON");
    let j = assert_round_trip(&original);
    assert_eq!(sample(), j, "sample() is the SAMPLE file");
    assert!(j.touchpoint_count() >= 15);
    assert!(!j.scenarios.is_empty());
}

#[test]
fn minimal_journey_round_trips() {
    let j = assert_round_trip(&minimal());
    assert_eq!(j.title, "Tiny");
    assert_eq!(j.touchpoint_count(), 1);
    assert_eq!(j.transition_count(), 0);
    let tp = j.touchpoint("a").expect("a");
    assert_eq!(
        (tp.emotion_value(), tp.impact, tp.dropout, tp.entry, tp.goal),
        (0.0, 1.0, 0.0, 1.0, false),
        "defaults of SPEC section 2"
    );
}

#[test]
fn the_barest_file_round_trips() {
    // Only the header: every other top-level field has a default.
    let v = json!({"format": "journeygraph", "version": 1});
    let j = assert_round_trip(&v);
    assert_eq!(j.title, "");
    assert_eq!(j.touchpoint_count(), 0);
    assert!(j.stages.is_empty() && j.scenarios.is_empty());
}

#[test]
fn persona_round_trips() {
    let v = with(
        tiny(),
        "",
        "persona",
        json!({"name": "Sam", "description": "34, buys online, hates queues."}),
    );
    let j = assert_round_trip(&v);
    let p = j.persona.as_ref().expect("persona");
    assert_eq!(p.name, "Sam");
    assert_eq!(p.description, "34, buys online, hates queues.");

    // A persona with only a name, and one with only a description.
    assert_round_trip(&with(tiny(), "", "persona", json!({"name": "Sam"})));
    assert_round_trip(&with(tiny(), "", "persona", json!({"description": "Sam"})));
    // No persona is not an empty persona.
    let j = assert_round_trip(&with(tiny(), "", "persona", Value::Null));
    assert!(j.persona.is_none());
}

#[test]
fn every_touchpoint_field_round_trips() {
    let tp = json!({
        "id": "call", "name": "Calls support", "stage": "s",
        "emotion": -0.75, "impact": 0.25, "dropout": 0.125, "entry": 2.5,
        "goal": true, "channel": "phone", "owner": "service", "kind": "indirect",
        "service": true, "proactive": true, "effort": 6,
        "notes": "Line 1\nLine 2 — “quoted” ✓",
        "painPoints": ["On hold", "Repeats the account number"],
        "opportunities": ["Call back", ""]
    });
    let v = replace(minimal(), "/touchpoints/0", tp.clone());
    let j = assert_round_trip(&v);
    let t = j.touchpoint("call").expect("call");
    assert_eq!(t.emotion, Some(-0.75));
    assert_eq!(t.impact, 0.25);
    assert_eq!(t.dropout, 0.125);
    assert_eq!(t.entry, 2.5);
    assert!(t.goal && t.service && t.proactive);
    assert_eq!(t.kind, journeygraph::model::Kind::Indirect);
    assert_eq!(t.effort, Some(6));
    assert_eq!(t.channel, "phone");
    assert_eq!(t.owner, "service");
    assert_eq!(t.notes, "Line 1\nLine 2 — “quoted” ✓");
    assert_eq!(t.pain_points, ["On hold", "Repeats the account number"]);
    assert_eq!(t.opportunities, ["Call back", ""]);
    // Nothing is at its default, so the export writes every field as given.
    assert_eq!(
        exported_value(&j)["touchpoints"][0],
        numbers_as_f64_but_ints(&tp)
    );
}

/// `tp` as the export writes it: f64 fields as floats, effort as an integer.
fn numbers_as_f64_but_ints(tp: &Value) -> Value {
    let mut v = numbers_as_f64(tp);
    v["effort"] = tp["effort"].clone();
    v
}

#[test]
fn boundary_values_round_trip() {
    for (field, value) in [
        ("emotion", json!(-1)),
        ("emotion", json!(1)),
        ("impact", json!(0)),
        ("dropout", json!(1)),
        ("entry", json!(0)),
        ("entry", json!(1e300)),
        ("effort", json!(1)),
        ("effort", json!(7)),
    ] {
        let v = with(minimal(), "/touchpoints/0", field, value.clone());
        let j = assert_round_trip(&v);
        let tp = j.touchpoint("a").expect("a");
        let got = match field {
            "emotion" => tp.emotion_value(),
            "impact" => tp.impact,
            "dropout" => tp.dropout,
            "entry" => tp.entry,
            _ => f64::from(tp.effort.expect("effort")),
        };
        assert_eq!(Some(got), value.as_f64(), "{field}");
    }
    let v = with(tiny(), "/transitions/0", "weight", json!(1e-9));
    assert_round_trip(&v);
}

#[test]
fn scenarios_of_every_change_kind_round_trip() {
    let v: Value = serde_json::from_str(RENEWAL).expect("fixture is JSON");
    let j = assert_round_trip(&v);
    let sc = &j.scenarios[0];
    assert_eq!(sc.id, "callback");
    assert_eq!(sc.changes.len(), 10);
    // Every kind of change, as the model reads it.
    let kinds: HashSet<&str> = sc
        .changes
        .iter()
        .enumerate()
        .map(|(i, rec)| {
            let path = format!("/scenarios/0/changes/{i}");
            match journeygraph::model::Change::from_record(rec, &path).expect("valid change") {
                journeygraph::model::Change::Touchpoint { .. } => "touchpoint",
                journeygraph::model::Change::Weight { .. } => "weight",
                journeygraph::model::Change::Add(_) => "add",
                journeygraph::model::Change::Remove(_) => "remove",
                journeygraph::model::Change::AddTransition(_) => "addTransition",
                journeygraph::model::Change::RemoveTransition(_) => "removeTransition",
                // Fail points are version 2: tests/blueprint.rs.
                journeygraph::model::Change::FailRate { .. } => "failRate",
            }
        })
        .collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}

#[test]
fn every_set_and_shift_field_round_trips() {
    for (field, value) in [
        ("emotion", 0.5),
        ("impact", 0.5),
        ("dropout", 0.5),
        ("emotionBy", -1.5),
        ("impactBy", 0.25),
        ("dropoutBy", -0.75),
    ] {
        let v = with(
            tiny(),
            "",
            "scenarios",
            json!([{"id": "x", "name": "X", "changes": [{"touchpoint": "a", field: value}]}]),
        );
        let j = assert_round_trip(&v);
        assert_eq!(
            exported_value(&j)["scenarios"][0]["changes"][0][field],
            json!(value)
        );
    }
}

#[test]
fn scenarios_without_name_or_changes_round_trip() {
    let v = with(
        tiny(),
        "",
        "scenarios",
        json!([{"id": "empty"}, {"id": "named", "name": "Named", "changes": []}]),
    );
    let j = assert_round_trip(&v);
    assert_eq!(j.scenarios.len(), 2);
}

#[test]
fn a_scenario_may_change_what_it_added_and_not_what_it_removed() {
    let ok = with(
        tiny(),
        "",
        "scenarios",
        json!([
            {"id": "one", "changes": [
                {"add": {"id": "c", "name": "Chat", "stage": "s"}},
                {"touchpoint": "c", "emotion": 0.5},
                {"addTransition": {"from": "a", "to": "c"}},
                {"from": "a", "to": "c", "weight": 2},
                {"remove": "b"},
                {"add": {"id": "b", "name": "Buy again", "stage": "t", "goal": true}}
            ]},
            // Scenarios are independent: "b" is still there for this one.
            {"id": "two", "changes": [{"touchpoint": "b", "emotion": 1}]}
        ]),
    );
    assert_round_trip(&ok);
}

#[test]
fn changed_settings_round_trip() {
    let v = with(
        tiny(),
        "",
        "settings",
        json!({
            "sensitivity": 2.5,
            "rememberWeights": {"peak": 0.25, "end": 0.25, "mean": 0.5},
            "satisfiedAt": 0.1, "promoterAt": 0.7, "maxSteps": 250
        }),
    );
    let j = assert_round_trip(&v);
    assert_eq!(j.settings.sensitivity, 2.5);
    assert_eq!(j.settings.remember_weights.mean, 0.5);
    assert_eq!(j.settings.satisfied_at, 0.1);
    assert_eq!(j.settings.promoter_at, 0.7);
    assert_eq!(j.settings.max_steps, 250);

    // One setting changed, the others left at their defaults.
    let j = assert_round_trip(&with(tiny(), "", "settings", json!({"maxSteps": 5})));
    assert_eq!(j.settings.max_steps, 5);
    assert_eq!(j.settings.sensitivity, 1.0);
    assert_eq!(j.settings.remember_weights.peak, 0.5);
    // Remember weights given in part: the missing ones are 0.
    let j = assert_round_trip(&with(
        tiny(),
        "",
        "settings",
        json!({"rememberWeights": {"end": 1}}),
    ));
    assert_eq!(
        (
            j.settings.remember_weights.peak,
            j.settings.remember_weights.end,
            j.settings.remember_weights.mean
        ),
        (0.0, 1.0, 0.0)
    );
}

#[test]
fn hand_written_file_exports_to_the_golden_text() {
    let j = from_json(RENEWAL).expect("fixture loads");
    assert_eq!(to_json(&j), RENEWAL_CANONICAL.trim_end());
    let golden = from_json(RENEWAL_CANONICAL).expect("golden loads");
    assert_eq!(golden, j);
    assert_eq!(to_json(&golden), RENEWAL_CANONICAL.trim_end());
}

#[test]
fn export_leaves_defaults_out_and_key_order_does_not_matter() {
    let loose = json!({
        // (An emotion of 0 is a rating and is kept: not rated is not zero.)
        "touchpoints": [{"stage": "s", "name": "Ad", "id": "a", "entry": 1,
                         "impact": 1, "dropout": 0, "goal": false, "channel": "", "owner": "",
                         "kind": "direct", "service": false, "proactive": false, "notes": "",
                         "painPoints": [], "opportunities": []}],
        "stages": [{"name": "Stage", "id": "s"}],
        "title": "Tiny",
        "version": 1,
        "format": "journeygraph"
    });
    let j = assert_round_trip(&loose);
    assert_eq!(j, load_ok(&minimal()));
    assert_eq!(to_json(&j), to_json(&load_ok(&minimal())));
    let tp = &exported_value(&j)["touchpoints"][0];
    let keys: Vec<&str> = tp
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "name", "stage", "entry"]);
    // The header comes first, in a fixed order.
    let text = to_json(&j);
    assert!(
        text.starts_with("{\n  \"format\": \"journeygraph\",\n  \"version\": 2,"),
        "{text}"
    );
}

#[test]
fn transitions_keep_their_file_order() {
    let v = json!({
        "format": "journeygraph", "version": 1,
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s", "entry": 1},
            {"id": "b", "name": "B", "stage": "s"},
            {"id": "c", "name": "C", "stage": "s", "goal": true}
        ],
        "transitions": [
            {"from": "b", "to": "c", "weight": 2},
            {"from": "a", "to": "c"},
            {"from": "a", "to": "b", "weight": 0.5},
            {"from": "b", "to": "b", "weight": 0.1}
        ]
    });
    let j = assert_round_trip(&v);
    let ends: Vec<(String, String)> = j
        .transitions()
        .into_iter()
        .map(|t| (t.from, t.to))
        .collect();
    assert_eq!(
        ends,
        [("b", "c"), ("a", "c"), ("a", "b"), ("b", "b")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn floats_survive_the_round_trip_bit_for_bit() {
    // Values an analysis, a fitted journey or a slider can produce, with
    // the 17 significant digits an f64 may need. serde_json only parses
    // these exactly with its `float_roundtrip` feature.
    let values = [
        0.43604056665473645,
        -0.9977947932984057,
        0.11055918596407399,
        0.9952708670213921,
        1.0 / 3.0,
        0.1 + 0.2,
        f64::MIN_POSITIVE,
        5e-324,
    ];
    for x in values {
        let v = with(minimal(), "/touchpoints/0", "emotion", json!(x));
        let j = load_ok(&v);
        assert_eq!(
            j.touchpoint("a").expect("a").emotion_value().to_bits(),
            x.to_bits(),
            "emotion {x:?} written as {} was read as {:?}",
            json!(x),
            j.touchpoint("a").expect("a").emotion
        );
        assert_eq!(from_json(&to_json(&j)).expect("loads"), j, "{x:?}");
    }
}

#[test]
fn text_survives_the_round_trip() {
    let texts = [
        "",
        " leading and trailing ",
        "quote \" backslash \\ slash / tab \t newline \n",
        "\u{0}\u{1f}\u{7f}",
        "emoji 😀 and combining é and RTL עברית",
        "<script>alert(1)</script>",
        "\u{2028}\u{2029}\u{feff}",
    ];
    for s in texts {
        let v = with(
            with(minimal(), "/touchpoints/0", "notes", json!(s)),
            "",
            "title",
            json!(s),
        );
        let j = assert_round_trip(&v);
        assert_eq!(j.title, s);
        assert_eq!(j.touchpoint("a").expect("a").notes, s);
    }
}

// ---------------------------------------------------------------------------
// Unknown fields are kept
// ---------------------------------------------------------------------------

#[test]
fn unknown_fields_everywhere_survive_the_round_trip_exactly() {
    let rich = json!({"n": 3, "f": 2.5, "big": 12345678901234567u64, "neg": -7, "null": null,
                      "list": [1, "two", {"three": [3.0]}], "t": true, "s": "text"});
    let v = json!({
        "format": "journeygraph", "version": 1, "title": "Kept",
        "x-top": rich.clone(),
        "zzz": "after",
        "aaa": "order",
        "persona": {"name": "Sam", "x-age": 34},
        "stages": [{"id": "s", "name": "S", "x-colour": "#ff0000"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s", "entry": 1, "x-survey": rich.clone(), "Emotion": 5},
            {"id": "b", "name": "B", "stage": "s", "goal": true}
        ],
        "transitions": [{"from": "a", "to": "b", "x-label": {"text": "next"}}],
        "settings": {"sensitivity": 1, "x-theme": "dark"},
        "scenarios": [{
            "id": "sc", "name": "Sc", "x-author": "Ana",
            "changes": [
                {"touchpoint": "a", "emotion": 0.5, "x-why": "survey"},
                {"add": {"id": "c", "name": "C", "stage": "s", "x-new": [null]}},
                {"addTransition": {"from": "a", "to": "c", "x-edge": 1}}
            ]
        }]
    });
    let j = assert_round_trip(&v);
    let out = exported_value(&j);
    for (at, key) in [
        ("", "x-top"),
        ("", "zzz"),
        ("", "aaa"),
        ("/persona", "x-age"),
        ("/stages/0", "x-colour"),
        ("/touchpoints/0", "x-survey"),
        ("/touchpoints/0", "Emotion"),
        ("/transitions/0", "x-label"),
        ("/settings", "x-theme"),
        ("/scenarios/0", "x-author"),
        ("/scenarios/0/changes/0", "x-why"),
        ("/scenarios/0/changes/1/add", "x-new"),
        ("/scenarios/0/changes/2/addTransition", "x-edge"),
    ] {
        let pointer = format!("{at}/{key}");
        assert_eq!(
            out.pointer(&pointer),
            v.pointer(&pointer),
            "unknown field {pointer} did not survive exactly"
        );
    }
    // Integers stay integers, the big one to the last digit.
    assert_eq!(out["x-top"]["big"], json!(12345678901234567u64));
    assert_eq!(out["x-top"]["n"].to_string(), "3");
    // Unknown top-level fields keep their order.
    let keys: Vec<&str> = out
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let unknown: Vec<&str> = keys
        .into_iter()
        .filter(|k| ["x-top", "zzz", "aaa"].contains(k))
        .collect();
    assert_eq!(unknown, ["x-top", "zzz", "aaa"]);
    // A second trip changes nothing.
    assert_eq!(
        to_json(&from_json(&to_json(&j)).expect("loads")),
        to_json(&j)
    );
}

/// SPEC section 4: "Unknown fields are kept or reported, never silently
/// dropped." `unknown` is the pointer of an unknown field in `v`.
fn assert_kept_or_reported(v: &Value, unknown: &str) {
    let (parent, key) = unknown.rsplit_once('/').expect("a pointer");
    match load(v) {
        Err(e) => {
            // Refusing is fine if the error points at the field, or at its
            // object and names the field.
            let at_field = e.path() == unknown;
            let at_parent = e.path() == parent && e.to_string().contains(key);
            assert!(
                at_field || at_parent,
                "an unknown field may be refused, but the error must point at it ({} at {:?}: {e})",
                e.code(),
                e.path()
            );
        }
        Ok(j) => {
            let out = exported_value(&j);
            assert_eq!(
                out.pointer(unknown),
                v.pointer(unknown),
                "unknown field {unknown} was silently dropped by the round trip"
            );
        }
    }
}

#[test]
fn unknown_fields_in_remember_weights_are_not_silently_dropped() {
    let v = with(
        tiny(),
        "",
        "settings",
        json!({"rememberWeights": {"peak": 0.5, "end": 0.5, "mean": 0, "recency": 0}}),
    );
    assert_kept_or_reported(&v, "/settings/rememberWeights/recency");
}

#[test]
fn unknown_fields_in_remove_transition_are_not_silently_dropped() {
    let v = with(
        tiny(),
        "",
        "scenarios",
        json!([{"id": "x", "changes": [{"removeTransition": {"from": "a", "to": "b", "x-why": "slow"}}]}]),
    );
    assert_kept_or_reported(&v, "/scenarios/0/changes/0/removeTransition/x-why");
}

#[test]
fn moderately_deep_unknown_fields_round_trip() {
    let depth = 100;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let text = minimal()
        .to_string()
        .replacen('{', &format!("{{\"x-deep\": {deep},"), 1);
    let original: Value = serde_json::from_str(&text).expect("JSON");
    let j = assert_round_trip(&original);
    assert_eq!(exported_value(&j)["x-deep"], original["x-deep"]);
}

// ---------------------------------------------------------------------------
// Errors: parse
// ---------------------------------------------------------------------------

#[test]
fn parse_errors_give_line_and_column() {
    let text = "{\"format\": \"journeygraph\",\n  \"version\": 1,\n  \"title\": \"x\" oops}";
    let e = refuse_text(text, &Limits::default(), "parse", "", &["line 3", "column"]);
    match e {
        JourneyError::Parse { line, column, .. } => {
            assert_eq!(line, 3);
            assert_eq!(column, 16, "the column of the stray `o`");
        }
        other => panic!("not a parse error: {other:?}"),
    }
}

#[test]
fn every_kind_of_malformed_json_is_a_parse_error() {
    for (label, text, line) in [
        ("empty text", "", 1),
        ("only spaces", "   \n  ", 2),
        (
            "truncated",
            "{\"format\": \"journeygraph\", \"version\": 1,\n\"stages\": [",
            2,
        ),
        (
            "trailing comma",
            "{\"format\": \"journeygraph\", \"version\": 1,}",
            1,
        ),
        ("single quotes", "{'format': 'journeygraph'}", 1),
        (
            "comment",
            "// journey\n{\"format\": \"journeygraph\", \"version\": 1}",
            1,
        ),
        (
            "trailing garbage",
            "{\"format\": \"journeygraph\", \"version\": 1}\n\nx",
            3,
        ),
        ("two documents", "{}\n{}", 2),
        (
            "lone surrogate",
            "{\"format\": \"journeygraph\", \"version\": 1, \"title\": \"\\ud800\"}",
            1,
        ),
        (
            "NaN",
            "{\"format\": \"journeygraph\", \"version\": 1, \"x\": NaN}",
            1,
        ),
        (
            "number too big for f64",
            "{\"format\": \"journeygraph\", \"version\": 1, \"x\": 1e400}",
            1,
        ),
        (
            "raw control character",
            "{\"format\": \"journeygraph\", \"title\": \"a\u{1}b\"}",
            1,
        ),
    ] {
        let e = match from_json(text) {
            Ok(_) => panic!("{label}: loaded"),
            Err(e) => e,
        };
        assert_eq!((e.code(), e.path()), ("parse", ""), "{label}: {e}");
        let msg = e.to_string();
        assert!(msg.contains(&format!("line {line}")), "{label}: {msg}");
        assert!(msg.contains("column"), "{label}: {msg}");
    }
}

// ---------------------------------------------------------------------------
// Errors: schema
// ---------------------------------------------------------------------------

#[test]
fn wrong_type_names_the_field() {
    let cases = [
        (
            with(tiny(), "/touchpoints/0", "emotion", json!("high")),
            "/touchpoints/0/emotion",
            "high",
        ),
        (
            with(tiny(), "/touchpoints/1", "goal", json!("yes")),
            "/touchpoints/1/goal",
            "yes",
        ),
        (
            with(tiny(), "/touchpoints/0", "kind", json!("sideways")),
            "/touchpoints/0/kind",
            "sideways",
        ),
        (
            with(tiny(), "/touchpoints/0", "effort", json!(3.5)),
            "/touchpoints/0/effort",
            "3.5",
        ),
        (
            with(tiny(), "/touchpoints/0", "effort", json!(300)),
            "/touchpoints/0/effort",
            "300",
        ),
        (
            with(tiny(), "/touchpoints/0", "painPoints", json!("slow")),
            "/touchpoints/0/painPoints",
            "slow",
        ),
        (
            with(tiny(), "/touchpoints/0", "opportunities", json!([1])),
            "/touchpoints/0/opportunities/0",
            "1",
        ),
        (
            // (An emotion of null is "not rated", as the view writes it.)
            with(tiny(), "/touchpoints/0", "impact", Value::Null),
            "/touchpoints/0/impact",
            "null",
        ),
        (
            with(tiny(), "/transitions/0", "weight", json!("x")),
            "/transitions/0/weight",
            "\"x\"",
        ),
        (
            with(tiny(), "/stages/1", "name", json!(7)),
            "/stages/1/name",
            "7",
        ),
        (with(tiny(), "", "stages", json!("s")), "/stages", "\"s\""),
        (
            with(tiny(), "", "title", json!(["a"])),
            "/title",
            // Said for designers: a list, not serde's "sequence".
            "found a list",
        ),
        (with(tiny(), "", "persona", json!("Sam")), "/persona", "Sam"),
        (
            with(tiny(), "", "settings", json!({"maxSteps": -1})),
            "/settings/maxSteps",
            "-1",
        ),
        (
            with(
                tiny(),
                "",
                "settings",
                json!({"rememberWeights": {"peak": "x"}}),
            ),
            "/settings/rememberWeights/peak",
            "x",
        ),
        (
            replace(tiny(), "/touchpoints/1", json!("b")),
            "/touchpoints/1",
            "\"b\"",
        ),
        (
            with(
                tiny(),
                "",
                "scenarios",
                json!([{"id": "x", "changes": [{"touchpoint": "a", "emotion": "up"}]}]),
            ),
            "/scenarios/0/changes/0/emotion",
            "up",
        ),
    ];
    for (v, path, name) in cases {
        refuse(&v, "schema", path, &[name]);
    }
}

#[test]
fn missing_required_field_is_named() {
    for (v, path, field) in [
        (
            without(tiny(), "/touchpoints/0", "name"),
            "/touchpoints/0",
            "name",
        ),
        (
            without(tiny(), "/touchpoints/1", "id"),
            "/touchpoints/1",
            "id",
        ),
        (
            without(tiny(), "/touchpoints/0", "stage"),
            "/touchpoints/0",
            "stage",
        ),
        (without(tiny(), "/stages/0", "name"), "/stages/0", "name"),
        (
            without(tiny(), "/transitions/0", "to"),
            "/transitions/0",
            "to",
        ),
        (
            with(tiny(), "", "scenarios", json!([{"name": "No id"}])),
            "/scenarios/0",
            "id",
        ),
    ] {
        refuse(&v, "schema", path, &[field]);
    }
    // A file without a version cannot be migrated: say so.
    refuse(
        &without(tiny(), "", "version"),
        "schema",
        "/version",
        &["version"],
    );
}

#[test]
fn a_change_must_be_exactly_one_kind() {
    let change = |c: Value| {
        with(
            tiny(),
            "",
            "scenarios",
            json!([{"id": "x", "name": "X", "changes": [c]}]),
        )
    };
    for c in [
        json!({}),
        json!({"touchpoint": "a"}),
        json!({"emotion": 0.5}),
        json!({"touchpoint": "a", "emotion": 0.5, "emotionBy": 0.1}),
        json!({"touchpoint": "a", "remove": "b"}),
        json!({"from": "a", "to": "b"}),
        json!({"weight": 2}),
        json!({"remove": "a", "add": {"id": "c", "name": "C", "stage": "s"}}),
        json!({"touchpoint": "a", "emotion": 0.5, "weight": 2}),
    ] {
        refuse(&change(c), "schema", "/scenarios/0/changes/0", &[]);
    }
}

// ---------------------------------------------------------------------------
// Errors: wrong_format and unsupported_version
// ---------------------------------------------------------------------------

#[test]
fn not_a_journeygraph_file() {
    for (text, path) in [
        ("[]", ""),
        ("\"journeygraph\"", ""),
        ("42", ""),
        ("null", ""),
        ("{}", "/format"),
        ("{\"version\": 1, \"touchpoints\": []}", "/format"),
        ("{\"format\": \"excalidraw\", \"version\": 1}", "/format"),
        ("{\"format\": \"Journeygraph\", \"version\": 1}", "/format"),
        ("{\"format\": 1, \"version\": 1}", "/format"),
        (
            "{\"type\": \"excalidraw\", \"version\": 2, \"elements\": []}",
            "/format",
        ),
    ] {
        refuse_text(
            text,
            &Limits::default(),
            "wrong_format",
            path,
            &["journeygraph"],
        );
    }
}

#[test]
fn later_and_impossible_versions_are_refused_whole() {
    for (version, shown) in [(json!(3), "3"), (json!(99999), "99999")] {
        let v = with(tiny(), "", "version", version);
        let e = refuse(&v, "unsupported_version", "/version", &[shown]);
        assert!(
            e.to_string().contains("newer"),
            "a later version needs a newer journeygraph: {e}"
        );
    }
    // Versions that never existed.
    for (version, shown) in [
        (json!(0), "0"),
        (json!(-1), "-1"),
        (json!(1.5), "1.5"),
        (json!("1"), "\"1\""),
        (Value::Null, "null"),
    ] {
        let v = with(tiny(), "", "version", version);
        refuse(&v, "unsupported_version", "/version", &[shown]);
    }
}

#[test]
fn version_one_point_zero_is_version_one() {
    // JSON does not tell 1.0 from 1 (JavaScript cannot even write 1.0), and
    // some writers (Python's json) put every number as a float. Refusing it
    // says "This file is format version 1.0; this journeygraph reads
    // versions 1 to 1", which contradicts itself.
    let v = with(tiny(), "", "version", json!(1.0));
    let j = load_ok(&v);
    assert_eq!(j, load_ok(&tiny()));
}

#[test]
fn a_later_version_is_not_half_loaded() {
    // The body of a version-3 file means nothing to version 2: whatever is
    // in it, the answer is the version, never an error about the body and
    // never a journey made of the parts that happen to look familiar.
    let bodies = [
        with(tiny(), "", "touchpoints", json!("a new shape")),
        with(tiny(), "/touchpoints/0", "emotion", json!(7)),
        with(tiny(), "/touchpoints/0", "stage", json!("nowhere")),
        push(tiny(), "/stages", json!({"id": "s", "name": "Again"})),
        with(tiny(), "", "title", json!("x".repeat(20_000))),
        tiny(),
    ];
    for body in bodies {
        let v = with(body, "", "version", json!(3));
        refuse(&v, "unsupported_version", "/version", &["3"]);
    }
}

// ---------------------------------------------------------------------------
// Errors: duplicate_id, unknown_stage, unknown_touchpoint
// ---------------------------------------------------------------------------

#[test]
fn duplicate_ids() {
    let scenarios = |s: Value| with(tiny(), "", "scenarios", s);
    let cases = [
        (
            push(tiny(), "/stages", json!({"id": "s", "name": "Again"})),
            "/stages/2/id",
            "\"s\"",
        ),
        (
            push(
                tiny(),
                "/touchpoints",
                json!({"id": "a", "name": "Again", "stage": "s"}),
            ),
            "/touchpoints/2/id",
            "\"a\"",
        ),
        (
            push(
                tiny(),
                "/transitions",
                json!({"from": "a", "to": "b", "weight": 2}),
            ),
            "/transitions/1",
            "\"a\"",
        ),
        (
            scenarios(json!([{"id": "x", "name": "X"}, {"id": "y"}, {"id": "x", "name": "X2"}])),
            "/scenarios/2/id",
            "\"x\"",
        ),
        (
            scenarios(
                json!([{"id": "x", "changes": [{"add": {"id": "b", "name": "B2", "stage": "s"}}]}]),
            ),
            "/scenarios/0/changes/0/add/id",
            "\"b\"",
        ),
        (
            scenarios(
                json!([{"id": "x", "changes": [{"addTransition": {"from": "a", "to": "b"}}]}]),
            ),
            "/scenarios/0/changes/0/addTransition",
            "\"a\"",
        ),
    ];
    for (v, path, name) in cases {
        refuse(&v, "duplicate_id", path, &[name]);
    }
    // The same ends in the other direction are another transition.
    load_ok(&push(
        tiny(),
        "/transitions",
        json!({"from": "b", "to": "a"}),
    ));
}

#[test]
fn unknown_stage() {
    refuse(
        &with(tiny(), "/touchpoints/1", "stage", json!("checkout")),
        "unknown_stage",
        "/touchpoints/1/stage",
        &["checkout", "Buy"],
    );
    // Stage ids are case-sensitive.
    refuse(
        &with(tiny(), "/touchpoints/0", "stage", json!("S")),
        "unknown_stage",
        "/touchpoints/0/stage",
        &["\"S\""],
    );
    refuse(
        &with(
            tiny(),
            "",
            "scenarios",
            json!([{"id": "x", "changes": [{"add": {"id": "c", "name": "Chat", "stage": "help"}}]}]),
        ),
        "unknown_stage",
        "/scenarios/0/changes/0/add/stage",
        &["help"],
    );
}

#[test]
fn unknown_touchpoint() {
    let scenario = |changes: Value| {
        with(
            tiny(),
            "",
            "scenarios",
            json!([{"id": "x", "name": "X", "changes": changes}]),
        )
    };
    let cases = [
        (
            with(tiny(), "/transitions/0", "from", json!("ghost")),
            "/transitions/0/from",
        ),
        (
            with(tiny(), "/transitions/0", "to", json!("ghost")),
            "/transitions/0/to",
        ),
        (
            scenario(json!([{"touchpoint": "ghost", "emotion": 0.5}])),
            "/scenarios/0/changes/0/touchpoint",
        ),
        (
            scenario(json!([{"remove": "ghost"}])),
            "/scenarios/0/changes/0/remove",
        ),
        (
            scenario(json!([{"touchpoint": "a", "emotion": 0.5}, {"remove": "ghost"}])),
            "/scenarios/0/changes/1/remove",
        ),
        (
            scenario(json!([{"addTransition": {"from": "a", "to": "ghost"}}])),
            "/scenarios/0/changes/0/addTransition/to",
        ),
        (
            scenario(json!([{"addTransition": {"from": "ghost", "to": "a"}}])),
            "/scenarios/0/changes/0/addTransition/from",
        ),
    ];
    for (v, path) in cases {
        refuse(&v, "unknown_touchpoint", path, &["ghost"]);
    }
    // Changes that name a touchpoint an earlier change removed.
    let removed = [
        (
            scenario(json!([{"remove": "b"}, {"touchpoint": "b", "emotion": 0.5}])),
            "/scenarios/0/changes/1/touchpoint",
        ),
        (
            scenario(json!([{"remove": "b"}, {"remove": "b"}])),
            "/scenarios/0/changes/1/remove",
        ),
        (
            scenario(json!([{"remove": "b"}, {"addTransition": {"from": "a", "to": "b"}}])),
            "/scenarios/0/changes/1/addTransition/to",
        ),
    ];
    for (v, path) in removed {
        refuse(&v, "unknown_touchpoint", path, &["\"b\""]);
    }
    // Transitions that do not exist (at that point).
    for (v, path) in [
        (
            scenario(json!([{"from": "b", "to": "a", "weight": 2}])),
            "/scenarios/0/changes/0/from",
        ),
        (
            scenario(json!([{"removeTransition": {"from": "b", "to": "a"}}])),
            "/scenarios/0/changes/0/removeTransition",
        ),
        (
            scenario(json!([{"remove": "b"}, {"from": "a", "to": "b", "weight": 2}])),
            "/scenarios/0/changes/1/from",
        ),
        (
            scenario(
                json!([{"removeTransition": {"from": "a", "to": "b"}}, {"removeTransition": {"from": "a", "to": "b"}}]),
            ),
            "/scenarios/0/changes/1/removeTransition",
        ),
    ] {
        refuse(&v, "unknown_touchpoint", path, &["\"a\"", "\"b\""]);
    }
}

// ---------------------------------------------------------------------------
// Errors: out_of_range
// ---------------------------------------------------------------------------

#[test]
fn numbers_out_of_range() {
    let tp = |field: &str, x: Value| with(tiny(), "/touchpoints/0", field, x);
    let cases = [
        (tp("emotion", json!(1.5)), "/touchpoints/0/emotion", "1.5"),
        (
            tp("emotion", json!(-1.0000001)),
            "/touchpoints/0/emotion",
            "-1.0000001",
        ),
        (tp("impact", json!(-0.1)), "/touchpoints/0/impact", "-0.1"),
        (tp("impact", json!(1.1)), "/touchpoints/0/impact", "1.1"),
        (tp("dropout", json!(2)), "/touchpoints/0/dropout", "2"),
        (tp("dropout", json!(-0.5)), "/touchpoints/0/dropout", "-0.5"),
        (tp("entry", json!(-1)), "/touchpoints/0/entry", "-1"),
        (tp("effort", json!(9)), "/touchpoints/0/effort", "9"),
        (tp("effort", json!(0)), "/touchpoints/0/effort", "0"),
        (
            with(tiny(), "/transitions/0", "weight", json!(0)),
            "/transitions/0/weight",
            "0",
        ),
        (
            with(tiny(), "/transitions/0", "weight", json!(-2)),
            "/transitions/0/weight",
            "-2",
        ),
    ];
    for (v, path, shown) in cases {
        let field = path.rsplit('/').next().expect("field");
        refuse(&v, "out_of_range", path, &[field, shown]);
    }
}

#[test]
fn settings_out_of_range() {
    let settings = |s: Value| with(tiny(), "", "settings", s);
    let cases = [
        (
            settings(json!({"rememberWeights": {"peak": 0.5, "end": 0.4, "mean": 0}})),
            "/settings/rememberWeights",
            "0.9",
        ),
        (
            settings(json!({"rememberWeights": {"peak": 0.6, "end": 0.5}})),
            "/settings/rememberWeights",
            "1.1",
        ),
        (
            settings(json!({"rememberWeights": {"peak": 1.5, "end": -0.5}})),
            "/settings/rememberWeights/peak",
            "1.5",
        ),
        (
            settings(json!({"sensitivity": -1})),
            "/settings/sensitivity",
            "-1",
        ),
        (
            settings(json!({"satisfiedAt": 2})),
            "/settings/satisfiedAt",
            "2",
        ),
        (
            settings(json!({"promoterAt": -1.5})),
            "/settings/promoterAt",
            "-1.5",
        ),
        (settings(json!({"maxSteps": 0})), "/settings/maxSteps", "0"),
    ];
    for (v, path, shown) in cases {
        refuse(&v, "out_of_range", path, &[shown]);
    }
}

#[test]
fn ids_and_names_out_of_range() {
    let long_id = "i".repeat(129);
    refuse(
        &with(
            with(tiny(), "/touchpoints/0", "id", json!(long_id)),
            "/transitions/0",
            "from",
            json!(long_id),
        ),
        "out_of_range",
        "/touchpoints/0/id",
        &["128", "129"],
    );
    refuse(
        &with(tiny(), "/touchpoints/0", "id", json!("")),
        "out_of_range",
        "/touchpoints/0/id",
        &["128"],
    );
    refuse(
        &with(
            with(tiny(), "/stages/0", "id", json!("s".repeat(129))),
            "/touchpoints/0",
            "stage",
            json!("s".repeat(129)),
        ),
        "out_of_range",
        "/stages/0/id",
        &["129"],
    );
    refuse(
        &with(tiny(), "/stages/1", "id", json!("")),
        "out_of_range",
        "/stages/1/id",
        &["stage"],
    );
    refuse(
        &with(tiny(), "", "scenarios", json!([{"id": ""}])),
        "out_of_range",
        "/scenarios/0/id",
        &["scenario"],
    );
    refuse(
        &with(tiny(), "/touchpoints/1", "name", json!("n".repeat(501))),
        "out_of_range",
        "/touchpoints/1/name",
        &["500", "501"],
    );
    // The limits are in characters, not bytes: 128 and 500 two-byte
    // characters are fine.
    let id = "é".repeat(128);
    let v = with(
        with(
            with(tiny(), "/touchpoints/0", "id", json!(id)),
            "/transitions/0",
            "from",
            json!(id),
        ),
        "/touchpoints/0",
        "name",
        json!("ü".repeat(500)),
    );
    let j = assert_round_trip(&v);
    assert!(j.contains(&id));
}

#[test]
fn scenario_changes_out_of_range() {
    let change = |c: Value| {
        with(
            tiny(),
            "",
            "scenarios",
            json!([{"id": "x", "changes": [c]}]),
        )
    };
    let cases = [
        (
            change(json!({"touchpoint": "a", "emotion": 1.5})),
            "/scenarios/0/changes/0/emotion",
        ),
        (
            change(json!({"touchpoint": "a", "impact": -0.1})),
            "/scenarios/0/changes/0/impact",
        ),
        (
            change(json!({"touchpoint": "a", "dropout": 2})),
            "/scenarios/0/changes/0/dropout",
        ),
        (
            change(json!({"touchpoint": "a", "emotionBy": 3})),
            "/scenarios/0/changes/0/emotionBy",
        ),
        (
            change(json!({"from": "a", "to": "b", "weight": 0})),
            "/scenarios/0/changes/0/weight",
        ),
        (
            change(json!({"add": {"id": "c", "name": "C", "stage": "s", "emotion": 2}})),
            "/scenarios/0/changes/0/add/emotion",
        ),
        (
            change(json!({"add": {"id": "c".repeat(129), "name": "C", "stage": "s"}})),
            "/scenarios/0/changes/0/add/id",
        ),
        (
            change(json!({"addTransition": {"from": "b", "to": "a", "weight": -1}})),
            "/scenarios/0/changes/0/addTransition/weight",
        ),
    ];
    for (v, path) in cases {
        refuse(&v, "out_of_range", path, &[]);
    }
}

// ---------------------------------------------------------------------------
// Errors: too_large
// ---------------------------------------------------------------------------

#[test]
fn limits_are_those_of_the_spec() {
    let l = Limits::default();
    assert_eq!(
        (
            l.max_bytes,
            l.max_touchpoints,
            l.max_transitions,
            l.max_string
        ),
        (64_000_000, 200_000, 1_000_000, 10_000)
    );
}

#[test]
fn too_many_bytes_with_small_limits() {
    let text = tiny().to_string();
    let exact = Limits {
        max_bytes: text.len(),
        ..Limits::default()
    };
    assert!(
        from_json_with(&text, &exact).is_ok(),
        "a file of exactly the limit loads"
    );
    let under = Limits {
        max_bytes: text.len() - 1,
        ..Limits::default()
    };
    refuse_text(&text, &under, "too_large", "", &["MB"]);
    // The size is checked before anything else: even broken JSON.
    refuse_text(
        "{ not json at all",
        &Limits {
            max_bytes: 5,
            ..Limits::default()
        },
        "too_large",
        "",
        &[],
    );
}

#[test]
fn a_file_over_sixty_four_megabytes_is_refused() {
    // SPEC section 5: 64 MB of JSON, enough for the 100,000-touchpoint
    // reference journey (about 43 MB).
    let mut text = minimal().to_string();
    let blob = format!(",\"x-blob\":\"{}\"}}", "x".repeat(64_000_000));
    text.pop();
    text.push_str(&blob);
    assert!(text.len() > 64_000_000);
    refuse_text(&text, &Limits::default(), "too_large", "", &["64"]);
    // Also when the bytes are many small, valid touchpoints.
    let tps: Vec<String> = (0..200_000)
        .map(|i| {
            format!(
                "{{\"id\":\"t{i}\",\"name\":\"{}\",\"stage\":\"s\"}}",
                "n".repeat(330)
            )
        })
        .collect();
    let text = format!(
        "{{\"format\":\"journeygraph\",\"version\":1,\"stages\":[{{\"id\":\"s\",\"name\":\"S\"}}],\"touchpoints\":[{}]}}",
        tps.join(",")
    );
    assert!(text.len() > 64_000_000);
    refuse_text(&text, &Limits::default(), "too_large", "", &[]);
}

/// A file with `n` touchpoints in a chain, so `n - 1` transitions.
fn chain(n: usize) -> Value {
    let tps: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s", "entry": if i == 0 { 1 } else { 0 }}))
        .collect();
    let ts: Vec<Value> = (1..n)
        .map(|i| json!({"from": format!("t{}", i - 1), "to": format!("t{i}")}))
        .collect();
    json!({"format": "journeygraph", "version": 1, "stages": [{"id": "s", "name": "S"}],
           "touchpoints": tps, "transitions": ts})
}

#[test]
fn too_many_touchpoints_or_transitions() {
    let v = chain(5);
    let tp4 = Limits {
        max_touchpoints: 4,
        ..Limits::default()
    };
    let e = refuse_with(&v, &tp4, "too_large", "/touchpoints");
    assert!(
        e.to_string().contains('5') && e.to_string().contains('4'),
        "{e}"
    );
    let tp5 = Limits {
        max_touchpoints: 5,
        ..Limits::default()
    };
    assert!(from_json_with(&v.to_string(), &tp5).is_ok());

    let tr3 = Limits {
        max_transitions: 3,
        ..Limits::default()
    };
    let e = refuse_with(&v, &tr3, "too_large", "/transitions");
    assert!(
        e.to_string().contains('4') && e.to_string().contains('3'),
        "{e}"
    );
    let tr4 = Limits {
        max_transitions: 4,
        ..Limits::default()
    };
    assert!(from_json_with(&v.to_string(), &tr4).is_ok());

    // Counted before the touchpoints are read: a bad touchpoint past the
    // limit does not hide that the file is too large.
    let bad = with(chain(5), "/touchpoints/4", "emotion", json!("x"));
    refuse_with(&bad, &tp4, "too_large", "/touchpoints");
}

#[test]
fn strings_over_ten_thousand_characters() {
    let long = "x".repeat(10_001);
    let cases = [
        (
            with(tiny(), "/touchpoints/0", "notes", json!(long)),
            "/touchpoints/0/notes",
        ),
        (with(tiny(), "", "title", json!(long)), "/title"),
        (
            with(tiny(), "/touchpoints/1", "painPoints", json!(["ok", long])),
            "/touchpoints/1/painPoints/1",
        ),
        (
            with(tiny(), "/touchpoints/0", "x-research", json!(long)),
            "/touchpoints/0/x-research",
        ),
        (
            with(
                tiny(),
                "",
                "x-plugin",
                json!({"deep": [{"ok": "ok"}, {"text": long}]}),
            ),
            "/x-plugin/deep/1/text",
        ),
        (with(tiny(), "", "a/b~c", json!(long)), "/a~1b~0c"),
        (
            with(tiny(), "/stages/0", "name", json!(long)),
            "/stages/0/name",
        ),
        (
            with(tiny(), "/transitions/0", "x-label", json!(long)),
            "/transitions/0/x-label",
        ),
        (
            with(tiny(), "", "settings", json!({"x-theme": long})),
            "/settings/x-theme",
        ),
        (
            with(tiny(), "", "scenarios", json!([{"id": "x", "name": long}])),
            "/scenarios/0/name",
        ),
        (
            with(
                tiny(),
                "",
                "persona",
                json!({"name": "Sam", "description": long}),
            ),
            "/persona/description",
        ),
    ];
    for (v, path) in cases {
        refuse(&v, "too_large", path, &["10001", "10000"]);
    }
    // A long key is a long string too.
    let v = with(tiny(), "/stages/0", &long, json!(1));
    refuse(&v, "too_large", &format!("/stages/0/{long}"), &[]);

    // Exactly 10,000 characters is fine, also when they take 2 or 4 bytes.
    for s in ["x".repeat(10_000), "é".repeat(10_000), "😀".repeat(10_000)] {
        let v = with(
            with(tiny(), "/touchpoints/0", "notes", json!(s)),
            "",
            "x-kept",
            json!(s),
        );
        assert_round_trip(&v);
    }
}

#[test]
fn smaller_string_limit_applies_everywhere() {
    // Keys and values of a tiny journey are at most 13 characters long
    // ("opportunities", the lane its migration to version 2 adds).
    let limits = Limits {
        max_string: 13,
        ..Limits::default()
    };
    assert!(from_json_with(&tiny().to_string(), &limits).is_ok());
    refuse_with(
        &with(tiny(), "/touchpoints/0", "channel", json!("p".repeat(14))),
        &limits,
        "too_large",
        "/touchpoints/0/channel",
    );
    refuse_with(
        &with(tiny(), "/stages/1", "x-key-of-14ch!", json!(1)),
        &limits,
        "too_large",
        "/stages/1/x-key-of-14ch!",
    );
    // Keys are strings too, the first one checked first.
    let limits = Limits {
        max_string: 3,
        ..Limits::default()
    };
    refuse_with(&tiny(), &limits, "too_large", "/format");
}

// ---------------------------------------------------------------------------
// Deep nesting
// ---------------------------------------------------------------------------

fn nested(open: &str, close: &str, depth: usize) -> String {
    let deep = format!("{}{}", open.repeat(depth), close.repeat(depth));
    format!("{{\"format\": \"journeygraph\", \"version\": 1, \"x-deep\": {deep}}}")
}

fn assert_clear_nesting_error(text: &str) {
    let e = match from_json(text) {
        Ok(_) => panic!("a deeply nested file loaded"),
        Err(e) => e,
    };
    assert!(
        ["parse", "too_large"].contains(&e.code()),
        "nesting gives {}: {e}",
        e.code()
    );
    let msg = e.to_string().to_lowercase();
    assert!(
        ["nest", "deep", "recursion", "depth"]
            .iter()
            .any(|w| msg.contains(w)),
        "the message should say the file is nested too deeply: {msg}"
    );
}

#[test]
fn ten_thousand_nested_arrays_is_an_error_not_a_crash() {
    assert_clear_nesting_error(&nested("[", "]", 10_000));
}

#[test]
fn deeply_nested_objects_and_unclosed_arrays_are_errors_not_crashes() {
    assert_clear_nesting_error(&nested("{\"a\":", "}", 10_000));
    assert_clear_nesting_error(&nested("[", "]", 1_000_000));
    // Unclosed, and at the top level.
    assert_clear_nesting_error(&"[".repeat(100_000));
    let inside_touchpoint = minimal().to_string().replacen(
        "\"entry\":1",
        &format!("\"entry\":1,\"x\":{}{}", "[".repeat(5000), "]".repeat(5000)),
        1,
    );
    assert!(inside_touchpoint.contains("[[[["));
    assert_clear_nesting_error(&inside_touchpoint);
}

// ---------------------------------------------------------------------------
// no_entry, closed_loop and the warnings: diagnostics, not import errors
// ---------------------------------------------------------------------------

fn journey(touchpoints: Value, transitions: Value) -> Value {
    json!({
        "format": "journeygraph", "version": 1, "title": "J",
        "stages": [{"id": "s", "name": "Stage"}, {"id": "t", "name": "Later"}],
        "touchpoints": touchpoints,
        "transitions": transitions
    })
}

#[test]
fn no_entry_loads_and_is_diagnosed() {
    let v = journey(
        json!([
            {"id": "a", "name": "A", "stage": "s", "dropout": 0.5},
            {"id": "b", "name": "B", "stage": "t", "dropout": 0.5}
        ]),
        json!([{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]),
    );
    let j = assert_round_trip(&v);
    let ds = diagnostics(&j);
    let d = find(&ds, "no_entry");
    assert_eq!(d.len(), 1, "{:?}", codes(&ds));
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].path, "");
    assert!(d[0].message.contains("entry"), "{}", d[0].message);
    assert_eq!(
        ds[0].code,
        "no_entry",
        "errors come first: {:?}",
        codes(&ds)
    );
    // The leaky loop is no trap, and nothing is "unreachable" when no one
    // can start.
    assert!(find(&ds, "closed_loop").is_empty(), "{:?}", codes(&ds));
    assert!(find(&ds, "unreachable").is_empty(), "{:?}", codes(&ds));

    // One entry share fixes it.
    let fixed = with(v, "/touchpoints/0", "entry", json!(1));
    assert!(find(&diagnostics(&load_ok(&fixed)), "no_entry").is_empty());
}

#[test]
fn without_entry_shares_customers_start_where_nothing_leads() {
    let v = journey(
        json!([
            {"id": "a", "name": "A", "stage": "s"},
            {"id": "b", "name": "B", "stage": "t", "goal": true}
        ]),
        json!([{"from": "a", "to": "b"}]),
    );
    let ds = diagnostics(&load_ok(&v));
    assert!(ds.is_empty(), "{:?}", codes(&ds));
}

#[test]
fn a_trap_loads_and_is_diagnosed_as_closed_loop() {
    let v = journey(
        json!([
            {"id": "e", "name": "Entry", "stage": "s", "entry": 1, "dropout": 0.1},
            {"id": "a", "name": "Hold music", "stage": "t"},
            {"id": "b", "name": "Menu again", "stage": "t"}
        ]),
        json!([{"from": "e", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]),
    );
    let j = assert_round_trip(&v);
    let ds = diagnostics(&j);
    let d = find(&ds, "closed_loop");
    assert_eq!(d.len(), 1, "{:?}", codes(&ds));
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].path, "/touchpoints/1");
    assert!(
        d[0].message.contains("Hold music") && d[0].message.contains("Menu again"),
        "{}",
        d[0].message
    );
    assert!(!d[0].message.contains("Entry"), "{}", d[0].message);
    assert!(find(&ds, "no_entry").is_empty());
    assert_eq!(
        ds[0].severity,
        Severity::Error,
        "errors first: {:?}",
        codes(&ds)
    );

    // The trap listed later in the file is named by its first touchpoint.
    let later = journey(
        json!([
            {"id": "b", "name": "Menu again", "stage": "t"},
            {"id": "e", "name": "Entry", "stage": "s", "entry": 1},
            {"id": "x", "name": "Other", "stage": "s", "goal": true},
            {"id": "a", "name": "Hold music", "stage": "t"}
        ]),
        json!([{"from": "e", "to": "a"}, {"from": "e", "to": "x"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]),
    );
    let ds = diagnostics(&load_ok(&later));
    let paths: Vec<&str> = find(&ds, "closed_loop")
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["/touchpoints/0"]);
}

#[test]
fn a_self_loop_without_way_out_is_a_trap() {
    let v = journey(
        json!([
            {"id": "e", "name": "Entry", "stage": "s", "entry": 1},
            {"id": "q", "name": "Queue", "stage": "t"}
        ]),
        json!([{"from": "e", "to": "q"}, {"from": "q", "to": "q"}]),
    );
    let ds = diagnostics(&load_ok(&v));
    let d = find(&ds, "closed_loop");
    assert_eq!(d.len(), 1, "{:?}", codes(&ds));
    assert_eq!(d[0].path, "/touchpoints/1");
    assert!(d[0].message.contains("Queue"));
}

#[test]
fn two_traps_are_two_diagnostics() {
    let v = journey(
        json!([
            {"id": "e", "name": "Entry", "stage": "s", "entry": 1},
            {"id": "a", "name": "A", "stage": "t"},
            {"id": "b", "name": "B", "stage": "t"},
            {"id": "c", "name": "C", "stage": "t"}
        ]),
        json!([{"from": "e", "to": "a"}, {"from": "e", "to": "b"}, {"from": "a", "to": "a"},
               {"from": "b", "to": "c"}, {"from": "c", "to": "b"}]),
    );
    let ds = diagnostics(&load_ok(&v));
    let paths: Vec<&str> = find(&ds, "closed_loop")
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["/touchpoints/1", "/touchpoints/2"]);
}

#[test]
fn leaky_loops_are_not_traps() {
    let base = |b_dropout: f64, exit: bool| {
        let mut ts = vec![
            json!({"from": "e", "to": "a"}),
            json!({"from": "a", "to": "b"}),
            json!({"from": "b", "to": "a"}),
        ];
        if exit {
            ts.push(json!({"from": "b", "to": "g"}));
        }
        journey(
            json!([
                {"id": "e", "name": "Entry", "stage": "s", "entry": 1},
                {"id": "a", "name": "A", "stage": "t"},
                {"id": "b", "name": "B", "stage": "t", "dropout": b_dropout},
                {"id": "g", "name": "Goal", "stage": "t", "goal": true}
            ]),
            Value::Array(ts),
        )
    };
    // Leaks by dropout.
    let ds = diagnostics(&load_ok(&base(0.1, false)));
    assert!(find(&ds, "closed_loop").is_empty(), "{:?}", codes(&ds));
    // Leaks by a way out.
    let ds = diagnostics(&load_ok(&base(0.0, true)));
    assert!(ds.is_empty(), "{:?}", codes(&ds));
    // Neither: a trap.
    let ds = diagnostics(&load_ok(&base(0.0, false)));
    assert_eq!(find(&ds, "closed_loop").len(), 1, "{:?}", codes(&ds));
}

#[test]
fn warnings_for_unreachable_dead_ends_and_empty_stages() {
    let v = json!({
        "format": "journeygraph", "version": 1,
        "stages": [{"id": "s", "name": "Start"}, {"id": "mid", "name": "Middle"}, {"id": "t", "name": "End"}],
        "touchpoints": [
            {"id": "e", "name": "Entry", "stage": "s", "entry": 1},
            {"id": "g", "name": "Bought", "stage": "t", "goal": true},
            {"id": "x", "name": "Forgotten flyer", "stage": "s"},
            {"id": "d", "name": "Gives up", "stage": "t"}
        ],
        "transitions": [{"from": "e", "to": "g"}, {"from": "e", "to": "d"}, {"from": "x", "to": "g"}]
    });
    let j = assert_round_trip(&v);
    let ds = diagnostics(&j);
    let mut got = codes(&ds);
    got.sort();
    let mut want = vec![
        ("dead_end", "/touchpoints/3".to_string()),
        ("empty_stage", "/stages/1".to_string()),
        ("unreachable", "/touchpoints/2".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
    for d in &ds {
        assert_eq!(d.severity, Severity::Warning, "{d:?}");
        assert!(!d.message.is_empty());
    }
    let named = |code: &str, name: &str| {
        let d = find(&ds, code);
        assert!(d[0].message.contains(name), "{code}: {}", d[0].message);
    };
    named("unreachable", "Forgotten flyer");
    named("dead_end", "Gives up");
    named("empty_stage", "Middle");
}

#[test]
fn the_sample_has_no_errors() {
    let ds = diagnostics(&sample());
    assert!(
        ds.iter().all(|d| d.severity == Severity::Warning),
        "{:?}",
        codes(&ds)
    );
}

// ---------------------------------------------------------------------------
// Property: random valid journeys round-trip exactly
// ---------------------------------------------------------------------------

/// Any text up to `n` characters, from all of Unicode but surrogates.
fn text(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..=n).prop_map(|cs| cs.into_iter().collect())
}

fn unit(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![Just(lo), Just(hi), Just(0.0f64.clamp(lo, hi)), lo..=hi]
}

fn maybe<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop::option::of(s).boxed()
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        text(8).prop_map(Value::from),
    ]
}

#[derive(Debug, Clone)]
struct TpSpec {
    suffix: String,
    name: String,
    stage: usize,
    emotion: Option<f64>,
    impact: Option<f64>,
    dropout: Option<f64>,
    entry: Option<f64>,
    goal: bool,
    channel: String,
    owner: String,
    kind: Option<&'static str>,
    service: bool,
    proactive: bool,
    effort: Option<u8>,
    notes: String,
    pain_points: Vec<String>,
    opportunities: Vec<String>,
    extra: Option<Value>,
}

fn tp_spec() -> impl Strategy<Value = TpSpec> {
    let numbers = (
        maybe(unit(-1.0, 1.0)),
        maybe(unit(0.0, 1.0)),
        maybe(unit(0.0, 1.0)),
        maybe(prop_oneof![Just(0.0), 0.0..1e6f64]),
        maybe(1u8..=7),
    );
    let flags = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        maybe(prop_oneof![Just("direct"), Just("indirect")]),
    );
    let texts = (
        text(10),
        text(20),
        text(6),
        text(6),
        text(30),
        prop::collection::vec(text(12), 0..3),
        prop::collection::vec(text(12), 0..3),
    );
    (any::<usize>(), numbers, flags, texts, maybe(leaf())).prop_map(
        |(
            stage,
            (emotion, impact, dropout, entry, effort),
            (goal, service, proactive, kind),
            (suffix, name, channel, owner, notes, pain_points, opportunities),
            extra,
        )| TpSpec {
            suffix,
            name,
            stage,
            emotion,
            impact,
            dropout,
            entry,
            goal,
            channel,
            owner,
            kind,
            service,
            proactive,
            effort,
            notes,
            pain_points,
            opportunities,
            extra,
        },
    )
}

/// A random valid file: stages, touchpoints with random fields in range,
/// transitions without duplicates, settings, scenarios of touchpoint and
/// weight changes, and unknown fields here and there.
fn journey_file() -> impl Strategy<Value = Value> {
    (
        text(20),
        maybe((text(8), text(20))),
        prop::collection::vec(text(10), 1..5),
        prop::collection::vec(tp_spec(), 0..12),
        prop::collection::vec((any::<usize>(), any::<usize>(), maybe(prop_oneof![Just(1.0), 1e-6..1e3f64]), maybe(leaf())), 0..30),
        maybe((unit(0.0, 100.0), 0.0..=1.0f64, 0.0..=1.0f64, unit(-1.0, 1.0), unit(-1.0, 1.0), 1u32..=1_000_000)),
        prop::collection::vec((text(10), prop::collection::vec((any::<usize>(), any::<usize>(), -1.0..=1.0f64), 0..4)), 0..3),
        maybe(leaf()),
    )
        .prop_map(|(title, persona, stage_names, tps, edges, settings, scenarios, top_extra)| {
            let stages: Vec<Value> = stage_names
                .iter()
                .enumerate()
                .map(|(i, name)| json!({"id": format!("s{i}"), "name": name}))
                .collect();
            let ids: Vec<String> = tps.iter().enumerate().map(|(i, t)| format!("t{i}_{}", t.suffix)).collect();
            let touchpoints: Vec<Value> = tps
                .iter()
                .zip(&ids)
                .map(|(t, id)| {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(id));
                    m.insert("name".into(), json!(t.name));
                    m.insert("stage".into(), json!(format!("s{}", t.stage % stage_names.len())));
                    let mut put = |k: &str, v: Option<Value>| {
                        if let Some(v) = v {
                            m.insert(k.into(), v);
                        }
                    };
                    put("emotion", t.emotion.map(Value::from));
                    put("impact", t.impact.map(Value::from));
                    put("dropout", t.dropout.map(Value::from));
                    put("entry", t.entry.map(Value::from));
                    put("goal", t.goal.then_some(json!(true)));
                    put("channel", Some(json!(t.channel)));
                    put("owner", Some(json!(t.owner)));
                    put("kind", t.kind.map(Value::from));
                    put("service", Some(json!(t.service)));
                    put("proactive", Some(json!(t.proactive)));
                    put("effort", t.effort.map(Value::from));
                    put("notes", Some(json!(t.notes)));
                    put("painPoints", Some(json!(t.pain_points)));
                    put("opportunities", Some(json!(t.opportunities)));
                    put("x-extra", t.extra.clone());
                    Value::Object(m)
                })
                .collect();
            let mut seen = HashSet::new();
            let mut transitions = Vec::new();
            if !ids.is_empty() {
                for (a, b, w, extra) in edges {
                    let (a, b) = (a % ids.len(), b % ids.len());
                    if !seen.insert((a, b)) {
                        continue;
                    }
                    let mut t = json!({"from": ids[a], "to": ids[b]});
                    if let Some(w) = w {
                        t["weight"] = json!(w);
                    }
                    if let Some(x) = extra {
                        t["x-edge"] = x;
                    }
                    transitions.push(t);
                }
            }
            let mut file = json!({
                "format": "journeygraph", "version": 1, "title": title,
                "stages": stages, "touchpoints": touchpoints, "transitions": transitions,
            });
            if let Some((name, description)) = persona {
                file["persona"] = json!({"name": name, "description": description});
            }
            if let Some((sensitivity, a, b, satisfied, promoter, max_steps)) = settings {
                let peak = a;
                let end = b * (1.0 - a);
                let mean = (1.0 - a) - end;
                file["settings"] = json!({
                    "sensitivity": sensitivity,
                    "rememberWeights": {"peak": peak, "end": end, "mean": mean},
                    "satisfiedAt": satisfied, "promoterAt": promoter, "maxSteps": max_steps
                });
            }
            let edges: Vec<(String, String)> = transitions
                .iter()
                .map(|t| (t["from"].as_str().unwrap_or_default().to_string(), t["to"].as_str().unwrap_or_default().to_string()))
                .collect();
            let scenarios: Vec<Value> = scenarios
                .into_iter()
                .enumerate()
                .map(|(i, (name, changes))| {
                    let changes: Vec<Value> = changes
                        .into_iter()
                        .filter_map(|(pick, what, x)| {
                            if what % 2 == 0 && !edges.is_empty() {
                                let (from, to) = &edges[pick % edges.len()];
                                Some(json!({"from": from, "to": to, "weight": x.abs() + 0.5}))
                            } else if !ids.is_empty() {
                                let id = &ids[pick % ids.len()];
                                Some(match what % 3 {
                                    0 => json!({"touchpoint": id, "emotion": x}),
                                    1 => json!({"touchpoint": id, "impactBy": x}),
                                    _ => json!({"touchpoint": id, "dropout": x.abs(), "emotionBy": x}),
                                })
                            } else {
                                None
                            }
                        })
                        .collect();
                    json!({"id": format!("sc{i}"), "name": name, "changes": changes})
                })
                .collect();
            file["scenarios"] = json!(scenarios);
            if let Some(x) = top_extra {
                file["x-top"] = x;
            }
            file
        })
}

proptest! {
    // No regression file: failures print their minimal input instead.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_journeys_round_trip_exactly(file in journey_file()) {
        let text = file.to_string();
        let j = from_json(&text).map_err(|e| TestCaseError::fail(format!("{} at {:?}: {e}", e.code(), e.path())))?;
        // Every number arrives exactly as written.
        for (tp, spec) in j.touchpoints().zip(file["touchpoints"].as_array().into_iter().flatten()) {
            prop_assert_eq!(tp.emotion, spec.get("emotion").and_then(Value::as_f64));
            prop_assert_eq!(Some(tp.impact), spec.get("impact").map_or(Some(1.0), Value::as_f64));
            prop_assert_eq!(Some(tp.dropout), spec.get("dropout").map_or(Some(0.0), Value::as_f64));
            prop_assert_eq!(Some(tp.entry), spec.get("entry").map_or(Some(0.0), Value::as_f64));
        }
        let out = to_json(&j);
        let again = from_json(&out).map_err(|e| TestCaseError::fail(format!("export refused: {} at {:?}: {e}", e.code(), e.path())))?;
        prop_assert_eq!(&again, &j);
        prop_assert_eq!(to_json(&again), out.clone());
        let exported: Value = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(canonical(&exported), canonical(&file));
        // The record and the text agree.
        let record: JourneyFile = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(record, to_file(&j));
    }
}

/// A part read under a base pointer (an edit from JavaScript) names the
/// base in its message when the part itself is what is wrong, with a colon
/// (it once ran "/editThe journey is malformed…" together), and points at
/// the wrong field however deep.
#[test]
fn a_part_names_its_base_pointer() {
    let e = journeygraph::format::part_from_json::<journeygraph::model::Edit>(
        r#"{"op":"setTitle"}"#,
        "/edit",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("schema", "/edit"));
    assert_eq!(e.to_string(), "/edit: missing field `title`.");
    let e = journeygraph::format::part_from_json::<journeygraph::model::Edit>(
        r#"{"op":"setTitle","title":3}"#,
        "/edit",
    )
    .unwrap_err();
    // Read by hand (model::read), the pointer goes down to the field.
    assert_eq!(e.path(), "/edit/title");
    assert_eq!(
        e.to_string(),
        "/edit/title: expected a text, found the number 3."
    );
    let e = journeygraph::format::part_from_json::<journeygraph::model::Edit>(
        r#"{"op":"inScenario","scenario":"s","edit":{"op":"updateTouchpoint","touchpoint":{"id":"a","name":"A","stage":"s","emotion":"up"}}}"#,
        "/edit",
    )
    .unwrap_err();
    assert_eq!(e.path(), "/edit/edit/touchpoint/emotion");
}

// ---------------------------------------------------------------------------
// Numbers: read with the standard library's correctly rounded parser
// (serde_json keeps each number's text), exactly as written back
// ---------------------------------------------------------------------------

/// Emotions of 17 significant digits (what a written f64 can need), the
/// nearest f64 of a long decimal, and the extremes: each read is the f64
/// nearest the text, and the file written again reads to the same bits.
#[test]
fn every_number_reads_to_the_nearest_f64_and_round_trips_bit_for_bit() {
    let cases = [
        "0.30000000000000004",
        "-0.99999999999999989",
        "0.1000000000000000055511151231257827021181583404541015625",
        "2.2250738585072014e-308",
        "4.9e-324",
        "0.12345678901234567890123456789",
        "-1e-320",
    ];
    for text in cases {
        let expected: f64 = text.parse().unwrap();
        let file = format!(
            "{{\"format\": \"journeygraph\", \"version\": 1, \"title\": \"t\", \
             \"stages\": [{{\"id\": \"s\", \"name\": \"S\"}}], \
             \"touchpoints\": [{{\"id\": \"a\", \"name\": \"A\", \"stage\": \"s\", \"emotion\": {text}}}], \
             \"transitions\": []}}"
        );
        let j = from_json(&file).unwrap_or_else(|e| panic!("{text}: {e}"));
        let e = j.touchpoints().next().unwrap().emotion.map(f64::to_bits);
        assert_eq!(e, Some(expected.to_bits()), "{text}");
        let again = from_json(&to_json(&j)).unwrap();
        assert_eq!(
            again
                .touchpoints()
                .next()
                .unwrap()
                .emotion
                .map(f64::to_bits),
            e,
            "{text}"
        );
    }
}

/// A number beyond f64's range is refused where it stands, in a file
/// (a parse error with its line and column) and in an edit.
#[test]
fn a_number_beyond_f64_is_refused_with_where_it_is() {
    let text = "{\"format\": \"journeygraph\",\n \"version\": 1,\n   \"x\": -2e308}";
    let e = from_json(text).expect_err("loaded");
    assert_eq!(e.code(), "parse");
    assert!(e.to_string().contains("line 3, column 9"), "{e}");
    assert!(e.to_string().contains("out of range"), "{e}");
    let big = format!(
        "{{\"format\": \"journeygraph\", \"version\": 1, \"x\": 1{}}}",
        "0".repeat(400)
    );
    assert_eq!(from_json(&big).err().map(|e| e.code()), Some("parse"));
}
