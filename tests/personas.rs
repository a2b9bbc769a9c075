//! Personas (issue 15): a persona's figures equal those of the journey
//! built for it by hand; skipping a touchpoint passes customers straight
//! through it; personas round-trip through the file and through undo; bad
//! personas are refused with their code, and edits elsewhere never leave a
//! persona invalid.

use journeygraph::analysis::{analyze, Analysis};
use journeygraph::compare::persona_figures;
use journeygraph::format::{from_json, sample, to_json, view};
use journeygraph::model::{for_persona, Document, Edit, Journey};
use serde_json::{json, Value};

fn edit(v: Value) -> Edit {
    serde_json::from_value(v).unwrap()
}

fn file(touchpoints: Value, transitions: Value, personas: Value) -> String {
    json!({
        "format": "journeygraph", "version": 2, "title": "Signing up",
        "stages": [{"id": "s", "name": "Stage"}],
        "touchpoints": touchpoints, "transitions": transitions,
        "personas": personas,
        "settings": {"sensitivity": 2.0},
    })
    .to_string()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn assert_same(a: &Analysis, b: &Analysis, what: &str) {
    let pairs = [
        ("success", a.success, b.success),
        ("completion", a.completion, b.completion),
        ("dropout", a.dropout, b.dropout),
        ("lostBeforeGoal", a.lost_before_goal, b.lost_before_goal),
        ("endedElsewhere", a.ended_elsewhere, b.ended_elsewhere),
        ("leftAfterGoal", a.left_after_goal, b.left_after_goal),
        (
            "expectedTouchpoints",
            a.expected_touchpoints,
            b.expected_touchpoints,
        ),
        ("emotionalLoad", a.emotional_load, b.emotional_load),
        ("meanFelt", a.mean_felt, b.mean_felt),
    ];
    for (name, x, y) in pairs {
        assert!(close(x, y), "{what}: {name} {x} vs {y}");
    }
}

/// a (ad) → b (signup form) → c (confirmation, goal), with a → d (leaves
/// for a rival) and a support loop b ↔ h.
fn base_touchpoints() -> Value {
    json!([
        {"id": "a", "name": "Advert", "stage": "s", "entry": 2, "emotion": 0.2, "dropout": 0.1},
        {"id": "w", "name": "Word of mouth", "stage": "s", "entry": 1, "emotion": 0.5},
        {"id": "b", "name": "Sign-up form", "stage": "s", "emotion": -0.4, "dropout": 0.3},
        {"id": "h", "name": "Help line", "stage": "s", "emotion": -0.6, "dropout": 0.2, "service": true},
        {"id": "c", "name": "Confirmed", "stage": "s", "goal": true, "emotion": 0.7},
        {"id": "d", "name": "Rival's site", "stage": "s", "emotion": 0.1}
    ])
}

fn base_transitions() -> Value {
    json!([
        {"from": "a", "to": "b", "weight": 3}, {"from": "a", "to": "d", "weight": 1},
        {"from": "w", "to": "b"},
        {"from": "b", "to": "c", "weight": 2}, {"from": "b", "to": "h"},
        {"from": "h", "to": "b", "weight": 4}, {"from": "h", "to": "h"}, {"from": "h", "to": "d"}
    ])
}

#[test]
fn a_personas_overrides_give_the_figures_of_the_journey_built_for_it_by_hand() {
    let personas = json!([{
        "id": "student", "name": "Student", "description": "On a phone, in a hurry",
        "overrides": [
            {"touchpoint": "w", "entry": 5},
            {"touchpoint": "b", "emotion": -0.8},
            {"touchpoint": "h", "emotion": 0.1, "dropout": 0.05},
            {"touchpoint": "a", "dropout": 0.4}
        ]
    }]);
    let j = from_json(&file(base_touchpoints(), base_transitions(), personas)).unwrap();
    // By hand: the entry replaced; b's dropout follows its emotion through
    // the link, d' = σ(logit 0.3 − 2·(−0.8 − (−0.4))); h's and a's
    // dropouts set as given (h's emotion too).
    let logit = (0.3f64 / 0.7).ln() - 2.0 * (-0.8 - -0.4);
    let d_b = 1.0 / (1.0 + (-logit).exp());
    let mut tps = base_touchpoints();
    tps[1]["entry"] = json!(5);
    tps[2]["emotion"] = json!(-0.8);
    tps[2]["dropout"] = json!(d_b);
    tps[3]["emotion"] = json!(0.1);
    tps[3]["dropout"] = json!(0.05);
    tps[0]["dropout"] = json!(0.4);
    let by_hand = from_json(&file(tps, base_transitions(), json!([]))).unwrap();
    let persona = for_persona(&j, "student").unwrap();
    assert_same(
        &analyze(&persona).unwrap(),
        &analyze(&by_hand).unwrap(),
        "student",
    );
    // The drawn journey (everyone) is not changed by the persona.
    let everyone = from_json(&file(base_touchpoints(), base_transitions(), json!([]))).unwrap();
    assert_same(
        &analyze(&j).unwrap(),
        &analyze(&everyone).unwrap(),
        "everyone",
    );
    // And the figures differ: the persona is not everyone.
    let (p, e) = (analyze(&persona).unwrap(), analyze(&everyone).unwrap());
    assert!(
        (p.success - e.success).abs() > 0.01,
        "{} vs {}",
        p.success,
        e.success
    );
    // personaFigures carries the same numbers.
    let figures = persona_figures(&j);
    assert_eq!(figures.len(), 1);
    assert_eq!((figures[0].skipped, figures[0].overridden), (0, 4));
    let shown = figures[0].analysis.as_ref().unwrap();
    assert!(close(shown.success, p.success));
    assert!(shown.touchpoints.is_empty());
}

#[test]
fn a_skipped_touchpoint_is_passed_straight_through() {
    // The returning customer never needs the help line h, which sits in a
    // loop with a self-transition. By hand: h eliminated, b → h → {b: 4,
    // d: 1} (h → h left aside) becomes b → b 4/5 and b → d 1/5 of b's
    // share to h (1/3 of what leaves b).
    let personas = json!([{"id": "back", "name": "Returning", "skip": ["h"]}]);
    let j = from_json(&file(base_touchpoints(), base_transitions(), personas)).unwrap();
    let tps = json!([
        {"id": "a", "name": "Advert", "stage": "s", "entry": 2, "emotion": 0.2, "dropout": 0.1},
        {"id": "w", "name": "Word of mouth", "stage": "s", "entry": 1, "emotion": 0.5},
        {"id": "b", "name": "Sign-up form", "stage": "s", "emotion": -0.4, "dropout": 0.3},
        {"id": "c", "name": "Confirmed", "stage": "s", "goal": true, "emotion": 0.7},
        {"id": "d", "name": "Rival's site", "stage": "s", "emotion": 0.1}
    ]);
    let transitions = json!([
        {"from": "a", "to": "b", "weight": 3}, {"from": "a", "to": "d", "weight": 1},
        {"from": "w", "to": "b"},
        {"from": "b", "to": "c", "weight": 2}, {"from": "b", "to": "b", "weight": 0.8},
        {"from": "b", "to": "d", "weight": 0.2}
    ]);
    let by_hand = from_json(&file(tps, transitions, json!([]))).unwrap();
    let persona = for_persona(&j, "back").unwrap();
    assert_eq!(persona.touchpoint_count(), 5);
    assert!(persona.touchpoint("h").is_none());
    assert_same(
        &analyze(&persona).unwrap(),
        &analyze(&by_hand).unwrap(),
        "returning",
    );
}

#[test]
fn skipping_is_like_passing_with_no_dropout_and_no_moment_on_every_touchpoint_of_the_sample() {
    // For any touchpoint s that may be skipped: the persona's outcomes are
    // the journey's with d_s = 0, and its moments are those minus s's.
    let j = sample();
    let mut checked = 0;
    for tp in j.touchpoints() {
        let s = tp.id.clone();
        let mut with = j.clone();
        with.personas.clear();
        let persona = json!({"id": "p", "name": "P", "skip": [s]});
        let mut doc = Document::new(with.clone());
        if doc
            .apply(edit(json!({"op": "putPersona", "persona": persona})))
            .is_err()
        {
            // A goal or an end: refused, and said so.
            let t = j.touchpoint(&s).unwrap();
            assert!(
                t.goal || j.successors(&s).iter().all(|(to, _)| *to == s),
                "{s}"
            );
            continue;
        }
        let walked = analyze(&for_persona(doc.journey(), "p").unwrap()).unwrap();
        let mut d0 = with.clone();
        d0.scenarios.clear();
        let passing: Journey = d0
            .with_changes(
                &[journeygraph::model::ChangeRecord {
                    touchpoint: Some(s.clone()),
                    dropout: Some(0.0),
                    ..Default::default()
                }],
                "/changes",
            )
            .unwrap();
        let a = analyze(&passing).unwrap();
        let at = a.touchpoints.get(&s).unwrap();
        let f = passing.touchpoint(&s).unwrap().felt();
        for (name, x, y) in [
            ("success", walked.success, a.success),
            ("dropout", walked.dropout, a.dropout),
            ("completion", walked.completion, a.completion),
            (
                "lostBeforeGoal",
                walked.lost_before_goal,
                a.lost_before_goal,
            ),
            (
                "moments",
                walked.expected_touchpoints,
                a.expected_touchpoints - at.visits,
            ),
            (
                "load",
                walked.emotional_load,
                a.emotional_load - at.visits * f,
            ),
        ] {
            assert!(
                (x - y).abs() <= 1e-9 * y.abs().max(1.0),
                "skip {s}: {name} {x} vs {y}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} touchpoints could be skipped");
}

#[test]
fn personas_round_trip_through_the_file_the_view_and_undo() {
    let j = from_json(&file(base_touchpoints(), base_transitions(), json!([]))).unwrap();
    let start = j.clone();
    let mut doc = Document::new(j);
    let edits = [
        json!({"op": "putPersona", "persona": {"id": "back", "name": "Returning", "skip": ["h"], "x-mood": "calm"}}),
        json!({"op": "putPersona", "persona": {"id": "new", "name": "First-timer", "overrides": [{"touchpoint": "b", "emotion": -0.9}]}, "index": 0}),
        json!({"op": "putPersona", "persona": {"id": "back", "name": "Returning customer", "description": "Knows the site", "skip": ["h"]}}),
        json!({"op": "removeTouchpoint", "id": "b"}),
        json!({"op": "removePersona", "id": "back"}),
    ];
    let mut files = vec![to_json(doc.journey())];
    for e in &edits {
        assert!(doc.apply(edit(e.clone())).unwrap(), "{e}");
        let written = to_json(doc.journey());
        assert_eq!(&from_json(&written).unwrap(), doc.journey(), "after {e}");
        files.push(written);
    }
    // The first-timer's override went with touchpoint b; the persona stays.
    let left: Vec<(&str, usize)> = doc
        .journey()
        .personas
        .iter()
        .map(|p| (p.id.as_str(), p.overrides.len()))
        .collect();
    assert_eq!(left, [("new", 0)]);
    // Undo gives back every earlier file, the pruned override included.
    for want in files.iter().rev().skip(1) {
        assert!(doc.undo().unwrap());
        assert_eq!(&to_json(doc.journey()), want);
    }
    assert_eq!(doc.journey(), &start);
    for _ in &edits {
        assert!(doc.redo().unwrap());
    }
    assert_eq!(&to_json(doc.journey()), files.last().unwrap());
    // The file keeps the unknown field; the view has every field.
    let after_two: Value = serde_json::from_str(&files[2]).unwrap();
    assert_eq!(after_two["personas"][1]["x-mood"], "calm");
    assert_eq!(after_two["personas"][0]["id"], "new");
    let j2 = from_json(&files[3]).unwrap();
    let v = view(&j2);
    assert_eq!(v["personas"][1]["description"], "Knows the site");
    assert_eq!(v["personas"][0]["skip"], json!([]));
    assert_eq!(
        v["personas"][0]["overrides"][0],
        json!({"touchpoint": "b", "emotion": -0.9})
    );
}

#[test]
fn bad_personas_are_refused_with_their_code_and_change_nothing() {
    let j = from_json(&file(base_touchpoints(), base_transitions(), json!([]))).unwrap();
    let bad = [
        (
            json!({"id": "p", "name": "P", "skip": ["c"]}),
            "persona_skip",
        ),
        (
            json!({"id": "p", "name": "P", "skip": ["d"]}),
            "persona_skip",
        ),
        (
            json!({"id": "p", "name": "P", "skip": ["zz"]}),
            "unknown_touchpoint",
        ),
        (
            json!({"id": "p", "name": "P", "skip": ["b", "b"]}),
            "duplicate_id",
        ),
        (
            json!({"id": "p", "name": "P", "overrides": [{"touchpoint": "b", "emotion": 2}]}),
            "out_of_range",
        ),
        (
            json!({"id": "p", "name": "P", "overrides": [{"touchpoint": "b", "dropout": -0.1}]}),
            "out_of_range",
        ),
        (
            json!({"id": "p", "name": "P", "overrides": [{"touchpoint": "b", "entry": -1}]}),
            "out_of_range",
        ),
        (
            json!({"id": "p", "name": "P", "overrides": [{"touchpoint": "b"}, {"touchpoint": "b"}]}),
            "duplicate_id",
        ),
        (json!({"id": "", "name": "P"}), "out_of_range"),
    ];
    for (persona, code) in bad {
        let mut doc = Document::new(j.clone());
        let err = doc
            .apply(edit(json!({"op": "putPersona", "persona": persona})))
            .unwrap_err();
        assert_eq!(err.code(), code, "{persona}: {err}");
        assert_eq!(doc.journey(), &j);
        assert!(!doc.can_undo());
        // The same persona in a file is refused too.
        let text = file(base_touchpoints(), base_transitions(), json!([persona]));
        let err = from_json(&text).unwrap_err();
        assert!(
            err.code() == code || err.code() == "schema",
            "{persona}: {err}"
        );
    }
    let mut doc = Document::new(j.clone());
    let err = doc
        .apply(edit(json!({"op": "removePersona", "id": "nobody"})))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_persona");
    assert_eq!(
        for_persona(&j, "nobody").unwrap_err().code(),
        "unknown_persona"
    );
    // A persona whose entries are all 0 cannot be analysed; it says so and
    // the journey's other figures are unharmed.
    let mut doc = Document::new(j);
    let zero = json!({"id": "z", "name": "Nobody starts",
        "overrides": [{"touchpoint": "a", "entry": 0}, {"touchpoint": "w", "entry": 0}]});
    doc.apply(edit(json!({"op": "putPersona", "persona": zero})))
        .unwrap();
    let figures = persona_figures(doc.journey());
    assert_eq!(figures[0].problem.as_ref().unwrap().code, "no_entry");
    assert!(figures[0].analysis.is_none());
    assert!(analyze(doc.journey()).is_ok());
    // A scenario cannot hold a persona.
    let err = doc
        .apply(edit(json!({"op": "inScenario", "scenario": "x",
            "edit": {"op": "removePersona", "id": "z"}})))
        .unwrap_err();
    assert_eq!(err.code(), "what_if");
}

#[test]
fn an_edit_that_makes_a_skipped_touchpoint_a_goal_or_an_end_drops_the_skip_and_undo_restores_it() {
    let personas = json!([{"id": "back", "name": "Returning", "skip": ["h", "b"]}]);
    let j = from_json(&file(base_touchpoints(), base_transitions(), personas)).unwrap();
    let mut doc = Document::new(j.clone());
    // h becomes an end: its ways on removed.
    doc.apply(edit(
        json!({"op": "removeTransition", "from": "h", "to": "b"}),
    ))
    .unwrap();
    assert_eq!(doc.journey().personas[0].skip, ["h", "b"]);
    doc.apply(edit(
        json!({"op": "removeTransition", "from": "h", "to": "d"}),
    ))
    .unwrap();
    assert_eq!(doc.journey().personas[0].skip, ["b"]);
    // b becomes a goal.
    let mut b = view(doc.journey())["touchpoints"][2].clone();
    assert_eq!(b["id"], "b");
    b["goal"] = json!(true);
    doc.apply(edit(json!({"op": "updateTouchpoint", "touchpoint": b})))
        .unwrap();
    assert!(doc.journey().personas[0].skip.is_empty());
    // Every state is a valid file.
    assert_eq!(&from_json(&to_json(doc.journey())).unwrap(), doc.journey());
    for _ in 0..3 {
        doc.undo().unwrap();
    }
    assert_eq!(doc.journey(), &j);
}
