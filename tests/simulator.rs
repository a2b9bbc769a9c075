//! The simulation in pieces and within a budget (issue 10, "the page never
//! waits on the engine"): a run cut into pieces of any size gives the
//! figures of one uninterrupted run bit for bit; a budget of moments ends a
//! run early and says so; a heavy self-loop with maxSteps 1,000,000 stays
//! within its budget; nothing panics on a journey nobody can start.

use journeygraph::analysis::analyze;
use journeygraph::format::{from_json, sample};
use journeygraph::generate::reference;
use journeygraph::simulate::{simulate, simulate_within, Options, Simulation, Simulator};
use journeygraph::Journey;
use proptest::prelude::*;
use serde_json::{json, Value};

fn load(v: &Value) -> Journey {
    from_json(&v.to_string()).unwrap_or_else(|e| panic!("test journey must load: {e}"))
}

/// A journey of `n` touchpoints in a line, the middle one with a self-loop
/// `weight` times heavier than its way on (no dropout), and `max_steps`.
fn heavy_loop(n: usize, weight: f64, max_steps: u32) -> Journey {
    let tps: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("t{i}"), "name": format!("T{i}"), "stage": "s",
                   "emotion": if i % 3 == 0 { -0.4 } else { 0.3 }, "entry": if i == 0 { 1 } else { 0 },
                   "goal": i == n - 1})
        })
        .collect();
    let mut trs: Vec<Value> = (0..n - 1)
        .map(|i| json!({"from": format!("t{i}"), "to": format!("t{}", i + 1), "weight": 1}))
        .collect();
    let mid = format!("t{}", n / 2);
    trs.push(json!({"from": mid, "to": mid, "weight": weight}));
    load(&json!({
        "format": "journeygraph", "version": 1, "title": "Heavy loop",
        "stages": [{"id": "s", "name": "Stage"}],
        "touchpoints": tps, "transitions": trs,
        "settings": {"maxSteps": max_steps},
    }))
}

/// Runs `s` in pieces of the sizes `pieces` cycles through, to the end.
fn run_in_pieces(mut s: Simulator, pieces: &[u64]) -> Simulation {
    let mut k = 0;
    while !s.run(pieces[k % pieces.len()]) {
        k += 1;
        assert!(k < 10_000_000, "the run never ended");
    }
    s.result().expect("a finished run has a result")
}

/// Bit for bit, every float included (PartialEq on f64 would let 0.0 equal −0.0).
fn assert_identical(a: &Simulation, b: &Simulation, what: &str) {
    assert_eq!(
        serde_json::to_string(a).unwrap(),
        serde_json::to_string(b).unwrap(),
        "{what}"
    );
    assert_eq!(
        a.remembered.mean.to_bits(),
        b.remembered.mean.to_bits(),
        "{what}"
    );
    assert_eq!(
        a.remembered.half_width.to_bits(),
        b.remembered.half_width.to_bits(),
        "{what}"
    );
}

#[test]
fn pieces_of_any_size_give_the_one_shot_figures_bit_for_bit() {
    let journeys = [
        ("sample", sample()),
        ("reference", reference(300, 3)),
        ("heavy loop", heavy_loop(20, 30.0, 200)),
    ];
    for (name, j) in &journeys {
        for o in [
            Options {
                customers: 3000,
                seed: 42,
            },
            Options {
                customers: 1,
                seed: 0,
            },
        ] {
            let whole = simulate(j, o).unwrap();
            assert!(!whole.budget_exhausted);
            assert_eq!(whole.requested, o.customers);
            assert_eq!(whole.customers, o.customers);
            for pieces in [&[1u64][..], &[7], &[1000], &[3, 1, 250, 17], &[u64::MAX]] {
                let chunked = run_in_pieces(Simulator::new(j, o).unwrap(), pieces);
                assert_identical(
                    &chunked,
                    &whole,
                    &format!("{name} {o:?} in pieces {pieces:?}"),
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    /// Random piece sizes on random reference journeys and seeds.
    #[test]
    fn random_pieces_equal_one_run(n in 2usize..80, seed in 0u64..1000, customers in 1u32..400,
                                   pieces in proptest::collection::vec(1u64..60, 1..6)) {
        let j = reference(n, seed);
        let o = Options { customers, seed };
        let whole = simulate(&j, o).unwrap();
        let chunked = run_in_pieces(Simulator::new(&j, o).unwrap(), &pieces);
        prop_assert_eq!(serde_json::to_string(&chunked).unwrap(), serde_json::to_string(&whole).unwrap());
    }
}

#[test]
fn a_budget_ends_the_run_early_and_says_so() {
    let j = sample();
    let o = Options {
        customers: 10_000,
        seed: 1,
    };
    let whole = simulate(&j, o).unwrap();
    let expected = analyze(&j).unwrap().expected_touchpoints * o.customers as f64;
    assert!(
        (whole.moments as f64 - expected).abs() < 0.05 * expected,
        "the cost is expectedTouchpoints × customers"
    );

    let budget = whole.moments / 4;
    let cut = simulate_within(&j, o, budget).unwrap();
    assert!(cut.budget_exhausted);
    assert_eq!(cut.requested, 10_000);
    assert!(
        cut.customers > 1000 && cut.customers < 5000,
        "{} customers",
        cut.customers
    );
    // The customer walking when the budget ran out finishes: at most one walk over.
    assert!(
        cut.moments >= budget && cut.moments < budget + 1000,
        "{} moments for a budget of {budget}",
        cut.moments
    );
    // The same as the first `customers` customers of an unlimited run, half-widths on those.
    let first = simulate(
        &j,
        Options {
            customers: cut.customers,
            seed: 1,
        },
    )
    .unwrap();
    assert_eq!(
        Simulation {
            requested: 10_000,
            budget_exhausted: true,
            ..first.clone()
        },
        cut
    );
    assert!(cut.remembered.half_width > whole.remembered.half_width);
    // A budget of one moment still simulates one customer; a large one changes nothing.
    let one = simulate_within(&j, o, 1).unwrap();
    assert_eq!((one.customers, one.budget_exhausted), (1, true));
    assert_eq!(simulate_within(&j, o, 0).unwrap().customers, 1);
    assert_eq!(simulate_within(&j, o, whole.moments).unwrap(), whole);

    // The resumable form reports as it goes.
    let mut s = Simulator::new(&j, o).unwrap();
    assert_eq!(s.result(), None, "no figures before the first customer");
    assert!(!s.run(budget));
    assert!(s.simulated() > 0 && s.simulated() < 10_000 && s.moments() <= budget);
    let partial = s.result().unwrap();
    assert!(partial.budget_exhausted && partial.customers == s.simulated());
    assert!(s.run(u64::MAX) && s.is_done());
    assert_eq!(s.result().unwrap(), whole);
    assert!(s.run(10), "a finished run stays finished");
}

#[test]
fn walks_cut_at_max_steps_are_counted() {
    // A line of 5 with maxSteps 3: every walk is cut.
    let mut j = heavy_loop(5, 1e-9, 3);
    let s = simulate(
        &j,
        Options {
            customers: 100,
            seed: 2,
        },
    )
    .unwrap();
    assert_eq!((s.cut_at_max_steps, s.moments), (100, 300));
    // Long enough for the line: none is (the goal is an end).
    j.settings.max_steps = 1000;
    let s = simulate(
        &j,
        Options {
            customers: 100,
            seed: 2,
        },
    )
    .unwrap();
    assert_eq!(s.cut_at_max_steps, 0);
    // Exactly as long as the line: the walk completes at the end, not cut.
    let s = simulate(
        &heavy_loop(5, 1e-12, 5),
        Options {
            customers: 50,
            seed: 2,
        },
    )
    .unwrap();
    assert_eq!((s.cut_at_max_steps, s.moments), (0, 250));
}

/// The case of the issue: a self-loop 1000 times heavier than the way on,
/// no dropout, maxSteps 1,000,000: about a thousand moments a customer.
/// 10,000 customers would be 10 million moments; a budget of a million
/// stops the run at about a tenth, within the budget plus one walk.
#[test]
fn a_heavy_self_loop_with_a_million_max_steps_stays_within_the_budget() {
    let j = heavy_loop(200, 1000.0, 1_000_000);
    let expected = analyze(&j).unwrap().expected_touchpoints;
    assert!(
        expected > 1000.0 && expected < 1300.0,
        "{expected} touchpoints a customer"
    );
    let budget = 1_000_000u64;
    let t0 = std::time::Instant::now();
    let s = simulate_within(
        &j,
        Options {
            customers: 10_000,
            seed: 1,
        },
        budget,
    )
    .unwrap();
    let took = t0.elapsed();
    assert!(s.budget_exhausted);
    assert!(
        s.moments >= budget && s.moments < budget + 1_000_000,
        "{} moments",
        s.moments
    );
    let share = s.customers as f64 / 10_000.0;
    assert!(share > 0.05 && share < 0.15, "{} customers", s.customers);
    assert_eq!(s.cut_at_max_steps, 0);
    eprintln!(
        "heavy loop: {} of 10000 customers, {} moments in {took:?}",
        s.customers, s.moments
    );

    // In pieces the walk pauses inside the loop: never more than asked per piece.
    let mut sim = Simulator::new(
        &j,
        Options {
            customers: 10,
            seed: 1,
        },
    )
    .unwrap();
    let mut before = 0;
    let mut pieces = 0;
    while !sim.run(100) {
        pieces += 1;
        assert!(sim.moments() >= before);
        before = sim.moments();
    }
    assert!(
        pieces > 50,
        "{pieces} pieces of 100 moments for 10 walks of about {expected}"
    );
    assert_eq!(
        sim.result().unwrap(),
        simulate(
            &j,
            Options {
                customers: 10,
                seed: 1
            }
        )
        .unwrap()
    );
}

/// An entry total that overflows (two entries of 1.7e308) must not make the
/// simulation sample from an empty list: either it runs or it is no_entry.
#[test]
fn overflowing_entries_never_panic() {
    let v = json!({
        "format": "journeygraph", "version": 1, "title": "Huge entries",
        "stages": [{"id": "s", "name": "Stage"}],
        "touchpoints": [{"id": "a", "name": "A", "stage": "s", "entry": 1.7e308},
                        {"id": "b", "name": "B", "stage": "s", "entry": 1.7e308}],
        "transitions": [],
    });
    let j = load(&v);
    for r in [
        simulate(
            &j,
            Options {
                customers: 100,
                seed: 1,
            },
        ),
        simulate_within(
            &j,
            Options {
                customers: 100,
                seed: 1,
            },
            10,
        ),
    ] {
        match r {
            Ok(s) => assert!(s.success.mean.is_finite() && s.customers >= 1),
            Err(e) => assert_eq!(e.code(), "no_entry"),
        }
    }
    assert!(matches!(
        Simulator::new(
            &j,
            Options {
                customers: 1,
                seed: 1
            }
        )
        .map(|_| ())
        .map_err(|e| e.code()),
        Ok(()) | Err("no_entry")
    ));
}
