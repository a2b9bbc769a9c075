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
