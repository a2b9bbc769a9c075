//! One large loop (page-level paths): exact, and never refused.

use journeygraph::analysis::{analyze, removal_effects};
use journeygraph::generate::page_paths;
use journeygraph::paths::from_paths;

#[test]
fn page_level_paths_are_analysed() {
    for (channels, visitors) in [(2_500usize, 300_000usize)] {
        let csv = page_paths(channels, visitors, 1);
        let j = from_paths(&csv, Default::default()).expect("fits");
        let t = std::time::Instant::now();
        let a = analyze(&j).expect("analysed");
        let r = removal_effects(&j).expect("removal effects");
        eprintln!(
            "channels {} transitions {} success {} in {:?}",
            j.touchpoint_count(),
            j.transition_count(),
            a.success,
            t.elapsed()
        );
        assert!((a.dropout + a.completion - 1.0).abs() < 1e-9);
        assert_eq!(r.0.len(), j.touchpoint_count());
    }
}
