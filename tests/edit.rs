//! Editing with undo and redo (SPEC sections 2, 4 and 8), from the outside:
//! what each kind of edit does, that every failing edit returns its error
//! code and leaves the journey and the history exactly as they were, that
//! edits which remove something a scenario names keep the journey
//! exportable, and a property over random edit sequences: every state
//! exports and imports back, undoing everything gives back the original
//! file for file, redoing everything gives back the final journey.

use journeygraph::format::{from_json, sample, to_json};
use journeygraph::model::{
    ChangeRecord, Document, Edit, Ends, Kind, Persona, RememberWeights, Scenario, Settings, Stage,
    Touchpoint, TransitionRecord, HISTORY,
};
use journeygraph::Journey;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Three stages; `a`, `b` in s1, `c`, `d` in s2, goal `e` in s3; one
/// scenario that changes `c` and reweights b → c.
fn small() -> Journey {
    from_json(
        &json!({
            "format": "journeygraph",
            "version": 1,
            "title": "Small",
            "persona": {"name": "Kim"},
            "stages": [
                {"id": "s1", "name": "One"},
                {"id": "s2", "name": "Two"},
                {"id": "s3", "name": "Three"}
            ],
            "touchpoints": [
                {"id": "a", "name": "A", "stage": "s1", "entry": 1, "emotion": 0.2},
                {"id": "b", "name": "B", "stage": "s1", "dropout": 0.1},
                {"id": "c", "name": "C", "stage": "s2", "emotion": -0.4, "impact": 0.5},
                {"id": "d", "name": "D", "stage": "s2"},
                {"id": "e", "name": "E", "stage": "s3", "goal": true}
            ],
            "transitions": [
                {"from": "a", "to": "b"},
                {"from": "b", "to": "c"},
                {"from": "a", "to": "c", "weight": 2},
                {"from": "c", "to": "d"},
                {"from": "d", "to": "e"},
                {"from": "c", "to": "e", "weight": 0.5}
            ],
            "scenarios": [
                {"id": "sc", "name": "Better C", "changes": [
                    {"touchpoint": "c", "emotion": 0.5},
                    {"from": "b", "to": "c", "weight": 3}
                ]}
            ]
        })
        .to_string(),
    )
    .expect("the small journey loads")
}

/// Touchpoint ids in file order.
fn order(j: &Journey) -> Vec<String> {
    j.touchpoints().map(|t| t.id.clone()).collect()
}

/// Touchpoint ids of one stage, in file order.
fn in_stage(j: &Journey, stage: &str) -> Vec<String> {
    j.touchpoints()
        .filter(|t| t.stage == stage)
        .map(|t| t.id.clone())
        .collect()
}

/// Transitions as (from, to, weight), in file order.
fn links(j: &Journey) -> Vec<(String, String, f64)> {
    j.transitions()
        .into_iter()
        .map(|t| (t.from, t.to, t.weight))
        .collect()
}

fn stage_ids(j: &Journey) -> Vec<String> {
    j.stages.iter().map(|s| s.id.clone()).collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn tp(id: &str, stage: &str) -> Touchpoint {
    Touchpoint::new(id, format!("Card {id}"), stage)
}

fn stage(id: &str, name: &str) -> Stage {
    Stage {
        id: id.into(),
        name: name.into(),
        extra: Map::new(),
    }
}

fn transition(from: &str, to: &str, weight: f64) -> TransitionRecord {
    TransitionRecord {
        from: from.into(),
        to: to.into(),
        weight,
        extra: Map::new(),
    }
}

fn change(v: Value) -> ChangeRecord {
    serde_json::from_value(v).expect("test setup: a change record")
}

fn scenario(id: &str, changes: Vec<Value>) -> Scenario {
    Scenario {
        id: id.into(),
        name: format!("Scenario {id}"),
        changes: changes.into_iter().map(change).collect(),
        extra: Map::new(),
    }
}

/// The journey exports to a file that imports back to an equal journey
/// whose export is the same text.
#[track_caller]
fn assert_round_trips(j: &Journey) {
    let text = to_json(j);
    let back = from_json(&text).unwrap_or_else(|e| {
        panic!(
            "export does not import: {} ({}) {e}\n{text}",
            e.code(),
            e.path()
        )
    });
    assert!(back == *j, "import of the export differs from the journey");
    assert_eq!(to_json(&back), text);
}

/// Applies `edit` to `start` in a fresh document and checks the whole
/// life of the step: it applies, the result exports and imports back, one
/// undo gives back `start` exactly, one redo gives back the result exactly.
/// Returns the edited journey.
#[track_caller]
fn check_edit(start: &Journey, edit: Edit) -> Journey {
    let before = to_json(start);
    let mut doc = Document::new(start.clone());
    doc.apply(edit.clone())
        .unwrap_or_else(|e| panic!("{edit:?} fails: {} ({}) {e}", e.code(), e.path()));
    assert!(doc.can_undo());
    assert!(!doc.can_redo());
    let after = doc.journey().clone();
    let after_text = to_json(&after);
    assert_round_trips(&after);
    assert_eq!(doc.undo(), Ok(true));
    assert_eq!(to_json(doc.journey()), before, "undo of {edit:?}");
    assert!(*doc.journey() == *start);
    assert!(!doc.can_undo());
    assert!(doc.can_redo());
    assert_eq!(doc.redo(), Ok(true));
    assert_eq!(to_json(doc.journey()), after_text, "redo of {edit:?}");
    assert!(*doc.journey() == after);
    assert!(!doc.can_redo());
    after
}

/// Applies a failing `edit` and checks its error code, and that the
/// journey (file for file) and both histories are as they were.
#[track_caller]
fn assert_fails(doc: &mut Document, edit: Edit, code: &str) {
    let before = to_json(doc.journey());
    let journey = doc.journey().clone();
    let (undo, redo) = (doc.can_undo(), doc.can_redo());
    let err = match doc.apply(edit.clone()) {
        Ok(_) => panic!("{edit:?} applied; expected {code}"),
        Err(e) => e,
    };
    assert_eq!(err.code(), code, "{edit:?}: {err} at {}", err.path());
    assert!(!err.to_string().is_empty());
    assert_eq!(
        to_json(doc.journey()),
        before,
        "{edit:?} changed the journey"
    );
    assert!(*doc.journey() == journey);
    assert_eq!(doc.can_undo(), undo, "{edit:?} changed the undo history");
    assert_eq!(doc.can_redo(), redo, "{edit:?} changed the redo history");
}

/// The small journey with both an undo and a redo step: title "first"
/// applied, "second" undone.
fn doc_with_history() -> Document {
    let mut doc = Document::new(small());
    doc.apply(Edit::SetTitle {
        title: "first".into(),
    })
    .unwrap();
    doc.apply(Edit::SetTitle {
        title: "second".into(),
    })
    .unwrap();
    assert_eq!(doc.undo(), Ok(true));
    assert!(doc.can_undo() && doc.can_redo());
    doc
}

// ---------------------------------------------------------------------------
// 1. Each kind of edit: its effect, with undo and redo
// ---------------------------------------------------------------------------

#[test]
fn set_title() {
    let j = check_edit(
        &small(),
        Edit::SetTitle {
            title: "Renamed".into(),
        },
    );
    assert_eq!(j.title, "Renamed");
    let j = check_edit(
        &small(),
        Edit::SetTitle {
            title: String::new(),
        },
    );
    assert_eq!(j.title, "");
}

#[test]
fn set_persona() {
    let j = check_edit(&small(), Edit::SetPersona { persona: None });
    assert_eq!(j.persona, None);
    let p = Persona {
        name: "Alex".into(),
        description: "Buys online.".into(),
        extra: Map::new(),
    };
    let j = check_edit(
        &small(),
        Edit::SetPersona {
            persona: Some(p.clone()),
        },
    );
    assert_eq!(j.persona, Some(p));
}

#[test]
fn add_stage_at_index_default_last_and_clamped() {
    let j = check_edit(
        &small(),
        Edit::AddStage {
            stage: stage("n", "New"),
            index: Some(1),
        },
    );
    assert_eq!(stage_ids(&j), s(&["s1", "n", "s2", "s3"]));
    assert_eq!(j.stages[1].name, "New");
    let j = check_edit(
        &small(),
        Edit::AddStage {
            stage: stage("n", "New"),
            index: None,
        },
    );
    assert_eq!(stage_ids(&j), s(&["s1", "s2", "s3", "n"]));
    let j = check_edit(
        &small(),
        Edit::AddStage {
            stage: stage("n", "New"),
            index: Some(0),
        },
    );
    assert_eq!(stage_ids(&j), s(&["n", "s1", "s2", "s3"]));
    let j = check_edit(
        &small(),
        Edit::AddStage {
            stage: stage("n", "New"),
            index: Some(99),
        },
    );
    assert_eq!(stage_ids(&j), s(&["s1", "s2", "s3", "n"]));
    // Touchpoints are untouched.
    assert_eq!(order(&j), order(&small()));
}

#[test]
fn rename_stage() {
    let j = check_edit(
        &small(),
        Edit::RenameStage {
            id: "s2".into(),
            name: "Middle".into(),
        },
    );
    assert_eq!(j.stages[1].name, "Middle");
    assert_eq!(stage_ids(&j), s(&["s1", "s2", "s3"]));
}

#[test]
fn move_stage() {
    let j = check_edit(
        &small(),
        Edit::MoveStage {
            id: "s3".into(),
            index: 0,
        },
    );
    assert_eq!(stage_ids(&j), s(&["s3", "s1", "s2"]));
    let j = check_edit(
        &small(),
        Edit::MoveStage {
            id: "s1".into(),
            index: 99,
        },
    );
    assert_eq!(stage_ids(&j), s(&["s2", "s3", "s1"]));
    let j = check_edit(
        &small(),
        Edit::MoveStage {
            id: "s2".into(),
            index: 1,
        },
    );
    assert_eq!(stage_ids(&j), s(&["s1", "s2", "s3"]));
    // Touchpoints keep their stages.
    assert_eq!(in_stage(&j, "s1"), s(&["a", "b"]));
}

#[test]
fn remove_stage_with_move_to_moves_touchpoints_to_the_end_of_the_target() {
    let start = small();
    let j = check_edit(
        &start,
        Edit::RemoveStage {
            id: "s1".into(),
            move_to: Some("s3".into()),
        },
    );
    assert_eq!(stage_ids(&j), s(&["s2", "s3"]));
    assert_eq!(in_stage(&j, "s3"), s(&["e", "a", "b"]));
    assert_eq!(in_stage(&j, "s2"), s(&["c", "d"]));
    // Fields other than the stage are kept, and so is every transition.
    assert_eq!(j.touchpoint("a").unwrap().entry, 1.0);
    assert_eq!(j.touchpoint("a").unwrap().emotion, Some(0.2));
    assert_eq!(j.touchpoint("b").unwrap().dropout, 0.1);
    assert_eq!(links(&j), links(&start));
    assert_eq!(j.scenarios, start.scenarios);

    // Into an earlier stage.
    let j = check_edit(
        &start,
        Edit::RemoveStage {
            id: "s2".into(),
            move_to: Some("s1".into()),
        },
    );
    assert_eq!(stage_ids(&j), s(&["s1", "s3"]));
    assert_eq!(in_stage(&j, "s1"), s(&["a", "b", "c", "d"]));

    // An empty stage.
    let mut doc = Document::new(start.clone());
    doc.apply(Edit::AddStage {
        stage: stage("x", "X"),
        index: Some(1),
    })
    .unwrap();
    let with_x = doc.journey().clone();
    let j = check_edit(
        &with_x,
        Edit::RemoveStage {
            id: "x".into(),
            move_to: Some("s1".into()),
        },
    );
    assert!(j == start);
    let j = check_edit(
        &with_x,
        Edit::RemoveStage {
            id: "x".into(),
            move_to: None,
        },
    );
    assert!(j == start);
}

#[test]
fn remove_stage_without_move_to_removes_its_touchpoints_and_their_transitions() {
    let start = small();
    let j = check_edit(
        &start,
        Edit::RemoveStage {
            id: "s1".into(),
            move_to: None,
        },
    );
    assert_eq!(stage_ids(&j), s(&["s2", "s3"]));
    assert_eq!(order(&j), s(&["c", "d", "e"]));
    assert!(!j.contains("a") && !j.contains("b"));
    assert_eq!(
        links(&j),
        vec![
            ("c".into(), "d".into(), 1.0),
            ("d".into(), "e".into(), 1.0),
            ("c".into(), "e".into(), 0.5)
        ]
    );
    // The scenario's reweighting of b → c went with b; its change to c stays.
    assert_eq!(j.scenarios.len(), 1);
    assert_eq!(
        j.scenarios[0].changes,
        vec![change(json!({"touchpoint": "c", "emotion": 0.5}))]
    );

    let j = check_edit(
        &start,
        Edit::RemoveStage {
            id: "s2".into(),
            move_to: None,
        },
    );
    assert_eq!(order(&j), s(&["a", "b", "e"]));
    assert_eq!(links(&j), vec![("a".into(), "b".into(), 1.0)]);
    // Both of the scenario's changes named c or b → c.
    assert!(j.scenarios[0].changes.is_empty());
}

#[test]
fn add_touchpoint_lands_at_its_position_within_its_stage() {
    let start = small();
    for (position, expected) in [
        (Some(0), vec!["n", "c", "d"]),
        (Some(1), vec!["c", "n", "d"]),
        (Some(2), vec!["c", "d", "n"]),
        (Some(99), vec!["c", "d", "n"]),
        (None, vec!["c", "d", "n"]),
    ] {
        let mut card = tp("n", "s2");
        card.emotion = Some(-0.7);
        card.channel = "phone".into();
        let j = check_edit(
            &start,
            Edit::AddTouchpoint {
                touchpoint: card.clone(),
                position,
            },
        );
        assert_eq!(in_stage(&j, "s2"), s(&expected), "position {position:?}");
        assert_eq!(j.touchpoint("n"), Some(&card));
        // Stages stay grouped in the file order.
        let mut expected_order = s(&["a", "b"]);
        expected_order.extend(s(&expected));
        expected_order.push("e".into());
        assert_eq!(order(&j), expected_order);
        assert_eq!(links(&j), links(&start));
    }
    // Into the first and last stages.
    let j = check_edit(
        &start,
        Edit::AddTouchpoint {
            touchpoint: tp("n", "s1"),
            position: Some(0),
        },
    );
    assert_eq!(order(&j), s(&["n", "a", "b", "c", "d", "e"]));
    let j = check_edit(
        &start,
        Edit::AddTouchpoint {
            touchpoint: tp("n", "s3"),
            position: None,
        },
    );
    assert_eq!(order(&j), s(&["a", "b", "c", "d", "e", "n"]));
}

#[test]
fn add_touchpoint_into_an_empty_stage_lands_between_its_neighbours() {
    let mut doc = Document::new(small());
    doc.apply(Edit::AddStage {
        stage: stage("mid", "Mid"),
        index: Some(1),
    })
    .unwrap();
    let start = doc.journey().clone();
    let j = check_edit(
        &start,
        Edit::AddTouchpoint {
            touchpoint: tp("n", "mid"),
            position: Some(3),
        },
    );
    assert_eq!(order(&j), s(&["a", "b", "n", "c", "d", "e"]));
    assert_eq!(in_stage(&j, "mid"), s(&["n"]));
}

#[test]
fn update_touchpoint_in_place() {
    let start = small();
    let mut card = start.touchpoint("c").unwrap().clone();
    card.name = "Calls the shop".into();
    card.emotion = Some(0.9);
    card.impact = 0.25;
    card.dropout = 0.3;
    card.kind = Kind::Indirect;
    card.service = true;
    card.effort = Some(6);
    card.pain_points = vec!["Long wait".into()];
    card.extra.insert("colour".into(), json!("red"));
    let j = check_edit(
        &start,
        Edit::UpdateTouchpoint {
            touchpoint: card.clone(),
        },
    );
    assert_eq!(j.touchpoint("c"), Some(&card));
    assert_eq!(order(&j), order(&start));
    assert_eq!(links(&j), links(&start));
    assert_eq!(j.scenarios, start.scenarios);
}

#[test]
fn update_touchpoint_changing_stage_moves_it_to_the_end_of_the_new_stage() {
    let start = small();
    let mut card = start.touchpoint("a").unwrap().clone();
    card.stage = "s2".into();
    card.emotion = Some(-0.5);
    let j = check_edit(
        &start,
        Edit::UpdateTouchpoint {
            touchpoint: card.clone(),
        },
    );
    assert_eq!(in_stage(&j, "s1"), s(&["b"]));
    assert_eq!(in_stage(&j, "s2"), s(&["c", "d", "a"]));
    assert_eq!(order(&j), s(&["b", "c", "d", "a", "e"]));
    assert_eq!(j.touchpoint("a"), Some(&card));
    assert_eq!(links(&j), links(&start));

    let mut card = start.touchpoint("d").unwrap().clone();
    card.stage = "s1".into();
    let j = check_edit(&start, Edit::UpdateTouchpoint { touchpoint: card });
    assert_eq!(order(&j), s(&["a", "b", "d", "c", "e"]));
}

#[test]
fn move_touchpoint_to_another_stage_and_position() {
    let start = small();
    let moved = |id: &str, stage: &str, position: Option<usize>| {
        check_edit(
            &start,
            Edit::MoveTouchpoint {
                id: id.into(),
                stage: stage.into(),
                position,
            },
        )
    };
    let j = moved("a", "s2", Some(1));
    assert_eq!(in_stage(&j, "s2"), s(&["c", "a", "d"]));
    assert_eq!(order(&j), s(&["b", "c", "a", "d", "e"]));
    assert_eq!(j.touchpoint("a").unwrap().stage, "s2");
    assert_eq!(
        j.touchpoint("a").unwrap().entry,
        1.0,
        "fields other than the stage are kept"
    );
    assert_eq!(links(&j), links(&start));

    let j = moved("a", "s2", Some(0));
    assert_eq!(in_stage(&j, "s2"), s(&["a", "c", "d"]));
    let j = moved("a", "s2", None);
    assert_eq!(in_stage(&j, "s2"), s(&["c", "d", "a"]));
    let j = moved("e", "s1", Some(1));
    assert_eq!(order(&j), s(&["a", "e", "b", "c", "d"]));
    // Within its own stage.
    let j = moved("d", "s2", Some(0));
    assert_eq!(in_stage(&j, "s2"), s(&["d", "c"]));
    let j = moved("a", "s1", None);
    assert_eq!(in_stage(&j, "s1"), s(&["b", "a"]));
    let j = moved("a", "s1", Some(1));
    assert_eq!(in_stage(&j, "s1"), s(&["b", "a"]));
    let j = moved("b", "s1", Some(0));
    assert_eq!(in_stage(&j, "s1"), s(&["b", "a"]));
}

#[test]
fn move_touchpoint_to_where_it_is_changes_nothing() {
    let mut doc = Document::new(small());
    doc.apply(Edit::MoveTouchpoint {
        id: "c".into(),
        stage: "s2".into(),
        position: Some(0),
    })
    .unwrap();
    assert!(*doc.journey() == small());
    assert_eq!(doc.undo(), Ok(true));
    assert!(*doc.journey() == small());
}

#[test]
fn remove_touchpoint_removes_its_transitions() {
    let start = small();
    let j = check_edit(&start, Edit::RemoveTouchpoint { id: "c".into() });
    assert_eq!(order(&j), s(&["a", "b", "d", "e"]));
    assert!(!j.contains("c"));
    assert_eq!(
        links(&j),
        vec![("a".into(), "b".into(), 1.0), ("d".into(), "e".into(), 1.0)]
    );
    // The scenario named c and b → c: both changes go, the scenario stays.
    assert_eq!(j.scenarios.len(), 1);
    assert!(j.scenarios[0].changes.is_empty());

    let j = check_edit(&start, Edit::RemoveTouchpoint { id: "a".into() });
    assert_eq!(order(&j), s(&["b", "c", "d", "e"]));
    assert_eq!(links(&j).len(), 4);
    assert_eq!(j.scenarios, start.scenarios, "the scenario does not name a");
}

#[test]
fn remove_touchpoint_with_a_self_loop() {
    let mut doc = Document::new(small());
    doc.apply(Edit::AddTransition {
        transition: transition("d", "d", 0.5),
    })
    .unwrap();
    let start = doc.journey().clone();
    let j = check_edit(&start, Edit::RemoveTouchpoint { id: "d".into() });
    assert_eq!(links(&j).len(), 4);
}

#[test]
fn add_transition_goes_last() {
    let start = small();
    let j = check_edit(
        &start,
        Edit::AddTransition {
            transition: transition("a", "d", 0.25),
        },
    );
    let mut expected = links(&start);
    expected.push(("a".into(), "d".into(), 0.25));
    assert_eq!(links(&j), expected);
    // A transition back, making a loop, is fine.
    let j = check_edit(
        &start,
        Edit::AddTransition {
            transition: transition("e", "a", 1.0),
        },
    );
    assert_eq!(
        links(&j).last().unwrap(),
        &("e".to_string(), "a".to_string(), 1.0)
    );
}

#[test]
fn set_weight() {
    let start = small();
    let j = check_edit(
        &start,
        Edit::SetWeight {
            from: "a".into(),
            to: "c".into(),
            weight: 7.5,
        },
    );
    let mut expected = links(&start);
    expected[2].2 = 7.5;
    assert_eq!(links(&j), expected);
}

#[test]
fn remove_transition_and_undo_restores_its_place() {
    let start = small();
    let j = check_edit(
        &start,
        Edit::RemoveTransition {
            from: "a".into(),
            to: "c".into(),
        },
    );
    let mut expected = links(&start);
    expected.remove(2);
    assert_eq!(links(&j), expected);
    assert_eq!(j.scenarios, start.scenarios);
    // Removing then re-adding puts it last; undoing both puts it back.
    let mut doc = Document::new(start.clone());
    doc.apply(Edit::RemoveTransition {
        from: "a".into(),
        to: "c".into(),
    })
    .unwrap();
    doc.apply(Edit::AddTransition {
        transition: transition("a", "c", 2.0),
    })
    .unwrap();
    assert_eq!(
        links(doc.journey()).last().unwrap(),
        &("a".to_string(), "c".to_string(), 2.0)
    );
    while doc.undo().unwrap() {}
    assert_eq!(to_json(doc.journey()), to_json(&start));
}

#[test]
fn set_settings() {
    let settings = Settings {
        sensitivity: 2.5,
        remember_weights: RememberWeights {
            peak: 0.25,
            end: 0.25,
            mean: 0.5,
            extra: Map::new(),
        },
        satisfied_at: 0.1,
        promoter_at: 0.6,
        max_steps: 50,
        extra: Map::new(),
    };
    let j = check_edit(
        &small(),
        Edit::SetSettings {
            settings: settings.clone(),
        },
    );
    assert_eq!(j.settings, settings);
    let j = check_edit(
        &j,
        Edit::SetSettings {
            settings: Settings::default(),
        },
    );
    assert!(j.settings.is_default());
}

#[test]
fn put_scenario_adds_and_replaces() {
    let start = small();
    let new = scenario(
        "new",
        vec![
            json!({"touchpoint": "d", "emotionBy": -0.2}),
            json!({"add": {"id": "z", "name": "Z", "stage": "s3"}}),
            json!({"addTransition": {"from": "d", "to": "z"}}),
            json!({"removeTransition": {"from": "a", "to": "b"}}),
            json!({"remove": "b"}),
        ],
    );
    let j = check_edit(
        &start,
        Edit::PutScenario {
            scenario: new.clone(),
        },
    );
    assert_eq!(j.scenarios.len(), 2);
    assert_eq!(j.scenarios[1], new);
    assert_eq!(j.scenarios[0], start.scenarios[0]);

    // Same id: replaced in place.
    let replacement = scenario("sc", vec![json!({"touchpoint": "e", "impact": 0.5})]);
    let mut doc = Document::new(start.clone());
    doc.apply(Edit::PutScenario {
        scenario: new.clone(),
    })
    .unwrap();
    let two = doc.journey().clone();
    let j = check_edit(
        &two,
        Edit::PutScenario {
            scenario: replacement.clone(),
        },
    );
    assert_eq!(j.scenarios, vec![replacement, new]);
    // The baseline never changes.
    assert_eq!(order(&j), order(&start));
    assert_eq!(links(&j), links(&start));
}

#[test]
fn remove_scenario() {
    let j = check_edit(&small(), Edit::RemoveScenario { id: "sc".into() });
    assert!(j.scenarios.is_empty());
}

#[test]
fn batch_is_one_step_of_the_history() {
    let start = small();
    let edits = vec![
        Edit::AddStage {
            stage: stage("s4", "Four"),
            index: None,
        },
        Edit::AddTouchpoint {
            touchpoint: tp("f", "s4"),
            position: None,
        },
        Edit::AddTransition {
            transition: transition("e", "f", 1.0),
        },
        Edit::SetWeight {
            from: "e".into(),
            to: "f".into(),
            weight: 3.0,
        },
        Edit::SetTitle {
            title: "Batched".into(),
        },
    ];
    let j = check_edit(&start, Edit::Batch { edits });
    assert_eq!(j.title, "Batched");
    assert_eq!(stage_ids(&j), s(&["s1", "s2", "s3", "s4"]));
    assert_eq!(in_stage(&j, "s4"), s(&["f"]));
    assert_eq!(
        links(&j).last().unwrap(),
        &("e".to_string(), "f".to_string(), 3.0)
    );

    // A batch in a batch, and an empty batch.
    let nested = Edit::Batch {
        edits: vec![
            Edit::RemoveTouchpoint { id: "b".into() },
            Edit::Batch {
                edits: vec![Edit::RemoveStage {
                    id: "s1".into(),
                    move_to: Some("s3".into()),
                }],
            },
            Edit::Batch { edits: vec![] },
        ],
    };
    let j = check_edit(&start, nested);
    assert_eq!(order(&j), s(&["c", "d", "e", "a"]));
    let j = check_edit(&start, Edit::Batch { edits: vec![] });
    assert!(j == start);
}

#[test]
fn a_history_of_edits_undoes_and_redoes_step_by_step() {
    let start = small();
    let edits = vec![
        Edit::AddStage {
            stage: stage("s0", "Zero"),
            index: Some(0),
        },
        Edit::AddTouchpoint {
            touchpoint: tp("z", "s0"),
            position: None,
        },
        Edit::AddTransition {
            transition: transition("z", "a", 1.0),
        },
        Edit::MoveTouchpoint {
            id: "c".into(),
            stage: "s0".into(),
            position: Some(0),
        },
        Edit::RemoveTouchpoint { id: "b".into() },
        Edit::RemoveStage {
            id: "s2".into(),
            move_to: Some("s1".into()),
        },
        Edit::MoveStage {
            id: "s0".into(),
            index: 9,
        },
        Edit::RemoveStage {
            id: "s1".into(),
            move_to: None,
        },
        Edit::RemoveScenario { id: "sc".into() },
    ];
    let mut doc = Document::new(start.clone());
    let mut states = vec![to_json(&start)];
    for e in edits {
        doc.apply(e).unwrap();
        assert_round_trips(doc.journey());
        states.push(to_json(doc.journey()));
    }
    for k in (0..states.len() - 1).rev() {
        assert_eq!(doc.undo(), Ok(true));
        assert_eq!(to_json(doc.journey()), states[k]);
    }
    assert_eq!(doc.undo(), Ok(false));
    assert!(*doc.journey() == start);
    for state in states.iter().skip(1) {
        assert_eq!(doc.redo(), Ok(true));
        assert_eq!(&to_json(doc.journey()), state);
    }
    assert_eq!(doc.redo(), Ok(false));
}

#[test]
fn a_new_edit_after_undo_forgets_the_redo_steps() {
    let mut doc = Document::new(small());
    doc.apply(Edit::SetTitle {
        title: "one".into(),
    })
    .unwrap();
    doc.undo().unwrap();
    assert!(doc.can_redo());
    doc.apply(Edit::SetTitle {
        title: "two".into(),
    })
    .unwrap();
    assert!(!doc.can_redo());
    assert_eq!(doc.redo(), Ok(false));
    assert_eq!(doc.journey().title, "two");
}

#[test]
fn history_remembers_at_most_history_steps() {
    let mut doc = Document::new(small());
    for k in 0..HISTORY + 3 {
        doc.apply(Edit::SetTitle {
            title: format!("t{k}"),
        })
        .unwrap();
    }
    let mut undone = 0;
    while doc.undo().unwrap() {
        undone += 1;
    }
    assert_eq!(undone, HISTORY);
    assert_eq!(doc.journey().title, "t2");
}

#[test]
fn replace_forgets_the_history() {
    let mut doc = Document::new(small());
    doc.apply(Edit::SetTitle {
        title: "one".into(),
    })
    .unwrap();
    doc.apply(Edit::SetTitle {
        title: "two".into(),
    })
    .unwrap();
    doc.undo().unwrap();
    doc.replace(sample());
    assert!(!doc.can_undo() && !doc.can_redo());
    assert!(*doc.journey() == sample());
    assert_eq!(doc.undo(), Ok(false));
}

// ---------------------------------------------------------------------------
// 1. Failing edits: the right code, nothing changed, history as it was
// ---------------------------------------------------------------------------

#[test]
fn failing_edits_change_nothing() {
    let mut bad_emotion = tp("n", "s1");
    bad_emotion.emotion = Some(1.5);
    let mut bad_impact = tp("n", "s1");
    bad_impact.impact = -0.1;
    let mut bad_dropout = tp("n", "s1");
    bad_dropout.dropout = 2.0;
    let mut bad_entry = tp("n", "s1");
    bad_entry.entry = -1.0;
    let mut bad_effort = tp("n", "s1");
    bad_effort.effort = Some(9);
    let mut nan_emotion = tp("n", "s1");
    nan_emotion.emotion = Some(f64::NAN);
    let mut long_name = tp("n", "s1");
    long_name.name = "x".repeat(501);
    let mut update_bad = small().touchpoint("c").unwrap().clone();
    update_bad.emotion = Some(-1.01);
    let mut update_bad_stage = small().touchpoint("c").unwrap().clone();
    update_bad_stage.stage = "nowhere".into();
    let mut bad_settings = Settings::default();
    bad_settings.remember_weights.mean = 0.5; // weights now sum to 1.5
    let bad_sensitivity = Settings {
        sensitivity: -1.0,
        ..Settings::default()
    };
    let bad_steps = Settings {
        max_steps: 0,
        ..Settings::default()
    };

    let cases: Vec<(Edit, &str)> = vec![
        // Stages.
        (
            Edit::AddStage {
                stage: stage("s2", "Again"),
                index: None,
            },
            "duplicate_id",
        ),
        (
            Edit::AddStage {
                stage: stage("", "No id"),
                index: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddStage {
                stage: stage("n", &"x".repeat(10_001)),
                index: None,
            },
            "too_large",
        ),
        (
            Edit::RenameStage {
                id: "nope".into(),
                name: "X".into(),
            },
            "unknown_stage",
        ),
        (
            Edit::MoveStage {
                id: "nope".into(),
                index: 0,
            },
            "unknown_stage",
        ),
        (
            Edit::RemoveStage {
                id: "nope".into(),
                move_to: None,
            },
            "unknown_stage",
        ),
        (
            Edit::RemoveStage {
                id: "nope".into(),
                move_to: Some("s1".into()),
            },
            "unknown_stage",
        ),
        (
            Edit::RemoveStage {
                id: "s1".into(),
                move_to: Some("nope".into()),
            },
            "unknown_stage",
        ),
        (
            Edit::RemoveStage {
                id: "s1".into(),
                move_to: Some("s1".into()),
            },
            "invalid_edit",
        ),
        // Touchpoints.
        (
            Edit::AddTouchpoint {
                touchpoint: tp("c", "s1"),
                position: None,
            },
            "duplicate_id",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: tp("n", "nope"),
                position: None,
            },
            "unknown_stage",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: tp("", "s1"),
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: bad_emotion,
                position: Some(0),
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: bad_impact,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: bad_dropout,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: bad_entry,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: bad_effort,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: nan_emotion,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::AddTouchpoint {
                touchpoint: long_name,
                position: None,
            },
            "out_of_range",
        ),
        (
            Edit::UpdateTouchpoint {
                touchpoint: tp("nope", "s1"),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::UpdateTouchpoint {
                touchpoint: update_bad,
            },
            "out_of_range",
        ),
        (
            Edit::UpdateTouchpoint {
                touchpoint: update_bad_stage,
            },
            "unknown_stage",
        ),
        (
            Edit::MoveTouchpoint {
                id: "nope".into(),
                stage: "s1".into(),
                position: None,
            },
            "unknown_touchpoint",
        ),
        (
            Edit::MoveTouchpoint {
                id: "a".into(),
                stage: "nope".into(),
                position: Some(0),
            },
            "unknown_stage",
        ),
        (
            Edit::RemoveTouchpoint { id: "nope".into() },
            "unknown_touchpoint",
        ),
        // Transitions.
        (
            Edit::AddTransition {
                transition: transition("nope", "a", 1.0),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "nope", 1.0),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "b", 1.0),
            },
            "duplicate_id",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "d", 0.0),
            },
            "out_of_range",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "d", -1.0),
            },
            "out_of_range",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "d", f64::NAN),
            },
            "out_of_range",
        ),
        (
            Edit::AddTransition {
                transition: transition("a", "d", f64::INFINITY),
            },
            "out_of_range",
        ),
        (
            Edit::SetWeight {
                from: "a".into(),
                to: "b".into(),
                weight: 0.0,
            },
            "out_of_range",
        ),
        (
            Edit::SetWeight {
                from: "a".into(),
                to: "b".into(),
                weight: -2.0,
            },
            "out_of_range",
        ),
        (
            Edit::SetWeight {
                from: "a".into(),
                to: "e".into(),
                weight: 1.0,
            },
            "unknown_touchpoint",
        ),
        (
            Edit::SetWeight {
                from: "nope".into(),
                to: "b".into(),
                weight: 1.0,
            },
            "unknown_touchpoint",
        ),
        (
            Edit::RemoveTransition {
                from: "a".into(),
                to: "e".into(),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::RemoveTransition {
                from: "b".into(),
                to: "a".into(),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::RemoveTransition {
                from: "nope".into(),
                to: "a".into(),
            },
            "unknown_touchpoint",
        ),
        // Settings.
        (
            Edit::SetSettings {
                settings: bad_settings,
            },
            "out_of_range",
        ),
        (
            Edit::SetSettings {
                settings: bad_sensitivity,
            },
            "out_of_range",
        ),
        (
            Edit::SetSettings {
                settings: bad_steps,
            },
            "out_of_range",
        ),
        // Scenarios.
        (
            Edit::PutScenario {
                scenario: scenario("x", vec![json!({"touchpoint": "nope", "emotion": 0.1})]),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::PutScenario {
                scenario: scenario("x", vec![json!({"touchpoint": "a", "emotion": 3})]),
            },
            "out_of_range",
        ),
        (
            Edit::PutScenario {
                scenario: scenario("x", vec![json!({"from": "a", "to": "b", "weight": 0})]),
            },
            "out_of_range",
        ),
        (
            Edit::PutScenario {
                scenario: scenario("x", vec![json!({"from": "a", "to": "e", "weight": 2})]),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::PutScenario {
                scenario: scenario(
                    "x",
                    vec![json!({"add": {"id": "a", "name": "A", "stage": "s1"}})],
                ),
            },
            "duplicate_id",
        ),
        (
            Edit::PutScenario {
                scenario: scenario(
                    "x",
                    vec![json!({"add": {"id": "q", "name": "Q", "stage": "nope"}})],
                ),
            },
            "unknown_stage",
        ),
        (
            Edit::PutScenario {
                scenario: scenario(
                    "x",
                    vec![
                        json!({"remove": "a"}),
                        json!({"touchpoint": "a", "emotion": 0.1}),
                    ],
                ),
            },
            "unknown_touchpoint",
        ),
        (
            Edit::PutScenario {
                scenario: scenario("x", vec![json!({"touchpoint": "a"})]),
            },
            "schema",
        ),
        (
            Edit::PutScenario {
                scenario: scenario("", vec![]),
            },
            "out_of_range",
        ),
        // Replacing a scenario with an invalid one keeps the old one.
        (
            Edit::PutScenario {
                scenario: scenario("sc", vec![json!({"remove": "nope"})]),
            },
            "unknown_touchpoint",
        ),
        (Edit::RemoveScenario { id: "nope".into() }, "invalid_edit"),
        // Batches: the first failing edit's error, nothing of the rest.
        (
            Edit::Batch {
                edits: vec![
                    Edit::SetTitle {
                        title: "changed".into(),
                    },
                    Edit::RemoveTouchpoint { id: "c".into() },
                    Edit::SetWeight {
                        from: "a".into(),
                        to: "b".into(),
                        weight: 0.0,
                    },
                    Edit::RemoveStage {
                        id: "s1".into(),
                        move_to: None,
                    },
                ],
            },
            "out_of_range",
        ),
        (
            Edit::Batch {
                edits: vec![
                    Edit::RemoveStage {
                        id: "s1".into(),
                        move_to: Some("s2".into()),
                    },
                    Edit::AddTouchpoint {
                        touchpoint: tp("n", "s3"),
                        position: Some(0),
                    },
                    Edit::AddTouchpoint {
                        touchpoint: tp("n", "s2"),
                        position: None,
                    },
                ],
            },
            "duplicate_id",
        ),
        (
            Edit::Batch {
                edits: vec![
                    Edit::RemoveTouchpoint { id: "c".into() },
                    Edit::RemoveScenario { id: "sc".into() },
                    Edit::AddTransition {
                        transition: transition("b", "c", 1.0),
                    },
                ],
            },
            "unknown_touchpoint",
        ),
        (
            Edit::Batch {
                edits: vec![
                    Edit::MoveTouchpoint {
                        id: "e".into(),
                        stage: "s1".into(),
                        position: Some(0),
                    },
                    Edit::Batch {
                        edits: vec![
                            Edit::RemoveStage {
                                id: "s3".into(),
                                move_to: None,
                            },
                            Edit::RemoveStage {
                                id: "s2".into(),
                                move_to: None,
                            },
                        ],
                    },
                    Edit::RenameStage {
                        id: "s2".into(),
                        name: "gone".into(),
                    },
                ],
            },
            "unknown_stage",
        ),
    ];

    for (edit, code) in cases {
        // On a document without history …
        let mut doc = Document::new(small());
        assert_fails(&mut doc, edit.clone(), code);
        // … and on one with both an undo and a redo step, which survive.
        let mut doc = doc_with_history();
        assert_fails(&mut doc, edit.clone(), code);
        assert_eq!(doc.redo(), Ok(true));
        assert_eq!(doc.journey().title, "second");
        assert_eq!(doc.undo(), Ok(true));
        assert_eq!(doc.undo(), Ok(true));
        assert_eq!(to_json(doc.journey()), to_json(&small()));
    }
}

#[test]
fn a_batch_whose_third_edit_fails_changes_nothing() {
    let mut doc = doc_with_history();
    let start = to_json(doc.journey());
    let edit = Edit::Batch {
        edits: vec![
            Edit::RemoveStage {
                id: "s2".into(),
                move_to: None,
            },
            Edit::AddTouchpoint {
                touchpoint: tp("n", "s1"),
                position: Some(0),
            },
            Edit::AddTransition {
                transition: transition("n", "c", 1.0),
            },
            Edit::SetTitle {
                title: "never".into(),
            },
        ],
    };
    let err = doc.apply(edit).unwrap_err();
    assert_eq!(err.code(), "unknown_touchpoint");
    assert_eq!(to_json(doc.journey()), start);
    assert_eq!(
        doc.journey().scenarios,
        small().scenarios,
        "pruned scenario changes are restored"
    );
    // The same batch without its failing edit applies.
    let ok = Edit::Batch {
        edits: vec![
            Edit::RemoveStage {
                id: "s2".into(),
                move_to: None,
            },
            Edit::AddTouchpoint {
                touchpoint: tp("n", "s1"),
                position: Some(0),
            },
            Edit::SetTitle {
                title: "now".into(),
            },
        ],
    };
    let j = check_edit(&small(), ok);
    assert_eq!(order(&j), s(&["n", "a", "b", "e"]));
}

#[test]
fn a_failing_edit_after_an_undo_keeps_the_redo_step() {
    let mut doc = Document::new(small());
    doc.apply(Edit::RemoveTouchpoint { id: "c".into() })
        .unwrap();
    let removed = to_json(doc.journey());
    doc.undo().unwrap();
    assert_fails(
        &mut doc,
        Edit::RemoveTouchpoint { id: "zzz".into() },
        "unknown_touchpoint",
    );
    assert_eq!(doc.redo(), Ok(true));
    assert_eq!(to_json(doc.journey()), removed);
}

// ---------------------------------------------------------------------------
// 2. Removing what a scenario names keeps the journey exportable
// ---------------------------------------------------------------------------

/// Applies `edit` to `start`: the result exports and imports; undo gives
/// back every scenario exactly; redo gives back the edited journey.
#[track_caller]
fn check_scenarios_survive(start: &Journey, edit: Edit) -> Journey {
    let j = check_edit(start, edit.clone());
    // Every scenario still applies to the edited baseline.
    for (k, sc) in j.scenarios.iter().enumerate() {
        j.with_changes(&sc.changes, &format!("/scenarios/{k}/changes"))
            .unwrap_or_else(|e| panic!("after {edit:?} scenario {} does not apply: {e}", sc.id));
    }
    let ids: Vec<&str> = j.scenarios.iter().map(|s| s.id.as_str()).collect();
    let before: Vec<&str> = start.scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids, before,
        "scenarios are kept (possibly with fewer changes), never dropped"
    );
    j
}

#[test]
fn removing_a_touchpoint_a_scenario_changes() {
    let start = sample();
    let j = check_scenarios_survive(
        &start,
        Edit::RemoveTouchpoint {
            id: "delivery-wait".into(),
        },
    );
    let next_day = j.scenario("next-day-delivery").unwrap();
    assert_eq!(
        next_day.changes,
        vec![change(json!({"touchpoint": "checkout", "emotionBy": 0.2}))]
    );
    assert_eq!(j.scenario("fix-ivr"), start.scenario("fix-ivr"));

    // The fix-ivr scenario removes the IVR, and adds transitions from and to
    // support-chat, and reweights help-centre → support-chat.
    for id in [
        "ivr",
        "support-chat",
        "support-call",
        "help-centre",
        "battery-drains",
        "checkout",
    ] {
        check_scenarios_survive(&start, Edit::RemoveTouchpoint { id: id.into() });
    }
}

#[test]
fn removing_a_transition_a_scenario_changes() {
    let start = sample();
    let j = check_scenarios_survive(
        &start,
        Edit::RemoveTransition {
            from: "help-centre".into(),
            to: "support-chat".into(),
        },
    );
    let fix = j.scenario("fix-ivr").unwrap();
    assert_eq!(fix.changes.len(), 5, "only the reweighting goes");
    assert!(fix
        .changes
        .iter()
        .all(|c| c.from.as_deref() != Some("help-centre")));
}

#[test]
fn adding_what_a_scenario_adds() {
    let start = sample();
    // A baseline touchpoint with the id the fix-ivr scenario adds.
    check_scenarios_survive(
        &start,
        Edit::AddTouchpoint {
            touchpoint: tp("chat-callback", "support"),
            position: Some(1),
        },
    );
    // A baseline transition the fix-ivr scenario adds.
    check_scenarios_survive(
        &start,
        Edit::AddTransition {
            transition: transition("battery-drains", "support-chat", 1.0),
        },
    );
}

#[test]
fn removing_a_stage_whose_touchpoints_scenarios_change() {
    let start = sample();
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "delivery".into(),
            move_to: None,
        },
    );
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "purchase".into(),
            move_to: None,
        },
    );
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "delivery".into(),
            move_to: Some("setup".into()),
        },
    );
}

#[test]
fn removing_the_stage_a_scenario_adds_a_touchpoint_to() {
    // fix-ivr adds "chat-callback" in stage "support".
    let start = sample();
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "support".into(),
            move_to: Some("loyalty".into()),
        },
    );
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "support".into(),
            move_to: None,
        },
    );
}

#[test]
fn removing_the_stage_a_scenario_adds_a_touchpoint_to_small() {
    let mut doc = Document::new(small());
    doc.apply(Edit::PutScenario {
        scenario: scenario(
            "grow",
            vec![json!({"add": {"id": "q", "name": "Q", "stage": "s3"}})],
        ),
    })
    .unwrap();
    let start = doc.journey().clone();
    check_scenarios_survive(
        &start,
        Edit::RemoveStage {
            id: "s3".into(),
            move_to: Some("s1".into()),
        },
    );
}

#[test]
fn a_sequence_of_removals_undoes_to_the_scenarios_exactly() {
    let start = sample();
    let mut doc = Document::new(start.clone());
    for edit in [
        Edit::RemoveTransition {
            from: "help-centre".into(),
            to: "support-chat".into(),
        },
        Edit::RemoveTouchpoint { id: "ivr".into() },
        Edit::RemoveTouchpoint {
            id: "delivery-wait".into(),
        },
        Edit::AddTouchpoint {
            touchpoint: tp("chat-callback", "support"),
            position: None,
        },
        Edit::RemoveTouchpoint {
            id: "support-chat".into(),
        },
        Edit::RemoveTouchpoint {
            id: "checkout".into(),
        },
    ] {
        doc.apply(edit).unwrap();
        assert_round_trips(doc.journey());
    }
    let end = to_json(doc.journey());
    while doc.undo().unwrap() {}
    assert_eq!(doc.journey().scenarios, start.scenarios);
    assert_eq!(to_json(doc.journey()), to_json(&start));
    while doc.redo().unwrap() {}
    assert_eq!(to_json(doc.journey()), end);
}

// ---------------------------------------------------------------------------
// 3. JSON of edits, as an embedding app sends them
// ---------------------------------------------------------------------------

#[track_caller]
fn parse_edit(v: Value) -> Edit {
    let edit: Edit = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"));
    // And back: the JSON of the edit reads as the same edit.
    let text = serde_json::to_string(&edit).unwrap();
    let again: Edit = serde_json::from_str(&text).unwrap();
    assert_eq!(again, edit, "{text}");
    let tagged = serde_json::to_value(&edit).unwrap();
    assert_eq!(tagged["op"], v["op"], "the op tag is written as it is read");
    edit
}

#[test]
fn edits_from_json() {
    let mut card = Touchpoint::new("n", "New card", "s2");
    card.emotion = Some(-0.5);
    card.service = true;
    card.pain_points = vec!["Slow".into()];
    card.extra.insert("colour".into(), json!("blue"));
    assert_eq!(
        parse_edit(
            json!({"op": "addTouchpoint", "touchpoint": {"id": "n", "name": "New card", "stage": "s2",
            "emotion": -0.5, "service": true, "painPoints": ["Slow"], "colour": "blue"}, "position": 0})
        ),
        Edit::AddTouchpoint {
            touchpoint: card.clone(),
            position: Some(0)
        }
    );
    assert_eq!(
        parse_edit(
            json!({"op": "addTouchpoint", "touchpoint": {"id": "n", "name": "N", "stage": "s2"}})
        ),
        Edit::AddTouchpoint {
            touchpoint: Touchpoint::new("n", "N", "s2"),
            position: None
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "removeStage", "id": "x", "moveTo": "y"})),
        Edit::RemoveStage {
            id: "x".into(),
            move_to: Some("y".into())
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "removeStage", "id": "x"})),
        Edit::RemoveStage {
            id: "x".into(),
            move_to: None
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "setTitle", "title": "T"})),
        Edit::SetTitle { title: "T".into() }
    );
    assert_eq!(
        parse_edit(json!({"op": "setPersona", "persona": null})),
        Edit::SetPersona { persona: None }
    );
    assert_eq!(
        parse_edit(json!({"op": "setPersona", "persona": {"name": "Sam"}})),
        Edit::SetPersona {
            persona: Some(Persona {
                name: "Sam".into(),
                ..Persona::default()
            })
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "addStage", "stage": {"id": "n", "name": "N"}, "index": 2})),
        Edit::AddStage {
            stage: stage("n", "N"),
            index: Some(2)
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "renameStage", "id": "s1", "name": "N"})),
        Edit::RenameStage {
            id: "s1".into(),
            name: "N".into()
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "moveStage", "id": "s1", "index": 0})),
        Edit::MoveStage {
            id: "s1".into(),
            index: 0
        }
    );
    assert_eq!(
        parse_edit(
            json!({"op": "updateTouchpoint", "touchpoint": {"id": "a", "name": "A", "stage": "s1"}})
        ),
        Edit::UpdateTouchpoint {
            touchpoint: Touchpoint::new("a", "A", "s1")
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "moveTouchpoint", "id": "a", "stage": "s2", "position": 1})),
        Edit::MoveTouchpoint {
            id: "a".into(),
            stage: "s2".into(),
            position: Some(1)
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "removeTouchpoint", "id": "a"})),
        Edit::RemoveTouchpoint { id: "a".into() }
    );
    assert_eq!(
        parse_edit(
            json!({"op": "addTransition", "transition": {"from": "a", "to": "d", "weight": 2}})
        ),
        Edit::AddTransition {
            transition: transition("a", "d", 2.0)
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "addTransition", "transition": {"from": "a", "to": "d"}})),
        Edit::AddTransition {
            transition: transition("a", "d", 1.0)
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "setWeight", "from": "a", "to": "b", "weight": 0.25})),
        Edit::SetWeight {
            from: "a".into(),
            to: "b".into(),
            weight: 0.25
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "removeTransition", "from": "a", "to": "b"})),
        Edit::RemoveTransition {
            from: "a".into(),
            to: "b".into()
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "setSettings", "settings": {"sensitivity": 2}})),
        Edit::SetSettings {
            settings: Settings {
                sensitivity: 2.0,
                ..Settings::default()
            }
        }
    );
    assert_eq!(
        parse_edit(
            json!({"op": "putScenario", "scenario": {"id": "x", "name": "X",
            "changes": [{"touchpoint": "a", "emotionBy": 0.5}, {"removeTransition": {"from": "a", "to": "b"}}]}})
        ),
        Edit::PutScenario {
            scenario: scenario_named(
                "x",
                "X",
                vec![
                    json!({"touchpoint": "a", "emotionBy": 0.5}),
                    json!({"removeTransition": {"from": "a", "to": "b"}}),
                ]
            )
        }
    );
    assert_eq!(
        parse_edit(json!({"op": "removeScenario", "id": "x"})),
        Edit::RemoveScenario { id: "x".into() }
    );
    assert_eq!(
        parse_edit(json!({"op": "batch", "edits": [
            {"op": "setTitle", "title": "T"},
            {"op": "batch", "edits": []},
            {"op": "removeStage", "id": "x", "moveTo": "y"}
        ]})),
        Edit::Batch {
            edits: vec![
                Edit::SetTitle { title: "T".into() },
                Edit::Batch { edits: vec![] },
                Edit::RemoveStage {
                    id: "x".into(),
                    move_to: Some("y".into())
                },
            ]
        }
    );
    // The removeTransition change's ends parse as `Ends`.
    let _: Ends = serde_json::from_value(json!({"from": "a", "to": "b"})).unwrap();
}

fn scenario_named(id: &str, name: &str, changes: Vec<Value>) -> Scenario {
    Scenario {
        name: name.into(),
        ..scenario(id, changes)
    }
}

#[test]
fn edits_from_json_applied_to_a_journey() {
    let mut doc = Document::new(small());
    let edits = json!([
        {"op": "addTouchpoint", "touchpoint": {"id": "n", "name": "N", "stage": "s2", "emotion": 0.5}, "position": 0},
        {"op": "removeStage", "id": "s1", "moveTo": "s3"},
        {"op": "setWeight", "from": "a", "to": "c", "weight": 4}
    ]);
    for e in edits.as_array().unwrap() {
        doc.apply(serde_json::from_value(e.clone()).unwrap())
            .unwrap();
    }
    let j = doc.journey();
    assert_eq!(order(j), s(&["n", "c", "d", "e", "a", "b"]));
    assert_eq!(j.transition("a", "c").unwrap().weight, 4.0);
}

#[test]
fn bad_edit_json_is_refused() {
    for v in [
        json!({"op": "nope"}),
        json!({"title": "no op"}),
        json!({"op": "setTitle"}),
        json!({"op": "moveStage", "id": "s1", "index": -1}),
        json!({"op": "removeStage", "id": 3}),
        json!({"op": "addTouchpoint", "touchpoint": {"id": "n", "stage": "s1"}}),
        json!({"op": "batch", "edits": [{"op": "nope"}]}),
    ] {
        assert!(serde_json::from_value::<Edit>(v.clone()).is_err(), "{v}");
    }
}

// ---------------------------------------------------------------------------
// 3. Property: random edit sequences
// ---------------------------------------------------------------------------

/// The random material of one edit; turned into an [`Edit`] against the
/// journey as it is when the edit is made, so that ids are mostly real.
#[derive(Debug, Clone)]
struct Seed {
    kind: u8,
    picks: [u16; 6],
    nums: [f64; 6],
    flags: u16,
    /// Below 2 (of 10): make the edit refer to something that does not
    /// exist, or carry an out-of-range value.
    bogus: u8,
    /// For a batch: its edits.
    sub: Vec<Seed>,
}

const KINDS: u8 = 16;

fn leaf_seed() -> impl Strategy<Value = Seed> {
    (
        0..KINDS,
        prop::array::uniform6(any::<u16>()),
        prop::array::uniform6(0.0f64..1.0),
        any::<u16>(),
        0u8..10,
    )
        .prop_map(|(kind, picks, nums, flags, bogus)| Seed {
            kind,
            picks,
            nums,
            flags,
            bogus,
            sub: Vec::new(),
        })
}

fn seed() -> impl Strategy<Value = Seed> {
    prop_oneof![
        14 => leaf_seed(),
        2 => (prop::collection::vec(leaf_seed(), 0..5), 0u8..10).prop_map(|(sub, bogus)| Seed {
            kind: KINDS,
            picks: [0; 6],
            nums: [0.0; 6],
            flags: 0,
            bogus,
            sub,
        }),
    ]
}

/// Makes fresh ids.
struct Fresh(usize);

impl Fresh {
    fn next(&mut self, prefix: &str) -> String {
        self.0 += 1;
        format!("{prefix}-{}", self.0)
    }
}

impl Seed {
    fn bogus(&self) -> bool {
        self.bogus < 2
    }
    fn flag(&self, bit: u16) -> bool {
        self.flags & (1 << bit) != 0
    }
}

fn pick<T: Clone>(items: &[T], p: u16) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[p as usize % items.len()].clone())
    }
}

fn tp_ids(j: &Journey) -> Vec<String> {
    order(j)
}

fn tp_id(j: &Journey, p: u16, bogus: bool) -> String {
    match pick(&tp_ids(j), p) {
        Some(id) if !bogus => id,
        _ => format!("ghost-{}", p % 3),
    }
}

fn stage_id(j: &Journey, p: u16, bogus: bool) -> String {
    match pick(&stage_ids(j), p) {
        Some(id) if !bogus => id,
        _ => format!("nowhere-{}", p % 3),
    }
}

fn ends(j: &Journey, p: u16, bogus: bool) -> (String, String) {
    let all: Vec<(String, String)> = j
        .transitions()
        .into_iter()
        .map(|t| (t.from, t.to))
        .collect();
    match pick(&all, p) {
        Some(e) if !bogus => e,
        // Two touchpoints that may or may not be linked, or a missing one.
        _ if !bogus => (tp_id(j, p, false), tp_id(j, p / 7, false)),
        _ => (tp_id(j, p, false), "ghost".to_string()),
    }
}

/// A touchpoint with fields drawn from the seed.
fn make_touchpoint(id: String, stage: String, sd: &Seed, bad_field: bool) -> Touchpoint {
    let n = &sd.nums;
    let mut t = Touchpoint::new(id, format!("Card {}", sd.picks[1] % 100), stage);
    t.emotion = if sd.picks[2] % 4 == 0 {
        None
    } else {
        Some(n[0] * 2.0 - 1.0)
    };
    t.impact = if sd.picks[2] % 5 == 1 { 1.0 } else { n[1] };
    t.dropout = if sd.flag(0) { n[2] * 0.5 } else { 0.0 };
    t.entry = if sd.flag(1) { n[3] * 3.0 } else { 0.0 };
    t.goal = sd.flag(2);
    t.service = sd.flag(3);
    t.proactive = sd.flag(4);
    if sd.flag(5) {
        t.kind = Kind::Indirect;
    }
    if sd.flag(6) {
        t.effort = Some(1 + (sd.picks[3] % 7) as u8);
    }
    if sd.flag(7) {
        t.channel = ["web", "phone", "chat", "store"][sd.picks[3] as usize % 4].into();
        t.owner = "service".into();
    }
    if sd.flag(8) {
        t.notes = "Some notes — with “quotes” and ünïcödé.".into();
        t.pain_points = vec!["Waits".into()];
        t.opportunities = vec!["Call back".into(), "Explain".into()];
    }
    if sd.flag(9) {
        t.extra.insert(
            "xColour".into(),
            json!({"r": sd.picks[4] % 256, "tags": ["a", 1.5]}),
        );
    }
    if bad_field {
        match sd.picks[5] % 4 {
            0 => t.emotion = Some(1.0 + n[4] + 1e-9),
            1 => t.impact = -0.5,
            2 => t.dropout = 1.5,
            _ => t.effort = Some(0),
        }
    }
    t
}

/// One scenario change drawn from the journey's baseline.
fn make_change(j: &Journey, sd: &Seed, k: usize, fresh: &mut Fresh) -> Value {
    let p = sd.picks[(k + 2) % 6];
    let x = sd.nums[(k + 3) % 6];
    match p % 6 {
        0 => json!({"touchpoint": tp_id(j, p / 6, false), "emotion": x * 2.0 - 1.0}),
        1 => match pick(&j.transitions(), p / 6) {
            Some(t) => json!({"from": t.from, "to": t.to, "weight": 0.5 + x}),
            None => json!({"touchpoint": tp_id(j, p / 6, false), "dropoutBy": x * 0.2}),
        },
        2 => json!({"remove": tp_id(j, p / 6, false)}),
        3 => {
            json!({"add": {"id": fresh.next("sc-add"), "name": "Added", "stage": stage_id(j, p / 6, false), "emotion": x}})
        }
        4 => {
            json!({"addTransition": {"from": tp_id(j, p / 6, false), "to": tp_id(j, p / 36, false), "weight": 1.0 + x}})
        }
        _ => match pick(&j.transitions(), p / 6) {
            Some(t) => json!({"removeTransition": {"from": t.from, "to": t.to}}),
            None => json!({"touchpoint": tp_id(j, p / 6, false), "impactBy": -x * 0.5}),
        },
    }
}

/// The edit a seed makes on this journey.
fn make_edit(j: &Journey, sd: &Seed, fresh: &mut Fresh) -> Edit {
    let p = sd.picks;
    let n = sd.nums;
    let bogus = sd.bogus();
    let position = |q: u16| {
        if q % 4 == 0 {
            None
        } else {
            Some(q as usize % 5)
        }
    };
    match sd.kind {
        0 => Edit::SetTitle {
            title: if bogus {
                "t".repeat(10_001)
            } else {
                format!("Title {}", p[0])
            },
        },
        1 => Edit::SetPersona {
            persona: (!sd.flag(0)).then(|| Persona {
                name: format!("P{}", p[0] % 10),
                description: if sd.flag(1) {
                    "Likes phones.".into()
                } else {
                    String::new()
                },
                extra: Map::new(),
            }),
        },
        2 => {
            let id = if bogus {
                match pick(&stage_ids(j), p[0]) {
                    Some(id) if sd.flag(0) => id,
                    _ => String::new(),
                }
            } else {
                fresh.next("st")
            };
            Edit::AddStage {
                stage: stage(&id, &format!("Stage {}", p[1] % 10)),
                index: position(p[2]),
            }
        }
        3 => Edit::RenameStage {
            id: stage_id(j, p[0], bogus),
            name: format!("Renamed {}", p[1] % 10),
        },
        4 => Edit::MoveStage {
            id: stage_id(j, p[0], bogus),
            index: p[1] as usize % (j.stages.len() + 2),
        },
        5 => Edit::RemoveStage {
            id: stage_id(j, p[0], bogus),
            // Sometimes the stage itself (invalid_edit).
            move_to: (!sd.flag(0)).then(|| stage_id(j, p[1], false)),
        },
        6 => {
            // Sometimes the id of a touchpoint a scenario adds.
            let scenario_adds: Vec<String> = j
                .scenarios
                .iter()
                .flat_map(|s| &s.changes)
                .filter_map(|c| c.add.as_ref().map(|t| t.id.clone()))
                .collect();
            let id = if bogus && sd.flag(10) {
                tp_id(j, p[0], false)
            } else {
                match pick(&scenario_adds, p[3]) {
                    Some(id) if sd.flag(13) && !j.contains(&id) => id,
                    _ => fresh.next("tp"),
                }
            };
            let st = stage_id(j, p[1], bogus && sd.flag(11));
            let t = make_touchpoint(id, st, sd, bogus && !sd.flag(10) && !sd.flag(11));
            Edit::AddTouchpoint {
                touchpoint: t,
                position: position(p[4]),
            }
        }
        7 => {
            let id = tp_id(j, p[0], bogus && sd.flag(10));
            let st = if sd.flag(12) {
                stage_id(j, p[1], bogus && sd.flag(11))
            } else {
                j.touchpoint(&id)
                    .map_or_else(|| stage_id(j, p[1], false), |t| t.stage.clone())
            };
            Edit::UpdateTouchpoint {
                touchpoint: make_touchpoint(id, st, sd, bogus && !sd.flag(10) && !sd.flag(11)),
            }
        }
        8 => Edit::MoveTouchpoint {
            id: tp_id(j, p[0], bogus && sd.flag(10)),
            stage: stage_id(j, p[1], bogus && !sd.flag(10)),
            position: position(p[2]),
        },
        9 => Edit::RemoveTouchpoint {
            id: tp_id(j, p[0], bogus),
        },
        10 => {
            // Sometimes a transition a scenario adds.
            let scenario_adds: Vec<(String, String)> = j
                .scenarios
                .iter()
                .flat_map(|s| &s.changes)
                .filter_map(|c| {
                    c.add_transition
                        .as_ref()
                        .map(|t| (t.from.clone(), t.to.clone()))
                })
                .filter(|(a, b)| j.contains(a) && j.contains(b))
                .collect();
            let (from, to) = if bogus && sd.flag(0) {
                ends(j, p[0], true)
            } else if let Some(e) = pick(&scenario_adds, p[3]).filter(|_| sd.flag(13)) {
                e
            } else {
                (tp_id(j, p[0], false), tp_id(j, p[1], false))
            };
            let weight = if bogus && !sd.flag(0) {
                [0.0, -1.0][p[2] as usize % 2]
            } else {
                0.1 + n[0] * 5.0
            };
            let mut t = transition(&from, &to, weight);
            if sd.flag(9) {
                t.extra.insert("label".into(), json!("why"));
            }
            Edit::AddTransition { transition: t }
        }
        11 => {
            let (from, to) = ends(j, p[0], bogus && sd.flag(0));
            let weight = if bogus && !sd.flag(0) {
                0.0
            } else {
                0.01 + n[0] * 10.0
            };
            Edit::SetWeight { from, to, weight }
        }
        12 => {
            let (from, to) = ends(j, p[0], bogus);
            Edit::RemoveTransition { from, to }
        }
        13 => {
            let peak = (n[0] * 4.0).round() / 4.0;
            let end = ((1.0 - peak) * n[1] * 4.0).round() / 4.0;
            let mean = 1.0 - peak - end;
            let mut settings = Settings {
                sensitivity: n[2] * 5.0,
                remember_weights: RememberWeights {
                    peak,
                    end,
                    mean,
                    extra: Map::new(),
                },
                satisfied_at: n[3] * 2.0 - 1.0,
                promoter_at: n[4],
                max_steps: 1 + p[0] as u32 % 5000,
                extra: Map::new(),
            };
            if sd.flag(0) {
                settings = Settings::default();
            }
            if bogus {
                settings.remember_weights.mean += 0.5;
            }
            Edit::SetSettings { settings }
        }
        14 => {
            let existing: Vec<String> = j.scenarios.iter().map(|s| s.id.clone()).collect();
            let id = match pick(&existing, p[0]) {
                Some(id) if sd.flag(0) => id,
                _ => fresh.next("sc"),
            };
            let mut changes: Vec<Value> = (0..(p[1] % 4) as usize)
                .map(|k| make_change(j, sd, k, fresh))
                .collect();
            if bogus {
                changes.push(json!({"touchpoint": "ghost", "emotion": 0.5}));
            }
            Edit::PutScenario {
                scenario: scenario(&id, changes),
            }
        }
        15 => {
            let existing: Vec<String> = j.scenarios.iter().map(|s| s.id.clone()).collect();
            let id = match pick(&existing, p[0]) {
                Some(id) if !bogus => id,
                _ => "ghost-scenario".into(),
            };
            Edit::RemoveScenario { id }
        }
        _ => {
            // A batch: each edit is drawn against the journey as the
            // batch's earlier edits leave it.
            let mut scratch = Document::new(j.clone());
            let mut edits = Vec::new();
            for sub in &sd.sub {
                let e = make_edit(scratch.journey(), sub, fresh);
                let _ = scratch.apply(e.clone());
                edits.push(e);
            }
            Edit::Batch { edits }
        }
    }
}

fn check_edit_json(edit: &Edit) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(edit).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Edit =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, edit);
    Ok(())
}

/// The index of `id` among the touchpoints of its stage.
fn index_in_stage(j: &Journey, id: &str) -> Option<usize> {
    let st = &j.touchpoint(id)?.stage;
    in_stage(j, st).iter().position(|x| x == id)
}

/// What a successful (unbatched) edit did, checked against SPEC section 8
/// and the documentation of [`Edit`].
fn check_effect(before: &Journey, after: &Journey, edit: &Edit) -> Result<(), TestCaseError> {
    let touching = |id: &str| -> Vec<(String, String, f64)> {
        links(before)
            .into_iter()
            .filter(|(a, b, _)| a != id && b != id)
            .collect()
    };
    match edit {
        Edit::AddTouchpoint {
            touchpoint,
            position,
        } => {
            prop_assert_eq!(after.touchpoint(&touchpoint.id), Some(touchpoint));
            let members = in_stage(before, &touchpoint.stage).len();
            let want = position.unwrap_or(usize::MAX).min(members);
            prop_assert_eq!(
                index_in_stage(after, &touchpoint.id),
                Some(want),
                "{:?}",
                edit
            );
            prop_assert_eq!(links(after), links(before));
        }
        Edit::MoveTouchpoint {
            id,
            stage,
            position,
        } => {
            let t = after.touchpoint(id).unwrap();
            prop_assert_eq!(&t.stage, stage);
            prop_assert_eq!(
                &Touchpoint {
                    stage: before.touchpoint(id).unwrap().stage.clone(),
                    ..t.clone()
                },
                before.touchpoint(id).unwrap()
            );
            let members = in_stage(before, stage).iter().filter(|x| *x != id).count();
            let want = position.unwrap_or(usize::MAX).min(members);
            prop_assert_eq!(index_in_stage(after, id), Some(want), "{:?}", edit);
            prop_assert_eq!(links(after), links(before));
        }
        Edit::UpdateTouchpoint { touchpoint } => {
            let id = &touchpoint.id;
            prop_assert_eq!(after.touchpoint(id), Some(touchpoint));
            if before.touchpoint(id).unwrap().stage == touchpoint.stage {
                prop_assert_eq!(order(after), order(before));
            } else {
                let mut want: Vec<String> = in_stage(before, &touchpoint.stage);
                want.push(id.clone());
                prop_assert_eq!(in_stage(after, &touchpoint.stage), want);
            }
            prop_assert_eq!(links(after), links(before));
        }
        Edit::RemoveTouchpoint { id } => {
            prop_assert!(!after.contains(id));
            let want: Vec<String> = order(before).into_iter().filter(|x| x != id).collect();
            prop_assert_eq!(order(after), want);
            prop_assert_eq!(links(after), touching(id));
        }
        Edit::RemoveStage { id, move_to } => {
            prop_assert!(!stage_ids(after).contains(id));
            let members = in_stage(before, id);
            match move_to {
                Some(target) => {
                    let mut want = in_stage(before, target);
                    want.extend(members);
                    prop_assert_eq!(in_stage(after, target), want);
                    prop_assert_eq!(links(after), links(before));
                }
                None => {
                    let want: Vec<String> = order(before)
                        .into_iter()
                        .filter(|x| !members.contains(x))
                        .collect();
                    prop_assert_eq!(order(after), want);
                    let kept: Vec<_> = links(before)
                        .into_iter()
                        .filter(|(a, b, _)| !members.contains(a) && !members.contains(b))
                        .collect();
                    prop_assert_eq!(links(after), kept);
                }
            }
        }
        Edit::AddTransition { transition } => {
            let mut want = links(before);
            want.push((
                transition.from.clone(),
                transition.to.clone(),
                transition.weight,
            ));
            prop_assert_eq!(links(after), want);
        }
        Edit::RemoveTransition { from, to } => {
            let want: Vec<_> = links(before)
                .into_iter()
                .filter(|(a, b, _)| !(a == from && b == to))
                .collect();
            prop_assert_eq!(links(after), want);
        }
        Edit::PutScenario { scenario } => {
            prop_assert_eq!(after.scenario(&scenario.id), Some(scenario));
        }
        _ => {}
    }
    Ok(())
}

/// Applies the seeds' edits, checking every state, then undoes and redoes
/// everything.
fn run_edits(start: Journey, seeds: &[Seed]) -> Result<(), TestCaseError> {
    let mut fresh = Fresh(0);
    let mut doc = Document::new(start.clone());
    // The journey after each successful edit, and its file.
    let mut states: Vec<(Journey, String)> = vec![(start.clone(), to_json(&start))];
    for sd in seeds {
        let edit = make_edit(doc.journey(), sd, &mut fresh);
        check_edit_json(&edit)?;
        let before = doc.journey().clone();
        let before_text = to_json(&before);
        let (undo, redo) = (doc.can_undo(), doc.can_redo());
        match doc.apply(edit.clone()) {
            Ok(_) => {
                prop_assert!(doc.can_undo());
                prop_assert!(!doc.can_redo());
                let text = to_json(doc.journey());
                let back = match from_json(&text) {
                    Ok(back) => back,
                    Err(e) => {
                        return Err(TestCaseError::fail(format!(
                            "after {edit:?} the export does not import: {} at {}: {e}",
                            e.code(),
                            e.path()
                        )))
                    }
                };
                prop_assert!(back == *doc.journey(), "import differs after {:?}", edit);
                check_effect(&before, doc.journey(), &edit)?;
                prop_assert_eq!(to_json(&back), text.clone());
                states.push((doc.journey().clone(), text));
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert_eq!(
                    to_json(doc.journey()),
                    before_text,
                    "{:?} failed ({}) but changed the journey",
                    edit,
                    e.code()
                );
                prop_assert!(*doc.journey() == before);
                prop_assert_eq!(doc.can_undo(), undo);
                prop_assert_eq!(doc.can_redo(), redo);
            }
        }
    }
    // Undo everything, checking each state on the way.
    for k in (0..states.len() - 1).rev() {
        prop_assert_eq!(doc.undo(), Ok(true));
        prop_assert_eq!(&to_json(doc.journey()), &states[k].1, "undo to state {}", k);
        prop_assert!(*doc.journey() == states[k].0);
    }
    prop_assert!(!doc.can_undo());
    prop_assert_eq!(doc.undo(), Ok(false));
    prop_assert!(*doc.journey() == start);
    prop_assert_eq!(to_json(doc.journey()), to_json(&start));
    // Redo everything.
    for (k, (journey, text)) in states.iter().enumerate().skip(1) {
        prop_assert_eq!(doc.redo(), Ok(true));
        prop_assert_eq!(&to_json(doc.journey()), text, "redo to state {}", k);
        prop_assert!(*doc.journey() == *journey);
    }
    prop_assert!(!doc.can_redo());
    prop_assert_eq!(doc.redo(), Ok(false));
    let (last, last_text) = states.last().unwrap();
    prop_assert!(*doc.journey() == *last);
    prop_assert_eq!(&to_json(doc.journey()), last_text);
    Ok(())
}

/// A small random valid journey: 1–3 stages, 0–6 touchpoints, random
/// transitions, and sometimes a scenario naming its touchpoints and
/// transitions.
fn small_journey() -> impl Strategy<Value = Journey> {
    (
        1usize..=3,
        prop::collection::vec((any::<u16>(), -1.0f64..=1.0, 0.0f64..=0.5, any::<bool>()), 0..=6),
        prop::collection::vec((any::<u16>(), any::<u16>(), 0.1f64..5.0), 0..10),
        any::<bool>(),
    )
        .prop_map(|(stages, tps, links, with_scenario)| {
            let stage_list: Vec<Value> =
                (0..stages).map(|k| json!({"id": format!("s{k}"), "name": format!("Stage {k}")})).collect();
            let mut tp_list: Vec<Value> = tps
                .iter()
                .enumerate()
                .map(|(k, (p, e, d, entry))| {
                    json!({"id": format!("t{k}"), "name": format!("T{k}"), "stage": format!("s{}", *p as usize % stages),
                        "emotion": e, "dropout": d, "entry": if *entry { 1.0 } else { 0.0 }})
                })
                .collect();
            // Grouped by stage, as the editor keeps them.
            tp_list.sort_by_key(|t| t["stage"].as_str().unwrap().to_string());
            let n = tps.len();
            let mut seen = std::collections::HashSet::new();
            let mut tr_list = Vec::new();
            if n > 0 {
                for (a, b, w) in links {
                    let (a, b) = (a as usize % n, b as usize % n);
                    if seen.insert((a, b)) {
                        tr_list.push(json!({"from": format!("t{a}"), "to": format!("t{b}"), "weight": w}));
                    }
                }
            }
            let mut file = json!({
                "format": "journeygraph",
                "version": 1,
                "title": "Random",
                "stages": stage_list,
                "touchpoints": tp_list,
                "transitions": tr_list,
            });
            if with_scenario && n > 0 {
                let mut changes = vec![json!({"touchpoint": "t0", "emotion": 0.5})];
                if let Some(t) = tr_list.first() {
                    changes.push(json!({"from": t["from"], "to": t["to"], "weight": 9}));
                }
                changes.push(json!({"remove": format!("t{}", n - 1)}));
                changes.push(json!({"add": {"id": "extra", "name": "Extra", "stage": "s0"}}));
                file["scenarios"] = json!([{"id": "what-if", "name": "What if", "changes": changes}]);
            }
            from_json(&file.to_string()).expect("test setup: the random journey is valid")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_the_sample_undo_and_redo_exactly(seeds in prop::collection::vec(seed(), 1..=30)) {
        run_edits(sample(), &seeds)?;
    }

    #[test]
    fn random_edits_on_a_small_journey_undo_and_redo_exactly(
        start in small_journey(),
        seeds in prop::collection::vec(seed(), 1..=30),
    ) {
        run_edits(start, &seeds)?;
    }
}
