//! Which one touchpoint to fix first: every touchpoint's exact gain from
//! raising its emotion, all from the same few solves.

use super::{dot, solve, solve_like, Flow, Opportunity, Pattern, Solved};
use crate::error::{JourneyError, Result};
use crate::model::rules::shifted;
use crate::model::Journey;

/// Every touchpoint ranked by the exact gain in success and in mean felt
/// emotion from raising its emotion by `delta` (capped at 1), best first
/// (by success gain, then by mean-felt gain). Touchpoints whose emotion
/// was never rated are left out: no gain is claimed from an emotion the
/// map does not know.
///
/// Raising e_i changes f_i and, through the sensitivity link, d_i: row i of
/// Q is scaled by c = (1 − d′_i)/(1 − d_i), a rank-one change
/// Q + e_i (c − 1) q_iᵀ. By Sherman–Morrison, with q_iᵀN = N_i· − e_iᵀ,
/// the new visits are v + v_i (c−1)(N_i· − e_iᵀ) / (1 − (c−1)(N_ii − 1)),
/// so every total needs only v, N_ii and the row sums (N·1)_i, (N·f)_i,
/// (N_S·r)_i — five solves for all touchpoints together, not one per
/// touchpoint.
///
/// # Errors
/// `out_of_range` at `/delta` unless −2 ≤ delta ≤ 2 (NaN included: every
/// caller, not only the wasm boundary, gets finite gains or an error);
/// otherwise those of [`super::analyze`].
///
/// # Complexity
/// O(n + m) plus k³ per loop of k touchpoints, then O(n log n) to sort.
pub fn opportunities(journey: &Journey, delta: f64) -> Result<Vec<Opportunity>> {
    if !(-2.0..=2.0).contains(&delta) {
        return Err(JourneyError::OutOfRange {
            path: "/delta".into(),
            detail: format!("delta is {delta}; raise an emotion by between -2 and 2."),
        });
    }
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let k = journey.settings.sensitivity;
    let v = &solved.visits;
    let diag = solved.q.diagonal();
    let ones = vec![1.0; flow.n];
    let t = solved.q.backward(&flow, &ones);
    let nf = solved.q.backward(&flow, &flow.felt);
    let total: f64 = v.iter().sum();
    let load = dot(v, &flow.felt);
    let mean = if total > 0.0 { load / total } else { 0.0 };
    let s = &solved.s;
    let s_chain = s.chain(&solved.q);
    let s_diag_own = s.chain.as_ref().map(|c| c.diagonal());
    let s_diag = s_diag_own.as_ref().unwrap_or(&diag);
    let no_goal = s.no_goal;

    let mut out = Vec::with_capacity(flow.n);
    for i in 0..flow.n {
        // Not rated is not zero: raising an emotion nobody measured claims
        // a gain the map cannot back.
        if !flow.rated[i] {
            continue;
        }
        let e_new = (flow.emotion[i] + delta).clamp(-1.0, 1.0);
        let d_old = flow.dropout[i];
        let (d_new, stay_new) = shifted(d_old, flow.emotion[i], e_new, k);
        let f_new = e_new * flow.impact[i];
        let eps = if d_old < 1.0 {
            stay_new / (1.0 - d_old) - 1.0
        } else {
            0.0
        };

        // Mean felt emotion.
        let den = 1.0 - eps * (diag[i] - 1.0);
        let total_new = total + v[i] * eps * (t[i] - 1.0) / den;
        let load_new =
            load + v[i] * eps * (nf[i] - flow.felt[i]) / den + v[i] / den * (f_new - flow.felt[i]);
        let mean_new = if total_new > 0.0 {
            load_new / total_new
        } else {
            0.0
        };

        // Success, in the success chain (whose row i is absent at a goal).
        // Arrivals here after the change: component i of the new visits,
        // v_i / den.
        let mut visits_new = v[i] / den;
        let eps_s = if s_chain.scale(i) > 0.0 { eps } else { 0.0 };
        let den_s = 1.0 - eps_s * (s_diag[i] - 1.0);
        let reward_new = if no_goal && flow.is_end(i) {
            stay_new
        } else {
            s.reward[i]
        };
        let mut success_gain = s.visits[i] * eps_s * (s.from[i] - s.reward[i]) / den_s
            + s.visits[i] / den_s * (reward_new - s.reward[i]);
        let mut mean_felt_gain = mean_new - mean;

        // The rank-one update loses digits when the change nearly closes a
        // loop (den → 0: the dropout was the loop's main way out) or scales
        // the row by a large factor (dropout near 1): then solve the changed
        // journey directly, which is exact.
        let shaky = |den: f64| den.is_nan() || den < WELL_CONDITIONED;
        // Or when the new totals are small differences of large numbers (a
        // loop customers stayed in 10¹⁷ times, now left at once).
        let cancels = |old: f64, new: f64| old.abs() * WELL_CONDITIONED > new.abs();
        if shaky(den)
            || shaky(den_s)
            || cancels(total, total_new)
            || cancels(load, load_new)
            || eps.abs() > 1.0 / WELL_CONDITIONED
            || !(success_gain.is_finite() && mean_felt_gain.is_finite() && visits_new.is_finite())
        {
            let (success_new, mean_new, here) = direct((&flow, &solved), i, d_new, f_new)?;
            success_gain = success_new - s.success;
            mean_felt_gain = mean_new - mean;
            visits_new = here;
        }

        out.push(Opportunity {
            touchpoint: flow.id(i).to_string(),
            name: flow.name(i).to_string(),
            emotion: e_new,
            success_gain,
            mean_felt_gain,
            reach: super::reach(v[i], diag[i]),
            dropout_before: d_old,
            dropout_after: d_new,
            left_before: v[i] * d_old,
            left_after: visits_new * d_new,
        });
    }
    // Best first, by a total order on finite gains; adding 0.0 makes −0.0
    // tie with +0.0, and the sort is stable, so ties keep file order.
    let key = |x: f64| x + 0.0;
    crate::sort::sort_by(&mut out, |a, b| {
        key(b.success_gain)
            .total_cmp(&key(a.success_gain))
            .then(key(b.mean_felt_gain).total_cmp(&key(a.mean_felt_gain)))
    });
    Ok(out)
}

/// Below this, a Sherman–Morrison denominator is solved directly instead.
const WELL_CONDITIONED: f64 = 1e-3;

/// Success, mean felt emotion and the visits of touchpoint i with its
/// dropout and felt emotion changed, by a full solve (keeping the
/// components of `base`, the solve of `flow`, where the pattern stays).
fn direct(
    (flow, base): (&Flow<'_>, &Solved),
    i: usize,
    dropout: f64,
    felt: f64,
) -> Result<(f64, f64, f64)> {
    let mut changed = flow.clone();
    changed.dropout[i] = dropout;
    changed.felt[i] = felt;
    let same = Pattern::of(&changed).same(&Pattern::of(flow));
    let solved = solve_like(&changed, same.then_some(base))?;
    Ok((
        solved.s.success,
        mean_of(&changed, &solved.visits),
        solved.visits[i],
    ))
}

fn mean_of(flow: &Flow<'_>, visits: &[f64]) -> f64 {
    let total: f64 = visits.iter().sum();
    if total > 0.0 {
        dot(visits, &flow.felt) / total
    } else {
        0.0
    }
}
