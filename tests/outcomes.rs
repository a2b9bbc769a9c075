//! Outcomes that add up (SPEC section 3, amended): every customer either
//! reached a goal, was lost before the goal or ended elsewhere, and the
//! three sum to 1; of those who reached a goal, some stayed to the end and
//! the rest left later. Checked on hand-worked journeys and, as a
//! property, on random journeys with loops, against an independent
//! recomputation through the public file format: the same journey with
//! every goal made a final stop (no way on, no dropout) moves customers
//! identically until they reach a goal, so its dropout is the loss before
//! the goal and its completion at non-goal ends is "ended elsewhere".

use journeygraph::analysis::{analyze, Analysis};
use journeygraph::format::from_json;
use proptest::prelude::*;
use serde_json::{json, Value};

const EXACT: f64 = 1e-12;

fn file(tps: Value, trs: Value) -> Value {
    json!({"format": "journeygraph", "version": 1, "title": "t",
           "stages": [{"id": "s", "name": "S"}], "touchpoints": tps, "transitions": trs})
}

fn analysed(v: &Value) -> Option<Analysis> {
    from_json(&v.to_string())
        .ok()
        .and_then(|j| analyze(&j).ok())
}

#[track_caller]
fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= EXACT, "{what}: {a} vs {b}");
}

fn check_identities(a: &Analysis) {
    for (name, x) in [
        ("success", a.success),
        ("lostBeforeGoal", a.lost_before_goal),
        ("endedElsewhere", a.ended_elsewhere),
        ("leftAfterGoal", a.left_after_goal),
        ("stayedToEnd", a.stayed_to_end),
    ] {
        assert!(x.is_finite() && (0.0..=1.0).contains(&x), "{name} = {x}");
    }
    close(
        a.success + a.lost_before_goal + a.ended_elsewhere,
        1.0,
        "three outcomes",
    );
    close(
        a.stayed_to_end + a.left_after_goal,
        a.success,
        "stayed + left = success",
    );
    close(
        a.lost_before_goal + a.left_after_goal,
        a.dropout,
        "lost + left = dropout",
    );
}

#[test]
fn the_issue_journey_no_longer_adds_to_more_than_100_percent() {
    // Everyone reaches the goal "order"; 80% of them drop out at the
    // follow-up after it: success 100% and dropout 80% overlap by 80%.
    let v = file(
        json!([
            {"id": "a", "name": "Ad", "stage": "s", "entry": 1, "dropout": 0.0},
            {"id": "order", "name": "Order", "stage": "s", "goal": true},
            {"id": "call", "name": "Complaint call", "stage": "s", "dropout": 0.8},
        ]),
        json!([{"from": "a", "to": "order"}, {"from": "order", "to": "call"}]),
    );
    let a = analysed(&v).expect("valid");
    close(a.success, 1.0, "success");
    close(a.dropout, 0.8, "dropout");
    close(a.lost_before_goal, 0.0, "lost");
    close(a.left_after_goal, 0.8, "left after");
    close(a.stayed_to_end, 0.2, "stayed");
    check_identities(&a);
}

#[test]
fn ended_elsewhere_and_lost_before_the_goal() {
    // Half go to the goal, half to a dead end; 40% drop out at the start.
    let v = file(
        json!([
            {"id": "a", "name": "Start", "stage": "s", "entry": 1, "dropout": 0.4},
            {"id": "g", "name": "Goal", "stage": "s", "goal": true, "dropout": 0.5},
            {"id": "x", "name": "Elsewhere", "stage": "s"},
        ]),
        json!([{"from": "a", "to": "g"}, {"from": "a", "to": "x"}]),
    );
    let a = analysed(&v).expect("valid");
    close(a.success, 0.3, "success");
    close(a.lost_before_goal, 0.4, "lost");
    close(a.ended_elsewhere, 0.3, "elsewhere");
    close(a.left_after_goal, 0.15, "left at the goal");
    check_identities(&a);
}

#[test]
fn without_a_goal_success_is_completion() {
    let v = file(
        json!([
            {"id": "a", "name": "A", "stage": "s", "entry": 1, "dropout": 0.25},
            {"id": "b", "name": "B", "stage": "s"},
        ]),
        json!([{"from": "a", "to": "b"}]),
    );
    let a = analysed(&v).expect("valid");
    close(a.success, a.completion, "success = completion");
    close(a.lost_before_goal, a.dropout, "lost = dropout");
    close(a.ended_elsewhere, 0.0, "elsewhere");
    check_identities(&a);
}

/// The early state the issue measured: eleven touchpoints, none connected
/// (each is an entry and an end). Without a goal every customer completes;
/// with a goal on one, 1/11 reach it and the other ten end elsewhere, none
/// lost; unrated, the felt figures rest on nothing (rated share 0).
#[test]
fn eleven_unconnected_touchpoints() {
    let tps = |goal: bool, rated: bool| {
        Value::Array(
            (0..11)
                .map(|i| {
                    let mut t =
                        json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s"});
                    if rated {
                        t["emotion"] = json!(0.5);
                    }
                    if goal && i == 0 {
                        t["goal"] = json!(true);
                    }
                    t
                })
                .collect(),
        )
    };
    let none = analysed(&file(tps(false, false), json!([]))).expect("valid");
    assert_eq!(none.goals, 0);
    close(none.success, 1.0, "no goal: everyone completes");
    close(none.dropout, 0.0, "nobody drops out");
    assert_eq!(none.rated, 0);
    close(
        none.rated_share,
        0.0,
        "not rated is not zero: nothing rated",
    );
    for (_, t) in none.touchpoints.iter() {
        close(t.reach, 1.0 / 11.0, "each is one entry of eleven");
    }
    check_identities(&none);

    let one = analysed(&file(tps(true, true), json!([]))).expect("valid");
    assert_eq!(one.goals, 1);
    close(one.success, 1.0 / 11.0, "one of eleven starts at the goal");
    close(
        one.ended_elsewhere,
        10.0 / 11.0,
        "the other ten end elsewhere",
    );
    close(one.lost_before_goal, 0.0, "none lost");
    close(one.rated_share, 1.0, "all rated");
    check_identities(&one);
}

/// Random journeys of 1–7 touchpoints with forward edges, back-edges and
/// self-loops, goals anywhere (also in loops), dropouts 0, 1 or between.
fn journey() -> impl Strategy<Value = Value> {
    (1usize..=7).prop_flat_map(|n| {
        let tp = (
            prop_oneof![2 => Just(0.0), 1 => Just(1.0), 4 => 0.0f64..=1.0],
            prop_oneof![1 => Just(0.0), 2 => 0.1f64..3.0],
            prop::bool::weighted(0.3),
        );
        (
            prop::collection::vec(tp, n),
            prop::collection::vec((0u32..100, 0.1f64..5.0), n * n),
        )
            .prop_map(move |(tps, pairs)| {
                let tps: Vec<Value> = tps
                    .iter()
                    .enumerate()
                    .map(|(i, &(d, e, g))| {
                        json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s",
                               "dropout": d, "entry": e, "goal": g})
                    })
                    .collect();
                let mut trs = Vec::new();
                for i in 0..n {
                    for j in 0..n {
                        let (r, w) = pairs[i * n + j];
                        let keep = match i.cmp(&j) {
                            std::cmp::Ordering::Less => r < 45,
                            std::cmp::Ordering::Greater => r < 15,
                            std::cmp::Ordering::Equal => r < 10,
                        };
                        if keep {
                            trs.push(json!({"from": format!("t{i}"), "to": format!("t{j}"), "weight": w}));
                        }
                    }
                }
                file(Value::Array(tps), Value::Array(trs))
            })
    })
}

/// The journey with every goal made a final stop: no way on, no dropout.
/// Who starts where is written out from `a` (the journey's own analysis):
/// a journey whose entries are all 0 starts where nothing leads in, and
/// taking the goals' transitions away would change that.
fn goals_stop(v: &Value, a: &Analysis) -> Value {
    let mut w = v.clone();
    for t in w["touchpoints"].as_array_mut().into_iter().flatten() {
        let share = t["id"]
            .as_str()
            .and_then(|id| a.touchpoints.get(id))
            .map_or(0.0, |f| f.entry_share);
        t["entry"] = json!(share);
    }
    let goals: Vec<String> = w["touchpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["goal"] == json!(true))
        .map(|t| t["id"].as_str().unwrap_or_default().to_string())
        .collect();
    for t in w["touchpoints"].as_array_mut().into_iter().flatten() {
        if t["goal"] == json!(true) {
            t["dropout"] = json!(0.0);
        }
    }
    if let Some(trs) = w["transitions"].as_array_mut() {
        trs.retain(|t| !goals.iter().any(|g| t["from"] == json!(g)));
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn outcomes_add_up_on_random_journeys_with_loops(v in journey()) {
        let Some(a) = analysed(&v) else { return Ok(()) };
        check_identities(&a);
        // Where customers end (the curve's END weighs by it): shares that sum to 1.
        let j = from_json(&v.to_string()).expect("loads");
        let ends = journeygraph::analysis::endings(&j).expect("analysed");
        prop_assert!(ends.iter().all(|e| e.is_finite() && (0.0..=1.0).contains(e)));
        prop_assert!((ends.iter().sum::<f64>() - 1.0).abs() <= 1e-9, "endings sum to {}", ends.iter().sum::<f64>());
        let has_goal = v["touchpoints"].as_array().is_some_and(|t| t.iter().any(|t| t["goal"] == json!(true)));
        if has_goal {
            if let Some(stop) = analysed(&goals_stop(&v, &a)) {
                prop_assert!((stop.success - a.success).abs() <= 1e-9, "success {} vs {}", stop.success, a.success);
                prop_assert!((stop.dropout - a.lost_before_goal).abs() <= 1e-9,
                    "lost before goal {} vs {}", a.lost_before_goal, stop.dropout);
                prop_assert!((stop.completion - stop.success - a.ended_elsewhere).abs() <= 1e-9,
                    "ended elsewhere {} vs {}", a.ended_elsewhere, stop.completion - stop.success);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Not rated is not zero
// ---------------------------------------------------------------------------

#[test]
fn an_emotion_never_set_is_not_rated_and_claims_nothing() {
    use journeygraph::analysis::opportunities;
    use journeygraph::format::to_json;
    let v = file(
        json!([
            {"id": "a", "name": "A", "stage": "s", "entry": 1, "dropout": 0.3},
            {"id": "b", "name": "B", "stage": "s", "emotion": 0, "dropout": 0.3},
            {"id": "g", "name": "G", "stage": "s", "goal": true, "emotion": null},
        ]),
        json!([{"from": "a", "to": "b"}, {"from": "b", "to": "g"}]),
    );
    let j = from_json(&v.to_string()).expect("valid");
    let tp = |id: &str| j.touchpoint(id).expect("there");
    assert_eq!(tp("a").emotion, None, "absent: not rated");
    assert_eq!(tp("b").emotion, Some(0.0), "0 is a rating");
    assert_eq!(tp("g").emotion, None, "null: not rated");
    // A rated 0 is written, an unrated emotion is not.
    let text = to_json(&j);
    let back: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(back["touchpoints"][1]["emotion"], json!(0.0));
    assert!(back["touchpoints"][0].get("emotion").is_none());
    // Only the rated touchpoint is an opportunity.
    let ops = opportunities(&j, 0.5).expect("ranks");
    assert_eq!(
        ops.iter()
            .map(|o| o.touchpoint.as_str())
            .collect::<Vec<_>>(),
        ["b"]
    );
    let a = analyze(&j).expect("valid");
    assert_eq!(a.rated, 1);
    // Everyone passes a (1 visit), 0.7 reach b, 0.49 reach g: b's share of moments.
    close(a.rated_share, 0.7 / (1.0 + 0.7 + 0.49), "rated share");
}

#[test]
fn a_journey_fitted_from_paths_has_no_rated_emotion() {
    let j = journeygraph::paths::from_paths(
        "path,conversions,nulls\nAd > Web,3,2\nWeb,1,4\n",
        journeygraph::paths::PathOptions::new(None, None).expect("defaults"),
    )
    .expect("fits");
    let a = analyze(&j).expect("valid");
    assert_eq!((a.rated, a.rated_share), (0, 0.0));
    assert!(journeygraph::analysis::opportunities(&j, 0.5)
        .expect("ranks")
        .is_empty());
}
