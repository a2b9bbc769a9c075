//! The complete view (format::view): every field present at the model's
//! value, defaults filled, unknown fields kept, changes as written; and it
//! is itself a file that reads back as the same journey.

use journeygraph::format::{from_json, sample, to_json, view};
use serde_json::{json, Value};

const TOUCHPOINT_FIELDS: [&str; 17] = [
    "id",
    "name",
    "stage",
    "emotion",
    "impact",
    "dropout",
    "entry",
    "goal",
    "channel",
    "owner",
    "kind",
    "service",
    "proactive",
    "effort",
    "notes",
    "painPoints",
    "opportunities",
];

#[test]
fn every_field_is_present_with_the_models_value() {
    let j = from_json(
        &json!({
            "format": "journeygraph", "version": 1, "title": "Defaults",
            "stages": [{ "id": "s", "name": "S" }],
            "touchpoints": [
                { "id": "a", "name": "A", "stage": "s", "entry": 1, "shade": "blue" },
                { "id": "b", "name": "B", "stage": "s", "impact": 0.5, "kind": "indirect", "effort": 3 }
            ],
            "transitions": [{ "from": "a", "to": "b" }],
            "scenarios": [{ "id": "x", "changes": [{ "touchpoint": "a", "emotion": 0.5 }] }]
        })
        .to_string(),
    )
    .expect("reads");
    let v = view(&j);
    let a = &v["touchpoints"][0];
    for k in TOUCHPOINT_FIELDS {
        assert!(a.get(k).is_some(), "touchpoint a has no {k}: {a}");
    }
    assert_eq!(
        (
            &a["emotion"],
            &a["impact"],
            &a["dropout"],
            &a["kind"],
            &a["effort"],
            &a["painPoints"]
        ),
        (
            // Not rated: null, not a 0 that would look measured.
            &Value::Null,
            &json!(1.0),
            &json!(0.0),
            &json!("direct"),
            &Value::Null,
            &json!([])
        )
    );
    assert_eq!(a["shade"], "blue", "an unknown field is kept");
    let b = &v["touchpoints"][1];
    assert_eq!(
        (&b["impact"], &b["kind"], &b["effort"]),
        (&json!(0.5), &json!("indirect"), &json!(3))
    );
    assert_eq!(v["transitions"][0]["weight"], 1.0);
    assert_eq!(v["settings"]["sensitivity"], 1.0);
    assert_eq!(
        v["settings"]["rememberWeights"],
        json!({ "peak": 0.5, "end": 0.5, "mean": 0.0 })
    );
    assert_eq!(v["settings"]["maxSteps"], 1000);
    assert_eq!(
        (&v["persona"], &v["observed"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(v["scenarios"][0]["name"], "");
    assert_eq!(
        v["scenarios"][0]["changes"],
        json!([{ "touchpoint": "a", "emotion": 0.5 }]),
        "a change keeps only what it changes"
    );
}

#[test]
fn the_view_reads_back_as_the_same_journey() {
    for j in [sample(), journeygraph::generate::reference(300, 4)] {
        let back = from_json(&view(&j).to_string()).expect("the view is a file");
        assert_eq!(to_json(&back), to_json(&j));
    }
}

/// The view's text, written field by field (no tree of values, issue 10's
/// large journeys: 80 -> 8 ms for the 10,000 reference natively), is the
/// text the tree-built view wrote, byte for byte: every field present in
/// its place, then the unknown fields of the touchpoint, its basis, its
/// sources, its transitions and the journey, in file order.
#[test]
fn the_view_text_keeps_every_field_in_its_place() {
    let j = from_json(include_str!("data/view-unknown-fields.json")).expect("reads");
    let text = serde_json::to_string(&journeygraph::format::View(&j)).expect("writes");
    assert!(text.contains(r#"{"id":"a","name":"A","stage":"s","emotion":0.25,"impact":1.0,"dropout":0.0,"entry":1.0,"goal":false,"channel":"web","owner":"me","kind":"direct","service":false,"proactive":false,"effort":null,"notes":"n","painPoints":["p1"],"opportunities":["o1"],"basis":{"emotion":{"measured":true,"source":"survey","n":12},"dropout":{"measured":false,"source":""},"entry":{"measured":false,"source":""},"extraB":true},"metrics":[{"note":"y","metric":"csat","value":4.2,"respondents":30,"date":"2026-01-01","source":"x"}],"shade":"blue"}"#), "{text}");
    assert!(
        text.contains(r#"{"from":"a","to":"b","weight":2.5,"label":"go"}"#),
        "{text}"
    );
    assert!(text.ends_with(r#","observed":null,"zz":1}"#), "{text}");
    assert_eq!(serde_json::to_string(&view(&j)).expect("writes"), text);
}
