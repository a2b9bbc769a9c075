//! How sure (issue 13): the sensitivity of success and of the remembered
//! experience to every assumed emotion, dropout and start share.
//!
//! Slopes are checked against finite-difference recomputation through the
//! public file format (the journey edited and analysed again), to 1e-6
//! absolute: both figures are bounded (success in [0, 1], remembered in
//! [−1, 1]), so an absolute tolerance is the meaningful one. Central
//! differences with h = 1e-5 (second order, one-sided at a range's end);
//! where the peak has a kink (a tie of intensities), the slope is for an
//! increase and is checked on the right of the kink. Spans must equal a
//! direct recomputation of the edited journey exactly.

use journeygraph::analysis::{analyze, remembered, sensitivity, Assumption, Parameter};
use journeygraph::format::{from_json, SAMPLE};
use journeygraph::model::shifted_dropout;
use journeygraph::simulate::{simulate, Options};
use proptest::prelude::*;
use serde_json::{json, Value};

const TOL: f64 = 1e-6;

fn load(v: &Value) -> Option<journeygraph::Journey> {
    from_json(&v.to_string()).ok()
}

/// (success, remembered) of a journey file; None when it is not valid.
fn figures(v: &Value) -> Option<(f64, f64)> {
    let j = load(v)?;
    let s = analyze(&j).ok()?.success;
    let r = remembered(&j).ok()?.unwrap_or(0.0);
    Some((s, r))
}

fn index_of(v: &Value, id: &str) -> usize {
    v["touchpoints"]
        .as_array()
        .and_then(|t| t.iter().position(|t| t["id"] == json!(id)))
        .expect("touchpoint")
}

/// The start shares of the file's touchpoints, as the core defines them.
fn shares(v: &Value) -> Vec<f64> {
    let tps = v["touchpoints"].as_array().expect("touchpoints");
    let entry: Vec<f64> = tps
        .iter()
        .map(|t| t["entry"].as_f64().unwrap_or(0.0))
        .collect();
    let total: f64 = entry.iter().sum();
    assert!(total > 0.0, "tests give explicit entries");
    entry.iter().map(|e| e / total).collect()
}

/// The file with assumption `a`'s value set to `x` (an emotion moves its
/// dropout by the sensitivity link, as the core's what-if does).
fn with_value(v: &Value, a: &Assumption, x: f64) -> Value {
    let mut w = v.clone();
    let i = index_of(v, &a.touchpoint);
    let k = v["settings"]["sensitivity"].as_f64().unwrap_or(1.0);
    match a.parameter {
        Parameter::Emotion => {
            let t = &mut w["touchpoints"][i];
            let d = t["dropout"].as_f64().unwrap_or(0.0);
            t["dropout"] = json!(shifted_dropout(d, a.value, x, k));
            t["emotion"] = json!(x);
        }
        Parameter::Dropout => w["touchpoints"][i]["dropout"] = json!(x),
        Parameter::Entry => {
            let sh = shares(v);
            let rest = 1.0 - sh[i];
            let tps = w["touchpoints"].as_array_mut().expect("touchpoints");
            for (j, t) in tps.iter_mut().enumerate() {
                t["entry"] = json!(if j == i { x } else { sh[j] * (1.0 - x) / rest });
            }
        }
    }
    w
}

/// The slope of `which` (0 success, 1 remembered) in `a`'s value by finite
/// differences.
fn difference(v: &Value, a: &Assumption, which: usize) -> Option<f64> {
    let (lo, hi) = match a.parameter {
        Parameter::Emotion => (-1.0, 1.0),
        _ => (0.0, 1.0),
    };
    let at = |x: f64| figures(&with_value(v, a, x)).map(|f| if which == 0 { f.0 } else { f.1 });
    let x = a.value;
    // The peak has a kink wherever |f| of this touchpoint meets another's:
    // keep every stencil clear of the nearest one.
    let room = if a.parameter == Parameter::Emotion {
        kink_room(v, a)
    } else {
        f64::INFINITY
    };
    if room < 1e-7 {
        return None;
    }
    if !a.smooth {
        // Right of the kink: a one-sided second-order difference from x + h.
        let h = (1e-6f64).min(room / 8.0);
        let (f1, f2, f3) = (at(x + h)?, at(x + 2.0 * h)?, at(x + 3.0 * h)?);
        return Some((-3.0 * f1 + 4.0 * f2 - f3) / (2.0 * h));
    }
    // Inside the range a fourth-order central stencil; at an end of it a
    // second-order one-sided one with a smaller step.
    let h = (1e-4f64).min(room / 4.0);
    if x - 2.0 * h >= lo && x + 2.0 * h <= hi {
        let (a1, b1, a2, b2) = (at(x + h)?, at(x - h)?, at(x + 2.0 * h)?, at(x - 2.0 * h)?);
        return Some((8.0 * (a1 - b1) - (a2 - b2)) / (12.0 * h));
    }
    let h = (1e-6f64).min(room / 4.0);
    if x + 2.0 * h <= hi {
        Some((-3.0 * at(x)? + 4.0 * at(x + h)? - at(x + 2.0 * h)?) / (2.0 * h))
    } else {
        Some((3.0 * at(x)? - 4.0 * at(x - h)? + at(x - 2.0 * h)?) / (2.0 * h))
    }
}

/// How far emotion `a` can move before |f| meets another touchpoint's
/// nonzero |f| (other than at its own tie).
fn kink_room(v: &Value, a: &Assumption) -> f64 {
    let tps = v["touchpoints"].as_array().expect("touchpoints");
    let felt =
        |t: &Value| t["emotion"].as_f64().unwrap_or(0.0) * t["impact"].as_f64().unwrap_or(1.0);
    let i = index_of(v, &a.touchpoint);
    let m = tps[i]["impact"].as_f64().unwrap_or(1.0);
    let fi = felt(&tps[i]).abs();
    tps.iter()
        .enumerate()
        .filter(|&(j, t)| j != i && felt(t) != 0.0 && felt(t).abs() != fi)
        .map(|(_, t)| (felt(t).abs() - fi).abs() / m.max(1e-300))
        .fold(f64::INFINITY, f64::min)
}

/// Within 1e-6, relative to the slope where it exceeds 1 (a loop that
/// customers go round 50 times has slopes of 50 and more).
#[track_caller]
fn agrees(slope: f64, fd: f64, what: &str) {
    assert!(
        (slope - fd).abs() <= TOL * slope.abs().max(1.0),
        "{what}: {slope} vs {fd}"
    );
}

fn check_slopes(v: &Value) -> usize {
    let j = load(v).expect("valid");
    let s = sensitivity(&j, 0.2).expect("sensitivity");
    let mut checked = 0;
    for a in &s.assumptions {
        let what = format!("{} {:?} at {}", a.touchpoint, a.parameter, a.value);
        if let Some(fd) = difference(v, a, 0) {
            agrees(a.success_slope, fd, &format!("success slope of {what}"));
            checked += 1;
        }
        if let (Some(slope), Some(fd)) = (a.remembered_slope, difference(v, a, 1)) {
            agrees(slope, fd, &format!("remembered slope of {what}"));
        }
    }
    checked
}

fn sample() -> Value {
    serde_json::from_str(SAMPLE).expect("sample")
}

#[test]
fn slopes_on_the_sample_match_finite_differences() {
    let v = sample();
    let n = v["touchpoints"].as_array().map_or(0, Vec::len);
    let checked = check_slopes(&v);
    // Every dropout, every rated emotion, every start share.
    assert!(checked > n, "checked {checked} of a journey of {n}");
}

#[test]
fn spans_equal_a_direct_recomputation() {
    let v = sample();
    let j = load(&v).expect("valid");
    let s = sensitivity(&j, 0.2).expect("sensitivity");
    assert_eq!(s.unranged, 0, "the sample is within the budget");
    assert_eq!(s.success, analyze(&j).expect("analysis").success);
    assert_eq!(s.remembered, remembered(&j).expect("remembered"));
    for a in &s.assumptions {
        let span = a.success.as_ref().expect("ranged");
        let mem = a.remembered.as_ref().expect("ranged");
        for (x, got_s, got_r) in [
            (a.low, span.at_low, mem.at_low),
            (a.high, span.at_high, mem.at_high),
        ] {
            let (ws, wr) = figures(&with_value(&v, a, x)).expect("valid");
            let (got_s, got_r) = (got_s.expect("open"), got_r.expect("open"));
            if a.parameter == Parameter::Entry {
                // Shares written back as entries round in the last bits.
                assert!(
                    (got_s - ws).abs() <= 1e-12 && (got_r - wr).abs() <= 1e-12,
                    "{a:?}"
                );
            } else {
                assert_eq!(
                    (got_s, got_r),
                    (ws, wr),
                    "{} {:?} at {x}",
                    a.touchpoint,
                    a.parameter
                );
            }
        }
        assert!(a.low <= a.value && a.value <= a.high);
        assert!((a.high - a.low) <= 0.4 + 1e-12);
    }
    // Largest swing first, a total order.
    assert!(s.assumptions.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert!(s.assumptions.iter().all(|a| a.swing.is_finite()));
}

#[test]
fn the_exact_remembered_figure_agrees_with_the_simulation() {
    let j = load(&sample()).expect("valid");
    let exact = remembered(&j).expect("remembered").expect("rated");
    let sim = simulate(
        &j,
        Options {
            customers: 400_000,
            seed: 7,
        },
    )
    .expect("simulated");
    assert_eq!(sim.cut_at_max_steps, 0);
    let r = sim.remembered;
    assert!(
        (exact - r.mean).abs() <= 4.0 * r.half_width,
        "exact {exact} vs simulated {} ± {}",
        r.mean,
        r.half_width
    );
}

#[test]
fn measured_values_are_left_out() {
    let mut v = sample();
    let i = index_of(&v, "delivery-wait");
    v["touchpoints"][i]["basis"] = json!({
        "emotion": {"measured": true, "source": "Survey Q3 2026, n=412"},
        "dropout": {"source": "A guess from the call centre"}
    });
    let j = load(&v).expect("valid");
    let s = sensitivity(&j, 0.2).expect("sensitivity");
    assert_eq!(s.measured, 1);
    let of = |p| {
        s.assumptions
            .iter()
            .find(|a| a.touchpoint == "delivery-wait" && a.parameter == p)
    };
    assert!(
        of(Parameter::Emotion).is_none(),
        "a measured emotion is no assumption"
    );
    let d = of(Parameter::Dropout).expect("the dropout is still assumed");
    assert_eq!(d.source, "A guess from the call centre");
    let before = sensitivity(&load(&sample()).expect("valid"), 0.2).expect("sensitivity");
    assert_eq!(before.assumptions.len(), s.assumptions.len() + 1);
}

#[test]
fn an_emotion_moves_success_through_its_dropout() {
    // Only the emotion-dropout link connects an emotion to success.
    let v = json!({"format": "journeygraph", "version": 1, "title": "t",
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "Wait", "stage": "s", "entry": 1, "emotion": -0.5, "dropout": 0.3},
            {"id": "g", "name": "Goal", "stage": "s", "goal": true, "emotion": 0.6}],
        "transitions": [{"from": "a", "to": "g"}]});
    let j = load(&v).expect("valid");
    let s = sensitivity(&j, 0.2).expect("sensitivity");
    let e = s
        .assumptions
        .iter()
        .find(|a| a.touchpoint == "a" && a.parameter == Parameter::Emotion)
        .expect("assumed");
    // success = 1 − d(e); d′(e) = −k d (1 − d) = −0.21, so ∂success/∂e = 0.21.
    assert!(
        (e.success_slope - 0.21).abs() < 1e-12,
        "{}",
        e.success_slope
    );
    check_slopes(&v);
}

#[test]
fn a_change_that_closes_a_loop_is_flagged_not_nan() {
    // The loop a ⇄ b is left only by a's dropout; with it 0.2 lower (0)
    // nobody leaves.
    let v = json!({"format": "journeygraph", "version": 1, "title": "t",
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s", "entry": 1, "emotion": 0.2, "dropout": 0.1},
            {"id": "b", "name": "B", "stage": "s", "emotion": -0.4}],
        "transitions": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]});
    let j = load(&v).expect("valid");
    let s = sensitivity(&j, 0.2).expect("sensitivity");
    let d = s
        .assumptions
        .iter()
        .find(|a| a.touchpoint == "a" && a.parameter == Parameter::Dropout)
        .expect("assumed");
    assert!(d.closes_loop);
    let span = d.success.as_ref().expect("ranged");
    assert_eq!(span.at_low, None);
    assert!(span.at_high.is_some_and(f64::is_finite));
    assert!(s
        .assumptions
        .iter()
        .all(|a| a.swing.is_finite() && a.success_slope.is_finite()));
}

#[test]
fn a_bad_amount_is_refused() {
    let j = load(&sample()).expect("valid");
    for amount in [0.0, -0.1, 1.5, f64::NAN] {
        let e = sensitivity(&j, amount).expect_err("refused");
        assert_eq!((e.code(), e.path()), ("out_of_range", "/amount"));
    }
}

// ---- The file format's `basis` ---------------------------------------------

fn with_basis(basis: Value) -> Value {
    let mut v = sample();
    v["touchpoints"][0]["basis"] = basis;
    v
}

#[test]
fn a_bad_basis_is_refused_by_name() {
    for (basis, code, path) in [
        (json!("measured"), "schema", "/touchpoints/0/basis"),
        (
            json!({"emotion": true}),
            "schema",
            "/touchpoints/0/basis/emotion",
        ),
        (
            json!({"emotion": {"measured": "yes"}}),
            "schema",
            "/touchpoints/0/basis/emotion/measured",
        ),
        (
            json!({"dropout": {"source": 412}}),
            "schema",
            "/touchpoints/0/basis/dropout/source",
        ),
        (
            json!({"entry": {"source": "x".repeat(10_001)}}),
            "too_large",
            "/touchpoints/0/basis/entry/source",
        ),
    ] {
        let e = from_json(&with_basis(basis.clone()).to_string()).expect_err("refused");
        assert_eq!((e.code(), e.path()), (code, path), "{basis}: {e}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn a_basis_round_trips_and_keeps_what_it_does_not_know() {
    use journeygraph::format::{to_json, view};
    let basis = json!({"emotion": {"measured": true, "source": "Survey Q3 2026, n=412", "n": 412},
                       "entry": {"source": "Web analytics"}, "confidence": "high"});
    let j = load(&with_basis(basis.clone())).expect("valid");
    let out: Value = serde_json::from_str(&to_json(&j)).expect("json");
    assert_eq!(out["touchpoints"][0]["basis"], basis);
    assert_eq!(load(&out).expect("valid"), j);
    // The view has every value's basis.
    let vw = view(&j);
    let b = &vw["touchpoints"][0]["basis"];
    assert_eq!(b["dropout"], json!({"measured": false, "source": ""}));
    assert_eq!(b["emotion"]["measured"], json!(true));
    assert_eq!(b["confidence"], json!("high"));
    // Absent, null and all-default are the same, and the file leaves it out.
    for empty in [
        json!(null),
        json!({}),
        json!({"emotion": null, "dropout": {"measured": false}}),
    ] {
        let j = load(&with_basis(empty)).expect("valid");
        let out: Value = serde_json::from_str(&to_json(&j)).expect("json");
        assert!(out["touchpoints"][0].get("basis").is_none());
    }
}

// ---- Random journeys with loops ---------------------------------------------

fn journey() -> impl Strategy<Value = Value> {
    (2usize..=6).prop_flat_map(|n| {
        let emotion = prop_oneof![
            1 => Just(None),
            2 => prop::sample::select(vec![-0.5, 0.5, 0.3, 0.0, 1.0, -1.0]).prop_map(Some),
            4 => (-1.0f64..=1.0).prop_map(Some)
        ];
        let tp = (
            prop_oneof![2 => Just(0.0), 4 => 0.02f64..=0.9, 1 => Just(1.0)],
            prop_oneof![1 => Just(0.0), 2 => 0.1f64..3.0],
            prop::bool::weighted(0.3),
            emotion,
            prop_oneof![3 => Just(1.0), 1 => 0.0f64..=1.0],
        );
        (
            prop::collection::vec(tp, n),
            prop::collection::vec((0u32..100, 0.1f64..5.0), n * n),
            0.0f64..3.0,
            prop::sample::select(vec![(0.5, 0.5, 0.0), (0.4, 0.3, 0.3), (1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]),
        )
            .prop_map(move |(tps, pairs, k, (a, b, c))| {
                let mut tps: Vec<Value> = tps
                    .iter()
                    .enumerate()
                    .map(|(i, &(d, e, g, emo, m))| {
                        let mut t = json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s",
                               "dropout": d, "entry": e, "goal": g, "impact": m});
                        if let Some(x) = emo {
                            t["emotion"] = json!(x);
                        }
                        t
                    })
                    .collect();
                if tps.iter().all(|t| t["entry"] == json!(0.0)) {
                    tps[0]["entry"] = json!(1.0);
                }
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
                json!({"format": "journeygraph", "version": 1, "title": "t",
                       "stages": [{"id": "s", "name": "S"}], "touchpoints": tps, "transitions": trs,
                       "settings": {"sensitivity": k, "rememberWeights": {"peak": a, "end": b, "mean": c}}})
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn slopes_match_finite_differences_on_random_journeys_with_loops(v in journey()) {
        let Some(j) = load(&v) else { return Ok(()) };
        if analyze(&j).is_err() { return Ok(()) }
        let s = sensitivity(&j, 0.3).expect("a valid journey has a sensitivity");
        prop_assert!(s.assumptions.iter().all(|a| a.swing.is_finite() && a.success_slope.is_finite()
            && a.remembered_slope.is_none_or(f64::is_finite)));
        check_slopes(&v);
    }
}

/// A loop of `n` touchpoints with one emotion (every |felt| tied).
fn ring(n: usize) -> Value {
    let touchpoints: Vec<Value> = (0..n)
        .map(|i| {
            let mut t = json!({"id": format!("t{i}"), "name": "T", "stage": "s", "emotion": 0.1, "dropout": 0.0001});
            if i == 0 {
                t["entry"] = json!(1);
            }
            t
        })
        .collect();
    let transitions: Vec<Value> = (0..n)
        .map(|i| json!({"from": format!("t{i}"), "to": format!("t{}", (i + 1) % n)}))
        .collect();
    json!({"format": "journeygraph", "version": 1, "title": "Ring", "stages": [{"id": "s", "name": "S"}],
           "touchpoints": touchpoints, "transitions": transitions})
}

/// Every touchpoint tied with every other in |felt| costs the remembered
/// figure's slopes about eight factorisations each: counted in the budget,
/// so a ring of 20,000 equal emotions skips the remembered figure (it took
/// 67 s natively and 105 s in wasm on the page before) while a small one
/// still has it, exact and with its slopes checked.
#[test]
fn ties_count_in_the_budget_of_the_remembered_figure() {
    let small = ring(12);
    let s = sensitivity(&load(&small).unwrap(), 0.2).unwrap();
    assert!(
        s.remembered.is_some(),
        "a small ring keeps its remembered figure"
    );
    assert!(check_slopes(&small) > 0);
    let large = sensitivity(&load(&ring(20_000)).unwrap(), 0.2).unwrap();
    assert!(
        large.remembered.is_none(),
        "the ties' slopes are over the budget"
    );
    assert_eq!(
        large.assumptions.len(),
        40_000,
        "each emotion and dropout still has its success slope"
    );
    assert!(large.assumptions.iter().all(|a| a.remembered.is_none()));
}
