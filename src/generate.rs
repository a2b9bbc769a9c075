//! The reference journey of SPEC section 6, for benchmarks and demos:
//! generated, layered by stage, about three transitions per touchpoint, with
//! small loops (self-loops and pairs that send customers back and forth).
//! Deterministic for a seed.

use crate::model::{Journey, Stage, Touchpoint, TransitionRecord};
use crate::simulate::Rng;

/// Touchpoints per stage in the reference journey, until it has
/// [`MAX_STAGES`] stages.
pub const PER_STAGE: usize = 250;
/// Most stages: a customer walks about one touchpoint per stage, and real
/// journeys have a few dozen stages at most, however many touchpoints.
pub const MAX_STAGES: usize = 40;

/// Generates a reference journey of `touchpoints` touchpoints.
///
/// # Complexity
/// O(n).
///
/// # Example
/// ```
/// let j = journeygraph::generate::reference(1000, 1);
/// assert_eq!(j.touchpoint_count(), 1000);
/// assert!(journeygraph::analysis::analyze(&j).is_ok());
/// ```
pub fn reference(touchpoints: usize, seed: u64) -> Journey {
    let mut rng = Rng::new(seed);
    let n = touchpoints.max(1);
    // At least eight stages (fewer only with fewer touchpoints), so that a
    // small reference journey still has transitions between stages.
    let stages = n.div_ceil(PER_STAGE).clamp(1, MAX_STAGES).max(n.min(8));
    let mut j = Journey::new(format!("Reference journey, {n} touchpoints"));
    for s in 0..stages {
        j.stages.push(Stage {
            id: format!("s{s}"),
            name: format!("Stage {}", s + 1),
            extra: Default::default(),
        });
    }
    let stage_of = |i: usize| i * stages / n;
    let first_of = |s: usize| (s * n).div_ceil(stages);
    for i in 0..n {
        let s = stage_of(i);
        let mut tp = Touchpoint::new(format!("t{i}"), format!("Touchpoint {i}"), format!("s{s}"));
        tp.emotion = (rng.uniform() * 2.0 - 1.0).clamp(-1.0, 1.0);
        tp.impact = 0.2 + 0.8 * rng.uniform();
        tp.dropout = 0.05 * rng.uniform();
        tp.entry = if s == 0 { 1.0 } else { 0.0 };
        tp.goal = s == stages - 1 && i % 3 == 0;
        tp.service = rng.uniform() < 0.1;
        tp.proactive = rng.uniform() < 0.05;
        j.insert_touchpoint(tp);
    }
    for i in 0..n {
        let s = stage_of(i);
        if s + 1 < stages {
            let (lo, hi) = (first_of(s + 1), first_of(s + 2).min(n));
            let mut added = 0;
            while added < 3 && hi > lo {
                let t = lo + (rng.next_u64() % (hi - lo) as u64) as usize;
                let rec = TransitionRecord {
                    from: format!("t{i}"),
                    to: format!("t{t}"),
                    weight: 1.0 + (rng.next_u64() % 5) as f64,
                    extra: Default::default(),
                };
                // A repeated target is skipped; the next draw replaces it.
                if j.insert_transition(rec) || hi - lo < 3 {
                    added += 1;
                }
            }
        }
        // Small loops: a self-loop now and then (a repeated support call),
        // and pairs within a stage that send customers back and forth.
        let u = rng.uniform();
        if s + 1 == stages {
            continue;
        }
        if u < 0.03 {
            let _ = j.insert_transition(TransitionRecord {
                from: format!("t{i}"),
                to: format!("t{i}"),
                weight: 0.5,
                extra: Default::default(),
            });
        } else if u < 0.08 && i + 1 < n && stage_of(i + 1) == s && i % 2 == 0 {
            for (a, b) in [(i, i + 1), (i + 1, i)] {
                let _ = j.insert_transition(TransitionRecord {
                    from: format!("t{a}"),
                    to: format!("t{b}"),
                    weight: 1.0,
                    extra: Default::default(),
                });
            }
        }
    }
    j
}
