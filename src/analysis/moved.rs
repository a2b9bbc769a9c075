//! One assumed value of a touchpoint moved, and the journey solved again
//! with it: How sure's exact spans ([`super::sensitivity`]).

use serde::Serialize;

use super::flow::Flow;
use super::memory;
use super::{solve_like, Pattern, Solved};
use crate::error::{JourneyError, Result};
use crate::model::rules::shifted;

/// Which value of a touchpoint an assumption is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Parameter {
    /// The drawn emotion, in [-1, 1] (only where it was rated).
    Emotion,
    /// The dropout at the drawn emotion, in [0, 1].
    Dropout,
    /// The share of customers who start here, in [0, 1]; moving it scales
    /// the other starts' shares so that they still sum to 1.
    Entry,
}

/// Success and remembered with value `p` of touchpoint i set to `to`, by
/// a full solve (keeping the components of `base`, the solve of `flow`,
/// unless the change stops every customer at i or lets them move on
/// again); None when that closes a loop.
pub(super) fn figures_at(
    (flow, base): (&Flow<'_>, &Solved),
    i: usize,
    p: Parameter,
    to: f64,
    k: f64,
    w: &crate::model::RememberWeights,
    memory_on: bool,
) -> Result<Option<(f64, Option<f64>)>> {
    let changed = moved(flow, i, p, to, k);
    let same = Pattern::of(&changed).same(&Pattern::of(flow));
    let solved = match solve_like(&changed, same.then_some(base)) {
        Ok(s) => s,
        Err(JourneyError::ClosedLoop { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let r = if memory_on {
        Some(memory::remembered(&changed, &solved, w, None)?.value)
    } else {
        None
    };
    Ok(Some((solved.s.success.clamp(0.0, 1.0), r)))
}

/// The flow with value `p` of touchpoint i set to `to`.
pub(super) fn moved<'a>(flow: &Flow<'a>, i: usize, p: Parameter, to: f64, k: f64) -> Flow<'a> {
    let mut f = flow.clone();
    match p {
        Parameter::Emotion => {
            f.dropout[i] = shifted(flow.dropout[i], flow.emotion[i], to, k).0;
            f.emotion[i] = to;
            f.felt[i] = to * flow.impact[i];
        }
        Parameter::Dropout => f.dropout[i] = to,
        Parameter::Entry => {
            let rest = 1.0 - flow.alpha[i];
            for (j, a) in f.alpha.iter_mut().enumerate() {
                *a = if j == i { to } else { *a * (1.0 - to) / rest };
            }
        }
    }
    f
}
