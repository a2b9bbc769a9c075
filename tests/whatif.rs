//! What-if editing through the core (`Edit::InScenario`, `Edit::RemoveChange`):
//! an edit made in a scenario becomes that scenario's changes, as one step
//! of the same history, and the baseline never changes. The rules on lists
//! of changes are unit-tested in src/model/whatif/tests.rs; the same calls
//! through the package in tests/node/scenario.test.mjs.

use journeygraph::format::{from_json, sample, to_json};
use journeygraph::model::{Document, Edit, Scenario, Touchpoint};
use journeygraph::Journey;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};

fn in_scenario(scenario: &str, edit: Edit) -> Edit {
    Edit::InScenario {
        scenario: scenario.into(),
        name: None,
        edit: Box::new(edit),
    }
}

fn scenario<'a>(j: &'a Journey, id: &str) -> &'a Scenario {
    j.scenarios
        .iter()
        .find(|s| s.id == id)
        .expect("the scenario")
}

fn changes(j: &Journey, id: &str) -> Value {
    serde_json::to_value(&scenario(j, id).changes).expect("changes serialise")
}

/// The scenario's journey: the baseline with its changes.
fn view(j: &Journey, id: &str) -> Journey {
    j.with_changes(&scenario(j, id).changes, "/changes")
        .expect("the scenario applies")
}

/// The file without its scenarios: what the baseline is.
fn baseline(j: &Journey) -> Value {
    let mut v: Value = serde_json::from_str(&to_json(j)).expect("JSON");
    v.as_object_mut().expect("an object").remove("scenarios");
    v
}

#[test]
fn an_edit_in_a_new_scenario_creates_it_and_leaves_the_baseline() {
    let mut doc = Document::new(sample());
    let before = baseline(doc.journey());
    let mut tp = doc
        .journey()
        .touchpoint("delivery-wait")
        .expect("delivery-wait")
        .clone();
    tp.emotion = Some(0.3);
    let changed = doc
        .apply(Edit::InScenario {
            scenario: "calm".into(),
            name: Some("Calmer delivery".into()),
            edit: Box::new(Edit::UpdateTouchpoint { touchpoint: tp }),
        })
        .expect("applies");
    assert!(changed);
    let j = doc.journey();
    assert_eq!(scenario(j, "calm").name, "Calmer delivery");
    assert_eq!(
        changes(j, "calm"),
        json!([{ "touchpoint": "delivery-wait", "emotion": 0.3 }])
    );
    assert_eq!(baseline(j), before, "the baseline is as it was");
    // One step of the history: undo takes the scenario away again.
    assert!(doc.undo().expect("undo"));
    assert!(doc.journey().scenarios.iter().all(|s| s.id != "calm"));
    assert!(doc.redo().expect("redo"));
    assert_eq!(
        changes(doc.journey(), "calm"),
        json!([{ "touchpoint": "delivery-wait", "emotion": 0.3 }])
    );
}

#[test]
fn the_touchpoint_is_read_against_the_scenarios_journey() {
    let mut doc = Document::new(sample());
    let mut tp = doc
        .journey()
        .touchpoint("delivery-wait")
        .expect("tp")
        .clone();
    tp.emotion = Some(0.3);
    doc.apply(in_scenario("s", Edit::UpdateTouchpoint { touchpoint: tp }))
        .expect("applies");
    // The inspector shows the scenario's touchpoint, its dropout moved by
    // the sensitivity link; an emotion edit of it must not pin that dropout.
    let shown = view(doc.journey(), "s")
        .touchpoint("delivery-wait")
        .expect("tp")
        .clone();
    assert_ne!(
        shown.dropout,
        doc.journey()
            .touchpoint("delivery-wait")
            .expect("tp")
            .dropout
    );
    let next = Touchpoint {
        emotion: Some(0.6),
        ..shown.clone()
    };
    doc.apply(in_scenario(
        "s",
        Edit::UpdateTouchpoint { touchpoint: next },
    ))
    .expect("applies");
    assert_eq!(
        changes(doc.journey(), "s"),
        json!([{ "touchpoint": "delivery-wait", "emotion": 0.6 }])
    );
    // Nothing different: no step of the history, nothing changed.
    let file = to_json(doc.journey());
    let shown = view(doc.journey(), "s")
        .touchpoint("delivery-wait")
        .expect("tp")
        .clone();
    let undo_before = doc.can_undo();
    let revision = doc.revision();
    assert!(!doc
        .apply(in_scenario(
            "s",
            Edit::UpdateTouchpoint { touchpoint: shown }
        ))
        .expect("applies"));
    assert_eq!(to_json(doc.journey()), file);
    assert_eq!((doc.can_undo(), doc.revision()), (undo_before, revision));
}

#[test]
fn what_belongs_to_the_journey_is_refused_with_what_if_and_nothing_changes() {
    let mut doc = Document::new(sample());
    let shown = doc.journey().touchpoint("ivr").expect("ivr").clone();
    let file = to_json(doc.journey());
    let renamed = Touchpoint {
        name: "Other".into(),
        ..shown.clone()
    };
    let refused = [
        Edit::UpdateTouchpoint {
            touchpoint: renamed,
        },
        Edit::SetTitle { title: "x".into() },
        Edit::MoveTouchpoint {
            id: "ivr".into(),
            stage: "loyalty".into(),
            position: None,
        },
        Edit::RenameStage {
            id: "loyalty".into(),
            name: "L".into(),
        },
        Edit::SetSettings {
            settings: Default::default(),
        },
        in_scenario(
            "t",
            Edit::SetTitle {
                title: "nested".into(),
            },
        ),
    ];
    for edit in refused {
        let e = doc
            .apply(in_scenario("s", edit.clone()))
            .expect_err("refused");
        assert_eq!(e.code(), "what_if", "{edit:?}: {e}");
        assert!(e.to_string().contains("Leave What if"), "{e}");
        assert_eq!(to_json(doc.journey()), file, "{edit:?} changed the journey");
    }
    let e = doc
        .apply(in_scenario(
            "s",
            Edit::UpdateTouchpoint {
                touchpoint: Touchpoint {
                    name: "Other".into(),
                    ..shown
                },
            },
        ))
        .expect_err("refused");
    assert!(
        e.to_string().contains("“Name” belongs to the journey"),
        "{e}"
    );
    assert!(!doc.can_undo());
}

#[test]
fn structural_edits_in_a_scenario_and_taking_a_change_out() {
    let mut doc = Document::new(sample());
    let ivr = doc.journey().touchpoint("ivr").expect("ivr").clone();
    let added = Touchpoint {
        id: "callback".into(),
        name: "Gets a call back".into(),
        emotion: Some(0.4),
        ..ivr.clone()
    };
    doc.apply(in_scenario(
        "s",
        Edit::AddTouchpoint {
            touchpoint: added,
            position: None,
        },
    ))
    .expect("adds");
    doc.apply(in_scenario(
        "s",
        Edit::AddTransition {
            transition: serde_json::from_value(
                json!({ "from": "ivr", "to": "callback", "weight": 2 }),
            )
            .expect("a transition"),
        },
    ))
    .expect("adds a transition");
    doc.apply(in_scenario(
        "s",
        Edit::RemoveTouchpoint {
            id: "help-centre".into(),
        },
    ))
    .expect("removes");
    let j = doc.journey();
    let shown = view(j, "s");
    assert!(shown.touchpoint("callback").is_some() && shown.touchpoint("help-centre").is_none());
    assert!(
        j.touchpoint("callback").is_none() && j.touchpoint("help-centre").is_some(),
        "the baseline keeps its own"
    );
    // Taking out the added touchpoint takes its transition with it.
    doc.apply(Edit::RemoveChange {
        scenario: "s".into(),
        index: 0,
    })
    .expect("takes it out");
    assert_eq!(
        changes(doc.journey(), "s"),
        json!([{ "remove": "help-centre" }])
    );
    let e = doc
        .apply(Edit::RemoveChange {
            scenario: "s".into(),
            index: 7,
        })
        .expect_err("no change 7");
    assert_eq!(e.code(), "invalid_edit");
    let e = doc
        .apply(Edit::RemoveChange {
            scenario: "nope".into(),
            index: 0,
        })
        .expect_err("no scenario");
    assert_eq!(e.code(), "invalid_edit");
}

#[test]
fn in_scenario_reads_and_writes_as_json() {
    let edit: Edit = serde_json::from_value(json!({
        "op": "inScenario", "scenario": "s", "name": "S",
        "edit": { "op": "removeTransition", "from": "a", "to": "b" }
    }))
    .expect("reads");
    assert_eq!(
        serde_json::to_value(&edit).expect("writes"),
        json!({ "op": "inScenario", "scenario": "s", "name": "S",
                "edit": { "op": "removeTransition", "from": "a", "to": "b" } })
    );
    let edit: Edit =
        serde_json::from_value(json!({ "op": "removeChange", "scenario": "s", "index": 2 }))
            .expect("reads");
    assert_eq!(
        edit,
        Edit::RemoveChange {
            scenario: "s".into(),
            index: 2
        }
    );
}

/// A random editor edit that makes sense on `view` (the scenario's journey).
fn random_edit(view: &Journey, pick: &[u32], n: usize) -> Edit {
    let tps: Vec<&Touchpoint> = view.touchpoints().collect();
    let tp = tps[pick[0] as usize % tps.len()].clone();
    let links: Vec<(String, String)> = view
        .transitions()
        .into_iter()
        .map(|t| (t.from, t.to))
        .collect();
    let value = f64::from(pick[2] % 101) / 100.0;
    match pick[1] % 7 {
        0 | 1 => {
            let mut next = tp;
            match pick[3] % 3 {
                0 => next.emotion = Some(2.0 * value - 1.0),
                1 => next.impact = value,
                _ => next.dropout = value,
            }
            Edit::UpdateTouchpoint { touchpoint: next }
        }
        2 if !links.is_empty() => {
            let (from, to) = links[pick[3] as usize % links.len()].clone();
            Edit::SetWeight {
                from,
                to,
                weight: 0.5 + 3.0 * value,
            }
        }
        3 if !links.is_empty() => {
            let (from, to) = links[pick[3] as usize % links.len()].clone();
            Edit::RemoveTransition { from, to }
        }
        4 => {
            let to = tps[pick[3] as usize % tps.len()].id.clone();
            if to == tp.id || links.iter().any(|(f, t)| *f == tp.id && *t == to) {
                Edit::UpdateTouchpoint { touchpoint: tp }
            } else {
                Edit::AddTransition {
                    transition: serde_json::from_value(
                        json!({ "from": tp.id, "to": to, "weight": 1.0 + value }),
                    )
                    .expect("a transition"),
                }
            }
        }
        5 if tps.len() > 4 => Edit::RemoveTouchpoint { id: tp.id },
        _ => Edit::AddTouchpoint {
            touchpoint: Touchpoint {
                emotion: Some(2.0 * value - 1.0),
                ..Touchpoint::new(format!("new-{n}"), format!("New {n}"), tp.stage.clone())
            },
            position: None,
        },
    }
}

/// The journey's structure, without the values that the scenario derives
/// (a dropout follows its emotion there).
fn shape(j: &Journey) -> (Vec<String>, Vec<String>) {
    let mut tps: Vec<String> = j.touchpoints().map(|t| t.id.clone()).collect();
    let mut ts: Vec<String> = j
        .transitions()
        .iter()
        .map(|t| format!("{}>{}:{}", t.from, t.to, t.weight))
        .collect();
    tps.sort();
    ts.sort();
    (tps, ts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of What-if edits keeps a scenario the core applies,
    /// makes the scenario's journey what the same edits make of the
    /// journey itself, shows what the designer set, and never changes the
    /// baseline; undoing them all gives back the file.
    #[test]
    fn what_if_edits_keep_the_baseline_and_mirror_the_journey(
        picks in prop::collection::vec(prop::array::uniform4(0u32..10_000), 1..25),
    ) {
        let mut doc = Document::new(sample());
        let original = to_json(doc.journey());
        let mut mirror = Document::new(sample());
        let mut steps = 0;
        for (n, pick) in picks.iter().enumerate() {
            let before = match doc.journey().scenarios.iter().find(|s| s.id == "p") {
                Some(s) => doc.journey().with_changes(&s.changes, "/changes").expect("applies"),
                None => doc.journey().clone(),
            };
            let edit = random_edit(&before, pick, n);
            let changed = doc.apply(in_scenario("p", edit.clone()));
            let changed = changed.map_err(|e| TestCaseError::fail(format!("{edit:?} refused: {e}")))?;
            steps += usize::from(changed);
            mirror
                .apply(edit.clone())
                .map_err(|e| TestCaseError::fail(format!("{edit:?} is valid in the scenario but not on its journey: {e}")))?;
            let now = view(doc.journey(), "p");
            prop_assert_eq!(shape(&now), shape(mirror.journey()), "{:?}", edit);
            if let Edit::UpdateTouchpoint { touchpoint } = &edit {
                let shown = now.touchpoint(&touchpoint.id).expect("still there");
                let was = before.touchpoint(&touchpoint.id).expect("was there");
                for (field, set, old, new) in [
                    ("emotion", touchpoint.emotion_value(), was.emotion_value(), shown.emotion_value()),
                    ("impact", touchpoint.impact, was.impact, shown.impact),
                    ("dropout", touchpoint.dropout, was.dropout, shown.dropout),
                ] {
                    if set != old {
                        prop_assert_eq!(new, set, "{} of {}", field, touchpoint.id);
                    }
                }
            }
            prop_assert_eq!(baseline(doc.journey()), baseline(&from_json(&original).expect("reads")));
        }
        for _ in 0..steps {
            prop_assert!(doc.undo().expect("undo"));
        }
        prop_assert_eq!(to_json(doc.journey()), original);
    }
}
