//! Lane and item edits (format version 2): each one undoable step, every
//! state exporting to a file that imports as itself, bad edits refused
//! with their code and changing nothing, and the edits of touchpoints and
//! stages keeping the items consistent.

use journeygraph::format::{from_json, to_json};
use journeygraph::model::{Document, Edit, Item, Lane};
use serde_json::{json, Value};

/// The chain of tests/blueprint.rs: a → b → c (goal), lanes front, back,
/// sys (support) and quotes (hidden), the ID check fail point on b.
const CHAIN: &str = include_str!("data/chain.v2.json");

fn edit(v: Value) -> Edit {
    serde_json::from_value(v).unwrap()
}

#[test]
fn lane_and_item_edits_undo_to_the_same_file() {
    let start = from_json(CHAIN).unwrap();
    let mut doc = Document::new(start.clone());
    let edits = [
        json!({"op": "addLane", "lane": {"id": "ops", "kind": "custom", "name": "Operations"}, "index": 1}),
        json!({"op": "renameLane", "id": "ops", "name": "Ops team"}),
        json!({"op": "moveLane", "id": "ops", "index": 9}),
        json!({"op": "hideLane", "id": "front", "hidden": true}),
        json!({"op": "addItem", "item": {"id": "n1", "lane": "ops", "stage": "s", "text": "Rota", "touchpoints": ["a"]}}),
        json!({"op": "updateItem", "item": {"id": "idcheck", "lane": "sys", "stage": "s", "text": "ID check", "touchpoints": ["b"], "failPoint": {"rate": 0.1}}}),
        json!({"op": "removeTouchpoint", "id": "a"}),
        json!({"op": "removeItem", "id": "say"}),
        json!({"op": "removeLane", "id": "sys"}),
    ];
    let mut files = vec![to_json(doc.journey())];
    for e in &edits {
        assert!(doc.apply(edit(e.clone())).unwrap(), "{e}");
        let written = to_json(doc.journey());
        // Every state exports to a file that imports as itself.
        assert_eq!(&from_json(&written).unwrap(), doc.journey(), "after {e}");
        files.push(written);
    }
    let j = doc.journey();
    let lanes: Vec<&str> = j.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lanes, ["front", "back", "quotes", "ops"]);
    assert!(j.lanes[0].hidden);
    assert_eq!(j.lanes[3].name, "Ops team");
    // The rota lost its touchpoint with "a"; the ID check went with its lane,
    // and the scenario's change to it with it.
    let items: Vec<(&str, usize)> = j
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.touchpoints.len()))
        .collect();
    assert_eq!(items, [("n1", 0)]);
    assert!(j.scenarios[0].changes.is_empty());
    for want in files.iter().rev().skip(1) {
        assert!(doc.undo().unwrap());
        assert_eq!(&to_json(doc.journey()), want);
    }
    assert_eq!(doc.journey(), &start);
    // Redo replays it all.
    for want in files.iter().skip(1) {
        assert!(doc.redo().unwrap());
        assert_eq!(&to_json(doc.journey()), want);
    }
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let start = from_json(CHAIN).unwrap();
    let mut doc = Document::new(start.clone());
    let cases = [
        (
            json!({"op": "addLane", "lane": {"id": "front", "kind": "custom", "name": "X"}}),
            "duplicate_id",
        ),
        (
            json!({"op": "renameLane", "id": "nope", "name": "X"}),
            "unknown_lane",
        ),
        (
            json!({"op": "hideLane", "id": "nope", "hidden": true}),
            "unknown_lane",
        ),
        (
            json!({"op": "addItem", "item": {"id": "say", "lane": "quotes", "stage": "s"}}),
            "duplicate_id",
        ),
        (
            json!({"op": "addItem", "item": {"id": "x", "lane": "nope", "stage": "s"}}),
            "unknown_lane",
        ),
        (
            json!({"op": "addItem", "item": {"id": "x", "lane": "front", "stage": "s", "failPoint": {"rate": 0.1}}}),
            "wrong_lane",
        ),
        (
            json!({"op": "updateItem", "item": {"id": "idcheck", "lane": "sys", "stage": "s", "failPoint": {"rate": -1}}}),
            "out_of_range",
        ),
        (json!({"op": "removeItem", "id": "nope"}), "unknown_item"),
        (
            json!({"op": "batch", "edits": [{"op": "removeLane", "id": "sys"}, {"op": "removeItem", "id": "nope"}]}),
            "unknown_item",
        ),
    ];
    for (e, code) in cases {
        let err = doc.apply(edit(e.clone())).unwrap_err();
        assert_eq!(err.code(), code, "{e}");
        assert_eq!(doc.journey(), &start, "{e} changed the journey");
    }
    assert!(!doc.can_undo());
    // A wrong field is named down to it.
    let text = r#"{"op": "addItem", "item": {"id": "x", "lane": "sys", "stage": "s", "failPoint": {"rate": "often"}}}"#;
    let err = journeygraph::format::part_from_json::<Edit>(text, "/edit").unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("schema", "/edit/item/failPoint/rate")
    );
}

#[test]
fn removing_a_stage_moves_or_removes_its_items() {
    let mut v: Value = serde_json::from_str(CHAIN).unwrap();
    v["stages"] = json!([{"id": "s", "name": "Stage"}, {"id": "t", "name": "Then"}]);
    let start = from_json(&v.to_string()).unwrap();
    let mut doc = Document::new(start.clone());
    doc.apply(edit(json!({"op": "removeStage", "id": "s", "moveTo": "t"})))
        .unwrap();
    assert!(doc.journey().items.iter().all(|i| i.stage == "t"));
    assert_eq!(doc.journey().items[0].touchpoints, ["b"]);
    doc.undo().unwrap();
    assert_eq!(doc.journey(), &start);
    doc.apply(edit(json!({"op": "removeStage", "id": "s"})))
        .unwrap();
    assert!(doc.journey().items.is_empty());
    from_json(&to_json(doc.journey())).unwrap();
    doc.undo().unwrap();
    assert_eq!(doc.journey(), &start);
}

#[test]
fn a_fail_rate_edited_in_what_if_becomes_a_scenario_change() {
    let j = from_json(CHAIN).unwrap();
    let mut doc = Document::new(j.clone());
    let mut item: Item = j.items[0].clone();
    item.fail_point.as_mut().unwrap().rate = 0.3;
    let e = Edit::InScenario {
        scenario: "outage".into(),
        name: None,
        edit: Box::new(Edit::UpdateItem { item: item.clone() }),
    };
    doc.apply(e).unwrap();
    let changes = &doc.journey().scenarios[0].changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].fail_rate, Some(0.3));
    assert_eq!(doc.journey().items, j.items, "the baseline keeps its rate");
    // Anything else of an item is the journey's.
    item.text = "Renamed".into();
    let e = Edit::InScenario {
        scenario: "outage".into(),
        name: None,
        edit: Box::new(Edit::UpdateItem { item }),
    };
    assert_eq!(doc.apply(e).unwrap_err().code(), "what_if");
    let lane: Lane =
        serde_json::from_value(json!({"id": "x", "kind": "custom", "name": "X"})).unwrap();
    let e = Edit::InScenario {
        scenario: "outage".into(),
        name: None,
        edit: Box::new(Edit::AddLane { lane, index: None }),
    };
    assert_eq!(doc.apply(e).unwrap_err().code(), "what_if");
}

/// Removing a stage with its touchpoints, when an item of that stage goes
/// with them and an item of another stage serves one of them: the item left
/// no longer names it (the export imports), and undo and redo are exact.
/// (Found by tests/edit.rs's random edits on the sample: "q-which" kept
/// "compares-models".)
#[test]
fn removing_a_stage_unlinks_its_touchpoints_from_the_items_left() {
    let start = from_json(
        &json!({
            "format": "journeygraph", "version": 2, "title": "Two stages",
            "stages": [{"id": "s1", "name": "One"}, {"id": "s2", "name": "Two"}],
            "touchpoints": [
                {"id": "x", "name": "X", "stage": "s1", "entry": 1},
                {"id": "y", "name": "Y", "stage": "s2"}
            ],
            "transitions": [{"from": "x", "to": "y"}],
            "lanes": [{"id": "back", "kind": "backstage", "name": "Backstage"}],
            "items": [
                {"id": "both", "lane": "back", "stage": "s1", "text": "Serves both", "touchpoints": ["x", "y"]},
                {"id": "here", "lane": "back", "stage": "s2", "text": "Goes with s2", "touchpoints": ["y"]}
            ]
        })
        .to_string(),
    )
    .unwrap();
    let mut doc = Document::new(start.clone());
    assert!(doc
        .apply(edit(json!({"op": "removeStage", "id": "s2"})))
        .unwrap());
    let items: Vec<(&str, Vec<&str>)> = doc
        .journey()
        .items
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i.touchpoints.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(items, [("both", vec!["x"])]);
    let written = to_json(doc.journey());
    assert_eq!(&from_json(&written).unwrap(), doc.journey());
    assert!(doc.undo().unwrap());
    assert_eq!(doc.journey(), &start);
    assert!(doc.redo().unwrap());
    assert_eq!(to_json(doc.journey()), written);
}
