//! The whole accepted domain (SPEC section 5: "no accepted value … makes a
//! figure NaN, infinite or silently zero"; issue 10: "no input that the
//! validation accepts can trap, freeze or mislead the engine").
//!
//! tests/engine.rs checks the figures against an oracle on tame journeys
//! (entries 0.1–3, sensitivity 0–3). Here the generators span everything
//! `format/validate.rs` accepts: entries 0 … f64::MAX, weights 5e-324 …
//! f64::MAX, dropout 0, 1, 5e-324 and 1 − 2⁻⁵³, impact 0, sensitivity 0 …
//! 100, maxSteps 1 … 1,000,000, loops and self-loops, and the properties
//! are the ones that must hold everywhere: finite figures, dropout +
//! completion = 1, reach, success and removal effects in [0, 1],
//! opportunities finite and best first, a simulation that neither panics
//! nor gives non-finite figures, and analysis errors only where the
//! journey really is `no_entry` or `closed_loop`.
//!
//! The checks are those of the fuzz targets (fuzz/src/checks.rs, included
//! here), so the two agree on what "correct" means. Journeys are built as
//! file text and read through the public file format.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use checks::{
    check_analysis, check_error, check_journey, check_opportunities, check_removal_effects,
    check_round_trip, check_simulation, customers_for, ChangeSpec, Expectation, Spec, TpSpec,
    DELTAS,
};
use journeygraph::analysis::{analyze, opportunities};
use journeygraph::format::from_json;
use journeygraph::simulate::{simulate, Options};
use proptest::prelude::*;

/// The largest f64 below 1.
const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;
/// The largest finite f64's bits.
const MAX_BITS: u64 = 0x7FEF_FFFF_FFFF_FFFF;

/// Any finite f64 ≥ 0, edges favoured.
fn non_negative() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => Just(0.0),
        1 => Just(5e-324),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(1e300),
        1 => Just(1.7e308),
        1 => Just(f64::MAX),
        3 => 0.0f64..3.0,
        2 => (0u64..=MAX_BITS).prop_map(f64::from_bits),
    ]
    .boxed()
}

/// Any finite f64 > 0.
fn positive() -> BoxedStrategy<f64> {
    prop_oneof![
        1 => Just(5e-324),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(1e300),
        1 => Just(1.7e308),
        1 => Just(f64::MAX),
        5 => 0.1f64..5.0,
        2 => (1u64..=MAX_BITS).prop_map(f64::from_bits),
    ]
    .boxed()
}

/// Any f64 in [0, 1].
fn unit() -> BoxedStrategy<f64> {
    prop_oneof![
        3 => Just(0.0),
        2 => Just(1.0),
        1 => Just(5e-324),
        1 => Just(1e-17),
        1 => Just(BELOW_ONE),
        4 => 0.0f64..=1.0,
    ]
    .boxed()
}

fn signed_unit() -> BoxedStrategy<f64> {
    prop_oneof![1 => Just(-1.0), 1 => Just(1.0), 1 => Just(0.0), 4 => -1.0f64..=1.0].boxed()
}

fn sensitivity() -> BoxedStrategy<f64> {
    prop_oneof![1 => Just(0.0), 1 => Just(1.0), 2 => Just(100.0), 3 => 0.0f64..=100.0].boxed()
}

fn max_steps() -> BoxedStrategy<u32> {
    prop_oneof![1 => Just(1u32), 2 => Just(1000u32), 2 => Just(1_000_000u32), 2 => 1u32..=1_000_000]
        .boxed()
}

fn touchpoint() -> impl Strategy<Value = TpSpec> {
    (
        signed_unit(),
        prop_oneof![1 => Just(0.0), 1 => Just(1.0), 2 => unit()],
        unit(),
        non_negative(),
        prop::bool::weighted(0.3),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
    )
        .prop_map(
            |(emotion, impact, dropout, entry, goal, service, proactive, stage)| TpSpec {
                emotion,
                impact,
                dropout,
                entry,
                goal,
                service,
                proactive,
                stage,
            },
        )
}

fn change() -> impl Strategy<Value = ChangeSpec> {
    (0u8..6, 0usize..64, prop_oneof![signed_unit(), positive()]).prop_map(
        |(kind, target, value)| ChangeSpec {
            kind,
            target,
            value,
        },
    )
}

/// Journeys of 1–8 touchpoints anywhere in the accepted domain; edges at
/// random (forward, back and self-loops alike), sometimes no entries at all
/// (the default start), sometimes scenarios.
fn journey() -> impl Strategy<Value = Spec> {
    (1usize..=8).prop_flat_map(|n| {
        (
            prop::collection::vec(touchpoint(), n),
            prop::collection::vec((0..n, 0..n, positive()), 0..=3 * n),
            sensitivity(),
            max_steps(),
            (unit(), unit()),
            (signed_unit(), signed_unit()),
            prop::bool::weighted(0.25),
            prop::collection::vec(prop::collection::vec(change(), 0..3), 0..2),
            1usize..=3,
        )
            .prop_map(
                |(
                    mut tps,
                    edges,
                    sensitivity,
                    max_steps,
                    remember,
                    (satisfied_at, promoter_at),
                    no_entries,
                    scenarios,
                    stages,
                )| {
                    if no_entries {
                        tps.iter_mut().for_each(|t| t.entry = 0.0);
                    }
                    Spec {
                        stages,
                        tps,
                        edges,
                        sensitivity,
                        max_steps,
                        remember,
                        satisfied_at,
                        promoter_at,
                        scenarios,
                    }
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Finite figures that add up: dropout + completion = 1 (1e-9
    /// relative), success, reach and the shares in [0, 1]; or an error
    /// only where the journey really is no_entry or closed_loop. The
    /// journey also reads back from its own export.
    #[test]
    fn analysis_is_finite_and_adds_up_everywhere(spec in journey()) {
        let j = spec.journey();
        check_round_trip(&j);
        let exp = Expectation::of(&j);
        match analyze(&j) {
            Ok(a) => {
                prop_assert!(!exp.must_fail(), "analysis succeeded on a journey that is no_entry or a closed loop: {exp:?}");
                check_analysis(&j, &a);
            }
            Err(e) => check_error(&j, &e, &exp, "analyze"),
        }
    }

    /// Opportunities (any delta, sensitivity up to 100): one per
    /// touchpoint, gains finite, success + gain in [0, 1], sorted by
    /// success gain then meanFelt gain, best first.
    #[test]
    fn opportunities_are_finite_and_best_first_everywhere(spec in journey(), delta in prop_oneof![Just(0.5), -2.0f64..2.0]) {
        let j = spec.journey();
        let exp = Expectation::of(&j);
        match analyze(&j) {
            Ok(a) => check_opportunities(&j, &a, delta),
            Err(e) => {
                check_error(&j, &e, &exp, "analyze");
                if let Err(e) = opportunities(&j, delta) {
                    check_error(&j, &e, &exp, "opportunities");
                }
            }
        }
    }

    /// Removal effects are finite and in [0, 1].
    #[test]
    fn removal_effects_are_in_the_unit_interval_everywhere(spec in journey()) {
        let j = spec.journey();
        if analyze(&j).is_ok() {
            check_removal_effects(&j);
        }
    }

    /// The simulation neither panics nor gives a non-finite figure (a few
    /// customers, so maxSteps 1,000,000 stays quick).
    #[test]
    fn simulation_is_finite_everywhere(spec in journey(), seed in any::<u64>()) {
        let j = spec.journey();
        let exp = Expectation::of(&j);
        check_simulation(&j, &exp, customers_for(&j, 8), seed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Everything the fuzz targets check, at once: the above for every
    /// delta, plus the curve, the layout, the diagnostics (which must agree
    /// with the analysis) and every scenario compared.
    #[test]
    fn every_check_of_the_fuzz_targets_holds(spec in journey()) {
        check_journey(&spec.journey(), true);
    }
}

// ---------------------------------------------------------------------------
// The known bad inputs of issue 10, as regression tests
// ---------------------------------------------------------------------------

fn load(text: &str) -> journeygraph::Journey {
    from_json(text).expect("accepted by validation")
}

/// Two entries of 1.7e308: finite and ≥ 0, so accepted; their sum
/// overflows to infinity, every α becomes 0, and the analysis reported
/// success = dropout = completion = 0. Exact: half the customers start at
/// A and reach the goal G, half start at B and complete there.
const HUGE_ENTRIES: &str = r#"{"format":"journeygraph","version":1,"title":"Huge entries",
  "stages":[{"id":"s","name":"S"}],
  "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1.7e308},
                 {"id":"b","name":"B","stage":"s","entry":1.7e308,"emotion":-0.5},
                 {"id":"g","name":"G","stage":"s","goal":true,"emotion":0.5}],
  "transitions":[{"from":"a","to":"g"}]}"#;

#[test]
fn huge_entries_do_not_zero_the_figures() {
    let j = load(HUGE_ENTRIES);
    let a = analyze(&j).expect("a valid journey");
    assert!(
        (a.success - 0.5).abs() < 1e-9
            && (a.completion - 1.0).abs() < 1e-9
            && a.dropout.abs() < 1e-9,
        "success {}, completion {}, dropout {}: expected ½, 1, 0",
        a.success,
        a.completion,
        a.dropout
    );
    check_analysis(&j, &a);
    let v = |id: &str| a.touchpoints.get(id).expect(id).visits;
    assert!(
        (v("a") - 0.5).abs() < 1e-9 && (v("b") - 0.5).abs() < 1e-9 && (v("g") - 0.5).abs() < 1e-9
    );
    for delta in DELTAS {
        check_opportunities(&j, &a, delta);
    }
    check_removal_effects(&j);
}

/// The same journey: the simulation indexed past its start table (a
/// panic, "index out of bounds") because every start probability was 0.
#[test]
fn huge_entries_simulate_without_panicking() {
    let j = load(HUGE_ENTRIES);
    let s = simulate(
        &j,
        Options {
            customers: 4000,
            seed: 1,
        },
    )
    .expect("a valid journey");
    assert!(
        (s.success.mean - 0.5).abs() < 0.05,
        "simulated success {}",
        s.success.mean
    );
    assert!(
        (s.dropout.mean).abs() < 1e-12,
        "simulated dropout {}",
        s.dropout.mean
    );
}

/// The largest entries there are, on every touchpoint, still give the
/// uniform start.
#[test]
fn entries_of_f64_max_everywhere_start_uniformly() {
    let j = load(
        r#"{"format":"journeygraph","version":1,"stages":[{"id":"s","name":"S"}],
        "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1.7976931348623157e308,"goal":true},
                       {"id":"b","name":"B","stage":"s","entry":1.7976931348623157e308},
                       {"id":"c","name":"C","stage":"s","entry":1.7976931348623157e308,"dropout":1}]}"#,
    );
    let a = analyze(&j).expect("a valid journey");
    check_analysis(&j, &a);
    assert!(
        (a.success - 1.0 / 3.0).abs() < 1e-9,
        "success {}",
        a.success
    );
    assert!(
        (a.dropout - 1.0 / 3.0).abs() < 1e-9,
        "dropout {}",
        a.dropout
    );
    check_journey(&j, true);
}

/// A loop A ⇄ B whose only dropout is B's ½, with sensitivity 100:
/// raising B's emotion by ½ gives d′ = σ(logit ½ − 50) ≈ 2e-22, so
/// 1 − d′ = 1 exactly and the loop, in floating point, no longer leaks.
/// The gains of that opportunity came out NaN, and a NaN sorts anywhere
/// under partial_cmp(..).unwrap_or(Equal). Exact: no goal and no end, so
/// success stays 0 (gain 0); every customer alternates A, B until they
/// drop out, so meanFelt stays the mean of A's and B's felt emotion, now
/// with B's raised: gain ½ · ½ = 0.25.
const SENSITIVE_LOOP: &str = r#"{"format":"journeygraph","version":1,"title":"Sensitive loop",
  "stages":[{"id":"s","name":"S"}],
  "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1,"emotion":-0.5},
                 {"id":"b","name":"B","stage":"s","emotion":-0.5,"dropout":0.5}],
  "transitions":[{"from":"a","to":"b"},{"from":"b","to":"a"}],
  "settings":{"sensitivity":100}}"#;

#[test]
fn sensitivity_100_gains_are_finite() {
    let j = load(SENSITIVE_LOOP);
    let a = analyze(&j).expect("a valid journey");
    check_analysis(&j, &a);
    for delta in DELTAS {
        check_opportunities(&j, &a, delta);
    }
    let ops = opportunities(&j, 0.5).expect("a valid journey");
    let b = ops.iter().find(|o| o.touchpoint == "b").expect("b");
    assert!(
        b.success_gain.abs() < 1e-9,
        "success gain of b {}",
        b.success_gain
    );
    assert!(
        (b.mean_felt_gain - 0.25).abs() < 1e-6,
        "meanFelt gain of b {}",
        b.mean_felt_gain
    );
}

/// The same with a goal and a way to it, so the NaN is not alone: every
/// opportunity must still be ranked, best first.
#[test]
fn sensitivity_100_ranking_is_best_first() {
    let j = load(
        r#"{"format":"journeygraph","version":1,"stages":[{"id":"s","name":"S"}],
        "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1,"emotion":-0.5},
                       {"id":"b","name":"B","stage":"s","emotion":-0.5,"dropout":0.5},
                       {"id":"c","name":"C","stage":"s","emotion":-0.8,"dropout":0.3},
                       {"id":"g","name":"G","stage":"s","goal":true}],
        "transitions":[{"from":"a","to":"b"},{"from":"b","to":"a","weight":9},{"from":"b","to":"c"},{"from":"c","to":"g"}],
        "settings":{"sensitivity":100}}"#,
    );
    let a = analyze(&j).expect("a valid journey");
    for delta in DELTAS {
        check_opportunities(&j, &a, delta);
    }
}

/// maxSteps 1,000,000 on a loop nobody leaves quickly: a few customers
/// walk their million moments and stop, counted as completed.
#[test]
fn a_million_steps_end_and_count_as_completed() {
    let j = load(
        r#"{"format":"journeygraph","version":1,"stages":[{"id":"s","name":"S"}],
        "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1,"dropout":1e-300,"emotion":0.5}],
        "transitions":[{"from":"a","to":"a"}],
        "settings":{"maxSteps":1000000}}"#,
    );
    let s = simulate(
        &j,
        Options {
            customers: 2,
            seed: 1,
        },
    )
    .expect("a valid journey");
    assert_eq!(s.moments, 2_000_000);
    assert!(s.remembered.mean.is_finite() && s.dropout.mean == 0.0);
    check_journey(&j, true);
}

/// Weights from the smallest to the largest f64 in one row, impact 0
/// everywhere (nothing is felt), dropout 1 at a start.
#[test]
fn extreme_weights_impact_0_and_dropout_1() {
    let j = load(
        r#"{"format":"journeygraph","version":1,"stages":[{"id":"s","name":"S"}],
        "touchpoints":[{"id":"a","name":"A","stage":"s","entry":5e-324,"impact":0},
                       {"id":"b","name":"B","stage":"s","impact":0,"goal":true},
                       {"id":"c","name":"C","stage":"s","impact":0},
                       {"id":"d","name":"D","stage":"s","entry":1,"dropout":1,"impact":0}],
        "transitions":[{"from":"a","to":"b","weight":5e-324},{"from":"a","to":"c","weight":1.7976931348623157e308}]}"#,
    );
    check_journey(&j, true);
}

/// An edit is checked like a file: a scenario whose weight change is NaN
/// or infinite (both can come from JavaScript) must be refused, because
/// the file format writes them as `null` and the journey's own export
/// would then be refused on import (found by the `edits` fuzz target).
#[test]
fn a_scenario_weight_of_nan_or_infinity_is_refused() {
    use journeygraph::format::{sample, to_json};
    use journeygraph::model::{ChangeRecord, Document, Edit, Scenario};
    for weight in [f64::NAN, f64::INFINITY] {
        let mut doc = Document::new(sample());
        let before = to_json(doc.journey());
        let change = ChangeRecord {
            from: Some("tv-advert".into()),
            to: Some("reads-reviews".into()),
            weight: Some(weight),
            ..ChangeRecord::default()
        };
        let scenario = Scenario {
            id: "odd".into(),
            name: "Odd".into(),
            changes: vec![change],
            extra: Default::default(),
        };
        let result = doc.apply(Edit::PutScenario { scenario });
        if result.is_ok() {
            let text = to_json(doc.journey());
            let back = from_json(&text);
            panic!(
                "a scenario weight of {weight} was accepted; the export then {}",
                match back {
                    Ok(_) => "reads back".to_string(),
                    Err(e) => format!("is refused: `{}` at {}: {e}", e.code(), e.path()),
                }
            );
        }
        assert_eq!(
            to_json(doc.journey()),
            before,
            "a refused edit changed the journey"
        );
    }
}

/// A journey that is one path of 200,000 touchpoints, the limit: Tarjan's
/// search recursed once per step of it and overflowed the stack (a test
/// thread's 2 MiB at about 20,000; wasm's at 10,000), in the analysis, the
/// removal effects and the diagnostics.
#[test]
fn a_path_as_long_as_the_limit_needs_no_call_stack() {
    let n = 200_000;
    let mut text = String::from(
        r#"{"format":"journeygraph","version":1,"title":"Path","stages":[{"id":"s","name":"S"}],"touchpoints":["#,
    );
    for i in 0..n {
        let entry = if i == 0 { r#","entry":1"# } else { "" };
        let sep = if i == 0 { "" } else { "," };
        text.push_str(&format!(
            r#"{sep}{{"id":"t{i}","name":"T","stage":"s","dropout":0.0001{entry}}}"#
        ));
    }
    text.push_str(r#"],"transitions":["#);
    for i in 1..n {
        let sep = if i == 1 { "" } else { "," };
        text.push_str(&format!(r#"{sep}{{"from":"t{}","to":"t{i}"}}"#, i - 1));
    }
    text.push_str("]}");
    let j = load(&text);
    let a = analyze(&j).expect("a path has a way out everywhere");
    // Everyone walks the path; at each touchpoint 1 in 10,000 drops out.
    let expected = 0.9999f64.powi(n);
    assert!(
        (a.completion - expected).abs() <= 1e-9 * expected,
        "{} vs {expected}",
        a.completion
    );
    assert!((a.dropout + a.completion - 1.0).abs() < 1e-12);
    let effects = journeygraph::analysis::removal_effects(&j).expect("removal effects");
    assert_eq!(effects.len(), n as usize);
    assert!(journeygraph::diagnostics::closed_loops(&j).is_empty());
    assert_eq!(journeygraph::layout::layout(&j).cards.len(), n as usize);
}
