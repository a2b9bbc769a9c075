//! The remembered experience, exactly: the expectation over customers of
//! R = a·peak + b·end + c·mean (SPEC section 3), computed by solves rather
//! than simulated, with its gradient, for the sensitivity view
//! ([`super::sensitivity`]).
//!
//! - **End**: a customer's last moment is at i with probability
//!   v_i·stop_i (stop_i = 1 at an end, d_i elsewhere), so
//!   E[end] = Σ v_i stop_i f_i.
//! - **Peak**: group the touchpoints by |f|, most intense first. The peak
//!   of a walk is at i (in level L, with H the strictly more intense
//!   touchpoints) exactly when the walk's first arrival in H ∪ L is at i
//!   and it never arrives in H afterwards (earliest on ties, as the
//!   simulator). With H ∪ L absorbing, the first is a forward solve x; with
//!   H absorbing, the second is h = 1 − (chance to reach H), a backward
//!   solve. E[peak] = Σ f_i x_i h_i: two factorisations per level.
//! - **Mean**: the per-customer mean of felt emotion is a ratio of two
//!   path sums with no closed form; the term c·mean uses the journey's
//!   `meanFelt` (expected load over expected moments), which equals it
//!   when every walk is equally long. The default weights have c = 0.
//!
//! The simulation's cut at `maxSteps` is not modelled: the exact figure is
//! that of walks that run to their end, which the simulation agrees with
//! when walks are shorter than the cut (as they are in drawn journeys).
//!
//! # Gradient
//! With ∂Q/∂d_j = −e_j p_jᵀ, ∂(αᵀN c)/∂d_j = −(αᵀN)_j (p_j·N c), and
//! likewise for N r: each level's part needs two more solves (adjoints)
//! for the derivatives in every dropout and every start share at once.
//! The peak is piecewise linear in each felt emotion f_i, with kinks where
//! |f_i| ties another touchpoint's; the derivative in f_i is taken for an
//! increase (right-sided): i is then alone just above its tie group (f_i ≥
//! 0) or just below it (f_i < 0), and its slope is the chance that it is
//! the peak in that order. Such a tie is reported as not smooth.
//!
//! # Complexity
//! Two factorisations and four solves per distinct |f| (level), plus two
//! and two per tied touchpoint whose slope is asked: O(levels · (n + m))
//! for journeys whose loops are small.

use super::chain::Chain;
use super::flow::Flow;
use super::{dot, Solved};
use crate::error::Result;
use crate::model::RememberWeights;

/// Σ_e p_je y_col(e): row j of P times y.
pub(super) fn p_dot(flow: &Flow<'_>, j: usize, y: &[f64]) -> f64 {
    let (a, b) = (flow.row[j] as usize, flow.row[j + 1] as usize);
    (a..b).map(|e| flow.p[e] * y[flow.col[e] as usize]).sum()
}

/// The exact remembered figure and, when asked, its derivatives.
#[derive(Debug, Clone, Default)]
pub(super) struct Memory {
    pub value: f64,
    /// ∂R/∂α_j (start probabilities moved one at a time, not renormalised).
    pub d_alpha: Vec<f64>,
    /// ∂R/∂d_j.
    pub d_dropout: Vec<f64>,
    /// ∂R/∂f_j for an increase of f_j (see the module), where `slopes[j]`.
    pub d_felt: Vec<f64>,
    /// False where f_j ties another touchpoint's |f|: the slope is one-sided.
    pub smooth: Vec<bool>,
    /// Where not smooth: what to add to ∂R/∂d_j for an increase of f_j
    /// (the order of the peak just after the increase, not at the tie).
    pub d_dropout_after: Vec<f64>,
}

/// How many factorisations [`remembered`] makes: its cost in solves.
pub(super) fn levels(flow: &Flow<'_>) -> usize {
    let mut a: Vec<f64> = flow
        .felt
        .iter()
        .map(|f| f.abs())
        .filter(|&f| f > 0.0)
        .collect();
    a.sort_unstable_by(|x, y| y.total_cmp(x));
    a.dedup();
    a.len()
}

/// The factorisations the remembered experience's slopes take beyond its
/// levels': about eight for each touchpoint whose slope is
/// asked that ties another in |felt| (`tied_slope`: four peak parts of
/// two), two for one at felt 0.
pub(super) fn tie_factorisations(flow: &Flow<'_>, slopes: &[bool]) -> f64 {
    let mut at: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for &f in &flow.felt {
        if f != 0.0 {
            *at.entry(f.abs().to_bits()).or_insert(0) += 1;
        }
    }
    (0..flow.n)
        .filter(|&i| slopes[i])
        .map(|i| {
            let f = flow.felt[i];
            if f == 0.0 {
                2.0
            } else if at.get(&f.abs().to_bits()).is_some_and(|&c| c > 1) {
                8.0
            } else {
                0.0
            }
        })
        .sum()
}

/// The exact remembered figure of a solved flow, with its gradient when
/// `slopes` is given (`slopes[j]`: the felt slope of j is wanted).
pub(super) fn remembered(
    flow: &Flow<'_>,
    solved: &Solved,
    w: &RememberWeights,
    slopes: Option<&[bool]>,
) -> Result<Memory> {
    let n = flow.n;
    let grad = slopes.is_some();
    let mut m = Memory {
        smooth: vec![true; n],
        ..Memory::default()
    };
    if grad {
        m.d_alpha = vec![0.0; n];
        m.d_dropout = vec![0.0; n];
        m.d_felt = vec![0.0; n];
        m.d_dropout_after = vec![0.0; n];
    }
    let v = &solved.visits;
    let stop: Vec<f64> = (0..n)
        .map(|i| if flow.is_end(i) { 1.0 } else { flow.dropout[i] })
        .collect();

    // End.
    if w.end != 0.0 {
        let g: Vec<f64> = (0..n).map(|i| stop[i] * flow.felt[i]).collect();
        m.value += w.end * dot(v, &g);
        if grad {
            let z = solved.q.backward(flow, &g);
            for j in 0..n {
                m.d_alpha[j] += w.end * z[j];
                m.d_felt[j] += w.end * v[j] * stop[j];
                if !flow.is_end(j) {
                    m.d_dropout[j] += w.end * v[j] * (flow.felt[j] - p_dot(flow, j, &z));
                }
            }
        }
    }

    // Mean (the journey's meanFelt, see the module).
    let total: f64 = v.iter().sum();
    if w.mean != 0.0 && total > 0.0 {
        let mean = dot(v, &flow.felt) / total;
        m.value += w.mean * mean;
        if grad {
            let nf = solved.q.backward(flow, &flow.felt);
            let t = solved.q.backward(flow, &vec![1.0; n]);
            for j in 0..n {
                let dn = p_dot(flow, j, &nf) - mean * p_dot(flow, j, &t);
                m.d_alpha[j] += w.mean * (nf[j] - mean * t[j]) / total;
                m.d_dropout[j] -= w.mean * v[j] * dn / total;
                m.d_felt[j] += w.mean * v[j] / total;
            }
        }
    }

    // Peak, level by level, most intense first.
    if w.peak != 0.0 {
        let mut order: Vec<usize> = (0..n).filter(|&i| flow.felt[i] != 0.0).collect();
        crate::sort::sort_by(&mut order, |&x, &y| {
            flow.felt[y].abs().total_cmp(&flow.felt[x].abs())
        });
        let mut higher = vec![false; n];
        let mut k = 0;
        while k < order.len() {
            let level_of = |i: usize| flow.felt[i].abs();
            let top = level_of(order[k]);
            let mut end = k;
            while end < order.len() && level_of(order[end]) == top {
                end += 1;
            }
            let level = &order[k..end];
            let part = peak_part(flow, &higher, level, grad.then_some(&mut m), w.peak)?;
            m.value += w.peak * part.value;
            if let Some(slopes) = slopes {
                for (&i, &wi) in level.iter().zip(&part.weights) {
                    if level.len() == 1 {
                        m.d_felt[i] += w.peak * wi;
                    } else if slopes[i] {
                        m.smooth[i] = false;
                        let (slope, after) = tied_slope(flow, &higher, level, i)?;
                        m.d_felt[i] += w.peak * slope;
                        m.d_dropout_after[i] = w.peak * after;
                    }
                }
            }
            for &i in level {
                higher[i] = true;
            }
            k = end;
        }
        // A felt emotion of 0 raised a little: the peak only of walks that
        // meet nothing more intense.
        if let Some(slopes) = slopes {
            for i in 0..n {
                if slopes[i] && flow.felt[i] == 0.0 {
                    let mut above = higher.clone();
                    above[i] = false;
                    let part = peak_part(flow, &above, &[i], None, 0.0)?;
                    m.d_felt[i] += w.peak * part.weights[0];
                }
            }
        }
    }
    Ok(m)
}

/// One level's share of E[peak] and each member's chance to be the peak.
struct Part {
    value: f64,
    weights: Vec<f64>,
}

/// E[peak] restricted to the touchpoints of `level` (equal |f|), with
/// `higher` the strictly more intense ones; adds a·∂/∂α and a·∂/∂d to
/// `grad` when given.
fn peak_part(
    flow: &Flow<'_>,
    higher: &[bool],
    level: &[usize],
    grad: Option<&mut Memory>,
    a: f64,
) -> Result<Part> {
    let n = flow.n;
    let mut in_level = vec![false; n];
    for &i in level {
        in_level[i] = true;
    }
    let stop_f: Vec<f64> = (0..n)
        .map(|i| {
            if higher[i] || in_level[i] {
                1.0
            } else {
                flow.dropout[i]
            }
        })
        .collect();
    let stop_b: Vec<f64> = (0..n)
        .map(|i| if higher[i] { 1.0 } else { flow.dropout[i] })
        .collect();
    let chain_f = Chain::new(flow, &stop_f, None)?;
    let x = chain_f.forward(flow, &flow.alpha);
    let (chain_b, y) = if higher.iter().any(|h| *h) {
        let chain_b = Chain::new(flow, &stop_b, None)?;
        let r: Vec<f64> = higher.iter().map(|&h| if h { 1.0 } else { 0.0 }).collect();
        let y = chain_b.backward(flow, &r);
        (Some(chain_b), y)
    } else {
        (None, vec![0.0; n])
    };
    let weights: Vec<f64> = level.iter().map(|&i| x[i] * (1.0 - y[i])).collect();
    let value = level
        .iter()
        .zip(&weights)
        .map(|(&i, &wi)| flow.felt[i] * wi)
        .sum();
    if let Some(m) = grad {
        let mut c = vec![0.0; n];
        for &i in level {
            c[i] = flow.felt[i] * (1.0 - y[i]);
        }
        let z = chain_f.backward(flow, &c);
        for j in 0..n {
            m.d_alpha[j] += a * z[j];
            if !(higher[j] || in_level[j]) {
                m.d_dropout[j] -= a * x[j] * p_dot(flow, j, &z);
            }
        }
        if let Some(chain_b) = chain_b {
            let mut c2 = vec![0.0; n];
            for &i in level {
                c2[i] = flow.felt[i] * x[i];
            }
            let u = chain_b.forward(flow, &c2);
            for j in 0..n {
                if !higher[j] {
                    m.d_dropout[j] += a * u[j] * p_dot(flow, j, &y);
                }
            }
        }
    }
    Ok(Part { value, weights })
}

/// The slope of E[peak] in f_i for an increase, i tied with the rest of
/// `level`: i alone just above the others (f_i > 0: |f_i| grows) or just
/// below them (f_i < 0: |f_i| shrinks); and what that order adds to
/// ∂E[peak]/∂d_i (an emotion moves its dropout too).
fn tied_slope(flow: &Flow<'_>, higher: &[bool], level: &[usize], i: usize) -> Result<(f64, f64)> {
    let n = flow.n;
    let scratch = || Memory {
        d_alpha: vec![0.0; n],
        d_dropout: vec![0.0; n],
        ..Memory::default()
    };
    let (mut at_tie, mut after) = (scratch(), scratch());
    peak_part(flow, higher, level, Some(&mut at_tie), 1.0)?;
    let rest: Vec<usize> = level.iter().copied().filter(|&j| j != i).collect();
    let (first, second) = if flow.felt[i] < 0.0 {
        (rest.clone(), vec![i])
    } else {
        (vec![i], rest.clone())
    };
    peak_part(flow, higher, &first, Some(&mut after), 1.0)?;
    let mut above = higher.to_vec();
    for &j in &first {
        above[j] = true;
    }
    let own = peak_part(flow, &above, &second, Some(&mut after), 1.0)?;
    let slope = if flow.felt[i] < 0.0 {
        own.weights[0]
    } else {
        peak_part(flow, higher, &[i], None, 0.0)?.weights[0]
    };
    Ok((slope, after.d_dropout[i] - at_tie.d_dropout[i]))
}
