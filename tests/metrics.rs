//! Measured metrics of a touchpoint (issue 15): CSAT, CES, NPS, volume and
//! cost per contact in the file, round-tripped, shown by `view()` with
//! every field present (and taken back from it by an edit), refused out of range or twice with a coded
//! error and its pointer, and through an edit and its undo.

use journeygraph::format::{from_json, to_json, view};
use journeygraph::model::read::read_edit;
use journeygraph::model::Document;
use serde_json::{json, Value};

fn journey(metrics: Value) -> String {
    json!({
        "format": "journeygraph", "version": 1, "title": "Measured",
        "stages": [{"id": "s", "name": "Buy"}],
        "touchpoints": [
            {"id": "pay", "name": "Pays", "stage": "s", "entry": 1, "goal": true, "metrics": metrics}
        ]
    })
    .to_string()
}

const ALL: &str = r#"[
  {"metric": "csat", "value": 4.2, "respondents": 312, "date": "2026-11", "source": "Post-purchase survey"},
  {"metric": "ces", "value": 2.5},
  {"metric": "nps", "value": -20.0, "respondents": 80},
  {"metric": "volume", "value": 12000.0},
  {"metric": "cost", "value": 3.75, "note": "kept as it is"}
]"#;

#[test]
fn every_metric_round_trips_and_view_shows_the_emotion_it_stands_for() {
    let metrics: Value = serde_json::from_str(ALL).unwrap();
    let j = from_json(&journey(metrics.clone())).expect("valid");
    let text = to_json(&j);
    let written: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        written["touchpoints"][0]["metrics"], metrics,
        "written as read, unknown fields kept"
    );
    assert_eq!(
        to_json(&from_json(&text).unwrap()),
        text,
        "a second round trip changes nothing"
    );
    let v = view(&j);
    let shown = &v["touchpoints"][0]["metrics"];
    assert_eq!(shown[0]["metric"], "csat");
    assert_eq!(shown[4]["note"], "kept as it is");
    assert_eq!(
        shown[1]["respondents"],
        Value::Null,
        "every field present in the view"
    );
    assert_eq!(shown[1]["date"], "");
    assert_eq!(shown[1]["source"], "");
    // The view's records go back into an edit as they are (the inspector does so).
    let mut doc = Document::new(j.clone());
    let mut tp = v["touchpoints"][0].clone();
    tp["notes"] = "edited".into();
    assert!(doc
        .apply(read_edit(&json!({"op": "updateTouchpoint", "touchpoint": tp}), "").unwrap())
        .unwrap());
    let again: Value = serde_json::from_str(&to_json(doc.journey())).unwrap();
    assert_eq!(
        again["touchpoints"][0]["metrics"], metrics,
        "the view's nulls and blanks write nothing new"
    );
    // A touchpoint without metrics writes none.
    let bare = from_json(&journey(Value::Null)).unwrap();
    assert!(!to_json(&bare).contains("metrics"));
}

#[test]
fn a_bad_metric_is_refused_with_its_code_and_pointer() {
    let cases = [
        (
            json!([{"metric": "csat", "value": 6}]),
            "out_of_range",
            "/touchpoints/0/metrics/0/value",
        ),
        (
            json!([{"metric": "ces", "value": 0.5}]),
            "out_of_range",
            "/touchpoints/0/metrics/0/value",
        ),
        (
            json!([{"metric": "nps", "value": -101}]),
            "out_of_range",
            "/touchpoints/0/metrics/0/value",
        ),
        (
            json!([{"metric": "volume", "value": -1}]),
            "out_of_range",
            "/touchpoints/0/metrics/0/value",
        ),
        (
            json!([{"metric": "csat", "value": 4}, {"metric": "csat", "value": 3}]),
            "out_of_range",
            "/touchpoints/0/metrics/1/metric",
        ),
        (
            json!([{"metric": "happiness", "value": 4}]),
            "schema",
            "/touchpoints/0/metrics/0/metric",
        ),
        (
            json!([{"metric": "csat"}]),
            "schema",
            "/touchpoints/0/metrics/0",
        ),
        (
            json!([{"metric": "csat", "value": "4"}]),
            "schema",
            "/touchpoints/0/metrics/0/value",
        ),
        (
            json!([{"metric": "csat", "value": 4, "respondents": -3}]),
            "schema",
            "/touchpoints/0/metrics/0/respondents",
        ),
        (
            json!({"metric": "csat"}),
            "schema",
            "/touchpoints/0/metrics",
        ),
    ];
    for (metrics, code, path) in cases {
        let e = from_json(&journey(metrics.clone())).expect_err(&metrics.to_string());
        assert_eq!(e.code(), code, "{metrics}: {e}");
        assert_eq!(e.path(), path, "{metrics}: {e}");
    }
}

#[test]
fn metrics_set_by_an_edit_are_undone_with_it_and_a_bad_one_changes_nothing() {
    let mut doc = Document::new(from_json(&journey(Value::Null)).unwrap());
    let before = to_json(doc.journey());
    let edit = |metrics: Value| {
        read_edit(&json!({"op": "updateTouchpoint", "touchpoint": {
            "id": "pay", "name": "Pays", "stage": "s", "entry": 1, "goal": true, "metrics": metrics
        }}), "").unwrap()
    };
    assert!(doc
        .apply(edit(
            json!([{"metric": "csat", "value": 4.5, "respondents": 20}])
        ))
        .unwrap());
    assert!(
        to_json(doc.journey()).contains("\"respondents\": 20")
            || to_json(doc.journey()).contains("\"respondents\":20")
    );
    assert!(doc
        .apply(edit(json!([{"metric": "csat", "value": 9}])))
        .is_err());
    assert!(
        to_json(doc.journey()).contains("4.5"),
        "the refused edit changed nothing"
    );
    assert!(doc.undo().unwrap());
    assert_eq!(to_json(doc.journey()), before);
}
