//! Writes the reference journey of SPEC section 6 (`generate::reference`)
//! as a journeygraph file to standard output, for the package's tests and
//! the benchmarks in Node and Chromium (tests/reference.mjs runs it):
//!   cargo run --example reference -- TOUCHPOINTS [SEED] > journey.json
use std::io::Write;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (touchpoints, seed) = match args[..] {
        [n, s] => (n, s),
        [n] => (n, 1),
        _ => {
            eprintln!("usage: reference TOUCHPOINTS [SEED]");
            std::process::exit(2);
        }
    };
    let limit = journeygraph::format::Limits::default().max_touchpoints as u64;
    if touchpoints == 0 || touchpoints > limit {
        eprintln!("touchpoints is {touchpoints}; generate between 1 and {limit}");
        std::process::exit(2);
    }
    let j = journeygraph::generate::reference(touchpoints as usize, seed);
    let text = journeygraph::format::to_json(&j);
    if std::io::stdout().write_all(text.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
