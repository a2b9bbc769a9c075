//! Writes generated page-level paths (see `generate::page_paths`) as CSV to
//! standard output, for the benchmarks in Chromium:
//!   cargo run --release --example page_paths -- CHANNELS VISITORS SEED > paths.csv
use std::io::Write;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (channels, visitors, seed) = match args[..] {
        [c, v, s] => (c, v, s as u64),
        [c, v] => (c, v, 1),
        _ => {
            eprintln!("usage: page_paths CHANNELS VISITORS [SEED]");
            std::process::exit(2);
        }
    };
    let csv = journeygraph::generate::page_paths(channels, visitors, seed);
    if std::io::stdout().write_all(csv.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
