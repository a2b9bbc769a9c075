//! END of the emotional curve: where most customers end, weighed by one
//! solve when the journey is small enough for the page's main thread.

use super::CurvePoint;
use crate::model::Journey;

/// The most touchpoints plus transitions whose END the layout weighs by the
/// customers who end there (a solve); the page's own exact figures stop at
/// the same size (www/element/engine/shape.js).
pub const END_SIZE: usize = 6000;
/// The largest loop whose END the layout weighs (as shape.js's EXACT_LOOP).
pub const END_LOOP: usize = 100;

/// END of the curve: the point where most customers end (earliest on the
/// curve on ties), its share, and the felt emotion at the end averaged over
/// customers. A journey that cannot be analysed (no entry, closed loop)
/// ends at its last point, with no share; so does one whose solve is too
/// costly for the page's main thread, where the layout runs on every edit
/// (more than [`END_SIZE`] touchpoints plus transitions, or a loop of more
/// than [`END_LOOP`] touchpoints that all lead to each other).
pub(super) fn curve_end(
    journey: &Journey,
    points: &[CurvePoint],
) -> (Option<usize>, Option<f64>, Option<f64>) {
    let last = (points.len().checked_sub(1), None, None);
    if journey.touchpoint_count() + journey.transition_count() > END_SIZE {
        return last;
    }
    let (graph, _) = journey.graph();
    if crate::scc::of_graph(graph)
        .iter()
        .any(|c| c.len() > END_LOOP)
    {
        return last;
    }
    let Ok(ends) = crate::analysis::endings(journey) else {
        return last;
    };
    let share: std::collections::HashMap<&str, (f64, f64)> = journey
        .touchpoints()
        .zip(&ends)
        .map(|(t, &e)| (t.id.as_str(), (e, t.felt())))
        .collect();
    let mut best: Option<(usize, f64)> = None;
    let mut felt = 0.0;
    for (i, p) in points.iter().enumerate() {
        let (e, f) = share.get(p.id.as_str()).copied().unwrap_or((0.0, 0.0));
        felt += e * f;
        if best.is_none_or(|(_, b)| e > b) {
            best = Some((i, e));
        }
    }
    match best {
        Some((i, e)) => (Some(i), Some(e), Some(felt)),
        None => (None, None, None),
    }
}
