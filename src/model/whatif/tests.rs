//! The rules of What-if editing on lists of changes (the journey-level
//! behaviour, through `Edit::InScenario`, is in tests/whatif.rs and
//! tests/node/scenario.test.mjs).

use serde_json::json;

use super::changes::*;
use super::*;

fn list(v: serde_json::Value) -> Vec<ChangeRecord> {
    serde_json::from_value(v).expect("change records")
}

fn tp(v: serde_json::Value) -> Touchpoint {
    serde_json::from_value(v).expect("a touchpoint record")
}

#[test]
fn a_slider_edit_sets_the_field_in_place_and_replaces_a_shift() {
    let changes = list(json!([
        { "touchpoint": "checkout", "emotionBy": 0.2 },
        { "touchpoint": "delivery-wait", "dropout": 0.01 },
    ]));
    assert_eq!(
        set_field(changes.clone(), "checkout", Field::Emotion, 0.7),
        list(json!([
            { "touchpoint": "checkout", "emotion": 0.7 },
            { "touchpoint": "delivery-wait", "dropout": 0.01 },
        ]))
    );
    // A new emotion goes before the touchpoint's explicit dropout, which keeps winning.
    assert_eq!(
        set_field(changes, "delivery-wait", Field::Emotion, 0.3),
        list(json!([
            { "touchpoint": "checkout", "emotionBy": 0.2 },
            { "touchpoint": "delivery-wait", "emotion": 0.3 },
            { "touchpoint": "delivery-wait", "dropout": 0.01 },
        ]))
    );
}

#[test]
fn a_set_dropout_goes_after_the_emotion_changes_that_would_move_it() {
    assert_eq!(
        set_field(
            list(
                json!([{ "touchpoint": "a", "dropout": 0.1 }, { "touchpoint": "a", "emotion": 0.3 }])
            ),
            "a",
            Field::Dropout,
            0.2
        ),
        list(json!([{ "touchpoint": "a", "emotion": 0.3 }, { "touchpoint": "a", "dropout": 0.2 }]))
    );
    assert_eq!(
        set_field(
            list(json!([{ "touchpoint": "a", "emotionBy": 0.3 }])),
            "a",
            Field::Dropout,
            0.2
        ),
        list(
            json!([{ "touchpoint": "a", "emotionBy": 0.3 }, { "touchpoint": "a", "dropout": 0.2 }])
        )
    );
    // Already after every emotion change: replaced where it stands.
    assert_eq!(
        set_field(
            list(
                json!([{ "touchpoint": "a", "emotion": 0.3 }, { "touchpoint": "a", "dropoutBy": 0.1 }])
            ),
            "a",
            Field::Dropout,
            0.4
        ),
        list(json!([{ "touchpoint": "a", "emotion": 0.3 }, { "touchpoint": "a", "dropout": 0.4 }]))
    );
}

#[test]
fn a_record_setting_two_fields_keeps_the_other_and_later_duplicates_go() {
    assert_eq!(
        set_field(
            list(json!([
                { "touchpoint": "a", "emotion": 0.1, "impact": 0.5 },
                { "touchpoint": "a", "emotionBy": 0.1 },
            ])),
            "a",
            Field::Emotion,
            -0.2
        ),
        list(json!([{ "touchpoint": "a", "emotion": -0.2, "impact": 0.5 }]))
    );
}

#[test]
fn an_added_touchpoint_carries_its_values_in_its_record() {
    assert_eq!(
        set_field(
            list(
                json!([{ "add": { "id": "n", "name": "N", "stage": "s" } }, { "touchpoint": "n", "emotion": 0.1 }])
            ),
            "n",
            Field::Emotion,
            0.4
        ),
        list(json!([{ "add": { "id": "n", "name": "N", "stage": "s", "emotion": 0.4 } }]))
    );
    let updated = tp(json!({ "id": "n", "name": "Renamed", "stage": "s", "impact": 0.5 }));
    assert_eq!(
        update_added(
            list(json!([
                { "add": { "id": "n", "name": "N", "stage": "s" } },
                { "touchpoint": "n", "impact": 0.2 },
                { "touchpoint": "m", "impact": 0.2 },
            ])),
            &updated
        ),
        list(json!([
            { "add": { "id": "n", "name": "Renamed", "stage": "s", "impact": 0.5 } },
            { "touchpoint": "m", "impact": 0.2 },
        ]))
    );
}

#[test]
fn transitions_added_then_removed_leave_no_trace_and_a_removal_taken_back_keeps_the_weight() {
    let mut changes = Vec::new();
    let t = |from: &str, to: &str, w: f64| TransitionRecord {
        from: from.into(),
        to: to.into(),
        weight: w,
        extra: Default::default(),
    };
    changes = add_transition(changes, &t("a", "b", 2.0));
    changes = set_weight(changes, "a", "b", 3.0);
    assert_eq!(
        changes,
        list(json!([{ "addTransition": { "from": "a", "to": "b", "weight": 3.0 } }]))
    );
    changes = remove_transition(changes, "a", "b");
    assert!(changes.is_empty());
    changes = set_weight(changes, "c", "d", 4.0);
    changes = remove_transition(changes, "c", "d");
    assert_eq!(
        changes,
        list(json!([{ "removeTransition": { "from": "c", "to": "d" } }]))
    );
    changes = add_transition(changes, &t("c", "d", 5.0));
    assert_eq!(
        changes,
        list(json!([{ "from": "c", "to": "d", "weight": 5.0 }]))
    );
}

#[test]
fn deleting_a_touchpoint_drops_every_change_that_names_it() {
    let mut changes = list(json!([
        { "touchpoint": "x", "emotion": 0.2 },
        { "add": { "id": "n", "name": "New", "stage": "s" } },
        { "addTransition": { "from": "x", "to": "n", "weight": 1 } },
        { "from": "y", "to": "x", "weight": 2 },
    ]));
    changes = remove_touchpoint(changes, "n");
    assert_eq!(
        changes,
        list(
            json!([{ "touchpoint": "x", "emotion": 0.2 }, { "from": "y", "to": "x", "weight": 2 }])
        )
    );
    changes = remove_touchpoint(changes, "x");
    assert_eq!(changes, list(json!([{ "remove": "x" }])));
}

#[test]
fn taking_out_a_change_takes_what_needs_it_too() {
    let changes = list(json!([
        { "add": { "id": "n", "name": "N", "stage": "s" } },
        { "touchpoint": "n", "impact": 0.5 },
        { "touchpoint": "m", "impact": 0.5 },
        { "addTransition": { "from": "m", "to": "k" } },
        { "from": "m", "to": "k", "weight": 3 },
    ]));
    assert_eq!(
        without_change(&changes, 0).expect("change 0"),
        list(json!([
            { "touchpoint": "m", "impact": 0.5 },
            { "addTransition": { "from": "m", "to": "k" } },
            { "from": "m", "to": "k", "weight": 3 },
        ]))
    );
    assert_eq!(
        without_change(&changes, 3).expect("change 3"),
        list(json!([
            { "add": { "id": "n", "name": "N", "stage": "s" } },
            { "touchpoint": "n", "impact": 0.5 },
            { "touchpoint": "m", "impact": 0.5 },
        ]))
    );
    assert_eq!(without_change(&changes, 5), None);
}
