//! The analysis after an edit patches the numbers of the analysis before
//! it when the edit changed numbers only (a dropout, an emotion, an entry,
//! a weight, a goal, a fail point), and reads the whole journey again after
//! any other edit (a transition or touchpoint added, removed or moved, a
//! journey replaced or copied). Either way its figures are those of a fresh
//! analysis of the same journey, bit for bit.

use journeygraph::analysis::{prepare, prepare_after, Prepared};
use journeygraph::model::{Document, Edit};
use serde_json::{json, Value};

fn edit(v: Value) -> Edit {
    serde_json::from_value(v).expect("an edit")
}

/// Every figure of `p` is the fresh preparation's, bit for bit (the Debug
/// text of a number tells its bits apart, -0 from 0 included).
#[track_caller]
fn same_as_fresh(p: &Prepared, doc: &Document, what: &str) {
    let fresh = prepare(doc.journey()).expect("prepares");
    assert!(!fresh.patched());
    assert_eq!(
        format!("{:?}", p.totals()),
        format!("{:?}", fresh.totals()),
        "{what}"
    );
    assert_eq!(
        format!("{:?}", p.columns()),
        format!("{:?}", fresh.columns()),
        "{what}"
    );
    assert_eq!(
        format!("{:?}", p.figures()),
        format!("{:?}", fresh.figures()),
        "{what}"
    );
    assert_eq!(
        format!("{:?}", p.removal_effects(doc.journey())),
        format!("{:?}", fresh.removal_effects(doc.journey())),
        "{what}"
    );
}

fn touchpoint(doc: &Document, id: &str) -> Value {
    let tp = doc.journey().touchpoint(id).expect("a touchpoint");
    serde_json::to_value(tp).expect("serializes")
}

fn update(doc: &Document, id: &str, field: &str, value: Value) -> Value {
    let mut tp = touchpoint(doc, id);
    tp[field] = value;
    json!({"op": "updateTouchpoint", "touchpoint": tp})
}

/// A reference journey with a fail point on two touchpoints and a goal
/// that leads back into the journey (so the success chain has components
/// of its own).
fn start() -> Document {
    let mut doc = Document::new(journeygraph::generate::reference(300, 3));
    let goal = doc
        .journey()
        .touchpoints()
        .find(|t| t.goal)
        .expect("a goal")
        .id
        .clone();
    for e in [
        json!({"op": "addTransition", "transition": {"from": goal, "to": "t150", "weight": 1.0}}),
        json!({"op": "addLane", "lane": {"id": "sys", "kind": "support", "name": "Systems"}}),
        json!({"op": "addItem", "item": {"id": "crm", "lane": "sys", "stage": "s5", "text": "CRM",
            "touchpoints": ["t160", "t161"], "failPoint": {"rate": 0.2}}}),
    ] {
        assert!(doc.apply(edit(e.clone())).expect("applies"), "{e}");
    }
    doc
}

#[test]
fn edits_of_numbers_patch_and_the_figures_are_a_fresh_analysis() {
    let mut doc = start();
    let mut before = prepare(doc.journey()).expect("prepares");
    let goal = doc
        .journey()
        .touchpoints()
        .find(|t| t.goal)
        .expect("a goal")
        .id
        .clone();
    let t7 = doc.journey().transitions()[7].clone();
    let numbers = [
        ("a dropout", update(&doc, "t160", "dropout", json!(0.3))),
        (
            "another dropout",
            update(&doc, "t160", "dropout", json!(0.01)),
        ),
        ("an emotion", update(&doc, "t40", "emotion", json!(-0.7))),
        ("an impact", update(&doc, "t41", "impact", json!(0.25))),
        ("an entry", update(&doc, "t2", "entry", json!(3.5))),
        (
            "an entry elsewhere",
            update(&doc, "t200", "entry", json!(0.5)),
        ),
        ("a goal", update(&doc, "t120", "goal", json!(true))),
        ("not a goal", update(&doc, &goal, "goal", json!(false))),
        ("a service flag", update(&doc, "t9", "service", json!(true))),
        (
            "a weight",
            json!({"op": "setWeight", "from": t7.from, "to": t7.to, "weight": 7.25}),
        ),
        (
            "a fail point's rate",
            json!({"op": "updateItem", "item": {"id": "crm", "lane": "sys", "stage": "s5", "text": "CRM",
                "touchpoints": ["t160", "t161", "t90"], "failPoint": {"rate": 0.45, "lost": 0.5}}}),
        ),
        ("no fail point", json!({"op": "removeItem", "id": "crm"})),
        (
            "a batch",
            json!({"op": "batch", "edits": [
                update(&doc, "t10", "dropout", json!(0.2)),
                update(&doc, "t11", "emotion", json!(0.9)),
            ]}),
        ),
        (
            "a scenario",
            json!({"op": "inScenario", "scenario": "w", "edit": update(&doc, "t10", "dropout", json!(0.9))}),
        ),
    ];
    for (what, e) in numbers {
        assert!(doc.apply(edit(e)).expect("applies"), "{what}");
        let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
        assert!(after.patched(), "{what}: patched");
        same_as_fresh(&after, &doc, what);
        before = after;
    }
    // Undo and redo of edits of numbers patch too, back and forth.
    for k in 0..6 {
        assert!(doc.undo().expect("undoes"));
        let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
        assert!(after.patched(), "undo {k}: patched");
        same_as_fresh(&after, &doc, "undo");
        before = after;
    }
    for k in 0..3 {
        assert!(doc.redo().expect("redoes"));
        let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
        assert!(after.patched(), "redo {k}: patched");
        same_as_fresh(&after, &doc, "redo");
        before = after;
    }
    // Several edits between two analyses: all of them patched.
    for (id, d) in [("t30", 0.1), ("t31", 0.2), ("t30", 0.15)] {
        assert!(doc
            .apply(edit(update(&doc, id, "dropout", json!(d))))
            .expect("applies"));
    }
    let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
    assert!(after.patched());
    same_as_fresh(&after, &doc, "three edits");
}

#[test]
fn other_edits_read_the_journey_again_and_the_figures_are_a_fresh_analysis() {
    let mut doc = start();
    let mut before = prepare(doc.journey()).expect("prepares");
    let mut moved = touchpoint(&doc, "t50");
    moved["stage"] = json!("s7");
    let structural = [
        (
            "a transition added",
            json!({"op": "addTransition", "transition": {"from": "t20", "to": "t21", "weight": 2.0}}),
        ),
        (
            "a transition removed",
            json!({"op": "removeTransition", "from": "t20", "to": "t21"}),
        ),
        (
            "a touchpoint added",
            json!({"op": "addTouchpoint", "touchpoint": {"id": "new", "name": "New", "stage": "s2", "dropout": 0.5}}),
        ),
        (
            "a transition to it",
            json!({"op": "addTransition", "transition": {"from": "t70", "to": "new", "weight": 1.0}}),
        ),
        (
            "a touchpoint moved",
            json!({"op": "moveTouchpoint", "id": "t60", "stage": "s1", "position": 0}),
        ),
        (
            "a touchpoint moved to another stage by an update",
            json!({"op": "updateTouchpoint", "touchpoint": moved}),
        ),
        (
            "a touchpoint removed",
            json!({"op": "removeTouchpoint", "id": "t61"}),
        ),
    ];
    for (k, (what, e)) in structural.into_iter().enumerate() {
        assert!(doc.apply(edit(e)).expect("applies"), "{what}");
        let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
        assert!(!after.patched(), "{what}: read again");
        same_as_fresh(&after, &doc, what);
        // The edit of numbers after it patches again.
        let d = 0.07 + 0.01 * k as f64;
        assert!(doc
            .apply(edit(update(&doc, "t100", "dropout", json!(d))))
            .expect("applies"));
        let next = prepare_after(Some(&after), doc.journey()).expect("prepares");
        assert!(next.patched(), "{what}: the edit of numbers after it");
        same_as_fresh(&next, &doc, what);
        before = next;
    }
    // Undoing a structural edit reads it all again.
    assert!(doc.undo().expect("undoes"));
    assert!(doc.undo().expect("undoes"));
    let after = prepare_after(Some(&before), doc.journey()).expect("prepares");
    assert!(!after.patched(), "undo of a removal");
    same_as_fresh(&after, &doc, "undo of a removal");
    // A copy of the journey is another journey: nothing to patch from.
    let copy = doc.journey().clone();
    let of_copy = prepare_after(Some(&after), &copy).expect("prepares");
    assert!(!of_copy.patched());
    // A journey replaced (replaceFromJSON) is read again; so is the
    // preparation of another journey handed in by mistake.
    let text = journeygraph::format::to_json(doc.journey());
    doc.replace(journeygraph::format::from_json(&text).expect("reads"));
    let replaced = prepare_after(Some(&after), doc.journey()).expect("prepares");
    assert!(!replaced.patched());
    same_as_fresh(&replaced, &doc, "replaced");
    let other = Document::new(journeygraph::generate::reference(300, 4));
    let wrong = prepare_after(Some(&replaced), other.journey()).expect("prepares");
    assert!(!wrong.patched());
    same_as_fresh(&wrong, &other, "another journey");
}

#[test]
fn an_edit_of_numbers_that_leaves_no_entry_is_refused_as_a_fresh_analysis_is() {
    let mut doc = Document::new(journeygraph::generate::reference(40, 1));
    let before = prepare(doc.journey()).expect("prepares");
    // Every entry set to 0 but where transitions lead: no start left.
    let ids: Vec<String> = doc
        .journey()
        .touchpoints()
        .filter(|t| t.entry > 0.0)
        .map(|t| t.id.clone())
        .collect();
    let edits: Vec<Value> = ids
        .iter()
        .map(|id| update(&doc, id, "entry", json!(0.0)))
        .collect();
    assert!(doc
        .apply(edit(json!({"op": "batch", "edits": edits})))
        .expect("applies"));
    let fresh = prepare(doc.journey()).map(|p| p.totals().success);
    let after = prepare_after(Some(&before), doc.journey()).map(|p| p.totals().success);
    match (fresh, after) {
        (Ok(a), Ok(b)) => assert_eq!(a.to_bits(), b.to_bits()),
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
        (a, b) => panic!("fresh {a:?}, after {b:?}"),
    }
}
