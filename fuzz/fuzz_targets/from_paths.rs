//! Bytes → a paths CSV read by `PathsReader` in arbitrary chunks (cut
//! anywhere: inside lines, fields, quotes and UTF-8 characters), by one
//! push of everything, and by `from_paths` on the whole text. All three
//! must give the same journey or the same error (line and column
//! included), and the same summary after the last push. A fitted journey
//! must be one the file format accepts and reads back, its success must
//! be the observed conversion rate (SPEC section 3, "Observed paths"), and
//! it passes every engine check; attribution shares are finite and in
//! [0, 1].
//!
//! Input layout: byte 0 picks the options (separator, delimiter), byte 1
//! the number of cuts, then two bytes per cut; the rest is the CSV.
#![no_main]

use journeygraph::analysis::analyze;
use journeygraph::format::to_json;
use journeygraph::paths::{attribution, from_paths, PathOptions, PathsReader};
use journeygraph::{Journey, JourneyError};
use journeygraph_fuzz::checks::{check_journey, check_round_trip, near};
use libfuzzer_sys::fuzz_target;

fn options(b: u8) -> PathOptions {
    match b % 4 {
        0 | 1 => PathOptions::default(),
        2 => PathOptions {
            separator: "|".to_string(),
            delimiter: b';',
        },
        _ => PathOptions {
            separator: " > ".to_string(),
            delimiter: b'\t',
        },
    }
}

/// Pushes the pieces; stops at the first refused push. The outcome and the
/// summary after the last push.
fn read(
    options: PathOptions,
    pieces: &[&[u8]],
) -> (
    Result<Journey, JourneyError>,
    journeygraph::paths::PathSummary,
) {
    let mut r = PathsReader::new(options);
    for p in pieces {
        if let Err(e) = r.push(p) {
            // Once failed, every later call returns the same error.
            assert_eq!(
                r.push(b"more,1,1\n"),
                Err(e.clone()),
                "a push after a failure gives another answer"
            );
            let summary = r.summary();
            assert_eq!(
                r.finish(),
                Err(e.clone()),
                "finish after a failed push gives another answer"
            );
            return (Err(e), summary);
        }
    }
    let summary = r.summary();
    (r.finish(), summary)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let opt = data[0];
    let cuts = (data[1] % 8) as usize;
    if data.len() < 2 + 2 * cuts {
        return;
    }
    let body = &data[2 + 2 * cuts..];
    let mut at: Vec<usize> = (0..cuts)
        .map(|k| u16::from_le_bytes([data[2 + 2 * k], data[3 + 2 * k]]) as usize % (body.len() + 1))
        .collect();
    at.sort_unstable();
    let mut pieces = Vec::new();
    let mut start = 0;
    for &c in &at {
        pieces.push(&body[start..c]);
        start = c;
    }
    pieces.push(&body[start..]);

    let (whole, whole_summary) = read(options(opt), &[body]);
    let (chunked, chunked_summary) = read(options(opt), &pieces);
    assert_eq!(
        chunked, whole,
        "chunks {at:?} give another outcome than one push"
    );
    if whole.is_ok() {
        assert_eq!(
            chunked_summary, whole_summary,
            "chunks {at:?} give another summary"
        );
    }
    if let Ok(text) = std::str::from_utf8(body) {
        let direct = from_paths(text, options(opt));
        assert_eq!(
            direct, whole,
            "from_paths gives another outcome than the reader"
        );
    }
    match whole {
        Ok(journey) => {
            check_round_trip(&journey);
            let observed = journey
                .observed
                .clone()
                .expect("a fitted journey records what it was fitted from");
            for x in [observed.paths, observed.conversions, observed.nulls] {
                assert!(x.is_finite() && x >= 0.0, "observed totals {observed:?}");
            }
            if let Ok(a) = analyze(&journey) {
                let rate = observed.conversions / observed.paths;
                assert!(
                    near(a.success, rate, 1e-9),
                    "success {} is not the observed conversion rate {rate}\n{}",
                    a.success,
                    to_json(&journey)
                );
            }
            if let Ok(shares) = attribution(&journey) {
                for s in shares {
                    assert!(
                        (0.0..=1.0).contains(&s.removal_effect),
                        "removal effect {s:?}"
                    );
                    assert!((0.0..=1.0 + 1e-9).contains(&s.share), "share {s:?}");
                    assert!(s.conversions.is_finite(), "attributed conversions {s:?}");
                }
            }
            check_journey(&journey, false);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
        }
    }
});
