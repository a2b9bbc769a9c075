//! Native benchmark of the engine on the SPEC section 6 reference journeys.
//!   cargo bench --bench engine
//! Prints the median of several runs of each measurement; the Chromium
//! counterpart is tests/bench/wasm.mjs (both run by tools/bench.sh).

use std::hint::black_box;
use std::time::Instant;

use journeygraph::analysis::{
    analyze, opportunities, prepare, prepare_after, removal_effects, sensitivity,
};
use journeygraph::generate::{page_paths, reference};
use journeygraph::model::{Document, Edit};
use journeygraph::paths::from_paths;
use journeygraph::simulate::{simulate, Options};
use journeygraph::Journey;

/// Median wall time in milliseconds of `runs` runs after one warm-up.
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    black_box(f());
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// `j` with its middle touchpoint changed by `change` (one edit).
fn with_middle(j: &Journey, change: impl FnOnce(&mut journeygraph::model::Touchpoint)) -> Journey {
    let mut tp = j
        .touchpoints()
        .nth(j.touchpoint_count() / 2)
        .expect("a touchpoint")
        .clone();
    change(&mut tp);
    let mut doc = Document::new(j.clone());
    doc.apply(Edit::UpdateTouchpoint { touchpoint: tp })
        .expect("the edit applies");
    doc.journey().clone()
}

/// `j` with its middle touchpoint's emotion set to `emotion`.
fn with_emotion(j: &Journey, emotion: f64) -> Journey {
    with_middle(j, |tp| tp.emotion = Some(emotion))
}

/// `j` with its middle touchpoint's dropout set to `dropout`.
fn with_dropout(j: &Journey, dropout: f64) -> Journey {
    with_middle(j, |tp| tp.dropout = dropout)
}

fn main() {
    println!("journeygraph native benchmark (median of runs, ms)");
    // How sure: slopes of every assumption and exact spans within the
    // budget, on the sample and on reference journeys of a few hundred.
    let sample = journeygraph::format::sample();
    let ms = median_ms(21, || {
        sensitivity(&sample, 0.2).map(|s| s.assumptions.len())
    });
    println!("sample sensitivity {ms:>8.2} ms");
    for n in [100usize, 300, 1000, 10_000] {
        let j = reference(n, 1);
        let runs = if n > 5_000 { 3 } else { 11 };
        let s = sensitivity(&j, 0.2).expect("sensitivity");
        let ms = median_ms(runs, || sensitivity(&j, 0.2).map(|s| s.assumptions.len()));
        println!(
            "n={n:>6} sensitivity {ms:>8.2} ms  ({} assumptions, {} without spans, remembered {})",
            s.assumptions.len(),
            s.unranged,
            if s.remembered.is_some() {
                "exact"
            } else {
                "skipped"
            }
        );
    }
    for n in [10_000usize, 100_000] {
        let j = reference(n, 1);
        let runs = if n > 50_000 { 7 } else { 21 };
        let a = median_ms(runs, || analyze(&j).map(|a| a.success));
        // A slider step on one emotion: the figures after it, reusing the
        // solve of the journey before (as the wasm Journey does).
        let before = prepare(&j).expect("prepares");
        let stepped = with_emotion(&j, -0.3);
        let step = median_ms(runs, || {
            prepare_after(Some(&before), &stepped).map(|p| p.columns().reach.len())
        });
        println!("n={n:>6} after an emotion step (solve reused): analyze {step:>8.2} ms");
        // A slider step on one dropout: solved again, its components kept.
        let dropped = with_dropout(&j, 0.04);
        let step = median_ms(runs, || {
            prepare_after(Some(&before), &dropped).map(|p| p.columns().reach.len())
        });
        let fresh = median_ms(runs, || prepare(&dropped).map(|p| p.columns().reach.len()));
        println!(
            "n={n:>6} after a dropout step on a copy (components kept): {step:>8.2} ms  (fresh {fresh:>8.2} ms)"
        );
        // The same step in the document itself, as the wasm Journey makes
        // it: its journal names the touchpoint edited, and only that one is
        // read again (the numbers of the analysis before patched).
        let mut doc = Document::new(j.clone());
        let before = prepare(doc.journey()).expect("prepares");
        doc.apply(Edit::UpdateTouchpoint {
            touchpoint: dropped
                .touchpoints()
                .nth(n / 2)
                .expect("a touchpoint")
                .clone(),
        })
        .expect("the edit applies");
        let step = median_ms(runs, || {
            prepare_after(Some(&before), doc.journey()).map(|p| p.columns().reach.len())
        });
        println!("n={n:>6} after a dropout step in the document (numbers patched): {step:>8.2} ms");
        let o = median_ms(runs, || opportunities(&j, 0.5).map(|o| o.len()));
        let r = median_ms(runs, || removal_effects(&j).map(|r| r.len()));
        println!(
            "n={n:>6} transitions={:>6}  analyze {a:>8.2} ms  opportunities {o:>8.2} ms  removalEffects {r:>8.2} ms",
            j.transition_count()
        );
    }
    // One large loop: journeys fitted from page-level paths
    // (generate::page_paths, 300,000 visitors), analysis plus removal
    // effects, as the attribution table asks for them.
    for channels in [2_500usize, 10_000] {
        let j = match from_paths(&page_paths(channels, 300_000, 1), Default::default()) {
            Ok(j) => j,
            Err(e) => {
                println!("page paths {channels}: {e}");
                continue;
            }
        };
        let runs = if channels > 5_000 { 3 } else { 5 };
        let ms = median_ms(runs, || {
            let a = analyze(&j).map(|a| a.success);
            let r = removal_effects(&j).map(|r| r.len());
            (a, r)
        });
        // The same figures from one solve, as the wasm Journey shares it
        // between analyze() and removalEffects() of one revision.
        let shared = median_ms(runs, || {
            prepare(&j).map(|p| (p.columns().reach.len(), p.removal_effects(&j).len()))
        });
        // After an edit of one page's emotion (a designer rating it): the
        // solve of the journey before is reused.
        let before = prepare(&j).expect("prepares");
        let _ = before.removal_effects(&j);
        let rated = with_emotion(&j, 0.5);
        let after_rating = median_ms(runs, || {
            prepare_after(Some(&before), &rated)
                .map(|p| (p.columns().reach.len(), p.removal_effects(&rated).len()))
        });
        println!(
            "page paths: channels={:>6} transitions={:>7}  analyze + removalEffects {ms:>9.1} ms  (one shared solve {shared:>9.1} ms; after rating one page {after_rating:>7.1} ms)",
            j.touchpoint_count(),
            j.transition_count()
        );
    }
    let j = reference(10_000, 1);
    let opts = Options {
        customers: 200_000,
        seed: 1,
    };
    let mut moments = 0;
    let ms = median_ms(5, || {
        let s = simulate(&j, opts).map(|s| s.moments).unwrap_or(0);
        moments = s;
        s
    });
    println!(
        "simulate n=10000 customers=200000: {ms:.1} ms, {moments} moments, {:.1} M moments/s",
        moments as f64 / ms / 1e3
    );
}
